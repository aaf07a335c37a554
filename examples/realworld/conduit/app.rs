//! Flask's `conduit/app.py`: the app factory.
//!
//! - `register_blueprints`: the `user`, `profiles` and `articles`
//!   blueprints in `routes![…]`, with `app.url_map.strict_slashes = False`
//!   as `strict_slashes = false`;
//! - `cors.init_app(blueprint, origins=…)`: tower-http's `CorsLayer` on
//!   the app, for the origins of `CORS_ORIGIN_WHITELIST`;
//! - `register_errorhandlers`: `#[errorhandler(InvalidUsage)]`, which
//!   writes the JSON of every error the views raise; and, which the Flask
//!   app leaves to Werkzeug's HTML pages, a JSON 404 for URLs no route
//!   has and a JSON 400 for a path parameter flaxum refuses;
//! - a `GET /api/health` route the Flask app does not have, for load
//!   balancers (`scale-out.sh`);
//! - flask-apispec's document, as flaxum's OpenAPI document of the routes
//!   at `GET /api/openapi.json` (the Flask app serves its own at
//!   `/swagger/`); `tests/realworld_openapi.rs` compares it with the
//!   RealWorld spec.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use flaxum::openapi::Document;
use flaxum::{errorhandler, get, routes, App, AppService};
use http::{header, HeaderValue, Method, StatusCode};
use serde_json::{json, Value};
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::exceptions::InvalidUsage;
use super::extensions::Conduit;
use super::{articles, profile, user};

/// Flask's `errorhandler(InvalidUsage)`: the error as JSON, with its
/// status.
#[errorhandler(InvalidUsage)]
async fn invalid_usage(error: InvalidUsage) -> Response {
    error.to_response()
}

/// A URL no route has: JSON, like every other answer of the API.
#[errorhandler(404)]
async fn not_found() -> Response {
    InvalidUsage::new(StatusCode::NOT_FOUND, "body", "Not Found").to_response()
}

/// flaxum's 400 for a path parameter it refuses (one with a NUL
/// character): JSON too.
#[errorhandler(400)]
async fn bad_request() -> Response {
    InvalidUsage::new(StatusCode::BAD_REQUEST, "body", "Bad Request").to_response()
}

/// `GET /api/health`: 200 while the database answers, for a load
/// balancer's health check; 503 otherwise.
#[get("/api/health", responses(200, 503))]
pub async fn health(State(app): State<Conduit>) -> (StatusCode, Json<Value>) {
    match sqlx::query("SELECT 1").execute(app.db.pool()).await {
        Ok(_) => (StatusCode::OK, Json(json!({"status": "ok"}))),
        Err(e) => {
            eprintln!("conduit: health check: {e}");
            let body = Json(json!({"status": "the database does not answer"}));
            (StatusCode::SERVICE_UNAVAILABLE, body)
        }
    }
}

/// flask-cors with the app's origins: simple and preflighted requests
/// from those origins, with the `Authorization` and `Content-Type`
/// headers the front ends send.
fn cors(origins: &[String]) -> CorsLayer {
    let origins = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect::<Vec<_>>();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::HeaderName::from_static("x-requested-with"),
        ])
}

/// The app's OpenAPI document: the routes' own, with the spec's title and
/// version.
pub fn openapi(doc: Document) -> Document {
    doc.title("RealWorld Conduit API")
        .version("1.1.0")
        .description(
            "The RealWorld (Conduit) API, ported from its Flask reference backend to flaxum.",
        )
}

/// The app, as Flask's `create_app(config_object)` makes it, on the
/// database and keys of `conduit` ([`Conduit::open`]).
pub fn create_app(conduit: Conduit) -> App<impl AppService> {
    let cors = cors(&conduit.cors_origins);
    App::new(routes![
        user::views::bp,
        profile::views::bp,
        articles::views::bp,
        health;
        strict_slashes = false,
        errorhandler = [invalid_usage, bad_request, not_found],
    ])
    .with_state(conduit)
    .serve_openapi_with("/api/openapi.json", openapi)
    .layer(cors)
}
