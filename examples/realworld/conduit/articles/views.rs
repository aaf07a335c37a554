//! Flask's `articles/views.py`: the `articles` blueprint (articles,
//! favorites, the feed, tags and comments).

use std::marker::PhantomData;

use axum::extract::{FromRequestParts, Query, State};
use axum::{Extension, Json};
use flaxum::openapi::{Input, Operation};
use flaxum::{blueprint, delete, get, post, put};
use http::request::Parts;
use http::StatusCode;
use schemars::JsonSchema;

use super::models::{self, Article, Filter};
use super::serializers::{
    ArticleEnvelope, ArticleJson, ArticlesEnvelope, CommentEnvelope, CommentJson, CommentsEnvelope,
    NewArticle, NewComment, TagsEnvelope, UpdateArticle,
};
use crate::realworld::exceptions::InvalidUsage;
use crate::realworld::extensions::Conduit;
use crate::realworld::schema::{query_int, Errors, Payload};
use crate::realworld::slugify::slugify;
use crate::realworld::utils::{jwt_optional, jwt_required, CurrentUser};

/// The largest page: a client asking for more gets 422.
const LIMIT_MAX: i64 = 1000;

/// The query string, as pairs (`request.args`); `Q` lists the
/// parameters the view reads, for the OpenAPI document.
pub struct Args<Q>(Vec<(String, String)>, PhantomData<Q>);

impl<S: Send + Sync, Q> FromRequestParts<S> for Args<Q> {
    type Rejection = <Query<Vec<(String, String)>> as FromRequestParts<S>>::Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::from_request_parts(parts, state).await?;
        Ok(Args(pairs, PhantomData))
    }
}

/// Each field of `Q` a query parameter.
impl<Q: JsonSchema> Input for Args<Q> {
    fn describe(op: &mut Operation<'_>) {
        op.query::<Q>();
    }
}

/// The query of `GET /api/articles/feed`.
#[derive(JsonSchema)]
#[schemars(inline)]
#[allow(dead_code)] // only its schema is read
pub struct Page {
    /// How many articles to skip (0 by default).
    #[schemars(range(min = 0))]
    offset: Option<i64>,
    /// How many articles at most (1 to 1000, 20 by default).
    #[schemars(range(min = 1, max = 1000))]
    limit: Option<i64>,
}

/// The query of `GET /api/articles`.
#[derive(JsonSchema)]
#[schemars(inline)]
#[allow(dead_code)] // only its schema is read
pub struct Filters {
    /// Articles with this tag.
    tag: Option<String>,
    /// Articles of this author (a username).
    author: Option<String>,
    /// Articles this user (a username) favorited.
    favorited: Option<String>,
    /// How many articles to skip (0 by default).
    #[schemars(range(min = 0))]
    offset: Option<i64>,
    /// How many articles at most (1 to 1000, 20 by default).
    #[schemars(range(min = 1, max = 1000))]
    limit: Option<i64>,
}

/// The first value of `name` in `args`.
fn arg<'a>(args: &'a [(String, String)], name: &str) -> Option<&'a str> {
    args.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// webargs' `use_kwargs(location='query', args={…, 'limit': fields.Int(),
/// 'offset': fields.Int()})`: the filters, with `limit` 1 to 1000
/// (default 20) and `offset` 0 or more (default 0), else 422.
fn filter_of(args: &[(String, String)], filters: bool) -> Result<Filter, InvalidUsage> {
    let mut errors = Errors::default();
    let limit = query_int(&mut errors, "limit", arg(args, "limit"), (1, LIMIT_MAX, 20));
    let offset = query_int(&mut errors, "offset", arg(args, "offset"), (0, i64::MAX, 0));
    for name in ["tag", "author", "favorited"] {
        if arg(args, name).is_some_and(|v| v.contains('\0')) {
            errors.add(name, "must not contain NUL characters");
        }
    }
    errors.into_result()?;
    let text = |name| {
        filters
            .then(|| arg(args, name).map(str::to_owned))
            .flatten()
    };
    Ok(Filter {
        tag: text("tag"),
        author: text("author"),
        favorited: text("favorited"),
        followed_by: None,
        limit,
        offset,
    })
}

/// The id of the user asking, or 0 (no user's) for nobody.
fn viewer(me: &Option<Extension<CurrentUser>>) -> i64 {
    me.as_ref().map_or(0, |Extension(me)| me.user.id)
}

