//! The glue between a matched route and its handler: each argument taken
//! from the request, then the handler called.
//!
//! It is written once here, generic over the handler and one marker type
//! per argument ([`Int`], [`Parse`], [`Convert`], [`Head`], [`Last`]), for every arity
//! up to 16. A route attribute only names the markers, so the compiler
//! checks this code once, not once per handler. Handlers that borrow a
//! path parameter (`&str`, `Cow<str>`) get glue generated for them
//! instead: a borrowed argument ties the handler's future to the request,
//! which no generic function over `FnOnce` can express.
//!
//! Where a parameter is among a route's parameters is read from the
//! handler's `ITEM` (one byte a parameter); a pass that does not call the
//! handler (an early answer, the automatic `OPTIONS`) is answered here
//! too, so the generated `call` is one call of [`call`].

use core::future::Future;
use core::marker::PhantomData;
use std::borrow::Cow;
use std::str::FromStr;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::Request;

use super::params::{self, ParamError};
use super::{Call, HandlerFuture, Item};
use crate::dispatch::args::{BodyArg, HandlerReturn, PartsArg, PathParam};
use crate::item::read::{param_name, place_of};
use crate::route::custom::UrlConverter;
use crate::table::Match;

/// What the first pass over the arguments reads: the path parameters.
pub struct Route<'a> {
    path: &'a str,
    m: &'a Match,
    def: usize,
    /// The handler's item (`flaxum::item`), where its parameters are.
    item: &'static str,
}

impl Route<'_> {
    /// The decoded value of parameter argument `k`. The argument's name,
    /// which only a refusal shows, is read from the item then.
    #[inline]
    fn value(&self, k: usize) -> Result<Cow<'_, str>, ParamError> {
        let (index, catch_all) = place_of(self.item, self.def, k);
        let raw = params::raw(self.path, self.m, index);
        let decoded = if catch_all {
            params::decode_catch_all(raw, "")
        } else {
            params::decode(raw, "")
        };
        decoded.map_err(|e| e.named(param_name(self.item, k)))
    }

    /// The name of parameter argument `k`.
    #[cold]
    fn name(&self, k: usize) -> &'static str {
        param_name(self.item, k)
    }
}

/// What the second pass takes the extractors from.
pub struct Rest<S> {
    parts: Parts,
    body: Option<Body>,
    state: S,
}

/// How a handler argument is taken from the request. Path parameters are
/// read first, in order, then the extractors run in order, as axum runs
/// them.
pub trait Arg<S>: 'static {
    /// The argument.
    type Value: Send;
    /// What the first pass found: the parameter's value, or nothing.
    type Early: Send;
    /// The first pass.
    fn early(route: &Route<'_>) -> Result<Self::Early, ParamError>;
    /// The second pass.
    fn late(
        early: Self::Early,
        req: &mut Rest<S>,
    ) -> impl Future<Output = Result<Self::Value, Response>> + Send + '_;
}

/// A path parameter received by a primitive integer: digits only, no
/// `+`, no overflow. `K` is its place among the handler's parameters.
pub struct Int<T, const K: usize>(PhantomData<fn() -> T>);

/// A path parameter received through `FromStr`.
pub struct Parse<T, const K: usize>(PhantomData<fn() -> T>);

/// A path parameter received by a custom converter (`UrlConverter`).
pub struct Convert<T, const K: usize>(PhantomData<fn() -> T>);

/// An extractor from the request head (`FromRequestParts`).
pub struct Head<T>(PhantomData<fn() -> T>);

/// The last argument when it reads the body (`FromRequest`).
pub struct Last<T>(PhantomData<fn() -> T>);

impl<S, T, const K: usize> Arg<S> for Int<T, K>
where
    T: FromStr + Send + 'static,
{
    type Value = T;
    type Early = T;

    #[inline]
    fn early(r: &Route<'_>) -> Result<T, ParamError> {
        let value = r.value(K)?;
        params::int::<T>(&value, "").map_err(|e| e.named(r.name(K)))
    }

    #[inline]
    fn late(early: T, _: &mut Rest<S>) -> impl Future<Output = Result<T, Response>> + Send {
        core::future::ready(Ok(early))
    }
}

impl<S, T, const K: usize> Arg<S> for Parse<T, K>
where
    T: PathParam + Send + 'static,
{
    type Value = T;
    type Early = T;

    #[inline]
    fn early(r: &Route<'_>) -> Result<T, ParamError> {
        let value = r.value(K)?;
        T::parse_param(&value, "").map_err(|e| e.named(r.name(K)))
    }

    #[inline]
    fn late(early: T, _: &mut Rest<S>) -> impl Future<Output = Result<T, Response>> + Send {
        core::future::ready(Ok(early))
    }
}

impl<S, T, const K: usize> Arg<S> for Convert<T, K>
where
    T: UrlConverter + Send + 'static,
{
    type Value = T;
    type Early = T;

    #[inline]
    fn early(r: &Route<'_>) -> Result<T, ParamError> {
        let value = r.value(K)?;
        params::convert::<T>(&value, "").map_err(|e| e.named(r.name(K)))
    }

    #[inline]
    fn late(early: T, _: &mut Rest<S>) -> impl Future<Output = Result<T, Response>> + Send {
        core::future::ready(Ok(early))
    }
}

impl<S, T> Arg<S> for Head<T>
where
    S: Send + Sync + 'static,
    T: PartsArg<S> + Send + 'static,
{
    type Value = T;
    type Early = ();

    #[inline]
    fn early(_: &Route<'_>) -> Result<(), ParamError> {
        Ok(())
    }

    #[inline]
    fn late(_: (), req: &mut Rest<S>) -> impl Future<Output = Result<T, Response>> + Send + '_ {
        T::extract(&mut req.parts, &req.state)
    }
}

