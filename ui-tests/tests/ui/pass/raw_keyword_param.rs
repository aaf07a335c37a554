// A parameter named like a Rust keyword is received by the raw identifier.
use flaxum::{get, routes, App};
use flaxum_ui_tests::fetch;

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
