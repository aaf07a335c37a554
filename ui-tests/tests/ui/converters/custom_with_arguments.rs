// A custom converter declares what it matches in its type; the route
// cannot pass it arguments as Flask's `<slug(max=3):s>` would.
use std::borrow::Cow;

use flaxum::{get, routes, App, Matches, UrlConverter};

struct Slug(String);

impl UrlConverter for Slug {
    const NAME: &'static str = "slug";
    const MATCHES: Matches = Matches::chars("a-z0-9-");

    fn from_url(value: &str) -> Option<Self> {
        Some(Slug(value.to_owned()))
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

#[get("/posts/<slug(max=3):s>")]
async fn post(s: Slug) -> String {
    s.0
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![post]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
