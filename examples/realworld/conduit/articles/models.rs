//! Flask's `articles/models.py`: articles, their tags, favorites and
//! comments, and the queries the views make of them.
//!
//! An article is read with its author, its tags, how many favorited it,
//! and, for the user asking (the `viewer`, id 0 for nobody), whether they
//! favorited it and follow its author: the Flask model's properties
//! (`favoritesCount`, `favorited`, the author's `following`), computed in
//! one query per page rather than one per article.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::realworld::database::{now, optional_text, query_with, Arg, Db};
use crate::realworld::user::models::{is_unique_violation, User};

/// An article with everything its JSON shows.
#[derive(Clone, Debug)]
pub struct Article {
    /// The key.
    pub id: i64,
    /// The title's slug (unique).
    pub slug: String,
    /// The title.
    pub title: String,
    /// The description.
    pub description: String,
    /// The text.
    pub body: String,
    /// When written.
    pub created_at: String,
    /// When last changed.
    pub updated_at: String,
    /// Who wrote it.
    pub author: User,
    /// Its tags, sorted.
    pub tags: Vec<String>,
    /// How many users favorited it.
    pub favorites_count: i64,
    /// Whether the viewer favorited it.
    pub favorited: bool,
    /// Whether the viewer follows its author.
    pub following: bool,
}

/// The columns of an article as the views show it; `$1` is the viewer.
const ARTICLE_SELECT: &str = "SELECT a.id, a.slug, a.title, a.description, a.body, \
       a.created_at, a.updated_at, a.author_id, \
       u.username, u.email, u.password, u.bio, u.image, \
       u.created_at AS user_created_at, u.updated_at AS user_updated_at, \
       (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id) AS favorites_count, \
       (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id AND f.user_id = $1) AS favorited, \
       (SELECT COUNT(*) FROM follows w WHERE w.followed = a.author_id AND w.follower = $1) AS following \
     FROM articles a JOIN users u ON u.id = a.author_id";

/// The author of a row that joined `users` as `u`.
fn author_of(row: &AnyRow, id_column: &str) -> Result<User, sqlx::Error> {
    Ok(User {
        id: row.try_get(id_column)?,
        username: row.try_get("username")?,
        email: row.try_get("email")?,
        password: row.try_get("password")?,
        bio: optional_text(row, "bio")?,
        image: optional_text(row, "image")?,
        created_at: row.try_get("user_created_at")?,
        updated_at: row.try_get("user_updated_at")?,
    })
}

impl Article {
    fn from_row(row: &AnyRow) -> Result<Article, sqlx::Error> {
        Ok(Article {
            id: row.try_get("id")?,
            slug: row.try_get("slug")?,
            title: row.try_get("title")?,
            description: row.try_get("description")?,
            body: row.try_get("body")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            author: author_of(row, "author_id")?,
            tags: Vec::new(),
            favorites_count: row.try_get("favorites_count")?,
            favorited: row.try_get::<i64, _>("favorited")? > 0,
            following: row.try_get::<i64, _>("following")? > 0,
        })
    }
}

/// Which articles `GET /api/articles` and the feed list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Tagged so.
    pub tag: Option<String>,
    /// Written by this username.
    pub author: Option<String>,
    /// Favorited by this username.
    pub favorited: Option<String>,
    /// Written by users this user id follows (the feed).
    pub followed_by: Option<i64>,
    /// At most this many.
    pub limit: i64,
    /// After skipping this many.
    pub offset: i64,
}

impl Filter {
    /// The `WHERE` clause, its placeholders numbered from `$first`, and
    /// the values they take.
    fn clause(&self, first: usize) -> (String, Vec<Arg>) {
        let mut conditions = Vec::new();
        let mut args = Vec::new();
        let mut add = |condition: &str, arg: Arg| {
            let n = first + args.len();
            conditions.push(condition.replace('?', &format!("${n}")));
            args.push(arg);
        };
        if let Some(tag) = &self.tag {
            add(
                "a.id IN (SELECT at.article_id FROM article_tags at \
                 JOIN tags t ON t.id = at.tag_id WHERE t.tagname = ?)",
                Arg::Text(tag.clone()),
            );
        }
        if let Some(author) = &self.author {
            add("u.username = ?", Arg::Text(author.clone()));
        }
        if let Some(fan) = &self.favorited {
            add(
                "a.id IN (SELECT f.article_id FROM favorites f \
                 JOIN users fu ON fu.id = f.user_id WHERE fu.username = ?)",
                Arg::Text(fan.clone()),
            );
        }
        if let Some(follower) = self.followed_by {
            add(
                "a.author_id IN (SELECT w.followed FROM follows w WHERE w.follower = ?)",
                Arg::Int(follower),
            );
        }
        if conditions.is_empty() {
            (String::new(), args)
        } else {
            (format!(" WHERE {}", conditions.join(" AND ")), args)
        }
    }
}

