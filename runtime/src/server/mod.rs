//! Serving an app on TCP: flaxum's own accept loop on hyper, with the limits
//! a server on the internet needs, each with a documented default.

mod drain;
mod pace;
mod watch;

use core::convert::Infallible;
use core::future::Future;
use std::io;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering::Acquire, Ordering::Release};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::response::Response;
use futures_util::future::{ready, Either};
use http::{Request, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::Semaphore;
use tower_service::Service;

use crate::app::App;
use drain::Drain;
use pace::{Counted, Gate, Paced};
use watch::{Activity, Batched, InFlight, Watchdog, Watched};

/// How long the accept loop waits after an accept error that is not one
/// connection's (the process is out of descriptors), before it tries
/// again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// An accept error that concerns one connection only.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// The default connection cap: 10,000, or the open-file limit less 64 for
/// the listener, files and outgoing connections, where that is lower and
/// can be read.
fn default_max_connections() -> usize {
    const CAP: usize = 10_000;
    match open_file_limit() {
        Some(n) => CAP.min(n.saturating_sub(64).max(64)),
        None => CAP,
    }
}

/// The process's soft limit on open files, where `/proc` tells it.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    // "Max open files  <soft>  <hard>  files"; "unlimited" reads as none.
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The number of headers hyper accepts when no limit is set.
const HYPER_MAX_HEADERS: usize = 100;

/// The server behind [`serve`]: an accept loop on hyper (HTTP/1.1 and h2c),
/// configured through a builder. Every default is the value a public server
/// can start with.
///
/// | setting | default | what happens past it |
/// |---|---|---|
/// | [`header_read_timeout`](Server::header_read_timeout) | 10 s | the connection is closed |
/// | [`request_timeout`](Server::request_timeout) | 30 s | 503 |
/// | [`body_read_timeout`](Server::body_read_timeout) | 10 s without body data | 408 |
/// | [`body_limit`](Server::body_limit) | 2 MiB | 413 (streamed bodies too) |
/// | [`max_in_flight`](Server::max_in_flight) | 1,024 requests | 503, at once |
/// | [`max_connections`](Server::max_connections) | 10,000, or the open-file limit less 64 if lower | held at accept |
/// | [`max_headers`](Server::max_headers) | 100 | 431 |
/// | [`max_head_bytes`](Server::max_head_bytes) | 64 KiB per connection | 431 |
/// | [`shutdown_deadline`](Server::shutdown_deadline) | 30 s | open connections are closed |
/// | [`connect_info`](Server::connect_info) | off | a handler taking `ConnectInfo<SocketAddr>` answers 500 |
/// | [`tcp_nodelay`](Server::tcp_nodelay) | on | (small writes are sent at once) |
/// | [`workers`](Server::workers) | 0: connections are tasks of the runtime `serve` runs on | |
///
/// A handler that panics is answered with 500 and the server keeps serving.
/// On HTTP/2, a stream's handler is first polled in its connection's task
/// and goes on in a task of its own once it waits for anything: the
/// answers to the requests that came in one read go out in one write. A
/// handler that computes for long before its first wait holds up its
/// connection's other streams meanwhile (as it holds up an HTTP/1.1
/// connection): move such work to `tokio::task::spawn_blocking`.
/// SIGINT (Ctrl-C) and SIGTERM start a graceful shutdown: no new connection
/// is accepted, requests in flight finish until the deadline, and then the
/// connections still open are closed. A second SIGINT or SIGTERM closes
/// them at once.
///
/// ```no_run
/// use std::time::Duration;
///
/// #[flaxum::get("/")]
/// async fn index() -> &'static str { "Hello, World!" }
///
/// #[tokio::main]
/// async fn main() -> std::io::Result<()> {
///     let app = flaxum::App::new(flaxum::routes![index]);
///     flaxum::Server::new()
///         .request_timeout(Duration::from_secs(5))
///         .body_limit(64 * 1024)
///         .serve("127.0.0.1:5000", app)
///         .await
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Server {
    header_read_timeout: Duration,
    request_timeout: Duration,
    body_read_timeout: Duration,
    body_limit: usize,
    max_in_flight: usize,
    max_connections: usize,
    max_headers: usize,
    max_head_bytes: usize,
    shutdown_deadline: Duration,
    connect_info: bool,
    tcp_nodelay: bool,
    workers: usize,
}

impl Default for Server {
    fn default() -> Self {
        Server::new()
    }
}

impl Server {
    /// A server with the defaults of the table above.
    ///
    /// ```
    /// let server = flaxum::Server::new();
    /// # let _ = server;
    /// ```
    pub fn new() -> Self {
        Server {
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            body_read_timeout: Duration::from_secs(10),
            body_limit: 2 * 1024 * 1024,
            max_in_flight: 1024,
            max_connections: default_max_connections(),
            max_headers: HYPER_MAX_HEADERS,
            max_head_bytes: 64 * 1024,
            shutdown_deadline: Duration::from_secs(30),
            connect_info: false,
            tcp_nodelay: true,
            workers: 0,
        }
    }

    /// How long a client may take to send a request head, and how long a
    /// kept-alive connection may stay idle before the next one (10 s).
    ///
    /// The clock runs while the connection is quiet: no request in flight,
    /// no request head read whole, nothing written to the client. Bytes
    /// trickled in without finishing a head do not stop it. The connection
    /// is closed between this long and a quarter longer after it went quiet.
    ///
    /// ```
    /// let s = flaxum::Server::new().header_read_timeout(std::time::Duration::from_secs(5));
    /// # let _ = s;
    /// ```
    pub fn header_read_timeout(mut self, d: Duration) -> Self {
        self.header_read_timeout = d;
        self
    }

    /// How long a request may take, handler included, before it is
    /// answered with 503 (30 s).
    ///
    /// ```
    /// let s = flaxum::Server::new().request_timeout(std::time::Duration::from_secs(5));
    /// # let _ = s;
    /// ```
    pub fn request_timeout(mut self, d: Duration) -> Self {
        self.request_timeout = d;
        self
    }

    /// The largest request body in bytes, streamed or not; past it, 413
    /// (2 MiB).
    ///
    /// ```
    /// let s = flaxum::Server::new().body_limit(64 * 1024);
    /// # let _ = s;
    /// ```
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// How long a request body may go without data before the request is
    /// answered with 408 (10 s). A slow upload that keeps sending is read
    /// whole, however long it takes, within the request timeout.
    ///
    /// ```
    /// let s = flaxum::Server::new().body_read_timeout(std::time::Duration::from_secs(5));
    /// # let _ = s;
    /// ```
    pub fn body_read_timeout(mut self, d: Duration) -> Self {
        self.body_read_timeout = d;
        self
    }

    /// How many requests may be in flight at once; more are shed with 503
    /// at once rather than queued (1,024). A request with a body counts
    /// from when its body starts to arrive: uploads that stall hold no
    /// place, and end at the body read timeout.
    ///
    /// ```
    /// let s = flaxum::Server::new().max_in_flight(256);
    /// # let _ = s;
    /// ```
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.max_in_flight = n.max(1);
        self
    }

    /// How many connections may be open at once. Past it, the server
    /// accepts no more until one closes; clients wait in the kernel's
    /// backlog. The default is 10,000, or, where the process's open-file
    /// limit can be read (Linux) and is lower, that limit less 64, so the
    /// server runs out of connections before it runs out of descriptors.
    ///
    /// ```
    /// let s = flaxum::Server::new().max_connections(2_000);
    /// # let _ = s;
    /// ```
    pub fn max_connections(mut self, n: usize) -> Self {
        self.max_connections = n.max(1);
        self
    }

    /// The most header fields a request may have; more get 431 (100).
    ///
    /// ```
    /// let s = flaxum::Server::new().max_headers(64);
    /// # let _ = s;
    /// ```
    pub fn max_headers(mut self, n: usize) -> Self {
        self.max_headers = n;
        self
    }

    /// The most a connection buffers while it reads a request head (64 KiB,
    /// at least 8 KiB); a longer head gets 431. It bounds the memory a
    /// client can hold with a head it never finishes to about this much
    /// per connection (hyper's own default is about 400 KB).
    ///
    /// ```
    /// let s = flaxum::Server::new().max_head_bytes(32 * 1024);
    /// # let _ = s;
    /// ```
    pub fn max_head_bytes(mut self, n: usize) -> Self {
        self.max_head_bytes = n.max(8 * 1024);
        self
    }

    /// How long a graceful shutdown waits for requests in flight (30 s);
    /// then the connections still open are closed, and `serve` returns.
    ///
    /// ```
    /// let s = flaxum::Server::new().shutdown_deadline(std::time::Duration::from_secs(5));
    /// # let _ = s;
    /// ```
    pub fn shutdown_deadline(mut self, d: Duration) -> Self {
        self.shutdown_deadline = d;
        self
    }

    /// Whether each request carries the client's address, as axum's
    /// [`ConnectInfo<SocketAddr>`](axum::extract::ConnectInfo), for
    /// handlers that take it: Flask's `request.remote_addr` (off). Off, a
    /// handler that takes it answers 500, as under `axum::serve` without
    /// `into_make_service_with_connect_info`. On, it costs each request
    /// the request's extension map (heap allocations).
    ///
    /// ```no_run
    /// use std::net::SocketAddr;
    /// use axum::extract::ConnectInfo;
    ///
    /// #[flaxum::get("/ip")]
    /// async fn ip(ConnectInfo(addr): ConnectInfo<SocketAddr>) -> String {
    ///     addr.ip().to_string()
    /// }
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// flaxum::Server::new()
    ///     .connect_info(true)
    ///     .serve("127.0.0.1:5000", flaxum::App::new(flaxum::routes![ip]))
    ///     .await
    /// # }
    /// ```
    pub fn connect_info(mut self, on: bool) -> Self {
        self.connect_info = on;
        self
    }

    /// Whether each connection's writes go out at once, without waiting
    /// to be joined with later ones (`TCP_NODELAY`; on, as in Go's
    /// servers). Off, the kernel holds a small write back while an earlier
    /// one is unacknowledged (Nagle's algorithm), so a streamed response's
    /// next chunk can wait for the client's delayed acknowledgement, up to
    /// about 40 ms. On costs no extra packets under many concurrent
    /// HTTP/2 streams: the server already joins what a connection writes
    /// in one poll into one write. `axum::serve` leaves it off.
    ///
    /// ```
    /// let s = flaxum::Server::new().tcp_nodelay(false);
    /// # let _ = s;
    /// ```
    pub fn tcp_nodelay(mut self, on: bool) -> Self {
        self.tcp_nodelay = on;
        self
    }

    /// How many threads of the server's own serve the connections, each
    /// thread with a single-threaded tokio runtime, as actix-web's workers
    /// do; 0 (the default) serves them as tasks of the runtime `serve` is
    /// awaited on, as `axum::serve` does.
    ///
    /// The accept loop stays where `serve` runs and gives the connections
    /// to the threads in turn; a connection, its HTTP/2 streams and what
    /// its handlers `tokio::spawn` stay on its thread. No wake-up or task
    /// crosses threads, which can cost less CPU per request. The price is
    /// that a thread's connections cannot move: a handler that computes
    /// for long holds up the other connections of its thread, not only
    /// its own, so such work belongs in `tokio::task::spawn_blocking`, and
    /// `tokio::task::block_in_place` panics there (a single-threaded
    /// runtime cannot give its thread away). Tasks that handlers spawn end
    /// when `serve` returns. One thread per core is the usual choice.
    ///
    /// Measure your own app before choosing it. On this project's 2-core
    /// machine, small answers cost about 7 % less CPU each (the median of
    /// paired rounds; single rounds ranged from 23 % less to 27 % more),
    /// the slowest 1 % of requests took about 7 ms rather than 4, and a
    /// page rendered from a database served 20 % fewer requests per second
    /// (`BENCHMARKS.md`).
    ///
    /// ```no_run
    /// # #[flaxum::get("/")] async fn index() {}
    /// # async fn run() -> std::io::Result<()> {
    /// let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    /// flaxum::Server::new()
    ///     .workers(cores)
    ///     .serve("127.0.0.1:5000", flaxum::App::new(flaxum::routes![index]))
    ///     .await
    /// # }
    /// ```
    pub fn workers(mut self, n: usize) -> Self {
        self.workers = n;
        self
    }

    /// Binds `addr` and serves `app` until SIGINT or SIGTERM, then shuts
    /// down gracefully.
    pub async fn serve<A, T>(self, addr: A, app: App<T>) -> io::Result<()>
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
        // The second signal, during the graceful shutdown, ends it at once.
        self.run(listener, app, shutdown_signal(), shutdown_signal())
            .await
    }

    /// Serves `app` on `listener` until `shutdown` completes, then shuts
    /// down gracefully: for tests, and for servers with their own signals.
    ///
    /// ```no_run
    /// # #[flaxum::get("/")] async fn index() {}
    /// # async fn run() -> std::io::Result<()> {
    /// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    /// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    /// let app = flaxum::App::new(flaxum::routes![index]);
    /// let server = tokio::spawn(flaxum::Server::new().serve_listener(listener, app, async {
    ///     let _ = stopped.await;
    /// }));
    /// let _ = stop.send(());
    /// server.await.unwrap()
    /// # }
    /// ```
    pub async fn serve_listener<T, F>(
        self,
        listener: TcpListener,
        app: App<T>,
        shutdown: F,
    ) -> io::Result<()>
    where
        App<T>: Service<Request<Body>, Response = Response, Error = Infallible>
            + Clone
            + Send
            + Sync
            + 'static,
        <App<T> as Service<Request<Body>>>::Future: Send + 'static,
        F: Future<Output = ()> + Send,
    {
        self.run(listener, app, shutdown, std::future::pending())
            .await
    }

    /// hyper's connection settings: HTTP/1.1 with the head limits, and h2c.
    fn connection_builder(&self) -> ConnBuilder<Streams> {
        let mut conn = ConnBuilder::new(Streams);
        let mut h1 = conn.http1();
        h1.max_buf_size(self.max_head_bytes);
        // No timer for hyper's own header-read timeout: it would arm and
        // drop one for every request head. Each connection's watchdog
        // (`watch::Watchdog`) keeps that deadline instead.
        h1.header_read_timeout(None);
        // hyper's own limit is 100 headers (431 beyond). Setting any limit,
        // even that one, makes it copy its header arrays on every request,
        // so the limit is set only when it differs.
        if self.max_headers != HYPER_MAX_HEADERS {
            h1.max_headers(self.max_headers);
        }
        conn.http2().timer(TokioTimer::new());
        conn
    }

    /// The accept loop until `shutdown`, then the graceful shutdown until
    /// the deadline or `force`, whichever comes first; at either, the
    /// connections still open are closed.
    async fn run<T, F, G>(
        self,
        listener: TcpListener,
        app: App<T>,
        shutdown: F,
        force: G,
    ) -> io::Result<()>
    where
        App<T>: super::AppService,
        F: Future<Output = ()> + Send,
        G: Future<Output = ()> + Send,
    {
        let guards = Arc::new(Guards {
            in_flight: Arc::new(Places::new(self.max_in_flight)),
            body_limit: self.body_limit,
            body_timeout: self.body_read_timeout,
            request_timeout: self.request_timeout,
            connect_info: self.connect_info,
        });
        let open = Arc::new(Semaphore::new(self.max_connections));
        let serving = Serving {
            app,
            guards,
            conn: Arc::new(self.connection_builder()),
            drain: Drain::default(),
        };
        let mut workers = Workers::start(self.workers).await?;
        // One watchdog for all connections, ended with the server.
        let watchdog = Arc::new(Watchdog::default());
        let _watchdog = AbortOnDrop(tokio::spawn(watchdog.clone().run(self.header_read_timeout)));
        // The connections' tasks, so that the shutdown can close them.
        let mut connections = tokio::task::JoinSet::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            // Forget the connections that have ended.
            while connections.try_join_next().is_some() {}
            // At the cap, accept nothing until a connection closes.
            let place = tokio::select! {
                place = open.clone().acquire_owned() => match place {
                    Ok(p) => p,
                    Err(_) => break,
                },
                () = &mut shutdown => break,
            };
            let (stream, peer): (_, SocketAddr) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(s) => s,
                    // A connection reset before it was accepted is the
                    // client's loss: go on at once.
                    Err(e) if is_connection_error(&e) => continue,
                    // Anything else (out of descriptors, out of memory)
                    // fails again at once: wait, rather than spin, until
                    // descriptors free up.
                    Err(_) => {
                        tokio::select! {
                            () = tokio::time::sleep(ACCEPT_BACKOFF) => continue,
                            () = &mut shutdown => break,
                        }
                    }
                },
                () = &mut shutdown => break,
            };
            if self.tcp_nodelay {
                let _ = stream.set_nodelay(true);
            }
            let Some((watched, conn_task)) =
                serving.spawn(&mut connections, workers.as_mut(), stream, peer, place)
            else {
                continue;
            };
            // A connection quiet past the header deadline is ended by the
            // watchdog, which closes it.
            watchdog.watch(watched, conn_task);
        }
        drop(listener);
        serving.drain.stop();
        let finished = async { while connections.join_next().await.is_some() {} };
        tokio::select! {
            _ = tokio::time::timeout(self.shutdown_deadline, finished) => {}
            () = force => {}
        }
        // Past the deadline (or on the second signal), what is still open
        // is closed rather than left to run on.
        connections.abort_all();
        while connections.join_next().await.is_some() {}
        Ok(())
    }
}

