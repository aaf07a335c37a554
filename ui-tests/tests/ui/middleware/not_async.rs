// A middleware is an `async fn`.
use axum::extract::Request;
use axum::response::Response;
use flaxum::{middleware, Next};

#[middleware]
fn log(req: Request, next: Next) -> Response {
    let _ = (req, next);
    unimplemented!()
}

fn main() {}
