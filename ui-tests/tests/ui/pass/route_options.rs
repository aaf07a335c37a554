// `#[route]` without `methods` answers GET; `strict_slashes = false`;
// a trailing comma; the handler stays callable as written.
use flaxum::{get, route, routes, App};

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

/// Sends one request to the app, as `axum::Router`, and returns the status
/// and the body.
async fn fetch(router: &axum::Router, method: &str, uri: &str, body: &str) -> (u16, String) {
    use tower::ServiceExt;
    let req = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_owned()))
        .unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}
