//! The OpenAPI document of an app (feature `openapi`): what the table
//! gives (paths, methods, endpoints, converters' schemas, blueprints'
//! tags), what the route attributes add (doc comments, argument and
//! return types, `responses(…)`), flaxum's own answers, and the route
//! that serves it.

use axum::extract::Query;
use axum::Json;
use flaxum::test::Client;
use flaxum::{blueprint, get, route, routes, App};
use serde_json::Value;

#[derive(serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
struct Note {
    text: String,
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
#[allow(dead_code)]
struct Page {
    /// How many.
    limit: Option<u32>,
    after: String,
}

#[get("/n/<int(min=1, max=99):id>")]
async fn int_bounded(id: u8) -> String {
    id.to_string()
}

#[get("/i/<int:id>")]
async fn int_typed(id: i16) -> String {
    id.to_string()
}

#[get("/f/<float:x>")]
async fn by_float(x: f64) -> String {
    x.to_string()
}

#[get("/u/<uuid:id>")]
async fn by_uuid(id: uuid::Uuid) -> String {
    id.to_string()
}

#[get("/a/<any(red, green):colour>")]
async fn by_any(colour: String) -> String {
    colour
}

#[get("/s/<string(length=2):code>")]
async fn fixed(code: String) -> String {
    code
}

#[get("/files/<path:rest>")]
async fn files(rest: String) -> String {
    rest
}

/// A custom converter of a class and a length range.
struct Slug(String);

impl flaxum::UrlConverter for Slug {
    const NAME: &'static str = "slug";
    const MATCHES: flaxum::Matches = flaxum::Matches::chars("a-z0-9-").len(1, 64);

    fn from_url(value: &str) -> Option<Self> {
        Some(Slug(value.to_owned()))
    }

    fn to_url(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(&self.0)
    }
}

/// A custom converter of a set of words.
struct Size(&'static str);

impl flaxum::UrlConverter for Size {
    const NAME: &'static str = "size";
    const MATCHES: flaxum::Matches = flaxum::Matches::one_of(&["s", "m", "l"]);

    fn from_url(value: &str) -> Option<Self> {
        ["s", "m", "l"].into_iter().find(|w| *w == value).map(Size)
    }

    fn to_url(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(self.0)
    }
}

#[get("/posts/<slug:slug>")]
async fn by_slug(slug: Slug) -> String {
    slug.0
}

#[get("/shirts/<size:size>")]
async fn by_size(size: Size) -> &'static str {
    size.0
}

#[get("/plain/<n>")]
async fn plain(n: u16) -> String {
    n.to_string()
}

/// Lists notes.
///
/// Oldest first.
#[get("/notes")]
async fn list(Query(_page): Query<Page>) -> Json<Vec<Note>> {
    Json(Vec::new())
}

#[route("/notes", methods = ["POST", "PUT"], responses(201 = Note, 204))]
async fn write(Json(note): Json<Note>) -> (http::StatusCode, Json<Note>) {
    (http::StatusCode::CREATED, Json(note))
}

/// Notes of the admins.
mod admin {
    use super::*;

    #[get("/")]
    pub async fn home() -> &'static str {
        "admin"
    }

    blueprint!(
        /// Pages for administrators.
        pub bp = "admin", url_prefix = "/admin", routes = [home]
    );
}

fn doc() -> Value {
    App::new(routes![
        int_bounded,
        int_typed,
        by_float,
        by_uuid,
        by_any,
        fixed,
        files,
        plain,
        by_slug,
        by_size,
        list,
        write,
        admin::bp
    ])
    .openapi()
    .into_json()
}

/// The schema of the first parameter of `GET path`.
fn param(doc: &Value, path: &str) -> Value {
    doc["paths"][path]["get"]["parameters"][0]["schema"].clone()
}

