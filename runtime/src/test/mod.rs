//! Flask's `app.test_client()`: requests sent through an app in process,
//! with no socket, a cookie jar kept between them, and redirects followed
//! when asked.
//!
//! ```
//! use flaxum::test::Client;
//! use flaxum::{get, routes, App};
//!
//! #[get("/users/<int:id>")]
//! async fn user(id: u64) -> String {
//!     format!("user {id}")
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let client = Client::new(App::new(routes![user]));
//! let res = client.get("/users/7").await; // or `.send().await`
//! assert_eq!(res.status(), 200);
//! assert_eq!(res.text(), "user 7");
//! # }
//! ```
//!
//! It needs the `test-client` feature, for the tests only:
//!
//! ```toml
//! [dev-dependencies]
//! flaxum = { version = "0.1", features = ["test-client"] }
//! tokio = { version = "1", features = ["macros", "rt"] }   # #[tokio::test]
//! ```
//!
//! # The requests
//!
//! Each request goes through a clone of the app (`tower::ServiceExt::oneshot`),
//! as a server would hand it over: the path and query as given
//! (`/path?query`; a whole URL, `http://localhost:5000/path`, gives its host
//! as `Host`), a `Host: localhost` header unless the request sets one,
//! `Content-Length` when it has a body, and the jar's cookies in `Cookie`
//! (after those of a `Cookie` header the test sets; Flask's client would
//! drop that header for its jar's). The whole
//! response body is read before [`RequestBuilder::send`] returns, so a
//! body that never ends never returns.
//!
//! # Cookies
//!
//! Like Flask's client, a [`Client`] is one browser talking to the app: every
//! `Set-Cookie` of every response is stored, and later requests send the
//! cookies whose `Path` matches theirs (`/sub` matches `/sub` and `/sub/x`,
//! not `/subway`; without `Path`, the request path's folder). A cookie with
//! `Max-Age=0` (or less), or an `Expires` in the past, is deleted; one whose
//! time runs out is no longer sent. `Set-Cookie` is parsed by the `cookie`
//! crate; values are kept and sent back exactly as the app wrote them.
//!
//! The jar holds the cookies of the app only: a `Set-Cookie` without
//! `Domain` (host-only), or with `Domain=localhost` or the request's `Host`,
//! is kept; one for another domain is ignored, as a browser on `localhost`
//! would ignore it. `Secure` cookies are sent too, though the requests are
//! not on HTTPS: nothing leaves the process, and an app tested as it runs
//! in production (`Secure` on) should keep its session in its tests. `HttpOnly`
//! and `SameSite` change nothing either: every request is the app's own
//! (add `Origin` or `Sec-Fetch-Site` yourself to test a cross-site one).
//!
//! # Redirects
//!
//! [`follow_redirects(true)`](RequestBuilder::follow_redirects) follows
//! 301, 302, 303, 307 and 308 as Flask's `follow_redirects=True` does
//! (Werkzeug's rules): 307 and 308 repeat the request, method, headers and
//! body; any other redirect becomes a `GET` (a `HEAD` stays a `HEAD`)
//! without body and without `Content-Type` and `Content-Length`. The
//! cookies each response set are sent with the next request. The
//! `Location` is resolved against the request it answers (`show`, `../x`,
//! `?page=2`, `/x`, `http://localhost/x`).
//!
//! Where Flask raises an exception, the redirect that was not followed is
//! returned as it is, and the test sees its status:
//! - a redirect **off the app** is not followed: a `Location` on another
//!   host than `localhost` or the request's `Host`, or with a scheme other
//!   than `http` and `https` (Flask: "Following external redirects is not
//!   supported");
//! - at most [`MAX_REDIRECTS`] (10) redirects are followed for one request,
//!   so a loop ends with the 11th redirect as the response (Flask raises
//!   as soon as a redirect repeats, and has no limit otherwise).
//!
//! [`Response::history`] lists the redirects followed, and [`Response::url`]
//! says which path answered.
//!
//! # Panics
//!
//! The client panics, as a failed assertion does, on mistakes in the test
//! itself: a URI, header name or value that is not valid, a value that
//! `form`, `query` or `json` cannot encode; and if the app's response body
//! fails while it is read.

