//! Custom converters (`UrlConverter`) end to end, in process: matching,
//! ranking beside the built-in converters, falling through to the next
//! route, `from_url` refusing, `url_for!`, blueprints, and a handler that
//! also borrows a parameter; and the same requests against Flask, with
//! each converter written as a Werkzeug `BaseConverter`
//! (`tests/flask/converter.py`).

mod flask;

use std::borrow::Cow;

use flaxum::test::Client;
use flaxum::{blueprint, get, post, routes, url_for, App, AppService, Matches, UrlConverter};

/// Lower-case letters, digits and `-`, 1 to 20 of them.
#[derive(Debug, PartialEq)]
struct Slug(String);

impl UrlConverter for Slug {
    const NAME: &'static str = "slug";
    const MATCHES: Matches = Matches::chars("a-z0-9-").len(1, 20);

    fn from_url(value: &str) -> Option<Self> {
        Some(Slug(value.to_owned()))
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

/// One of three colours, declared once.
#[derive(Debug, PartialEq)]
enum Color {
    Red,
    Green,
    Blue,
}

impl UrlConverter for Color {
    const NAME: &'static str = "color";
    const MATCHES: Matches = Matches::one_of(&["red", "green", "blue"]);

    fn from_url(value: &str) -> Option<Self> {
        match value {
            "red" => Some(Color::Red),
            "green" => Some(Color::Green),
            "blue" => Some(Color::Blue),
            _ => None,
        }
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            Color::Red => "red",
            Color::Green => "green",
            Color::Blue => "blue",
        })
    }
}

/// Exactly 4 hexadecimal digits, refused by `from_url` when all zero:
/// the 404 a Flask converter's `ValidationError` gives.
struct Code(u16);

impl UrlConverter for Code {
    const NAME: &'static str = "code";
    const MATCHES: Matches = Matches::chars("0-9a-f").len(4, 4);

    fn from_url(value: &str) -> Option<Self> {
        u16::from_str_radix(value, 16)
            .ok()
            .filter(|&v| v != 0)
            .map(Code)
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{:04x}", self.0))
    }
}

/// Characters that need percent-encoding in a URL.
struct Spaced(String);

impl UrlConverter for Spaced {
    const NAME: &'static str = "spaced";
    const MATCHES: Matches = Matches::chars(" a-z");

