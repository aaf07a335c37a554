// Plain parameters are parsed into the argument's type: borrowed `&str` and
// `Cow<str>`, integers, `Uuid`, or any `FromStr` type of the user's.
use std::borrow::Cow;
use std::str::FromStr;

use flaxum::{get, routes, App};
use flaxum_ui_tests::fetch;

#[get("/borrowed/<name>")]
async fn borrowed(name: &str) -> String {
    name.to_owned()
}

#[get("/cow/:name")]
async fn cow(name: Cow<'_, str>) -> String {
    name.into_owned()
}

#[get("/owned/{name}")]
async fn owned(name: String) -> String {
    name
}

#[get("/numbers/<a>/<b>/<c>/<d>")]
async fn numbers(a: u8, b: i128, c: usize, d: f64) -> String {
    format!("{a} {b} {c} {d}")
}

#[get("/ids/<id>")]
async fn ids(id: uuid::Uuid) -> String {
    id.to_string()
}

#[get("/flags/<on>/<c>")]
async fn flags(on: bool, c: char) -> String {
    format!("{on} {c}")
}

#[get("/ips/<ip>")]
async fn ips(ip: std::net::IpAddr) -> String {
    ip.to_string()
}

/// A type of the user's with `FromStr`.
struct Slug(String);

impl FromStr for Slug {
    type Err = &'static str;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            Ok(Slug(s.to_owned()))
        } else {
            Err("not a slug")
        }
    }
}

#[get("/posts/<slug>")]
async fn post(slug: Slug) -> String {
    slug.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let router = App::new(routes![
        borrowed, cow, owned, numbers, ids, flags, ips, post
    ])
    .into_router();
    let id = "67e55044-10b1-426f-9247-bb680e5fe0c8";
    for (uri, want) in [
        ("/borrowed/a%20b", "a b"),
        ("/cow/x", "x"),
        ("/owned/y", "y"),
        ("/numbers/255/-5/7/2.5", "255 -5 7 2.5"),
        (&format!("/ids/{id}"), id),
        ("/flags/true/z", "true z"),
        ("/ips/127.0.0.1", "127.0.0.1"),
        ("/posts/hello-world", "hello-world"),
    ] {
        assert_eq!(
            fetch(&router, "GET", uri, "").await,
            (200, want.to_owned()),
            "{uri}"
        );
    }
    // A plain parameter that does not parse: 400.
    assert_eq!(fetch(&router, "GET", "/numbers/256/0/0/0", "").await.0, 400);
    assert_eq!(fetch(&router, "GET", "/posts/Hello", "").await.0, 400);
}
