// A handler that takes `State<T>` needs an app given that state.
use axum::extract::State;
use flaxum::{get, routes, App};

#[derive(Clone)]
struct Db;

#[get("/")]
async fn index(State(_db): State<Db>) -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![index]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
