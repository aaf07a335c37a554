// The path is a string literal: the macro reads it while compiling.
use flaxum::{get, routes, App};

const USERS: &str = "/users";

#[get(USERS)]
async fn users() -> &'static str {
    "users"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![users]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
