//! Flask's `request.form` and `request.files`: [`FormData`], the fields of
//! a url-encoded or multipart body, read the way Werkzeug 3.1 reads them.
//! Needs the `form` feature.
//!
//! ```
//! use flaxum::{post, routes, App, FormData};
//!
//! #[post("/login")]
//! async fn login(form: FormData) -> String {
//!     // Flask: request.form.get("username", "")
//!     format!("welcome {}", form.get_or("username", ""))
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let client = flaxum::test::Client::new(App::new(routes![login]));
//! let res = client.post("/login").form(&[("username", "ada")]).await;
//! assert_eq!(res.text(), "welcome ada");
//! // No body at all: an empty form, not a rejection.
//! assert_eq!(client.post("/login").await.text(), "welcome ");
//! # }
//! ```
//!
//! # What is read
//!
//! The `Content-Type` of the request decides, as in Flask (its type is
//! compared without case, its parameters other than `boundary` are
//! ignored):
//! - `application/x-www-form-urlencoded`: the body's `name=value` pairs,
//!   split on `&` (not `;`), `+` read as a space, `%XX` decoded. A pair
//!   without `=` is a field with an empty value; empty pairs are skipped.
//! - `multipart/form-data`: every part with a `filename` in its
//!   `Content-Disposition` is a file ([`FormData::files`], Flask's
//!   `request.files`), even an empty `filename=""` (what a browser sends
//!   for a file input left empty); every other part is a text field. The
//!   parameters of a part's headers are read as Werkzeug reads them: names
//!   in any case, quoted or not, `\"` and `%22` as `"`, RFC 2231 values
//!   (`filename*=UTF-8''%E2%82%AC.txt` is `€.txt`). A part without a
//!   `name` is skipped (Werkzeug files it under `None`, which no name
//!   finds).
//! - anything else, or no `Content-Type` at all (JSON, text, …): an empty
//!   form, and the body is left unread. Flask does the same.
//!
//! Names and values keep the order of the body, repeated names included.
//!
//! # Text that is not UTF-8
//!
//! As Werkzeug 3.1 (Flask 3.1) reads it:
//! - url-encoded: a `%XX` sequence that does not decode to UTF-8 stays
//!   escaped, with upper-case hex digits (`a=%ff` reads as `"%FF"`,
//!   `a=%C3%A9%FF` as `"é%FF"`); a `%` not followed by two hex digits stays
//!   as it is (`%zz`). A body with bytes that are not UTF-8 *before*
//!   decoding (a raw `0xFF`, not `%FF`) is an empty form: Werkzeug cannot
//!   decode it and drops the whole form.
//! - multipart text fields are decoded in the `charset` of the part's
//!   `Content-Type` when it is `utf-8`, `ascii`, `us-ascii` or `iso-8859-1`
//!   (any case), and as UTF-8 otherwise; a byte that does not decode
//!   becomes U+FFFD (`�`). File contents are kept as bytes.
//!
//! # Rejections
//!
//! [`FormDataRejection`]: a body over the body limit is **413**, as for
//! axum's `Bytes` or `Json`: the limit of `axum::extract::DefaultBodyLimit`
//! (2 MiB unless a layer sets another) and, under `flaxum::serve`,
//! [`Server::body_limit`](crate::Server::body_limit), whichever is smaller.
//! A multipart body that cannot be parsed (no boundary, cut short, a part
//! without `Content-Disposition` or with a header that is not UTF-8) is
//! **400** with a one-line body. An empty multipart body is an empty form.
//! Like axum's rejections, these are answered before the handler runs, and
//! `#[errorhandler]`s do not see them; take `Result<FormData,
//! FormDataRejection>` to answer them yourself.
//!
//! Flask differs on the malformed multipart body: it reads it as an empty
//! form, losing what was sent without a word. It also accepts parts
//! whose lines end in a bare LF, which flaxum refuses as malformed (every
//! browser and HTTP library sends CRLF). Flask refuses, with 413, a
//! url-encoded body or a multipart text field over 500,000 bytes, and more
//! than 1,000 multipart parts (`MAX_FORM_MEMORY_SIZE`, `MAX_FORM_PARTS`);
//! flaxum has only the body limit.
//!
//! A typed form, with a rejection for a missing field, stays
//! `axum::Form<T>` (axum's `form` feature).

use std::borrow::Cow;
use std::convert::Infallible;
use std::error::Error;
use std::fmt;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use axum::RequestExt;
use http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use http::StatusCode;
use http_body_util::BodyExt;

