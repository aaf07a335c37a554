// Routes that overlap but are not conflicts: a static segment beats a
// constrained parameter, which beats a plain one, which beats a catch-all;
// the same path with different methods; disjoint converters. Declaration
// order does not matter.
use flaxum::{get, post, routes, App};
use flaxum_ui_tests::fetch;

#[get("/users/<name>")]
async fn by_name(name: String) -> String {
    format!("name {name}")
}

#[get("/users/<int:id>")]
async fn by_id(id: u64) -> String {
    format!("id {id}")
}

#[get("/users/me")]
async fn me() -> &'static str {
    "me"
}

#[get("/users/<path:rest>")]
async fn rest(rest: String) -> String {
    format!("rest {rest}")
}

#[post("/users/<name>")]
async fn update(name: String) -> String {
    format!("update {name}")
}

#[get("/n/<int(max=9):small>")]
async fn small(small: u8) -> String {
    format!("small {small}")
}

#[get("/n/<int(min=10):big>")]
async fn big(big: u64) -> String {
    format!("big {big}")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let router = App::new(routes![by_name, by_id, me, rest, update, small, big]).into_router();
    for (method, uri, want) in [
        ("GET", "/users/me", "me"),
        ("GET", "/users/7", "id 7"),
        ("GET", "/users/ada", "name ada"),
        ("GET", "/users/a/b", "rest a/b"),
        ("POST", "/users/me", "update me"),
        ("GET", "/n/9", "small 9"),
        ("GET", "/n/10", "big 10"),
    ] {
        assert_eq!(
            fetch(&router, method, uri, "").await,
            (200, want.to_owned()),
            "{method} {uri}"
        );
    }
}
