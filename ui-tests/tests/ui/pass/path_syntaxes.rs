// The three path syntaxes, for parameters and catch-alls, in one app.
use flaxum::{get, routes, App};
use flaxum_ui_tests::fetch;

#[get("/")]
async fn index() -> &'static str {
    "Hello, World!"
}

#[get("/flask/<id>/<path:rest>")]
async fn flask(id: String, rest: String) -> String {
    format!("flask {id} {rest}")
}

#[get("/colon/:id/*rest")]
async fn colon(id: String, rest: String) -> String {
    format!("colon {id} {rest}")
}

#[get("/braces/{id}/{*rest}")]
async fn braces(id: String, rest: String) -> String {
    format!("braces {id} {rest}")
}

#[get("/projects/")]
async fn projects() -> &'static str {
    "projects"
}

#[get("/café/<name>")]
async fn cafe(name: String) -> String {
    format!("café {name}")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = App::new(routes![index, flask, colon, braces, projects, cafe]);
    assert_eq!(app.table().routes().len(), 6);
    let router = app.into_router();
    for (uri, want) in [
        ("/", "Hello, World!"),
        ("/flask/1/a/b", "flask 1 a/b"),
        ("/colon/2/c", "colon 2 c"),
        ("/braces/3/d/e.txt", "braces 3 d/e.txt"),
        ("/projects/", "projects"),
        ("/caf%C3%A9/x", "café x"),
    ] {
        assert_eq!(
            fetch(&router, "GET", uri, "").await,
            (200, want.to_owned()),
            "{uri}"
        );
    }
    assert_eq!(fetch(&router, "GET", "/projects", "").await.0, 308);
}
