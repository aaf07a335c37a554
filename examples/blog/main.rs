//! The Quick start demo: a small blog, the flaxum port of the Flask app in
//! `flask/app.py` (the two answer the same requests the same way).
//!
//! ```sh
//! cargo run -p flaxum-examples --example blog             # http://127.0.0.1:5000
//! cargo run -p flaxum-examples --example blog -- routes   # like `flask routes`
//! cargo run -p flaxum-examples --example blog -- routes --openapi   # the OpenAPI document
//! ```
//!
//! The database is `blog.sqlite` in the working directory (`BLOG_DB`
//! changes it), created on first start; `PORT` changes the port and
//! `SECRET_KEY` the session key (at least 32 bytes; random per process,
//! with a warning, when it is not set).

use std::path::PathBuf;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let db = PathBuf::from(std::env::var("BLOG_DB").unwrap_or_else(|_| "blog.sqlite".to_owned()));
    if std::env::args().nth(1).as_deref() == Some("routes") {
        let app = flaxum_examples::blog::create_app(std::path::Path::new(":memory:"))?;
        flaxum_examples::routes_command(&app);
        return Ok(());
    }
    let app = flaxum_examples::blog::create_app(&db)?;
    let port = std::env::var("PORT").unwrap_or_else(|_| "5000".to_owned());
    let addr = format!("127.0.0.1:{port}");
    println!(" * Serving the flaxum blog on http://{addr} (press CTRL+C to quit)");
    println!(" * Database: {}", db.display());
    flaxum::serve(addr.as_str(), app).await
}
