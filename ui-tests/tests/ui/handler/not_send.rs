// A handler's future must be `Send`: the server runs it on any worker
// thread. An `Rc` held across an `.await` makes it not `Send`.
use std::rc::Rc;

use flaxum::{get, routes, App};

#[get("/users/<int:id>")]
async fn user(id: u64) -> String {
    let name = Rc::new(format!("user {id}"));
    tokio::task::yield_now().await;
    name.to_string()
}

#[get("/")]
async fn index() -> &'static str {
    let shared = Rc::new(());
    tokio::task::yield_now().await;
    drop(shared);
    "index"
}

#[get("/hello/<name>")]
async fn hello(name: &str) -> String {
    let greeting = Rc::new(format!("hello {name}"));
    tokio::task::yield_now().await;
    greeting.to_string()
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user, index, hello]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