#[test]
fn converters_give_path_parameters_their_schemas() {
    let doc = doc();
    let s = param(&doc, "/n/{id}");
    assert_eq!(
        (&s["type"], &s["minimum"], &s["maximum"]),
        (&"integer".into(), &1.into(), &99.into())
    );
    // The type's bounds, and `int`'s: no sign unless `signed=True`.
    let s = param(&doc, "/i/{id}");
    assert_eq!(
        (&s["minimum"], &s["maximum"]),
        (&0.into(), &i16::MAX.into())
    );
    assert_eq!(param(&doc, "/f/{x}")["type"], "number");
    assert_eq!(param(&doc, "/u/{id}")["format"], "uuid");
    assert_eq!(
        param(&doc, "/a/{colour}")["enum"],
        serde_json::json!(["red", "green"])
    );
    let s = param(&doc, "/s/{code}");
    assert_eq!((&s["minLength"], &s["maxLength"]), (&2.into(), &2.into()));
    let rest = &doc["paths"]["/files/{rest}"]["get"]["parameters"][0];
    assert_eq!(rest["schema"]["type"], "string");
    assert!(rest["description"].as_str().unwrap().contains('/'));
    // Custom converters: a class is a pattern and a length range, a set
    // of words an enum.
    let s = param(&doc, "/posts/{slug}");
    assert_eq!(s["pattern"], "^[\\-0-9a-z]+$");
    assert_eq!((&s["minLength"], &s["maxLength"]), (&1.into(), &64.into()));
    assert_eq!(
        param(&doc, "/shirts/{size}")["enum"],
        serde_json::json!(["s", "m", "l"])
    );
    assert!(doc["paths"]["/posts/{slug}"]["get"]["responses"]["404"].is_object());
    // A plain parameter has its argument type's schema.
    let s = param(&doc, "/plain/{n}");
    assert_eq!(
        (&s["type"], &s["maximum"]),
        (&"integer".into(), &u16::MAX.into())
    );
}

#[test]
fn flaxums_own_answers_are_in_the_document() {
    let doc = doc();
    let typed = &doc["paths"]["/n/{id}"]["get"]["responses"];
    assert!(
        typed["404"].is_object(),
        "a value the converter refuses: {typed}"
    );
    assert!(typed["400"].is_object());
    let plain = &doc["paths"]["/plain/{n}"]["get"]["responses"];
    assert!(
        plain.get("404").is_none(),
        "a plain parameter matches any segment"
    );
    assert!(plain["400"]["description"]
        .as_str()
        .unwrap()
        .contains("`n`"));
    let post = &doc["paths"]["/notes"]["post"]["responses"];
    for status in ["413", "415", "422"] {
        assert!(post[status].is_object(), "{status}: {post}");
    }
    assert!(doc["components"]["responses"]["MethodNotAllowed"]["headers"]["Allow"].is_object());
}

#[test]
fn handlers_describe_their_bodies_and_answers() {
    let doc = doc();
    let get = &doc["paths"]["/notes"]["get"];
    assert_eq!(get["operationId"], "list");
    assert_eq!(get["summary"], "Lists notes.");
    assert_eq!(get["description"], "Oldest first.");
    let params = get["parameters"].as_array().unwrap();
    let names: Vec<_> = params
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["required"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(names, [("after", true), ("limit", false)]);
    assert_eq!(params[1]["description"], "How many.");
    let items = &get["responses"]["200"]["content"]["application/json"]["schema"]["items"];
    assert_eq!(items["$ref"], "#/components/schemas/Note");
    // One route, two methods: an operation each, the method in its id.
    for method in ["post", "put"] {
        let op = &doc["paths"]["/notes"][method];
        assert_eq!(op["operationId"], format!("write.{method}"));
        let body = &op["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(body["$ref"], "#/components/schemas/Note");
        assert!(op["responses"]["201"]["content"].is_object());
        assert!(op["responses"]["204"]["content"].is_null());
    }
    assert_eq!(
        doc["components"]["schemas"]["Note"]["required"],
        serde_json::json!(["text"])
    );
}

#[test]
fn a_blueprint_is_a_tag() {
    let doc = doc();
    let op = &doc["paths"]["/admin/"]["get"];
    assert_eq!(op["tags"], serde_json::json!(["admin"]));
    assert_eq!(op["operationId"], "admin.home");
    let tags = doc["tags"].as_array().unwrap();
    assert_eq!(tags[0]["name"], "admin");
    assert_eq!(tags[0]["description"], "Pages for administrators.");
}

#[tokio::test]
async fn the_document_is_served_where_the_app_says() {
    let app = App::new(routes![list]).serve_openapi("/openapi.json");
    let client = Client::new(app);
    let res = client.get("/openapi.json").await;
    assert_eq!(res.status(), 200);
    let served: Value = res.json().unwrap();
    assert_eq!(served, App::new(routes![list]).openapi().into_json());
    assert_eq!(client.head("/openapi.json").await.text(), "");
    let res = client.post("/openapi.json").await;
    assert_eq!(res.status(), 405);
    assert_eq!(res.header("allow"), Some("GET, HEAD, OPTIONS"));
    assert_eq!(client.get("/notes?after=x").await.status(), 200);
}
