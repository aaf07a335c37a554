// The argument's name, not its position, binds a parameter: `user_id` does
// not receive `<id>`.
use flaxum::{get, routes, App};

#[get("/users/<int:id>")]
async fn user(user_id: u64) -> String {
    format!("user {user_id}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