/// What every connection of one server is served with.
struct Serving<T> {
    app: App<T>,
    guards: Arc<Guards>,
    conn: Arc<ConnBuilder<Streams>>,
    drain: Drain,
}

impl<T> Serving<T>
where
    App<T>: super::AppService,
{
    /// Serves `stream` from `peer` in a task of `connections`, on the
    /// worker thread whose turn it is when there are workers; the task
    /// holds `place` until the connection ends. Returns what the watchdog
    /// needs, or `None` when the socket could not be moved to a worker.
    fn spawn(
        &self,
        connections: &mut tokio::task::JoinSet<()>,
        workers: Option<&mut Workers>,
        stream: tokio::net::TcpStream,
        peer: SocketAddr,
        place: tokio::sync::OwnedSemaphorePermit,
    ) -> Option<(Arc<Activity>, tokio::task::AbortHandle)> {
        let activity = Arc::new(Activity::default());
        let watched = activity.clone();
        let (app, guards, conn) = (self.app.clone(), self.guards.clone(), self.conn.clone());
        let draining = self.drain.clone();
        // The connection is put together in its task: on a worker thread,
        // its socket must be registered with that thread's runtime, not
        // with this one.
        let serve = move |stream| {
            let io = TokioIo::new(Watched::new(stream, activity.clone()));
            let batched = activity.clone();
            let svc = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
                guards.answer(req, &app, &activity, peer)
            });
            let connection = conn.serve_connection_with_upgrades(io, svc).into_owned();
            // On HTTP/2, what one poll of the connection writes goes out
            // in one write.
            Batched::new(draining.watch(connection), batched)
        };
        let task = match workers {
            None => connections.spawn(async move {
                let _ = serve(stream).await;
                drop(place);
            }),
            Some(workers) => {
                // Taken off this runtime's reactor, to join the worker's.
                let stream = stream.into_std().ok()?;
                connections.spawn_on(
                    async move {
                        if let Ok(stream) = tokio::net::TcpStream::from_std(stream) {
                            let _ = serve(stream).await;
                        }
                        drop(place);
                    },
                    workers.next(),
                )
            }
        };
        Some((watched, task))
    }
}

