// `methods` names HTTP methods.
use flaxum::{route, routes, App};

#[route("/users", methods = ["GET", "FETCH"])]
async fn users() -> &'static str {
    "users"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![users]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
