// Stacked routes of one handler must give it the same parameters.
use flaxum::{get, routes, App};

#[get("/users/<int:id>")]
#[get("/me")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