/// How the server runs an HTTP/2 stream: its first poll inline, in the
/// connection's task, and on in a task of its own only if that poll is
/// pending. Most handlers answer in their first poll: their streams then
/// cost no task, no wake-up across workers, and the answers to all the
/// requests one read brought go out together in one write (see
/// `watch::Batched`). A handler that waits (for the request body, a
/// database, a timer) goes on in its own task, so it holds up no other
/// stream of the connection; one that computes for long in its first poll
/// holds up the connection's other streams until it answers, as on an
/// HTTP/1.1 connection.
#[derive(Clone, Copy, Debug)]
struct Streams;

impl<F> hyper::rt::Executor<F> for Streams
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    fn execute(&self, fut: F) {
        let mut fut = Box::pin(fut);
        // Nothing is woken from this poll: a stream that is pending is
        // polled again at once by its task, which its waker then wakes.
        let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
        // A panic ends the stream (hyper resets it when its future is
        // dropped), as it ended the stream's task: not the connection.
        match std::panic::catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(&mut cx))) {
            Ok(core::task::Poll::Pending) => {
                tokio::spawn(fut);
            }
            Ok(core::task::Poll::Ready(_)) | Err(_) => {}
        }
    }
}

/// The threads of [`Server::workers`], each running a single-threaded
/// runtime until this is dropped.
struct Workers {
    handles: Vec<tokio::runtime::Handle>,
    /// The thread the next connection goes to.
    next: usize,
    /// Dropped, they end the threads' runtimes.
    _stop: Vec<tokio::sync::oneshot::Sender<()>>,
}