    fn from_url(value: &str) -> Option<Self> {
        Some(Spaced(value.to_owned()))
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

#[get("/posts/<slug:slug>")]
async fn post_by_slug(slug: Slug) -> String {
    format!("slug {}", slug.0)
}

/// Lower-case letters only: no digit, so no `int` segment.
struct Word(String);

impl UrlConverter for Word {
    const NAME: &'static str = "word";
    const MATCHES: Matches = Matches::chars("a-z");

    fn from_url(value: &str) -> Option<Self> {
        Some(Word(value.to_owned()))
    }

    fn to_url(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

#[get("/items/<int:id>")]
async fn item_by_id(id: u64) -> String {
    format!("id {id}")
}

#[get("/items/<word:w>")]
async fn item_by_word(w: Word) -> String {
    format!("word {}", w.0)
}

#[get("/items/<name>")]
async fn item_by_name(name: String) -> String {
    format!("name {name}")
}

#[get("/posts/new")]
async fn new_post() -> &'static str {
    "new"
}

#[get("/posts/<title>")]
async fn post_by_title(title: String) -> String {
    format!("title {title}")
}

#[get("/paint/<color:c>")]
async fn paint(c: Color) -> String {
    format!("{c:?}")
}

#[get("/paint/<shade>")]
async fn shade(shade: String) -> String {
    format!("shade {shade}")
}

#[get("/codes/<code:code>")]
async fn code(code: Code) -> String {
    format!("code {}", code.0)
}

// What `Code` refuses answers 404 even so, as in Flask 3, whose
// `ValidationError` ends the matching.
#[get("/codes/<other>")]
async fn other_code(other: String) -> String {
    format!("other {other}")
}

#[get("/say/<spaced:words>")]
async fn say(words: Spaced) -> String {
    words.0
}

// A borrowed parameter beside a custom one: the handler's own glue.
#[get("/pairs/<slug:a>/<b>")]
async fn pair(a: Slug, b: &str) -> String {
    format!("{} {b}", a.0)
}

// Two routes of one handler, the converter in both.
#[get("/tags/<color:c>")]
#[post("/tags/<color:c>/set")]
async fn tag(c: Color) -> String {
    format!("tag {c:?}")
}

#[get("/<slug:s>")]
async fn in_blueprint(s: Slug) -> String {
    format!("bp {}", s.0)
}

blueprint!(docs = "docs", url_prefix = "/docs", routes = [in_blueprint]);

fn app() -> App<impl AppService> {
    App::new(routes![
        post_by_slug,
        new_post,
        item_by_id,
        item_by_word,
        item_by_name,
        post_by_title,
        paint,
        shade,
        code,
        other_code,
        say,
        pair,
        tag,
        docs
    ])
}

async fn get_text<S: AppService>(client: &Client<App<S>>, uri: &str) -> (u16, String) {
    let res = client.get(uri).send().await;
    (res.status().as_u16(), res.text())
}

#[tokio::test]
async fn a_class_ranks_with_the_constrained_converters() {
    let client = Client::new(app());
    let cases = [
        // Static first, then the class, then the plain parameter.
        ("/posts/new", "new"),
        // `int` and a class without digits, beside a plain parameter.
        ("/items/42", "id 42"),
        ("/items/abc", "word abc"),
        ("/items/abc1", "name abc1"),
        ("/items/-1", "name -1"),
        ("/posts/hello-world", "slug hello-world"),
        // Upper case is not in the class: the plain parameter takes it.
        ("/posts/Hello", "title Hello"),
        // Too long for the class (21 characters).
        (
            "/posts/abcdefghijklmnopqrstu",
            "title abcdefghijklmnopqrstu",
        ),
        // Percent-decoded before the class looks: `%61` is `a`.
        ("/posts/%61bc", "slug abc"),
        // `%2D` is `-`, in the class; `%2F` is `/`, which is not.
        ("/posts/a%2Db", "slug a-b"),
        ("/posts/a%2Fb", "title a/b"),
    ];
    for (uri, want) in cases {
        assert_eq!(
            get_text(&client, uri).await,
            (200, want.to_owned()),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn a_set_of_words_matches_only_its_words() {
    let client = Client::new(app());
    assert_eq!(
        get_text(&client, "/paint/green").await,
        (200, "Green".into())
    );
    assert_eq!(
        get_text(&client, "/paint/gre%65n").await,
        (200, "Green".into())
    );
    assert_eq!(
        get_text(&client, "/paint/pink").await,
        (200, "shade pink".into())
    );
    assert_eq!(
        get_text(&client, "/paint/Green").await,
        (200, "shade Green".into())
    );
    assert_eq!(
        get_text(&client, "/tags/blue").await,
        (200, "tag Blue".into())
    );
    let res = client.post("/tags/red/set").send().await;
    assert_eq!((res.status().as_u16(), res.text()), (200, "tag Red".into()));
    // The converter refuses `pink`, and no other route has the path.
    assert_eq!(client.post("/tags/pink/set").send().await.status(), 404);
}

#[tokio::test]
async fn a_value_from_url_refuses_is_a_404() {
    let client = Client::new(app());
    assert_eq!(
        get_text(&client, "/codes/00ff").await,
        (200, "code 255".into())
    );
    assert_eq!(client.get("/codes/0000").send().await.status(), 404);
    // Not in the class (upper case, or 3 digits): the plain parameter.
    assert_eq!(
        get_text(&client, "/codes/00FF").await,
        (200, "other 00FF".into())
    );
    assert_eq!(
        get_text(&client, "/codes/0ff").await,
        (200, "other 0ff".into())
    );
}

#[tokio::test]
async fn borrowed_parameters_beside_a_custom_one() {
    let client = Client::new(app());
    assert_eq!(
        get_text(&client, "/pairs/a-b/c%20d").await,
        (200, "a-b c d".into())
    );
    assert_eq!(client.get("/pairs/A/x").send().await.status(), 404);
}

#[tokio::test]
async fn blueprints_and_methods() {
    let client = Client::new(app());
    assert_eq!(
        get_text(&client, "/docs/intro").await,
        (200, "bp intro".into())
    );
    assert_eq!(client.get("/docs/Intro").send().await.status(), 404);
    // HEAD from GET, and 405 with `Allow` for a path the class matches.
    assert_eq!(client.head("/posts/abc").send().await.status(), 200);
    let res = client.post("/posts/abc").send().await;
    assert_eq!(res.status(), 405);
    assert_eq!(res.header("allow"), Some("GET, HEAD, OPTIONS"));
}

#[tokio::test]
async fn url_for_writes_values_with_to_url() {
    let _ = app();
    assert_eq!(
        url_for!(post_by_slug, slug = Slug("a-b".into())),
        "/posts/a-b"
    );
    assert_eq!(url_for!(paint, c = Color::Blue), "/paint/blue");
    assert_eq!(url_for!(code, code = Code(255)), "/codes/00ff");
    assert_eq!(
        url_for!(say, words = Spaced("hi there".into())),
        "/say/hi%20there"
    );
    assert_eq!(
        url_for!(pair, a = Slug("x".into()), b = "y/z", page = 2),
        "/pairs/x/y%2Fz?page=2"
    );
    assert_eq!(
        url_for!(in_blueprint, s = Slug("intro".into())),
        "/docs/intro"
    );
    // What url_for! writes, the route matches.
    let client = Client::new(app());
    let uri = url_for!(say, words = Spaced("hi there".into()));
    assert_eq!(get_text(&client, &uri).await, (200, "hi there".into()));
}

#[test]
fn the_listing_shows_the_routes_as_written() {
    let listing = app().routes_table().to_string();
    assert!(listing.contains("/posts/<slug:slug>"), "{listing}");
    assert!(listing.contains("/paint/<color:c>"), "{listing}");
}

/// Requests, and the status and body both flaxum and Flask answer (the
/// body is compared for 200 only: error pages differ by design).
const AGAINST_FLASK: &[(&str, &str, u16, &str)] = &[
    ("GET", "/posts/new", 200, "new"),
    ("GET", "/posts/hello-world", 200, "slug hello-world"),
    ("GET", "/posts/Hello", 200, "title Hello"),
    (
        "GET",
        "/posts/abcdefghijklmnopqrst",
        200,
        "slug abcdefghijklmnopqrst",
    ),
    (
        "GET",
        "/posts/abcdefghijklmnopqrstu",
        200,
        "title abcdefghijklmnopqrstu",
    ),
    ("GET", "/posts/%61bc", 200, "slug abc"),
    ("GET", "/posts/a%2Db", 200, "slug a-b"),
    ("GET", "/posts/a%20b", 200, "title a b"),
    ("GET", "/items/42", 200, "id 42"),
    ("GET", "/items/abc", 200, "word abc"),
    ("GET", "/items/abc1", 200, "name abc1"),
    ("GET", "/items/-1", 200, "name -1"),
    ("GET", "/paint/green", 200, "Green"),
    ("GET", "/paint/gre%65n", 200, "Green"),
    ("GET", "/paint/pink", 200, "shade pink"),
    ("GET", "/paint/Green", 200, "shade Green"),
    ("GET", "/paint/greenish", 200, "shade greenish"),
    ("GET", "/tags/blue", 200, "tag Blue"),
    ("POST", "/tags/red/set", 200, "tag Red"),
    ("POST", "/tags/pink/set", 404, ""),
    ("GET", "/tags/pink", 404, ""),
    ("GET", "/codes/00ff", 200, "code 255"),
    ("GET", "/codes/0000", 404, ""),
    ("GET", "/codes/00FF", 200, "other 00FF"),
    ("GET", "/codes/0ff", 200, "other 0ff"),
    ("GET", "/say/hi%20there", 200, "hi there"),
    ("GET", "/say/hi%09there", 404, ""),
    ("GET", "/pairs/a-b/c%20d", 200, "a-b c d"),
    ("GET", "/pairs/A/x", 404, ""),
    ("GET", "/docs/intro", 200, "bp intro"),
    ("GET", "/docs/Intro", 404, ""),
    ("POST", "/posts/abc", 405, ""),
    ("HEAD", "/paint/red", 200, ""),
];

#[tokio::test]
async fn the_same_requests_as_flask() {
    let client = Client::new(app());
    for &(method, uri, status, body) in AGAINST_FLASK {
        let method: http::Method = method.parse().unwrap();
        let res = client.request(method.clone(), uri).send().await;
        assert_eq!(res.status().as_u16(), status, "flaxum, {method} {uri}");
        if status == 200 {
            assert_eq!(res.text(), body, "flaxum, {method} {uri}");
        }
    }
    if !flask::installed() {
        eprintln!("python3 with Flask is not installed: compared with the pinned answers only");
        return;
    }
    let requests: Vec<(&str, &str)> = AGAINST_FLASK.iter().map(|c| (c.0, c.1)).collect();
    let answers: Vec<(u16, String)> = flask::run(&["tests/flask/converter.py"], &[], &requests);
    assert_eq!(answers.len(), AGAINST_FLASK.len());
    for (&(method, uri, status, body), (got_status, got_body)) in AGAINST_FLASK.iter().zip(answers)
    {
        assert_eq!(got_status, status, "Flask, {method} {uri}");
        if status == 200 {
            assert_eq!(got_body, body, "Flask, {method} {uri}");
        }
    }
}
