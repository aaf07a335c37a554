// A catch-all takes the rest of the path, so nothing can follow it.
use flaxum::{get, routes, App};

#[get("/files/<path:rest>/raw")]
async fn raw_file(rest: String) -> String {
    rest
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![raw_file]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