impl Workers {
    /// `n` threads, or none for 0. Each builds its runtime itself: a
    /// runtime built here and dropped here (were its thread not to start)
    /// would panic, as a runtime may not be dropped in an async context.
    async fn start(n: usize) -> io::Result<Option<Workers>> {
        if n == 0 {
            return Ok(None);
        }
        let mut workers = Workers {
            handles: Vec::with_capacity(n),
            next: 0,
            _stop: Vec::with_capacity(n),
        };
        for i in 0..n {
            let (ready, started) = tokio::sync::oneshot::channel();
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            std::thread::Builder::new()
                .name(format!("flaxum-worker-{i}"))
                .spawn(move || {
                    let runtime = match tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    {
                        Ok(runtime) => runtime,
                        Err(e) => {
                            let _ = ready.send(Err(e));
                            return;
                        }
                    };
                    let _ = ready.send(Ok(runtime.handle().clone()));
                    runtime.block_on(async {
                        let _ = stopped.await;
                    });
                    // What handlers spawned ends here; blocking tasks are
                    // not waited for.
                    runtime.shutdown_background();
                })?;
            // On an error, the threads started so far end as `workers`
            // is dropped.
            let handle = started
                .await
                .map_err(|_| io::Error::other("a worker thread ended as it started"))??;
            workers.handles.push(handle);
            workers._stop.push(stop);
        }
        Ok(Some(workers))
    }

