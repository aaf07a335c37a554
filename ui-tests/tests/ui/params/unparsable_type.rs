// A path parameter is parsed with `FromStr`; `Vec<u8>` has none.
use flaxum::{get, routes, App};

#[get("/blobs/<data>")]
async fn blob(data: Vec<u8>) -> String {
    format!("{} bytes", data.len())
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![blob]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