impl<S, T> Arg<S> for Last<T>
where
    S: Send + Sync + 'static,
    T: BodyArg<S> + Send + 'static,
{
    type Value = T;
    type Early = ();

    #[inline]
    fn early(_: &Route<'_>) -> Result<(), ParamError> {
        Ok(())
    }

    #[inline]
    fn late(_: (), req: &mut Rest<S>) -> impl Future<Output = Result<T, Response>> + Send + '_ {
        // The last argument: nothing reads the head after it.
        let parts = core::mem::replace(&mut req.parts, Request::new(()).into_parts().0);
        let body = req.body.take().unwrap_or_default();
        T::extract(Request::from_parts(parts, body), &req.state)
    }
}

/// A handler whose arguments are taken as the markers `A` say.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be called with the arguments its route attribute found",
    note = "a route handler is an `async fn` whose arguments are path parameters or axum extractors, and whose future is `Send`"
)]
pub trait Glue<S, A>: Sized {
    /// What the handler returns.
    type Output;
    /// Takes the arguments from the request, calls the handler, and makes
    /// its output the response with `finish`.
    fn glue(
        self,
        item: &'static str,
        call: Call<S>,
        finish: fn(Self::Output) -> Response,
    ) -> HandlerFuture;
}

macro_rules! glue {
    ($($a:ident $e:ident $v:ident),*) => {
        impl<S, F, Fut, $($a,)*> Glue<S, ($($a,)*)> for F
        where
            S: Clone + Send + Sync + 'static,
            F: FnOnce($($a::Value),*) -> Fut + Send + 'static,
            Fut: Future + Send + 'static,
            $($a: Arg<S>,)*
        {
            type Output = Fut::Output;

            #[allow(unused_variables, unused_mut)]
            fn glue(
                self,
                item: &'static str,
                call: Call<S>,
                finish: fn(Fut::Output) -> Response,
            ) -> HandlerFuture {
                let (def, req, m, state) = call.open();
                let route = Route {
                    path: params::routed_path(&req),
                    m: &m,
                    def,
                    item,
                };
                $(
                    let $e = match $a::early(&route) {
                        Ok(v) => v,
                        Err(e) => return Box::pin(core::future::ready(IntoResponse::into_response(e))),
                    };
                )*
                // Taken apart before the future is made: a request the
                // future took apart itself would be held in it twice (once
                // as captured, once in parts), and copied into its box so.
                let (parts, body) = req.into_parts();
                let mut req = Rest { parts, body: Some(body), state };
                Box::pin(async move {
                    $(
                        let $v = match $a::late($e, &mut req).await {
                            Ok(v) => v,
                            Err(res) => return res,
                        };
                    )*
                    finish(self($($v),*).await)
                })
            }
        }
    };
}

glue!();
glue!(A1 e1 v1);
glue!(A1 e1 v1, A2 e2 v2);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8, A9 e9 v9);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8, A9 e9 v9, A10 e10 v10);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8, A9 e9 v9, A10 e10 v10, A11 e11 v11);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8, A9 e9 v9, A10 e10 v10, A11 e11 v11, A12 e12 v12);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8, A9 e9 v9, A10 e10 v10, A11 e11 v11, A12 e12 v12, A13 e13 v13);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8, A9 e9 v9, A10 e10 v10, A11 e11 v11, A12 e12 v12, A13 e13 v13, A14 e14 v14);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8, A9 e9 v9, A10 e10 v10, A11 e11 v11, A12 e12 v12, A13 e13 v13, A14 e14 v14, A15 e15 v15);
glue!(A1 e1 v1, A2 e2 v2, A3 e3 v3, A4 e4 v4, A5 e5 v5, A6 e6 v6, A7 e7 v7, A8 e8 v8, A9 e9 v9, A10 e10 v10, A11 e11 v11, A12 e12 v12, A13 e13 v13, A14 e14 v14, A15 e15 v15, A16 e16 v16);

/// Takes the arguments of handler `f` as the markers `A` say and calls it:
/// what a route attribute's glue is, for handlers without borrowed
/// parameters. `item` is the handler's `ITEM`, where its parameters are.
/// `finish` is [`finish`], named by the attribute at the handler's return
/// type, so that a type that is no response is reported there. A pass
/// that does not call the handler (an early answer, the automatic
/// `OPTIONS`) gets its answer instead.
#[inline]
pub fn call<S, A, F: Glue<S, A>>(
    f: F,
    item: &'static str,
    mut call: Call<S>,
    finish: fn(F::Output) -> Response,
) -> HandlerFuture {
    if let Some(res) = call.answered() {
        return res;
    }
    f.glue(item, call, finish)
}

/// The glue of a handler that borrows a path parameter (its attribute's
/// `__call`), or the answer of a pass that does not call it.
#[inline]
pub fn call_borrowing<S, Fut>(mut call: Call<S>, glue: fn(Call<S>) -> Fut) -> HandlerFuture
where
    Fut: Future<Output = Response> + Send + 'static,
{
    if let Some(res) = call.answered() {
        return res;
    }
    Box::pin(glue(call))
}

/// A handler's middleware chain `C`, or the answer of a pass that does not
/// call the handler: that answer skips the route's middleware.
#[inline]
pub fn chain<S, C: Item<S>>(mut call: Call<S>) -> HandlerFuture {
    if let Some(res) = call.answered() {
        return res;
    }
    C::call(call)
}

/// The response of a handler's output.
#[inline]
pub fn finish<T: HandlerReturn>(output: T) -> Response {
    output.into_response()
}
