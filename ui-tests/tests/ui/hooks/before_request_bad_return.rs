// A before_request function goes on, or answers with a response.
use axum::extract::Request;

#[flaxum::before_request]
async fn check(req: &mut Request) -> bool {
    req.headers().is_empty()
}

#[flaxum::get("/")]
async fn index() -> &'static str {
    "hi"
}

fn main() {
    let _ = flaxum::App::new(flaxum::routes![index; before_request = [check]]).routes();
}
