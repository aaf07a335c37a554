//! The Quick start blog is safe by default. Without `SECRET_KEY`, each
//! process signs sessions with a random key of its own: a login cookie one
//! process made is refused by another, so nobody can forge one with a key
//! the Quick start made public. The session cookie is `SameSite=Lax` with
//! a 31-day max age, and a form posted from another site is refused.

use std::path::Path;

use axum::body::Body;
use http::{header, Request, StatusCode};
use tower::ServiceExt;

fn form(uri: &str, fields: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(fields.to_owned())).expect("a request")
}

fn get(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::COOKIE, cookie)
        .header(header::HOST, "127.0.0.1")
        .body(Body::empty())
        .expect("a request")
}

/// Runs the blog as the Quick start does, without `SECRET_KEY`. The
/// variable is removed once, before any test of this binary (its own
/// process) builds an app, and never written again.
fn no_secret_key() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::env::remove_var("SECRET_KEY"));
}

/// Registers `ada` and logs her in; returns the session cookie.
async fn log_in(app: &axum::Router) -> String {
    let res = app
        .clone()
        .oneshot(form("/auth/register", "username=ada&password=pw", None))
        .await
        .expect("infallible");
    assert_eq!(res.status(), StatusCode::FOUND, "register");
    let res = app
        .clone()
        .oneshot(form("/auth/login", "username=ada&password=pw", None))
        .await
        .expect("infallible");
    assert_eq!(res.status(), StatusCode::FOUND, "log in");
    let set = res
        .headers()
        .get(header::SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .expect("text");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(set.contains("Max-Age=2678400"), "31 days: {set}");
    set.split(';').next().expect("name=value").to_owned()
}

#[tokio::test]
async fn a_session_from_one_process_is_refused_by_another() {
    no_secret_key();
    let one = flaxum_examples::blog::router(Path::new(":memory:")).expect("an app");
    let other = flaxum_examples::blog::router(Path::new(":memory:")).expect("an app");
    let cookie = log_in(&one).await;
    // `ada` is user 1 in both databases; only the key tells them apart.
    let _ = log_in(&other).await;
    let mine = one.clone().oneshot(get("/create", &cookie)).await.unwrap();
    assert_eq!(mine.status(), StatusCode::OK, "the app that signed it");
    let theirs = other
        .clone()
        .oneshot(get("/create", &cookie))
        .await
        .unwrap();
    assert_eq!(
        theirs.status(),
        StatusCode::FOUND,
        "another app must send the bearer to the login page"
    );
}

#[tokio::test]
async fn a_form_posted_from_another_site_is_refused() {
    no_secret_key();
    let app = flaxum_examples::blog::router(Path::new(":memory:")).expect("an app");
    let cookie = log_in(&app).await;
    let post = |extra: &[(&str, &str)]| {
        let mut req = form("/create", "title=t&body=b", Some(&cookie));
        for (k, v) in extra {
            req.headers_mut().insert(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        req
    };
    for headers in [
        &[("origin", "http://evil.example")][..],
        &[("sec-fetch-site", "cross-site")][..],
        &[("origin", "null")][..],
    ] {
        let res = app.clone().oneshot(post(headers)).await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{headers:?}");
    }
    // The same form from the site itself, or from a client that sends
    // neither header, creates the post.
    for headers in [
        &[
            ("origin", "http://127.0.0.1"),
            ("sec-fetch-site", "same-origin"),
        ][..],
        &[][..],
    ] {
        let res = app.clone().oneshot(post(headers)).await.unwrap();
        assert_eq!(res.status(), StatusCode::FOUND, "{headers:?}");
    }
}
