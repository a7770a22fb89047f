//! End-to-end benchmark: the real `notes-lsp` binary over stdio against a generated vault.
//!
//! ```text
//! cargo bench --bench lsp_e2e -- --notes 10000      # or scripts/bench-lsp --notes 10000
//! ```
//!
//! Options: `--notes N` (10,000), `--seed S` (1), `--samples K` requests per row (500),
//! `--budget SECS` per row (60), `--vault DIR` (where to write the vault; default a temporary
//! folder, removed afterwards), `--keep` (keep it), `--skip-push`, `--only WORD,…` (measure only
//! the rows whose name holds a word, e.g. `--only hover,symbols`). The server is `NOTES_LSP_BIN`
//! if set, else this package's release-profile `notes-lsp`. `LSP_E2E_DEBUG=N` prints the first
//! N positions per row whose answer was wrong.
//!
//! Two sessions: a client that pulls diagnostics (`textDocument/diagnostic`) and shows
//! `$/progress` (initialize, index-ready, requests, edit → pull, memory, idle CPU), then a client
//! without pull support (first pushed diagnostics, edit → push). Requests go one at a time;
//! each latency is from writing the request to reading the whole response. Every answer is
//! checked against what the generator wrote: "non-empty" and "correct" rates are printed next
//! to the latencies, so an empty or wrong answer never passes for a fast one.

mod vault;

use serde_json::{json, Value};
use std::collections::{HashSet, VecDeque};
use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use vault::{CompletionKind, Probe, Target, Vault};

/// Longest wait for one answer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

struct Options {
    notes: usize,
    seed: u64,
    samples: usize,
    budget: Duration,
    vault: Option<PathBuf>,
    keep: bool,
    skip_push: bool,
    only: Vec<String>,
    debug: usize,
}

fn options() -> Option<Options> {
    let mut o = Options {
        notes: 10_000,
        seed: 1,
        samples: 500,
        budget: Duration::from_secs(60),
        vault: None,
        keep: false,
        skip_push: false,
        only: Vec::new(),
        debug: std::env::var("LSP_E2E_DEBUG")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value"))
        };
        match arg.as_str() {
            "--notes" => o.notes = value("--notes").parse().expect("--notes N"),
            "--seed" => o.seed = value("--seed").parse().expect("--seed S"),
            "--samples" => o.samples = value("--samples").parse().expect("--samples K"),
            "--budget" => {
                o.budget = Duration::from_secs_f64(value("--budget").parse().expect("--budget S"))
            }
            "--vault" => o.vault = Some(PathBuf::from(value("--vault"))),
            "--keep" => o.keep = true,
            "--skip-push" => o.skip_push = true,
            "--only" => {
                o.only = value("--only")
                    .split(',')
                    .map(|w| w.trim().to_lowercase())
                    .collect()
            }
            // `cargo bench` passes `--bench`; a bare word is a filter meant for other benches.
            "--bench" => {}
            "--list" => return None,
            "-h" | "--help" => {
                println!(
                    "lsp_e2e [--notes N] [--seed S] [--samples K] [--budget SECS] [--vault DIR] \
                     [--keep] [--skip-push] [--only WORD,...]   (see BENCHMARKS.md)"
                );
                return None;
            }
            other if !other.starts_with('-') => return None,
            _ => {}
        }
    }
    Some(o)
}

// ---------------------------------------------------------------------------------------------
// The client side of JSON-RPC over the child's stdio.

/// A message from the server and when its last byte was read.
struct Message {
    value: Value,
    at: Instant,
}

struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    incoming: Receiver<Message>,
    backlog: VecDeque<Message>,
    next_id: i64,
    spawned: Instant,
}

