//! The App end to end, in process: route attributes, typed parameters,
//! extractors, state, DESIGN §4's answers.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::Json;
use flaxum::{delete, get, post, route, routes, App};
use http::{Request, StatusCode};
use tower::ServiceExt;

#[get("/")]
async fn index() -> &'static str {
    "Hello, World!"
}

#[get("/users/<int:id>")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

#[get("/users/me")]
async fn me() -> &'static str {
    "me"
}

#[post("/users/<name>")]
async fn by_name(name: &str, body: String) -> String {
    format!("{name}: {body}")
}

#[get("/plain/:n")]
async fn plain(n: u8) -> String {
    format!("n={n}")
}

#[get("/narrow/<int:a>/<int:b>/<int:c>")]
async fn narrow(a: u8, b: u16, c: u32) -> String {
    format!("{a} {b} {c}")
}

#[get("/files/<path:rest>")]
async fn files(rest: String) -> String {
    rest
}

#[get("/repos/:owner/:repo/statuses/:ref")]
async fn statuses(owner: String, repo: std::borrow::Cow<'_, str>, r#ref: String) -> String {
    format!("{owner}/{repo}@{ref}", ref = r#ref)
}

#[get("/projects/")]
async fn projects() -> &'static str {
    "projects"
}

#[derive(Clone)]
struct Greeting(&'static str);

#[get("/hello/<who>")]
async fn hello(
    State(g): State<Greeting>,
    who: String,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> String {
    format!(
        "{} {who}{}",
        g.0,
        q.get("x").map(|x| format!(" x={x}")).unwrap_or_default()
    )
}

#[derive(serde::Deserialize, serde::Serialize)]
struct Item {
    name: String,
}

#[route("/items", methods = ["POST", "PUT"])]
async fn items(Json(item): Json<Item>) -> Json<Item> {
    Json(item)
}

#[delete("/items/<uuid:id>")]
async fn remove(id: uuid::Uuid) -> String {
    id.to_string()
}

#[route("/b/<int:n>/<x>")]
#[get("/c/<x>/<int:n>")]
async fn stacked(n: u32, x: String) -> String {
    format!("{n} {x}")
}

type Res = axum::response::Response;

fn app(
) -> impl tower::Service<Request<Body>, Response = Res, Error = core::convert::Infallible> + Clone {
    App::new(routes![
        index, user, me, by_name, plain, narrow, files, statuses, projects, hello, items, remove,
        stacked
    ])
    .with_state(Greeting("hi"))
}

async fn send(method: &str, uri: &str, body: &str) -> (StatusCode, String, http::HeaderMap) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap();
    let res = app().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    (
        status,
        String::from_utf8_lossy(&bytes).into_owned(),
        headers,
    )
}

async fn check(method: &str, uri: &str, status: u16, body: &str) {
    let (got, text, _) = send(method, uri, "").await;
    assert_eq!(
        (got.as_u16(), text.as_str()),
        (status, body),
        "{method} {uri}"
    );
}

#[tokio::test]
async fn handlers_get_typed_parameters() {
    check("GET", "/", 200, "Hello, World!").await;
    check("GET", "/users/42", 200, "user 42").await;
    check("GET", "/users/me", 200, "me").await;
    check("GET", "/plain/7", 200, "n=7").await;
    check("GET", "/files/a/b.txt", 200, "a/b.txt").await;
    // `int` stops at the largest value of the argument's type.
    check(
        "GET",
        "/narrow/255/65535/4294967295",
        200,
        "255 65535 4294967295",
    )
    .await;
    for uri in [
        "/narrow/256/0/0",
        "/narrow/0/65536/0",
        "/narrow/0/0/4294967296",
    ] {
        assert_eq!(send("GET", uri, "").await.0, StatusCode::NOT_FOUND, "{uri}");
    }
    check(
        "GET",
        "/repos/rust-lang/rust/statuses/abc%20d",
        200,
        "rust-lang/rust@abc d",
    )
    .await;
    check(
        "DELETE",
        "/items/67e55044-10b1-426f-9247-bb680e5fe0c8",
        200,
        "67e55044-10b1-426f-9247-bb680e5fe0c8",
    )
    .await;
    check("GET", "/b/5/x", 200, "5 x").await;
    check("GET", "/c/y/6", 200, "6 y").await;
}

#[tokio::test]
async fn plain_parameters_that_do_not_parse_are_400() {
    check(
        "GET",
        "/plain/x",
        400,
        "invalid path parameter `n`: expected an integer (u8)\n",
    )
    .await;
    check(
        "GET",
        "/plain/256",
        400,
        "invalid path parameter `n`: expected an integer that fits u8\n",
    )
    .await;
    check(
        "GET",
        "/plain/+1",
        400,
        "invalid path parameter `n`: expected an integer (u8)\n",
    )
    .await;
    check("GET", "/plain/%31", 200, "n=1").await;
    check(
        "GET",
        "/files/../etc/passwd",
        400,
        "invalid path parameter `rest`: expected a relative path without empty, `.` or `..` segments\n",
    )
    .await;
    check(
        "GET",
        "/files/%2e%2e/x",
        400,
        "invalid path parameter `rest`: expected a relative path without empty, `.` or `..` segments\n",
    )
    .await;
}

#[tokio::test]
async fn extractors_state_and_bodies() {
    check("GET", "/hello/bob?x=1", 200, "hi bob x=1").await;
    let (status, body, _) = send("POST", "/users/ann", "payload").await;
    assert_eq!((status.as_u16(), body.as_str()), (200, "ann: payload"));
    let (status, body, _) = send("PUT", "/items", r#"{"name":"x"}"#).await;
    assert_eq!((status.as_u16(), body.as_str()), (200, r#"{"name":"x"}"#));
    let (status, _, _) = send("POST", "/items", "not json").await;
    assert_eq!(status.as_u16(), 400);
}

#[tokio::test]
async fn method_and_slash_answers() {
    check("POST", "/users/me", 200, "me: ").await;
    let (status, body, headers) = send("PUT", "/users/me", "").await;
    assert_eq!(status, 405);
    assert_eq!(body, "Method Not Allowed\n");
    assert_eq!(headers["allow"], "GET, HEAD, POST, OPTIONS");
    let (status, body, headers) = send("OPTIONS", "/users/me", "").await;
    assert_eq!((status.as_u16(), body.as_str()), (200, ""));
    assert_eq!(headers["allow"], "GET, HEAD, POST, OPTIONS");
    let (status, body, headers) = send("HEAD", "/users/42", "").await;
    assert_eq!((status.as_u16(), body.as_str()), (200, ""));
    assert_eq!(headers["content-type"], "text/plain; charset=utf-8");
    let (status, _, headers) = send("GET", "/projects?page=2", "").await;
    assert_eq!(status, 308);
    assert_eq!(headers["location"], "/projects/?page=2");
    let (status, _, headers) = send("GET", "//users//42", "").await;
    assert_eq!(status, 308);
    assert_eq!(headers["location"], "/users/42");
    check("GET", "/nope", 404, "Not Found\n").await;
    check("PUT", "/nope", 404, "Not Found\n").await;
}

#[tokio::test]
async fn handlers_stay_callable() {
    assert_eq!(user(3).await, "user 3");
    assert_eq!(stacked(1, "z".into()).await, "1 z");
}