    /// The runtime of the thread whose turn it is.
    fn next(&mut self) -> &tokio::runtime::Handle {
        let handle = &self.handles[self.next];
        self.next = (self.next + 1) % self.handles.len();
        handle
    }
}

/// A task aborted when this is dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// What every request of every connection is checked and guarded with.
struct Guards {
    in_flight: Arc<Places>,
    body_limit: usize,
    body_timeout: Duration,
    request_timeout: Duration,
    connect_info: bool,
}

/// A request's answer: at once, or the app's future under its guard.
type Answer<T> = Either<
    futures_util::future::Ready<Result<Response, Infallible>>,
    Guarded<<App<T> as Service<Request<Body>>>::Future>,
>;

impl Guards {
    /// One request from `peer`, on the connection whose activity is
    /// `activity`. The checks that need no handler answer at once; the
    /// handler's future is then polled under one guard (panic, timeout,
    /// permit) rather than through nested futures, each of which would
    /// move it once more.
    fn answer<T>(
        &self,
        req: Request<hyper::body::Incoming>,
        app: &App<T>,
        activity: &Arc<Activity>,
        peer: SocketAddr,
    ) -> Answer<T>
    where
        App<T>: super::AppService,
    {
        let refuse = |res| {
            activity.count_head();
            Either::Left(ready(Ok(res)))
        };
        let status = crate::dispatch::respond::status;
        // HTTP/1.1 requires exactly one `Host` (RFC 9112 §3.2);
        // hyper does not enforce it. Two could route one request
        // by one and log or authorize it by the other.
        let hosts = req.headers().get_all(http::header::HOST).iter().count();
        if hosts > 1 || (hosts == 0 && req.version() == http::Version::HTTP_11) {
            return refuse(status(StatusCode::BAD_REQUEST));
        }
        // A declared length over the limit is refused at once; any
        // other body is counted as it streams (the extractor that
        // reads past the limit answers 413). hyper has parsed the
        // `Content-Length` already: its body's size hint is that length
        // (and 0 for a chunked body, whose length is not declared).
        let body = hyper::body::Body::size_hint(req.body());
        if body.lower() > self.body_limit as u64 {
            return refuse(crate::dispatch::respond::too_large());
        }
        // A request without a body takes its in-flight place now;
        // one with a body, once the body starts to arrive.
        let has_body = !hyper::body::Body::is_end_stream(req.body());
        let permit = if has_body {
            Permit::Later(self.in_flight.clone(), Arc::new(Gate::default()))
        } else {
            match self.in_flight.take() {
                Some(p) => Permit::Held { _place: p },
                None => return refuse(status(StatusCode::SERVICE_UNAVAILABLE)),
            }
        };
        let h2 = req.version() == http::Version::HTTP_2;
        // Taken apart and put together once, in the call: each step that
        // rebuilt the request (`map`, a rebinding) copied its head.
        let (mut parts, body) = req.into_parts();
        if self.connect_info {
            parts.extensions.insert(axum::extract::ConnectInfo(peer));
        }
        let body = match &permit {
            Permit::Later(_, gate) => Body::new(Paced::new(
                http_body_util::Limited::new(body, self.body_limit),
                gate.clone(),
                self.body_timeout,
            )),
            // No body will come: an empty one, which costs no allocation,
            // rather than hyper's wrapped in a box.
            Permit::Held { .. } | Permit::Arrived { .. } => {
                drop(body);
                Body::empty()
            }
        };
        // `App` is always ready. A panic while it starts the
        // request is a 500 like one in the handler.
        let mut app = app.clone();
        let call = AssertUnwindSafe(move || app.call(Request::from_parts(parts, body)));
        match std::panic::catch_unwind(call) {
            Ok(fut) => Either::Right(Guarded::new(
                fut,
                self.request_timeout,
                permit,
                activity.start(),
                h2,
            )),
            Err(_panic) => refuse(status(StatusCode::INTERNAL_SERVER_ERROR)),
        }
    }
}

