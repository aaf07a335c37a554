//! The RealWorld ("Conduit") API on flaxum: the port of the Flask
//! reference backend (Flask's `autoapp.py`).
//!
//! ```sh
//! cargo run -p flaxum-examples --example realworld             # http://127.0.0.1:5004/api
//! cargo run -p flaxum-examples --example realworld -- routes   # like `flask routes`
//! cargo run -p flaxum-examples --example realworld -- routes --openapi   # the OpenAPI document
//! ```
//!
//! `PORT` changes the port, `DATABASE_URL` the database (`sqlite:…`, by
//! default `conduit.sqlite` in the working directory, created on first
//! start, or `postgres://…`), and `JWT_SECRET` the key that signs tokens
//! (32 bytes or more; without it, a random key per process, with a
//! warning). `examples/realworld/README.md` has the rest.

use flaxum_examples::realworld::{create_app, Conduit, Settings};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().nth(1).as_deref() == Some("routes") {
        let conduit = Conduit::open(&Settings::new("sqlite::memory:")).await?;
        let app = create_app(conduit);
        if std::env::args().nth(2).as_deref() == Some("--openapi") {
            println!(
                "{}",
                flaxum_examples::realworld::app::openapi(app.openapi())
            );
        } else {
            print!("{}", app.routes_table());
        }
        return Ok(());
    }
    let settings = Settings::from_env()?;
    let conduit = Conduit::open(&settings).await?;
    let app = create_app(conduit);
    let port = std::env::var("PORT").unwrap_or_else(|_| "5004".to_owned());
    let addr = format!("127.0.0.1:{port}");
    println!(" * Serving the RealWorld API on http://{addr}/api (press CTRL+C to quit)");
    flaxum::serve(addr.as_str(), app).await?;
    Ok(())
}
