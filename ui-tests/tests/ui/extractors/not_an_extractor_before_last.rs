// Same as not_an_extractor, for an argument that is not the last one.
use axum::Json;
use flaxum::{post, routes, App};

#[post("/users")]
async fn create(page: u32, Json(name): Json<String>) -> String {
    format!("{page} {name}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![create]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
