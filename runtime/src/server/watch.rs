//! The header-read deadline and the idle keep-alive cap of [`Server`]: one
//! watchdog for all connections, rather than a timer armed and dropped for
//! every request head (which cost each request about a twelfth of its
//! instructions) or a timer per connection (whose wake-ups cost the workers
//! about a tenth of their time under load, in context switches).
//!
//! The connection counts what it does: request heads read whole (each one
//! reaches the service), bytes written, requests whose handler has not
//! finished. Bytes read do not count, so a client that trickles a head
//! byte by byte is cut off like one that sends half a head and waits. On
//! an HTTP/2 connection, bytes written count only while a handler runs or
//! a response body is being sent: the protocol's own frames (a PING's
//! acknowledgement) are not progress. The watchdog looks at every
//! connection every quarter of the limit and ends one after four looks in a
//! row saw nothing (the look just after the connection opened does not
//! count): between the limit and 1.25 times it after the connection went
//! quiet.
//!
//! [`Server`]: super::Server

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex, PoisonError};
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
    /// Whether HTTP/2 writes wait for the end of the connection's poll
    /// (see [`Batched`]). The connection's own task only.
    hold: AtomicBool,
    /// Whether a write was held back in this poll.
    held: AtomicBool,
}

impl Activity {
    /// A head was read and its request goes to the app: in flight until
    /// the guard is dropped.
    pub(super) fn start(self: &Arc<Self>) -> InFlight {
        self.count_head();
        self.in_flight.fetch_add(1, Relaxed);
        InFlight {
            activity: self.clone(),
            sending: false,
        }
    }

    /// A head was read and answered at once (refused).
    pub(super) fn count_head(&self) {
        // One writer: a load and a store, no locked instruction.
        self.heads.store(self.heads.load(Relaxed) + 1, Relaxed);
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

    /// Whether a write is to be held back until the end of the
    /// connection's poll ([`Batched`]); noted if so.
    fn held_back(&self) -> bool {
        let hold = self.hold.load(Relaxed);
        if hold {
            self.held.store(true, Relaxed);
        }
        hold
    }

    fn snapshot(&self) -> (u64, u64, usize) {
        (
            self.heads.load(Relaxed),
            self.written.load(Relaxed),
            self.in_flight.load(Relaxed),
        )
    }
}

/// A request on a connection: in flight until its handler is done, and on
/// HTTP/2 then its response body being sent, until dropped. One guard for
/// both, so that a stream (which runs on any worker) touches the
/// connection's shared count of references once, not once per stage.
#[derive(Debug)]
pub(super) struct InFlight {
    activity: Arc<Activity>,
    sending: bool,
}

impl InFlight {
    /// The handler is done and its HTTP/2 response body is being sent:
    /// counted so from now until dropped.
    pub(super) fn into_sending(mut self) -> Self {
        // Counted as sending before it stops counting as in flight, so
        // that writes in between are still counted.
        self.activity.sending.fetch_add(1, Relaxed);
        self.activity.in_flight.fetch_sub(1, Relaxed);
        self.sending = true;
        self
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if self.sending {
            self.activity.sending.fetch_sub(1, Relaxed);
        } else {
            self.activity.in_flight.fetch_sub(1, Relaxed);
        }
    }
}

pin_project_lite::pin_project! {
    /// A connection's future, whose HTTP/2 writes go out once per poll.
    ///
    /// While the connection is polled, the writes of its stream
    /// ([`Watched`]) are held back: they answer pending, and hyper keeps the
    /// frames in its buffer. When the poll is pending and a write was held
    /// back, the connection is polled once more with writes let through,
    /// and everything buffered goes out in one write. HTTP/2 writes once
    /// per request it accepts (each acceptance flushes what the streams
    /// have queued); without this, the answers to a read of ten requests,
    /// answered in the connection's task (see `Streams`), would go out in
    /// ten writes, each a packet of its own (the server sets
    /// `TCP_NODELAY`). Nothing waits longer: the bytes leave before the
    /// task gives up the worker. HTTP/1.1 connections write as before.
    pub(super) struct Batched<F> {
        #[pin]
        conn: F,
        activity: Arc<Activity>,
    }
}

impl<F> Batched<F> {
    pub(super) fn new(conn: F, activity: Arc<Activity>) -> Self {
        Batched { conn, activity }
    }
}

impl<F: core::future::Future> core::future::Future for Batched<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let mut this = self.project();
        this.activity.hold.store(true, Relaxed);
        let res = this.conn.as_mut().poll(cx);
        this.activity.hold.store(false, Relaxed);
        // A write held back registered no waker: it is made now, in the
        // second poll, whose writes (and their wakers) are real.
        // (One task writes these: a load and a store, no locked swap.)
        if this.activity.held.load(Relaxed) {
            this.activity.held.store(false, Relaxed);
            if res.is_pending() {
                return this.conn.poll(cx);
            }
        }
        res
    }
}

/// The connections a watchdog looks after.
#[derive(Debug, Default)]
pub(super) struct Watchdog {
    watched: Mutex<Vec<Entry>>,
}

#[derive(Debug)]
struct Entry {
    activity: Arc<Activity>,
    conn: tokio::task::AbortHandle,
    last: (u64, u64, usize),
    /// Looks in a row that saw nothing, from -1: the first look after the
    /// connection opened may come at once, so it does not count.
    quiet: i8,
}

