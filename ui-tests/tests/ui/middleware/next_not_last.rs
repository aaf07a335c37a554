// `next: Next` comes last, after the request.
use axum::extract::Request;
use axum::response::Response;
use flaxum::{middleware, Next};

#[middleware]
async fn log(next: Next, req: Request) -> Response {
    next.run(req).await
}

fn main() {}
