// Converters are written in Flask's syntax, not inside `{…}`.
use flaxum::{get, routes, App};

#[get("/users/{id:int}")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
