// `Json` consumes the body, so it must be the last argument.
use axum::http::HeaderMap;
use axum::Json;
use flaxum::{post, routes, App};

#[post("/users")]
async fn create(Json(name): Json<String>, headers: HeaderMap) -> String {
    format!("{name} ({} headers)", headers.len())
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![create]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
