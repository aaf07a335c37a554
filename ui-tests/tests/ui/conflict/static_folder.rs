// A route that matches the same requests as the static folder's route,
// `/static/<path:filename>`: the error names both, the static one as
// `static`, Flask's endpoint name.
use flaxum::{get, routes, App};

#[get("/static/<path:name>")]
async fn files(name: String) -> String {
    name
}

fn main() {
    let _app = App::new(routes![files, static]);
}