/// The page of articles `filter` picks, as `viewer` sees it.
async fn page(
    app: &Conduit,
    viewer: i64,
    filter: &Filter,
) -> Result<Json<ArticlesEnvelope>, InvalidUsage> {
    let (articles, count) = models::list(&app.db, viewer, filter).await?;
    Ok(Json(ArticlesEnvelope {
        articles: articles.into_iter().map(ArticleJson::from).collect(),
        articles_count: count,
    }))
}

/// The article `slug` as `viewer` sees it, or 404.
async fn article(app: &Conduit, slug: &str, viewer: i64) -> Result<Article, InvalidUsage> {
    models::get_by_slug(&app.db, slug, viewer)
        .await?
        .ok_or_else(InvalidUsage::article_not_found)
}

/// The article `slug` if `me` wrote it: 404, or 403 for someone else's.
async fn own_article(app: &Conduit, slug: &str, me: &CurrentUser) -> Result<Article, InvalidUsage> {
    let found = article(app, slug, me.user.id).await?;
    if found.author.id != me.user.id {
        return Err(InvalidUsage::article_not_owned());
    }
    Ok(found)
}

/// `{"article": …}` for `article`.
fn envelope(article: Article) -> Json<ArticleEnvelope> {
    Json(ArticleEnvelope {
        article: article.into(),
    })
}

/// `GET /api/articles`: the newest articles, by `tag`, `author` or
/// `favorited` (a username), a page of `limit` after `offset`.
#[get("/api/articles", middleware = [jwt_optional])]
pub async fn get_articles(
    State(app): State<Conduit>,
    me: Option<Extension<CurrentUser>>,
    Args(args, _): Args<Filters>,
) -> Result<Json<ArticlesEnvelope>, InvalidUsage> {
    let filter = filter_of(&args, true)?;
    page(&app, viewer(&me), &filter).await
}

/// `GET /api/articles/feed`: the newest articles of the users followed.
#[get("/api/articles/feed", middleware = [jwt_required])]
pub async fn articles_feed(
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
    Args(args, _): Args<Page>,
) -> Result<Json<ArticlesEnvelope>, InvalidUsage> {
    let filter = Filter {
        followed_by: Some(me.user.id),
        ..filter_of(&args, false)?
    };
    page(&app, me.user.id, &filter).await
}

/// `POST /api/articles`: writes an article (201). Its slug is its title's
/// (`slugify(title)`); a title whose slug another article has, or that
/// has no letter or digit, is a 422.
#[post("/api/articles", middleware = [jwt_required], responses(201 = ArticleEnvelope))]
pub async fn make_article(
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
    #[body] Payload(new): Payload<NewArticle>,
) -> Result<(StatusCode, Json<ArticleEnvelope>), InvalidUsage> {
    let tags = new.tags();
    let title = new.title.unwrap_or_default();
    let slug = slugify(&title);
    let unprocessable =
        |message: &str| InvalidUsage::new(StatusCode::UNPROCESSABLE_ENTITY, "title", message);
    if slug.is_empty() {
        return Err(unprocessable("must contain a letter or a digit"));
    }
    let fields = models::NewArticle {
        slug: &slug,
        title: &title,
        description: new.description.as_deref().unwrap_or_default(),
        body: new.body.as_deref().unwrap_or_default(),
        tags: &tags,
    };
    if !models::create(&app.db, &me.user, &fields).await? {
        return Err(unprocessable("is taken: another article has the same slug"));
    }
    let created = article(&app, &slug, me.user.id).await?;
    Ok((StatusCode::CREATED, envelope(created)))
}

/// `GET /api/articles/<slug>`.
#[get("/api/articles/<slug>", middleware = [jwt_optional])]
pub async fn get_article(
    slug: String,
    State(app): State<Conduit>,
    me: Option<Extension<CurrentUser>>,
) -> Result<Json<ArticleEnvelope>, InvalidUsage> {
    Ok(envelope(article(&app, &slug, viewer(&me)).await?))
}

/// `PUT /api/articles/<slug>`: changes one's own article.
#[put("/api/articles/<slug>", middleware = [jwt_required])]
pub async fn update_article(
    slug: String,
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
    #[body] Payload(changes): Payload<UpdateArticle>,
) -> Result<Json<ArticleEnvelope>, InvalidUsage> {
    let found = own_article(&app, &slug, &me).await?;
    let UpdateArticle {
        title,
        description,
        body,
    } = changes;
    models::update(&app.db, found.id, title, description, body).await?;
    Ok(envelope(article(&app, &slug, me.user.id).await?))
}

