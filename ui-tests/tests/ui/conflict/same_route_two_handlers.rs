// Two handlers for the same method and path (up to the parameter's name):
// the error names both handlers and both paths.
use flaxum::{get, routes, App};

#[get("/users/<int:id>")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

#[get("/users/<int:user_id>")]
async fn profile(user_id: u64) -> String {
    format!("profile {user_id}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user, profile]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
