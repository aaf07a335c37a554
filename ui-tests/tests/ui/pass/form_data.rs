// `FormData`, Flask's `request.form`, reads the body: it is the last
// argument, after path parameters and extractors from the request head. A
// missing field is `None`; a body that is not a form is an empty form.
use axum::body::Body;
use axum::http::{HeaderMap, Request};
use flaxum::{post, routes, App, FormData};
use tower::ServiceExt;

#[post("/users/<int:id>/rename")]
async fn rename(id: u64, headers: HeaderMap, form: FormData) -> String {
    let agent = headers
        .get("user-agent")
        .map_or("?", |v| v.to_str().unwrap_or("?"));
    format!("{id}: {} ({agent})", form.get_or("name", "unnamed"))
}

#[post("/upload")]
async fn upload(form: FormData) -> String {
    let files: Vec<&str> = form.files().iter().map(|f| f.filename()).collect();
    format!("{:?} {:?}", form.get("title"), files)
}

async fn send(
    app: &App<impl flaxum::AppService>,
    uri: &str,
    content_type: &str,
    body: &str,
) -> String {
    let req = Request::post(uri)
        .header("content-type", content_type)
        .header("user-agent", "ui")
        .body(Body::from(body.to_owned()))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), 200);
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = App::new(routes![rename, upload]);
    let form = "application/x-www-form-urlencoded";
    assert_eq!(
        send(&app, "/users/7/rename", form, "name=Ada+L").await,
        "7: Ada L (ui)"
    );
    assert_eq!(
        send(&app, "/users/7/rename", form, "other=1").await,
        "7: unnamed (ui)"
    );
    assert_eq!(
        send(&app, "/users/7/rename", "application/json", "{}").await,
        "7: unnamed (ui)"
    );
    let body = "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nnotes\r\n\
        --b\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n\r\nhi\r\n--b--\r\n";
    assert_eq!(
        send(&app, "/upload", "multipart/form-data; boundary=b", body).await,
        r#"Some("notes") ["a.txt"]"#
    );
}
