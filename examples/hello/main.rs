//! The Quick start demo: Flask's hello world, in flaxum.
//!
//! ```sh
//! cargo run -p flaxum-examples --example hello
//! curl -i localhost:5000/users/42      # 200
//! curl -i localhost:5000/users/x       # 404: <int:id> does not match `x`
//! curl -i localhost:5000/docs          # 308 to /docs/
//! curl -i -X DELETE localhost:5000/    # 405, Allow: GET, HEAD, OPTIONS
//! cargo run -p flaxum-examples --example hello -- routes   # like `flask routes`
//! cargo run -p flaxum-examples --example hello -- routes --openapi   # the OpenAPI document
//! ```

use axum::Json;
use flaxum::{get, post, route, routes, App};
use serde::{Deserialize, Serialize};

#[get("/")]
async fn index() -> &'static str {
    "Hello, World!\n"
}

#[get("/users/<int:id>")]
async fn user(id: u64) -> String {
    format!("user {id}\n")
}

#[get("/hello/<name>")]
async fn hello(name: &str) -> String {
    format!("Hello, {name}!\n")
}

#[get("/docs/")]
async fn docs() -> &'static str {
    "The docs live at /docs/, with a trailing slash, as in Flask.\n"
}

#[get("/static/<path:file>")]
async fn static_file(file: String) -> String {
    format!("would send the file `{file}`\n")
}

#[derive(Deserialize, Serialize)]
struct Echo {
    message: String,
}

#[route("/echo", methods = ["POST", "PUT"])]
async fn echo(Json(body): Json<Echo>) -> Json<Echo> {
    Json(body)
}

#[post("/users")]
async fn create_user(name: String) -> (http::StatusCode, String) {
    (http::StatusCode::CREATED, format!("created {name}\n"))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = App::new(routes![
        index,
        user,
        hello,
        docs,
        static_file,
        echo,
        create_user
    ]);
    // `cargo run --example hello -- routes` prints the routes, like
    // `flask routes`; `-- routes --openapi`, the OpenAPI document.
    if flaxum_examples::routes_command(&app) {
        return Ok(());
    }
    let addr = "127.0.0.1:5000";
    println!(" * Serving flaxum app `hello` on http://{addr} (press CTRL+C to quit)");
    flaxum::serve(addr, app).await
}
