//! The application: a tower `Service` that matches each request against the
//! static table and calls the handler's generated glue.

pub(crate) mod listing;
#[cfg(feature = "openapi")]
mod openapi;
#[cfg(feature = "static-files")]
mod static_folder;

use core::convert::Infallible;
use core::task::{Context, Poll};

use axum::body::Body;
use axum::response::Response;
use core::marker::PhantomData;

use futures_util::future::{Either, FutureExt, Map, Ready};
use http::{Method, Request};
use tower_layer::Layer;
use tower_service::Service;

use crate::blueprint::Owner;
use crate::dispatch::{respond, Call, HandlerFuture, Item, NoHandlers, Prepared};
use crate::route::method::Methods;
use crate::route::RouteDef;
use crate::table::{Lookup, Table};
pub use listing::RoutesTable;

/// The routes of an app: the static table that `routes!` built, and the
/// type that calls its handlers (`R`, with the app-wide middleware around
/// the responses no route made in `F`).
///
/// Make one with [`routes!`](crate::routes); hand it to [`App::new`].
pub struct Routes<R, F = Prepared> {
    table: &'static Table,
    owners: &'static [Owner],
    /// Whether `routes!` declared `static`: its handler 0 serves the
    /// static folder.
    #[cfg(feature = "static-files")]
    statics: bool,
    items: PhantomData<fn() -> (R, F)>,
    #[cfg(feature = "openapi")]
    api: crate::openapi::Source,
}

impl<R, F> Clone for Routes<R, F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, F> Copy for Routes<R, F> {}

impl<R, F> Routes<R, F> {
    #[doc(hidden)]
    pub const fn __new(table: &'static Table, owners: &'static [Owner]) -> Self {
        Routes {
            table,
            owners,
            #[cfg(feature = "static-files")]
            statics: false,
            items: PhantomData,
            #[cfg(feature = "openapi")]
            api: crate::openapi::Source {
                owners,
                ..crate::openapi::Source::NONE
            },
        }
    }

    /// The routes, with `static` declared (its handler is the first).
    #[doc(hidden)]
    #[cfg(feature = "static-files")]
    pub const fn __with_static(self) -> Self {
        Routes {
            statics: true,
            ..self
        }
    }

    /// The routing table.
    ///
    /// ```
    /// let routes = flaxum::routes![];
    /// assert!(routes.table().routes().is_empty());
    /// ```
    pub fn table(&self) -> &'static Table {
        self.table
    }
}

/// A flaxum application: routes, state and layers, served as a tower
/// `Service`.
///
/// ```
/// use flaxum::{get, routes, App};
///
/// #[get("/users/<int:id>")]
/// async fn user(id: u64) -> String {
///     format!("user {id}")
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use tower::ServiceExt;
/// let app = App::new(routes![user]);
/// let req = http::Request::get("/users/7").body(axum::body::Body::empty()).unwrap();
/// let res = app.oneshot(req).await.unwrap();
/// assert_eq!(res.status(), 200);
/// # }
/// ```
///
/// `App` is `Clone` and a `tower::Service<http::Request<axum::body::Body>>`
/// with `Response = axum::response::Response` and `Error = Infallible`, so
/// [`serve`](crate::serve), `axum::serve` (through
/// [`into_router`](App::into_router)) or any hyper server can run it.
///
/// An app can be named, for an app factory (Flask's `create_app()`), a
/// test or `main`, as `App<impl flaxum::AppService>`:
///
/// ```
/// use flaxum::{get, routes, App, AppService};
///
/// #[get("/")]
/// async fn index() -> &'static str {
///     "hi"
/// }
///
/// fn create_app() -> App<impl AppService> {
///     App::new(routes![index])
/// }
///
/// assert_eq!(create_app().routes_table().to_string().lines().count(), 3);
/// ```
#[derive(Clone)]
pub struct App<T = Core<NoHandlers, ()>> {
    svc: T,
    table: &'static Table,
    /// What the OpenAPI document reads besides the table.
    #[cfg(feature = "openapi")]
    api: crate::openapi::Source,
}

/// What an [`App`] serves: a tower `Service` of `http::Request<Body>`
/// whose response is axum's and which never fails. Every `App` that
/// `App::new`, `with_state` and `layer` make, and every `axum::Router`
/// given to [`App::from_service`], is one; the trait lets a function
/// return an app without spelling out its type:
///
/// ```
/// use flaxum::{get, routes, App, AppService};
/// use axum::extract::State;
///
/// #[derive(Clone)]
/// struct Db(&'static str);
///
/// #[get("/")]
/// async fn index(State(db): State<Db>) -> &'static str {
///     db.0
/// }
///
/// fn create_app(db: Db) -> App<impl AppService> {
///     App::new(routes![index]).with_state(db)
/// }
/// # let _ = create_app(Db("x"));
/// ```
pub trait AppService:
    Service<Request<Body>, Response = Response, Error = Infallible, Future = Self::Fut>
    + Clone
    + Send
    + Sync
    + 'static
{
    #[doc(hidden)]
    type Fut: core::future::Future<Output = Result<Response, Infallible>> + Send + 'static;
}

