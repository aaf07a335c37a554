// The query string is not part of a route.
use flaxum::{get, routes, App};

#[get("/search?q=<q>")]
async fn search() -> &'static str {
    "results"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![search]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
