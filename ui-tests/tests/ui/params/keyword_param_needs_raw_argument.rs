// `:ref` is received by `r#ref`; the message says how to write it.
use flaxum::{get, routes, App};

#[get("/commits/:ref")]
async fn commit(reference: String) -> String {
    reference
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![commit]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
