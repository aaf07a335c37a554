//! The bodies of [`Server`]'s requests and HTTP/2 responses, watched.
//!
//! A request body that stops arriving fails after the body read timeout:
//! its extractor gets an error, and the request is answered with 408. Its
//! request takes an in-flight permit once body data has arrived, or once
//! its handler waits for something other than the body; uploads that
//! stall hold none (see `Guarded` in `serve.rs`).
//!
//! An HTTP/2 response body counts as a response being sent until hyper
//! drops it: while one is, the connection's writes are progress for its
//! idle deadline; otherwise they are only the protocol's own frames (PING
//! and SETTINGS acknowledgements), which are not (see `watch.rs`).
//!
//! [`Server`]: super::Server

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering::Relaxed};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use hyper::body::{Body as HttpBody, Frame, SizeHint};

use super::watch::InFlight;

/// What a request's body has done, shared by the body and its request's
/// guard.
#[derive(Debug, Default)]
pub(super) struct Gate(AtomicU8);

const ARRIVED: u8 = 1;
const TIMED_OUT: u8 = 2;
const READ: u8 = 4;

impl Gate {
    /// Whether any of the body has arrived (or all of it: an empty one).
    pub(super) fn arrived(&self) -> bool {
        self.0.load(Relaxed) & ARRIVED != 0
    }

    /// Whether the handler has tried to read the body.
    pub(super) fn read(&self) -> bool {
        self.0.load(Relaxed) & READ != 0
    }

    /// Whether the body stopped arriving for longer than the timeout.
    pub(super) fn timed_out(&self) -> bool {
        self.0.load(Relaxed) & TIMED_OUT != 0
    }

    fn set(&self, bit: u8) {
        self.0.fetch_or(bit, Relaxed);
    }
}

/// The error a request body yields when it stopped arriving.
#[derive(Debug)]
pub(super) struct BodyTimedOut;

impl fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the request body stopped arriving")
    }
}

impl Error for BodyTimedOut {}

type BoxError = Box<dyn Error + Send + Sync>;

pin_project_lite::pin_project! {
    /// A request body that fails when no data has come for `limit`.
    pub(super) struct Paced<B> {
        #[pin]
        inner: B,
        gate: Arc<Gate>,
        limit: Duration,
        // Armed when the body first waits; moved on after each frame.
        sleep: Option<Pin<Box<tokio::time::Sleep>>>,
        rearm: bool,
    }
}

impl<B> Paced<B> {
    pub(super) fn new(inner: B, gate: Arc<Gate>, limit: Duration) -> Self {
        Paced {
            inner,
            gate,
            limit,
            sleep: None,
            rearm: false,
        }
    }
}

impl<B> HttpBody for Paced<B>
where
    B: HttpBody<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.project();
        if !this.gate.read() {
            this.gate.set(READ);
        }
        match this.inner.poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                this.gate.set(ARRIVED);
                *this.rearm = true;
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e.into()))),
            Poll::Ready(None) => {
                this.gate.set(ARRIVED);
                Poll::Ready(None)
            }
            Poll::Pending => {
                let limit = *this.limit;
                let deadline = tokio::time::Instant::now() + limit;
                let sleep = this
                    .sleep
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                if std::mem::take(this.rearm) {
                    sleep.as_mut().reset(deadline);
                }
                match sleep.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        this.gate.set(TIMED_OUT);
                        Poll::Ready(Some(Err(Box::new(BodyTimedOut))))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

pin_project_lite::pin_project! {
    /// An HTTP/2 response body, counted as being sent until dropped.
    pub(super) struct Counted<B> {
        #[pin]
        inner: B,
        _sending: InFlight,
    }
}

impl<B> Counted<B> {
    pub(super) fn new(inner: B, sending: InFlight) -> Self {
        Counted {
            inner,
            _sending: sending,
        }
    }
}

impl<B: HttpBody> HttpBody for Counted<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<B::Data>, B::Error>>> {
        self.project().inner.poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    /// A body that yields `chunks` one by one, each after `gap`, then ends.
    fn trickle(
        chunks: usize,
        gap: Duration,
    ) -> http_body_util::StreamBody<
        impl futures_util::Stream<Item = Result<Frame<Bytes>, std::convert::Infallible>>,
    > {
        let s = futures_util::stream::unfold(0, move |i| async move {
            if i == chunks {
                return None;
            }
            tokio::time::sleep(gap).await;
            Some((Ok(Frame::data(Bytes::from_static(b"x"))), i + 1))
        });
        http_body_util::StreamBody::new(s)
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_keeps_coming_is_read_whole() {
        let gate = Arc::new(Gate::default());
        // Ten chunks a second apart under a 2 s limit: 10 s in all.
        let body = Paced::new(
            trickle(10, Duration::from_secs(1)),
            gate.clone(),
            Duration::from_secs(2),
        );
        let bytes = body.collect().await.unwrap().to_bytes();
        assert_eq!(&bytes[..], b"xxxxxxxxxx");
        assert!(gate.arrived() && !gate.timed_out());
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_stops_fails_at_the_limit() {
        let gate = Arc::new(Gate::default());
        let body = Paced::new(
            trickle(2, Duration::from_secs(5)),
            gate.clone(),
            Duration::from_secs(2),
        );
        let start = tokio::time::Instant::now();
        let err = body.collect().await.unwrap_err();
        assert!(err.is::<BodyTimedOut>(), "{err}");
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        assert!(gate.timed_out() && !gate.arrived());
    }
}
