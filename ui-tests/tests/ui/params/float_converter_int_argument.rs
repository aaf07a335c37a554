// `<float:x>` fills an `f32` or `f64` argument, not a `u32`.
use flaxum::{get, routes, App};

#[get("/scale/<float:x>")]
async fn scale(x: u32) -> String {
    format!("{x}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![scale]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
