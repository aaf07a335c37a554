// `responses(…)` lists HTTP statuses: 100 to 599, each once.
use flaxum::post;

#[post("/things", responses(201, 99, 201))]
async fn make() -> http::StatusCode {
    http::StatusCode::CREATED
}

fn main() {}
