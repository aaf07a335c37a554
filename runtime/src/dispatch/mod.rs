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
    /// (404, 405, a redirect): the app-wide middleware runs around it. With
    /// a [`Pass`] other than `Normal`, the answer the handler's place gives
    /// instead of calling the handler.
    pub answer: Option<Response>,
    /// How this call goes through the route's chain.
    pub pass: Pass,
    /// Whether an `#[errorhandler]` of the route's levels is outside the
    /// current place in its chain: a raised error may still be answered
    /// there, so the `after_request` functions it passes wait for that
    /// answer (`error::defer`).
    pub catching: bool,
}

/// How a call goes through a route's chain. Flask runs every
/// `before_request` function from the app inward, then the view; what
/// comes out goes through the nearest error handler and then through the
/// `after_request` functions of every level of the route, the innermost
/// first. A response made on the way in (an early answer, the automatic
/// `OPTIONS`) is sent down the same chain with its pass saying what runs,
/// so that the levels inside it see it on the way out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// A request on its way to the handler.
    Normal,
    /// The automatic `OPTIONS` answer of a route, at the app's level: the
    /// app's middleware and the hooks run, and the handler's place gives
    /// the answer.
    Options,
    /// The automatic `OPTIONS` answer inside a blueprint: only the hooks
    /// run (a blueprint's middleware wraps its handlers, which do not run).
    OptionsNested,
    /// A response a `before_request` function gave: only the error
    /// handlers and `after_request` functions inside it run.
    Answered,
}

impl Pass {
    /// Whether a function of kind `hook` is left out of this pass.
    #[inline]
    pub(crate) fn skips(self, hook: Hook) -> bool {
        match self {
            Pass::Normal | Pass::Options => false,
            Pass::OptionsNested => hook == Hook::Middleware,
            Pass::Answered => matches!(hook, Hook::Middleware | Hook::Before),
        }
    }
}

/// What a function in a route's chain is: a `#[middleware]` or one of
/// Flask's hooks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hook {
    /// `#[middleware]`.
    Middleware,
    /// `#[before_request]`.
    Before,
    /// `#[after_request]`.
    After,
    /// `#[errorhandler]`.
    Error,
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
            pass: Pass::Normal,
            catching: false,
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
            pass: Pass::Normal,
            catching: false,
        }
    }

    /// The chain of route `handler`, `def`, with `answer`, the automatic
    /// `OPTIONS` response, in the handler's place.
    pub(crate) fn options(
        handler: usize,
        def: usize,
        req: Request<Body>,
        m: Match,
        state: S,
        answer: Response,
    ) -> Self {
        Call {
            answer: Some(answer),
            pass: Pass::Options,
            ..Call::new(handler, def, req, m, state)
        }
    }

    /// The same call, entering a blueprint's chain.
    #[inline]
    pub fn nested(self) -> Self {
        match self.pass {
            Pass::Options => Call {
                pass: Pass::OptionsNested,
                ..self
            },
            _ => self,
        }
    }

    /// At a handler's place: the answer of a pass that does not call the
    /// handler, or `None` to call it.
    #[inline]
    pub fn answered(&mut self) -> Option<HandlerFuture> {
        if self.pass == Pass::Normal {
            return None;
        }
        let res = self.answer.take()?;
        Some(Box::pin(core::future::ready(res)))
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
