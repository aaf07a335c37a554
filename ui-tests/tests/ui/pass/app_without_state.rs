// `App::new(routes![…])` is a complete type on its own: no `with_state`, no
// server, and its routes can be listed. The state is `()`.
use flaxum::{get, routes, App};

#[get("/")]
async fn index() -> &'static str {
    "Hello, World!"
}

#[get("/users/<int:id>")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

fn main() {
    let app = App::new(routes![index, user]);
    let listing = app.routes_table().to_string();
    assert!(listing.contains("/users/<int:id>"), "{listing}");

    // Nothing at all is done with this one.
    let _unused = App::new(routes![index, user]);
}
