// Every converter, with Flask's arguments, and the argument types each one
// fills.
use flaxum::{get, routes, App};
use flaxum_ui_tests::fetch;

#[get("/string/<string(length=2):code>")]
async fn string_length(code: String) -> String {
    code
}

#[get("/names/<string(minlength=2, maxlength=20):name>")]
async fn string_range(name: &str) -> String {
    name.to_owned()
}

#[get("/default/<default(3):slug>")]
async fn default_alias(slug: String) -> String {
    slug
}

#[get("/pages/<int(min=1, max=500):n>")]
async fn int_range(n: u16) -> String {
    n.to_string()
}

#[get("/years/<int(fixed_digits=4):year>")]
async fn int_fixed(year: u32) -> String {
    year.to_string()
}

#[get("/offsets/<int(signed=True):delta>")]
async fn int_signed(delta: i64) -> String {
    delta.to_string()
}

#[get("/scale/<float(min=0, max=10.5):x>")]
async fn float_range(x: f64) -> String {
    x.to_string()
}

#[get("/temps/<float(signed=True):t>")]
async fn float_signed(t: f32) -> String {
    t.to_string()
}

#[get("/orders/<uuid:id>")]
async fn uuid_conv(id: uuid::Uuid) -> String {
    id.to_string()
}

#[get("/lang/<any(en, de, 'pt-BR'):lang>")]
async fn any_words(lang: String) -> String {
    lang
}

#[get("/static/<path:file>")]
async fn path_conv(file: String) -> String {
    file
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = App::new(routes![
        string_length,
        string_range,
        default_alias,
        int_range,
        int_fixed,
        int_signed,
        float_range,
        float_signed,
        uuid_conv,
        any_words,
        path_conv,
    ]);
    assert_eq!(app.table().routes().len(), 11);
    let router = app.into_router();
    let id = "67e55044-10b1-426f-9247-bb680e5fe0c8";
    for (uri, want) in [
        ("/string/de", Some("de")),
        ("/string/deu", None),
        ("/names/ab", Some("ab")),
        ("/names/a", None),
        ("/default/abc", Some("abc")),
        ("/pages/500", Some("500")),
        ("/pages/501", None),
        ("/pages/0", None),
        ("/years/2024", Some("2024")),
        ("/years/24", None),
        ("/offsets/-3", Some("-3")),
        ("/scale/10.5", Some("10.5")),
        ("/scale/11.0", None),
        ("/temps/-1.5", Some("-1.5")),
        (&format!("/orders/{id}"), Some(id)),
        ("/orders/42", None),
        ("/lang/pt-BR", Some("pt-BR")),
        ("/lang/fr", None),
        ("/static/css/site.css", Some("css/site.css")),
    ] {
        let got = fetch(&router, "GET", uri, "").await;
        match want {
            Some(body) => assert_eq!(got, (200, body.to_owned()), "{uri}"),
            None => assert_eq!(got.0, 404, "{uri}"),
        }
    }
}