/// A message with its header, ready for one write.
fn frame(value: &Value) -> Vec<u8> {
    let body = value.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fn write_message(stdin: &Mutex<ChildStdin>, framed: &[u8]) -> std::io::Result<()> {
    let mut stdin = stdin.lock().unwrap_or_else(|e| e.into_inner());
    stdin.write_all(framed)?;
    stdin.flush()
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length:") {
            length = n.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    fn spawn(bin: &Path, log: &Path) -> Server {
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

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn notify(&self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        if let Err(e) = write_message(&self.stdin, &frame(&message)) {
            eprintln!("lsp_e2e: writing {method}: {e}");
        }
    }

    /// Sends a request and waits for its response: (result or error, latency).
    fn request(&mut self, method: &str, params: Value) -> Result<(Value, Duration), String> {
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
    fn keep(&mut self, m: Message) {
        if m.value.get("method").is_some() {
            self.backlog.push_back(m);
            if self.backlog.len() > 100_000 {
                self.backlog.pop_front();
            }
        }
    }

    /// The first message (kept or new) that `accept` takes, within `timeout`.
    fn wait_for(&mut self, timeout: Duration, accept: impl Fn(&Value) -> bool) -> Option<Message> {
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
    fn drain(&mut self, quiet: Duration, limit: Duration, mut each: impl FnMut(&Message)) -> usize {
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

    fn stop(mut self) {
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

// ---------------------------------------------------------------------------------------------
// /proc readings.

fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn clock_ticks_per_second() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// CPU time the process used over `window`, in milliseconds.
fn idle_cpu_ms(pid: u32, window: Duration) -> Option<f64> {
    let before = cpu_ticks(pid)?;
    std::thread::sleep(window);
    let after = cpu_ticks(pid)?;
    Some((after - before) as f64 * 1000.0 / clock_ticks_per_second() as f64)
}

/// Waits (at most `limit`) until the process uses no CPU for half a second; returns how long
/// that took and the CPU milliseconds it used meanwhile.
fn settle(pid: u32, limit: Duration) -> (Duration, f64) {
    let started = Instant::now();
    let mut used = 0.0;
    while started.elapsed() < limit {
        match idle_cpu_ms(pid, Duration::from_millis(500)) {
            Some(ms) if ms > 10.0 => used += ms,
            _ => break,
        }
    }
    let waited = started.elapsed().saturating_sub(Duration::from_millis(500));
    if used == 0.0 {
        (Duration::ZERO, 0.0)
    } else {
        (waited, used)
    }
}

// ---------------------------------------------------------------------------------------------
// URIs and answers.

fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&uri[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// (decoded uri, start line) of every location in a definition/references answer.
fn locations(result: &Value) -> Vec<(String, u64)> {
    let items: Vec<&Value> = match result {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![result],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|l| {
            let uri = l.get("uri").or_else(|| l.get("targetUri"))?.as_str()?;
            let range = l.get("range").or_else(|| l.get("targetSelectionRange"))?;
            Some((decode(uri), range["start"]["line"].as_u64()?))
        })
        .collect()
}

/// All the text of a hover answer.
fn hover_text(result: &Value) -> String {
    fn collect(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => out.push_str(s),
            Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            Value::Object(o) => {
                if let Some(v) = o.get("value") {
                    collect(v, out)
                }
            }
            _ => {}
        }
    }
    let mut out = String::new();
    collect(&result["contents"], &mut out);
    out
}

/// The texts a completion item may insert or show.
fn completion_texts(item: &Value) -> Vec<String> {
    ["label", "insertText", "filterText"]
        .iter()
        .filter_map(|k| item.get(*k).and_then(Value::as_str))
        .chain(item["textEdit"]["newText"].as_str())
        .map(str::to_string)
        .collect()
}

fn completion_items(result: &Value) -> Vec<Value> {
    match result {
        Value::Array(a) => a.clone(),
        Value::Object(o) => o
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn symbol_names(result: &Value, out: &mut Vec<String>) {
    if let Value::Array(items) = result {
        for item in items {
            if let Some(name) = item["name"].as_str() {
                out.push(name.to_string());
            }
            symbol_names(&item["children"], out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rows of the table.

#[derive(Default)]
struct Row {
    name: String,
    target: String,
    latencies: Vec<Duration>,
    non_empty: usize,
    correct: usize,
    failed: usize,
    note: String,
}

impl Row {
    fn new(name: &str, target: &str) -> Row {
        Row {
            name: name.into(),
            target: target.into(),
            ..Row::default()
        }
    }

    fn single(name: &str, target: &str, value: String) -> Row {
        Row {
            note: value,
            ..Row::new(name, target)
        }
    }

    fn percentile(&self, p: f64) -> Option<Duration> {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let n = sorted.len();
        (n > 0).then(|| sorted[((p * n as f64).ceil() as usize).clamp(1, n) - 1])
    }

    fn markdown(&self) -> String {
        let n = self.latencies.len() + self.failed;
        if n == 0 {
            return format!(
                "| {} | {} | | | | | | | {} |",
                self.name, self.target, self.note
            );
        }
        let pct = |k: usize| format!("{:.1}%", 100.0 * k as f64 / n as f64);
        let ms = |d: Option<Duration>| d.map_or("–".into(), fmt);
        let mut note = self.note.clone();
        if self.failed > 0 {
            note = format!("{} failed/timed out. {note}", self.failed);
        }
        format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.name,
            self.target,
            n,
            ms(self.percentile(0.50)),
            ms(self.percentile(0.95)),
            ms(self.percentile(0.99)),
            ms(self.percentile(1.0)),
            pct(self.non_empty),
            pct(self.correct),
            note.trim()
        )
    }
}

fn fmt(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("?".into(), |kb| format!("{:.0} MB", kb as f64 / 1024.0))
}

/// Runs `one` on `items` in turn (cycling) until `samples` answers or the budget is spent.
fn measure<T: std::fmt::Debug>(
    server: &mut Server,
    row: &mut Row,
    items: &[T],
    count: usize,
    o: &Options,
    mut one: impl FnMut(&mut Server, &T) -> Result<(Duration, bool, bool), String>,
) {
    if !o.only.is_empty() && !o.only.iter().any(|w| row.name.contains(w.as_str())) {
        row.note = "skipped (--only)".into();
        return;
    }
    if items.is_empty() {
        row.note = "no positions".into();
        return;
    }
    let started = Instant::now();
    let mut consecutive_failures = 0;
    for i in 0..count {
        if started.elapsed() > o.budget {
            row.note = format!("stopped at the {:.0} s budget", o.budget.as_secs_f64());
            break;
        }
        match one(server, &items[i % items.len()]) {
            Ok((latency, non_empty, correct)) => {
                if !correct && o.debug > 0 && row.latencies.len() - row.correct < o.debug {
                    eprintln!(
                        "lsp_e2e: {}: wrong answer at {:?}",
                        row.name,
                        items[i % items.len()]
                    );
                }
                consecutive_failures = 0;
                row.latencies.push(latency);
                row.non_empty += non_empty as usize;
                row.correct += correct as usize;
            }
            Err(e) => {
                row.failed += 1;
                consecutive_failures += 1;
                if row.failed <= 3 {
                    eprintln!("lsp_e2e: {}: {e}", row.name);
                }
                if consecutive_failures >= 3 {
                    row.note = "gave up after 3 failures in a row".into();
                    break;
                }
            }
        }
    }
}

fn position(p: &Probe) -> Value {
    json!({"line": p.pos.line, "character": p.pos.character})
}

fn text_position(vault: &Vault, p: &Probe) -> Value {
    json!({"textDocument": {"uri": uri(&vault.path(p.note))}, "position": position(p)})
}

/// The (uri, line) places a correct answer about probe `p` contains.
fn expected_places(vault: &Vault, p: &Probe, references: bool) -> Vec<(String, u64)> {
    match &p.target {
        Target::Term(t) => {
            let mut out: Vec<(String, u64)> = vault.terms[*t]
                .definitions
                .iter()
                .map(|d| (uri(&vault.path(d.note)), d.line as u64))
                .collect();
            if references {
                out.push((uri(&vault.path(p.note)), p.pos.line as u64));
            }
            out
        }
        Target::Link { note, heading, .. } => {
            let line = heading.map_or(0, |h| vault.notes[*note].headings[h].2 as u64);
            vec![(uri(&vault.path(*note)), line)]
        }
    }
}

fn hover_correct(vault: &Vault, p: &Probe, text: &str) -> bool {
    match &p.target {
        Target::Term(t) => text.contains(&vault.terms[*t].phrase),
        Target::Link {
            note,
            heading: Some(h),
            ..
        } => text.contains(&vault.notes[*note].headings[*h].0),
        Target::Link { note, .. } => text.contains(&vault.notes[*note].rel),
    }
}

fn has_capability(caps: &Value, name: &str) -> bool {
    !matches!(
        caps.get(name),
        None | Some(Value::Null) | Some(Value::Bool(false))
    )
}

fn initialize_params(root: &Path, pull: bool) -> Value {
    let mut text_document = json!({
        "synchronization": {"didSave": false, "dynamicRegistration": false},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "definition": {"linkSupport": false},
        "references": {},
        "completion": {"completionItem": {"snippetSupport": false}},
        "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
        "publishDiagnostics": {"versionSupport": true},
        "rename": {"prepareSupport": true},
    });
    if pull {
        text_document["diagnostic"] = json!({"dynamicRegistration": false});
    }
    json!({
        "processId": std::process::id(),
        "rootUri": uri(root),
        "workspaceFolders": [{"uri": uri(root), "name": "vault"}],
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": text_document,
            "window": {"workDoneProgress": true},
            "workspace": {"workspaceFolders": true, "symbol": {}, "configuration": false},
        },
    })
}

fn is_progress_end(v: &Value) -> bool {
    v["method"] == "$/progress" && v["params"]["value"]["kind"] == "end"
}

/// The text inserted and removed by the edit benchmarks: a link with a broken anchor.
const EDIT_LINE: &str = "See [the missing part](#no-such-heading-here).\n";

fn edit_params(path: &Path, version: i32, line: u32, insert: bool) -> Value {
    let (end, text) = if insert {
        (line, EDIT_LINE)
    } else {
        (line + 1, "")
    };
    json!({
        "textDocument": {"uri": uri(path), "version": version},
        "contentChanges": [{
            "range": {"start": {"line": line, "character": 0}, "end": {"line": end, "character": 0}},
            "text": text,
        }],
    })
}

fn has_broken_anchor_at(diagnostics: &Value, line: u32) -> bool {
    diagnostics.as_array().is_some_and(|items| {
        items
            .iter()
            .any(|d| d["code"] == "broken-anchor" && d["range"]["start"]["line"] == json!(line))
    })
}

fn open(server: &Server, path: &Path, text: &str) {
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(path), "languageId": "markdown", "version": 1, "text": text}}),
    );
}

/// Edit → pull rows for one open note: insert (then remove) a broken link at its end and ask
/// for its diagnostics once (`rows[0]`), then again until the answer shows the edit (`rows[1]`).
fn edit_rows(
    server: &mut Server,
    path: &Path,
    text: &str,
    samples: usize,
    o: &Options,
    rows: [&mut Row; 2],
) {
    let line = text.matches('\n').count() as u32;
    let mut version = 1;
    let steps: Vec<bool> = (0..samples).map(|k| k % 2 == 0).collect();
    let mut pulls = 0;
    let [first, settled] = rows;
    for (row, retry) in [(&mut *first, false), (&mut *settled, true)] {
        measure(server, row, &steps, steps.len(), o, |server, &insert| {
            version += 1;
            let sent = Instant::now();
            server.notify(
                "textDocument/didChange",
                edit_params(path, version, line, insert),
            );
            let params = json!({"textDocument": {"uri": uri(path)}});
            loop {
                let (result, _) = server.request("textDocument/diagnostic", params.clone())?;
                pulls += retry as usize;
                let items = &result["items"];
                let non_empty = items.as_array().is_some_and(|a| !a.is_empty());
                let correct = has_broken_anchor_at(items, line) == insert;
                if correct || !retry || sent.elapsed() > Duration::from_secs(1) {
                    return Ok((sent.elapsed(), non_empty, correct));
                }
            }
        });
    }
    if !first.latencies.is_empty() {
        first.note = format!(
            "one pull right after didChange; correct = it shows the edit. {}",
            first.note
        );
    }
    if !settled.latencies.is_empty() {
        settled.note = format!(
            "{:.1} pulls per edit on average. {}",
            pulls as f64 / settled.latencies.len() as f64,
            settled.note
        );
    }
    // Leave the document as it was.
    if steps.len() % 2 == 1 {
        version += 1;
        server.notify(
            "textDocument/didChange",
            edit_params(path, version, line, false),
        );
    }
}

/// A Russian Q/A note of about `bytes` bytes: numbered questions with `Ответ:` paragraphs,
/// bold definitions, outline topics with `f` gaps and sections linking to their own anchors.
fn big_qa_note(bytes: usize) -> String {
    let mut text = String::from("# Вопросы с собеседований\n\n");
    let mut i = 0;
    while text.len() < bytes {
        i += 1;
        let entry = match i % 4 {
            0 => format!(
                "{i}. Что такое термин{i}?\n\nОтвет: Термин{i} — это способ хранить данные так, чтобы \
                 чтение было быстрым, а запись — надёжной.\n\n"
            ),
            1 => format!(
                "**Понятие{i}** — механизм, который защищает данные от одновременного изменения.\n\n"
            ),
            2 => format!("- Тема{i}\n  - f\n\n"),
            _ => format!("## Раздел {i}\n\nСм. [раздел](#раздел-{i}) и `код_{i}()`.\n\n"),
        };
        text.push_str(&entry);
    }
    text
}

// ---------------------------------------------------------------------------------------------
// The sessions.

struct Report {
    rows: Vec<Row>,
}

fn pull_session(bin: &Path, vault: &Vault, o: &Options, log: &Path, report: &mut Report) {
    // The first allocations after the generator's frees are slow (the allocator tidies up):
    // get that over with before the clock starts.
    black_box(frame(&initialize_params(&vault.root, true)));
    let mut server = Server::spawn(bin, log);
    let pid = server.pid();
    let init = server.request("initialize", initialize_params(&vault.root, true));
    let caps = match init {
        Ok((result, latency)) => {
            let mut row = Row::new("initialize answered", "< 20 ms");
            row.latencies.push(latency);
            row.non_empty = 1;
            row.correct = 1;
            row.note = format!(
                "{} from process start",
                fmt(Instant::now() - server.spawned)
            );
            report.rows.push(row);
            result["capabilities"].clone()
        }
        Err(e) => {
            report.rows.push(Row::single("initialize", "< 20 ms", e));
            return;
        }
    };
    let initialized = Instant::now();
    server.notify("initialized", json!({}));
    let Some(end) = server.wait_for(Duration::from_secs(900), is_progress_end) else {
        report.rows.push(Row::single(
            "index ready ($/progress end)",
            "< 0.5 s",
            "no $/progress end within 900 s".into(),
        ));
        server.stop();
        return;
    };
    let rss_at_index = proc_status_kb(pid, "VmRSS:");
    let hwm_at_index = proc_status_kb(pid, "VmHWM:");
    let mut row = Row::new("index ready ($/progress end)", "< 0.5 s");
    row.latencies.push(end.at - initialized);
    row.non_empty = 1;
    row.correct = 1;
    row.note = format!(
        "from `initialized`; {} from process start; server says \"{}\"",
        fmt(end.at - server.spawned),
        end.value["params"]["value"]["message"]
            .as_str()
            .unwrap_or("")
    );
    report.rows.push(row);

    // Let the post-index work (diagnostic refresh, anything else in the background) finish,
    // then measure the idle process.
    server.drain(Duration::from_millis(500), Duration::from_secs(30), |_| {});
    let (busy_for, busy_cpu) = settle(pid, Duration::from_secs(120));
    let rss_settled = proc_status_kb(pid, "VmRSS:");
    let idle = idle_cpu_ms(pid, Duration::from_secs(2));
    let threads = proc_status_kb(pid, "Threads:");

    // Open the notes an editor would have open, and take their positions.
    let mut rng = vault::Rng::new(o.seed ^ 0xE2E);
    let mut opened: Vec<usize> = Vec::new();
    let (mut terms, mut links): (Vec<Probe>, Vec<Probe>) = (Vec::new(), Vec::new());
    while opened.len() < 200
        && (terms.len() < o.samples || links.len() < o.samples)
        && opened.len() < vault.notes.len()
    {
        let i = rng.below(vault.notes.len());
        if opened.contains(&i) {
            continue;
        }
        opened.push(i);
        let path = vault.path(i);
        let text = std::fs::read_to_string(&path).expect("a generated note");
        open(&server, &path, &text);
        for p in vault.probes_of(i) {
            match p.target {
                Target::Term(_) => terms.push(p.clone()),
                Target::Link { broken: false, .. } => links.push(p.clone()),
                Target::Link { .. } => {}
            }
        }
    }
    // Interleave notes so that a short budget still samples many of them.
    let terms = vault::sample(&terms, terms.len(), o.seed);
    let links = vault::sample(&links, links.len(), o.seed + 1);
    let _ = server.request("textDocument/hover", text_position(vault, &terms[0]));
    for p in terms.iter().chain(links.iter()).take(20) {
        let _ = server.request("textDocument/hover", text_position(vault, p));
    }

    let hover = |server: &mut Server, p: &Probe| {
        let (result, latency) = server.request("textDocument/hover", text_position(vault, p))?;
        let text = hover_text(&result);
        Ok((latency, !text.is_empty(), hover_correct(vault, p, &text)))
    };
    let mut row = Row::new("hover on a term", "p99 < 2 ms");
    measure(&mut server, &mut row, &terms, o.samples, o, hover);
    report.rows.push(row);
    let mut row = Row::new("hover on a link", "p99 < 2 ms");
    measure(&mut server, &mut row, &links, o.samples, o, hover);
    report.rows.push(row);

    let definition = |server: &mut Server, p: &Probe| {
        let (result, latency) =
            server.request("textDocument/definition", text_position(vault, p))?;
        let got = locations(&result);
        let want = expected_places(vault, p, false);
        let correct = want
            .iter()
            .all(|w| got.iter().any(|g| decode(&w.0) == g.0 && w.1 == g.1));
        Ok((latency, !got.is_empty(), correct))
    };
    let mut row = Row::new("definition of a term", "p99 < 2 ms");
    measure(&mut server, &mut row, &terms, o.samples, o, definition);
    report.rows.push(row);
    let mut row = Row::new("definition of a link", "p99 < 2 ms");
    measure(&mut server, &mut row, &links, o.samples, o, definition);
    report.rows.push(row);

    let mut row = Row::new("references of a term", "p99 < 2 ms");
    let mut counts = Vec::new();
    measure(&mut server, &mut row, &terms, o.samples, o, |server, p| {
        let mut params = text_position(vault, p);
        params["context"] = json!({"includeDeclaration": true});
        let (result, latency) = server.request("textDocument/references", params)?;
        let got = locations(&result);
        counts.push(got.len());
        let want = expected_places(vault, p, true);
        let correct = want
            .iter()
            .all(|w| got.iter().any(|g| decode(&w.0) == g.0 && w.1 == g.1));
        Ok((latency, !got.is_empty(), correct))
    });
    if !counts.is_empty() {
        counts.sort();
        row.note = format!(
            "{} locations per answer (median), {} max. {}",
            counts[counts.len() / 2],
            counts[counts.len() - 1],
            row.note
        );
    }
    report.rows.push(row);

    // Completion in the scratch note, at half-typed links.
    let scratch = vault.root.join(vault::SCRATCH);
    open(&server, &scratch, &vault.scratch_text);
    let stems: HashSet<String> = vault
        .notes
        .iter()
        .flat_map(|n| [n.stem.to_lowercase(), n.title.to_lowercase()])
        .collect();
    for (kind, name) in [
        (CompletionKind::Path, "completion after `](`"),
        (CompletionKind::Anchor, "completion after `](#`"),
        (CompletionKind::Wiki, "completion after `[[`"),
    ] {
        let mut row = Row::new(name, "p99 < 10 ms");
        if !has_capability(&caps, "completionProvider") {
            row.note = "n/a (not advertised)".into();
            report.rows.push(row);
            continue;
        }
        let probes: Vec<_> = vault
            .completions
            .iter()
            .filter(|c| c.kind == kind)
            .cloned()
            .collect();
        let mut sizes = Vec::new();
        measure(&mut server, &mut row, &probes, o.samples, o, |server, c| {
            let trigger = match kind {
                CompletionKind::Path => "(",
                CompletionKind::Anchor => "#",
                CompletionKind::Wiki => "[",
            };
            let params = json!({
                "textDocument": {"uri": uri(&scratch)},
                "position": {"line": c.pos.line, "character": c.pos.character},
                "context": {"triggerKind": 2, "triggerCharacter": trigger},
            });
            let (result, latency) = server.request("textDocument/completion", params)?;
            let items = completion_items(&result);
            sizes.push(items.len());
            let correct = items.iter().flat_map(completion_texts).any(|t| match kind {
                CompletionKind::Path => t.contains(".md"),
                CompletionKind::Anchor => vault
                    .scratch_slugs
                    .iter()
                    .any(|s| t.trim_start_matches('#') == s.as_str()),
                CompletionKind::Wiki => {
                    let name = t.trim_end_matches("]]");
                    let name = name.split(['|', '#']).next().unwrap_or(name);
                    let name = name.rsplit('/').next().unwrap_or(name);
                    stems.contains(&name.trim_end_matches(".md").to_lowercase())
                }
            });
            Ok((latency, !items.is_empty(), correct))
        });
        if let Some(max) = sizes.iter().max() {
            row.note = format!("up to {max} items. {}", row.note);
        }
        report.rows.push(row);
    }

    let mut row = Row::new("workspace symbols", "p99 < 10 ms");
    if has_capability(&caps, "workspaceSymbolProvider") {
        let mut queries: Vec<String> = Vec::new();
        let mut qrng = vault::Rng::new(o.seed ^ 0x5EED);
        for _ in 0..200 {
            let term = &vault.terms[qrng.below(vault.terms.len())];
            let q = match (qrng.below(4), &term.acronym, &term.russian) {
                (0, Some(acr), _) => acr.clone(),
                (1, _, Some(ru)) => ru.split(' ').take(2).collect::<Vec<_>>().join(" "),
                (2, _, _) => term.name.clone(),
                _ => term.name.split(' ').take(2).collect::<Vec<_>>().join(" "),
            };
            queries.push(q);
        }
        measure(
            &mut server,
            &mut row,
            &queries,
            o.samples,
            o,
            |server, q| {
                let (result, latency) = server.request("workspace/symbol", json!({"query": q}))?;
                let mut names = Vec::new();
                symbol_names(&result, &mut names);
                let q = q.to_lowercase();
                let correct = names.iter().any(|n| n.to_lowercase().contains(&q));
                Ok((latency, !names.is_empty(), correct))
            },
        );
    } else {
        row.note = "n/a (not advertised)".into();
    }
    report.rows.push(row);

    let mut row = Row::new("document symbols", "–");
    if has_capability(&caps, "documentSymbolProvider") {
        measure(
            &mut server,
            &mut row,
            &opened,
            o.samples,
            o,
            |server, &i| {
                let params = json!({"textDocument": {"uri": uri(&vault.path(i))}});
                let (result, latency) = server.request("textDocument/documentSymbol", params)?;
                let mut names = Vec::new();
                symbol_names(&result, &mut names);
                let correct = names.iter().any(|n| n == &vault.notes[i].title);
                Ok((latency, !names.is_empty(), correct))
            },
        );
    } else {
        row.note = "n/a (not advertised)".into();
    }
    report.rows.push(row);

    // Edit → pull: insert (then remove) a broken link, ask for the note's diagnostics; then
    // the same, asking again until the answer shows the edit.
    let mut first = Row::new("edit → pull diagnostics", "p99 < 5 ms");
    let mut settled = Row::new("edit → pull, re-asked until the edit shows", "p99 < 5 ms");
    if has_capability(&caps, "diagnosticProvider") {
        let path = vault.path(opened[0]);
        let text = std::fs::read_to_string(&path).expect("a generated note");
        edit_rows(
            &mut server,
            &path,
            &text,
            o.samples,
            o,
            [&mut first, &mut settled],
        );
    } else {
        first.note = "n/a (pull not advertised)".into();
        settled.note = first.note.clone();
    }
    report.rows.push(first);
    report.rows.push(settled);

    // The same in one 2 MB Russian Q/A note with gaps (opened, not on disk): the edit re-parses
    // the whole note and re-diagnoses it.
    let mut big_first = Row::new("edit → pull, 2 MB Q/A note", "p99 < 50 ms");
    let mut big_settled = Row::new("edit → pull, 2 MB note, until it shows", "p99 < 50 ms");
    if has_capability(&caps, "diagnosticProvider") {
        let path = vault.root.join("big-qa-note.md");
        let text = big_qa_note(2_000_000);
        open(&server, &path, &text);
        let samples = o.samples.min(100);
        edit_rows(
            &mut server,
            &path,
            &text,
            samples,
            o,
            [&mut big_first, &mut big_settled],
        );
    }
    report.rows.push(big_first);
    report.rows.push(big_settled);

    let idle_after = idle_cpu_ms(pid, Duration::from_secs(2));
    let hwm_before_headings = proc_status_kb(pid, "VmHWM:");

    // References of a heading (cursor on a heading that a link of an open note points at):
    // last, because a slow answer keeps the server busy after the client gave up on it.
    let mut row = Row::new("references of a heading", "p99 < 2 ms");
    let headings: Vec<Probe> = links
        .iter()
        .filter(|p| {
            matches!(
                p.target,
                Target::Link {
                    heading: Some(_),
                    wiki: false,
                    ..
                }
            )
        })
        .cloned()
        .collect();
    let mut counts = Vec::new();
    measure(
        &mut server,
        &mut row,
        &headings,
        o.samples,
        o,
        |server, p| {
            let Target::Link {
                note,
                heading: Some(h),
                ..
            } = p.target
            else {
                unreachable!("filtered above")
            };
            let line = vault.notes[note].headings[h].2;
            let params = json!({
                "textDocument": {"uri": uri(&vault.path(note))},
                "position": {"line": line, "character": 3},
                "context": {"includeDeclaration": true},
            });
            let (result, latency) = server.request("textDocument/references", params)?;
            let got = locations(&result);
            counts.push(got.len());
            let want = (uri(&vault.path(p.note)), p.pos.line as u64);
            let correct = got.iter().any(|g| g.0 == decode(&want.0) && g.1 == want.1);
            Ok((latency, !got.is_empty(), correct))
        },
    );
    if !counts.is_empty() {
        counts.sort();
        row.note = format!(
            "{} locations per answer (median), {} max. {}",
            counts[counts.len() / 2],
            counts[counts.len() - 1],
            row.note
        );
    }
    report.rows.push(row);

    let hwm = proc_status_kb(pid, "VmHWM:");
    report.rows.push(Row::single(
        "peak RSS (VmHWM)",
        "< 150 MB (10k), < 1 GB (100k)",
        format!(
            "{} at $/progress end, {} before the heading references, {} at the end",
            mb(hwm_at_index),
            mb(hwm_before_headings),
            mb(hwm)
        ),
    ));
    report.rows.push(Row::single(
        "RSS after indexing",
        "–",
        format!(
            "{} at $/progress end, {} once idle",
            mb(rss_at_index),
            mb(rss_settled)
        ),
    ));
    report.rows.push(Row::single(
        "idle CPU after indexing",
        "0",
        format!(
            "{}{} ms CPU over 2 s after indexing ({} threads); {} ms over 2 s after the requests",
            if busy_for.is_zero() {
                String::new()
            } else {
                format!(
                    "busy for {} after $/progress end ({busy_cpu:.0} ms CPU), then ",
                    fmt(busy_for)
                )
            },
            idle.map_or("?".into(), |v| format!("{v:.0}")),
            threads.map_or("?".into(), |t| t.to_string()),
            idle_after.map_or("?".into(), |v| format!("{v:.0}"))
        ),
    ));
    server.stop();
}

/// Warm start: a first server indexes the vault with `cacheDir` set and writes the note cache;
/// a second one starts from it. The row is the second server's index-ready time, counted
/// correct when it reports as many notes as the first and answers hovers on terms as the
/// generator expects.
fn warm_session(bin: &Path, vault: &Vault, o: &Options, log: &Path, report: &mut Report) {
    const NAME: &str = "warm start from the note cache (index ready)";
    if !o.only.is_empty() && !o.only.iter().any(|w| NAME.contains(w.as_str())) {
        return;
    }
    let cache = std::env::temp_dir().join(format!("notes-lsp-bench-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let mut params = initialize_params(&vault.root, true);
    params["initializationOptions"] = json!({"cacheDir": cache});
    let start = |params: &Value| -> Result<(Server, Message, Instant), String> {
        let mut server = Server::spawn(bin, log);
        server.request("initialize", params.clone())?;
        let initialized = Instant::now();
        server.notify("initialized", json!({}));
        match server.wait_for(Duration::from_secs(900), is_progress_end) {
            Some(end) => Ok((server, end, initialized)),
            None => Err("no $/progress end within 900 s".into()),
        }
    };
    let mut cold_message = String::new();
    let outcome = start(&params).and_then(|(cold, end, _)| {
        cold_message = end.value["params"]["value"]["message"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let written = cache.join("notes-lsp/notes.bin");
        let deadline = Instant::now() + Duration::from_secs(120);
        while !written.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        cold.stop();
        if !written.exists() {
            return Err("the first server wrote no cache within 120 s".into());
        }
        let _ = Command::new("sync").status();
        start(&params)
    });
    let (mut server, end, initialized) = match outcome {
        Ok(started) => started,
        Err(e) => {
            report.rows.push(Row::single(NAME, "< 0.2 s", e));
            let _ = std::fs::remove_dir_all(&cache);
            return;
        }
    };
    let hwm = proc_status_kb(server.pid(), "VmHWM:");
    let message = end.value["params"]["value"]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let count = |m: &str| m.split(' ').next().unwrap_or("").to_string();
    let every_note = !message.is_empty()
        && count(&message) == count(&cold_message)
        && message.contains("from the cache");
    let probes: Vec<Probe> = (0..vault.notes.len().min(200))
        .flat_map(|i| vault.probes_of(i))
        .filter(|p| matches!(p.target, Target::Term(_)))
        .take(20)
        .cloned()
        .collect();
    let mut notes: Vec<usize> = probes.iter().map(|p| p.note).collect();
    notes.dedup();
    for i in notes {
        let text = std::fs::read_to_string(vault.path(i)).expect("a generated note");
        open(&server, &vault.path(i), &text);
    }
    let answered = probes.iter().all(|p| {
        server
            .request("textDocument/hover", text_position(vault, p))
            .is_ok_and(|(result, _)| hover_correct(vault, p, &hover_text(&result)))
    });
    let mut row = Row::new(NAME, "< 0.2 s");
    row.latencies.push(end.at - initialized);
    row.non_empty = usize::from(every_note);
    row.correct = usize::from(every_note && answered && !probes.is_empty());
    row.note = format!(
        "from `initialized`; server says \"{message}\"; peak RSS {}; {} term hovers checked",
        mb(hwm),
        probes.len()
    );
    report.rows.push(row);
    server.stop();
    let _ = std::fs::remove_dir_all(&cache);
}

fn push_session(bin: &Path, vault: &Vault, o: &Options, log: &Path, report: &mut Report) {
    let mut server = Server::spawn(bin, log);
    if let Err(e) = server.request("initialize", initialize_params(&vault.root, false)) {
        report
            .rows
            .push(Row::single("push client: initialize", "", e));
        return;
    }
    let initialized = Instant::now();
    server.notify("initialized", json!({}));
    let first = server.wait_for(Duration::from_secs(900), |v| {
        v["method"] == "textDocument/publishDiagnostics"
    });
    let Some(first) = first else {
        report.rows.push(Row::single(
            "first publishDiagnostics (push client)",
            "< 0.5 s",
            "none within 900 s".into(),
        ));
        server.stop();
        return;
    };
    let mut last = first.at;
    let mut published = 1;
    server.drain(Duration::from_secs(1), Duration::from_secs(300), |m| {
        if m.value["method"] == "textDocument/publishDiagnostics" {
            published += 1;
            last = m.at;
        }
    });
    let mut row = Row::new("first publishDiagnostics (push client)", "< 0.5 s");
    row.latencies.push(first.at - initialized);
    row.non_empty = 1;
    row.correct = 1;
    row.note = format!(
        "from `initialized`; the last of {published} notes' diagnostics at {}",
        fmt(last - initialized)
    );
    report.rows.push(row);

    // Edit → push: the time from didChange to the publishDiagnostics of that version.
    let i = {
        let mut rng = vault::Rng::new(o.seed ^ 0xE2E);
        rng.below(vault.notes.len())
    };
    let path = vault.path(i);
    let text = std::fs::read_to_string(&path).expect("a generated note");
    let line = text.matches('\n').count() as u32;
    let target = uri(&path);
    open(&server, &path, &text);
    let _ = server.wait_for(Duration::from_secs(5), |v| {
        v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == json!(target)
    });
    let mut row = Row::new("edit → push diagnostics", "debounce + < 5 ms");
    let mut version = 1;
    let steps: Vec<bool> = (0..o.samples.min(60)).map(|k| k % 2 == 0).collect();
    measure(
        &mut server,
        &mut row,
        &steps,
        steps.len(),
        o,
        |server, &insert| {
            version += 1;
            let v = version;
            let sent = Instant::now();
            server.notify(
                "textDocument/didChange",
                edit_params(&path, v, line, insert),
            );
            let target = target.clone();
            let m = server
                .wait_for(Duration::from_secs(5), move |m| {
                    m["method"] == "textDocument/publishDiagnostics"
                        && decode(m["params"]["uri"].as_str().unwrap_or("")) == decode(&target)
                        && m["params"]["version"] == json!(v)
                })
                .ok_or("no publishDiagnostics for the edited version within 5 s")?;
            let diagnostics = &m.value["params"]["diagnostics"];
            let non_empty = diagnostics.as_array().is_some_and(|a| !a.is_empty());
            Ok((
                m.at - sent,
                non_empty,
                has_broken_anchor_at(diagnostics, line) == insert,
            ))
        },
    );
    row.note = format!(
        "raw, debounce included; correct = the new broken link is (or is no longer) reported. {}",
        row.note
    );
    report.rows.push(row);
    server.stop();
}

fn main() {
    let Some(o) = options() else {
        eprintln!("lsp_e2e: not run (a filter, --list or --help was given)");
        return;
    };
    let bin = std::env::var_os("NOTES_LSP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_notes-lsp")));
    let (root, temporary) = match &o.vault {
        Some(dir) => (dir.clone(), false),
        None => (
            std::env::temp_dir().join(format!("notes-lsp-bench-{}-{}", o.notes, o.seed)),
            !o.keep,
        ),
    };
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("the vault folder can be created");
    let root = root.canonicalize().expect("the vault folder exists");
    let started = Instant::now();
    let vault = vault::generate(&root, o.notes, o.seed).expect("the vault is written");
    let generated = started.elapsed();
    // Write the vault out before timing anything: the kernel flushing 50 MB of dirty pages
    // would otherwise slow the server's start.
    let _ = Command::new("sync").status();
    eprintln!(
        "lsp_e2e: generated in {}: {}",
        fmt(generated),
        vault::summary(&vault)
    );
    let logs = std::env::temp_dir();
    let mut report = Report { rows: Vec::new() };
    pull_session(
        &bin,
        &vault,
        &o,
        &logs.join("notes-lsp-bench-pull.log"),
        &mut report,
    );
    warm_session(
        &bin,
        &vault,
        &o,
        &logs.join("notes-lsp-bench-warm.log"),
        &mut report,
    );
    if !o.skip_push {
        push_session(
            &bin,
            &vault,
            &o,
            &logs.join("notes-lsp-bench-push.log"),
            &mut report,
        );
    }

    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!();
    println!(
        "### notes-lsp over stdio: {} notes ({:.1} MB), seed {}",
        vault.notes.len(),
        vault.bytes as f64 / 1e6,
        o.seed
    );
    println!();
    println!(
        "{} · {cores} cores · {} · up to {} requests per row, one at a time",
        bin.display(),
        cpu,
        o.samples
    );
    println!();
    println!("| measure | target | n | p50 | p95 | p99 | max | non-empty | correct | notes |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for row in &report.rows {
        println!("{}", row.markdown());
    }
    println!();
    if temporary {
        let _ = std::fs::remove_dir_all(&root);
    } else {
        println!("vault kept at {}", root.display());
    }
}
