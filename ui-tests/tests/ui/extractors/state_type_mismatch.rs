// The `State<T>` a handler takes must be the type given to `with_state`.
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
    let app = App::new(routes![index]).with_state(String::from("not a Db"));
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
