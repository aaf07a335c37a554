//! Flask's static folder (the `static-files` feature): `static` in
//! [`routes!`](crate::routes) serves the files of a folder at
//! `/static/<path:filename>`, and `url_for!(static, filename = "…")`
//! (or `url_for('static', filename=…)` in a template) links to them.
//!
//! ```
//! use flaxum::{get, routes, url_for, App};
//!
//! #[get("/")]
//! async fn index() -> String {
//!     format!("<link rel=stylesheet href=\"{}\">", url_for!(static, filename = "style.css"))
//! }
//!
//! # let dir = std::env::temp_dir().join(format!("flaxum-doc-static-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # std::fs::write(dir.join("style.css"), "body { color: teal }").unwrap();
//! let app = App::new(routes![index, static]).static_folder(&dir);
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let client = flaxum::test::Client::new(app);
//! let res = client.get("/static/style.css").await;
//! assert_eq!(res.status(), 200);
//! assert_eq!(res.header("content-type"), Some("text/css; charset=utf-8"));
//! assert_eq!(res.text(), "body { color: teal }");
//! assert_eq!(client.get("/static/missing.css").await.status(), 404);
//! # });
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! # The route
//!
//! `static` in `routes![…]` declares the route `static` (the endpoint's
//! name, as in Flask) at `/static/<path:filename>`, for `GET` (and so
//! `HEAD` and `OPTIONS`). `static = "/assets"` puts it at
//! `/assets/<path:filename>` (Flask's `static_url_path`). It is a route
//! like the others: the listing shows it, a route that matches the same
//! requests is a compile error naming both, a more specific route
//! (`/static/special.css`) wins over it, and the app's middleware, hooks
//! and error handlers run around it, as Flask's run around its static
//! view. A blueprint has no static folder of its own.
//!
//! # The folder
//!
//! [`App::static_folder`](crate::App::static_folder) names it. A relative
//! path, and the default `static`, are taken from the app's root, as Flask
//! takes them from the app's package: the package's folder when cargo runs
//! the program (`cargo run`, `cargo test`: cargo sets `CARGO_MANIFEST_DIR`
//! then, so `cargo run -p app` from a workspace's root finds
//! `app/static/`), else the working directory (a deployed binary, started
//! in the folder that holds `static/`). The path is made absolute when the
//! app is built.
//!
//! # What is served
//!
//! A file under the folder, read by tower-http's `ServeDir`: with
//! `Last-Modified` and `If-Modified-Since`, `Range` (one range: `206`,
//! else `416`), `If-Unmodified-Since`, and a content type guessed from the
//! extension (`mime_guess`), with `; charset=utf-8` added to text types
//! as Werkzeug adds it. flaxum adds an `ETag` (the file's modification
//! time and size), `If-None-Match` (`304`, ahead of `If-Modified-Since`),
//! `If-Range`, and `Cache-Control: no-cache` (Flask's default: caches keep
//! the file and ask again each time, answered by a `304` while it has not
//! changed) or, after [`App::static_max_age`](crate::App::static_max_age),
//! `public, max-age=…`.
//!
//! Everything else is a `404`, raised like `abort(404)` so that the app's
//! `#[errorhandler(404)]` answers it, as in Flask: a missing file, a
//! folder (no listings, no `index.html`), a path with a `..` or `.`
//! segment, an empty segment, a backslash or a drive letter (whether
//! written as such or percent-encoded, `%2e%2e`, `%2F`, `%5C`), and a file
//! whose real path, symbolic links resolved, is outside the folder. A
//! symbolic link inside the folder to a file inside it is followed; one
//! that leads out of it is not (Flask would follow it): nothing outside the
//! folder is ever served. Hidden files (`.env`) are served as Flask serves
//! them: keep only public files in the folder.

mod conditional;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::response::Response;
use http::header::{CACHE_CONTROL, CONTENT_RANGE, CONTENT_TYPE, ETAG};
use http::{HeaderValue, Request, StatusCode, Uri};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::dispatch::respond::error_response;
use crate::dispatch::{params, Call, HandlerFuture, Item};

/// The static folder of an app, shared by its clones.
pub(crate) struct Folder {
    /// Absolute.
    pub(crate) root: PathBuf,
    serve: ServeDir,
    pub(crate) cache_control: HeaderValue,
}

impl Folder {
    /// The folder `dir` (relative to the app's root), answering with
    /// `cache_control`.
    pub(crate) fn new(dir: &Path, cache_control: HeaderValue) -> Folder {
        let root = app_root().join(dir);
        if !root.is_dir() {
            tracing::warn!(
                folder = %root.display(),
                "the static folder does not exist: its route answers 404"
            );
        }
        Folder {
            serve: ServeDir::new(&root).append_index_html_on_directories(false),
            root,
            cache_control,
        }
    }

    /// The default folder, `static`, answering with `no-cache`.
    pub(crate) fn default_folder() -> Arc<Folder> {
        Arc::new(Folder::new(Path::new("static"), no_cache()))
    }

