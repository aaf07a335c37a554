// `page` is no parameter of the route and a `u32` is no extractor: maybe
// the route lacks `<int:page>`, or the value belongs in `Query`.
use flaxum::{get, routes, App};

#[get("/users")]
async fn users(page: u32) -> String {
    format!("page {page}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![users]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
