// A handler is an `async fn`.
use flaxum::{get, routes, App};

#[get("/")]
fn index() -> &'static str {
    "Hello, World!"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![index]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
