//! End-to-end benchmark: the real `notes-lsp` binary over stdio against a generated vault.
//!
//! ```text
//! cargo bench --bench lsp_e2e -- --notes 10000      # or scripts/bench-lsp --notes 10000
//! ```
//!
//! Options: `--notes N` (10,000), `--profile standard|dense` (the vault's shape, standard),
//! `--seed S` (1), `--samples K` requests per row (500),
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
//! to the latencies, so an empty or wrong answer never passes for a fast one.//!
//! The parts: `client.rs` (JSON-RPC over the child's stdio), `sampling.rs` (/proc readings),
//! `answers.rs` (what the answers say, and what they should say), `rows.rs` (the table),
//! `sessions/` (the pull, warm-start and push sessions).

mod answers;
mod client;
mod rows;
mod sampling;
mod sessions;
#[path = "../vault/mod.rs"]
mod vault;

use crate::rows::{fmt, Report};
use crate::sessions::{pull_session, push_session, warm_session};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// The command line.
pub struct Options {
    pub notes: usize,
    pub profile: vault::Profile,
    pub seed: u64,
    pub samples: usize,
    pub budget: Duration,
    pub vault: Option<PathBuf>,
    pub keep: bool,
    pub skip_push: bool,
    pub only: Vec<String>,
    pub debug: usize,
}

fn options() -> Option<Options> {
    let mut o = Options {
        notes: 10_000,
        profile: vault::Profile::Standard,
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
            "--profile" => {
                o.profile =
                    vault::Profile::named(&value("--profile")).expect("--profile standard|dense")
            }
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
                    "lsp_e2e [--notes N] [--profile standard|dense] [--seed S] [--samples K] [--budget SECS] [--vault DIR] \
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
            std::env::temp_dir().join(format!(
                "notes-lsp-bench-{}-{}-{}",
                o.profile.name(),
                o.notes,
                o.seed
            )),
            !o.keep,
        ),
    };
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("the vault folder can be created");
    let root = root.canonicalize().expect("the vault folder exists");
    let started = Instant::now();
    let vault =
        vault::generate_profile(&root, o.notes, o.seed, o.profile).expect("the vault is written");
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
        "### notes-lsp over stdio: {} notes ({:.1} MB, {} profile), seed {}",
        vault.notes.len(),
        vault.bytes as f64 / 1e6,
        o.profile.name(),
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