mod decode;

use decode::{decode_text, known_charset, mimetype, parameter, parameters, unquote_plus};

/// The fields of a form body, as Flask's `request.form`, and its files, as
/// `request.files`: an axum extractor that reads the body, so it is a
/// handler's last argument. A missing field is `None`, never a rejection;
/// a body that is not a form is an empty form. See the [module](self) for
/// what is read and how.
///
/// ```
/// use flaxum::{post, routes, App, FormData};
///
/// #[post("/tags")]
/// async fn tags(form: FormData) -> String {
///     let tags = form.get_all("tag").join(",");
///     match form.get("owner") {
///         Some(owner) => format!("{owner}: {tags}"),
///         None => format!("nobody: {tags}"),
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let client = flaxum::test::Client::new(App::new(routes![tags]));
/// let res = client
///     .post("/tags")
///     .header("content-type", "application/x-www-form-urlencoded")
///     .body("tag=a&tag=b+c&tag=%C3%A9")
///     .await;
/// assert_eq!(res.text(), "nobody: a,b c,é");
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormData {
    fields: Vec<(String, String)>,
    files: Files,
}

impl FormData {
    /// Reads a url-encoded body (`a=1&b=%C3%A9`) as the extractor does
    /// for `application/x-www-form-urlencoded`, by Werkzeug's rules (see
    /// the [module](self)). Useful in tests, and for a body that arrived
    /// some other way.
    ///
    /// ```
    /// use flaxum::FormData;
    ///
    /// let form = FormData::from_urlencoded(b"name=Ada+L&bad=%FF&flag");
    /// assert_eq!(form.get("name"), Some("Ada L"));
    /// assert_eq!(form.get("bad"), Some("%FF")); // not UTF-8: stays escaped
    /// assert_eq!(form.get("flag"), Some(""));
    /// // Bytes that are not UTF-8 before decoding: no form at all.
    /// assert!(FormData::from_urlencoded(b"name=\xff").is_empty());
    /// ```
    pub fn from_urlencoded(body: &[u8]) -> FormData {
        let Ok(text) = std::str::from_utf8(body) else {
            return FormData::default();
        };
        let fields = text
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (unquote_plus(name), unquote_plus(value))
            })
            .collect();
        FormData {
            fields,
            files: Files::default(),
        }
    }

    /// The first value of the field `name`, or `None` when the form has no
    /// such field (Flask's `request.form.get(name)`).
    ///
    /// ```
    /// let form = flaxum::FormData::from_urlencoded(b"a=1&a=2&b=");
    /// assert_eq!(form.get("a"), Some("1"));
    /// assert_eq!(form.get("b"), Some(""));
    /// assert_eq!(form.get("c"), None);
    /// ```
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of the field `name`, or `default` when there is
    /// none (Flask's `request.form.get(name, default)`).
    ///
    /// ```
    /// let form = flaxum::FormData::from_urlencoded(b"page=2");
    /// assert_eq!(form.get_or("page", "1"), "2");
    /// assert_eq!(form.get_or("sort", "name"), "name");
    /// ```
    pub fn get_or<'a>(&'a self, name: &str, default: &'a str) -> &'a str {
        self.get(name).unwrap_or(default)
    }

    /// Every value of the field `name`, in the order of the body; empty
    /// when there is none (Flask's `request.form.getlist(name)`).
    ///
    /// ```
    /// let form = flaxum::FormData::from_urlencoded(b"tag=a&x=1&tag=b");
    /// assert_eq!(form.get_all("tag"), ["a", "b"]);
    /// assert!(form.get_all("none").is_empty());
    /// ```
    pub fn get_all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether the form has a field `name`, even an empty one (Flask's
    /// `name in request.form`).
    ///
    /// ```
    /// let form = flaxum::FormData::from_urlencoded(b"remember=");
    /// assert!(form.contains("remember"));
    /// assert!(!form.contains("password"));
    /// ```
    pub fn contains(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _)| n == name)
    }

    /// Every field as `(name, value)`, in the order of the body, repeated
    /// names included. (Flask's `request.form.items(multi=True)` gives
    /// the same pairs grouped by name.) `for (name, value) in &form`
    /// does the same.
    ///
    /// ```
    /// let form = flaxum::FormData::from_urlencoded(b"a=1&b=2&a=3");
    /// let pairs: Vec<(&str, &str)> = form.iter().collect();
    /// assert_eq!(pairs, [("a", "1"), ("b", "2"), ("a", "3")]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The names of the fields, each once, in the order they first appear
    /// (Flask's `for name in request.form`, and `len(request.form)` is
    /// their count).
    ///
    /// ```
    /// let form = flaxum::FormData::from_urlencoded(b"a=1&b=2&a=3");
    /// assert_eq!(form.keys().collect::<Vec<_>>(), ["a", "b"]);
    /// assert_eq!(form.keys().count(), 2);
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        let mut seen = std::collections::HashSet::new();
        self.fields
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(move |n| seen.insert(*n))
    }

    /// The number of fields, repeated names counted each time (the length
    /// of [`iter`](Self::iter)); files are not fields.
    ///
    /// ```
    /// assert_eq!(flaxum::FormData::from_urlencoded(b"a=1&a=2").len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the form has no field (it may still have [files](Self::files)).
    ///
    /// ```
    /// assert!(flaxum::FormData::from_urlencoded(b"").is_empty());
    /// assert!(flaxum::FormData::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The files of a multipart body (Flask's `request.files`): its parts
    /// with a `filename`. Always empty for a url-encoded body.
    ///
    /// ```
    /// use flaxum::{post, routes, App, FormData};
    ///
    /// #[post("/upload")]
    /// async fn upload(form: FormData) -> String {
    ///     match form.files().get("avatar") {
    ///         Some(f) => format!("{} ({} bytes) for {}", f.filename(), f.bytes().len(), form.get_or("user", "?")),
    ///         None => "no file".to_owned(),
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let body = "--b\r\n\
    ///     Content-Disposition: form-data; name=\"user\"\r\n\r\nada\r\n--b\r\n\
    ///     Content-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\n\
    ///     Content-Type: image/png\r\n\r\n\x01\x02\x03\r\n--b--\r\n";
    /// let client = flaxum::test::Client::new(App::new(routes![upload]));
    /// let res = client
    ///     .post("/upload")
    ///     .header("content-type", "multipart/form-data; boundary=b")
    ///     .body(body)
    ///     .await;
    /// assert_eq!(res.text(), "me.png (3 bytes) for ada");
    /// # }
    /// ```
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Reads a multipart body whose boundary is `boundary`.
    async fn from_multipart(body: Bytes, boundary: String) -> Result<FormData, FormDataRejection> {
        let mut form = FormData::default();
        if body.is_empty() {
            return Ok(form);
        }
        let stream = futures_util::stream::once(async { Ok::<_, Infallible>(body) });
        let mut parts = multer::Multipart::new(stream, boundary);
        while let Some(part) = parts.next_field().await.map_err(malformed)? {
            let header = |name| match part.headers().get(name) {
                None => Ok(None),
                Some(v) => match std::str::from_utf8(v.as_bytes()) {
                    Ok(v) => Ok(Some(v.to_owned())),
                    Err(_) => Err(FormDataRejection::malformed("a part's header is not UTF-8")),
                },
            };
            let Some(disposition) = header(CONTENT_DISPOSITION)? else {
                return Err(FormDataRejection::malformed(
                    "a part has no Content-Disposition",
                ));
            };
            let content_type = header(CONTENT_TYPE)?;
            let disposition = parameters(&disposition);
            let name = parameter(&disposition, "name").map(str::to_owned);
            let filename = parameter(&disposition, "filename").map(str::to_owned);
            let charset = content_type
                .as_deref()
                .map(parameters)
                .and_then(|p| parameter(&p, "charset").and_then(known_charset));
            let bytes = part.bytes().await.map_err(malformed)?;
            // Werkzeug files a part without a name under `None`, where no
            // name can find it.
            let Some(name) = name else { continue };
            match filename {
                Some(filename) => form.files.0.push(FormFile {
                    name,
                    filename,
                    content_type,
                    bytes,
                }),
                None => form
                    .fields
                    .push((name, decode_text(&bytes, charset.as_deref()))),
            }
        }
        Ok(form)
    }
}

