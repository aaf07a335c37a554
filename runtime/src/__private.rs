//! What the generated code of the macros uses. Not part of the API: names
//! and shapes change without notice. Generated code reaches every runtime
//! item through this one module, never through the user's imports.

pub use core::future::Future;

pub use crate::app::Routes;
pub use crate::blueprint::{
    byte_count, bytes, defs, leaf_count, owners as mount_owners, route_count, segment_count,
    segments, ItemDef, Mount, Owner, Place, Spec,
};
pub use crate::dispatch::args::{
    BodyArg, FloatParam, HandlerReturn, IntParam, PartsArg, PathParam, INT_TYPES,
};
pub use crate::dispatch::glue::{call, finish, Glue, Head, Int, Last, Parse};
pub use crate::dispatch::params::{
    decode, decode_catch_all, int, raw, routed_path, routed_uri, ParamError,
};
pub use crate::dispatch::{
    which, Bare, Call, Glued, HandlerFuture, Hook, Item, NoHandlers, Pass, Prepared, Within,
};
pub use crate::error::{
    defer, is_raised, raised_status, run_waiting, settle, take_raised, take_waiting, BeforeReturn,
    HttpError, Waiting,
};
pub use crate::middleware::{Layer, Middleware, Next, Run};
pub use crate::route::method::Methods;
pub use crate::route::{Converter, RouteDef, Segment};
pub use crate::table::{Match, Table, Unchecked};
pub use crate::url::{
    kind, url_arg, url_route, Float, Mounted, ParamAt, Probe, Query, Render, Text, UrlFor,
    ViaMounted, ViaRoot, NOT_A_PARAM,
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
    let n_items = items.len();
    while i < n_items {
        let mut j = 0;
        let n_defs = items[i].defs.len();
        while j < n_defs {
            out[k] = items[i].defs[j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
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
