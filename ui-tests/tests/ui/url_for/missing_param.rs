// Every path parameter of the route needs a value.
use flaxum::{get, url_for};

#[get("/users/<int:id>/posts/<slug>")]
async fn post(id: u64, slug: String) -> String {
    format!("{id} {slug}")
}

fn main() {
    let _ = url_for!(post, id = 7);
}
