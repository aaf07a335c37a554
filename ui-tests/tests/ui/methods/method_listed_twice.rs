// A method is listed once (names are case-insensitive, as in Flask).
use flaxum::{route, routes, App};

#[route("/login", methods = ["GET", "POST", "get"])]
async fn login() -> &'static str {
    "login"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![login]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
