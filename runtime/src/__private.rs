//! What the generated code of the macros uses. Not part of the API: names
//! and shapes change without notice. Generated code reaches every runtime
//! item through this one module, never through the user's imports.

pub use core::future::Future;

pub use crate::app::dispatch::{
    which, Bare, Call, Glued, HandlerFuture, Item, NoHandlers, Prepared,
};
pub use crate::app::glue::{call, finish, Glue, Head, Int, Last, Parse, Place, Spec};
pub use crate::app::params::{
    decode, decode_catch_all, int, raw, routed_path, routed_uri, ParamError,
};
pub use crate::app::Routes;
pub use crate::hooks::{raised_status, take_raised, BeforeReturn, HttpError};
pub use crate::method::Methods;
pub use crate::middleware::{Layer, Middleware, Next, Run};
pub use crate::mount::{
    byte_count, bytes, defs, leaf_count, owners as mount_owners, route_count, segment_count,
    segments, ItemDef, Mount,
};
pub use crate::route::{Converter, RouteDef, Segment};
pub use crate::table::{Match, Table};
pub use crate::url::{
    kind, url_arg, url_route, Float, Mounted, ParamAt, Probe, Query, Render, Text, UrlFor,
    ViaMounted, ViaRoot,
};
pub use axum::body::Body;
pub use axum::extract::{FromRequest, FromRequestParts};
pub use axum::response::{IntoResponse, Response};
pub use core::marker::PhantomData;
pub use http::request::Parts;
pub use http::Request;
pub use http::{StatusCode, Uri};
pub use std::boxed::Box;

/// What the app's state must be for the generated code: the bounds of
/// `App::with_state`, in one name.
pub trait State: Clone + Send + Sync + 'static {}

impl<T: Clone + Send + Sync + 'static> State for T {}

/// A route as a route attribute declares it before filling in its own
/// fields (`RouteDef { methods, path, …, ..ROUTE }`): strict slashes, no
/// blueprint, no middleware.
pub const ROUTE: RouteDef = RouteDef::new(Methods::GET, "", &[], "");

/// `<int:…>` with no arguments, for a `u8` argument.
pub const INT_U8: Converter = Converter::int(None, None, 0, false).within(0, u8::MAX as i128);
/// `<int:…>` with no arguments, for a `u16` argument.
pub const INT_U16: Converter = Converter::int(None, None, 0, false).within(0, u16::MAX as i128);
/// `<int:…>` with no arguments, for a `u32` argument.
pub const INT_U32: Converter = Converter::int(None, None, 0, false).within(0, u32::MAX as i128);

/// The routes of all handlers, in order: the table's route indices.
pub const fn concat<const N: usize>(items: &[ItemDef]) -> [RouteDef; N] {
    let mut out = [RouteDef::new(Methods::GET, "", &[], ""); N];
    let mut k = 0;
    let mut i = 0;
    while i < items.len() {
        let mut j = 0;
        while j < items[i].defs.len() {
            out[k] = items[i].defs[j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

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
    ($($t:ty),*) => {$(
        impl IntParam for $t {
            const MIN: i128 = <$t>::MIN as i128;
            const MAX: i128 = if (<$t>::MAX as u128) > i128::MAX as u128 {
                i128::MAX
            } else {
                <$t>::MAX as i128
            };
        }
    )*};
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
        crate::app::params::from_str(value, name)
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

/// The last argument when it reads the body (`Json`, `Form`, `String`,
/// `Bytes`, `Request`, …, or an argument marked `#[body]`): anything axum
/// can extract with `FromRequest`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be extracted from the request body in an app whose state is `{S}`",
    label = "the last argument reads the request body here",
    note = "an argument named like a path parameter receives it; the last argument, when it is `Json`, `Form`, `String`, `Bytes`, `Request`, `Body`, `Multipart` or `RawForm` (or is marked `#[body]`), must implement axum's `FromRequest`; any other must implement `FromRequestParts`"
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

/// The error a status handler takes: `HttpError` or `StatusCode`.
pub fn error_arg<T: From<HttpError>>(e: HttpError) -> T {
    T::from(e)
}

/// The future of a function whose output becomes the response, without a
/// wrapping `async` block (which would hold the function's arguments twice).
pub fn respond<F>(f: F) -> impl Future<Output = Response> + Send + 'static
where
    F: Future + Send + 'static,
    F::Output: HandlerReturn,
{
    futures_util::FutureExt::map(f, HandlerReturn::into_response)
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