mod jar;
mod location;
mod response;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::body::{Body, Bytes};
use futures_util::future::BoxFuture;
use http::header::{self, HeaderName, HeaderValue};
use http::{HeaderMap, Method, Request, StatusCode};
use tower::ServiceExt;

use crate::AppService;
use jar::Jar;
pub use response::Response;

/// How many redirects one request follows at most.
///
/// ```
/// assert_eq!(flaxum::test::MAX_REDIRECTS, 10);
/// ```
pub const MAX_REDIRECTS: usize = 10;

/// Flask's `app.test_client()`: sends requests to an app in process and
/// keeps its cookies. See the [module](self) for what it does.
///
/// It takes any [`App`](crate::App), or any other [`AppService`] (such as
/// an `axum::Router` from [`App::into_router`](crate::App::into_router)).
/// Its methods take `&self`; the jar is shared by the requests it builds.
///
/// ```
/// use flaxum::test::Client;
/// use flaxum::{get, routes, App, AppService};
///
/// #[get("/")]
/// async fn index() -> &'static str { "Hello, World!" }
///
/// fn create_app() -> App<impl AppService> {
///     App::new(routes![index])
/// }
///
/// // In a test file, under `#[tokio::test]`:
/// async fn index_says_hello() {
///     let client = Client::new(create_app());
///     assert_eq!(client.get("/").await.text(), "Hello, World!");
/// }
/// # #[tokio::main(flavor = "current_thread")] async fn main() { index_says_hello().await }
/// ```
pub struct Client<S> {
    app: S,
    jar: Arc<Mutex<Jar>>,
}