/// The places for requests in flight: a count against a cap. Nothing
/// waits for a place (a request that finds none is answered 503 at once),
/// so a counter does, with one atomic operation to take a place and one to
/// give it back; a semaphore would also lock its queue of waiters on every
/// release, a lock both workers contend for on every request.
struct Places {
    taken: AtomicUsize,
    cap: usize,
}

impl Places {
    fn new(cap: usize) -> Self {
        Places {
            taken: AtomicUsize::new(0),
            cap,
        }
    }

    /// A place, if fewer than the cap are taken.
    fn take(self: &Arc<Self>) -> Option<Place> {
        // Over the cap, the count is put back: it can read above the cap
        // for that moment, which only refuses a request that raced it.
        if self.taken.fetch_add(1, Acquire) >= self.cap {
            self.taken.fetch_sub(1, Release);
            return None;
        }
        Some(Place(self.clone()))
    }
}

/// A request's place among those in flight, given back when dropped.
struct Place(Arc<Places>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.taken.fetch_sub(1, Release);
    }
}

/// A request's place among those in flight.
enum Permit {
    /// Taken when the head arrived (held, not read).
    Held { _place: Place },
    /// To take once the body starts to arrive, or the handler waits for
    /// something else (the gate says which).
    Later(Arc<Places>, Arc<Gate>),
    /// Taken once the body arrived.
    Arrived { _place: Place, gate: Arc<Gate> },
}

