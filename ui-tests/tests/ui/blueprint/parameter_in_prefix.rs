// A blueprint's prefix is static text.
#[flaxum::get("/")]
async fn index() -> &'static str {
    "hi"
}

flaxum::blueprint!(pub bp = "lang", url_prefix = "/<lang>", routes = [index]);

fn main() {}
