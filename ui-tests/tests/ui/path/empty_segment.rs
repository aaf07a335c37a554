// `//` would be an empty segment, which no request reaches.
use flaxum::{get, routes, App};

#[get("/users//list")]
async fn list() -> &'static str {
    "users"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![list]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