/// The articles `filter` picks, newest first, for `viewer`, and how many
/// it picks in all (`articlesCount`).
pub async fn list(
    db: &Db,
    viewer: i64,
    filter: &Filter,
) -> Result<(Vec<Article>, i64), sqlx::Error> {
    let (clause, mut args) = filter.clause(2);
    let n = args.len() + 2;
    let sql = format!(
        "{ARTICLE_SELECT}{clause} ORDER BY a.created_at DESC, a.id DESC LIMIT ${n} OFFSET ${}",
        n + 1
    );
    args.insert(0, Arg::Int(viewer));
    args.push(Arg::Int(filter.limit));
    args.push(Arg::Int(filter.offset));
    let rows = query_with(&sql, &args).fetch_all(db.pool()).await?;
    let mut articles = rows
        .iter()
        .map(Article::from_row)
        .collect::<Result<Vec<_>, _>>()?;
    add_tags(db, &mut articles).await?;
    let (clause, args) = filter.clause(1);
    let count_sql =
        format!("SELECT COUNT(*) FROM articles a JOIN users u ON u.id = a.author_id{clause}");
    let count: i64 = query_with(&count_sql, &args)
        .fetch_one(db.pool())
        .await?
        .try_get(0)?;
    Ok((articles, count))
}

/// Fills in the tags of `articles`, sorted by name (the order the suite
/// expects; the Flask app keeps the order they were added in).
async fn add_tags(db: &Db, articles: &mut [Article]) -> Result<(), sqlx::Error> {
    if articles.is_empty() {
        return Ok(());
    }
    let placeholders = (1..=articles.len())
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>();
    let sql = format!(
        "SELECT at.article_id, t.tagname FROM article_tags at \
         JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN ({})",
        placeholders.join(", ")
    );
    let ids = articles.iter().map(|a| Arg::Int(a.id)).collect::<Vec<_>>();
    for row in query_with(&sql, &ids).fetch_all(db.pool()).await? {
        let (id, tag): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
        if let Some(article) = articles.iter_mut().find(|a| a.id == id) {
            article.tags.push(tag);
        }
    }
    for article in articles {
        article.tags.sort();
    }
    Ok(())
}

/// The article called `slug`, as `viewer` sees it.
pub async fn get_by_slug(db: &Db, slug: &str, viewer: i64) -> Result<Option<Article>, sqlx::Error> {
    let sql = format!("{ARTICLE_SELECT} WHERE a.slug = $2");
    let row = sqlx::query(&sql)
        .bind(viewer)
        .bind(slug.to_owned())
        .fetch_optional(db.pool())
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut article = [Article::from_row(&row)?];
    add_tags(db, &mut article).await?;
    let [article] = article;
    Ok(Some(article))
}

/// What a new article is made of.
pub struct NewArticle<'a> {
    /// Its slug, made from the title.
    pub slug: &'a str,
    /// The title.
    pub title: &'a str,
    /// The description.
    pub description: &'a str,
    /// The text.
    pub body: &'a str,
    /// Its tags (repeats are kept once).
    pub tags: &'a [String],
}

