//! A client driving the real `notes-lsp` binary over stdio, for the abuse suite: it writes
//! raw bytes or messages, answers the server's own requests with `null`, and waits for each
//! response within a bound (a safety net against a hung server, not a speed test).

use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any one answer may take before the server is taken for hung.
pub const BOUND: Duration = Duration::from_secs(120);

/// The note every liveness check hovers.
const ALIVE_NOTE: &str = "# Locks\n\n### What is the GIL?\n\nThe GIL is a lock around the interpreter.\n\nThe GIL again.\n";

/// A running server and the client side of its session.
pub struct Lsp {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    messages: Receiver<Value>,
    /// Responses that arrived while another was awaited, by id.
    early: HashMap<i64, Value>,
    /// Messages without an id (notifications and error responses to unreadable frames).
    pub notices: Vec<Value>,
    next_id: i64,
    /// The workspace folder.
    pub root: tempfile::TempDir,
    log: PathBuf,
    alive_uri: Option<String>,
}

impl Lsp {
    /// Starts a server on an empty workspace, without initializing it.
    pub fn spawn() -> Lsp {
        let root = tempfile::tempdir().unwrap();
        let log = root.path().join("server.log");
        let mut child = Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
            .arg("--stdio")
            .current_dir(root.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        let replies = stdin.clone();
        std::thread::spawn(move || read_messages(stdout, tx, replies));
        Lsp {
            child,
            stdin,
            messages,
            early: HashMap::new(),
            notices: Vec::new(),
            next_id: 0,
            root,
            log,
            alive_uri: None,
        }
    }

    /// Starts and initializes a server on an empty workspace.
    pub fn start() -> Lsp {
        let mut lsp = Lsp::spawn();
        let result = lsp.initialize();
        assert_eq!(
            result["result"]["serverInfo"]["name"], "notes-lsp",
            "{result}"
        );
        lsp.notify("initialized", json!({}));
        lsp
    }

    /// Sends `initialize` for the workspace folder and returns the whole response.
    pub fn initialize(&mut self) -> Value {
        let root = file_uri(self.root.path());
        self.call(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {},
                   "workspaceFolders": [{"uri": root, "name": "notes"}]}),
        )
    }

    /// Writes bytes as they are.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let mut stdin = self.stdin.lock().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Writes one frame with this body.
    pub fn send_body(&mut self, body: &str) {
        self.send_raw(&frame(body.as_bytes()));
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_body(&message.to_string());
    }

    /// A fresh request id.
    pub fn id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// Sends a request and returns its id, without waiting.
    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.id();
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_body(&message.to_string());
        id
    }

    /// Sends a request and waits for its whole response.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        self.response(id)
    }

    /// Sends a request and waits for its result, failing on an error response.
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The response to request `id` (messages in between are kept).
    pub fn response(&mut self, id: i64) -> Value {
        if let Some(response) = self.early.remove(&id) {
            return response;
        }
        loop {
            let message = self.next_message();
            match message["id"].as_i64() {
                Some(got) if got == id => return message,
                Some(got) => {
                    self.early.insert(got, message);
                }
                None => self.notices.push(message),
            }
        }
    }

    /// The next message without an id whose content satisfies `accept` (earlier ones too).
    pub fn notice(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.notices.iter().position(&accept) {
            return self.notices.remove(i);
        }
        loop {
            let message = self.next_message();
            match message["id"].as_i64() {
                Some(got) => {
                    self.early.insert(got, message);
                }
                None if accept(&message) => return message,
                None => self.notices.push(message),
            }
        }
    }

    fn next_message(&mut self) -> Value {
        let deadline = Instant::now() + BOUND;
        match self
            .messages
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => {
                panic!("no answer within {BOUND:?}; log:\n{}", self.log_tail())
            }
            Err(RecvTimeoutError::Disconnected) => {
                let status = self.child.wait().ok();
                panic!("the server ended ({status:?}); log:\n{}", self.log_tail())
            }
        }
    }

    /// The end of the server's log.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let start = log.len().saturating_sub(4000);
        let start = (start..=log.len())
            .find(|&i| log.is_char_boundary(i))
            .unwrap_or(log.len());
        log[start..].to_string()
    }

    /// The server's whole log.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Opens a document at `name` in the workspace (not written to disk) and returns its URI.
    pub fn open(&mut self, name: &str, text: &str) -> String {
        let uri = file_uri(&self.root.path().join(name));
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                   "text": text}}),
        );
        uri
    }

    /// Replaces a document's whole text.
    pub fn replace(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }

    /// The response to a hover at a position.
    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// The hover's text at a position (empty when there is no hover), failing on an error.
    pub fn hover_text(&mut self, uri: &str, line: u32, character: u32) -> String {
        let response = self.hover(uri, line, character);
        assert!(response.get("error").is_none(), "{response}");
        response["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Asserts that the server still answers a hover with a term's answer.
    pub fn assert_alive(&mut self) {
        let uri = match &self.alive_uri {
            Some(uri) => uri.clone(),
            None => {
                let uri = self.open("alive.md", ALIVE_NOTE);
                self.alive_uri = Some(uri.clone());
                uri
            }
        };
        let shown = self.hover_text(&uri, 6, 5);
        assert!(shown.contains("lock around the interpreter"), "{shown}");
    }

    /// Shuts the server down and waits for it to exit.
    pub fn shutdown(mut self) {
        let response = self.call("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + BOUND;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the server did not exit");
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A frame: header and body.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The `file:` URI of a path.
pub fn file_uri(path: &Path) -> String {
    notes_lsp::file_url::file_url(path, None)
}

/// Reads the server's frames into `tx`, answering its requests with `null`.
fn read_messages(stdout: impl Read, tx: mpsc::Sender<Value>, replies: Arc<Mutex<ChildStdin>>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse::<usize>().ok();
            }
        }
        let Some(length) = length else {
            panic!("a frame from the server without Content-Length");
        };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("the server writes JSON");
        if message.get("method").is_some() && message.get("id").is_some() {
            let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
            let mut stdin = replies.lock().unwrap();
            let _ = stdin.write_all(&frame(reply.to_string().as_bytes()));
            let _ = stdin.flush();
            continue;
        }
        if tx.send(message).is_err() {
            return;
        }
    }
}
