//! A notes-lsp process driven over stdio, as an editor drives it: its messages are read on a
//! thread, its requests to the client answered (or, on request, never), and every wait is
//! bounded so that a server that hangs fails the test instead of hanging it.

use crate::common::{read_message, spawn_stdio};
use serde_json::{json, Value};
use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ExitStatus};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The longest one step may take before the test fails: a safety bound, not a speed target.
pub const BOUND: Duration = Duration::from_secs(30);

/// A running server.
pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Every message the server sent so far, in order.
    pub seen: Vec<Value>,
    /// Server-to-client requests with these methods are never answered.
    pub unanswered: Vec<&'static str>,
    next_id: i64,
}

impl Server {
    /// Starts `notes-lsp --stdio`.
    pub fn start() -> Self {
        let mut child = spawn_stdio();
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            incoming,
            seen: Vec::new(),
            unanswered: Vec::new(),
            next_id: 0,
        }
    }

    /// Writes one message.
    pub fn send(&mut self, message: Value) {
        self.write(&message).expect("the server reads its input");
    }

    fn write(&mut self, message: &Value) -> std::io::Result<()> {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        stdin.flush()
    }

    /// Sends a request; returns its id.
    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// `initialize` with these capabilities on this root (and these settings), then
    /// `initialized`; returns the initialize result.
    pub fn initialize(&mut self, root: &Path, capabilities: Value, options: Value) -> Value {
        let root = uri(root);
        let id = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": capabilities,
                   "workspaceFolders": [{"uri": root, "name": "notes"}],
                   "initializationOptions": options}),
        );
        let init = self.response(id);
        self.notify("initialized", json!({}));
        init
    }

    /// The result of the request with this id (responses may come in any order).
    pub fn response(&mut self, id: i64) -> Value {
        let answers = |m: &Value| m["id"] == id && m.get("method").is_none();
        if let Some(response) = self.seen.iter().find(|m| answers(m)) {
            return response["result"].clone();
        }
        let response = self.expect(&format!("the response to request {id}"), answers);
        response["result"].clone()
    }

    /// The next message that `accept` takes (the messages before it are kept in `seen`).
    pub fn expect(&mut self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + BOUND;
        loop {
            match self.next(deadline) {
                Ok(message) if accept(&message) => return message,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {BOUND:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server ended before {what}"),
            }
        }
    }

    /// `$/progress` notifications, from the first the server sent, until `count` of them have
    /// begun and ended; returns their closing messages, in order.
    pub fn progress_ended(&mut self, count: usize) -> Vec<String> {
        let mut begun = Vec::new();
        let mut ended = Vec::new();
        let mut messages = Vec::new();
        let mut earlier = self
            .seen_with_method("$/progress")
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
            .into_iter();
        loop {
            if ended.len() == count {
                return messages;
            }
            let progress = earlier.next().unwrap_or_else(|| {
                self.expect("the end of every $/progress begun", |m| {
                    m["method"] == "$/progress"
                })
            });
            let token = progress["params"]["token"].clone();
            match progress["params"]["value"]["kind"].as_str() {
                Some("begin") => begun.push(token),
                Some("end") => {
                    assert!(begun.contains(&token), "end before begin: {progress}");
                    ended.push(token);
                    let message = progress["params"]["value"]["message"].as_str();
                    messages.push(message.unwrap_or_default().to_string());
                }
                _ => {}
            }
        }
    }

    /// Closes the server's standard input.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// `shutdown`, answered, then `exit`.
    pub fn shutdown_and_exit(&mut self) {
        let id = self.request("shutdown", Value::Null);
        assert_eq!(self.response(id), Value::Null);
        self.notify("exit", Value::Null);
    }

    /// Reads what the server still sends until it ends, then its exit status.
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + BOUND;
        loop {
            match self.next(deadline) {
                Ok(_) => {}
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the server did not exit within {BOUND:?}")
                }
            }
        }
        loop {
            if let Some(status) = self.child.try_wait().expect("the server can be waited for") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit within {BOUND:?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The server's messages with this method.
    pub fn seen_with_method(&self, method: &str) -> Vec<&Value> {
        self.seen.iter().filter(|m| m["method"] == method).collect()
    }

    /// The next message, its requests to the client answered with `null` unless listed in
    /// `unanswered`.
    fn next(&mut self, deadline: Instant) -> Result<Value, RecvTimeoutError> {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = self.incoming.recv_timeout(left)?;
        let method = message["method"].as_str().unwrap_or_default().to_string();
        if let Some(id) = message.get("id").filter(|_| !method.is_empty()) {
            if !self.unanswered.contains(&method.as_str()) && self.stdin.is_some() {
                // A server that has stopped reading no longer needs the answer.
                let _ = self.write(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
        }
        self.seen.push(message.clone());
        Ok(message)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The `file:` URI of a path.
pub fn uri(path: &Path) -> String {
    notes_lsp::file_url::file_url(path, None)
}