/// `DELETE /api/articles/<slug>`: deletes one's own article (204).
#[delete("/api/articles/<slug>", middleware = [jwt_required], responses(204))]
pub async fn delete_article(
    slug: String,
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
) -> Result<StatusCode, InvalidUsage> {
    let found = own_article(&app, &slug, &me).await?;
    models::delete(&app.db, found.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/articles/<slug>/favorite`.
#[post("/api/articles/<slug>/favorite", middleware = [jwt_required])]
pub async fn favorite_an_article(
    slug: String,
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
) -> Result<Json<ArticleEnvelope>, InvalidUsage> {
    let found = article(&app, &slug, me.user.id).await?;
    models::favorite(&app.db, &me.user, found.id).await?;
    Ok(envelope(article(&app, &slug, me.user.id).await?))
}

/// `DELETE /api/articles/<slug>/favorite`.
#[delete("/api/articles/<slug>/favorite", middleware = [jwt_required])]
pub async fn unfavorite_an_article(
    slug: String,
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
) -> Result<Json<ArticleEnvelope>, InvalidUsage> {
    let found = article(&app, &slug, me.user.id).await?;
    models::unfavorite(&app.db, &me.user, found.id).await?;
    Ok(envelope(article(&app, &slug, me.user.id).await?))
}

/// `GET /api/tags`: every tag.
#[get("/api/tags")]
pub async fn get_tags(State(app): State<Conduit>) -> Result<Json<TagsEnvelope>, InvalidUsage> {
    let tags = models::all_tags(&app.db).await?;
    Ok(Json(TagsEnvelope { tags }))
}

/// `GET /api/articles/<slug>/comments`: the comments, oldest first.
#[get("/api/articles/<slug>/comments", middleware = [jwt_optional])]
pub async fn get_comments(
    slug: String,
    State(app): State<Conduit>,
    me: Option<Extension<CurrentUser>>,
) -> Result<Json<CommentsEnvelope>, InvalidUsage> {
    let viewer = viewer(&me);
    let found = article(&app, &slug, viewer).await?;
    let comments = models::comments(&app.db, found.id, viewer).await?;
    let comments = comments.into_iter().map(CommentJson::from).collect();
    Ok(Json(CommentsEnvelope { comments }))
}

/// `POST /api/articles/<slug>/comments`: comments on an article (200, as
/// the spec has it for comments).
#[post("/api/articles/<slug>/comments", middleware = [jwt_required])]
pub async fn make_comment_on_article(
    slug: String,
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
    #[body] Payload(new): Payload<NewComment>,
) -> Result<Json<CommentEnvelope>, InvalidUsage> {
    let found = article(&app, &slug, me.user.id).await?;
    let body = new.body.unwrap_or_default();
    let id = models::add_comment(&app.db, found.id, &me.user, &body).await?;
    let comment = models::comment(&app.db, found.id, id, me.user.id)
        .await?
        .ok_or_else(InvalidUsage::comment_not_found)?;
    Ok(Json(CommentEnvelope {
        comment: comment.into(),
    }))
}

/// `DELETE /api/articles/<slug>/comments/<int:id>`: deletes one's own
/// comment (204); 404 for a comment that is not on that article.
#[delete(
    "/api/articles/<slug>/comments/<int:id>",
    middleware = [jwt_required],
    responses(204)
)]
pub async fn delete_comment_on_article(
    slug: String,
    id: i64,
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
) -> Result<StatusCode, InvalidUsage> {
    let found = article(&app, &slug, me.user.id).await?;
    let comment = models::comment(&app.db, found.id, id, me.user.id)
        .await?
        .ok_or_else(InvalidUsage::comment_not_found)?;
    if comment.author.id != me.user.id {
        return Err(InvalidUsage::comment_not_owned());
    }
    models::delete_comment(&app.db, comment.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

blueprint!(
    pub bp = "articles",
    routes = [
        get_articles,
        articles_feed,
        make_article,
        get_article,
        update_article,
        delete_article,
        favorite_an_article,
        unfavorite_an_article,
        get_tags,
        get_comments,
        make_comment_on_article,
        delete_comment_on_article,
    ],
);