impl<T> AppService for T
where
    T: Service<Request<Body>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + Sync
        + 'static,
    T::Future: Send + 'static,
{
    type Fut = T::Future;
}

/// The routing service inside an [`App`] before any layer wraps it.
pub struct Core<R, S, F = Prepared> {
    routes: Routes<R, F>,
    state: S,
    merge_slashes: bool,
    /// The static folder, when the routes declare `static`.
    #[cfg(feature = "static-files")]
    statics: Option<std::sync::Arc<crate::static_files::Folder>>,
}

impl<R, S: Clone, F> Clone for Core<R, S, F> {
    fn clone(&self) -> Self {
        Core {
            routes: self.routes,
            state: self.state.clone(),
            merge_slashes: self.merge_slashes,
            #[cfg(feature = "static-files")]
            statics: self.statics.clone(),
        }
    }
}

crate::table!(static NO_ROUTES = &[]);

impl<R, F> App<Core<R, (), F>> {
    /// An app serving `routes`, with no state.
    ///
    /// ```
    /// let app = flaxum::App::new(flaxum::routes![]);
    /// # let _ = app;
    /// ```
    pub fn new(routes: Routes<R, F>) -> Self {
        App {
            table: routes.table,
            #[cfg(feature = "openapi")]
            api: routes.api,
            svc: Core {
                #[cfg(feature = "static-files")]
                statics: static_folder::declared(routes.table, routes.owners, routes.statics),
                routes,
                state: (),
                merge_slashes: true,
            },
        }
    }
}

impl<R, S, F> App<Core<R, S, F>> {
    /// Provides the state that handlers take with axum's `State` extractor.
    ///
    /// ```
    /// use axum::extract::State;
    /// use flaxum::{get, routes, App};
    ///
    /// #[derive(Clone)]
    /// struct Greeting(&'static str);
    ///
    /// #[get("/")]
    /// async fn hello(State(g): State<Greeting>) -> &'static str {
    ///     g.0
    /// }
    ///
    /// let app = App::new(routes![hello]).with_state(Greeting("hi"));
    /// # let _ = app;
    /// ```
    pub fn with_state<S2>(self, state: S2) -> App<Core<R, S2, F>>
    where
        R: Item<S2>,
        F: Item<S2>,
    {
        App {
            table: self.table,
            #[cfg(feature = "openapi")]
            api: self.api,
            svc: Core {
                routes: self.svc.routes,
                state,
                merge_slashes: self.svc.merge_slashes,
                #[cfg(feature = "static-files")]
                statics: self.svc.statics,
            },
        }
    }

    /// Whether `//` in a request is redirected to the merged path when that
    /// path matches (Flask's `merge_slashes`, on by default); when off, such
    /// requests get 404.
    ///
    /// ```
    /// let app = flaxum::App::new(flaxum::routes![]).merge_slashes(false);
    /// # let _ = app;
    /// ```
    pub fn merge_slashes(mut self, on: bool) -> Self {
        self.svc.merge_slashes = on;
        self
    }
}

