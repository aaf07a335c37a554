// An app has one static folder.
use flaxum::{routes, App};

fn main() {
    let _app = App::new(routes![static, static = "/assets"]);
}
