//! The pushing client: first pushed diagnostics, edit → push.

use super::{edit_params, has_broken_anchor_at, initialize_params, open};
use crate::answers::{decode, uri};
use crate::client::Server;
use crate::rows::{fmt, measure, Report, Row};
use crate::vault::Vault;
use crate::{vault, Options};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

/// The pushing client's rows, measured on a server of its own.
pub fn push_session(bin: &Path, vault: &Vault, o: &Options, log: &Path, report: &mut Report) {
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
