//! Middleware: `#[middleware]` functions, composed per route while the
//! crate compiles.
//!
//! A middleware is an `async fn` that takes any extractors, then the
//! request and [`Next`], and returns anything `IntoResponse`:
//!
//! ```
//! use axum::extract::Request;
//! use axum::response::{IntoResponse, Response};
//! use flaxum::{get, middleware, routes, App, Next};
//! use http::{HeaderMap, StatusCode};
//!
//! #[middleware]
//! async fn require_login(headers: HeaderMap, req: Request, next: Next) -> Response {
//!     if headers.contains_key("authorization") {
//!         next.run(req).await
//!     } else {
//!         // Returning without calling `next` stops the chain.
//!         StatusCode::UNAUTHORIZED.into_response()
//!     }
//! }
//!
//! #[get("/admin", middleware = [require_login])]
//! async fn admin() -> &'static str {
//!     "secret"
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use tower::ServiceExt;
//! let app = App::new(routes![admin]);
//! let req = http::Request::get("/admin").body(axum::body::Body::empty()).unwrap();
//! assert_eq!(app.oneshot(req).await.unwrap().status(), 401);
//! # }
//! ```
//!
//! Middleware attach to a route (`middleware = [...]` on its attribute), to
//! a [`blueprint!`](crate::blueprint), or to the whole app (in
//! [`routes!`](crate::routes)). The chain of every route is fixed at compile
//! time, outermost first: the app's, then the blueprints' from the outside
//! in, then the route's, each in the order written. `next.run(req)` is a
//! direct call into the next middleware or the handler: nothing is looked
//! up per request, and each middleware's future is boxed once.
//!
//! Flask's hooks are in the same chain, each level's inside its
//! middleware, and keep Flask's order: a response a `before_request`
//! function gives, or a route's automatic `OPTIONS`, is sent down the rest
//! of the chain in the handler's place (a pass that leaves out the
//! middleware inside it), and an `after_request` function that a raised
//! error reaches waits for the error handler around it to answer, so that
//! every level's `after_request` functions see the final response,
//! innermost first.
//!
//! The route is matched before any of its middleware runs, and its path
//! parameters are read from the path as it was matched, even if a
//! middleware rewrites the request's URI. To rewrite URLs before routing,
//! wrap the app in a tower layer ([`App::layer`](crate::App::layer)).

use core::future::Future;
use core::marker::PhantomData;

use axum::body::Body;
use axum::response::Response;
use http::{Request, Uri};

use crate::dispatch::{Call, HandlerFuture, Hook, Item, Pass};
use crate::table::Match;

/// The rest of a middleware chain: the next middleware, or the handler.
///
/// A `#[middleware]` function takes it as its last argument, written
/// `next: Next`; the attribute fills in the chain's type.
///
/// ```
/// use axum::extract::Request;
/// use axum::response::Response;
///
/// #[flaxum::middleware]
/// async fn timing(req: Request, next: flaxum::Next) -> Response {
///     let start = std::time::Instant::now();
///     let mut res = next.run(req).await;
///     let ms = start.elapsed().as_millis().to_string();
///     res.headers_mut().insert("x-elapsed-ms", ms.parse().unwrap());
///     res
/// }
/// ```
#[must_use = "a middleware stops the chain unless it calls `next.run(req)`"]
pub struct Next<N> {
    inner: N,
}

impl<N: Run> Next<N> {
    /// Runs the rest of the chain on `req`.
    ///
    /// ```
    /// # use axum::{extract::Request, response::Response};
    /// #[flaxum::middleware]
    /// async fn pass(req: Request, next: flaxum::Next) -> Response {
    ///     next.run(req).await
    /// }
    /// ```
    #[inline]
    pub fn run(self, req: Request<Body>) -> N::Future {
        self.inner.run(req)
    }

    #[doc(hidden)]
    #[inline]
    pub fn __new(inner: N) -> Self {
        Next { inner }
    }

    #[doc(hidden)]
    #[inline]
    pub fn __state(&self) -> &N::State {
        self.inner.state()
    }

    /// For an error handler: marks the rest of the chain as having an
    /// error handler around it, and says whether one was there already.
    #[doc(hidden)]
    #[inline]
    pub fn __catch(&mut self) -> bool {
        self.inner.catch()
    }

    /// For an `after_request` function: whether an error handler is
    /// around it.
    #[doc(hidden)]
    #[inline]
    pub fn __catching(&self) -> bool {
        self.inner.catching()
    }

    /// For a `before_request` function that answers: `res` goes down the
    /// rest of the chain in place of the handler's response, through the
    /// error handlers and `after_request` functions inside (Flask runs
    /// those of every level of the route).
    #[doc(hidden)]
    #[inline]
    pub fn __answer(self, req: Request<Body>, res: Response) -> N::Future {
        self.inner.answer(req, res)
    }
}