impl Watchdog {
    /// Looks after the connection whose task is `conn`.
    pub(super) fn watch(&self, activity: Arc<Activity>, conn: tokio::task::AbortHandle) {
        let last = activity.snapshot();
        let entry = Entry {
            activity,
            conn,
            last,
            quiet: -1,
        };
        self.lock().push(entry);
    }

    /// One look at every connection: those quiet for four looks in a row
    /// are ended, those whose task has ended are forgotten. Returns how
    /// many are still watched.
    fn look(&self) -> usize {
        let mut watched = self.lock();
        watched.retain_mut(|e| {
            if e.conn.is_finished() {
                return false;
            }
            let now = e.activity.snapshot();
            if now.2 == 0 && now.0 == e.last.0 && now.1 == e.last.1 {
                e.quiet += 1;
                if e.quiet >= 4 {
                    e.conn.abort();
                    return false;
                }
            } else {
                e.quiet = 0;
            }
            e.last = now;
            true
        });
        watched.len()
    }

    /// Looks every quarter of `limit`, for as long as it runs.
    pub(super) async fn run(self: Arc<Self>, limit: Duration) {
        let tick = (limit / 4).max(Duration::from_millis(1));
        let mut looks = tokio::time::interval(tick);
        looks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // An interval's first tick is at once.
        looks.tick().await;
        loop {
            looks.tick().await;
            self.look();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        // Nothing that can panic runs under the lock; a poisoned list is
        // still whole.
        self.watched.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pin_project_lite::pin_project! {
    /// A connection's stream, counting the bytes written to it; on HTTP/2,
    /// its writes are held back while [`Batched`] says so.
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
        if h2 && this.activity.held_back() {
            return Poll::Pending;
        }
        this.activity.count_written(this.io.poll_write(cx, buf), h2)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        let h2 = *this.h2;
        if h2 && this.activity.held_back() {
            return Poll::Pending;
        }
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

    /// A connection that never ends by itself, looked after by a watchdog
    /// under `limit`; the connection's task ends when the watchdog ends it.
    fn watched(limit: Duration) -> (Arc<Activity>, tokio::task::JoinHandle<()>) {
        let activity = Arc::new(Activity::default());
        let conn = tokio::spawn(std::future::pending::<()>());
        let watchdog = Arc::new(Watchdog::default());
        watchdog.watch(activity.clone(), conn.abort_handle());
        tokio::spawn(watchdog.run(limit));
        (activity, conn)
    }

    #[tokio::test(start_paused = true)]
    async fn a_quiet_connection_ends_between_the_limit_and_a_quarter_more() {
        let start = tokio::time::Instant::now();
        let (_activity, conn) = watched(Duration::from_secs(8));
        assert!(conn.await.unwrap_err().is_cancelled());
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_secs(8) && waited <= Duration::from_secs(10),
            "{waited:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_connection_opened_just_before_a_look_still_gets_the_limit() {
        let watchdog = Arc::new(Watchdog::default());
        tokio::spawn(watchdog.clone().run(Duration::from_secs(8)));
        // Opened a moment before the watchdog's first look (at 2 s).
        tokio::time::sleep(Duration::from_millis(1999)).await;
        let start = tokio::time::Instant::now();
        let conn = tokio::spawn(std::future::pending::<()>());
        watchdog.watch(Arc::new(Activity::default()), conn.abort_handle());
        assert!(conn.await.unwrap_err().is_cancelled());
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_secs(8) && waited <= Duration::from_secs(10),
            "{waited:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_in_flight_or_bytes_written_keep_it_open() {
        let (activity, conn) = watched(Duration::from_secs(8));
        let start = tokio::time::Instant::now();
        // A handler that runs 30 s: no head, no bytes, but in flight.
        let guard = activity.start();
        tokio::time::sleep(Duration::from_secs(30)).await;
        assert!(!conn.is_finished(), "closed while a request ran");
        drop(guard);
        // Then a slow response: a few bytes every 5 s, for 30 s.
        for _ in 0..6 {
            let _ = activity.count_written(Poll::Ready(Ok(10)), false);
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        assert!(!conn.is_finished(), "closed while the response was written");
        assert!(conn.await.unwrap_err().is_cancelled());
        let waited = start.elapsed();
        // Quiet from the last write (at 55 s) on.
        assert!(
            waited >= Duration::from_secs(63) && waited <= Duration::from_secs(65),
            "{waited:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn on_http2_only_writes_for_a_request_keep_it_open() {
        let (activity, conn) = watched(Duration::from_secs(8));
        // A response body being sent, written every 5 s for 30 s.
        let sending = activity.start().into_sending();
        for _ in 0..6 {
            let _ = activity.count_written(Poll::Ready(Ok(1000)), true);
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        assert!(!conn.is_finished(), "closed while a response was sent");
        drop(sending);
        // Then only PING acknowledgements, every 5 s: not progress.
        let start = tokio::time::Instant::now();
        while !conn.is_finished() && start.elapsed() < Duration::from_secs(60) {
            let _ = activity.count_written(Poll::Ready(Ok(17)), true);
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        assert!(conn.is_finished(), "the pinging connection is closed");
        assert!(
            start.elapsed() <= Duration::from_secs(15),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_connection_that_ended_is_forgotten() {
        let watchdog = Watchdog::default();
        let ended = tokio::spawn(async {});
        let open = tokio::spawn(std::future::pending::<()>());
        watchdog.watch(Arc::new(Activity::default()), ended.abort_handle());
        watchdog.watch(Arc::new(Activity::default()), open.abort_handle());
        ended.await.unwrap();
        assert_eq!(watchdog.look(), 1);
        assert!(!open.is_finished());
    }
}
