//! The server's life around its index: requests that need the first index wait for it (for a
//! bounded time), an index being built is cancelled when a newer one supersedes it or the server
//! stops, and the exit code says whether the client asked for `shutdown` before it exited.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::watch;
use tower_lsp_server::jsonrpc::Request;

/// The longest a request that needs the index waits for the first one.
pub const INDEX_WAIT: Duration = Duration::from_secs(2);

/// Where the server is in its life.
pub struct Lifecycle {
    /// `true` once requests need not wait any more: the first index is in, or the server stops.
    open: watch::Sender<bool>,
    /// Whether the client sent `shutdown`.
    shutdown_received: AtomicBool,
    /// Whether the server is stopping (after `shutdown`, `exit` or the end of its input).
    stopping: AtomicBool,
    /// The cancellation flag of the index being built, if any.
    indexing: Mutex<Option<Arc<AtomicBool>>>,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Lifecycle {
            open: watch::Sender::new(false),
            shutdown_received: AtomicBool::new(false),
            stopping: AtomicBool::new(false),
            indexing: Mutex::new(None),
        }
    }
}

impl Lifecycle {
    /// Waits until the first index is in (or the server stops), at most [`INDEX_WAIT`]. Returns
    /// at once afterwards.
    pub async fn wait_for_index(&self) {
        let mut open = self.open.subscribe();
        let _ = tokio::time::timeout(INDEX_WAIT, open.wait_for(|open| *open)).await;
    }

    /// Lets the requests that wait for the first index go ahead.
    pub fn index_ready(&self) {
        self.open.send_replace(true);
    }

    /// The cancellation flag for a new index, cancelling the one being built (which it
    /// supersedes). Already set when the server is stopping.
    pub fn start_index(&self) -> Arc<AtomicBool> {
        let cancel = Arc::new(AtomicBool::new(self.stopping.load(Ordering::SeqCst)));
        let previous = self.indexing().replace(cancel.clone());
        if let Some(previous) = previous {
            previous.store(true, Ordering::SeqCst);
        }
        cancel
    }

    /// Records that the client sent `shutdown` (as it arrives: an `exit` may follow before it is
    /// answered).
    pub fn shutdown_received(&self) {
        self.shutdown_received.store(true, Ordering::SeqCst);
    }

    /// Stops: cancels the index being built and releases the requests waiting for one.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(cancel) = self.indexing().take() {
            cancel.store(true, Ordering::SeqCst);
        }
        self.open.send_replace(true);
    }

    /// The process's exit code: 0 after a `shutdown`, 1 when the client exited (or went away)
    /// without one, as the protocol asks.
    pub fn exit_code(&self) -> u8 {
        if self.shutdown_received.load(Ordering::SeqCst) {
            0
        } else {
            1
        }
    }

    fn indexing(&self) -> MutexGuard<'_, Option<Arc<AtomicBool>>> {
        self.indexing.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The LSP service as the stdio server runs it: `shutdown` is recorded as it arrives, and
/// `exit` stops the server (cancelling its index) before the service acts on it.
pub struct Observed<S> {
    inner: S,
    lifecycle: Arc<Lifecycle>,
}

impl<S> Observed<S> {
    /// Wraps a service.
    pub fn new(inner: S, lifecycle: Arc<Lifecycle>) -> Self {
        Observed { inner, lifecycle }
    }
}

impl<S: tower_service::Service<Request>> tower_service::Service<Request> for Observed<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match request.method() {
            "shutdown" => self.lifecycle.shutdown_received(),
            "exit" => self.lifecycle.stop(),
            _ => {}
        }
        self.inner.call(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_index_cancels_the_one_it_supersedes() {
        let lifecycle = Lifecycle::default();
        let first = lifecycle.start_index();
        let second = lifecycle.start_index();
        assert!(first.load(Ordering::SeqCst));
        assert!(!second.load(Ordering::SeqCst));
        lifecycle.stop();
        assert!(second.load(Ordering::SeqCst));
        assert!(lifecycle.start_index().load(Ordering::SeqCst));
    }

    #[test]
    fn exit_code_is_zero_only_after_shutdown() {
        let lifecycle = Lifecycle::default();
        assert_eq!(lifecycle.exit_code(), 1);
        lifecycle.stop();
        assert_eq!(lifecycle.exit_code(), 1);
        lifecycle.shutdown_received();
        assert_eq!(lifecycle.exit_code(), 0);
    }
}
