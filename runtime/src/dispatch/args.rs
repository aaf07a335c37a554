//! What a handler's arguments and return value must be, as traits whose
//! errors say so in the user's terms: a path parameter (`IntParam`,
//! `FloatParam`, `PathParam`), an extractor from the request head
//! (`PartsArg`) or of the whole request (`BodyArg`), and a return value
//! that becomes a response (`HandlerReturn`). The generated code names
//! them through `__private`.

use core::future::Future;

use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::Request;

use crate::dispatch::params::ParamError;

/// Integer types an `int` converter can fill; their range narrows the
/// converter, so a value the type cannot hold does not match the route.
#[diagnostic::on_unimplemented(
    message = "the `int` converter needs an integer argument, not `{Self}`",
    label = "not a primitive integer type",
    note = "use u8 … u128, i8 … i128, usize or isize, or drop `int:` to parse the value with `FromStr`"
)]
pub trait IntParam {
    /// The smallest value.
    const MIN: i128;
    /// The largest value (clamped to `i128::MAX` for `u128`).
    const MAX: i128;
}

macro_rules! int_param {
    ($($t:ident),*) => {
        $(
            impl IntParam for $t {
                const MIN: i128 = <$t>::MIN as i128;
                const MAX: i128 = if (<$t>::MAX as u128) > i128::MAX as u128 {
                    i128::MAX
                } else {
                    <$t>::MAX as i128
                };
            }
        )*
        /// The types that implement [`IntParam`], by name: a test checks
        /// that they are the grammar's `INT_TYPES`, which the route macros
        /// read.
        ///
        /// ```
        /// assert!(flaxum::__private::INT_TYPES.contains(&"u64"));
        /// ```
        pub const INT_TYPES: &[&str] = &[$(stringify!($t)),*];
    };
}
int_param!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

/// Types a `float` converter can fill.
#[diagnostic::on_unimplemented(
    message = "the `float` converter needs an `f32` or `f64` argument, not `{Self}`",
    label = "not a float type"
)]
pub trait FloatParam {
    /// Used at the argument's type, so a wrong type is reported there.
    const OK: () = ();
}
impl FloatParam for f32 {}
impl FloatParam for f64 {}

/// Argument types a path parameter can be parsed into (through `FromStr`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot receive a path parameter",
    label = "this argument is named like a path parameter",
    note = "a path parameter is received by a type that implements `FromStr` (integers, floats, `String`, `Uuid`, …), or by `&str` or `Cow<str>`, borrowed from the path"
)]
pub trait PathParam: Sized {
    /// Parses the decoded value.
    fn parse_param(value: &str, name: &'static str) -> Result<Self, ParamError>;
}

#[diagnostic::do_not_recommend]
impl<T: core::str::FromStr> PathParam for T {
    fn parse_param(value: &str, name: &'static str) -> Result<Self, ParamError> {
        crate::dispatch::params::from_str(value, name)
    }
}

/// Arguments that are not path parameters and do not read the body: taken
/// from the request head.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be taken from the request head of an app whose state is `{S}`",
    label = "not a path parameter of this route, and not an extractor for this app",
    note = "an argument named like a path parameter receives it; any other argument must implement axum's `FromRequestParts<{S}>` (`State`, `Query`, `HeaderMap`, …)",
    note = "`State<T>` needs `.with_state(…)` with a `T`, or with a state that `T` implements `FromRef` for; without `with_state`, the state is `()`",
    note = "an argument that consumes the body (`Json`, `Form`, `String`, `Bytes`, …) must be the last one; a type of your own that implements `FromRequest` is marked `#[body]` there"
)]
pub trait PartsArg<S>: Sized {
    /// Extracts the argument, or the rejection as a response.
    fn extract<'a>(
        parts: &'a mut Parts,
        state: &'a S,
    ) -> impl Future<Output = Result<Self, Response>> + Send + 'a;
}

#[diagnostic::do_not_recommend]
impl<T, S> PartsArg<S> for T
where
    T: FromRequestParts<S>,
    S: Send + Sync,
{
    // Not an `async fn`: that would need `T: 'a`, which the bound cannot say.
    #[allow(clippy::manual_async_fn)]
    fn extract<'a>(
        parts: &'a mut Parts,
        state: &'a S,
    ) -> impl Future<Output = Result<Self, Response>> + Send + 'a {
        async move {
            T::from_request_parts(parts, state)
                .await
                .map_err(IntoResponse::into_response)
        }
    }
}

/// The last argument when it reads the body (`Json`, `Form`, `FormData`,
/// `String`, `Bytes`, `Request`, …, or an argument marked `#[body]`): anything axum
/// can extract with `FromRequest`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be extracted from the request body in an app whose state is `{S}`",
    label = "the last argument reads the request body here",
    note = "an argument named like a path parameter receives it; the last argument, when it is `Json`, `Form`, `String`, `Bytes`, `Request`, `Body`, `Multipart`, `RawForm` or `FormData` (or is marked `#[body]`), must implement axum's `FromRequest`; any other must implement `FromRequestParts`"
)]
pub trait BodyArg<S>: Sized {
    /// Extracts the argument, or the rejection as a response.
    fn extract(
        req: Request<Body>,
        state: &S,
    ) -> impl Future<Output = Result<Self, Response>> + Send + '_;
}

#[diagnostic::do_not_recommend]
impl<T, S> BodyArg<S> for T
where
    T: FromRequest<S>,
    S: Send + Sync,
{
    // Not an `async fn`: that would need `T: 'a`.
    #[allow(clippy::manual_async_fn)]
    fn extract(
        req: Request<Body>,
        state: &S,
    ) -> impl Future<Output = Result<Self, Response>> + Send + '_ {
        async move {
            T::from_request(req, state)
                .await
                .map_err(IntoResponse::into_response)
        }
    }
}

/// The response of a handler's return value.
#[diagnostic::on_unimplemented(
    message = "a handler cannot return `{Self}`",
    label = "the return type must implement axum's `IntoResponse`",
    note = "return a `String`, `&'static str`, `Json<T>`, `(StatusCode, T)`, `Response`, `Result<T, E>` of such types, …"
)]
pub trait HandlerReturn {
    /// The response.
    fn into_response(self) -> Response;
}

#[diagnostic::do_not_recommend]
impl<T: IntoResponse> HandlerReturn for T {
    fn into_response(self) -> Response {
        IntoResponse::into_response(self)
    }
}
