// A type named in `responses(…)` needs a JSON schema (schemars'
// `JsonSchema`) for the OpenAPI document (with the `openapi` feature).
use flaxum::post;

struct Thing;

#[post("/things", responses(201 = Thing))]
async fn make() -> http::StatusCode {
    http::StatusCode::CREATED
}

fn main() {}
