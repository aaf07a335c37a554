// A value must have the handler argument's type.
use flaxum::{get, url_for};

#[get("/users/<int:id>")]
async fn user(id: u64) -> String {
    id.to_string()
}

fn main() {
    let _ = url_for!(user, id = "seven");
}
