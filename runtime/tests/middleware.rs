//! Middleware, blueprints, Flask hooks, `url_for!` and the route listing,
//! through the app as a tower service.

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use flaxum::{
    abort, after_request, before_request, blueprint, errorhandler, get, middleware, post, routes,
    url_for, App, HttpError, Next,
};
use http::{HeaderMap, HeaderValue, StatusCode};
use tower::ServiceExt;

/// Appends `name` to the comma-separated list in header `key`.
fn append(headers: &mut HeaderMap, key: &'static str, name: &str) {
    let now = match headers.get(key).and_then(|v| v.to_str().ok()) {
        Some(before) if !before.is_empty() => format!("{before},{name}"),
        _ => name.to_owned(),
    };
    headers.insert(key, HeaderValue::from_str(&now).unwrap());
}

/// Appends `name` to the request's `x-order` header on the way in.
fn trace_in(req: &mut Request, name: &str) {
    append(req.headers_mut(), "x-order", name);
}

/// Appends `name` to the response's `x-after` header on the way out.
fn trace_out(res: &mut Response, name: &str) {
    append(res.headers_mut(), "x-after", name);
}

macro_rules! tracer {
    ($($name:ident),*) => {$(
        #[middleware]
        async fn $name(mut req: Request, next: Next) -> Response {
            trace_in(&mut req, stringify!($name));
            let mut res = next.run(req).await;
            trace_out(&mut res, stringify!($name));
            res
        }
    )*};
}
tracer!(g1, g2, outer1, outer2, inner1, route1, route2);

/// The handler answers the order its request went through.
#[get("/deep/<int:id>", middleware = [route1, route2])]
async fn deep(id: u32, headers: HeaderMap) -> String {
    let order = headers
        .get("x-order")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    format!("{id}:{order}")
}

#[get("/plain")]
async fn plain(headers: HeaderMap) -> String {
    headers
        .get("x-order")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

mod outer {
    use super::*;

    #[get("/")]
    pub async fn home() -> &'static str {
        "outer home"
    }

    pub mod inner {
        use super::*;

        blueprint!(pub bp = "inner", url_prefix = "/in/", routes = [deep], middleware = [inner1]);
    }

    blueprint!(
        pub bp = "outer",
        url_prefix = "/out",
        routes = [home, inner::bp],
        middleware = [outer1, outer2],
    );
}

async fn send(
    app: impl tower::Service<Request, Response = Response, Error = std::convert::Infallible>,
    req: Request,
) -> (StatusCode, HeaderMap, String) {
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

fn get_req(path: &str) -> Request {
    http::Request::get(path).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn middleware_run_global_then_blueprints_outside_in_then_route() {
    let app = App::new(routes![outer::bp, plain; middleware = [g1, g2]]);
    let (status, headers, body) = send(app.clone(), get_req("/out/in/deep/7")).await;
    assert_eq!(status, 200);
    assert_eq!(body, "7:g1,g2,outer1,outer2,inner1,route1,route2");
    // On the way out, the innermost sees the response first.
    assert_eq!(
        headers["x-after"],
        "route2,route1,inner1,outer2,outer1,g2,g1"
    );
    // A route outside the blueprints has the app's middleware only.
    let (_, _, body) = send(app.clone(), get_req("/plain")).await;
    assert_eq!(body, "g1,g2");
    // The app's middleware also runs when no route matches.
    let (status, headers, _) = send(app, get_req("/nope")).await;
    assert_eq!(status, 404);
    assert_eq!(headers["x-after"], "g2,g1");
}

#[tokio::test]
async fn blueprints_prefix_nest_and_name_their_routes() {
    let app = App::new(routes![outer::bp, plain; middleware = [g1]]);
    let routes = app.routes();
    let listed: Vec<(String, &str, &str)> = routes
        .iter()
        .map(|r| (r.endpoint(), r.path, r.middleware))
        .collect();
    assert_eq!(
        listed,
        [
            ("outer.home".to_owned(), "/out/", "g1, outer1, outer2"),
            (
                "outer.inner.deep".to_owned(),
                "/out/in/deep/<int:id>",
                "g1, outer1, outer2, inner1, route1, route2"
            ),
            ("plain".to_owned(), "/plain", "g1"),
        ]
    );
    // `/out` redirects to `/out/`, as Flask's `url_prefix` + `"/"` does.
    let (status, headers, _) = send(app.clone(), get_req("/out")).await;
    assert_eq!(status, 308);
    assert_eq!(headers["location"], "/out/");
    let (status, _, body) = send(app, get_req("/out/")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "outer home"));
    let table = App::new(routes![outer::bp]).routes_table().to_string();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "Endpoint          Methods  Rule                   Middleware"
    );
    assert!(lines[1].starts_with("----------------  -------  "));
    assert_eq!(
        lines[2],
        "outer.home        GET      /out/                  outer1, outer2"
    );
    assert_eq!(
        lines[3],
        "outer.inner.deep  GET      /out/in/deep/<int:id>  outer1, outer2, inner1, route1, route2"
    );
}

