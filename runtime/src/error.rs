//! Flask's error flow: [`abort`], [`raise`] and what `#[errorhandler]`
//! catches.
//!
//! An error handler sees the errors flaxum and the handlers *raise*, never
//! an ordinary response that happens to have an error status (as in Flask,
//! where `return "gone", 404` does not reach `errorhandler(404)`):
//! - `abort(code)`, returned as a handler's `Err`;
//! - flaxum's own 404 and 405 when no route matches (app-wide handlers
//!   only, as in Flask), and its 400 for a parameter that does not parse;
//! - a value of the user's error type passed to [`raise`].

use core::future::Future;
use std::sync::{Arc, Mutex};

use futures_util::future::{Either, Ready};

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::header::HeaderValue;
use http::StatusCode;

use crate::dispatch::respond::{error_response, Raised};
use crate::dispatch::HandlerFuture;

/// An HTTP error raised with [`abort`]: what a handler returns as its `Err`
/// to stop with an error status, and what an `#[errorhandler(code)]`
/// receives.
///
/// ```
/// use flaxum::{abort, HttpError};
/// use http::StatusCode;
///
/// fn find(id: u64) -> Result<String, HttpError> {
///     if id == 1 { Ok("first".into()) } else { Err(abort(StatusCode::NOT_FOUND)) }
/// }
/// assert_eq!(find(2).unwrap_err().status(), 404);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpError {
    status: StatusCode,
}

impl HttpError {
    /// The status code.
    ///
    /// ```
    /// assert_eq!(flaxum::abort(403).status(), http::StatusCode::FORBIDDEN);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl core::fmt::Display for HttpError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.status)
    }
}

impl std::error::Error for HttpError {}

impl From<HttpError> for StatusCode {
    fn from(e: HttpError) -> StatusCode {
        e.status
    }
}

/// A status code for [`abort`]: an `http::StatusCode`, or its number as
/// Flask writes it (`abort(404)`).
pub trait IntoStatus {
    /// The status; a number that is not a status code is a 500.
    fn into_status(self) -> StatusCode;
}

impl IntoStatus for StatusCode {
    fn into_status(self) -> StatusCode {
        self
    }
}

impl IntoStatus for u16 {
    fn into_status(self) -> StatusCode {
        StatusCode::from_u16(self).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// Stops the handler with an error status, like Flask's `abort(404)`:
/// return it as the handler's `Err`. An `#[errorhandler]` for that status
/// answers it; without one, the answer is the status with its reason as a
/// short text body.
///
/// ```
/// use flaxum::{abort, get, HttpError};
///
/// #[get("/posts/<int:id>")]
/// async fn post(id: u64) -> Result<String, HttpError> {
///     if id > 10 {
///         return Err(abort(404));
///     }
///     Ok(format!("post {id}"))
/// }
/// ```
pub fn abort(code: impl IntoStatus) -> HttpError {
    HttpError {
        status: code.into_status(),
    }
}

/// The user's error value, waiting for its `#[errorhandler(Type)]`.
pub(crate) struct RaisedValue<E>(Arc<Mutex<Option<E>>>);

// Not derived: that would ask `E: Clone`.
impl<E> Clone for RaisedValue<E> {
    fn clone(&self) -> Self {
        RaisedValue(Arc::clone(&self.0))
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        error_response(self.status)
    }
}

/// Raises `error` for an `#[errorhandler(Type)]` of its type, the way a
/// Flask view raises an exception: the response is a 500 unless an error
/// handler of the route's blueprint or of the app answers it (an
/// `#[errorhandler(500)]` answers it too). Call it from the error type's
/// `IntoResponse`, so handlers return the error as their `Err`.
///
/// ```
/// use axum::response::{IntoResponse, Response};
/// use flaxum::{errorhandler, get};
///
/// #[derive(Debug)]
/// struct NotOwner(u64);
///
/// impl IntoResponse for NotOwner {
///     fn into_response(self) -> Response {
///         flaxum::raise(self)
///     }
/// }
///
/// #[get("/posts/<int:id>/edit")]
/// async fn edit(id: u64) -> Result<String, NotOwner> {
///     Err(NotOwner(id))
/// }
///
/// #[errorhandler(NotOwner)]
/// async fn not_owner(e: NotOwner) -> (http::StatusCode, String) {
///     (http::StatusCode::FORBIDDEN, format!("post {} is not yours", e.0))
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use tower::ServiceExt;
/// let app = flaxum::App::new(flaxum::routes![edit; errorhandler = [not_owner]]);
/// let req = http::Request::get("/posts/3/edit").body(axum::body::Body::empty()).unwrap();
/// assert_eq!(app.oneshot(req).await.unwrap().status(), 403);
/// # }
/// ```
pub fn raise<E: Send + 'static>(error: E) -> Response {
    let mut res = error_response(StatusCode::INTERNAL_SERVER_ERROR);
    res.extensions_mut()
        .insert(RaisedValue(Arc::new(Mutex::new(Some(error)))));
    res
}

/// The status of a raised error, or `None` for an ordinary response.
#[doc(hidden)]
pub fn raised_status(res: &Response) -> Option<StatusCode> {
    res.extensions().get::<Raised>().map(|_| res.status())
}

/// Takes the raised error of type `E` out of `res`, if it carries one.
#[doc(hidden)]
pub fn take_raised<E: Send + 'static>(res: &mut Response) -> Option<E> {
    res.extensions_mut()
        .remove::<RaisedValue<E>>()
        .and_then(|v| v.0.lock().ok().and_then(|mut v| v.take()))
}

