//! Test helpers: vaults written from a string, and an LSP client driving the in-process server.
#![allow(dead_code)]

mod frame;
// Not every test crate reads frames.
#[allow(unused_imports)]
pub use frame::read_message;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use tokio::sync::mpsc;
use tower::{Service, ServiceExt};
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::LspService;

/// Writes a vault described as `--- path\ncontent` sections into a fresh temporary folder.
pub fn vault(spec: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for section in spec.split("--- ").filter(|s| !s.trim().is_empty()) {
        let (name, body) = section.split_once('\n').unwrap_or((section, ""));
        let path = dir.path().join(name.trim());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    dir
}

/// `notes-lsp check` output for a folder, with the folder's path removed.
pub fn check_output(dir: &Path) -> (String, u8) {
    let mut out = Vec::new();
    let code = notes_lsp::cli::check(dir, notes_lsp::cli::Format::Text, &mut out);
    let text = String::from_utf8(out).unwrap();
    let prefix = format!("{}/", dir.display());
    (text.replace(&prefix, ""), code)
}

/// The `file:` URI of a path, percent-encoded as editors send it.
pub fn uri(path: &Path) -> String {
    notes_lsp::file_url::file_url(path, None)
}

/// An LSP client talking to the server in-process through its tower service.
pub struct Client {
    service: LspService<notes_lsp::server::Backend>,
    incoming: mpsc::UnboundedReceiver<Request>,
    next_id: i64,
}

impl Client {
    /// Starts a server; its requests to the client are answered with `null`.
    pub fn start() -> Self {
        let (service, socket) = notes_lsp::server::service();
        let (tx, incoming) = mpsc::unbounded_channel();
        let (mut requests, mut responses) = socket.split();
        tokio::spawn(async move {
            while let Some(message) = requests.next().await {
                if let Some(id) = message.id().cloned() {
                    let _ = responses.send(Response::from_ok(id, Value::Null)).await;
                }
                let _ = tx.send(message);
            }
        });
        Client {
            service,
            incoming,
            next_id: 0,
        }
    }

    /// Sends a request and returns its result, or the error as `{"error": message, "code": n}`.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let (_, response) = self.send(method, params).await;
        response.await
    }

    /// Sends a request without waiting for it: its id, and its result (or error, as
    /// [`Client::request`] gives it) once awaited.
    pub async fn send(
        &mut self,
        method: &str,
        params: Value,
    ) -> (i64, impl std::future::Future<Output = Value>) {
        self.next_id += 1;
        let request = Request::build(method.to_string())
            .id(self.next_id)
            .params(params)
            .finish();
        let response = self.service.ready().await.unwrap().call(request);
        let result = async move {
            let response = response.await.unwrap().expect("a request gets a response");
            match response.into_parts().1 {
                Ok(v) => v,
                Err(e) => json!({"error": e.message, "code": e.code.code()}),
            }
        };
        (self.next_id, result)
    }

    /// Sends a notification.
    pub async fn notify(&mut self, method: &str, params: Value) {
        let request = Request::build(method.to_string()).params(params).finish();
        self.service
            .ready()
            .await
            .unwrap()
            .call(request)
            .await
            .unwrap();
    }

    /// Initializes with these client capabilities and workspace root, then `initialized`.
    pub async fn initialize(&mut self, root: &Path, capabilities: Value, options: Value) -> Value {
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri(root),
                    "workspaceFolders": [{"uri": uri(root), "name": "notes"}],
                    "capabilities": capabilities,
                    "initializationOptions": options,
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    /// Initializes (advertising work-done progress) and waits until indexing has ended.
    pub async fn initialize_indexed(&mut self, root: &Path, options: Value) {
        let caps = json!({"window": {"workDoneProgress": true}});
        self.initialize(root, caps, options).await;
        self.expect_where("$/progress", |p| p["value"]["kind"] == "end")
            .await;
    }

    /// The next server-to-client message with this method (others are dropped), within 10 s.
    pub async fn expect(&mut self, method: &str) -> Value {
        self.expect_where(method, |_| true).await
    }

    /// The next message with this method whose params satisfy `accept`.
    pub async fn expect_where(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let message = tokio::time::timeout_at(deadline, self.incoming.recv())
                .await
                .unwrap_or_else(|_| panic!("no {method} within 10 s"))
                .expect("server alive");
            let params = message.params().cloned().unwrap_or(Value::Null);
            if message.method() == method && accept(&params) {
                return params;
            }
        }
    }

    /// Diagnostics published for `path`, waiting for a publication that satisfies `accept`.
    pub async fn diagnostics_for(
        &mut self,
        path: &Path,
        accept: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let want = uri(path);
        let params = self
            .expect_where("textDocument/publishDiagnostics", |p| {
                p["uri"] == want.as_str() && accept(p["diagnostics"].as_array().unwrap())
            })
            .await;
        params["diagnostics"].as_array().unwrap().clone()
    }
}

/// `notes-lsp --stdio` started with its stdin and stdout piped (its log dropped).
pub fn spawn_stdio() -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
        .arg("--stdio")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("notes-lsp starts")
}
