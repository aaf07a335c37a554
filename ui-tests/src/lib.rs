//! Compile-fail and compile-pass cases of flaxum, run by `tests/ui.rs`.
//!
//! The pass cases share [`fetch`] to send requests to the apps they build.

/// Sends one request to an app (as an `axum::Router`) and returns the
/// status and the body.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let router = axum::Router::new().route("/", axum::routing::get(|| async { "hi" }));
/// assert_eq!(flaxum_ui_tests::fetch(&router, "GET", "/", "").await, (200, "hi".to_owned()));
/// # });
/// ```
pub async fn fetch(router: &axum::Router, method: &str, uri: &str, body: &str) -> (u16, String) {
    use tower::ServiceExt;
    let req = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_owned()))
        .expect("a valid request");
    let res = router.clone().oneshot(req).await.expect("infallible");
    let status = res.status().as_u16();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("a body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