pin_project_lite::pin_project! {
    /// A request's future under the server's guards: a panic while it is
    /// polled is answered with 500; past the request timeout, 503; a body
    /// that stopped arriving, 408. It holds its in-flight permit until it
    /// is done, from the start or from when its body arrives (503 if none
    /// is free then). The timer is armed only when the handler first
    /// waits, so a request answered in its first poll (most are) costs no
    /// timer. The first poll runs without a break from the request's
    /// start, so the deadline counted from there is late by that poll's
    /// work at most.
    struct Guarded<F> {
        #[pin]
        fut: F,
        limit: Duration,
        sleep: Option<core::pin::Pin<Box<tokio::time::Sleep>>>,
        permit: Permit,
        // The request keeps its connection from the idle deadline until
        // done; on HTTP/2, its response body takes this over (`None` then).
        in_flight: Option<InFlight>,
        // Whether the request came on HTTP/2, whose response bodies count
        // as being sent.
        h2: bool,
    }
}

impl<F> Guarded<F> {
    fn new(fut: F, limit: Duration, permit: Permit, in_flight: InFlight, h2: bool) -> Self {
        Guarded {
            fut,
            limit,
            sleep: None,
            permit,
            in_flight: Some(in_flight),
            h2,
        }
    }
}

impl<F: Future<Output = Result<Response, Infallible>>> Future for Guarded<F> {
    type Output = Result<Response, Infallible>;