impl<S: AppService> Client<S> {
    /// A client of `app`, with an empty cookie jar.
    ///
    /// ```
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![]));
    /// # let _ = client;
    /// ```
    pub fn new(app: S) -> Self {
        Client {
            app,
            jar: Arc::default(),
        }
    }

    /// A request with any method (Flask's `client.open(uri, method=…)`).
    ///
    /// ```
    /// use http::Method;
    ///
    /// #[flaxum::route("/items", methods = ["TRACE"])]
    /// async fn items(method: Method) -> String { method.to_string() }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![items]));
    /// assert_eq!(client.request(Method::TRACE, "/items").await.text(), "TRACE");
    /// # }
    /// ```
    ///
    /// `uri` is a path with its query (`/path?query`), or a whole URL
    /// (`http://localhost:5000/path`), whose host becomes the `Host`.
    ///
    /// # Panics
    ///
    /// If `uri` is not a valid URI.
    #[track_caller]
    pub fn request(&self, method: Method, uri: impl AsRef<str>) -> RequestBuilder<S> {
        let given = uri.as_ref();
        let parsed = match given.parse::<http::Uri>() {
            Ok(parsed) => parsed,
            Err(e) => panic!("flaxum::test: {given:?} is not a valid URI: {e}"),
        };
        let mut headers = HeaderMap::new();
        // `http://localhost:5000/x` asks `/x` of `localhost:5000`, as a
        // browser would.
        let uri = match (parsed.scheme(), parsed.authority()) {
            (Some(_), Some(authority)) => {
                let host = HeaderValue::from_str(authority.as_str());
                headers.insert(header::HOST, host.expect("an authority is a valid header"));
                let path = parsed.path_and_query().map_or("/", |pq| pq.as_str());
                path.to_owned()
            }
            _ => given.to_owned(),
        };
        RequestBuilder {
            app: self.app.clone(),
            jar: Arc::clone(&self.jar),
            hop: Hop {
                method,
                uri,
                headers,
                body: Bytes::new(),
            },
            follow: false,
        }
    }

    /// A `GET` request (Flask's `client.get(uri)`).
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// assert_eq!(client.get("/").await.text(), "hi");
    /// # }
    /// ```
    #[track_caller]
    pub fn get(&self, uri: impl AsRef<str>) -> RequestBuilder<S> {
        self.request(Method::GET, uri)
    }

    /// A `POST` request.
    ///
    /// ```
    /// #[flaxum::post("/echo")]
    /// async fn echo(body: String) -> String { body }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![echo]));
    /// assert_eq!(client.post("/echo").body("hi").await.text(), "hi");
    /// # }
    /// ```
    #[track_caller]
    pub fn post(&self, uri: impl AsRef<str>) -> RequestBuilder<S> {
        self.request(Method::POST, uri)
    }

    /// A `PUT` request.
    ///
    /// ```
    /// #[flaxum::put("/doc")]
    /// async fn put(body: String) -> String { format!("stored {body}") }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![put]));
    /// assert_eq!(client.put("/doc").body("v2").await.text(), "stored v2");
    /// # }
    /// ```
    #[track_caller]
    pub fn put(&self, uri: impl AsRef<str>) -> RequestBuilder<S> {
        self.request(Method::PUT, uri)
    }

    /// A `PATCH` request.
    ///
    /// ```
    /// #[flaxum::patch("/doc")]
    /// async fn patch() -> &'static str { "patched" }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![patch]));
    /// assert_eq!(client.patch("/doc").await.text(), "patched");
    /// # }
    /// ```
    #[track_caller]
    pub fn patch(&self, uri: impl AsRef<str>) -> RequestBuilder<S> {
        self.request(Method::PATCH, uri)
    }

    /// A `DELETE` request.
    ///
    /// ```
    /// #[flaxum::delete("/posts/<int:id>")]
    /// async fn remove(id: u64) -> http::StatusCode { http::StatusCode::NO_CONTENT }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![remove]));
    /// assert_eq!(client.delete("/posts/1").await.status(), 204);
    /// # }
    /// ```
    #[track_caller]
    pub fn delete(&self, uri: impl AsRef<str>) -> RequestBuilder<S> {
        self.request(Method::DELETE, uri)
    }

    /// A `HEAD` request: a `GET` route answers it, without the body.
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// let res = client.head("/").await;
    /// assert_eq!(res.status(), 200);
    /// assert!(res.bytes().is_empty());
    /// # }
    /// ```
    #[track_caller]
    pub fn head(&self, uri: impl AsRef<str>) -> RequestBuilder<S> {
        self.request(Method::HEAD, uri)
    }

    /// An `OPTIONS` request: flaxum answers it with `Allow`.
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// let res = client.options("/").await;
    /// assert_eq!(res.header("allow"), Some("GET, HEAD, OPTIONS"));
    /// # }
    /// ```
    #[track_caller]
    pub fn options(&self, uri: impl AsRef<str>) -> RequestBuilder<S> {
        self.request(Method::OPTIONS, uri)
    }

    /// The value of the cookie called `name` in the jar, as the app set it
    /// (Flask's `client.get_cookie(name).value`). Whatever its path; if it
    /// was set for several paths, the one set last.
    ///
    /// ```
    /// #[flaxum::get("/login")]
    /// async fn login() -> ([(http::HeaderName, &'static str); 1], &'static str) {
    ///     ([(http::header::SET_COOKIE, "user=ada; Path=/")], "welcome")
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![login]));
    /// assert_eq!(client.cookie("user"), None);
    /// client.get("/login").await;
    /// assert_eq!(client.cookie("user").as_deref(), Some("ada"));
    /// # }
    /// ```
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar().get(name)
    }

    /// Puts a cookie in the jar, sent to every path of the app, with no
    /// expiry (Flask's `client.set_cookie(name, value)`). It replaces a
    /// cookie of that name set for `/`.
    ///
    /// ```
    /// use axum::http::HeaderMap;
    ///
    /// #[flaxum::get("/")]
    /// async fn show(headers: HeaderMap) -> String {
    ///     headers.get("cookie").map_or("", |v| v.to_str().unwrap()).to_owned()
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![show]));
    /// client.set_cookie("theme", "dark");
    /// assert_eq!(client.get("/").await.text(), "theme=dark");
    /// # }
    /// ```
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar().set(name, value);
    }

    /// Removes the cookies called `name` from the jar, whatever their path
    /// (Flask's `client.delete_cookie(name)`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![]));
    /// client.set_cookie("theme", "dark");
    /// client.delete_cookie("theme");
    /// assert_eq!(client.cookie("theme"), None);
    /// # }
    /// ```
    pub fn delete_cookie(&self, name: &str) {
        self.jar().remove(name);
    }

    fn jar(&self) -> MutexGuard<'_, Jar> {
        lock(&self.jar)
    }
}

