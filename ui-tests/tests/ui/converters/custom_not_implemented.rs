// The route names a converter that is not built in, so the argument's
// type must implement `flaxum::UrlConverter`; `Slug` does not.
use flaxum::{get, routes, App};

struct Slug(String);

#[get("/posts/<slug:s>")]
async fn post(s: Slug) -> String {
    s.0
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![post]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
