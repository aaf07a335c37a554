//! The header-read deadline and the idle keep-alive cap of [`Server`]: one
//! watchdog per connection, rather than a timer armed and dropped for every
//! request head (which cost each request about a twelfth of its
//! instructions).
//!
//! The connection counts what it does: request heads read whole (each one
//! reaches the service), bytes written, requests whose handler has not
//! finished. Bytes read do not count, so a client that trickles a head
//! byte by byte is cut off like one that sends half a head and waits. On
//! an HTTP/2 connection, bytes written count only while a handler runs or
//! a response body is being sent: the protocol's own frames (a PING's
//! acknowledgement) are not progress. The watchdog looks every quarter of
//! the limit and ends the connection after four looks in a row saw
//! nothing: between the limit and 1.25 times it after the connection went
//! quiet.
//!
//! [`Server`]: super::Server

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// What one connection has done, as its watchdog sees it.
#[derive(Debug, Default)]
pub(super) struct Activity {
    /// Request heads read whole. Written by the connection's own task only
    /// (hyper calls the service there, for HTTP/1.1 and HTTP/2 alike).
    heads: AtomicU64,
    /// Bytes written to the client, by the connection's own task only.
    written: AtomicU64,
    /// Requests whose handler has not finished; an HTTP/2 stream's ends in
    /// its own task.
    in_flight: AtomicUsize,
    /// HTTP/2 response bodies not yet dropped by hyper.
    sending: AtomicUsize,
}

impl Activity {
    /// A head was read and its request goes to the app: in flight until
    /// the guard is dropped.
    pub(super) fn start(self: &Arc<Self>) -> InFlight {
        self.count_head();
        self.in_flight.fetch_add(1, Relaxed);
        InFlight(self.clone())
    }

    /// A head was read and answered at once (refused).
    pub(super) fn count_head(&self) {
        // One writer: a load and a store, no locked instruction.
        self.heads.store(self.heads.load(Relaxed) + 1, Relaxed);
    }

    /// An HTTP/2 response body is being sent, until the guard is dropped.
    pub(super) fn sending(self: &Arc<Self>) -> Sending {
        self.sending.fetch_add(1, Relaxed);
        Sending(self.clone())
    }

    /// Counts the bytes a write reports, and passes its result on. On an
    /// HTTP/2 connection (`h2`), only while a request is being answered.
    fn count_written(&self, res: Poll<io::Result<usize>>, h2: bool) -> Poll<io::Result<usize>> {
        if let Poll::Ready(Ok(n)) = res {
            if !h2 || self.in_flight.load(Relaxed) + self.sending.load(Relaxed) > 0 {
                self.written
                    .store(self.written.load(Relaxed) + n as u64, Relaxed);
            }
        }
        res
    }

    fn snapshot(&self) -> (u64, u64, usize) {
        (
            self.heads.load(Relaxed),
            self.written.load(Relaxed),
            self.in_flight.load(Relaxed),
        )
    }
}

/// A request in flight on a connection, until dropped.
#[derive(Debug)]
pub(super) struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Relaxed);
    }
}

/// An HTTP/2 response body being sent, until dropped.
#[derive(Debug)]
pub(super) struct Sending(Arc<Activity>);

impl Drop for Sending {
    fn drop(&mut self) {
        self.0.sending.fetch_sub(1, Relaxed);
    }
}

/// Waits until the connection has been quiet for `limit` (true): no
/// request in flight, no head read whole, nothing written (see the module's
/// text for the precision); or until the connection's task `conn` has
/// ended by itself (false).
pub(super) async fn quiet_for(
    activity: Arc<Activity>,
    limit: Duration,
    conn: tokio::task::AbortHandle,
) -> bool {
    let tick = (limit / 4).max(Duration::from_millis(1));
    let sleep = tokio::time::sleep(tick);
    tokio::pin!(sleep);
    let mut last = activity.snapshot();
    let mut quiet = 0;
    loop {
        sleep.as_mut().await;
        if conn.is_finished() {
            return false;
        }
        let now = activity.snapshot();
        if now.2 == 0 && now.0 == last.0 && now.1 == last.1 {
            quiet += 1;
            if quiet >= 4 {
                return true;
            }
        } else {
            quiet = 0;
        }
        last = now;
        sleep.as_mut().reset(tokio::time::Instant::now() + tick);
    }
}

