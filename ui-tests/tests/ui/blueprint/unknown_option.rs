// The options of a blueprint are Flask's.
#[flaxum::get("/")]
async fn index() -> &'static str {
    "hi"
}

flaxum::blueprint!(pub bp = "site", prefix = "/site", routes = [index]);

fn main() {}
