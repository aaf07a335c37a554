// Every path parameter is received by the handler argument of its name.
use flaxum::{get, routes, App};

#[get("/users/<int:id>")]
async fn user() -> &'static str {
    "a user"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
