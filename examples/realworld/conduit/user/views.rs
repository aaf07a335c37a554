//! Flask's `user/views.py`: the `user` blueprint (register, log in, read
//! and change the current user).

use axum::extract::State;
use axum::{Extension, Json};
use flaxum::{blueprint, get, post, put};
use http::StatusCode;
use tokio::sync::OnceCell;

use super::models::{Changes, User};
use super::serializers::{LoginUser, RegisterUser, UpdateUser, UserEnvelope};
use crate::password;
use crate::realworld::exceptions::InvalidUsage;
use crate::realworld::extensions::Conduit;
use crate::realworld::schema::{Errors, Payload};
use crate::realworld::utils::{jwt_required, CurrentUser};

/// 422 for the username and email that others have.
async fn check_taken(
    app: &Conduit,
    username: Option<&str>,
    email: Option<&str>,
    except: i64,
) -> Result<(), InvalidUsage> {
    let (name_taken, email_taken) = User::taken(&app.db, username, email, except).await?;
    let mut errors = Errors::default();
    if name_taken {
        errors.add("username", "has already been taken");
    }
    if email_taken {
        errors.add("email", "has already been taken");
    }
    errors.into_result()
}

/// A user raced us to the name or email between the check and the write.
fn taken_meanwhile() -> InvalidUsage {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    InvalidUsage::new(status, "username or email", "has already been taken")
}

/// `POST /api/users`: registers a user and logs them in (201).
#[post("/api/users", responses(201 = UserEnvelope))]
pub async fn register_user(
    State(app): State<Conduit>,
    #[body] Payload(new): Payload<RegisterUser>,
) -> Result<(StatusCode, Json<UserEnvelope>), InvalidUsage> {
    let (username, email) = (
        new.username.unwrap_or_default(),
        new.email.unwrap_or_default(),
    );
    check_taken(&app, Some(&username), Some(&email), 0).await?;
    let hashed = password::hash(new.password.unwrap_or_default()).await?;
    let user = User::create(&app.db, &username, &email, &hashed)
        .await?
        .ok_or_else(taken_meanwhile)?;
    let token = app.jwt.create_access_token(user.id)?;
    Ok((StatusCode::CREATED, Json(UserEnvelope::new(user, token))))
}

/// A hash no password matches, checked when the email is unknown, so that
/// an unknown email takes as long to refuse as a wrong password.
async fn decoy_hash() -> Result<String, InvalidUsage> {
    static DECOY: OnceCell<String> = OnceCell::const_new();
    let decoy = DECOY
        .get_or_try_init(|| password::hash("an unknown user has no password".into()))
        .await?;
    Ok(decoy.clone())
}

/// `POST /api/users/login`: a token for the right email and password;
/// 401 otherwise, without saying which was wrong.
#[post("/api/users/login")]
pub async fn login_user(
    State(app): State<Conduit>,
    #[body] Payload(login): Payload<LoginUser>,
) -> Result<Json<UserEnvelope>, InvalidUsage> {
    let email = login.email.unwrap_or_default();
    let user = User::find_by_email(&app.db, &email).await?;
    let stored = match &user {
        Some(user) => user.password.clone(),
        None => decoy_hash().await?,
    };
    let matches = password::verify(login.password.unwrap_or_default(), stored).await?;
    match user {
        Some(user) if matches => {
            let token = app.jwt.create_access_token(user.id)?;
            Ok(Json(UserEnvelope::new(user, token)))
        }
        _ => Err(InvalidUsage::new(
            StatusCode::UNAUTHORIZED,
            "email or password",
            "is invalid",
        )),
    }
}

/// `GET /api/user`: the current user, with the token they sent.
#[get("/api/user", middleware = [jwt_required])]
pub async fn get_user(Extension(current): Extension<CurrentUser>) -> Json<UserEnvelope> {
    Json(UserEnvelope::new(current.user, current.token))
}

/// `PUT /api/user`: changes the current user.
#[put("/api/user", middleware = [jwt_required])]
pub async fn update_user(
    State(app): State<Conduit>,
    Extension(current): Extension<CurrentUser>,
    #[body] Payload(update): Payload<UpdateUser>,
) -> Result<Json<UserEnvelope>, InvalidUsage> {
    let me = &current.user;
    check_taken(&app, update.username.as_deref(), update.email(), me.id).await?;
    let password = match update.password() {
        Some(p) => Some(password::hash(p.to_owned()).await?),
        None => None,
    };
    let changes = Changes {
        email: update.email().map(str::to_owned),
        image: update.image().map(str::to_owned),
        username: update.username,
        password,
        bio: update.bio,
    };
    let user = me
        .update(&app.db, changes)
        .await?
        .ok_or_else(taken_meanwhile)?;
    Ok(Json(UserEnvelope::new(user, current.token)))
}

blueprint!(pub bp = "user", routes = [register_user, login_user, get_user, update_user]);
