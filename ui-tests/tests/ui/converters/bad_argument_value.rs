// `min` of `int` is an integer.
use flaxum::{get, routes, App};

#[get("/pages/<int(min=one):n>")]
async fn page(n: u32) -> String {
    format!("page {n}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![page]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
