// `<int:id>` fills an integer argument, not a `String`.
use flaxum::{get, routes, App};

#[get("/users/<int:id>")]
async fn user(id: String) -> String {
    id
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
