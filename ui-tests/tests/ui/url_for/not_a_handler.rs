// `url_for!` takes a route handler.
use flaxum::url_for;

async fn helper() {}

fn main() {
    let _ = helper;
    let _ = url_for!(helper);
}