static CALLS: AtomicUsize = AtomicUsize::new(0);

#[middleware]
async fn deny(headers: HeaderMap, req: Request, next: Next) -> Response {
    if headers.contains_key("authorization") {
        next.run(req).await
    } else {
        (StatusCode::UNAUTHORIZED, "log in first").into_response()
    }
}

#[get("/secret", middleware = [deny])]
async fn secret() -> &'static str {
    CALLS.fetch_add(1, Ordering::SeqCst);
    "secret"
}

#[tokio::test]
async fn a_middleware_that_does_not_call_next_stops_the_chain() {
    let app = App::new(routes![secret]);
    let (status, _, body) = send(app.clone(), get_req("/secret")).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::UNAUTHORIZED, "log in first")
    );
    assert_eq!(CALLS.load(Ordering::SeqCst), 0);
    let req = http::Request::get("/secret")
        .header("authorization", "yes")
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(app, req).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "secret"));
    assert_eq!(CALLS.load(Ordering::SeqCst), 1);
}

#[derive(Clone)]
struct Config {
    banner: &'static str,
}

#[middleware]
async fn banner(State(cfg): State<Config>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut()
        .insert("x-banner", HeaderValue::from_static(cfg.banner));
    res
}

/// Rewrites the URI: the route stays matched on the original path.
#[middleware]
async fn rewrite(mut req: Request, next: Next) -> Response {
    *req.uri_mut() = "/elsewhere/999?x=1".parse().unwrap();
    next.run(req).await
}

#[get("/items/<int:id>", middleware = [banner, rewrite])]
async fn item(id: u64, uri: http::Uri) -> String {
    format!("{id} {uri}")
}

#[tokio::test]
async fn middleware_take_extractors_with_the_app_state_and_params_survive_a_rewrite() {
    let app = App::new(routes![item]).with_state(Config { banner: "hi" });
    let (status, headers, body) = send(app, get_req("/items/5")).await;
    assert_eq!(status, 200);
    assert_eq!(headers["x-banner"], "hi");
    // The parameter comes from the matched path; the handler sees the URI
    // the middleware set.
    assert_eq!(body, "5 /elsewhere/999?x=1");
}

#[derive(Clone)]
struct User(String);

#[before_request]
async fn load_user(req: &mut Request) {
    let name = req
        .headers()
        .get("x-user")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(name) = name {
        req.extensions_mut().insert(User(name));
    }
}

#[before_request]
async fn block_banned(headers: HeaderMap) -> Option<(StatusCode, &'static str)> {
    headers
        .contains_key("x-banned")
        .then_some((StatusCode::FORBIDDEN, "banned"))
}

#[after_request]
async fn stamp(mut res: Response) -> Response {
    trace_out(&mut res, "stamp");
    res
}

#[after_request]
async fn stamp2(mut res: Response) -> Response {
    trace_out(&mut res, "stamp2");
    res
}

#[get("/me")]
async fn me(user: Option<axum::Extension<User>>) -> String {
    user.map_or_else(|| "anonymous".to_owned(), |u| u.0 .0.clone())
}

#[tokio::test]
async fn before_request_loads_or_stops_and_after_request_maps_in_flask_order() {
    let app = App::new(routes![me;
        before_request = [load_user, block_banned],
        after_request = [stamp, stamp2]]);
    let req = http::Request::get("/me")
        .header("x-user", "ada")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(app.clone(), req).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ada"));
    // Flask runs after_request functions in reverse order of registration.
    assert_eq!(headers["x-after"], "stamp2,stamp");
    let req = http::Request::get("/me")
        .header("x-banned", "1")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(app.clone(), req).await;
    assert_eq!((status, body.as_str()), (StatusCode::FORBIDDEN, "banned"));
    // The response a before_request function returns goes through the
    // after_request functions too, as in Flask.
    assert_eq!(headers["x-after"], "stamp2,stamp");
    let (_, _, body) = send(app, get_req("/me")).await;
    assert_eq!(body, "anonymous");
}

