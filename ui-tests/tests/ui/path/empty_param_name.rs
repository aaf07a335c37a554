// `<>` names no parameter.
use flaxum::{get, routes, App};

#[get("/users/<>")]
async fn user() -> &'static str {
    "user"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
