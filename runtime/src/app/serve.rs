//! Running an app on a TCP listener.

use core::convert::Infallible;

use axum::body::Body;
use axum::response::Response;
use http::Request;
use tokio::net::{TcpListener, ToSocketAddrs};
use tower_service::Service;

use super::App;

/// Binds `addr` and serves `app` until the process ends.
///
/// ```no_run
/// #[flaxum::get("/")]
/// async fn index() -> &'static str { "Hello, World!" }
///
/// #[tokio::main]
/// async fn main() -> std::io::Result<()> {
///     flaxum::serve("127.0.0.1:5000", flaxum::App::new(flaxum::routes![index])).await
/// }
/// ```
pub async fn serve<A, T>(addr: A, app: App<T>) -> std::io::Result<()>
where
    A: ToSocketAddrs,
    App<T>: Service<Request<Body>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + Sync
        + 'static,
    <App<T> as Service<Request<Body>>>::Future: Send + 'static,
{
    let listener = TcpListener::bind(addr).await?;
    axum::serve(listener, app.into_router()).await
}
