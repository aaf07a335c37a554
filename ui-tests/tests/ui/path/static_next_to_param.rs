// A parameter fills its whole segment: no static text beside it.
use flaxum::{get, routes, App};

#[get("/users/:id.json")]
async fn user_json(id: u64) -> String {
    format!("user {id}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user_json]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
