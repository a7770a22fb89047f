//! The pulling client: initialize, index-ready, requests, edit → pull, memory, idle CPU.

use super::{edit_params, edit_rows, has_capability, initialize_params, is_progress_end, open};
use crate::answers::{
    completion_items, completion_texts, decode, expected_places, hover_correct, hover_text,
    locations, symbol_names, text_position, uri,
};
use crate::client::{frame, Server};
use crate::rows::{fmt, mb, measure, Report, Row};
use crate::sampling::{idle_cpu_ms, proc_status_kb, settle};
use crate::vault::{big_qa_note, CompletionKind, Probe, Target, Vault};
use crate::{vault, Options};
use serde_json::json;
use std::collections::HashSet;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// The pulling client's rows, measured on a server of its own.
pub fn pull_session(bin: &Path, vault: &Vault, o: &Options, log: &Path, report: &mut Report) {
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

    // Completion in the scratch note, at half-typed links, each typed right after an edit (a
    // line added or taken away at the note's end), so that the answer waits for the note's
    // re-extraction as it does while someone types.
    let scratch = vault.root.join(vault::SCRATCH);
    open(&server, &scratch, &vault.scratch_text);
    let end_line = vault.scratch_text.matches('\n').count() as u32;
    let mut scratch_version = 1;
    let mut edited = false;
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
            scratch_version += 1;
            edited = !edited;
            server.notify(
                "textDocument/didChange",
                edit_params(&scratch, scratch_version, end_line, edited),
            );
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
            row.note = format!("up to {max} items, each right after an edit. {}", row.note);
        }
        report.rows.push(row);
    }
    if edited {
        server.notify(
            "textDocument/didChange",
            edit_params(&scratch, scratch_version + 1, end_line, false),
        );
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
        "RSS at the end (full-text index built by workspace symbols)",
        "+ ≤ 30 MB over indexing",
        format!(
            "{} ({} anonymous, {} file pages such as the memory-mapped search index)",
            mb(proc_status_kb(pid, "VmRSS:")),
            mb(proc_status_kb(pid, "RssAnon:")),
            mb(proc_status_kb(pid, "RssFile:"))
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