    fn poll(
        self: core::pin::Pin<&mut Self>,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Self::Output> {
        use core::task::Poll;
        let this = self.project();
        let fut = this.fut;
        match std::panic::catch_unwind(AssertUnwindSafe(|| fut.poll(cx))) {
            Ok(Poll::Ready(Ok(res))) => {
                return Poll::Ready(Ok(finish(res, this.permit, *this.h2, this.in_flight)))
            }
            Ok(Poll::Pending) => {}
            Err(_panic) => {
                return Poll::Ready(Ok(crate::dispatch::respond::status(
                    StatusCode::INTERNAL_SERVER_ERROR,
                )))
            }
        }
        // The request takes its place once its body has started to arrive,
        // or once its handler waits for anything but the body.
        if let Permit::Later(places, gate) = &*this.permit {
            if gate.arrived() || !gate.read() {
                let Some(p) = places.take() else {
                    return Poll::Ready(Ok(crate::dispatch::respond::status(
                        StatusCode::SERVICE_UNAVAILABLE,
                    )));
                };
                *this.permit = Permit::Arrived {
                    _place: p,
                    gate: gate.clone(),
                };
            }
        }
        let limit = *this.limit;
        let sleep = this
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Ok(crate::dispatch::respond::status(
                StatusCode::SERVICE_UNAVAILABLE,
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// The handler's response, as sent: 408 instead when the request's body
/// stopped arriving (whatever the extractor made of the error); on HTTP/2,
/// with a body counted as being sent.
fn finish(res: Response, permit: &Permit, h2: bool, in_flight: &mut Option<InFlight>) -> Response {
    let timed_out = match permit {
        Permit::Later(_, gate) | Permit::Arrived { gate, .. } => gate.timed_out(),
        Permit::Held { .. } => false,
    };
    let res = if timed_out {
        let mut res = crate::dispatch::respond::status(StatusCode::REQUEST_TIMEOUT);
        if !h2 {
            // The rest of the body never came: the connection cannot be
            // read on.
            res.headers_mut().insert(
                http::header::CONNECTION,
                http::HeaderValue::from_static("close"),
            );
        }
        res
    } else {
        res
    };
    match in_flight.take() {
        Some(guard) if h2 => res.map(|b| Body::new(Counted::new(b, guard.into_sending()))),
        // On HTTP/1.1 the connection's own writes count, whatever sends
        // them: the request is done.
        _ => res,
    }
}

/// Completes on SIGINT (Ctrl-C) or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Binds `addr` and serves `app` with [`Server`]'s defaults until SIGINT or
/// SIGTERM.
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
pub async fn serve<A, T>(addr: A, app: App<T>) -> io::Result<()>
where
    A: ToSocketAddrs,
    App<T>: Service<Request<Body>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + Sync
        + 'static,
    <App<T> as Service<Request<Body>>>::Future: Send + 'static,
{
    Server::new().serve(addr, app).await
}
