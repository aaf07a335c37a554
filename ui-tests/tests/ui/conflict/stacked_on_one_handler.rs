// Two stacked routes of one handler that overlap.
use flaxum::{get, route, routes, App};

#[get("/login")]
#[route("/login", methods = ["GET", "POST"])]
async fn login() -> &'static str {
    "login"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![login]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