impl<'a> IntoIterator for &'a FormData {
    type Item = (&'a str, &'a str);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a str, &'a str),
    >;

    /// The fields, as [`FormData::iter`].
    ///
    /// ```
    /// let form = flaxum::FormData::from_urlencoded(b"a=1&b=2");
    /// let mut seen = String::new();
    /// for (name, value) in &form {
    ///     seen.push_str(&format!("{name}={value};"));
    /// }
    /// assert_eq!(seen, "a=1;b=2;");
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.fields.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = FormDataRejection;

    /// Reads the body when its `Content-Type` is a form's, up to the body
    /// limit.
    ///
    /// ```
    /// use axum::extract::FromRequest;
    /// use flaxum::FormData;
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let req = http::Request::post("/")
    ///     .header("content-type", "application/x-www-form-urlencoded")
    ///     .body(axum::body::Body::from("q=rust"))
    ///     .unwrap();
    /// let form = FormData::from_request(req, &()).await.unwrap();
    /// assert_eq!(form.get("q"), Some("rust"));
    /// # }
    /// ```
    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req.headers().get(CONTENT_TYPE);
        let mimetype = content_type.map(|v| mimetype(v.as_bytes()));
        match mimetype {
            Some(m) if m.eq_ignore_ascii_case(b"application/x-www-form-urlencoded") => {
                let body = read(req.into_limited_body()).await?;
                Ok(FormData::from_urlencoded(&body))
            }
            Some(m) if m.eq_ignore_ascii_case(b"multipart/form-data") => {
                let boundary = content_type
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| parameter(&parameters(v), "boundary").map(str::to_owned))
                    .filter(|b| !b.is_empty())
                    .ok_or(FormDataRejection::malformed(
                        "no boundary in the Content-Type",
                    ))?;
                let body = read(req.into_limited_body()).await?;
                FormData::from_multipart(body, boundary).await
            }
            _ => Ok(FormData::default()),
        }
    }
}

