// `uuid` takes no arguments.
use flaxum::{get, routes, App};

#[get("/orders/<uuid(4):id>")]
async fn order(id: String) -> String {
    id
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![order]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