impl<T> App<T> {
    /// The routing table, for listings and tests.
    ///
    /// ```
    /// #[flaxum::get("/")]
    /// async fn index() {}
    /// let app = flaxum::App::new(flaxum::routes![index]);
    /// assert_eq!(app.table().routes()[0].handler, "index");
    /// ```
    pub fn table(&self) -> &'static Table {
        self.table
    }

    /// The routes in match order (most specific first), each with its
    /// methods, path, handler, blueprint and middleware.
    ///
    /// ```
    /// use axum::{extract::Request, response::Response};
    /// use flaxum::{get, middleware, routes, App, Next};
    ///
    /// #[middleware]
    /// async fn log(req: Request, next: Next) -> Response { next.run(req).await }
    ///
    /// #[get("/users/<int:id>")]
    /// async fn user(id: u64) -> String { id.to_string() }
    /// #[get("/users/me", middleware = [log])]
    /// async fn me() -> &'static str { "me" }
    ///
    /// let app = App::new(routes![user, me]);
    /// let routes = app.routes();
    /// assert_eq!(routes[0].path, "/users/me");
    /// assert_eq!(routes[0].middleware, "log");
    /// assert_eq!(routes[1].handler, "user");
    /// ```
    pub fn routes(&self) -> Vec<&'static RouteDef> {
        listing::in_match_order(self.table)
    }

    /// The routes as a table like `flask routes` prints: endpoint, methods,
    /// rule and middleware, in match order. An app's `main` can print it
    /// on request:
    ///
    /// ```no_run
    /// # #[flaxum::get("/")] async fn index() {}
    /// # #[tokio::main] async fn main() -> std::io::Result<()> {
    /// let app = flaxum::App::new(flaxum::routes![index]);
    /// if std::env::args().nth(1).as_deref() == Some("routes") {
    ///     print!("{}", app.routes_table());
    ///     return Ok(());
    /// }
    /// flaxum::serve("127.0.0.1:5000", app).await
    /// # }
    /// ```
    pub fn routes_table(&self) -> RoutesTable {
        RoutesTable::new(self.routes())
    }

    /// An app around any tower service, such as an `axum::Router` that
    /// merges flaxum routes with hand-written ones, to serve it with
    /// [`serve`](crate::serve).
    ///
    /// ```
    /// #[flaxum::get("/")]
    /// async fn index() -> &'static str { "flaxum" }
    ///
    /// let router = axum::Router::new()
    ///     .route("/old", axum::routing::get(|| async { "axum" }))
    ///     .merge(flaxum::App::new(flaxum::routes![index]).into_router());
    /// let app = flaxum::App::from_service(router);
    /// // flaxum::serve("127.0.0.1:5000", app).await?;
    /// # let _ = app;
    /// ```
    pub fn from_service(svc: T) -> App<T> {
        App {
            svc,
            table: &NO_ROUTES,
            #[cfg(feature = "openapi")]
            api: crate::openapi::Source::NONE,
        }
    }

    /// Wraps the app in a tower `Layer` (tower-http's Trace, Cors,
    /// Compression, Timeout …). The result is still an `App`.
    ///
    /// ```
    /// use tower::layer::util::Identity;
    /// let app = flaxum::App::new(flaxum::routes![]).layer(Identity::new());
    /// # let _ = app;
    /// ```
    pub fn layer<L: Layer<T>>(self, layer: L) -> App<L::Service> {
        App {
            svc: layer.layer(self.svc),
            table: self.table,
            #[cfg(feature = "openapi")]
            api: self.api,
        }
    }

    /// An `axum::Router` that serves this app; merge or nest it with
    /// hand-written axum routes (those are matched first, the app answers
    /// everything else).
    ///
    /// ```
    /// #[flaxum::get("/new")]
    /// async fn new_page() -> &'static str { "flaxum" }
    ///
    /// let router: axum::Router = axum::Router::new()
    ///     .route("/old", axum::routing::get(|| async { "axum" }))
    ///     .merge(flaxum::App::new(flaxum::routes![new_page]).into_router());
    /// # let _ = router;
    /// ```
    pub fn into_router(self) -> axum::Router
    where
        Self: Service<Request<Body>, Response = Response, Error = Infallible>
            + Clone
            + Send
            + Sync
            + 'static,
        <Self as Service<Request<Body>>>::Future: Send + 'static,
    {
        axum::Router::new().fallback_service(self)
    }
}

type Done = fn(Response) -> Result<Response, Infallible>;

/// The future of [`Core`]: a response flaxum wrote (through the app-wide
/// middleware, if any), or the handler's, in the request's span.
pub type CoreFuture =
    Either<Either<Ready<Result<Response, Infallible>>, Map<HandlerFuture, Done>>, Routed>;

pin_project_lite::pin_project! {
    /// A handler's future in its request's span, its response finished
    /// (a `HEAD` answered by a `GET` handler loses its body). One layer
    /// rather than a `Map` inside an `Instrumented`: each layer built
    /// around the handler's future moved it once more.
    pub struct Routed {
        #[pin]
        fut: HandlerFuture,
        finish: Done,
        span: tracing::Span,
    }
}

impl core::future::Future for Routed {
    type Output = Result<Response, Infallible>;