#[tokio::test]
async fn answers_made_before_the_handler_skip_the_middleware_inside_them() {
    // Middleware are the onion around the handler: a response that no
    // handler made (an automatic `OPTIONS`, a before_request answer) goes
    // through the app's middleware only, as before, while the hooks of
    // every level see it.
    let app = App::new(routes![outer::bp, plain;
        middleware = [g1],
        before_request = [block_banned],
        after_request = [stamp]]);
    let req = http::Request::options("/out/in/deep/7")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(app.clone(), req).await;
    assert_eq!(status, 200);
    assert_eq!(headers["x-after"], "stamp,g1");
    let req = http::Request::get("/out/in/deep/7")
        .header("x-banned", "1")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(app.clone(), req).await;
    assert_eq!((status, body.as_str()), (StatusCode::FORBIDDEN, "banned"));
    assert_eq!(headers["x-after"], "stamp,g1");
    // The same request, not banned, runs every middleware.
    let (status, headers, _) = send(app, get_req("/out/in/deep/7")).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["x-after"],
        "route2,route1,inner1,outer2,outer1,stamp,g1"
    );
}

#[derive(Debug)]
struct NotOwner(u64);

impl IntoResponse for NotOwner {
    fn into_response(self) -> Response {
        flaxum::raise(self)
    }
}

#[derive(Debug)]
struct Unhandled;

impl IntoResponse for Unhandled {
    fn into_response(self) -> Response {
        flaxum::raise(self)
    }
}

#[errorhandler(404)]
async fn app_not_found(e: HttpError) -> (StatusCode, String) {
    (StatusCode::NOT_FOUND, format!("app page: {}", e.status()))
}

#[errorhandler(405)]
async fn app_not_allowed() -> (StatusCode, &'static str) {
    (StatusCode::METHOD_NOT_ALLOWED, "app 405 page")
}

#[errorhandler(500)]
async fn app_server_error(code: StatusCode) -> (StatusCode, String) {
    (code, "app 500 page".to_owned())
}

#[errorhandler(400)]
async fn app_bad_request() -> (StatusCode, &'static str) {
    (StatusCode::BAD_REQUEST, "app 400 page")
}

#[errorhandler(404)]
async fn blog_not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "blog 404 page")
}

#[errorhandler(NotOwner)]
async fn not_owner(e: NotOwner) -> (StatusCode, String) {
    (StatusCode::FORBIDDEN, format!("post {} is not yours", e.0))
}

mod blog {
    use super::*;

    #[get("/posts/<int:id>")]
    pub async fn post(id: u64) -> Result<String, HttpError> {
        if id == 1 {
            Ok("post 1".into())
        } else {
            Err(abort(404))
        }
    }

    #[post("/posts/<int:id>/edit")]
    pub async fn edit(id: u64) -> Result<String, NotOwner> {
        Err(NotOwner(id))
    }

    #[get("/explode")]
    pub async fn explode() -> Result<String, Unhandled> {
        Err(Unhandled)
    }

    #[get("/gone")]
    pub async fn gone() -> (StatusCode, &'static str) {
        // A status the handler returns itself is not an error to handle.
        (StatusCode::NOT_FOUND, "gone, not raised")
    }

    blueprint!(
        pub bp = "blog",
        url_prefix = "/blog",
        routes = [post, edit, explode, gone],
        errorhandler = [blog_not_found, not_owner],
    );
}

#[get("/n/<n>")]
async fn number(n: u8) -> String {
    n.to_string()
}

#[get("/top/<int:id>")]
async fn top(id: u64) -> Result<String, HttpError> {
    Err(abort(if id == 0 { 404 } else { 500 }))
}

#[tokio::test]
async fn error_handlers_answer_raised_errors_nearest_first() {
    let app = App::new(routes![blog::bp, number, top;
        errorhandler = [app_not_found, app_not_allowed, app_server_error, app_bad_request]]);
    let cases: &[(&str, &str, u16, &str)] = &[
        ("GET", "/blog/posts/1", 200, "post 1"),
        // abort(404) inside the blueprint: its own handler wins.
        ("GET", "/blog/posts/2", 404, "blog 404 page"),
        // An unrouted 404 goes to the app's handler only, as in Flask.
        ("GET", "/blog/nope", 404, "app page: 404 Not Found"),
        ("DELETE", "/blog/posts/1", 405, "app 405 page"),
        ("POST", "/blog/posts/3/edit", 403, "post 3 is not yours"),
        // An error type nobody handles is a 500, which the app's 500
        // handler answers.
        ("GET", "/blog/explode", 500, "app 500 page"),
        ("GET", "/blog/gone", 404, "gone, not raised"),
        ("GET", "/top/0", 404, "app page: 404 Not Found"),
        ("GET", "/top/1", 500, "app 500 page"),
        // A parameter that does not parse is a raised 400.
        ("GET", "/n/300", 400, "app 400 page"),
    ];
    for &(method, path, status, body) in cases {
        let req = http::Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap();
        let (got, _, text) = send(app.clone(), req).await;
        assert_eq!(
            (got.as_u16(), text.as_str()),
            (status, body),
            "{method} {path}"
        );
    }
    // Without handlers, a raised error answers its own short body.
    let bare = App::new(routes![blog::bp]);
    let (status, _, body) = send(bare, get_req("/blog/explode")).await;
    assert_eq!(
        (status.as_u16(), body.as_str()),
        (500, "Internal Server Error\n")
    );
}

