// A route attribute needs its path.
use flaxum::{get, routes, App};

#[get]
async fn index() -> &'static str {
    "Hello, World!"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![index]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
