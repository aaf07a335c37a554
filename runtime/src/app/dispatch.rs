//! From a route index to the handler's future, without boxing: the handlers
//! of an app form a balanced binary tree of [`Pair`]s with a [`Leaf`] per
//! handler, and the future of the whole tree is a nest of `Either`s, a type
//! the compiler lays out and the `Service` can name.

use core::future::Future;
use core::marker::PhantomData;

use axum::body::Body;
use axum::response::Response;
use futures_util::future::Either;
use http::{Request, Uri};

use crate::middleware::RoutedUri;

use crate::table::Match;

/// Calls handler `handler` of a tree for the route `def` of that handler.
///
/// Implemented by [`Leaf`] and [`Pair`]; `routes!` builds the tree.
#[diagnostic::on_unimplemented(
    message = "the handlers of these routes cannot run with the app's state `{S}`",
    label = "some handler needs another state",
    note = "a handler that takes `State<T>` needs `.with_state(…)` with a `T` (or with a state that `T` implements `FromRef` for); without `with_state`, the state is `()`"
)]
pub trait Dispatch<S>: Clone + Send + Sync + 'static {
    /// The number of handlers in the tree.
    const LEN: usize;
    /// The future of any handler of the tree.
    type Future: Future<Output = Response> + Send + 'static;
    /// Starts handler `handler` (0-based, left to right) on `req`.
    /// `routed` is the URI the route was matched on, when a middleware ran
    /// before (it may have changed the request's).
    fn call(
        &self,
        handler: usize,
        def: usize,
        req: Request<Body>,
        m: Match,
        state: S,
        routed: Option<Uri>,
    ) -> Self::Future;
}

/// One handler: the glue function the route attribute generates, for the
/// app's state `S`. `M` records how its last argument is extracted (axum's
/// `FromRequest` marker), so the compiler can infer it.
pub struct Leaf<F, S, M>(F, PhantomData<fn() -> (S, M)>);

impl<F, S, M> Leaf<F, S, M> {
    /// Wraps a glue function.
    pub fn new<Fut>(f: F) -> Self
    where
        F: Fn(usize, Request<Body>, Match, S, PhantomData<fn() -> M>) -> Fut,
    {
        Leaf(f, PhantomData)
    }
}

impl<F: Clone, S, M> Clone for Leaf<F, S, M> {
    fn clone(&self) -> Self {
        Leaf(self.0.clone(), PhantomData)
    }
}

impl<F: Copy, S, M> Copy for Leaf<F, S, M> {}

/// Two subtrees.
#[derive(Clone, Copy)]
pub struct Pair<L, R>(pub L, pub R);

impl<F, Fut, S, M> Dispatch<S> for Leaf<F, S, M>
where
    F: Fn(usize, Request<Body>, Match, S, PhantomData<fn() -> M>) -> Fut
        + Clone
        + Send
        + Sync
        + 'static,
    Fut: Future<Output = Response> + Send + 'static,
    S: 'static,
    M: 'static,
{
    const LEN: usize = 1;
    type Future = Fut;

    #[inline]
    fn call(
        &self,
        _: usize,
        def: usize,
        mut req: Request<Body>,
        m: Match,
        state: S,
        routed: Option<Uri>,
    ) -> Fut {
        if let Some(uri) = routed {
            let (now, then) = (req.uri().path(), uri.path());
            // A clone shares the buffer: the same pointer unless rewritten.
            if !(core::ptr::eq(now, then) || now == then) {
                req.extensions_mut().insert(RoutedUri(uri));
            }
        }
        (self.0)(def, req, m, state, PhantomData)
    }
}

impl<L, R, S> Dispatch<S> for Pair<L, R>
where
    L: Dispatch<S>,
    R: Dispatch<S>,
{
    const LEN: usize = L::LEN + R::LEN;
    type Future = Either<L::Future, R::Future>;

    #[inline]
    fn call(
        &self,
        handler: usize,
        def: usize,
        req: Request<Body>,
        m: Match,
        state: S,
        routed: Option<Uri>,
    ) -> Self::Future {
        if handler < L::LEN {
            Either::Left(self.0.call(handler, def, req, m, state, routed))
        } else {
            Either::Right(self.1.call(handler - L::LEN, def, req, m, state, routed))
        }
    }
}

/// The tree of an app without handlers.
#[derive(Clone, Copy)]
pub struct NoHandlers;

impl<S> Dispatch<S> for NoHandlers {
    const LEN: usize = 0;
    type Future = futures_util::future::Ready<Response>;

    fn call(
        &self,
        _: usize,
        _: usize,
        _: Request<Body>,
        _: Match,
        _: S,
        _: Option<Uri>,
    ) -> Self::Future {
        futures_util::future::ready(crate::app::respond::status(http::StatusCode::NOT_FOUND))
    }
}
