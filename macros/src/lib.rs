//! The route macros of flaxum. Use them through the `flaxum` crate, which
//! re-exports them: `use flaxum::{get, post, route, routes};`.
//!
//! Each route attribute keeps the handler exactly as written (it stays an
//! ordinary callable `async fn`) and adds a hidden companion type of the same
//! name carrying the route descriptors and the glue that extracts the
//! arguments. `routes![…]` gathers the companions into the static table,
//! built by `const fn` while the crate compiles.
#![forbid(unsafe_code)]

mod attr;
mod emit;
mod handler;
mod routes;

use proc_macro::TokenStream;

macro_rules! method_attr {
    ($(#[$doc:meta])* $name:ident, $method:literal) => {
        $(#[$doc])*
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            attr::expand(Some($method), args.into(), item.into()).into()
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
    attr::expand(None, args.into(), item.into()).into()
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
#[proc_macro]
pub fn routes(input: TokenStream) -> TokenStream {
    routes::expand(input.into()).into()
}