/// A request being built: headers and body, then [`send`](Self::send)
/// (or `.await` on the builder itself, which sends it).
///
/// ```
/// use axum::Json;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Post { title: String }
///
/// #[flaxum::post("/api/posts")]
/// async fn create(Json(post): Json<Post>) -> (http::StatusCode, Json<Post>) {
///     (http::StatusCode::CREATED, Json(post))
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![create]));
/// let res = client
///     .post("/api/posts")
///     .header("x-request-id", "42")
///     .json(&Post { title: "Hello".into() })
///     .send()
///     .await;
/// assert_eq!(res.status(), 201);
/// assert_eq!(res.json::<Post>().unwrap().title, "Hello");
/// # }
/// ```
#[must_use = "a request does nothing until it is sent: `.send().await` or `.await`"]
pub struct RequestBuilder<S> {
    app: S,
    jar: Arc<Mutex<Jar>>,
    hop: Hop,
    follow: bool,
}

/// One request as sent: what a redirect repeats or turns into a `GET`.
#[derive(Clone)]
struct Hop {
    method: Method,
    /// The path and query (or whatever URI the test gave).
    uri: String,
    /// The headers the test set (no cookies from the jar).
    headers: HeaderMap,
    body: Bytes,
}

impl<S: AppService> RequestBuilder<S> {
    /// Adds a header (a second one of the same name is added beside the
    /// first). A `Host` replaces the default `localhost`; a `Cookie` is sent
    /// with the jar's cookies after it.
    ///
    /// ```
    /// use axum::http::HeaderMap;
    ///
    /// #[flaxum::get("/")]
    /// async fn agent(headers: HeaderMap) -> String {
    ///     format!("{:?}", headers.get("user-agent").unwrap())
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![agent]));
    /// let res = client.get("/").header("user-agent", "tests").await;
    /// assert_eq!(res.text(), "\"tests\"");
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If `name` or `value` is not a valid header name or value.
    #[track_caller]
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: TryInto<HeaderName>,
        K::Error: core::fmt::Display,
        V: TryInto<HeaderValue>,
        V::Error: core::fmt::Display,
    {
        let name = name
            .try_into()
            .unwrap_or_else(|e| panic!("flaxum::test: not a header name: {e}"));
        let value = value
            .try_into()
            .unwrap_or_else(|e| panic!("flaxum::test: not a value for `{name}`: {e}"));
        self.hop.headers.append(name, value);
        self
    }

    /// The body, as given, with no `Content-Type` (add one with
    /// [`header`](Self::header)). Flask's `data=`.
    ///
    /// ```
    /// #[flaxum::post("/echo")]
    /// async fn echo(body: axum::body::Bytes) -> String { format!("{} bytes", body.len()) }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![echo]));
    /// assert_eq!(client.post("/echo").body(vec![0u8; 3]).await.text(), "3 bytes");
    /// # }
    /// ```
    pub fn body(mut self, body: impl AsRef<[u8]>) -> Self {
        self.hop.body = Bytes::copy_from_slice(body.as_ref());
        self
    }

    /// A form body, url-encoded from any `Serialize` (a struct, a map, a
    /// list of pairs), with `Content-Type: application/x-www-form-urlencoded`:
    /// Flask's `data={…}`, what axum's `Form` reads.
    ///
    /// ```
    /// use axum::Form;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Login { username: String, password: String }
    ///
    /// #[flaxum::post("/login")]
    /// async fn login(Form(f): Form<Login>) -> String { format!("{}:{}", f.username, f.password) }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![login]));
    /// let res = client.post("/login").form(&[("username", "ada"), ("password", "p w")]).await;
    /// assert_eq!(res.text(), "ada:p w");
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If `form` cannot be url-encoded (a nested struct, a sequence of
    /// values that are not pairs).
    #[track_caller]
    pub fn form<T: serde::Serialize + ?Sized>(self, form: &T) -> Self {
        let body = serde_urlencoded::to_string(form)
            .unwrap_or_else(|e| panic!("flaxum::test: the form cannot be url-encoded: {e}"));
        self.content_type("application/x-www-form-urlencoded")
            .body(body)
    }

    /// A JSON body, with `Content-Type: application/json`: Flask's `json=`,
    /// what axum's `Json` reads.
    ///
    /// ```
    /// use axum::Json;
    ///
    /// #[flaxum::post("/sum")]
    /// async fn sum(Json(numbers): Json<Vec<i64>>) -> String { numbers.iter().sum::<i64>().to_string() }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![sum]));
    /// assert_eq!(client.post("/sum").json(&[1, 2, 3]).await.text(), "6");
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If `value` cannot be written as JSON (a map with keys that are not
    /// strings, a `Serialize` impl that fails).
    #[track_caller]
    pub fn json<T: serde::Serialize + ?Sized>(self, value: &T) -> Self {
        let body = serde_json::to_vec(value)
            .unwrap_or_else(|e| panic!("flaxum::test: the value cannot be written as JSON: {e}"));
        self.content_type("application/json").body(body)
    }

    /// Adds a query string, url-encoded from any `Serialize` (Flask's
    /// `query_string=`); appended with `&` if the URI already has one.
    ///
    /// ```
    /// use axum::extract::Query;
    /// use std::collections::BTreeMap;
    ///
    /// #[flaxum::get("/search")]
    /// async fn search(Query(q): Query<BTreeMap<String, String>>) -> String { format!("{q:?}") }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![search]));
    /// let res = client.get("/search?page=2").query(&[("q", "a b")]).await;
    /// assert_eq!(res.text(), r#"{"page": "2", "q": "a b"}"#);
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If `query` cannot be url-encoded, or makes the URI invalid.
    #[track_caller]
    pub fn query<T: serde::Serialize + ?Sized>(mut self, query: &T) -> Self {
        let encoded = serde_urlencoded::to_string(query)
            .unwrap_or_else(|e| panic!("flaxum::test: the query cannot be url-encoded: {e}"));
        if !encoded.is_empty() {
            let (uri, fragment) = match self.hop.uri.split_once('#') {
                Some((uri, fragment)) => (uri.to_owned(), format!("#{fragment}")),
                None => (self.hop.uri.clone(), String::new()),
            };
            let sep = match uri.split_once('?') {
                None => "?",
                Some((_, "")) => "",
                Some(_) => "&",
            };
            self.hop.uri = format!("{uri}{sep}{encoded}{fragment}");
            if let Err(e) = self.hop.uri.parse::<http::Uri>() {
                panic!("flaxum::test: {:?} is not a valid URI: {e}", self.hop.uri);
            }
        }
        self
    }

    /// Whether redirects are followed (Flask's `follow_redirects=True`);
    /// off by default. See [Redirects](self#redirects) for which ones and how.
    ///
    /// ```
    /// #[flaxum::get("/")]
    /// async fn index() -> axum::response::Response { flaxum::redirect("/home") }
    /// #[flaxum::get("/home")]
    /// async fn home() -> &'static str { "home" }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index, home]));
    /// assert_eq!(client.get("/").await.status(), 302);
    /// let res = client.get("/").follow_redirects(true).await;
    /// assert_eq!((res.status(), res.text()), (http::StatusCode::OK, "home".to_owned()));
    /// # }
    /// ```
    pub fn follow_redirects(mut self, follow: bool) -> Self {
        self.follow = follow;
        self
    }

    /// Sends the request (and, with [`follow_redirects`](Self::follow_redirects),
    /// the redirects that follow), updates the jar and reads the body.
    /// `.await` on the builder does the same.
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// let res = client.get("/").send().await;
    /// assert_eq!(res.text(), "hi");
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If the app's response body fails while it is read.
    pub async fn send(self) -> Response {
        let RequestBuilder {
            app,
            jar,
            mut hop,
            follow,
        } = self;
        let mut history = Vec::new();
        loop {
            let mut res = exchange(&app, &jar, &hop).await;
            let next = match follow && history.len() < MAX_REDIRECTS {
                true => redirect(&hop, &res),
                false => None,
            };
            let Some(next) = next else {
                res.history = history;
                return res;
            };
            history.push(res);
            hop = next;
        }
    }

    /// Sets `Content-Type`, replacing one the test set.
    fn content_type(mut self, value: &'static str) -> Self {
        let value = HeaderValue::from_static(value);
        self.hop.headers.insert(header::CONTENT_TYPE, value);
        self
    }
}

impl<S: AppService> core::future::IntoFuture for RequestBuilder<S> {
    type Output = Response;
    type IntoFuture = BoxFuture<'static, Response>;

    /// Sends the request: `client.get("/").await` is `client.get("/").send().await`.
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// assert_eq!(client.get("/").await.text(), "hi");
    /// # }
    /// ```
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

fn lock(jar: &Mutex<Jar>) -> MutexGuard<'_, Jar> {
    // A test that panicked elsewhere leaves the jar as it was.
    jar.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The host a request is asked of: its `Host`, else `localhost`.
fn host(headers: &HeaderMap) -> &str {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    host.unwrap_or("localhost")
}

/// The path of a URI as given (no query, no fragment).
fn path_of(uri: &str) -> &str {
    let end = uri.find(['?', '#']).unwrap_or(uri.len());
    &uri[..end]
}

/// Sends one request through a clone of the app, with the jar's cookies,
/// stores the cookies of the answer and reads its body.
async fn exchange<S: AppService>(app: &S, jar: &Mutex<Jar>, hop: &Hop) -> Response {
    let mut headers = hop.headers.clone();
    if !headers.contains_key(header::HOST) {
        headers.insert(header::HOST, HeaderValue::from_static("localhost"));
    }
    if !hop.body.is_empty() && !headers.contains_key(header::CONTENT_LENGTH) {
        headers.insert(header::CONTENT_LENGTH, hop.body.len().into());
    }
    let path = path_of(&hop.uri);
    if let Some(cookies) = lock(jar).header(path) {
        let cookies = match headers.get(header::COOKIE).map(HeaderValue::as_bytes) {
            Some(own) => [own, b"; ", cookies.as_bytes()].concat(),
            None => cookies.into_bytes(),
        };
        let value = HeaderValue::from_bytes(&cookies).expect("cookies the app set");
        headers.insert(header::COOKIE, value);
    }
    let mut req = Request::new(Body::from(hop.body.clone()));
    *req.method_mut() = hop.method.clone();
    *req.uri_mut() = hop.uri.parse().expect("checked when the request was built");
    *req.headers_mut() = headers;
    let res = match app.clone().oneshot(req).await {
        Ok(res) => res,
        Err(never) => match never {},
    };
    let (parts, body) = res.into_parts();
    {
        let mut jar = lock(jar);
        let host = host(&hop.headers);
        for set in parts.headers.get_all(header::SET_COOKIE) {
            if let Ok(set) = set.to_str() {
                jar.store(set, path, host);
            }
        }
    }
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_else(|e| panic!("flaxum::test: the response body failed: {e}"));
    Response {
        status: parts.status,
        headers: parts.headers,
        body,
        url: hop.uri.clone(),
        history: Vec::new(),
    }
}

/// The request that follows `res`, when it is a redirect this client follows.
fn redirect(hop: &Hop, res: &Response) -> Option<Hop> {
    const FOLLOWED: [StatusCode; 5] = [
        StatusCode::MOVED_PERMANENTLY,
        StatusCode::FOUND,
        StatusCode::SEE_OTHER,
        StatusCode::TEMPORARY_REDIRECT,
        StatusCode::PERMANENT_REDIRECT,
    ];
    if !FOLLOWED.contains(&res.status) {
        return None;
    }
    let target = location::resolve(&hop.uri, host(&hop.headers), res.location()?)?;
    target.path_and_query.parse::<http::Uri>().ok()?;
    let mut next = hop.clone();
    next.uri = target.path_and_query;
    if let Some(host) = target.host.and_then(|h| HeaderValue::try_from(h).ok()) {
        next.headers.insert(header::HOST, host);
    }
    let keeps_request = matches!(res.status.as_u16(), 307 | 308);
    if !keeps_request {
        if next.method != Method::HEAD {
            next.method = Method::GET;
        }
        next.body = Bytes::new();
        for name in [
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::TRANSFER_ENCODING,
        ] {
            next.headers.remove(name);
        }
    }
    Some(next)
}
