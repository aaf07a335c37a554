// `routes!` takes handlers by path, from modules at any depth; handlers of
// the same name live side by side in different modules.
use flaxum::{get, routes, App};

#[get("/")]
async fn index() -> &'static str {
    "Hello, World!"
}

mod users {
    #[flaxum::get("/users/<int:id>")]
    pub async fn show(id: u64) -> String {
        format!("user {id}")
    }

    pub mod admin {
        use flaxum::post;

        #[post("/admin/users/<int:id>")]
        pub async fn show(id: u64) -> String {
            format!("admin {id}")
        }
    }
}

#[get("/two")]
async fn index2() -> &'static str {
    "two"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = App::new(routes![
        index,
        users::show,
        users::admin::show,
        crate::index2
    ]);
    assert_eq!(app.table().routes().len(), 4);
    let router = app.into_router();
    assert_eq!(
        fetch(&router, "GET", "/users/1", "").await,
        (200, "user 1".to_owned())
    );
    assert_eq!(
        fetch(&router, "POST", "/admin/users/2", "").await,
        (200, "admin 2".to_owned())
    );
    assert_eq!(
        fetch(&router, "GET", "/two", "").await,
        (200, "two".to_owned())
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
