// Flask's converters are string, int, float, uuid, any and path.
use flaxum::{get, routes, App};

#[get("/users/<integer:id>")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