/// The files of a multipart form, Flask's `request.files`: the parts that
/// have a `filename`, in the order of the body. [`FormData::files`] gives
/// them.
///
/// ```
/// let form = flaxum::FormData::from_urlencoded(b"a=1");
/// assert!(form.files().is_empty()); // a url-encoded body has no files
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Files(Vec<FormFile>);

impl Files {
    /// The first file of the field `name` (Flask's
    /// `request.files.get(name)`).
    ///
    /// ```
    /// let form = flaxum::FormData::default();
    /// assert!(form.files().get("avatar").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&FormFile> {
        self.0.iter().find(|f| f.name == name)
    }

    /// Every file of the field `name`, in the order of the body (Flask's
    /// `request.files.getlist(name)`, for `<input type="file" multiple>`).
    ///
    /// ```
    /// let form = flaxum::FormData::default();
    /// assert!(form.files().get_all("photos").is_empty());
    /// ```
    pub fn get_all(&self, name: &str) -> Vec<&FormFile> {
        self.0.iter().filter(|f| f.name == name).collect()
    }

    /// Whether there is a file for the field `name`.
    ///
    /// ```
    /// assert!(!flaxum::FormData::default().files().contains("avatar"));
    /// ```
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|f| f.name == name)
    }

    /// Every file, in the order of the body.
    ///
    /// ```
    /// assert_eq!(flaxum::FormData::default().files().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, FormFile> {
        self.0.iter()
    }

    /// The number of files.
    ///
    /// ```
    /// assert_eq!(flaxum::FormData::default().files().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no file.
    ///
    /// ```
    /// assert!(flaxum::FormData::default().files().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Files {
    type Item = &'a FormFile;
    type IntoIter = std::slice::Iter<'a, FormFile>;

    /// The files, as [`Files::iter`].
    ///
    /// ```
    /// for file in flaxum::FormData::default().files() {
    ///     println!("{}", file.filename());
    /// }
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// One uploaded file: a multipart part with a `filename` (Flask's
/// `FileStorage`), held in memory.
///
/// ```
/// use flaxum::{post, routes, App, FormData};
///
/// #[post("/upload")]
/// async fn upload(form: FormData) -> String {
///     let Some(file) = form.files().get("doc") else { return "none".into() };
///     format!(
///         "{} {} {} {:?}",
///         file.name(),
///         file.filename(),
///         file.content_type().unwrap_or("-"),
///         file.bytes(),
///     )
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let body = "--b\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n\
///     Content-Type: text/plain\r\n\r\nhi\r\n--b--\r\n";
/// let client = flaxum::test::Client::new(App::new(routes![upload]));
/// let res = client
///     .post("/upload")
///     .header("content-type", "multipart/form-data; boundary=b")
///     .body(body)
///     .await;
/// assert_eq!(res.text(), r#"doc a.txt text/plain b"hi""#);
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFile {
    name: String,
    filename: String,
    content_type: Option<String>,
    bytes: Bytes,
}

