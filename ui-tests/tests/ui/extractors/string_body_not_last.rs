// A `String` that is not a path parameter is the request body, so it must
// be the last argument.
use axum::extract::Query;
use flaxum::{post, routes, App};
use std::collections::HashMap;

#[post("/notes")]
async fn create(body: String, Query(q): Query<HashMap<String, String>>) -> String {
    format!("{body} {q:?}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![create]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
