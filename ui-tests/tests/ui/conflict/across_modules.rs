// Conflicting handlers in different modules; the error names both.
use flaxum::{routes, App};

mod users {
    #[flaxum::get("/users/<name>")]
    pub async fn show(name: String) -> String {
        name
    }
}

mod admin {
    use flaxum::route;

    #[route("/users/<login>", methods = ["GET", "POST"])]
    pub async fn show(login: String) -> String {
        format!("admin view of {login}")
    }
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![users::show, admin::show]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
