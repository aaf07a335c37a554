//! Flask's `user/models.py`: the `User` model and its queries.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::realworld::database::{now, optional_text, Db};

/// A user (the `users` table).
#[derive(Clone, Debug)]
pub struct User {
    /// The key tokens name.
    pub id: i64,
    /// Unique, at most 80 characters.
    pub username: String,
    /// Unique, at most 100 characters.
    pub email: String,
    /// The Argon2id PHC string.
    pub password: String,
    /// At most 300 characters.
    pub bio: Option<String>,
    /// A URL, at most 120 characters.
    pub image: Option<String>,
    /// When registered.
    pub created_at: String,
    /// When last changed.
    pub updated_at: String,
}

const COLUMNS: &str = "id, username, email, password, bio, image, created_at, updated_at";

/// The changes `PUT /api/user` makes; `None` leaves a column as it is.
#[derive(Debug, Default)]
pub struct Changes {
    /// A new username.
    pub username: Option<String>,
    /// A new email.
    pub email: Option<String>,
    /// A new password's hash.
    pub password: Option<String>,
    /// A new bio, or `Some(None)` to clear it.
    pub bio: Option<Option<String>>,
    /// A new image.
    pub image: Option<String>,
}

impl User {
    fn from_row(row: &AnyRow) -> Result<User, sqlx::Error> {
        Ok(User {
            id: row.try_get("id")?,
            username: row.try_get("username")?,
            email: row.try_get("email")?,
            password: row.try_get("password")?,
            bio: optional_text(row, "bio")?,
            image: optional_text(row, "image")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    }

    async fn find(db: &Db, column: &str, value: &str) -> Result<Option<User>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE {column} = $1");
        let row = sqlx::query(&sql)
            .bind(value.to_owned())
            .fetch_optional(db.pool())
            .await?;
        row.as_ref().map(User::from_row).transpose()
    }

    /// `User.get_by_id(id)`.
    pub async fn get_by_id(db: &Db, id: i64) -> Result<Option<User>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(db.pool()).await?;
        row.as_ref().map(User::from_row).transpose()
    }

    /// `User.query.filter_by(email=email).first()`.
    pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<User>, sqlx::Error> {
        User::find(db, "email", email).await
    }

    /// `User.query.filter_by(username=username).first()`.
    pub async fn find_by_username(db: &Db, username: &str) -> Result<Option<User>, sqlx::Error> {
        User::find(db, "username", username).await
    }

    /// Which of `username` and `email` another user than `except` has.
    pub async fn taken(
        db: &Db,
        username: Option<&str>,
        email: Option<&str>,
        except: i64,
    ) -> Result<(bool, bool), sqlx::Error> {
        let mut taken = (false, false);
        if let Some(name) = username {
            let found = User::find_by_username(db, name).await?;
            taken.0 = found.is_some_and(|u| u.id != except);
        }
        if let Some(email) = email {
            let found = User::find_by_email(db, email).await?;
            taken.1 = found.is_some_and(|u| u.id != except);
        }
        Ok(taken)
    }

    /// Inserts a user (`User(username, email, password).save()`); `None`
    /// if the username or email was taken meanwhile.
    pub async fn create(
        db: &Db,
        username: &str,
        email: &str,
        password_hash: &str,
    ) -> Result<Option<User>, sqlx::Error> {
        let stamp = now();
        let sql = format!(
            "INSERT INTO users (username, email, password, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING {COLUMNS}"
        );
        let inserted = sqlx::query(&sql)
            .bind(username.to_owned())
            .bind(email.to_owned())
            .bind(password_hash.to_owned())
            .bind(stamp)
            .fetch_one(db.pool())
            .await;
        match inserted {
            Ok(row) => User::from_row(&row).map(Some),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Saves `changes` (`user.update(**kwargs)`); `None` if the new
    /// username or email was taken meanwhile.
    pub async fn update(&self, db: &Db, changes: Changes) -> Result<Option<User>, sqlx::Error> {
        let (bio_set, bio) = match changes.bio {
            Some(bio) => (1i64, bio),
            None => (0, None),
        };
        let sql = format!(
            "UPDATE users SET \
               username = COALESCE($1, username), \
               email = COALESCE($2, email), \
               password = COALESCE($3, password), \
               bio = CASE WHEN $4 = 1 THEN $5 ELSE bio END, \
               image = COALESCE($6, image), \
               updated_at = $7 \
             WHERE id = $8 RETURNING {COLUMNS}"
        );
        let updated = sqlx::query(&sql)
            .bind(changes.username)
            .bind(changes.email)
            .bind(changes.password)
            .bind(bio_set)
            .bind(bio)
            .bind(changes.image)
            .bind(now())
            .bind(self.id)
            .fetch_one(db.pool())
            .await;
        match updated {
            Ok(row) => User::from_row(&row).map(Some),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Whether `e` is a `UNIQUE` constraint refusing a row (SQLAlchemy's
/// `IntegrityError` in the Flask app).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => db.is_unique_violation(),
        _ => false,
    }
}