/// An `after_request` function waiting, with the values of its
/// extractors, for the response it is to see.
type After = Box<dyn FnOnce(Response) -> HandlerFuture + Send>;

/// The `after_request` functions that a raised error passed on its way
/// out, innermost first, in the response's extensions until an error
/// handler answers it (or the outermost one lets it go).
#[derive(Clone)]
struct Deferred(Arc<Mutex<Vec<After>>>);

/// Whether `res` is a raised error that no error handler has answered yet.
#[doc(hidden)]
#[inline]
pub fn is_raised(res: &Response) -> bool {
    res.extensions().get::<Raised>().is_some()
}

/// For an `after_request` function that a raised error reaches while an
/// error handler is still around it: Flask runs the after_request
/// functions on the error handler's answer, so `after` waits in `res` for
/// it. Costs an allocation, on this path only.
#[doc(hidden)]
pub fn defer<F, Fut>(res: Response, after: F) -> Response
where
    F: FnOnce(Response) -> Fut + Send + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    let after: After = Box::new(move |res| Box::pin(after(res)));
    let mut res = res;
    match res.extensions().get::<Deferred>() {
        Some(d) => lock(&d.0).push(after),
        None => {
            res.extensions_mut()
                .insert(Deferred(Arc::new(Mutex::new(vec![after]))));
        }
    }
    res
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The `after_request` functions waiting in `res`, taken out of it.
#[doc(hidden)]
pub struct Waiting(Option<Deferred>);

/// Takes the waiting `after_request` functions out of `res`, before an
/// error handler answers it.
#[doc(hidden)]
#[inline]
pub fn take_waiting(res: &mut Response) -> Waiting {
    Waiting(res.extensions_mut().remove::<Deferred>())
}

/// Runs the `waiting` functions on `res`, in the order they waited
/// (innermost first, as Flask runs them).
#[doc(hidden)]
pub fn run_waiting(res: Response, waiting: Waiting) -> Either<Ready<Response>, HandlerFuture> {
    let Some(d) = waiting.0 else {
        return Either::Left(futures_util::future::ready(res));
    };
    let all = core::mem::take(&mut *lock(&d.0));
    Either::Right(Box::pin(async move {
        let mut res = res;
        for after in all {
            res = after(res).await;
        }
        res
    }))
}

/// For the outermost error handler, which lets `res` go: the functions
/// waiting in it run now.
#[doc(hidden)]
#[inline]
pub fn settle(mut res: Response) -> Either<Ready<Response>, HandlerFuture> {
    let waiting = take_waiting(&mut res);
    run_waiting(res, waiting)
}

/// What a `#[before_request]` function returns: nothing to go on, or a
/// response that stops the request (Flask's "return a value from a
/// `before_request` function").
#[diagnostic::on_unimplemented(
    message = "a `before_request` function cannot return `{Self}`",
    label = "return `()`, `Option<impl IntoResponse>` or `Result<(), impl IntoResponse>`",
    note = "`None`, `()` or `Ok(())` let the request go on; `Some(response)` or `Err(response)` answers it"
)]
pub trait BeforeReturn {
    /// The response that stops the request, if any.
    fn into_stop(self) -> Option<Response>;
}

impl BeforeReturn for () {
    fn into_stop(self) -> Option<Response> {
        None
    }
}

impl<T: IntoResponse> BeforeReturn for Option<T> {
    fn into_stop(self) -> Option<Response> {
        self.map(IntoResponse::into_response)
    }
}

impl<E: IntoResponse> BeforeReturn for Result<(), E> {
    fn into_stop(self) -> Option<Response> {
        self.err().map(IntoResponse::into_response)
    }
}

/// Flask's `redirect(location)`: a `302 Found` to `location`, which is
/// usually a path built with `url_for!`. (axum's `Redirect::to` answers
/// 303.) A location that cannot be a header value is a 500.
///
/// ```
/// let res = flaxum::redirect("/auth/login");
/// assert_eq!(res.status(), 302);
/// assert_eq!(res.headers()["location"], "/auth/login");
/// ```
pub fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => {
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::FOUND;
            res.headers_mut().insert(http::header::LOCATION, v);
            res
        }
        Err(_) => error_response(StatusCode::INTERNAL_SERVER_ERROR),
    }
}
