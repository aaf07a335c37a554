// A class of digits accepts what `int` accepts: `/items/42` would have two
// routes of the same rank, so the table refuses them.
use std::borrow::Cow;

use flaxum::{get, routes, App, Matches, UrlConverter};

struct Sku(String);

impl UrlConverter for Sku {
    const NAME: &'static str = "sku";
    const MATCHES: Matches = Matches::chars("0-9").len(2, 8);

    fn from_url(value: &str) -> Option<Self> {
        Some(Sku(value.to_owned()))
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

#[get("/items/<int:id>")]
async fn by_id(id: u32) -> String {
    id.to_string()
}

#[get("/items/<sku:sku>")]
async fn by_sku(sku: Sku) -> String {
    sku.0
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![by_id, by_sku]);
    flaxum::serve("127.0.0.1:5000", app).await.unwrap();
}
