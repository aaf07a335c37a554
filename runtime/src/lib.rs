//! flaxum: Flask's routing syntax, checked by the compiler, on a static
//! perfect-hashed routing table, served by axum.
//!
//! ```
//! use flaxum::{get, post, routes, App};
//!
//! #[get("/")]
//! async fn index() -> &'static str {
//!     "Hello, World!"
//! }
//!
//! #[get("/users/<int:id>")]
//! async fn user(id: u64) -> String {
//!     format!("user {id}")
//! }
//!
//! #[post("/users")]
//! async fn create(body: String) -> (http::StatusCode, String) {
//!     (http::StatusCode::CREATED, body)
//! }
//!
//! let app = App::new(routes![index, user, create]);
//! assert_eq!(app.table().routes().len(), 3);
//! // flaxum::serve("127.0.0.1:5000", app).await?;
//! ```
// No `unsafe` but in `table/unchecked.rs` (one union read),
// `item/text.rs` (joined strings used as `&str`) and `item/slice.rs` (a
// checked slice of a `&str`), which allow it; their docs give the
// invariant and the compile-time figure.
#![deny(unsafe_code)]

mod app;
mod blueprint;
mod bytes;
#[cfg(feature = "sessions")]
pub mod config;
mod dispatch;
mod error;
#[cfg(feature = "form")]
pub mod form;
mod item;
pub mod middleware;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod route;
mod server;
#[cfg(feature = "sessions")]
pub mod session;
#[cfg(feature = "static-files")]
pub mod static_files;
pub mod table;
#[cfg(feature = "templates")]
pub mod templates;
#[cfg(feature = "test-client")]
pub mod test;
mod url;

#[doc(hidden)]
pub mod __private;

pub use app::{App, AppService, Core, Routes, RoutesTable};
pub use dispatch::params::ParamError;
pub use error::{abort, raise, redirect, BeforeReturn, HttpError, IntoStatus};
pub use flaxum_macros::{
    after_request, before_request, blueprint, delete, errorhandler, get, head, middleware, options,
    patch, post, put, route, routes, url_for,
};
#[cfg(feature = "form")]
pub use form::{FormData, FormDataRejection};
pub use middleware::Next;
pub use route::custom::{Matches, UrlConverter};
pub use route::method::{self, Methods};
pub use server::{serve, Server};
#[cfg(feature = "templates")]
pub use templates::render_template;
