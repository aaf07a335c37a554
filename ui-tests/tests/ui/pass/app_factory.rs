// An app can be named in one short signature, as Flask's `create_app()`
// does, with or without state, with layers, and then served, tested or
// listed.
use axum::extract::State;
use flaxum::{get, routes, App, AppService};
use flaxum_ui_tests::fetch;

#[derive(Clone)]
struct Db(&'static str);

#[get("/")]
async fn index() -> &'static str {
    "Hello, World!"
}

#[get("/db")]
async fn db(State(db): State<Db>) -> &'static str {
    db.0
}

fn create_app() -> App<impl AppService> {
    App::new(routes![index])
}

fn create_app_with(db: Db) -> App<impl AppService> {
    App::new(routes![index, db]).with_state(db)
}

fn create_layered_app() -> App<impl AppService> {
    create_app_with(Db("layered")).layer(tower::layer::util::Identity::new())
}

#[allow(dead_code)]
async fn run() -> std::io::Result<()> {
    flaxum::serve("127.0.0.1:5000", create_app()).await
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let _ = run;
    let router = create_app().into_router();
    assert_eq!(fetch(&router, "GET", "/", "").await, (200, "Hello, World!".to_owned()));
    let router = create_app_with(Db("postgres")).into_router();
    assert_eq!(fetch(&router, "GET", "/db", "").await, (200, "postgres".to_owned()));
    let app = create_layered_app();
    assert_eq!(app.routes().len(), 2);
    assert_eq!(fetch(&app.into_router(), "GET", "/db", "").await, (200, "layered".to_owned()));
}
