// Route options are `methods` (on `#[route]`) and `strict_slashes`.
use flaxum::{get, routes, App};

#[get("/users/", strict_slash = false)]
async fn users() -> &'static str {
    "users"
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![users]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
