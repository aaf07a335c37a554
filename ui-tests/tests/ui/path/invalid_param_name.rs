// A parameter name is an identifier: it becomes a handler argument.
use flaxum::{get, routes, App};

#[get("/users/<user-id>")]
async fn user(user_id: String) -> String {
    user_id
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