/// What a [`Next`] runs: the rest of one route's chain. flaxum implements
/// it; a middleware only calls [`Next::run`].
///
/// ```
/// use axum::{extract::Request, response::Response};
///
/// // `next: Next` in a middleware stands for `next: Next<impl Run>`.
/// #[flaxum::middleware]
/// async fn pass(req: Request, next: flaxum::Next) -> Response {
///     next.run(req).await
/// }
/// ```
pub trait Run: Send + 'static {
    /// The app's state.
    type State: Clone + Send + Sync + 'static;
    /// The future of the rest of the chain.
    type Future: Future<Output = Response> + Send + 'static;
    /// Runs the rest of the chain.
    fn run(self, req: Request<Body>) -> Self::Future;
    /// The app's state, for the middleware's extractors.
    fn state(&self) -> &Self::State;
    /// Sends `res` down the rest of the chain in place of the handler's
    /// response (a `before_request` function answered `req`).
    #[doc(hidden)]
    fn answer(self, req: Request<Body>, res: Response) -> Self::Future;
    /// Marks that an error handler is around the rest of the chain;
    /// returns whether one was already.
    #[doc(hidden)]
    fn catch(&mut self) -> bool;
    /// Whether an error handler is around the rest of the chain.
    #[doc(hidden)]
    fn catching(&self) -> bool;
}

/// A function declared with `#[middleware]` (or a Flask hook:
/// `#[before_request]`, `#[after_request]`, `#[errorhandler]`), for an app
/// whose state is `S`. The attributes implement it; nothing else needs to.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot run as a middleware of an app whose state is `{S}`",
    label = "not a middleware for this app",
    note = "declare it with `#[middleware]` on `async fn(…extractors, req: Request, next: Next) -> impl IntoResponse` (or with `#[before_request]`, `#[after_request]`, `#[errorhandler(…)]`), and make sure its extractors work with the app's state (`.with_state(…)`)"
)]
pub trait Middleware<S>: 'static {
    /// What the function is: a `#[middleware]` or a Flask hook, which
    /// decides the passes it runs in.
    #[doc(hidden)]
    const HOOK: Hook = Hook::Middleware;

    /// Runs the function on `req`, with the rest of the chain.
    fn call<N: Run<State = S>>(
        req: Request<Body>,
        next: Next<N>,
    ) -> impl Future<Output = Response> + Send + 'static;
}

/// A route's chain behind one middleware: `M` runs first, with the rest of
/// the chain, `I`, as its `Next`. The route attributes, `blueprint!` and
/// `routes!` name these types; each middleware's future is boxed once.
#[doc(hidden)]
pub struct Layer<M, I>(PhantomData<fn() -> (M, I)>);

/// The rest of the chain inside a [`Layer`]: the call, less the request
/// that the middleware holds, and the URI it was matched on.
#[doc(hidden)]
pub struct Inner<I, S> {
    handler: usize,
    def: usize,
    m: Match,
    state: S,
    uri: Uri,
    answer: Option<Response>,
    pass: Pass,
    catching: bool,
    item: PhantomData<fn() -> I>,
}

impl<I, S> Inner<I, S> {
    /// The call again, with the request the middleware passes on.
    #[inline]
    fn into_call(self, req: Request<Body>) -> Call<S> {
        Call {
            handler: self.handler,
            def: self.def,
            req,
            m: self.m,
            state: self.state,
            routed: Some(self.uri),
            answer: self.answer,
            pass: self.pass,
            catching: self.catching,
        }
    }
}

impl<I, S> Run for Inner<I, S>
where
    I: Item<S>,
    S: Clone + Send + Sync + 'static,
{
    type State = S;
    type Future = HandlerFuture;

    #[inline]
    fn run(self, req: Request<Body>) -> HandlerFuture {
        I::call(self.into_call(req))
    }

    #[inline]
    fn state(&self) -> &S {
        &self.state
    }

    fn answer(self, req: Request<Body>, res: Response) -> HandlerFuture {
        I::call(Call {
            answer: Some(res),
            pass: Pass::Answered,
            ..self.into_call(req)
        })
    }

    #[inline]
    fn catch(&mut self) -> bool {
        core::mem::replace(&mut self.catching, true)
    }

    #[inline]
    fn catching(&self) -> bool {
        self.catching
    }
}

impl<M, I, S> Item<S> for Layer<M, I>
where
    M: Middleware<S>,
    I: Item<S>,
    S: Clone + Send + Sync + 'static,
{
    #[inline(always)]
    fn call(call: Call<S>) -> HandlerFuture {
        if call.pass != Pass::Normal && call.pass.skips(M::HOOK) {
            return skip::<I, S>(call);
        }
        let Call {
            handler,
            def,
            req,
            m,
            state,
            routed,
            answer,
            pass,
            catching,
        } = call;
        // The outermost middleware keeps the URI as matched; the inner
        // ones pass it on.
        let uri = routed.unwrap_or_else(|| req.uri().clone());
        let inner = Inner {
            handler,
            def,
            m,
            state,
            uri,
            answer,
            pass,
            catching,
            item: PhantomData::<fn() -> I>,
        };
        Box::pin(M::call(req, Next { inner }))
    }
}

/// A pass that leaves a layer's function out (an early answer or the
/// automatic `OPTIONS`): the rest of the chain, out of line, so that the
/// usual path through [`Layer`] stays inlined and copies the call once.
#[cold]
#[inline(never)]
fn skip<I: Item<S>, S>(call: Call<S>) -> HandlerFuture {
    I::call(call)
}