/// Saves a new article by `author` with its tags, in one transaction;
/// `false` if its slug is taken.
pub async fn create(db: &Db, author: &User, new: &NewArticle<'_>) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let stamp = now();
    let inserted = sqlx::query(
        "INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(new.slug.to_owned())
    .bind(new.title.to_owned())
    .bind(new.description.to_owned())
    .bind(new.body.to_owned())
    .bind(author.id)
    .bind(stamp)
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(row) => row.try_get(0)?,
        Err(e) if is_unique_violation(&e) => return Ok(false),
        Err(e) => return Err(e),
    };
    for tag in new.tags {
        sqlx::query("INSERT INTO tags (tagname) VALUES ($1) ON CONFLICT (tagname) DO NOTHING")
            .bind(tag.clone())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO article_tags (article_id, tag_id) \
             SELECT $1, id FROM tags WHERE tagname = $2 \
             ON CONFLICT (article_id, tag_id) DO NOTHING",
        )
        .bind(id)
        .bind(tag.clone())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Changes the given fields of article `id`, and its `updatedAt`.
pub async fn update(
    db: &Db,
    id: i64,
    title: Option<String>,
    description: Option<String>,
    body: Option<String>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE articles SET title = COALESCE($1, title), \
           description = COALESCE($2, description), body = COALESCE($3, body), \
           updated_at = $4 WHERE id = $5",
    )
    .bind(title)
    .bind(description)
    .bind(body)
    .bind(now())
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Deletes article `id` with its comments, favorites and tag links (its
/// tags stay, as in the Flask app).
pub async fn delete(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    for sql in [
        "DELETE FROM comments WHERE article_id = $1",
        "DELETE FROM favorites WHERE article_id = $1",
        "DELETE FROM article_tags WHERE article_id = $1",
        "DELETE FROM articles WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// `user` favorites article `id` (`favourite`); again is nothing.
pub async fn favorite(db: &Db, user: &User, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO favorites (user_id, article_id) VALUES ($1, $2) \
         ON CONFLICT (user_id, article_id) DO NOTHING",
    )
    .bind(user.id)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// `user` no longer favorites article `id` (`unfavourite`).
pub async fn unfavorite(db: &Db, user: &User, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM favorites WHERE user_id = $1 AND article_id = $2")
        .bind(user.id)
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Every tag, in the order they were first used (`Tags.query.all()`).
pub async fn all_tags(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT tagname FROM tags ORDER BY id")
        .fetch_all(db.pool())
        .await
}

/// A comment with its author.
#[derive(Clone, Debug)]
pub struct Comment {
    /// The key.
    pub id: i64,
    /// The text.
    pub body: String,
    /// When written.
    pub created_at: String,
    /// When last changed.
    pub updated_at: String,
    /// Who wrote it.
    pub author: User,
    /// Whether the viewer follows its author.
    pub following: bool,
}

/// The columns of a comment; `$1` is the viewer.
const COMMENT_SELECT: &str = "SELECT c.id, c.body, c.created_at, c.updated_at, c.author_id, \
       u.username, u.email, u.password, u.bio, u.image, \
       u.created_at AS user_created_at, u.updated_at AS user_updated_at, \
       (SELECT COUNT(*) FROM follows w WHERE w.followed = c.author_id AND w.follower = $1) AS following \
     FROM comments c JOIN users u ON u.id = c.author_id";

impl Comment {
    fn from_row(row: &AnyRow) -> Result<Comment, sqlx::Error> {
        Ok(Comment {
            id: row.try_get("id")?,
            body: row.try_get("body")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            author: author_of(row, "author_id")?,
            following: row.try_get::<i64, _>("following")? > 0,
        })
    }
}

/// The comments on article `id`, oldest first, as `viewer` sees them.
pub async fn comments(db: &Db, id: i64, viewer: i64) -> Result<Vec<Comment>, sqlx::Error> {
    let sql = format!("{COMMENT_SELECT} WHERE c.article_id = $2 ORDER BY c.id");
    let rows = sqlx::query(&sql)
        .bind(viewer)
        .bind(id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(Comment::from_row).collect()
}

/// Comment `comment_id` on article `article_id`, as `viewer` sees it.
pub async fn comment(
    db: &Db,
    article_id: i64,
    comment_id: i64,
    viewer: i64,
) -> Result<Option<Comment>, sqlx::Error> {
    let sql = format!("{COMMENT_SELECT} WHERE c.article_id = $2 AND c.id = $3");
    let row = sqlx::query(&sql)
        .bind(viewer)
        .bind(article_id)
        .bind(comment_id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(Comment::from_row).transpose()
}

/// Saves `body` as `author`'s comment on article `article_id`; its id.
pub async fn add_comment(
    db: &Db,
    article_id: i64,
    author: &User,
    body: &str,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO comments (body, article_id, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(body.to_owned())
    .bind(article_id)
    .bind(author.id)
    .bind(now())
    .fetch_one(db.pool())
    .await?;
    row.try_get(0)
}

/// Deletes comment `id`.
pub async fn delete_comment(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM comments WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}
