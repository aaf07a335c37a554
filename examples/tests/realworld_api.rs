//! What the official RealWorld suite does not check: the statuses and
//! error bodies of `openapi.yml` (201, 204, 401, 404, 422
//! `{"errors": {field: [messages]}}`), who may change what, bad `limit`
//! and `offset` values, oversized bodies, and the tokens an attacker would
//! try (forged, `alg: none`, expired, of a deleted user). Every request
//! goes through the port in process, with flaxum's test client, on an
//! in-memory SQLite database.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use flaxum::test::{Client, Response};
use flaxum::AppService;
use flaxum_examples::realworld::{create_app, Conduit, Settings};
use http::{header, Method, StatusCode};
use serde_json::{json, Value};

/// The key the tests' apps sign with, so that tests can sign too.
const SECRET: &[u8] = b"a test key of thirty-two bytes or more, never a real one";

/// A fresh port on an empty in-memory database, and its state.
async fn api() -> (Client<impl AppService>, Conduit) {
    let mut settings = Settings::new("sqlite::memory:");
    settings.jwt_secret = SECRET.to_vec();
    let conduit = Conduit::open(&settings).await.expect("open the database");
    (Client::new(create_app(conduit.clone())), conduit)
}

/// Sends `method path` with `token` (if any) and a JSON `body` (if any).
async fn call(
    client: &Client<impl AppService>,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Response {
    let mut req = client.request(method, path);
    if let Some(token) = token {
        req = req.header(header::AUTHORIZATION, format!("Token {token}"));
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    req.await
}

/// The body as JSON (panics if it is not).
fn json_of(res: &Response) -> Value {
    res.json::<Value>()
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", res.text()))
}

/// Registers `name` (email `name@example.com`, password `name-pw`); the
/// token.
async fn register(client: &Client<impl AppService>, name: &str) -> String {
    let user = json!({"user": {"username": name, "email": format!("{name}@example.com"), "password": format!("{name}-pw")}});
    let res = call(client, Method::POST, "/api/users", None, Some(user)).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text());
    json_of(&res)["user"]["token"]
        .as_str()
        .expect("a token")
        .to_owned()
}

/// Writes an article titled `title` as the owner of `token`; its slug.
async fn write(
    client: &Client<impl AppService>,
    token: &str,
    title: &str,
    tags: &[&str],
) -> String {
    let article =
        json!({"article": {"title": title, "description": "d", "body": "b", "tagList": tags}});
    let res = call(
        client,
        Method::POST,
        "/api/articles",
        Some(token),
        Some(article),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text());
    json_of(&res)["article"]["slug"]
        .as_str()
        .expect("a slug")
        .to_owned()
}

/// Asserts `res` is `status` with `{"errors": {field: [..]}}` naming each
/// of `fields`, every message a string.
fn assert_errors(res: &Response, status: StatusCode, fields: &[&str]) {
    assert_eq!(res.status(), status, "{}", res.text());
    let body = json_of(res);
    let errors = body["errors"]
        .as_object()
        .unwrap_or_else(|| panic!("no errors object: {body}"));
    for field in fields {
        let messages = errors[*field]
            .as_array()
            .unwrap_or_else(|| panic!("no errors.{field}: {body}"));
        assert!(messages.iter().all(Value::is_string), "{body}");
        assert!(!messages.is_empty(), "{body}");
    }
}

#[tokio::test]
async fn creating_answers_201_and_deleting_204() {
    let (client, _) = api().await;
    let token = register(&client, "ada").await; // asserts 201
    let slug = write(&client, &token, "How to train your dragon", &["dragons"]).await; // 201
    assert_eq!(slug, "how-to-train-your-dragon");
    let comment = json!({"comment": {"body": "Thank you so much!"}});
    let path = format!("/api/articles/{slug}/comments");
    let res = call(&client, Method::POST, &path, Some(&token), Some(comment)).await;
    // openapi.yml answers a new comment with 200, not 201.
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text());
    let id = json_of(&res)["comment"]["id"].as_i64().expect("an id");
    let res = call(
        &client,
        Method::DELETE,
        &format!("{path}/{id}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(res.bytes().is_empty());
    let article = format!("/api/articles/{slug}");
    let res = call(&client, Method::DELETE, &article, Some(&token), None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = call(&client, Method::GET, &article, None, None).await;
    assert_errors(&res, StatusCode::NOT_FOUND, &["body"]);
}

/// Every route that needs a token, with a body it would take.
fn protected_routes() -> Vec<(Method, &'static str, Option<Value>)> {
    let article = json!({"article": {"title": "t", "description": "d", "body": "b"}});
    vec![
        (Method::GET, "/api/user", None),
        (
            Method::PUT,
            "/api/user",
            Some(json!({"user": {"bio": "x"}})),
        ),
        (Method::POST, "/api/profiles/ada/follow", None),
        (Method::DELETE, "/api/profiles/ada/follow", None),
        (Method::GET, "/api/articles/feed", None),
        (Method::POST, "/api/articles", Some(article.clone())),
        (Method::PUT, "/api/articles/t", Some(article)),
        (Method::DELETE, "/api/articles/t", None),
        (Method::POST, "/api/articles/t/favorite", None),
        (Method::DELETE, "/api/articles/t/favorite", None),
        (
            Method::POST,
            "/api/articles/t/comments",
            Some(json!({"comment": {"body": "c"}})),
        ),
        (Method::DELETE, "/api/articles/t/comments/1", None),
    ]
}

#[tokio::test]
async fn every_protected_route_answers_401_without_a_valid_token() {
    let (client, _) = api().await;
    let token = register(&client, "ada").await;
    write(&client, &token, "t", &[]).await;
    for (method, path, body) in protected_routes() {
        let res = call(&client, method.clone(), path, None, body.clone()).await;
        assert_errors(&res, StatusCode::UNAUTHORIZED, &["token"]);
        assert_eq!(
            res.header(header::WWW_AUTHENTICATE),
            Some("Token"),
            "{method} {path}"
        );
        for header_value in [
            "Token not-a-jwt".to_owned(),
            format!("Bearer {token}"),
            "Token".to_owned(),
            token.clone(),
        ] {
            let mut req = client.request(method.clone(), path);
            req = req.header(header::AUTHORIZATION, header_value.as_str());
            if let Some(body) = &body {
                req = req.json(body);
            }
            let res = req.await;
            assert_errors(&res, StatusCode::UNAUTHORIZED, &["token"]);
        }
    }
}

#[tokio::test]
async fn a_bad_token_is_refused_even_where_a_token_is_optional() {
    let (client, _) = api().await;
    register(&client, "ada").await;
    for path in ["/api/articles", "/api/profiles/ada", "/api/tags"] {
        let res = call(&client, Method::GET, path, None, None).await;
        assert_eq!(res.status(), StatusCode::OK, "{path} without a token");
    }
    for path in ["/api/articles", "/api/profiles/ada"] {
        let res = call(&client, Method::GET, path, Some("forged.token.here"), None).await;
        assert_errors(&res, StatusCode::UNAUTHORIZED, &["token"]);
    }
}

/// A token for `claims`, its header and signature as given.
fn token_of(header: Value, claims: &Value, signature: &[u8]) -> String {
    let part = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.{}",
        part(&header),
        part(claims),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

/// Claims for user `sub`, valid from now for `life` (negative: expired).
fn claims(sub: &str, life: i64) -> Value {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    json!({"sub": sub, "iat": now, "nbf": now - 120, "exp": now + life, "type": "access"})
}

/// `claims` signed with `key` under `alg`.
fn signed(alg: jsonwebtoken::Algorithm, key: &[u8], claims: &Value) -> String {
    let key = jsonwebtoken::EncodingKey::from_secret(key);
    jsonwebtoken::encode(&jsonwebtoken::Header::new(alg), claims, &key).expect("sign")
}

#[tokio::test]
async fn forged_tokens_are_refused() {
    use jsonwebtoken::Algorithm::{HS256, HS512};
    let (client, _) = api().await;
    let token = register(&client, "ada").await;
    let ok = call(&client, Method::GET, "/api/user", Some(&token), None).await;
    assert_eq!(ok.status(), StatusCode::OK);
    let mut tampered = token.clone();
    tampered.replace_range(tampered.len() - 4.., "AAAA");
    let forged = [
        (
            "alg none, no signature",
            token_of(
                json!({"alg": "none", "typ": "JWT"}),
                &claims("1", 3600),
                b"",
            ),
        ),
        (
            "alg None",
            token_of(json!({"alg": "None"}), &claims("1", 3600), b""),
        ),
        (
            "signed with another key",
            signed(
                HS256,
                b"another key, as long as the real one is",
                &claims("1", 3600),
            ),
        ),
        // The Flask app's fallback key, `SECRET_KEY = 'secret-key'`.
        (
            "signed with the Flask app's default key",
            signed(HS256, b"secret-key", &claims("1", 3600)),
        ),
        (
            "the right key under HS512",
            signed(HS512, SECRET, &claims("1", 3600)),
        ),
        ("expired", signed(HS256, SECRET, &claims("1", -120))),
        ("not an access token", {
            let mut refresh = claims("1", 3600);
            refresh["type"] = json!("refresh");
            signed(HS256, SECRET, &refresh)
        }),
        ("no subject", {
            let mut anonymous = claims("1", 3600);
            anonymous.as_object_mut().expect("claims").remove("sub");
            signed(HS256, SECRET, &anonymous)
        }),
        (
            "a subject that is no id",
            signed(HS256, SECRET, &claims("ada", 3600)),
        ),
        (
            "a user that never was",
            signed(HS256, SECRET, &claims("99", 3600)),
        ),
        ("tampered signature", tampered),
    ];
    for (what, token) in forged {
        let res = call(&client, Method::GET, "/api/user", Some(&token), None).await;
        assert_eq!(
            res.status(),
            StatusCode::UNAUTHORIZED,
            "{what}: {}",
            res.text()
        );
    }
    // The right key and claims pass: the refusals above are for what they
    // changed.
    let own = signed(HS256, SECRET, &claims("1", 3600));
    let res = call(&client, Method::GET, "/api/user", Some(&own), None).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_deleted_users_token_is_refused() {
    let (client, conduit) = api().await;
    let token = register(&client, "ada").await;
    sqlx::query("DELETE FROM users WHERE username = 'ada'")
        .execute(conduit.db.pool())
        .await
        .expect("delete ada");
    let res = call(&client, Method::GET, "/api/user", Some(&token), None).await;
    assert_errors(&res, StatusCode::UNAUTHORIZED, &["token"]);
    // A new user does not inherit the id the token names.
    register(&client, "eve").await;
    let res = call(&client, Method::GET, "/api/user", Some(&token), None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{}", res.text());
}

#[tokio::test]
async fn tokens_of_another_process_are_refused() {
    // Without JWT_SECRET each process has its own random key.
    let (one, other) = (
        Settings::new("sqlite::memory:"),
        Settings::new("sqlite::memory:"),
    );
    assert_ne!(one.jwt_secret, other.jwt_secret);
    assert!(one.jwt_secret.len() >= 32);
    let one = Client::new(create_app(Conduit::open(&one).await.expect("open")));
    let other = Client::new(create_app(Conduit::open(&other).await.expect("open")));
    let token = register(&one, "ada").await;
    register(&other, "ada").await; // user 1 in both databases
    let res = call(&other, Method::GET, "/api/user", Some(&token), None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn invalid_or_missing_fields_answer_422_naming_them() {
    let (client, _) = api().await;
    let cases = [
        (json!({"user": {}}), vec!["username", "email", "password"]),
        (
            json!({"user": {"username": " ", "email": "ada@example.com", "password": "pw"}}),
            vec!["username"],
        ),
        (
            json!({"user": {"username": "ada", "email": "not an email", "password": "pw"}}),
            vec!["email"],
        ),
        (
            json!({"user": {"username": 7, "email": "ada@example.com", "password": "pw"}}),
            vec!["username"],
        ),
        (
            json!({"user": {"username": "a".repeat(81), "email": "ada@example.com", "password": "pw"}}),
            vec!["username"],
        ),
        (json!({"user": "ada"}), vec!["user"]),
        (json!({"username": "ada"}), vec!["user"]),
        (json!([1, 2]), vec!["user"]),
    ];
    for (body, fields) in cases {
        let res = call(
            &client,
            Method::POST,
            "/api/users",
            None,
            Some(body.clone()),
        )
        .await;
        assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &fields);
    }
    let res = client
        .post("/api/users")
        .header("content-type", "application/json")
        .body("{nope")
        .await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["body"]);
    let res = client.post("/api/users").body(r#"{"user": {}}"#).await;
    assert_errors(&res, StatusCode::UNSUPPORTED_MEDIA_TYPE, &["body"]);
    let login = json!({"user": {"email": "ada@example.com"}});
    let res = call(&client, Method::POST, "/api/users/login", None, Some(login)).await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["password"]);

    let token = register(&client, "ada").await;
    let article = json!({"article": {"title": "", "tagList": "dragons"}});
    let res = call(
        &client,
        Method::POST,
        "/api/articles",
        Some(&token),
        Some(article),
    )
    .await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["tagList"]);
    let article = json!({"article": {"title": ""}});
    let res = call(
        &client,
        Method::POST,
        "/api/articles",
        Some(&token),
        Some(article),
    )
    .await;
    assert_errors(
        &res,
        StatusCode::UNPROCESSABLE_ENTITY,
        &["title", "description", "body"],
    );
    let article = json!({"article": {"title": "!!!", "description": "d", "body": "b"}});
    let res = call(
        &client,
        Method::POST,
        "/api/articles",
        Some(&token),
        Some(article),
    )
    .await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["title"]);
    let slug = write(&client, &token, "Dragons", &[]).await;
    let same = json!({"article": {"title": "dragons", "description": "d", "body": "b"}});
    let res = call(
        &client,
        Method::POST,
        "/api/articles",
        Some(&token),
        Some(same),
    )
    .await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["title"]);
    let path = format!("/api/articles/{slug}/comments");
    let res = call(
        &client,
        Method::POST,
        &path,
        Some(&token),
        Some(json!({"comment": {"body": ""}})),
    )
    .await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["body"]);
    let update =
        json!({"user": {"email": "nope", "image": "javascript:alert(1)", "bio": "b".repeat(301)}});
    let res = call(
        &client,
        Method::PUT,
        "/api/user",
        Some(&token),
        Some(update),
    )
    .await;
    assert_errors(
        &res,
        StatusCode::UNPROCESSABLE_ENTITY,
        &["email", "image", "bio"],
    );
}

#[tokio::test]
async fn taken_names_answer_422() {
    let (client, _) = api().await;
    register(&client, "ada").await;
    let bob = register(&client, "bob").await;
    let again = json!({"user": {"username": "ada", "email": "ada@example.com", "password": "x"}});
    let res = call(&client, Method::POST, "/api/users", None, Some(again)).await;
    assert_errors(
        &res,
        StatusCode::UNPROCESSABLE_ENTITY,
        &["username", "email"],
    );
    let taken = json!({"user": {"username": "ada", "email": "ada@example.com"}});
    let res = call(&client, Method::PUT, "/api/user", Some(&bob), Some(taken)).await;
    assert_errors(
        &res,
        StatusCode::UNPROCESSABLE_ENTITY,
        &["username", "email"],
    );
    // Keeping one's own name is no conflict.
    let own = json!({"user": {"username": "bob", "email": "bob@example.com"}});
    let res = call(&client, Method::PUT, "/api/user", Some(&bob), Some(own)).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text());
}

#[tokio::test]
async fn wrong_credentials_answer_401_without_saying_which() {
    let (client, _) = api().await;
    register(&client, "ada").await;
    let mut bodies = Vec::new();
    for (email, password) in [
        ("ada@example.com", "wrong"),
        ("nobody@example.com", "ada-pw"),
    ] {
        let login = json!({"user": {"email": email, "password": password}});
        let res = call(&client, Method::POST, "/api/users/login", None, Some(login)).await;
        assert_errors(&res, StatusCode::UNAUTHORIZED, &["email or password"]);
        bodies.push(res.text());
    }
    assert_eq!(bodies[0], bodies[1]);
    let login = json!({"user": {"email": "ada@example.com", "password": "ada-pw"}});
    let res = call(&client, Method::POST, "/api/users/login", None, Some(login)).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn missing_articles_profiles_and_comments_answer_404() {
    let (client, _) = api().await;
    let token = register(&client, "ada").await;
    let slug = write(&client, &token, "Mine", &[]).await;
    let other = write(&client, &token, "Other", &[]).await;
    let comment = json!({"comment": {"body": "c"}});
    let path = format!("/api/articles/{other}/comments");
    let res = call(&client, Method::POST, &path, Some(&token), Some(comment)).await;
    let id = json_of(&res)["comment"]["id"].as_i64().expect("an id");
    let edit = json!({"article": {"body": "x"}});
    let missing = [
        (Method::GET, "/api/articles/nope".to_owned(), None),
        (Method::PUT, "/api/articles/nope".to_owned(), Some(edit)),
        (Method::DELETE, "/api/articles/nope".to_owned(), None),
        (Method::POST, "/api/articles/nope/favorite".to_owned(), None),
        (
            Method::DELETE,
            "/api/articles/nope/favorite".to_owned(),
            None,
        ),
        (Method::GET, "/api/articles/nope/comments".to_owned(), None),
        (
            Method::POST,
            "/api/articles/nope/comments".to_owned(),
            Some(json!({"comment": {"body": "c"}})),
        ),
        (
            Method::DELETE,
            "/api/articles/nope/comments/1".to_owned(),
            None,
        ),
        (
            Method::DELETE,
            format!("/api/articles/{slug}/comments/999"),
            None,
        ),
        // A comment of another article, named through this one.
        (
            Method::DELETE,
            format!("/api/articles/{slug}/comments/{id}"),
            None,
        ),
        (Method::GET, "/api/profiles/nobody".to_owned(), None),
        (Method::POST, "/api/profiles/nobody/follow".to_owned(), None),
        (
            Method::DELETE,
            "/api/profiles/nobody/follow".to_owned(),
            None,
        ),
        (Method::GET, "/api/no/such/route".to_owned(), None),
    ];
    for (method, path, body) in missing {
        let res = call(&client, method, &path, Some(&token), body).await;
        assert_errors(&res, StatusCode::NOT_FOUND, &["body"]);
    }
    // A comment id that is not a number matches no route.
    let path = format!("/api/articles/{slug}/comments/x");
    let res = call(&client, Method::DELETE, &path, Some(&token), None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn others_articles_and_comments_can_be_neither_changed_nor_deleted() {
    let (client, _) = api().await;
    let ada = register(&client, "ada").await;
    let bob = register(&client, "bob").await;
    let slug = write(&client, &ada, "Ada's", &["mine"]).await;
    let article = format!("/api/articles/{slug}");
    let comments = format!("{article}/comments");
    let res = call(
        &client,
        Method::POST,
        &comments,
        Some(&ada),
        Some(json!({"comment": {"body": "by ada"}})),
    )
    .await;
    let id = json_of(&res)["comment"]["id"].as_i64().expect("an id");
    let edit = json!({"article": {"title": "Bob's now", "body": "taken over"}});
    let res = call(&client, Method::PUT, &article, Some(&bob), Some(edit)).await;
    assert_errors(&res, StatusCode::FORBIDDEN, &["body"]);
    let res = call(&client, Method::DELETE, &article, Some(&bob), None).await;
    assert_errors(&res, StatusCode::FORBIDDEN, &["body"]);
    let res = call(
        &client,
        Method::DELETE,
        &format!("{comments}/{id}"),
        Some(&bob),
        None,
    )
    .await;
    assert_errors(&res, StatusCode::FORBIDDEN, &["body"]);
    // All still there, unchanged.
    let res = call(&client, Method::GET, &article, None, None).await;
    let shown = json_of(&res);
    assert_eq!(shown["article"]["title"], "Ada's");
    assert_eq!(shown["article"]["body"], "b");
    let res = call(&client, Method::GET, &comments, None, None).await;
    assert_eq!(json_of(&res)["comments"][0]["body"], "by ada");
    // Ada may.
    let edit = json!({"article": {"body": "edited"}});
    let res = call(&client, Method::PUT, &article, Some(&ada), Some(edit)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(json_of(&res)["article"]["body"], "edited");
    assert_eq!(json_of(&res)["article"]["slug"], slug.as_str());
}

#[tokio::test]
async fn bad_limits_and_offsets_answer_422() {
    let (client, _) = api().await;
    let token = register(&client, "ada").await;
    for query in [
        "limit=0",
        "limit=-1",
        "limit=abc",
        "limit=1001",
        "limit=1.5",
        "limit=",
        "offset=-1",
        "offset=x",
        "limit=99999999999999999999",
    ] {
        for path in ["/api/articles", "/api/articles/feed"] {
            let res = call(
                &client,
                Method::GET,
                &format!("{path}?{query}"),
                Some(&token),
                None,
            )
            .await;
            let field = query.split('=').next().expect("a name");
            assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &[field]);
        }
    }
}

#[tokio::test]
async fn lists_filter_page_and_count_all_matches() {
    let (client, _) = api().await;
    let ada = register(&client, "ada").await;
    let bob = register(&client, "bob").await;
    for n in 0..5 {
        write(&client, &ada, &format!("Ada {n}"), &["zeta", "alpha"]).await;
    }
    write(&client, &bob, "Bob 0", &["bob"]).await;
    let list = |query: &'static str, token: Option<String>| {
        let client = &client;
        async move {
            let res = call(
                client,
                Method::GET,
                &format!("/api/articles{query}"),
                token.as_deref(),
                None,
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK, "{query}: {}", res.text());
            json_of(&res)
        }
    };
    let all = list("", None).await;
    assert_eq!(all["articlesCount"], 6);
    assert_eq!(all["articles"][0]["title"], "Bob 0", "newest first");
    let page = list("?author=ada&limit=2&offset=1", None).await;
    assert_eq!(page["articlesCount"], 5, "the count is of all matches");
    let titles: Vec<&str> = page["articles"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| a["title"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(titles, ["Ada 3", "Ada 2"]);
    assert_eq!(
        page["articles"][0]["tagList"],
        json!(["alpha", "zeta"]),
        "tags sorted"
    );
    assert_eq!(list("?tag=bob", None).await["articlesCount"], 1);
    assert_eq!(list("?tag=nothing", None).await["articlesCount"], 0);
    let res = call(
        &client,
        Method::POST,
        "/api/articles/bob-0/favorite",
        Some(&ada),
        None,
    )
    .await;
    assert_eq!(json_of(&res)["article"]["favorited"], true);
    let favorites = list("?favorited=ada", Some(ada.clone())).await;
    assert_eq!(favorites["articlesCount"], 1);
    assert_eq!(favorites["articles"][0]["favoritesCount"], 1);
    assert_eq!(favorites["articles"][0]["favorited"], true);
    // The feed: the articles of those ada follows.
    let feed = |token: String| {
        let client = &client;
        async move {
            json_of(
                &call(
                    client,
                    Method::GET,
                    "/api/articles/feed",
                    Some(&token),
                    None,
                )
                .await,
            )
        }
    };
    assert_eq!(feed(ada.clone()).await["articlesCount"], 0);
    let res = call(
        &client,
        Method::POST,
        "/api/profiles/bob/follow",
        Some(&ada),
        None,
    )
    .await;
    assert_eq!(json_of(&res)["profile"]["following"], true);
    let mine = feed(ada.clone()).await;
    assert_eq!(mine["articlesCount"], 1);
    assert_eq!(mine["articles"][0]["author"]["following"], true);
    assert_eq!(feed(bob.clone()).await["articlesCount"], 0);
    // Following oneself does nothing, as in the Flask app.
    let res = call(
        &client,
        Method::POST,
        "/api/profiles/ada/follow",
        Some(&ada),
        None,
    )
    .await;
    assert_eq!(json_of(&res)["profile"]["following"], false);
}

#[tokio::test]
async fn oversized_bodies_answer_413() {
    let (client, _) = api().await;
    let token = register(&client, "ada").await;
    let body = "x".repeat(3 * 1024 * 1024);
    let article = json!({"article": {"title": "Big", "description": "d", "body": body}});
    let res = call(
        &client,
        Method::POST,
        "/api/articles",
        Some(&token),
        Some(article),
    )
    .await;
    assert_errors(&res, StatusCode::PAYLOAD_TOO_LARGE, &["body"]);
    let user = json!({"user": {"username": "big", "email": "big@example.com", "password": body}});
    let res = call(&client, Method::POST, "/api/users", None, Some(user)).await;
    assert_errors(&res, StatusCode::PAYLOAD_TOO_LARGE, &["body"]);
}

#[tokio::test]
async fn updating_the_user_changes_what_login_takes() {
    let (client, _) = api().await;
    let token = register(&client, "ada").await;
    let update = json!({"user": {"email": "lovelace@example.com", "password": "new-pw", "bio": "math", "image": "https://example.com/ada.png"}});
    let res = call(
        &client,
        Method::PUT,
        "/api/user",
        Some(&token),
        Some(update),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text());
    let user = json_of(&res)["user"].clone();
    assert_eq!(
        (user["email"].as_str(), user["bio"].as_str()),
        (Some("lovelace@example.com"), Some("math"))
    );
    assert_eq!(user["token"].as_str(), Some(token.as_str()));
    // Empty email and image leave them as they are; null clears the bio.
    let update = json!({"user": {"email": "", "image": null, "password": "", "bio": null}});
    let res = call(
        &client,
        Method::PUT,
        "/api/user",
        Some(&token),
        Some(update),
    )
    .await;
    let user = json_of(&res)["user"].clone();
    assert_eq!(user["email"], "lovelace@example.com");
    assert_eq!(user["image"], "https://example.com/ada.png");
    assert_eq!(user["bio"], Value::Null);
    let login =
        |email: &str, password: &str| json!({"user": {"email": email, "password": password}});
    let res = call(
        &client,
        Method::POST,
        "/api/users/login",
        None,
        Some(login("lovelace@example.com", "new-pw")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = call(
        &client,
        Method::POST,
        "/api/users/login",
        None,
        Some(login("ada@example.com", "ada-pw")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_health_route_answers_while_the_database_does() {
    let (client, conduit) = api().await;
    let res = call(&client, Method::GET, "/api/health", None, None).await;
    assert_eq!(
        (res.status(), json_of(&res)["status"].clone()),
        (StatusCode::OK, json!("ok"))
    );
    conduit.db.pool().close().await;
    let res = tokio::time::timeout(
        Duration::from_secs(20),
        call(&client, Method::GET, "/api/health", None, None),
    )
    .await
    .expect("an answer");
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn nul_characters_are_refused_not_stored() {
    // PostgreSQL's text columns cannot hold NUL: refused on both
    // databases, so neither answers 500.
    let (client, _) = api().await;
    let token = register(&client, "ada").await;
    let user =
        json!({"user": {"username": "a\u{0}b", "email": "nul@example.com", "password": "pw"}});
    let res = call(&client, Method::POST, "/api/users", None, Some(user)).await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["body"]);
    let article =
        json!({"article": {"title": "t", "description": "d", "body": "b", "tagList": ["x\u{0}"]}});
    let res = call(
        &client,
        Method::POST,
        "/api/articles",
        Some(&token),
        Some(article),
    )
    .await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["body"]);
    // flaxum refuses a NUL in a path parameter (400), JSON by the app.
    for path in [
        "/api/articles/%00",
        "/api/articles/a%00/comments",
        "/api/profiles/%00",
    ] {
        let res = call(&client, Method::GET, path, None, None).await;
        assert_errors(&res, StatusCode::BAD_REQUEST, &["body"]);
    }
    let res = call(&client, Method::GET, "/api/articles?tag=%00", None, None).await;
    assert_errors(&res, StatusCode::UNPROCESSABLE_ENTITY, &["tag"]);
}
