// `FormData` consumes the body, so it must be the last argument.
use axum::http::HeaderMap;
use flaxum::{post, routes, App, FormData};

#[post("/login")]
async fn login(form: FormData, headers: HeaderMap) -> String {
    format!("{:?} ({} headers)", form.get("username"), headers.len())
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![login]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
