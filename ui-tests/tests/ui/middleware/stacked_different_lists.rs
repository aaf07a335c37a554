// A handler has one chain: its stacked routes list the same middleware.
use axum::extract::Request;
use axum::response::Response;
use flaxum::{get, middleware, Next};

#[middleware]
async fn log(req: Request, next: Next) -> Response {
    next.run(req).await
}

#[get("/a", middleware = [log])]
#[get("/b")]
async fn page() -> &'static str {
    "hi"
}

fn main() {}