#[get("/hello/<name>")]
async fn hello(name: &str) -> String {
    name.to_owned()
}

#[get("/files/<path:rest>")]
async fn files(rest: String) -> String {
    rest
}

#[get("/p/<float:x>")]
async fn point(x: f64) -> String {
    x.to_string()
}

#[get("/repos/:owner/:ref")]
async fn repo(owner: String, r#ref: &str) -> String {
    format!("{owner} {ref}", ref = r#ref)
}

#[get("/archive/<int:year>")]
#[get("/old/archive/<int:year>")]
async fn archive(year: u32) -> String {
    year.to_string()
}

#[get("/n/<int(fixed_digits=4):n>")]
async fn padded(n: u32) -> String {
    n.to_string()
}

#[tokio::test]
async fn url_for_builds_what_the_table_routes_back() {
    assert_eq!(url_for!(deep, id = 7), "/out/in/deep/7");
    assert_eq!(url_for!(outer::home), "/out/");
    assert_eq!(url_for!(blog::post, id = 3), "/blog/posts/3");
    assert_eq!(
        url_for!(hello, name = "a b/c?d#e%"),
        "/hello/a%20b%2Fc%3Fd%23e%25"
    );
    let owned = String::from("w\u{f6}rld");
    assert_eq!(url_for!(hello, name = &owned), "/hello/w%C3%B6rld");
    assert_eq!(url_for!(hello, name = owned), "/hello/w%C3%B6rld");
    assert_eq!(url_for!(files, rest = "a/b c"), "/files/a/b%20c");
    assert_eq!(url_for!(point, x = 1.0), "/p/1.0");
    assert_eq!(url_for!(repo, owner = "o", r#ref = "main"), "/repos/o/main");
    assert_eq!(
        url_for!(hello, name = "x", q = "a b&c", n = 2),
        "/hello/x?q=a+b%26c&n=2"
    );
    // Flask's rule choice: the first registered route whose parameters are
    // all given; stacked decorators register from the bottom up.
    assert_eq!(url_for!(archive, year = 2024), "/old/archive/2024");
    // As Flask writes them (checked against Flask 3.1).
    assert_eq!(url_for!(padded, n = 7), "/n/0007");
    assert_eq!(
        url_for!(padded, n = 7, next = "/a b?c&d=e+f#g:h@i"),
        "/n/0007?next=/a+b?c%26d%3De%2Bf%23g:h@i"
    );

    let app = App::new(routes![
        outer::bp,
        hello,
        files,
        point,
        repo,
        blog::bp,
        padded
    ]);
    for (path, body) in [
        (url_for!(hello, name = "a b/c?d#e%"), "a b/c?d#e%"),
        (url_for!(files, rest = "a/b c"), "a/b c"),
        (url_for!(point, x = 2.5), "2.5"),
        (url_for!(padded, n = 7), "7"),
        (
            url_for!(deep, id = 9),
            "9:outer1,outer2,inner1,route1,route2",
        ),
    ] {
        let (status, _, text) = send(app.clone(), get_req(&path)).await;
        assert_eq!((status, text.as_str()), (StatusCode::OK, body), "{path}");
    }
}

#[errorhandler(404)]
async fn not_found_for(
    user: Option<axum::Extension<User>>,
    code: StatusCode,
) -> (StatusCode, String) {
    let who = user.map_or_else(|| "anonymous".to_owned(), |u| u.0 .0.clone());
    (code, format!("no page here, {who}"))
}

#[tokio::test]
async fn error_handlers_see_what_before_request_put_on_the_request() {
    let app = App::new(routes![blog::bp;
        before_request = [load_user],
        errorhandler = [not_found_for]]);
    for path in ["/nowhere", "/blog/gone/too"] {
        let req = http::Request::get(path)
            .header("x-user", "ada")
            .body(Body::empty())
            .unwrap();
        let (status, _, body) = send(app.clone(), req).await;
        assert_eq!(
            (status.as_u16(), body.as_str()),
            (404, "no page here, ada"),
            "{path}"
        );
    }
    let (_, _, body) = send(app, get_req("/nowhere")).await;
    assert_eq!(body, "no page here, anonymous");
}
