// A parameter named like a Rust keyword is received by the raw identifier.
use flaxum::{get, routes, App};

#[get("/commits/:ref")]
async fn commit(r#ref: String) -> String {
    r#ref
}

#[get("/types/<type>/<int:match>")]
async fn typed(r#type: &str, r#match: u32) -> String {
    format!("{} {}", r#type, r#match)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let router = App::new(routes![commit, typed]).into_router();
    assert_eq!(
        fetch(&router, "GET", "/commits/main", "").await,
        (200, "main".to_owned())
    );
    assert_eq!(
        fetch(&router, "GET", "/types/a/3", "").await,
        (200, "a 3".to_owned())
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
