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
//! direct call into the next middleware or the handler: nothing is boxed
//! and nothing is looked up per request.
//!
//! The route is matched before any of its middleware runs, and its path
//! parameters are read from the path as it was matched, even if a
//! middleware rewrites the request's URI. To rewrite URLs before routing,
//! wrap the app in a tower layer ([`App::layer`](crate::App::layer)).

use core::future::Future;

use axum::body::Body;
use axum::response::Response;
use http::{Request, Uri};

use crate::app::dispatch::Dispatch;
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
    /// Runs the function on `req`, with the rest of the chain.
    fn call<N: Run<State = S>>(
        req: Request<Body>,
        next: Next<N>,
    ) -> impl Future<Output = Response> + Send + 'static;
}

/// A continuation from a closure, for chains that generated code builds.
#[doc(hidden)]
pub struct Cont<S, F> {
    state: S,
    f: F,
}

impl<S, F> Cont<S, F> {
    #[doc(hidden)]
    pub fn new<Fut>(state: S, f: F) -> Self
    where
        F: FnOnce(Request<Body>, S) -> Fut,
    {
        Cont { state, f }
    }
}

impl<S, F, Fut> Run for Cont<S, F>
where
    S: Clone + Send + Sync + 'static,
    F: FnOnce(Request<Body>, S) -> Fut + Send + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    type State = S;
    type Future = Fut;

    #[inline]
    fn run(self, req: Request<Body>) -> Fut {
        (self.f)(req, self.state)
    }

    #[inline]
    fn state(&self) -> &S {
        &self.state
    }
}

/// A dispatch tree behind one middleware: every route of the tree runs
/// `F` (a call of the middleware) first, with the tree as its `Next`.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct Layered<D, F>(pub D, pub F);

impl<D, F> Layered<D, F> {
    /// Puts `tree` behind the middleware call `f`.
    pub fn new<S, Fut>(tree: D, f: F) -> Self
    where
        F: Fn(Request<Body>, Next<Inner<D, S>>) -> Fut,
    {
        Layered(tree, f)
    }
}

/// The rest of the chain inside a [`Layered`]: the route's place in the
/// tree, its match, and the URI it was matched on.
#[doc(hidden)]
pub struct Inner<D, S> {
    tree: D,
    handler: usize,
    def: usize,
    m: Match,
    state: S,
    uri: Uri,
}

/// The URI a route was matched on, when a middleware changed the request's.
#[derive(Clone)]
pub(crate) struct RoutedUri(pub(crate) Uri);

impl<D, S> Run for Inner<D, S>
where
    D: Dispatch<S>,
    S: Clone + Send + Sync + 'static,
{
    type State = S;
    type Future = D::Future;

    #[inline]
    fn run(self, req: Request<Body>) -> D::Future {
        self.tree.call(
            self.handler,
            self.def,
            req,
            self.m,
            self.state,
            Some(self.uri),
        )
    }

    #[inline]
    fn state(&self) -> &S {
        &self.state
    }
}

impl<D, F, S, Fut> Dispatch<S> for Layered<D, F>
where
    D: Dispatch<S>,
    S: Clone + Send + Sync + 'static,
    F: Fn(Request<Body>, Next<Inner<D, S>>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    const LEN: usize = D::LEN;
    type Future = Fut;

    #[inline]
    fn call(
        &self,
        handler: usize,
        def: usize,
        req: Request<Body>,
        m: Match,
        state: S,
        routed: Option<Uri>,
    ) -> Fut {
        // The outermost middleware keeps the URI as matched; the inner
        // ones pass it on.
        let uri = routed.unwrap_or_else(|| req.uri().clone());
        let inner = Inner {
            tree: self.0.clone(),
            handler,
            def,
            m,
            state,
            uri,
        };
        (self.1)(req, Next { inner })
    }
}

/// What answers a request that matched no route (404, 405, a redirect or
/// the automatic `OPTIONS`): the app-wide middleware and hooks around the
/// response flaxum prepared.
#[doc(hidden)]
pub trait Fallback<S>: Clone + Send + Sync + 'static {
    /// The future of the answer.
    type Future: Future<Output = Response> + Send + 'static;
    /// Runs the app-wide chain for `req`, whose answer is `res`.
    fn call(&self, req: Request<Body>, state: S, res: Response) -> Self::Future;
}

/// No app-wide middleware: the prepared response as it is.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct NoFallback;

impl<S> Fallback<S> for NoFallback {
    type Future = futures_util::future::Ready<Response>;

    #[inline]
    fn call(&self, _: Request<Body>, _: S, res: Response) -> Self::Future {
        futures_util::future::ready(res)
    }
}

/// The app-wide chain, as a closure `routes!` generates.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct FnFallback<F>(F);

impl<F> FnFallback<F> {
    /// Wraps the chain.
    pub fn new<S, Fut>(f: F) -> Self
    where
        F: Fn(Request<Body>, S, Response) -> Fut,
    {
        FnFallback(f)
    }
}

impl<F, S, Fut> Fallback<S> for FnFallback<F>
where
    F: Fn(Request<Body>, S, Response) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    type Future = Fut;

    #[inline]
    fn call(&self, req: Request<Body>, state: S, res: Response) -> Fut {
        (self.0)(req, state, res)
    }
}

/// A handler or a blueprint, as a dispatch tree for an app whose state is
/// `S`; `M` records how the handlers' last arguments are extracted.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "the routes of `{Self}` cannot run in an app whose state is `{S}`",
    label = "some handler, middleware or hook here needs another state",
    note = "a handler that takes `State<T>` needs `.with_state(…)` with a `T` (or with a state that `T` implements `FromRef` for); without `with_state`, the state is `()`"
)]
pub trait Tree<S, M> {
    /// The tree.
    fn tree() -> impl Dispatch<S>;
}
