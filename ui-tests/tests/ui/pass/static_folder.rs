// The static folder beside ordinary routes: a more specific route under
// /static wins over it, `url_for!(static, …)` links to its files, and a
// file outside the folder is out of reach.
use flaxum::{get, routes, url_for, App};
use flaxum_ui_tests::fetch;

#[get("/")]
async fn index() -> String {
    format!("<link rel=stylesheet href=\"{}\">", url_for!(static, filename = "site.css"))
}

#[get("/static/special.css")]
async fn special() -> &'static str {
    "generated"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::temp_dir().join(format!("flaxum-ui-static-{}", std::process::id()));
    let dir = base.join("public");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("site.css"), "body {}").unwrap();
    std::fs::write(base.join("secret.txt"), "secret").unwrap();
    let router = App::new(routes![index, special, static])
        .static_folder(&dir)
        .into_router();
    for (uri, status, body) in [
        ("/", 200, "<link rel=stylesheet href=\"/static/site.css\">"),
        ("/static/site.css", 200, "body {}"),
        ("/static/special.css", 200, "generated"),
        ("/static/%2e%2e/secret.txt", 404, ""),
    ] {
        let (got, text) = fetch(&router, "GET", uri, "").await;
        assert_eq!(got, status, "{uri}");
        if status == 200 {
            assert_eq!(text, body, "{uri}");
        }
    }
    std::fs::remove_dir_all(&base).unwrap();
}
