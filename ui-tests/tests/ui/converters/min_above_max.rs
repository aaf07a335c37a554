// A range whose `min` is above its `max` matches nothing.
use flaxum::{get, routes, App};

#[get("/pages/<int(min=10, max=1):n>")]
async fn page(n: u32) -> String {
    format!("page {n}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![page]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
