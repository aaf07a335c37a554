// Extractors of one's own: one from the request head (`FromRequestParts`)
// may come last as it is; one that reads the body (`FromRequest`) is
// marked `#[body]` when it comes last, since its name cannot tell.
use axum::extract::{FromRequest, FromRequestParts, Request};
use flaxum::{get, post, routes, App};
use flaxum_ui_tests::fetch;
use http::request::Parts;
use http::StatusCode;

struct User(String);

impl<S: Send + Sync> FromRequestParts<S> for User {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get("x-user").and_then(|v| v.to_str().ok()) {
            Some(name) => Ok(User(name.to_owned())),
            None => Err(StatusCode::UNAUTHORIZED),
        }
    }
}

struct Shout(String);

impl<S: Send + Sync> FromRequest<S> for Shout {
    type Rejection = StatusCode;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = String::from_request(req, state)
            .await
            .map_err(|_| StatusCode::BAD_REQUEST)?;
        Ok(Shout(body.to_uppercase()))
    }
}

#[get("/me")]
async fn me(user: User) -> String {
    user.0
}

#[post("/shout/<int:times>")]
async fn shout(times: u8, #[body] words: Shout) -> String {
    words.0.repeat(times.into())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let router = App::new(routes![me, shout]).into_router();
    assert_eq!(fetch(&router, "GET", "/me", "").await.0, 401);
    assert_eq!(fetch(&router, "POST", "/shout/2", "hi").await, (200, "HIHI".to_owned()));
}
