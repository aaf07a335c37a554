//! What the generated code of the macros uses. Not part of the API: names
//! and shapes change without notice. Generated code reaches every runtime
//! item through this one module, never through the user's imports.

pub use core::future::Future;

pub use crate::app::Routes;
pub use crate::blueprint::Owner;
pub use crate::dispatch::args::{
    BodyArg, FloatParam, HandlerReturn, IntParam, PartsArg, PathParam, INT_TYPES,
};
pub use crate::dispatch::glue::{
    call, call_borrowing, chain, finish, Convert, Glue, Head, Int, Last, Parse,
};
pub use crate::dispatch::params::{
    convert, decode, decode_catch_all, int, raw, routed_path, routed_uri, ParamError,
};
pub use crate::dispatch::{
    Bare, Call, Glued, HandlerFuture, Hook, Item, NoHandlers, Pass, Prepared, Within,
};
pub use crate::error::{
    defer, is_raised, raised_status, run_waiting, settle, take_raised, take_waiting, BeforeReturn,
    HttpError, Waiting,
};
pub use crate::item::{
    blueprint_len, check, counts, int_bounds, leaf_count, matches_len, owners, route_defs,
    segments, texts, which, words, zigzag, Checked, Counts, ItemRoute, Joined, Root,
};
pub use crate::item::{url_arg, url_route};
pub use crate::middleware::{Layer, Middleware, Next, Run};
#[cfg(feature = "openapi")]
pub use crate::openapi::{
    Described, Look, NoInput, NoOutput, NoSchema, Operation, ViaInput, ViaOutput, ViaSchema,
};
pub use crate::route::custom::{Matches, UrlConverter};
pub use crate::route::method::Methods;
pub use crate::route::{Converter, RouteDef, Segment};
#[cfg(feature = "static-files")]
pub use crate::static_files::StaticRoute;
pub use crate::table::{BuildError, Match, Table, Unchecked};
pub use crate::url::{
    kind, Converted, Float, Mounted, ParamAt, Probe, Query, Render, Text, UrlFor, ViaMounted,
    ViaRoot, NOT_A_PARAM,
};
pub use axum::body::Body;
pub use axum::extract::{FromRequest, FromRequestParts};
pub use axum::response::{IntoResponse, Response};
pub use core::marker::PhantomData;
pub use http::request::Parts;
pub use http::Request;
pub use http::{StatusCode, Uri};
pub use std::boxed::Box;

/// Whether custom converter `T` is the one a route names `name`: true,
/// or a compile error saying so (the route attribute evaluates it).
pub const fn converter_named<T: UrlConverter>(name: &str) -> bool {
    if !crate::bytes::eq(T::NAME.as_bytes(), name.as_bytes()) {
        panic!("the route names its converter otherwise than the argument's type does: the name in `<name:…>` must be the type's `UrlConverter::NAME`");
    }
    true
}

/// What the app's state must be for the generated code: the bounds of
/// `App::with_state`, in one name.
pub trait State: Clone + Send + Sync + 'static {}

impl<T: Clone + Send + Sync + 'static> State for T {}

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

