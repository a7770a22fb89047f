//! A warm start from the note cache.

use super::{initialize_params, is_progress_end, open};
use crate::answers::{hover_correct, hover_text, text_position};
use crate::client::{Message, Server};
use crate::rows::{mb, Report, Row};
use crate::sampling::proc_status_kb;
use crate::vault::{Probe, Target, Vault};
use crate::Options;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Warm start: a first server indexes the vault with `cacheDir` set and writes the note cache;
/// a second one starts from it. The row is the second server's index-ready time, counted
/// correct when it reports as many notes as the first and answers hovers on terms as the
/// generator expects.
pub fn warm_session(bin: &Path, vault: &Vault, o: &Options, log: &Path, report: &mut Report) {
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
