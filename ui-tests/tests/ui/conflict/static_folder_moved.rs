// `static = "/assets"` moves the static route: a route under /assets
// that takes any file name conflicts with it there.
use flaxum::{get, routes, App};

#[get("/assets/*file")]
async fn assets(file: String) -> String {
    file
}

fn main() {
    let _app = App::new(routes![static = "/assets", assets]);
}
