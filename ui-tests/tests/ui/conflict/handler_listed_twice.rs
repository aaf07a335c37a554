// The same handler given twice to `routes!`.
use flaxum::{get, routes, App};

#[get("/")]
async fn index() -> &'static str {
    "Hello, World!"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![index, index]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
