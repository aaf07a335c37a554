// A handler is one concrete function: no type parameters.
use flaxum::{get, routes, App};

#[get("/users/<id>")]
async fn user<T: std::str::FromStr>(id: String) -> String {
    let _ = id.parse::<T>().is_ok();
    id
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![user]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
