// An option named by a Rust keyword is an unknown option like any other,
// in a route attribute and in `routes!`, and is reported by name.
use flaxum::{get, routes, App};

#[get("/users", type = "json")]
async fn users() -> &'static str {
    "users"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![users; static = true]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
