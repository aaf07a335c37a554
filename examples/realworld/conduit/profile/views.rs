//! Flask's `profile/views.py`: the `profiles` blueprint.

use axum::extract::State;
use axum::{Extension, Json};
use flaxum::{blueprint, delete, get, post};

use super::models::{follow, is_following, unfollow};
use super::serializers::{ProfileEnvelope, ProfileJson};
use crate::realworld::exceptions::InvalidUsage;
use crate::realworld::extensions::Conduit;
use crate::realworld::user::models::User;
use crate::realworld::utils::{jwt_optional, jwt_required, CurrentUser};

/// The user called `username`, or 404.
async fn user_named(app: &Conduit, username: &str) -> Result<User, InvalidUsage> {
    User::find_by_username(&app.db, username)
        .await?
        .ok_or_else(InvalidUsage::user_not_found)
}

/// `user`'s profile as `viewer` sees it.
async fn profile_of(
    app: &Conduit,
    user: User,
    viewer: Option<i64>,
) -> Result<Json<ProfileEnvelope>, InvalidUsage> {
    let following = is_following(&app.db, viewer, user.id).await?;
    let profile = ProfileJson::new(user, following);
    Ok(Json(ProfileEnvelope { profile }))
}

/// `GET /api/profiles/<username>`: anyone's profile; `following` says
/// whether the user of the token follows them.
#[get("/api/profiles/<username>", middleware = [jwt_optional])]
pub async fn get_profile(
    username: String,
    State(app): State<Conduit>,
    me: Option<Extension<CurrentUser>>,
) -> Result<Json<ProfileEnvelope>, InvalidUsage> {
    let user = user_named(&app, &username).await?;
    let viewer = me.map(|Extension(me)| me.user.id);
    profile_of(&app, user, viewer).await
}

/// `POST /api/profiles/<username>/follow`.
#[post("/api/profiles/<username>/follow", middleware = [jwt_required])]
pub async fn follow_user(
    username: String,
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
) -> Result<Json<ProfileEnvelope>, InvalidUsage> {
    let user = user_named(&app, &username).await?;
    follow(&app.db, &me.user, &user).await?;
    profile_of(&app, user, Some(me.user.id)).await
}

/// `DELETE /api/profiles/<username>/follow`.
#[delete("/api/profiles/<username>/follow", middleware = [jwt_required])]
pub async fn unfollow_user(
    username: String,
    State(app): State<Conduit>,
    Extension(me): Extension<CurrentUser>,
) -> Result<Json<ProfileEnvelope>, InvalidUsage> {
    let user = user_named(&app, &username).await?;
    unfollow(&app.db, &me.user, &user).await?;
    profile_of(&app, user, Some(me.user.id)).await
}

blueprint!(pub bp = "profiles", routes = [get_profile, follow_user, unfollow_user]);
