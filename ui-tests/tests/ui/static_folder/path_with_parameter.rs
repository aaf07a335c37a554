// The static route's URL path is static text: the file name is its only
// parameter.
use flaxum::{routes, App};

fn main() {
    let _app = App::new(routes![static = "/<lang>/static"]);
}
