//! The Quick start blog is safe by default. Without `SECRET_KEY`, each
//! process signs sessions with a random key of its own: a login cookie one
//! process made is refused by another, so nobody can forge one with a key
//! the Quick start made public. The session cookie is `SameSite=Lax` with
//! a 31-day max age, and a form posted from another site is refused.

use std::path::Path;

use flaxum::test::Client;
use flaxum::AppService;
use http::{header, StatusCode};

/// A client of a fresh blog, as the Quick start runs it.
fn blog() -> Client<impl AppService> {
    no_secret_key();
    let app = flaxum_examples::blog::create_app(Path::new(":memory:")).expect("an app");
    Client::new(app)
}

/// Runs the blog as the Quick start does, without `SECRET_KEY`. The
/// variable is removed once, before any test of this binary (its own
/// process) builds an app, and never written again.
fn no_secret_key() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::env::remove_var("SECRET_KEY"));
}

/// Registers `ada` and logs her in; returns the session cookie's value
/// (the client keeps it too).
async fn log_in(client: &Client<impl AppService>) -> String {
    let ada = [("username", "ada"), ("password", "pw")];
    let res = client.post("/auth/register").form(&ada).await;
    assert_eq!(res.status(), StatusCode::FOUND, "register");
    let res = client.post("/auth/login").form(&ada).await;
    assert_eq!(res.status(), StatusCode::FOUND, "log in");
    let set = res.header(header::SET_COOKIE).expect("a session cookie");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(set.contains("Max-Age=2678400"), "31 days: {set}");
    client
        .cookie("session")
        .expect("the session cookie in the jar")
}

#[tokio::test]
async fn a_session_from_one_process_is_refused_by_another() {
    let (one, other) = (blog(), blog());
    let cookie = log_in(&one).await;
    // `ada` is user 1 in both databases; only the key tells them apart.
    let _ = log_in(&other).await;
    let mine = one.get("/create").await;
    assert_eq!(mine.status(), StatusCode::OK, "the app that signed it");
    other.set_cookie("session", &cookie);
    let theirs = other.get("/create").await;
    assert_eq!(
        theirs.status(),
        StatusCode::FOUND,
        "another app must send the bearer to the login page"
    );
}

#[tokio::test]
async fn a_form_posted_from_another_site_is_refused() {
    let client = blog();
    log_in(&client).await;
    let post = |extra: &[(&str, &str)]| {
        let mut req = client
            .post("/create")
            .form(&[("title", "t"), ("body", "b")]);
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        req
    };
    for headers in [
        &[("origin", "http://evil.example")][..],
        &[("sec-fetch-site", "cross-site")][..],
        &[("origin", "null")][..],
    ] {
        let res = post(headers).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{headers:?}");
    }
    // The same form from the site itself (the client asks `localhost`),
    // or from a client that sends neither header, creates the post.
    for headers in [
        &[
            ("origin", "http://localhost"),
            ("sec-fetch-site", "same-origin"),
        ][..],
        &[][..],
    ] {
        let res = post(headers).await;
        assert_eq!(res.status(), StatusCode::FOUND, "{headers:?}");
        // To the posts, not to the login page: the session held.
        assert_eq!(res.location(), Some("/"), "{headers:?}");
    }
}
