//! The client side of JSON-RPC over the child's stdio.

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "../../tests/common/frame.rs"]
mod frame;
pub use frame::read_message;

/// Longest wait for one answer.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A message from the server and when its last byte was read.
pub struct Message {
    pub value: Value,
    pub at: Instant,
}

pub struct Server {
    pub child: Child,
    pub stdin: Arc<Mutex<ChildStdin>>,
    pub incoming: Receiver<Message>,
    pub backlog: VecDeque<Message>,
    pub next_id: i64,
    pub spawned: Instant,
}

/// A message with its header, ready for one write.
pub fn frame(value: &Value) -> Vec<u8> {
    let body = value.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

pub fn write_message(stdin: &Mutex<ChildStdin>, framed: &[u8]) -> std::io::Result<()> {
    let mut stdin = stdin.lock().unwrap_or_else(|e| e.into_inner());
    stdin.write_all(framed)?;
    stdin.flush()
}

impl Server {
    pub fn spawn(bin: &Path, log: &Path) -> Server {
        let log = std::fs::File::create(log).expect("the server log can be written");
        let spawned = Instant::now();
        let mut child = Command::new(bin)
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let stdin = Arc::new(Mutex::new(child.stdin.take().expect("piped")));
        let stdout = child.stdout.take().expect("piped");
        let (tx, incoming) = mpsc::channel();
        let replies = stdin.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 16, stdout);
            while let Some(value) = read_message(&mut reader) {
                let at = Instant::now();
                // Requests from the server (progress tokens, refresh, registrations) get `null`.
                if value.get("method").is_some() {
                    if let Some(id) = value.get("id") {
                        let reply = json!({"jsonrpc": "2.0", "id": id, "result": null});
                        let _ = write_message(&replies, &frame(&reply));
                    }
                }
                if tx.send(Message { value, at }).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            incoming,
            backlog: VecDeque::new(),
            next_id: 0,
            spawned,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn notify(&self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        if let Err(e) = write_message(&self.stdin, &frame(&message)) {
            eprintln!("lsp_e2e: writing {method}: {e}");
        }
    }

    /// Sends a request and waits for its response: (result or error, latency).
    pub fn request(&mut self, method: &str, params: Value) -> Result<(Value, Duration), String> {
        self.next_id += 1;
        let id = self.next_id;
        let message =
            frame(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let sent = Instant::now();
        write_message(&self.stdin, &message).map_err(|e| format!("writing {method}: {e}"))?;
        let deadline = sent + REQUEST_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if m.value.get("method").is_none() && m.value["id"] == json!(id) => {
                    let latency = m.at - sent;
                    if let Some(error) = m.value.get("error") {
                        return Err(format!("{method}: {error}"));
                    }
                    return Ok((m.value["result"].clone(), latency));
                }
                Ok(m) => self.keep(m),
                Err(RecvTimeoutError::Timeout) => return Err(format!("{method}: timed out")),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!("{method}: the server closed its output"))
                }
            }
        }
    }

    /// Keeps notifications a later wait may look for.
    pub fn keep(&mut self, m: Message) {
        if m.value.get("method").is_some() {
            self.backlog.push_back(m);
            if self.backlog.len() > 100_000 {
                self.backlog.pop_front();
            }
        }
    }

    /// The first message (kept or new) that `accept` takes, within `timeout`.
    pub fn wait_for(
        &mut self,
        timeout: Duration,
        accept: impl Fn(&Value) -> bool,
    ) -> Option<Message> {
        if let Some(i) = self.backlog.iter().position(|m| accept(&m.value)) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if accept(&m.value) => return Some(m),
                Ok(m) => self.keep(m),
                Err(_) => return None,
            }
        }
    }

    /// Reads messages until none arrives for `quiet` (at most `limit`); returns how many.
    pub fn drain(
        &mut self,
        quiet: Duration,
        limit: Duration,
        mut each: impl FnMut(&Message),
    ) -> usize {
        let deadline = Instant::now() + limit;
        let mut count = 0;
        for m in self.backlog.drain(..) {
            each(&m);
            count += 1;
        }
        while Instant::now() < deadline {
            match self.incoming.recv_timeout(quiet) {
                Ok(m) => {
                    each(&m);
                    count += 1;
                }
                Err(_) => break,
            }
        }
        count
    }

    pub fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!("lsp_e2e: the server did not exit after `exit`; killing it");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
