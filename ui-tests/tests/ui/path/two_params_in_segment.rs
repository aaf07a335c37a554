// Each parameter fills a segment of its own: `{name}.{ext}` is refused.
use flaxum::{get, routes, App};

#[get("/files/{name}.{ext}")]
async fn file(name: String, ext: String) -> String {
    format!("{name}.{ext}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![file]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
