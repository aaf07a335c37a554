// Two parameters of one route cannot share a name.
use flaxum::{get, routes, App};

#[get("/users/<int:id>/posts/<int:id>")]
async fn post(id: u64) -> String {
    format!("post {id}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![post]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