pin_project_lite::pin_project! {
    /// A connection's stream, counting the bytes written to it.
    #[derive(Debug)]
    pub(super) struct Watched<T> {
        #[pin]
        io: T,
        activity: Arc<Activity>,
        // Whether the first bytes read were HTTP/2's preface; known once
        // `first` is false.
        h2: bool,
        first: bool,
    }
}

/// How an HTTP/2 connection starts (RFC 9113 §3.4); no HTTP/1.1 request
/// does.
const PREFACE: &[u8] = b"PRI ";

impl<T> Watched<T> {
    pub(super) fn new(io: T, activity: Arc<Activity>) -> Self {
        Watched {
            io,
            activity,
            h2: false,
            first: true,
        }
    }
}

impl<T: AsyncRead> AsyncRead for Watched<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.project();
        let before = buf.filled().len();
        let res = this.io.poll_read(cx, buf);
        if *this.first {
            let got = &buf.filled()[before..];
            if !got.is_empty() {
                *this.first = false;
                let n = got.len().min(PREFACE.len());
                *this.h2 = got[..n] == PREFACE[..n];
            }
        }
        res
    }
}

impl<T: AsyncWrite> AsyncWrite for Watched<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        let h2 = *this.h2;
        this.activity.count_written(this.io.poll_write(cx, buf), h2)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        let h2 = *this.h2;
        this.activity
            .count_written(this.io.poll_write_vectored(cx, bufs), h2)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().io.poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().io.poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connection that never ends by itself, and its watchdog under
    /// `limit`.
    fn watched(limit: Duration) -> (Arc<Activity>, tokio::task::JoinHandle<bool>) {
        let activity = Arc::new(Activity::default());
        let conn = tokio::spawn(std::future::pending::<()>());
        let watchdog = tokio::spawn(quiet_for(activity.clone(), limit, conn.abort_handle()));
        (activity, watchdog)
    }

    #[tokio::test(start_paused = true)]
    async fn a_quiet_connection_ends_between_the_limit_and_a_quarter_more() {
        let activity = Arc::new(Activity::default());
        let conn = tokio::spawn(std::future::pending::<()>());
        let start = tokio::time::Instant::now();
        assert!(quiet_for(activity, Duration::from_secs(8), conn.abort_handle()).await);
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_secs(8) && waited <= Duration::from_secs(10),
            "{waited:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_in_flight_or_bytes_written_keep_it_open() {
        let (activity, watchdog) = watched(Duration::from_secs(8));
        let start = tokio::time::Instant::now();
        // A handler that runs 30 s: no head, no bytes, but in flight.
        let guard = activity.start();
        tokio::time::sleep(Duration::from_secs(30)).await;
        assert!(!watchdog.is_finished(), "closed while a request ran");
        drop(guard);
        // Then a slow response: a few bytes every 5 s, for 30 s.
        for _ in 0..6 {
            let _ = activity.count_written(Poll::Ready(Ok(10)), false);
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        assert!(
            !watchdog.is_finished(),
            "closed while the response was written"
        );
        assert!(watchdog.await.unwrap(), "the quiet connection is closed");
        let waited = start.elapsed();
        // Quiet from the last write (at 55 s) on.
        assert!(
            waited >= Duration::from_secs(63) && waited <= Duration::from_secs(65),
            "{waited:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn on_http2_only_writes_for_a_request_keep_it_open() {
        let (activity, watchdog) = watched(Duration::from_secs(8));
        // A response body being sent, written every 5 s for 30 s.
        let sending = activity.sending();
        for _ in 0..6 {
            let _ = activity.count_written(Poll::Ready(Ok(1000)), true);
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        assert!(!watchdog.is_finished(), "closed while a response was sent");
        drop(sending);
        // Then only PING acknowledgements, every 5 s: not progress.
        let start = tokio::time::Instant::now();
        while !watchdog.is_finished() && start.elapsed() < Duration::from_secs(60) {
            let _ = activity.count_written(Poll::Ready(Ok(17)), true);
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        assert!(watchdog.await.unwrap(), "the pinging connection is closed");
        assert!(
            start.elapsed() <= Duration::from_secs(15),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_watchdog_ends_with_its_connection() {
        let activity = Arc::new(Activity::default());
        let conn = tokio::spawn(tokio::time::sleep(Duration::from_secs(1)));
        let start = tokio::time::Instant::now();
        assert!(!quiet_for(activity, Duration::from_secs(8), conn.abort_handle()).await);
        assert!(
            start.elapsed() <= Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
    }
}
