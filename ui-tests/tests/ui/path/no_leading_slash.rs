// A route path starts with "/", as in Flask.
use flaxum::{get, routes, App};

#[get("users")]
async fn users() -> &'static str {
    "users"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![users]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