    /// The same folder, answering with `cache_control`.
    pub(crate) fn with_cache_control(&self, cache_control: HeaderValue) -> Folder {
        Folder {
            root: self.root.clone(),
            serve: self.serve.clone(),
            cache_control,
        }
    }
}

/// Flask's default `Cache-Control` for static files.
pub(crate) fn no_cache() -> HeaderValue {
    HeaderValue::from_static("no-cache")
}

/// Where a relative static folder is: the package's folder when cargo
/// runs the program, else the working directory.
fn app_root() -> PathBuf {
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => std::env::current_dir().unwrap_or_default(),
    }
}

/// The handler of the `static` route, which `routes!` lists first when it
/// declares `static` (so it is handler 0, to which the app hands its
/// folder). Named by the code `routes!` generates; not API.
#[doc(hidden)]
pub struct StaticRoute;

impl<S: 'static> Item<S> for StaticRoute {
    fn call(mut call: Call<S>) -> HandlerFuture {
        if let Some(res) = call.answered() {
            return res;
        }
        let (_, req, m, _) = call.open();
        let folder = req.extensions().get::<Arc<Folder>>().cloned();
        // The catch-all, the route's only parameter, as sent.
        let raw = params::raw(params::routed_path(&req), &m, 0).to_owned();
        Box::pin(async move {
            match folder {
                Some(folder) => serve(folder, raw, req).await,
                None => error_response(StatusCode::NOT_FOUND),
            }
        })
    }
}

/// Serves file `raw` (the catch-all's text, still percent-encoded) of
/// `folder`, or raises 404.
async fn serve(folder: Arc<Folder>, raw: String, mut req: Request<Body>) -> Response {
    let Some(name) = file_name(&raw) else {
        return error_response(StatusCode::NOT_FOUND);
    };
    let root = folder.root.clone();
    let found = tokio::task::spawn_blocking(move || inside(&root, &name)).await;
    let Ok(Some(meta)) = found else {
        return error_response(StatusCode::NOT_FOUND);
    };
    let tag = conditional::etag(&meta);
    if let Some(res) = conditional::precheck(&mut req, &tag, meta.modified().ok()) {
        return with_validators(res, &tag, &folder);
    }
    // `ServeDir` decodes and checks the path again, from the same text.
    match Uri::try_from(format!("/{raw}")) {
        Ok(uri) => *req.uri_mut() = uri,
        Err(_) => return error_response(StatusCode::NOT_FOUND),
    }
    let res = match folder.serve.clone().oneshot(req).await {
        Ok(res) => res,
        Err(never) => match never {},
    };
    let (parts, body) = res.into_parts();
    let res = Response::from_parts(parts, Body::new(body));
    finish(res, &tag, &folder)
}

/// The file's path under the folder: the decoded catch-all, refused
/// (`None`) with an empty, `.` or `..` segment, a drive letter, a NUL or
/// a backslash (a separator on Windows; never in a sane file name).
fn file_name(raw: &str) -> Option<String> {
    let name = params::decode_catch_all(raw, "").ok()?;
    (!name.contains('\\')).then(|| name.into_owned())
}

/// The metadata of file `name` under `root`, if it is a file whose real
/// path (symbolic links resolved) is inside the real path of `root`.
fn inside(root: &Path, name: &str) -> Option<std::fs::Metadata> {
    let root = root.canonicalize().ok()?;
    let path = root.join(name).canonicalize().ok()?;
    if !path.starts_with(&root) {
        return None;
    }
    let meta = std::fs::metadata(&path).ok()?;
    meta.is_file().then_some(meta)
}

/// `ServeDir`'s answer, finished: a 404 raised as flaxum's (the file went
/// away, or `ServeDir` refused the path), a 416 raised with its
/// `Content-Range`, the validators and the charset on the others.
fn finish(mut res: Response, tag: &HeaderValue, folder: &Folder) -> Response {
    match res.status() {
        StatusCode::NOT_FOUND => error_response(StatusCode::NOT_FOUND),
        StatusCode::RANGE_NOT_SATISFIABLE => {
            let mut raised = error_response(StatusCode::RANGE_NOT_SATISFIABLE);
            if let Some(range) = res.headers_mut().remove(CONTENT_RANGE) {
                raised.headers_mut().insert(CONTENT_RANGE, range);
            }
            raised
        }
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED => {
            let typed = res.headers().get(CONTENT_TYPE);
            if let Some(value) = typed.and_then(conditional::with_charset) {
                res.headers_mut().insert(CONTENT_TYPE, value);
            }
            with_validators(res, tag, folder)
        }
        _ => res,
    }
}

fn with_validators(mut res: Response, tag: &HeaderValue, folder: &Folder) -> Response {
    let headers = res.headers_mut();
    headers.insert(ETAG, tag.clone());
    headers.insert(CACHE_CONTROL, folder.cache_control.clone());
    res
}