    fn poll(self: core::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let _in_span = this.span.enter();
        match this.fut.poll(cx) {
            Poll::Ready(res) => Poll::Ready((this.finish)(res)),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// The request's span, made only once a tracing subscriber is installed.
/// Before that, no subscriber could record it, but with tracing's `log`
/// feature on (sqlx, among others, turns it on) making and entering it
/// would go through the `log` fallback on every request, a cost of about
/// 2 % of a small request's instructions.
fn request_span(make: impl FnOnce() -> tracing::Span) -> tracing::Span {
    if tracing::dispatcher::has_been_set() {
        make()
    } else {
        tracing::Span::none()
    }
}

/// The span of a request that matched the route `path`: the route's
/// template, never the raw path (bounded cardinality, and no user data in
/// the logs).
fn route_span(req: &Request<Body>, path: &'static str) -> tracing::Span {
    request_span(|| tracing::info_span!("request", method = %req.method(), route = path))
}

fn ok(res: Response) -> Result<Response, Infallible> {
    Result::Ok(res)
}

/// `HEAD` answered by a `GET` handler: same headers, no body.
fn ok_without_body(res: Response) -> Result<Response, Infallible> {
    let (parts, _) = res.into_parts();
    Result::Ok(Response::from_parts(parts, Body::empty()))
}

impl<R, S, F> Service<Request<Body>> for Core<R, S, F>
where
    R: Item<S>,
    F: Item<S>,
    S: Clone + Send + Sync + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = CoreFuture;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Result::Ok(()))
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let method = Methods::from_method(req.method());
        let table = self.routes.table;
        let respond = |req: Request<Body>, res: Response| {
            let _span = request_span(|| {
                tracing::info_span!(
                    "request",
                    method = %req.method(),
                    route = tracing::field::Empty,
                    status = res.status().as_u16(),
                )
            })
            .entered();
            if F::PREPARED {
                Either::Left(Either::Left(futures_util::future::ready(Result::Ok(res))))
            } else {
                let call = Call::prepared(req, self.state.clone(), res);
                Either::Left(Either::Right(F::call(call).map(ok as Done)))
            }
        };
        if !req.uri().path().starts_with('/') {
            // `OPTIONS *` and the like: no route can match, and no app-wide
            // middleware runs on a request without a path.
            return Either::Left(Either::Left(futures_util::future::ready(Result::Ok(
                respond::status(http::StatusCode::BAD_REQUEST),
            ))));
        }
        match table.lookup_with(method, req.uri().path().as_bytes(), self.merge_slashes) {
            Lookup::Found(m) => {
                let span = route_span(&req, table.route(m.route()).path);
                let own = self.routes.owners[m.route()];
                let head_from_get = method == Methods::HEAD
                    && !table.route(m.route()).methods.contains(Methods::HEAD);
                let finish: Done = if head_from_get { ok_without_body } else { ok };
                #[cfg(feature = "static-files")]
                let req = static_folder::hand_folder(&self.statics, own.handler, req);
                let call = Call::new(
                    usize::from(own.handler),
                    usize::from(own.route),
                    req,
                    m,
                    self.state.clone(),
                );
                Either::Right(Routed {
                    fut: R::call(call),
                    finish,
                    span,
                })
            }
            Lookup::Redirect(m) => {
                let mut location = String::with_capacity(req.uri().path().len() + 16);
                table.render(&m, req.uri().path().as_bytes(), &mut location);
                if let Some(q) = req.uri().query() {
                    location.push('?');
                    location.push_str(q);
                }
                let res = respond::redirect(&location);
                respond(req, res)
            }
            Lookup::MethodNotAllowed(allowed) => {
                let options = req.method() == Method::OPTIONS;
                let res = respond::allow(allowed, options);
                if options {
                    // Flask answers an automatic `OPTIONS` as the route's
                    // own view would be: through the hooks of its levels.
                    if let Some(m) = options_route(table, allowed, &req, self.merge_slashes) {
                        let span = route_span(&req, table.route(m.route()).path);
                        let own = self.routes.owners[m.route()];
                        let call = Call::options(
                            usize::from(own.handler),
                            usize::from(own.route),
                            req,
                            m,
                            self.state.clone(),
                            res,
                        );
                        return Either::Right(Routed {
                            fut: R::call(call),
                            finish: ok,
                            span,
                        });
                    }
                }
                respond(req, res)
            }
            Lookup::NotFound => respond(req, respond::not_found()),
        }
    }
}

/// The route whose automatic `OPTIONS` answer a request gets: the one a
/// request with the first of the path's methods would match. `None` when
/// that is no plain match (a path that only matches with its slashes
/// merged): the answer then goes through the app's hooks alone.
fn options_route(
    table: &Table,
    allowed: Methods,
    req: &Request<Body>,
    merge_slashes: bool,
) -> Option<crate::table::Match> {
    let first = Methods::from_bits(1 << allowed.bits().trailing_zeros());
    match table.lookup_with(first, req.uri().path().as_bytes(), merge_slashes) {
        Lookup::Found(m) => Some(m),
        _ => None,
    }
}

type Finish<B, E> = fn(Result<http::Response<B>, E>) -> Result<Response, Infallible>;

fn finish<B, E>(res: Result<http::Response<B>, E>) -> Result<Response, Infallible>
where
    B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
    E: Into<Infallible>,
{
    res.map(|res| res.map(Body::new)).map_err(Into::into)
}

impl<T, B> Service<Request<Body>> for App<T>
where
    T: Service<Request<Body>, Response = http::Response<B>>,
    T::Error: Into<Infallible>,
    B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Map<T::Future, Finish<B, T::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.svc.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        self.svc
            .call(req)
            .map(finish::<B, T::Error> as Finish<B, T::Error>)
    }
}
