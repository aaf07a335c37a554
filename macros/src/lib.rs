//! The route macros of flaxum. Use them through the `flaxum` crate, which
//! re-exports them: `use flaxum::{get, post, route, routes};`.
//!
//! Each route attribute keeps the handler exactly as written (it stays an
//! ordinary callable `async fn`) and adds a hidden companion type of the same
//! name carrying the route descriptors and the glue that extracts the
//! arguments. `routes![…]` gathers the companions into the static table,
//! built by `const fn` while the crate compiles.
//!
//! With `FLAXUM_MACROS_DEBUG=1` in the environment, each macro prints what
//! it expands to on standard error while the crate compiles. Cargo does
//! not rebuild for a change of the variable: touch the file, or run
//! `cargo clean -p <your crate>`, then build. `rustfmt` makes the output
//! readable: `FLAXUM_MACROS_DEBUG=1 cargo check 2>&1 | rustfmt`.
#![forbid(unsafe_code)]

mod diag;
mod hooks;
mod lite;
mod route_attr;
mod routes;
mod statics;
mod syntax;
mod url;

#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

macro_rules! method_attr {
    ($(#[$doc:meta])* $name:ident, $method:literal) => {
        $(#[$doc])*
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            diag::debug(concat!("#[", stringify!($name), "]"), route_attr::expand(Some($method), args.into(), item.into())).into()
        }
    };
}

method_attr!(
    /// A `GET` route, answering `HEAD` too (like Flask's `@app.get`).
    ///
    /// ```
    /// use flaxum::{get, routes, App};
    ///
    /// #[get("/users/<int:id>")]
    /// async fn user(id: u64) -> String {
    ///     format!("user {id}")
    /// }
    ///
    /// // The handler stays an ordinary function.
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// assert_eq!(user(7).await, "user 7");
    /// # });
    /// let app = App::new(routes![user]);
    /// assert_eq!(app.table().routes()[0].path, "/users/<int:id>");
    /// ```
    ///
    /// The path takes Flask's syntax (`<int:id>`, `<string(length=2):code>`,
    /// `<any(en, de):lang>`, `<path:rest>`) as well as `:id`/`{id}` and
    /// `*rest`/`{*rest}`. Options: `strict_slashes = false` answers the path
    /// with and without a trailing slash. Arguments named like a parameter
    /// receive it; any other argument is an axum extractor.
    ///
    /// Without the macro, the same route is a descriptor
    /// (`flaxum::route::RouteDef`) plus a function that extracts each argument
    /// and calls the handler; `routes!` builds the table from the
    /// descriptors with `flaxum::table!`.
    get,
    "GET"
);
method_attr!(
    /// A `POST` route.
    ///
    /// ```
    /// #[flaxum::post("/users")]
    /// async fn create(body: String) -> (http::StatusCode, String) {
    ///     (http::StatusCode::CREATED, body)
    /// }
    /// # assert_eq!(flaxum::App::new(flaxum::routes![create]).table().routes().len(), 1);
    /// ```
    post,
    "POST"
);
method_attr!(
    /// A `PUT` route.
    ///
    /// ```
    /// #[flaxum::put("/users/<int:id>")]
    /// async fn replace(id: u64, body: String) -> String {
    ///     format!("{id}: {body}")
    /// }
    /// # assert_eq!(flaxum::App::new(flaxum::routes![replace]).table().routes().len(), 1);
    /// ```
    put,
    "PUT"
);
method_attr!(
    /// A `PATCH` route.
    ///
    /// ```
    /// #[flaxum::patch("/users/<int:id>")]
    /// async fn update(id: u64) -> String {
    ///     format!("updated {id}")
    /// }
    /// # assert_eq!(flaxum::App::new(flaxum::routes![update]).table().routes().len(), 1);
    /// ```
    patch,
    "PATCH"
);
method_attr!(
    /// A `DELETE` route.
    ///
    /// ```
    /// #[flaxum::delete("/users/<int:id>")]
    /// async fn remove(id: u64) -> http::StatusCode {
    ///     let _ = id;
    ///     http::StatusCode::NO_CONTENT
    /// }
    /// # assert_eq!(flaxum::App::new(flaxum::routes![remove]).table().routes().len(), 1);
    /// ```
    delete,
    "DELETE"
);
method_attr!(
    /// A `HEAD` route; without one, `GET` routes answer `HEAD`.
    ///
    /// ```
    /// #[flaxum::head("/ping")]
    /// async fn ping() -> http::StatusCode {
    ///     http::StatusCode::NO_CONTENT
    /// }
    /// # assert_eq!(flaxum::App::new(flaxum::routes![ping]).table().routes().len(), 1);
    /// ```
    head,
    "HEAD"
);
method_attr!(
    /// An `OPTIONS` route; without one, `OPTIONS` is answered automatically
    /// with the allowed methods.
    ///
    /// ```
    /// #[flaxum::options("/cors")]
    /// async fn preflight() -> &'static str {
    ///     ""
    /// }
    /// # assert_eq!(flaxum::App::new(flaxum::routes![preflight]).table().routes().len(), 1);
    /// ```
    options,
    "OPTIONS"
);

/// A route with a list of methods, like Flask's `@app.route`; without
/// `methods`, the route answers `GET` (and `HEAD`).
///
/// ```
/// use flaxum::route;
///
/// #[route("/login", methods = ["GET", "POST"])]
/// async fn login(method: http::Method) -> String {
///     format!("{method} /login")
/// }
///
/// // Route attributes stack, like several `@app.route` lines.
/// #[route("/")]
/// #[route("/index")]
/// async fn index() -> &'static str {
///     "Hello, World!"
/// }
/// # assert_eq!(flaxum::App::new(flaxum::routes![login, index]).table().routes().len(), 3);
/// ```
#[proc_macro_attribute]
pub fn route(args: TokenStream, item: TokenStream) -> TokenStream {
    diag::debug(
        "#[route]",
        route_attr::expand(None, args.into(), item.into()),
    )
    .into()
}

/// Gathers route handlers into the routes of an app, checked and laid out
/// in one static table while the crate compiles.
///
/// ```
/// use flaxum::{get, routes, App};
///
/// mod users {
///     #[flaxum::get("/users/:id")]
///     pub async fn show(id: String) -> String {
///         id
///     }
/// }
///
/// #[get("/")]
/// async fn index() -> &'static str {
///     "Hello, World!"
/// }
///
/// let app = App::new(routes![index, users::show]);
/// assert_eq!(app.table().routes().len(), 2);
/// ```
///
/// Two routes that match the same requests are a compile error naming both
/// handlers and both paths.
///
/// After a `;`, the app-wide middleware and Flask hooks, each a list:
/// `middleware`, `before_request`, `after_request`, `errorhandler`. They
/// run for every route, and for the requests no route matches (404, 405,
/// redirects), as the app's hooks do in Flask. `strict_slashes = false`
/// (Flask's `app.url_map.strict_slashes = False`) lets every route answer
/// with and without a trailing slash.
///
/// ```
/// use axum::{extract::Request, response::Response};
/// use flaxum::{get, middleware, routes, App, Next};
///
/// #[middleware]
/// async fn log(req: Request, next: Next) -> Response {
///     next.run(req).await
/// }
///
/// #[get("/")]
/// async fn index() -> &'static str { "Hello" }
///
/// let app = App::new(routes![index; middleware = [log]]);
/// assert_eq!(app.routes()[0].middleware, "log");
///
/// #[get("/about")]
/// async fn about() -> &'static str { "About" }
///
/// let relaxed = App::new(routes![about; strict_slashes = false]);
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// use tower::ServiceExt;
/// let req = http::Request::get("/about/").body(axum::body::Body::empty()).unwrap();
/// assert_eq!(relaxed.oneshot(req).await.unwrap().status(), 200);
/// # });
/// ```
///
/// `static` among the items (flaxum's `static-files` feature) is Flask's
/// static folder: the route `static` at `/static/<path:filename>`, serving
/// the files of the app's `static/` folder (`App::static_folder` names
/// another). `static = "/assets"` moves it, as Flask's `static_url_path`.
/// It is listed and checked for conflicts like any route; the runtime's
/// `static_files` module says what it serves.
///
/// ```
/// use flaxum::{routes, url_for, App};
///
/// let app = App::new(routes![static = "/assets"]);
/// assert_eq!(app.routes()[0].path, "/assets/<path:filename>");
/// assert_eq!(app.routes()[0].endpoint(), "static");
/// assert_eq!(url_for!(static, filename = "site.css"), "/assets/site.css");
/// ```
#[proc_macro]
pub fn routes(input: TokenStream) -> TokenStream {
    diag::debug("routes!", routes::expand(input.into())).into()
}

/// A blueprint, like Flask's `Blueprint("auth", __name__, url_prefix="/auth")`:
/// a group of handlers (and nested blueprints) with a URL prefix, its own
/// middleware, `before_request`/`after_request` hooks and error handlers.
/// Mount it by listing it in `routes!` or in another blueprint's `routes`.
///
/// ```
/// mod auth {
///     use flaxum::{blueprint, get};
///
///     #[get("/login")]
///     pub async fn login() -> &'static str { "log in" }
///
///     #[get("/users/<int:id>")]
///     pub async fn user(id: u64) -> String { id.to_string() }
///
///     blueprint!(pub bp = "auth", url_prefix = "/auth", routes = [login, user]);
/// }
///
/// let app = flaxum::App::new(flaxum::routes![auth::bp]);
/// let routes = app.routes();
/// assert_eq!(routes[0].path, "/auth/login");
/// assert_eq!(routes[0].endpoint(), "auth.login");
/// assert_eq!(flaxum::url_for!(auth::user, id = 7), "/auth/users/7");
/// ```
///
/// The options: `url_prefix` (static text), `routes`, `middleware`,
/// `before_request`, `after_request`, `errorhandler`. A blueprint is
/// mounted once; routes of different blueprints that match the same
/// requests are the same compile error as any other conflict.
#[proc_macro]
pub fn blueprint(input: TokenStream) -> TokenStream {
    diag::debug("blueprint!", routes::blueprint(input.into())).into()
}

/// A middleware: `async fn(…extractors, req: Request, next: Next) ->
/// impl IntoResponse`. It runs before the route's handler and decides
/// whether to call `next.run(req)`.
///
/// Middleware are the onion, like WSGI middleware: the app's, then each
/// blueprint's from the outside in, then the route's, each around
/// everything inside it. At each level they run before that level's
/// `before_request` functions. The app's run for every request with a
/// path; a blueprint's or a route's wrap its handlers, so a response made
/// before a handler runs (a `before_request` answer, the automatic
/// `OPTIONS`) does not go through those inside that point.
///
/// ```
/// use axum::{extract::Request, response::{IntoResponse, Response}};
/// use flaxum::{get, middleware, Next};
///
/// #[middleware]
/// async fn require_login(req: Request, next: Next) -> Response {
///     if req.headers().contains_key("cookie") {
///         next.run(req).await
///     } else {
///         http::StatusCode::UNAUTHORIZED.into_response()
///     }
/// }
///
/// #[get("/admin", middleware = [require_login])]
/// async fn admin() -> &'static str { "secret" }
/// # let _ = flaxum::App::new(flaxum::routes![admin]).routes();
/// ```
#[proc_macro_attribute]
pub fn middleware(args: TokenStream, item: TokenStream) -> TokenStream {
    diag::debug(
        "#[middleware]",
        hooks::expand(hooks::Kind::Middleware, args.into(), item.into()),
    )
    .into()
}

/// Flask's `before_request`: runs before the handler; returning a
/// response (`Some(…)` or `Err(…)`) answers the request instead. It takes
/// any extractors, and the request as `&mut Request` to change it (the
/// place for what Flask keeps in `g`: request extensions).
///
/// The order is Flask's: the app's functions first, then each
/// blueprint's from the outside in (each level's after that level's
/// middleware), in the order listed. A response one returns stops the
/// ones after it and the handler; it goes, in the handler's place, through
/// the error handlers and `after_request` functions of every level of the
/// route, those inside it included, as in Flask.
///
/// ```
/// use axum::extract::Request;
/// use flaxum::before_request;
///
/// #[derive(Clone)]
/// struct User(String);
///
/// #[before_request]
/// async fn load_user(req: &mut Request) {
///     let name = req.headers().get("x-user").and_then(|v| v.to_str().ok()).map(str::to_owned);
///     if let Some(name) = name {
///         req.extensions_mut().insert(User(name));
///     }
/// }
/// # let _ = flaxum::App::new(flaxum::routes![; before_request = [load_user]]).routes();
/// ```
#[proc_macro_attribute]
pub fn before_request(args: TokenStream, item: TokenStream) -> TokenStream {
    diag::debug(
        "#[before_request]",
        hooks::expand(hooks::Kind::Before, args.into(), item.into()),
    )
    .into()
}

/// Flask's `after_request`: takes the response (after any extractors) and
/// returns the one to send.
///
/// The order is Flask's: whatever response the route gives (the handler's,
/// an error handler's at any level, a `before_request` function's, the
/// automatic `OPTIONS`) goes through the `after_request` functions of the
/// route's blueprint first, then of each blueprint around it, then the
/// app's; within a level, the last listed runs first. A request that no
/// route matches (404, 405) goes through the app's only. The extractors
/// are read when the request reaches the function's level, before that
/// level's `before_request` functions run.
///
/// ```
/// use axum::response::Response;
///
/// #[flaxum::after_request]
/// async fn no_sniff(mut res: Response) -> Response {
///     res.headers_mut().insert("x-content-type-options", "nosniff".parse().unwrap());
///     res
/// }
/// # let _ = flaxum::App::new(flaxum::routes![; after_request = [no_sniff]]).routes();
/// ```
#[proc_macro_attribute]
pub fn after_request(args: TokenStream, item: TokenStream) -> TokenStream {
    diag::debug(
        "#[after_request]",
        hooks::expand(hooks::Kind::After, args.into(), item.into()),
    )
    .into()
}

/// Flask's `errorhandler`: answers a raised error, by status code
/// (`#[errorhandler(404)]`: `abort(404)`, or flaxum's own 404 when no route
/// matches) or by type (`#[errorhandler(MyError)]`: a value passed to
/// `flaxum::raise`). A status handler may take the error as
/// `flaxum::HttpError` (or `StatusCode`).
///
/// The nearest handler answers, as in Flask: the route's blueprint's, then
/// the outer blueprints', then the app's, for an error that the handler or
/// any `before_request` function of the route raises; a 404 or 405 that
/// matches no route reaches the app's only. Its answer then goes through
/// the `after_request` functions of every level of the route, innermost
/// first. Its extractors see what the `before_request` functions of its
/// level and the levels around it put on the request.
///
/// ```
/// use flaxum::{errorhandler, get, routes, App};
///
/// #[errorhandler(404)]
/// async fn not_found() -> (http::StatusCode, &'static str) {
///     (http::StatusCode::NOT_FOUND, "nothing here")
/// }
///
/// #[get("/")]
/// async fn index() -> &'static str { "Hello" }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use tower::ServiceExt;
/// let app = App::new(routes![index; errorhandler = [not_found]]);
/// let req = http::Request::get("/nope").body(axum::body::Body::empty()).unwrap();
/// let res = app.oneshot(req).await.unwrap();
/// assert_eq!(res.status(), 404);
/// # }
/// ```
#[proc_macro_attribute]
pub fn errorhandler(args: TokenStream, item: TokenStream) -> TokenStream {
    diag::debug(
        "#[errorhandler]",
        hooks::expand(hooks::Kind::Error, args.into(), item.into()),
    )
    .into()
}

/// The URL of a route handler, like Flask's `url_for("user", id=7)`: the
/// handler's path (after its blueprints' prefixes) with the values
/// percent-encoded; values that are not path parameters become the query
/// string. The route is chosen, and every value's type checked against the
/// handler's argument, while the crate compiles: a missing parameter is a
/// compile error naming it.
///
/// ```
/// use flaxum::{get, url_for};
///
/// #[get("/users/<int:id>")]
/// async fn user(id: u64) -> String { id.to_string() }
///
/// #[get("/hello/<name>")]
/// async fn hello(name: &str) -> String { format!("Hello, {name}") }
///
/// assert_eq!(url_for!(user, id = 7), "/users/7");
/// assert_eq!(url_for!(user, id = 7, tab = "posts"), "/users/7?tab=posts");
/// assert_eq!(url_for!(hello, name = "a b/c"), "/hello/a%20b%2Fc");
/// ```
///
/// `url_for!(static, filename = "…")` is the URL of a file of the static
/// folder (`static` in `routes!`, the `static-files` feature), like
/// Flask's `url_for("static", filename="style.css")`: the slashes of
/// `filename` are kept, the rest percent-encoded, other values the query.
/// It follows the `static` route of the last app built in the process
/// (`/static/…` before any).
///
/// ```
/// use flaxum::{routes, url_for, App};
///
/// let app = App::new(routes![static]);
/// assert_eq!(url_for!(static, filename = "css/site.css"), "/static/css/site.css");
/// assert_eq!(url_for!(static, filename = "app.js", v = 3), "/static/app.js?v=3");
/// # let _ = app;
/// ```
#[proc_macro]
pub fn url_for(input: TokenStream) -> TokenStream {
    diag::debug("url_for!", url::expand(input.into())).into()
}
