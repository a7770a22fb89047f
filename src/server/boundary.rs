//! The handlers' boundary: a panic in a handler becomes an error response (`-32603`, internal
//! error) for a request, and a log line either way, never a dead server; and request work runs
//! on blocking threads, so that one slow request does not hold up the others.
//!
//! The session's state survives a panic: its mutex is taken over when poisoned (see
//! `Backend::session`), and every change to it is made whole under one lock.

use super::Backend;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::task::{Context, Poll};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response, Result};
use tower_service::Service;

/// A service that answers for the panics of the one it wraps.
pub struct PanicBoundary<S> {
    inner: S,
}

impl<S> PanicBoundary<S> {
    /// Wraps `inner`.
    pub fn new(inner: S) -> Self {
        PanicBoundary { inner }
    }
}

impl<S> Service<Request> for PanicBoundary<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<'static, std::result::Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<std::result::Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let id = request.id().cloned();
        let method = request.method().to_string();
        let inner = &mut self.inner;
        let future = match std::panic::catch_unwind(AssertUnwindSafe(|| inner.call(request))) {
            Ok(future) => future,
            Err(panic) => {
                let answer = failure(id, &method, panic.as_ref());
                return Box::pin(async move { Ok(answer) });
            }
        };
        Box::pin(async move {
            match AssertUnwindSafe(future).catch_unwind().await {
                Ok(answer) => answer,
                Err(panic) => Ok(failure(id, &method, panic.as_ref())),
            }
        })
    }
}

/// Logs a handler's panic; a request gets an internal error.
fn failure(id: Option<Id>, method: &str, panic: &(dyn Any + Send)) -> Option<Response> {
    let reason = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown cause");
    tracing::error!("{method} failed: panic: {reason}");
    let error = Error {
        code: ErrorCode::InternalError,
        message: format!("internal error in {method}: {reason}").into(),
        data: None,
    };
    id.map(|id| Response::from_error(id, error))
}

impl Backend {
    /// Runs a request's work on a blocking thread. The request's place among the messages is
    /// kept: the work starts when the handler is first polled, after every earlier message
    /// (an edit, say) was applied. A panic there is raised again here, for the boundary.
    pub(super) async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Backend) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let backend = self.clone();
        match tokio::task::spawn_blocking(move || work(&backend)).await {
            Ok(answer) => answer,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(_) => Err(Error::internal_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::convert::Infallible;
    use tower::ServiceExt;

    fn request(id: Option<i64>, method: &'static str) -> Request {
        let builder = Request::build(method).params(json!({}));
        match id {
            Some(id) => builder.id(id).finish(),
            None => builder.finish(),
        }
    }

    type Answer = BoxFuture<'static, std::result::Result<Option<Response>, Infallible>>;

    /// A service that panics in the methods `late` (after a yield) and `formatted`.
    fn panicking() -> PanicBoundary<
        impl Service<Request, Response = Option<Response>, Error = Infallible, Future = Answer>,
    > {
        PanicBoundary::new(tower::service_fn(|request: Request| -> Answer {
            Box::pin(async move {
                match request.method() {
                    "late" => {
                        tokio::task::yield_now().await;
                        panic!("late failure")
                    }
                    "formatted" => panic!("failure {}", 42),
                    _ => Ok(request
                        .id()
                        .map(|id| Response::from_ok(id.clone(), json!(1)))),
                }
            })
        }))
    }

    #[tokio::test]
    async fn a_panicking_request_gets_an_internal_error_and_the_service_goes_on() {
        let mut service = panicking();
        for (method, reason) in [("late", "late failure"), ("formatted", "failure 42")] {
            let answer = service
                .ready()
                .await
                .unwrap()
                .call(request(Some(3), method))
                .await
                .unwrap()
                .expect("a request is answered");
            let (id, result) = answer.into_parts();
            assert_eq!(id, Id::Number(3));
            let error = result.unwrap_err();
            assert_eq!(error.code, ErrorCode::InternalError);
            assert!(error.message.contains(reason), "{}", error.message);
        }
        // A panicking notification is only logged.
        let answer = service.ready().await.unwrap().call(request(None, "late"));
        assert_eq!(answer.await.unwrap(), None);
        let fine = service
            .ready()
            .await
            .unwrap()
            .call(request(Some(4), "fine"));
        assert!(fine.await.unwrap().unwrap().is_ok());
    }

    #[tokio::test(flavor = "current_thread")]
    async fn request_work_leaves_the_runtime_free() {
        let (service, _) = crate::server::service();
        let backend = service.inner().clone();
        let (release, released) = std::sync::mpsc::channel::<()>();
        // The work waits for this task, which runs only if the one runtime thread is free.
        let work = tokio::spawn(async move {
            backend
                .blocking(move |_| {
                    let waited = released.recv_timeout(std::time::Duration::from_secs(30));
                    Ok(waited.is_ok())
                })
                .await
        });
        tokio::task::yield_now().await;
        release.send(()).unwrap();
        assert!(work.await.unwrap().unwrap());
    }

    #[tokio::test]
    async fn a_panic_in_request_work_reaches_the_boundary() {
        let (service, _) = crate::server::service();
        let backend = service.inner().clone();
        let work = backend.blocking(|_| -> Result<()> { panic!("in the work") });
        let caught = AssertUnwindSafe(work).catch_unwind().await.unwrap_err();
        assert_eq!(caught.downcast_ref::<&str>(), Some(&"in the work"));
    }

    #[test]
    fn a_panic_while_calling_is_caught_too() {
        let mut service = PanicBoundary::new(tower::service_fn(
            |_: Request| -> BoxFuture<
                'static,
                std::result::Result<Option<Response>, std::convert::Infallible>,
            > { panic!("synchronous failure") },
        ));
        let answer = futures::executor::block_on(service.call(request(Some(9), "x")));
        let (_, result) = answer.unwrap().unwrap().into_parts();
        assert!(result.unwrap_err().message.contains("synchronous failure"));
    }
}
