// A handler (or blueprint) is mounted in one place: url_for! needs one
// prefix for it.
#[flaxum::get("/")]
async fn index() -> &'static str {
    "hi"
}

mod a {
    flaxum::blueprint!(pub bp = "a", url_prefix = "/a", routes = [super::index]);
}

mod b {
    flaxum::blueprint!(pub bp = "b", url_prefix = "/b", routes = [super::index]);
}

fn main() {
    let _ = flaxum::App::new(flaxum::routes![a::bp, b::bp]).routes();
}
