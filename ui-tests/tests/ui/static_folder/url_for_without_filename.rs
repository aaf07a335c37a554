// `url_for!(static, …)` needs the file's name.
use flaxum::{routes, url_for, App};

fn main() {
    let _app = App::new(routes![static]);
    let _url = url_for!(static, v = 3);
}
