// Custom converters beside built-in ones whose values they cannot share:
// letters beside `int`, a fixed set beside a plain parameter.
use std::borrow::Cow;

use flaxum::{get, routes, url_for, App, Matches, UrlConverter};

struct Word(String);

impl UrlConverter for Word {
    const NAME: &'static str = "word";
    const MATCHES: Matches = Matches::chars("a-z").len(1, 32);

    fn from_url(value: &str) -> Option<Self> {
        Some(Word(value.to_owned()))
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

enum Size {
    Small,
    Large,
}

impl UrlConverter for Size {
    const NAME: &'static str = "size";
    const MATCHES: Matches = Matches::one_of(&["small", "large"]);

    fn from_url(value: &str) -> Option<Self> {
        match value {
            "small" => Some(Size::Small),
            "large" => Some(Size::Large),
            _ => None,
        }
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            Size::Small => "small",
            Size::Large => "large",
        })
    }
}

#[get("/items/<int:id>")]
async fn by_id(id: u32) -> String {
    id.to_string()
}

#[get("/items/<word:w>")]
async fn by_word(w: Word) -> String {
    w.0
}

#[get("/shirts/<size:size>")]
async fn shirts(size: Size) -> &'static str {
    match size {
        Size::Small => "S",
        Size::Large => "L",
    }
}

#[get("/shirts/<other>")]
async fn other(other: String) -> String {
    other
}

fn main() {
    let _app = App::new(routes![by_id, by_word, shirts, other]);
    assert_eq!(url_for!(by_word, w = Word("abc".into())), "/items/abc");
    assert_eq!(url_for!(shirts, size = Size::Large), "/shirts/large");
}
