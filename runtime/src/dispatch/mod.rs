//! From a matched route to its handler's future.
//!
//! Every handler and every blueprint is an [`Item`] of its app: a type with
//! one function, `call`, that starts the handler a [`Call`] names and
//! returns its future, boxed. The route set that `routes!` builds is an
//! `Item` too, a `match` over its items. None of these types depends on
//! the app's state until `with_state` names it, so `App::new(routes![…])`
//! is an ordinary type, and the app's future is always [`HandlerFuture`].
//!
//! Boxing costs one allocation per request (and one per middleware). In
//! exchange no type grows with the number of routes, which is what made
//! every `cargo check` of a large app slow: see BENCHMARKS.md, "Compile
//! time".

pub(crate) mod args;
pub(crate) mod glue;
pub(crate) mod params;
pub(crate) mod respond;

use core::future::Future;
use core::pin::Pin;

use axum::body::Body;
use axum::response::Response;
use http::{Request, Uri};

use crate::dispatch::params::RoutedUri;
use crate::table::Match;

/// The future of any handler, middleware chain or blueprint.
pub type HandlerFuture = Pin<Box<dyn Future<Output = Response> + Send + 'static>>;

/// One request on its way to a handler.
pub struct Call<S> {
    /// Which handler of the item, counted from 0 across its handlers.
    pub handler: usize,
    /// Which route of that handler.
    pub def: usize,
    /// The request.
    pub req: Request<Body>,
    /// What the matcher found.
    pub m: Match,
    /// The app's state.
    pub state: S,
    /// The URI the route was matched on, once a middleware has run (it may
    /// have changed the request's).
    pub routed: Option<Uri>,
    /// The response flaxum prepared, for a request that no route answers
    /// (404, 405, a redirect): the app-wide middleware runs around it.
    pub answer: Option<Response>,
}

impl<S> Call<S> {
    /// A call of handler `handler`, route `def`, for a request matched now.
    pub fn new(handler: usize, def: usize, req: Request<Body>, m: Match, state: S) -> Self {
        Call {
            handler,
            def,
            req,
            m,
            state,
            routed: None,
            answer: None,
        }
    }

    /// The app-wide middleware around `answer`, which flaxum prepared.
    pub(crate) fn prepared(req: Request<Body>, state: S, answer: Response) -> Self {
        Call {
            handler: 0,
            def: 0,
            req,
            m: Match::NONE,
            state,
            routed: None,
            answer: Some(answer),
        }
    }

    /// The same call, for handler `handler` of an inner item.
    #[inline]
    pub fn to(self, handler: usize) -> Self {
        Call { handler, ..self }
    }

    /// What the handler's glue needs: the route, the request (which
    /// remembers the URI it was matched on when a middleware changed it),
    /// the match and the state.
    #[inline]
    pub fn open(self) -> (usize, Request<Body>, Match, S) {
        let Call {
            def,
            mut req,
            m,
            state,
            routed,
            ..
        } = self;
        if let Some(uri) = routed {
            let (now, then) = (req.uri().path(), uri.path());
            // A clone shares the buffer: the same pointer unless rewritten.
            if !(core::ptr::eq(now, then) || now == then) {
                req.extensions_mut().insert(RoutedUri(uri));
            }
        }
        (def, req, m, state)
    }
}

/// A route handler (with its middleware) or a blueprint, for an app whose
/// state is `S`. The route attributes, `blueprint!` and `routes!`
/// implement it.
#[diagnostic::on_unimplemented(
    message = "the routes of `{Self}` cannot run in an app whose state is `{S}`",
    label = "some handler, middleware or hook here needs another state",
    note = "a handler that takes `State<T>` needs `.with_state(…)` with a `T` (or with a state that `T` implements `FromRef` for); without `with_state`, the state is `()`"
)]
pub trait Item<S>: 'static {
    /// Whether this is [`Prepared`]: the response flaxum prepared, with no
    /// middleware around it, needs no call.
    const PREPARED: bool = false;

    /// Starts the handler `call` names.
    fn call(call: Call<S>) -> HandlerFuture;
}

/// A handler's glue alone, for a handler with middleware: the route
/// attribute implements it, and the handler's [`Item`] is the chain of
/// [`Layer`](crate::middleware::Layer)s around [`Bare`] of it.
pub trait Glued<S>: 'static {
    /// Takes the arguments and calls the handler.
    fn call(call: Call<S>) -> HandlerFuture;
}

/// The glue of handler `H`, as the innermost item of its chain.
pub struct Bare<H>(core::marker::PhantomData<fn() -> H>);

impl<S, H: Glued<S>> Item<S> for Bare<H> {
    #[inline]
    fn call(call: Call<S>) -> HandlerFuture {
        H::call(call)
    }
}

/// The item of an app without routes: nothing to call.
pub struct NoHandlers;

impl<S: 'static> Item<S> for NoHandlers {
    fn call(_: Call<S>) -> HandlerFuture {
        Box::pin(core::future::ready(crate::dispatch::respond::status(
            http::StatusCode::NOT_FOUND,
        )))
    }
}

/// The response flaxum prepared, at the end of the app-wide chain.
pub struct Prepared;

impl<S: 'static> Item<S> for Prepared {
    const PREPARED: bool = true;

    fn call(call: Call<S>) -> HandlerFuture {
        let res = call.answer.unwrap_or_else(|| {
            crate::dispatch::respond::status(http::StatusCode::INTERNAL_SERVER_ERROR)
        });
        Box::pin(core::future::ready(res))
    }
}

/// Where one handler of a group is: the group's item that holds it, and
/// its index among that item's handlers (an item is a handler, index 0,
/// or a blueprint of several). A group's generated `call` reads it to
/// pass the call on to the item.
///
/// ```
/// use flaxum::__private::Within;
/// let at = Within::find(&[Within { item: 0, handler: 0 }], 5);
/// assert_eq!(at.item, Within::NONE.item);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Within {
    /// The item, by its place in the group's list.
    pub item: u16,
    /// The handler, among the item's handlers.
    pub handler: u16,
}

impl Within {
    /// No item: what a handler number past the group's handlers finds.
    pub const NONE: Within = Within {
        item: u16::MAX,
        handler: 0,
    };

    /// Where handler `handler` is, in a group's `which` table.
    #[inline]
    pub fn find(which: &[Within], handler: usize) -> Within {
        match which.get(handler) {
            Some(&w) => w,
            None => Within::NONE,
        }
    }
}

/// For each handler of `items`, in order, where it is among them.
pub const fn which<const N: usize>(items: &[crate::blueprint::ItemDef]) -> [Within; N] {
    let mut out = [Within::NONE; N];
    let mut k = 0;
    let mut i = 0;
    while i < items.len() {
        let mut j = 0;
        while j < items[i].leaves {
            out[k] = Within {
                item: i as u16,
                handler: j as u16,
            };
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
}
