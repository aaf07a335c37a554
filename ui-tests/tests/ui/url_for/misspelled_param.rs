// A misspelled name leaves the parameter without a value; the message
// names both.
use flaxum::{get, url_for};

#[get("/users/<int:id>")]
async fn user(id: u64) -> String {
    id.to_string()
}

fn main() {
    let _ = url_for!(user, idd = 7);
}
