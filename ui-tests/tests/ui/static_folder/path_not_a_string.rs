// The static route's URL path is a string literal.
use flaxum::{routes, App};

const ASSETS: &str = "/assets";

fn main() {
    let _app = App::new(routes![static = ASSETS]);
}
