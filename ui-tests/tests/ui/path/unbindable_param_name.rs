// `self` is a valid identifier, but no function argument can be named so.
use flaxum::{get, routes, App};

#[get("/users/<self>")]
async fn user() -> &'static str {
    "me"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
