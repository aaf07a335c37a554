// One handler with many problems, in its path, its options, its stacked
// route and its signature: all are reported in one compile, each at the
// literal or the token it concerns.
use flaxum::{get, route, routes, App};

#[route("users/<integer:id>/<id>", methods = ["GET", "FETCH"], colour = "red")]
#[get("/users/<int(min=5, max=1):n>/:id.json")]
fn show<T>(id: String) -> String {
    id
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![show]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
