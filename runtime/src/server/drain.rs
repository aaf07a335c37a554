//! The graceful shutdown of [`Server`]: every open connection is told to
//! finish the requests it has and close.
//!
//! A connection's task is woken when the shutdown starts, through a
//! [`Notify`] it registers with once, in its first poll; every later poll
//! reads one flag. A signal polled on every poll (a `watch` receiver's
//! `changed()`) would lock the waiters' mutex of a `Notify` that all
//! connections share, about twice per request, from both workers.
//!
//! [`Server`]: super::Server

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use hyper_util::server::graceful::GracefulConnection;
use tokio::sync::futures::OwnedNotified;
use tokio::sync::Notify;

/// Starts the shutdown of the connections it watches.
#[derive(Clone, Debug, Default)]
pub(super) struct Drain {
    stopping: Arc<AtomicBool>,
    notify: Arc<Notify>,
}

impl Drain {
    /// `conn`, to be shut down gracefully once [`Drain::stop`] is called.
    /// The connection must be polled as its task's own future (the waker
    /// of its first poll is the one woken).
    pub(super) fn watch<C: GracefulConnection>(&self, conn: C) -> Draining<C> {
        Draining {
            conn,
            notified: self.notify.clone().notified_owned(),
            stopping: self.stopping.clone(),
            registered: false,
            stopped: false,
        }
    }

    /// Tells every watched connection to finish its requests and close.
    pub(super) fn stop(&self) {
        // The flag first: a connection woken by the notification reads it.
        self.stopping.store(true, Ordering::Release);
        self.notify.notify_waiters();
    }
}

pin_project_lite::pin_project! {
    /// A connection that [`Drain::stop`] shuts down gracefully.
    pub(super) struct Draining<C> {
        #[pin]
        conn: C,
        #[pin]
        notified: OwnedNotified,
        stopping: Arc<AtomicBool>,
        registered: bool,
        stopped: bool,
    }
}

impl<C: GracefulConnection> Future for Draining<C> {
    type Output = C::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<C::Output> {
        let mut this = self.project();
        if !*this.stopped {
            let woken = if *this.registered {
                false
            } else {
                // The first poll leaves this task's waker with the notify.
                *this.registered = true;
                this.notified.as_mut().poll(cx).is_ready()
            };
            if woken || this.stopping.load(Ordering::Acquire) {
                *this.stopped = true;
                this.conn.as_mut().graceful_shutdown();
            }
        }
        this.conn.poll(cx)
    }
}