/// The constants of an app that `routes!` checked, in a generic type whose
/// sizes are its const parameters (`$alias` names it at the check's
/// sizes): the decoded routes (`ROUTES`), the table (`TABLE`), who answers
/// each route (`OWNERS`) and which item holds each handler (`WHICH`).
///
/// The compiler evaluates a generic type's associated constants only to
/// generate code, so `cargo check` never builds the table; the check (the
/// free constant `$check`) finds every route mistake first. The sizes are
/// parameters rather than expressions of `$check` inside the impl: there,
/// the compiler would evaluate `$check` a second time, under the impl's
/// generic parameters.
#[doc(hidden)]
#[macro_export]
macro_rules! __app_table {
    ($host:ident, $alias:ident, $items:ident, $root:ident, $check:ident, $ok:expr) => {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        struct $host<
            const OK: bool,
            const R: usize,
            const L: usize,
            const NW: usize,
            const NS: usize,
            const NT: usize,
            const CP: usize,
            const CN: usize,
            const CS: usize,
            const NN: usize,
            const NE: usize,
            const NSL: usize,
            const ND: usize,
            const NP: usize,
            const NEND: usize,
            const NWH: usize,
            const NWS: usize,
            const NWD: usize,
        >;

        impl<
                const OK: bool,
                const R: usize,
                const L: usize,
                const NW: usize,
                const NS: usize,
                const NT: usize,
                const CP: usize,
                const CN: usize,
                const CS: usize,
                const NN: usize,
                const NE: usize,
                const NSL: usize,
                const ND: usize,
                const NP: usize,
                const NEND: usize,
                const NWH: usize,
                const NWS: usize,
                const NWD: usize,
            > $host<OK, R, L, NW, NS, NT, CP, CN, CS, NN, NE, NSL, ND, NP, NEND, NWH, NWS, NWD>
        {
            /// The items, or none after a route mistake (which the check
            /// reports), so that nothing here fails too.
            const ITEMS: &'static [&'static str] = if OK { &$items } else { &[] };
            /// The words of the `any` converters.
            const WORDS: [&'static str; NW] = $crate::__private::words(Self::ITEMS);
            /// The routes' segments, each blueprint's prefix first.
            const SEGS: [$crate::__private::Segment; NS] =
                $crate::__private::segments(Self::ITEMS, &Self::WORDS);
            /// The routes' texts joined under blueprints.
            const TEXT: $crate::__private::Joined<NT> =
                $crate::__private::texts($root, Self::ITEMS);
            /// The routes, one after another.
            const ROUTES: [$crate::__private::RouteDef; R] =
                $crate::__private::route_defs($root, Self::ITEMS, &Self::SEGS, Self::TEXT.as_str());
            /// For each route, the handler that answers it.
            const OWNERS: [$crate::__private::Owner; R] = $crate::__private::owners(Self::ITEMS);
            /// For each handler, by number, the item that holds it.
            const WHICH: [$crate::__private::Within; L] = $crate::__private::which(Self::ITEMS);
            /// The table in the builder's arrays.
            const RESULT: $crate::table::Unchecked<
                ::core::result::Result<$crate::table::Built<CP, CN, CS>, $crate::table::BuildError>,
            > = $crate::table::Unchecked::new($crate::table::try_build_in_caps(
                &Self::ROUTES,
                $crate::table::BuildOptions {
                    strict_slashes: $root.strict_slashes,
                },
            ));
            /// The table in arrays of the sizes the check gave.
            const EXACT: $crate::table::Unchecked<
                $crate::table::Exact<NN, NE, NSL, ND, NP, NEND, NWH, NWS, NWD, R>,
            > = $crate::table::Unchecked::new($crate::table::exact_of(
                Self::RESULT.get(),
                $crate::table::Sizes {
                    nodes: NN,
                    edges: NE,
                    slots: NSL,
                    disps: ND,
                    params: NP,
                    ends: NEND,
                    whole: NWH,
                    whole_slots: NWS,
                    whole_disps: NWD,
                    order: R,
                },
            ));
            /// The routing table.
            const TABLE: $crate::table::Table = Self::EXACT.get().table();
        }

        /// The app's constants at its sizes.
        #[allow(non_camel_case_types)]
        type $alias = $host<
            { $ok },
            { $check.routes },
            { $check.leaves },
            { $check.words },
            { $check.segments },
            { $check.text },
            { $check.caps.patterns },
            { $check.caps.nodes },
            { $check.caps.slots },
            { $check.sizes.nodes },
            { $check.sizes.edges },
            { $check.sizes.slots },
            { $check.sizes.disps },
            { $check.sizes.params },
            { $check.sizes.ends },
            { $check.sizes.whole },
            { $check.sizes.whole_slots },
            { $check.sizes.whole_disps },
        >;
    };
}
