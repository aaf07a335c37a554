//! What the client gives back: an app's response, its body read whole.

use axum::body::Bytes;
use http::header::{AsHeaderName, LOCATION};
use http::{HeaderMap, StatusCode};

/// A response of the app, its body read whole, as Flask's test client
/// returns it (`rv.status_code`, `rv.headers`, `rv.data`, `rv.text`,
/// `rv.get_json()`, `rv.history`).
///
/// ```
/// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
/// let res: flaxum::test::Response = client.get("/").await;
/// assert_eq!(res.status(), 200);
/// assert_eq!(res.text(), "hi");
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Response {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
    pub(super) url: String,
    pub(super) history: Vec<Response>,
}

impl Response {
    /// The status (it compares with a number: `res.status() == 404`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![]));
    /// assert_eq!(client.get("/nothing").await.status(), 404);
    /// # }
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every header of the response.
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// let res = client.get("/").await;
    /// assert!(res.headers().contains_key(http::header::CONTENT_TYPE));
    /// # }
    /// ```
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first header called `name` (any case), if it is visible ASCII.
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// let res = client.get("/").await;
    /// assert_eq!(res.header("content-type"), Some("text/plain; charset=utf-8"));
    /// assert_eq!(res.header("x-missing"), None);
    /// # }
    /// ```
    pub fn header(&self, name: impl AsHeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Location` header, as the app sent it: where a redirect points.
    ///
    /// ```
    /// #[flaxum::get("/old")]
    /// async fn old() -> axum::response::Response { flaxum::redirect("/new") }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![old]));
    /// let res = client.get("/old").await;
    /// assert_eq!(res.status(), 302);
    /// assert_eq!(res.location(), Some("/new"));
    /// # }
    /// ```
    pub fn location(&self) -> Option<&str> {
        self.header(LOCATION)
    }

    /// The body (Flask's `rv.data`).
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// assert_eq!(&client.get("/").await.bytes()[..], b"hi");
    /// # }
    /// ```
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The body as text (Flask's `rv.text`); bytes that are not UTF-8 read
    /// as U+FFFD.
    ///
    /// ```
    /// # #[flaxum::get("/")] async fn index() -> &'static str { "hi" }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// # let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![index]));
    /// assert_eq!(client.get("/").await.text(), "hi");
    /// # }
    /// ```
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON into `T` (Flask's `rv.get_json()`), whatever
    /// the `Content-Type`.
    ///
    /// # Errors
    ///
    /// When the body is not JSON, or not the JSON of a `T`.
    ///
    /// ```
    /// use axum::Json;
    ///
    /// #[flaxum::get("/api")]
    /// async fn api() -> Json<Vec<u32>> { Json(vec![1, 2]) }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![api]));
    /// let numbers: Vec<u32> = client.get("/api").await.json().unwrap();
    /// assert_eq!(numbers, [1, 2]);
    /// # }
    /// ```
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The path and query of the request this response answers: after
    /// redirects were followed, the last one (Flask's `rv.request.path`).
    ///
    /// ```
    /// #[flaxum::get("/projects/")]
    /// async fn projects() -> &'static str { "projects" }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![projects]));
    /// let res = client.get("/projects").follow_redirects(true).await;
    /// assert_eq!(res.url(), "/projects/");
    /// # }
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The redirects followed to reach this response, first one first
    /// (Flask's `rv.history`); empty unless
    /// [`follow_redirects`](super::RequestBuilder::follow_redirects) was on.
    ///
    /// ```
    /// #[flaxum::get("/projects/")]
    /// async fn projects() -> &'static str { "projects" }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let client = flaxum::test::Client::new(flaxum::App::new(flaxum::routes![projects]));
    /// let res = client.get("/projects").follow_redirects(true).await;
    /// assert_eq!(res.history().len(), 1);
    /// assert_eq!(res.history()[0].status(), 308);
    /// assert_eq!(res.history()[0].url(), "/projects");
    /// # }
    /// ```
    pub fn history(&self) -> &[Response] {
        &self.history
    }
}
