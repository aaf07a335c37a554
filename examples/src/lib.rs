//! Runnable flaxum apps; see the `[[example]]`s.

use flaxum::App;

/// What `cargo run --example <app> -- routes` prints: the routes, like
/// `flask routes`, or with `--openapi`, the app's OpenAPI document.
/// `false` when the command line asks for neither (the app serves).
pub fn routes_command<T>(app: &App<T>) -> bool {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() != Some("routes") {
        return false;
    }
    if args.next().as_deref() == Some("--openapi") {
        println!("{}", app.openapi());
    } else {
        print!("{}", app.routes_table());
    }
    true
}

#[path = "../blog/app.rs"]
pub mod blog;
pub mod password;
#[path = "../realworld/conduit/mod.rs"]
pub mod realworld;
