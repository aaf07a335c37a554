// A middleware takes the request and `next: Next`, after any extractors.
use axum::extract::Request;
use axum::response::Response;
use flaxum::middleware;

#[middleware]
async fn log(req: Request) -> Response {
    let _ = req;
    unimplemented!()
}

fn main() {}
