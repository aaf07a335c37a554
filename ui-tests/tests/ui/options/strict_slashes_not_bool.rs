// `strict_slashes` is `true` or `false` (Rust's, not Python's `False`).
use flaxum::{get, routes, App};

#[get("/users/", strict_slashes = False)]
async fn users() -> &'static str {
    "users"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![users]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
