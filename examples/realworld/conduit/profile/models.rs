//! Flask's `profile/models.py`: following (the `followers_assoc` table,
//! here `follows`). The Flask app's `UserProfile` row per user is the user
//! itself here.

use crate::realworld::database::Db;
use crate::realworld::user::models::User;

/// Whether `follower` follows `followed` (`is_following`); nobody (`None`)
/// follows anyone.
pub async fn is_following(
    db: &Db,
    follower: Option<i64>,
    followed: i64,
) -> Result<bool, sqlx::Error> {
    let Some(follower) = follower else {
        return Ok(false);
    };
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM follows WHERE follower = $1 AND followed = $2")
            .bind(follower)
            .bind(followed)
            .fetch_one(db.pool())
            .await?;
    Ok(count > 0)
}

/// `follower` follows `followed` (`follow`): nothing happens if they
/// already do, or if it is the same user, as in the Flask app.
pub async fn follow(db: &Db, follower: &User, followed: &User) -> Result<(), sqlx::Error> {
    if follower.id == followed.id {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO follows (follower, followed) VALUES ($1, $2) \
         ON CONFLICT (follower, followed) DO NOTHING",
    )
    .bind(follower.id)
    .bind(followed.id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// `follower` stops following `followed` (`unfollow`).
pub async fn unfollow(db: &Db, follower: &User, followed: &User) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM follows WHERE follower = $1 AND followed = $2")
        .bind(follower.id)
        .bind(followed.id)
        .execute(db.pool())
        .await?;
    Ok(())
}
