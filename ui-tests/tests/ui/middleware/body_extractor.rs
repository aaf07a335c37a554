// A middleware's extractors read the request head only: the body goes on
// to the handler.
use axum::extract::Request;
use axum::response::Response;
use flaxum::{get, middleware, routes, App, Next};

#[middleware]
async fn inspect(body: String, req: Request, next: Next) -> Response {
    let _ = body;
    next.run(req).await
}

#[get("/", middleware = [inspect])]
async fn index() -> &'static str {
    "hi"
}

fn main() {
    let _ = App::new(routes![index]).routes();
}
