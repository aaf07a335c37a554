// A handler returns something axum can turn into a response.
use flaxum::{get, routes, App};

struct User {
    name: String,
}

#[get("/users/<name>")]
async fn user(name: String) -> User {
    User { name }
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
