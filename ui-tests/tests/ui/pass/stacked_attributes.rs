// Route attributes stack, like several `@app.route` lines, in any mix of
// `#[route]` and the method attributes, with the same parameters in each.
use flaxum::{delete, get, head, options, patch, post, put, route, routes, App};
use flaxum_ui_tests::fetch;

#[route("/")]
#[route("/index")]
#[get("/home")]
async fn index() -> &'static str {
    "Hello, World!"
}

#[get("/users/<int:id>")]
#[get("/u/:id")]
#[put("/users/{id}")]
#[patch("/users/<int(max=999):id>")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

#[post("/users")]
#[delete("/users")]
async fn bulk(body: String) -> String {
    body
}

#[head("/ping")]
#[options("/ping")]
async fn ping() {}

#[flaxum::route("/login", methods = ["get", "POST"])]
async fn login(method: http::Method) -> String {
    method.to_string()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = App::new(routes![index, user, bulk, ping, login]);
    assert_eq!(app.table().routes().len(), 12);
    let router = app.into_router();
    for (method, uri, want) in [
        ("GET", "/", "Hello, World!"),
        ("GET", "/index", "Hello, World!"),
        ("GET", "/home", "Hello, World!"),
        ("GET", "/users/7", "user 7"),
        ("GET", "/u/8", "user 8"),
        ("PUT", "/users/9", "user 9"),
        ("PATCH", "/users/10", "user 10"),
        ("POST", "/users", "posted"),
        ("DELETE", "/users", "posted"),
        ("HEAD", "/ping", ""),
        ("OPTIONS", "/ping", ""),
        ("GET", "/login", "GET"),
        ("POST", "/login", "POST"),
    ] {
        assert_eq!(
            fetch(&router, method, uri, "posted").await,
            (200, want.to_owned()),
            "{method} {uri}"
        );
    }
}
