// The middleware owns the request it passes on.
use axum::extract::Request;
use axum::response::Response;
use flaxum::{middleware, Next};

#[middleware]
async fn log(req: &Request, next: Next) -> Response {
    let _ = (req, next);
    unimplemented!()
}

fn main() {}