impl FormFile {
    /// The name of the form field (`<input type="file" name="…">`).
    ///
    /// ```
    /// # let form = flaxum::FormData::default();
    /// if let Some(f) = form.files().iter().next() { println!("{}", f.name()); }
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file name the client sent, as it sent it: possibly empty (a
    /// file input left empty), possibly with a path. Never trust it as a
    /// path on the server.
    ///
    /// ```
    /// # let form = flaxum::FormData::default();
    /// let named: Vec<_> = form.files().iter().filter(|f| !f.filename().is_empty()).collect();
    /// # assert!(named.is_empty());
    /// ```
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The part's `Content-Type` as the client sent it, if it sent one
    /// (Flask's `FileStorage.content_type`).
    ///
    /// ```
    /// # let form = flaxum::FormData::default();
    /// let images = form.files().iter().filter(|f| f.content_type() == Some("image/png"));
    /// # assert_eq!(images.count(), 0);
    /// ```
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The contents.
    ///
    /// ```
    /// # let form = flaxum::FormData::default();
    /// let total: usize = form.files().iter().map(|f| f.bytes().len()).sum();
    /// # assert_eq!(total, 0);
    /// ```
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The contents, taken out of the file.
    ///
    /// ```
    /// # let form = flaxum::FormData::default();
    /// let contents: Vec<axum::body::Bytes> = form.files().iter().cloned().map(|f| f.into_bytes()).collect();
    /// # assert!(contents.is_empty());
    /// ```
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }
}

/// Why [`FormData`] refused a request: a body over the limit (413), or a
/// multipart body that cannot be parsed, or that could not be read (400).
/// As a response, it is its status with a one-line text body.
///
/// ```
/// use flaxum::{post, routes, App, FormData, FormDataRejection};
///
/// #[post("/")]
/// async fn index(form: Result<FormData, FormDataRejection>) -> String {
///     match form {
///         Ok(form) => format!("{} fields", form.len()),
///         Err(e) => format!("refused: {} {}", e.status().as_u16(), e.body_text()),
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let client = flaxum::test::Client::new(App::new(routes![index]));
/// let res = client
///     .post("/")
///     .header("content-type", "multipart/form-data")
///     .body("x")
///     .await;
/// assert_eq!(res.text(), "refused: 400 malformed multipart/form-data body: no boundary in the Content-Type");
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDataRejection {
    status: StatusCode,
    message: Cow<'static, str>,
}

impl FormDataRejection {
    /// The status of the response: 413 or 400.
    ///
    /// ```
    /// # use axum::extract::FromRequest;
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let req = http::Request::post("/")
    ///     .header("content-type", "multipart/form-data; boundary=b")
    ///     .body(axum::body::Body::from("--b\r\nbroken"))
    ///     .unwrap();
    /// let e = flaxum::FormData::from_request(req, &()).await.unwrap_err();
    /// assert_eq!(e.status(), 400);
    /// # }
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The text of the response's body.
    ///
    /// ```
    /// # use axum::extract::FromRequest;
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let req = http::Request::post("/")
    ///     .header("content-type", "application/x-www-form-urlencoded")
    ///     .body(axum::body::Body::from(vec![b'a'; 3 << 20]))
    ///     .unwrap();
    /// let e = flaxum::FormData::from_request(req, &()).await.unwrap_err();
    /// assert_eq!((e.status().as_u16(), e.body_text()), (413, "the request body is too large"));
    /// # }
    /// ```
    pub fn body_text(&self) -> &str {
        &self.message
    }

    fn malformed(what: &str) -> Self {
        FormDataRejection {
            status: StatusCode::BAD_REQUEST,
            message: format!("malformed multipart/form-data body: {what}").into(),
        }
    }
}

impl fmt::Display for FormDataRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error for FormDataRejection {}

impl IntoResponse for FormDataRejection {
    fn into_response(self) -> Response {
        (self.status, self.message).into_response()
    }
}

/// The whole body, within the limit that `body` carries.
async fn read(body: Body) -> Result<Bytes, FormDataRejection> {
    match body.collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) => Err(body_failed(&e)),
    }
}

/// A body that failed while it was read: over the limit (413), or cut off
/// (400). The limit's error may sit a few wrappers deep (axum's limit
/// around the server's).
fn body_failed(error: &(dyn Error + 'static)) -> FormDataRejection {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return FormDataRejection {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                message: "the request body is too large".into(),
            };
        }
        cause = e.source();
    }
    FormDataRejection {
        status: StatusCode::BAD_REQUEST,
        message: "the request body could not be read".into(),
    }
}

/// A multipart body multer could not parse. The body is already whole in
/// memory, so this is never a read failure.
fn malformed(e: multer::Error) -> FormDataRejection {
    FormDataRejection::malformed(&e.to_string())
}
