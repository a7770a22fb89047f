//! The server in-process, behind its panic boundary: a request whose work panics, and settings
//! changes that do or do not index the vault again.

use super::boundary::PanicBoundary;
use super::{convert, Backend};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tower::ServiceExt;
use tower_lsp_server::jsonrpc::{ErrorCode, Request, Response};
use tower_lsp_server::LspService;
use tower_service::Service;

type Boundary = PanicBoundary<LspService<Backend>>;

/// A server whose requests to the client are answered with `null`, behind its boundary, and
/// its backend.
fn started() -> (Backend, Boundary) {
    let (service, socket) = super::service();
    let backend = service.inner().clone();
    let (mut to_client, mut from_client) = socket.split();
    tokio::spawn(async move {
        while let Some(message) = to_client.next().await {
            if let Some(id) = message.id().cloned() {
                let _ = from_client.send(Response::from_ok(id, Value::Null)).await;
            }
        }
    });
    (backend, PanicBoundary::new(service))
}

/// Sends a message; `None` as `id` makes it a notification.
async fn send(
    service: &mut Boundary,
    id: Option<i64>,
    method: &'static str,
    params: Value,
) -> Option<Response> {
    let builder = Request::build(method).params(params);
    let message = match id {
        Some(id) => builder.id(id).finish(),
        None => builder.finish(),
    };
    service.ready().await.unwrap().call(message).await.unwrap()
}

/// The result of a request that succeeded.
async fn answer(service: &mut Boundary, id: i64, method: &'static str, params: Value) -> Value {
    let response = send(service, Some(id), method, params).await;
    let (_, result) = response.expect("a request is answered").into_parts();
    result.expect("the request succeeds")
}

#[tokio::test]
async fn a_request_whose_work_panics_gets_an_error_and_the_server_answers_the_next() {
    let (backend, mut service) = started();
    answer(&mut service, 1, "initialize", json!({"capabilities": {}})).await;
    send(&mut service, None, "initialized", json!({})).await;
    let uri = "file:///notes/gil.md";
    let text = "# GIL\n\nThe GIL is a lock.\n";
    let document = json!({"uri": uri, "languageId": "markdown", "version": 1, "text": text});
    send(
        &mut service,
        None,
        "textDocument/didOpen",
        json!({"textDocument": document}),
    )
    .await;
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 5}});
    backend.session().fail_next_request = true;
    let failed = send(&mut service, Some(2), "textDocument/hover", at.clone()).await;
    let (_, result) = failed.expect("a request is answered").into_parts();
    let error = result.unwrap_err();
    assert_eq!(error.code, ErrorCode::InternalError);
    assert!(error.message.contains("on purpose"), "{}", error.message);
    let outline = json!({"textDocument": {"uri": uri}});
    let symbols = answer(&mut service, 3, "textDocument/documentSymbol", outline).await;
    assert_eq!(symbols[0]["name"], "GIL");
    answer(&mut service, 4, "textDocument/hover", at).await;
}

#[tokio::test]
async fn feature_settings_apply_at_once_and_only_index_settings_index_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("a.md"), "# GIL\nThe GIL is a lock.\n").unwrap();
    std::fs::write(root.join("b.md"), "GIL here.\n").unwrap();
    let (backend, mut service) = started();
    let root_uri = convert::path_to_uri(&root).unwrap();
    let init = json!({"capabilities": {}, "rootUri": root_uri});
    answer(&mut service, 1, "initialize", init).await;
    send(&mut service, None, "initialized", json!({})).await;
    let b = convert::path_to_uri(&root.join("b.md")).unwrap();
    let at = json!({"textDocument": {"uri": b}, "position": {"line": 0, "character": 1}});
    let hover = answer(&mut service, 2, "textDocument/hover", at.clone()).await;
    assert!(hover["contents"].is_object(), "{hover}");
    let change = |settings: Value| json!({"settings": {"notesLsp": settings}});
    let quiet = change(json!({"hover": {"enabled": false}, "severity": {"unanswered": "off"}}));
    send(
        &mut service,
        None,
        "workspace/didChangeConfiguration",
        quiet,
    )
    .await;
    let hover = answer(&mut service, 3, "textDocument/hover", at).await;
    assert_eq!(hover, Value::Null);
    assert_eq!(
        backend.session().generation,
        1,
        "a feature setting indexed again"
    );
    let todo = change(json!({"hover": {"enabled": false}, "placeholders": ["TODO"]}));
    send(&mut service, None, "workspace/didChangeConfiguration", todo).await;
    assert_eq!(
        backend.session().generation,
        2,
        "placeholders did not index again"
    );
}
