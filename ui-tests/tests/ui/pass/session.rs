// A `Session` is an ordinary handler argument, beside path parameters and
// state, in handlers, hooks and middleware; `flash` takes it by reference.
use axum::extract::{Request, State};
use axum::response::Response;
use flaxum::session::{flash, get_flashed_messages, SecretKey, Session, SessionLayer};
use flaxum::{before_request, get, middleware, routes, App, Next};
use flaxum_ui_tests::fetch;

#[derive(Clone)]
struct Greeting(&'static str);

#[before_request]
async fn count(session: Session) {
    let n = session.get::<u32>("n").unwrap_or(0);
    session.set("n", n + 1);
}

#[middleware]
async fn remember(session: Session, req: Request, next: Next) -> Response {
    session.set("last", req.uri().path());
    next.run(req).await
}

#[get("/hello/<name>", middleware = [remember])]
async fn hello(name: String, State(g): State<Greeting>, session: Session) -> String {
    flash(&session, format!("{} {name}", g.0));
    format!("{} {name}", g.0)
}

#[get("/messages")]
async fn messages(session: Session) -> String {
    let n = session.get::<u32>("n").unwrap_or(0);
    format!("{} after {n}", get_flashed_messages(&session).join(","))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let key = SecretKey::new("a secret of at least thirty-two bytes").unwrap();
    let app = App::new(routes![hello, messages; before_request = [count]])
        .with_state(Greeting("hi"))
        .layer(SessionLayer::new(key));
    let router = app.into_router();
    assert_eq!(fetch(&router, "GET", "/hello/ada", "").await, (200, "hi ada".to_owned()));
    // Without the cookie (`fetch` keeps none), each request starts anew.
    assert_eq!(fetch(&router, "GET", "/messages", "").await, (200, " after 1".to_owned()));
}
