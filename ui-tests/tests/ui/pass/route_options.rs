// `#[route]` without `methods` answers GET; `strict_slashes = false`;
// a trailing comma; the handler stays callable as written.
use flaxum::{get, route, routes, App};
use flaxum_ui_tests::fetch;

#[route("/about")]
async fn about() -> &'static str {
    "about"
}

#[get("/projects/", strict_slashes = false)]
async fn projects() -> &'static str {
    "projects"
}

#[route("/form", methods = ["GET", "POST"], strict_slashes = true)]
async fn form() -> &'static str {
    "form"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    assert_eq!(about().await, "about");
    let app = App::new(routes![about, projects, form]);
    let table = app.table();
    assert!(table
        .routes()
        .iter()
        .any(|r| r.handler == "projects" && !r.strict_slashes));
    let router = app.into_router();
    assert_eq!(
        fetch(&router, "GET", "/about", "").await,
        (200, "about".to_owned())
    );
    assert_eq!(fetch(&router, "POST", "/about", "").await.0, 405);
    assert_eq!(
        fetch(&router, "GET", "/projects", "").await,
        (200, "projects".to_owned())
    );
    assert_eq!(
        fetch(&router, "POST", "/form", "").await,
        (200, "form".to_owned())
    );
}
