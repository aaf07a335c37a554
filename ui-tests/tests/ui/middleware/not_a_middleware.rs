// A route's `middleware` lists functions declared with `#[middleware]`.
use flaxum::{get, routes, App};

async fn log() {}

#[allow(non_camel_case_types)]
struct log_marker;

#[get("/", middleware = [log_marker])]
async fn index() -> &'static str {
    "hi"
}

#[tokio::main]
async fn main() {
    let _ = log;
    flaxum::serve("127.0.0.1:5000", App::new(routes![index])).await.unwrap();
}
