// `methods` is a list, even of one method.
use flaxum::{route, routes, App};

#[route("/login", methods = "POST")]
async fn login() -> &'static str {
    "login"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![login]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
