// The parameters of every stacked route are checked against the signature
// in the same compile as the paths: a missing argument in one route, a bad
// path in another.
use flaxum::{get, post, routes, App};

#[get("/users/<int:id>/<name>")]
#[post("/users/<int:id>/<nick-name>")]
async fn update(id: u64) -> String {
    format!("user {id}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![update]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
