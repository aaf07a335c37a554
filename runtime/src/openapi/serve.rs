//! Serving a document at a path of the app's choosing, in front of the
//! app: `GET` and `HEAD` of that path answer the JSON, everything else
//! goes on to the app.

use core::convert::Infallible;
use core::task::{Context, Poll};
use std::sync::Arc;

use axum::body::{Body, Bytes, HttpBody};
use axum::response::Response;
use futures_util::future::{ready, Either, FutureExt, Map, Ready};
use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Method, Request, StatusCode};
use tower_service::Service;

use super::Document;
use crate::dispatch::respond;
use crate::route::method::Methods;

/// An app's service with its OpenAPI document in front, at one path
/// ([`App::serve_openapi`](crate::App::serve_openapi)).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use tower::ServiceExt;
///
/// #[flaxum::get("/")]
/// async fn index() -> &'static str { "hi" }
///
/// let app = flaxum::App::new(flaxum::routes![index]).serve_openapi("/openapi.json");
/// let req = http::Request::get("/openapi.json").body(axum::body::Body::empty()).unwrap();
/// let res = app.oneshot(req).await.unwrap();
/// assert_eq!(res.status(), 200);
/// assert_eq!(res.headers()["content-type"], "application/json");
/// # }
/// ```
#[derive(Clone)]
pub struct ServeOpenApi<T> {
    inner: T,
    path: Arc<str>,
    json: Bytes,
}

impl<T> ServeOpenApi<T> {
    pub(crate) fn new(inner: T, path: &str, doc: &Document) -> Self {
        ServeOpenApi {
            inner,
            path: path.into(),
            json: Bytes::from(doc.to_string()),
        }
    }

    /// The document's answer to `method`: the JSON for `GET` (without the
    /// body for `HEAD`), the methods for `OPTIONS`, 405 for the others,
    /// as flaxum answers a route's path.
    fn answer(&self, method: &Method) -> Response {
        let get = Methods::GET.union(Methods::HEAD);
        if method == Method::GET || method == Method::HEAD {
            let body = if method == Method::GET {
                Body::from(self.json.clone())
            } else {
                Body::empty()
            };
            let mut res = Response::new(body);
            res.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            *res.status_mut() = StatusCode::OK;
            res
        } else {
            respond::allow(get, method == Method::OPTIONS)
        }
    }
}

type Convert<B, E> = fn(Result<http::Response<B>, E>) -> Result<Response, Infallible>;

fn convert<B, E>(res: Result<http::Response<B>, E>) -> Result<Response, Infallible>
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
    E: Into<Infallible>,
{
    res.map(|res| res.map(Body::new)).map_err(Into::into)
}

impl<T, B> Service<Request<Body>> for ServeOpenApi<T>
where
    T: Service<Request<Body>, Response = http::Response<B>>,
    T::Error: Into<Infallible>,
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<Ready<Result<Response, Infallible>>, Map<T::Future, Convert<B, T::Error>>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        if req.uri().path() == &*self.path {
            return Either::Left(ready(Ok(self.answer(req.method()))));
        }
        Either::Right(
            self.inner
                .call(req)
                .map(convert::<B, T::Error> as Convert<B, T::Error>),
        )
    }
}
