//! Feature-layer benchmarks on a generated vault: extraction per note, index build, hover,
//! definition, references, completion, workspace symbols, rename, diagnostics, file moves,
//! code lenses, semantic tokens and the edit path, without the protocol.
//!
//! `cargo bench --bench features` (1,000 notes; `VAULT_NOTES=10000` for more, and
//! `VAULT_PROFILE=dense` for the link-dense vault shape). Each request
//! bench cycles through positions sampled from the vault, one request per sample, so divan's
//! fastest / median / slowest columns are those of single requests at different places. The
//! end-to-end numbers over LSP come from `benches/lsp_e2e.rs`.

mod vault;

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use notes_lsp::config::Config;
use notes_lsp::features::file_rename::{file_rename_edits, Move};
use notes_lsp::features::{
    completion, definition, diagnostics, hover, lenses, references, rename, semantic_tokens,
    symbols,
};
use notes_lsp::syntax::{parse_note, ParseOptions};
use notes_lsp::workspace::{load, Workspace};
use std::path::PathBuf;
use std::sync::LazyLock;
use vault::{CompletionKind, Target, Vault};

fn main() {
    // Build the fixture first, so that its summary is printed before the table.
    LazyLock::force(&FIXTURE);
    print_edit_counts();
    divan::main();
    // Statics are never dropped: remove the vault here.
    let _ = std::fs::remove_dir_all(&FIXTURE.vault.root);
}

/// The vault, its texts, the loaded workspace and sampled request positions.
struct Fixture {
    _dir: tempfile::TempDir,
    vault: Vault,
    texts: Vec<String>,
    workspace: Workspace,
    terms: Vec<(PathBuf, usize)>,
    links: Vec<(PathBuf, usize)>,
    /// Positions on headings that links of the vault point at.
    headings: Vec<(PathBuf, usize)>,
    /// Workspace-symbol queries: term names, their first two words, acronyms.
    queries: Vec<String>,
    /// The workspace with [`BIG_NOTE`] added: a note of [`BIG_LINES`] lines made of the vault's
    /// own notes.
    with_big_note: Workspace,
}

/// Where the long note of the lens and token benchmarks is.
const BIG_NOTE: &str = "big/long-note.md";
/// How many lines it has.
const BIG_LINES: usize = 5000;

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let notes = std::env::var("VAULT_NOTES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().canonicalize().expect("the folder exists");
    let profile = std::env::var("VAULT_PROFILE").map_or(vault::Profile::Standard, |name| {
        vault::Profile::named(&name).expect("VAULT_PROFILE: standard or dense")
    });
    let vault = vault::generate_profile(&root, notes, 1, profile).expect("the vault is written");
    eprintln!("vault: {}", vault::summary(&vault));
    let texts: Vec<String> = (0..vault.notes.len())
        .map(|i| std::fs::read_to_string(vault.path(i)).expect("written above"))
        .collect();
    let (workspace, _) = load(vec![root], Config::default());
    let positions = |want: fn(&Target) -> bool| -> Vec<(PathBuf, usize)> {
        let picked: Vec<_> = vault.probes.iter().filter(|p| want(&p.target)).collect();
        vault::sample(&picked, 1000, 7)
            .into_iter()
            .map(|p| (vault.path(p.note), p.pos.offset))
            .collect()
    };
    let terms = positions(|t| matches!(t, Target::Term(_)));
    let links = positions(|t| matches!(t, Target::Link { broken: false, .. }));
    let headings = vault
        .probes
        .iter()
        .filter_map(|p| match p.target {
            Target::Link {
                note,
                heading: Some(h),
                broken: false,
                wiki: false,
            } => {
                let line = vault.notes[note].headings[h].2 as usize;
                let text: &String = &texts[note];
                let offset: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
                Some((vault.path(note), offset + 3))
            }
            _ => None,
        })
        .take(1000)
        .collect();
    let mut rng = vault::Rng::new(11);
    let queries = (0..1000)
        .map(|k| {
            let term = &vault.terms[rng.below(vault.terms.len())];
            match (k % 3, &term.acronym) {
                (0, _) => term.name.clone(),
                (1, Some(acronym)) => acronym.clone(),
                _ => term.name.split(' ').take(2).collect::<Vec<_>>().join(" "),
            }
        })
        .collect();
    let big: String = texts
        .iter()
        .cycle()
        .flat_map(|text| text.lines())
        .take(BIG_LINES)
        .map(|line| format!("{line}\n"))
        .collect();
    let mut with_big_note = workspace.clone();
    let note = with_big_note.parse(&big);
    with_big_note.set_note(&vault.root.join(BIG_NOTE), note);
    Fixture {
        _dir: dir,
        vault,
        texts,
        workspace,
        with_big_note,
        terms,
        links,
        headings,
        queries,
    }
});

/// Runs `f` on the next position of `positions` at each iteration.
fn cycle<O>(
    bencher: Bencher,
    positions: &'static [(PathBuf, usize)],
    f: fn(&(PathBuf, usize)) -> O,
) {
    let mut i = 0;
    bencher.bench_local(move || {
        i = (i + 1) % positions.len();
        f(&positions[i])
    });
}

/// One note's text → `Note` (headings, links, terms, placeholders).
#[divan::bench(sample_count = 1000, sample_size = 1)]
fn extract_note(bencher: Bencher) {
    let texts = &FIXTURE.texts;
    let options = ParseOptions::default();
    let mean = texts.iter().map(String::len).sum::<usize>() / texts.len();
    let mut i = 0;
    bencher.counter(BytesCount::new(mean)).bench_local(move || {
        i = (i + 1) % texts.len();
        parse_note(black_box(&texts[i]), &options)
    });
}

/// Walk, read and parse every note in parallel, then build the indexes.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn index_build(bencher: Bencher) {
    let root = FIXTURE.vault.root.clone();
    bencher
        .counter(ItemsCount::new(FIXTURE.vault.notes.len()))
        .bench(|| load(vec![root.clone()], Config::default()));
}

/// The edit path on the owner: re-extract one note and replace it in a workspace that other
/// snapshots share.
#[divan::bench(sample_count = 1000, sample_size = 1)]
fn reparse_and_set_note(bencher: Bencher) {
    let fixture = &*FIXTURE;
    let mut workspace = fixture.workspace.clone();
    let snapshot = fixture.workspace.clone();
    let mut i = 0;
    bencher.bench_local(move || {
        i = (i + 1) % fixture.texts.len();
        let note = workspace.parse(&fixture.texts[i]);
        workspace.set_note(&fixture.vault.path(i), note);
        black_box(&snapshot);
    });
}

/// Replacing one already-extracted note in the indexes (name, backlink and term maps), with
/// another snapshot sharing them: the owner's part of an edit, and of the initial load.
#[divan::bench(sample_count = 1000, sample_size = 1)]
fn set_note(bencher: Bencher) {
    let fixture = &*FIXTURE;
    let notes: Vec<_> = (0..fixture.texts.len().min(1000))
        .map(|i| {
            (
                fixture.vault.path(i),
                fixture.workspace.parse(&fixture.texts[i]),
            )
        })
        .collect();
    let mut workspace = fixture.workspace.clone();
    let snapshot = fixture.workspace.clone();
    let mut i = 0;
    bencher
        .with_inputs(move || {
            i = (i + 1) % notes.len();
            notes[i].clone()
        })
        .bench_local_values(move |(path, note)| {
            workspace.set_note(&path, note);
            black_box(&snapshot);
        });
}

/// The diagnostics of one note (broken anchors, gaps with "answered in", …).
#[divan::bench(sample_count = 1000, sample_size = 1)]
fn diagnostics_per_note(bencher: Bencher) {
    let fixture = &*FIXTURE;
    let paths: Vec<PathBuf> = (0..fixture.vault.notes.len())
        .map(|i| fixture.vault.path(i))
        .collect();
    let mut i = 0;
    bencher.bench_local(move || {
        i = (i + 1) % paths.len();
        diagnostics::diagnose(&fixture.workspace, &paths[i], &Default::default())
    });
}

#[divan::bench(sample_count = 1000, sample_size = 1)]
fn hover_term(bencher: Bencher) {
    cycle(bencher, &FIXTURE.terms, |(path, offset)| {
        hover::hover(&FIXTURE.workspace, path, *offset, &Default::default())
    });
}

#[divan::bench(sample_count = 1000, sample_size = 1)]
fn hover_link(bencher: Bencher) {
    cycle(bencher, &FIXTURE.links, |(path, offset)| {
        hover::hover(&FIXTURE.workspace, path, *offset, &Default::default())
    });
}

#[divan::bench(sample_count = 1000, sample_size = 1)]
fn definition_term(bencher: Bencher) {
    cycle(bencher, &FIXTURE.terms, |(path, offset)| {
        definition::definition(&FIXTURE.workspace, path, *offset)
    });
}

#[divan::bench(sample_count = 1000, sample_size = 1)]
fn definition_link(bencher: Bencher) {
    cycle(bencher, &FIXTURE.links, |(path, offset)| {
        definition::definition(&FIXTURE.workspace, path, *offset)
    });
}

/// Every mention of the term across the workspace.
#[divan::bench(sample_count = 200, sample_size = 1)]
fn references_term(bencher: Bencher) {
    cycle(bencher, &FIXTURE.terms, |(path, offset)| {
        references::references(&FIXTURE.workspace, path, *offset, true)
    });
}

/// Every link to a heading (cursor on a heading that links point at). A heading whose text
/// is also a term (many notes share "Key numbers to remember") answers with the term's
/// mentions instead, which is where the slow samples come from.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn references_heading(bencher: Bencher) {
    cycle(bencher, &FIXTURE.headings, |(path, offset)| {
        references::references(&FIXTURE.workspace, path, *offset, true)
    });
}

/// Renaming a linked heading: the heading and every link to it.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn rename_heading(bencher: Bencher) {
    cycle(bencher, &FIXTURE.headings, |(path, offset)| {
        rename::rename_heading(&FIXTURE.workspace, path, *offset, "Renamed: a new title")
    });
}

fn complete(bencher: Bencher, kind: CompletionKind) {
    let fixture = &*FIXTURE;
    let path = fixture.vault.root.join(vault::SCRATCH);
    let offsets: Vec<usize> = fixture
        .vault
        .completions
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| c.pos.offset)
        .collect();
    let text = fixture.vault.scratch_text.as_str();
    let mut i = 0;
    bencher.bench_local(move || {
        i = (i + 1) % offsets.len();
        completion::complete(
            &fixture.workspace,
            &path,
            text,
            offsets[i],
            &Default::default(),
        )
    });
}

/// `[t](` and `[x](../folder`: note paths (and their headings once something is typed).
#[divan::bench(sample_count = 200, sample_size = 1)]
fn completion_path(bencher: Bencher) {
    complete(bencher, CompletionKind::Path);
}

/// `[t](#`: this note's headings.
#[divan::bench(sample_count = 1000, sample_size = 1)]
fn completion_anchor(bencher: Bencher) {
    complete(bencher, CompletionKind::Anchor);
}

/// `[[` and `[[dat`: note names.
#[divan::bench(sample_count = 200, sample_size = 1)]
fn completion_wiki(bencher: Bencher) {
    complete(bencher, CompletionKind::Wiki);
}

/// Headings and terms matching a query (fuzzy), as `workspace/symbol` asks.
#[divan::bench(sample_count = 200, sample_size = 1)]
fn workspace_symbols(bencher: Bencher) {
    let fixture = &*FIXTURE;
    let mut i = 0;
    bencher.bench_local(move || {
        i = (i + 1) % fixture.queries.len();
        symbols::workspace_symbols(&fixture.workspace, &fixture.queries[i], 100)
    });
}

/// Renames of the notes that headings links point at, each to a new name in another folder.
fn note_moves() -> Vec<Move> {
    let fixture = &*FIXTURE;
    let mut paths: Vec<&PathBuf> = fixture.headings.iter().map(|(p, _)| p).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .take(100)
        .map(|old| Move {
            old: old.clone(),
            new: fixture.vault.root.join("moved/renamed-note.md"),
        })
        .collect()
}

/// Prints how many edits a file move and a heading rename make (the benchmarks time them).
fn print_edit_counts() {
    let fixture = &*FIXTURE;
    let moves = note_moves();
    let edits: Vec<usize> = moves
        .iter()
        .map(|m| file_rename_edits(&fixture.workspace, std::slice::from_ref(m)).len())
        .collect();
    let renames: Vec<usize> = fixture
        .headings
        .iter()
        .map(|(path, offset)| {
            rename::rename_heading(&fixture.workspace, path, *offset, "Renamed: a new title")
                .map_or(0, |e| e.len())
        })
        .collect();
    let mean = |v: &[usize]| v.iter().sum::<usize>() as f64 / v.len().max(1) as f64;
    let max = |v: &[usize]| v.iter().copied().max().unwrap_or(0);
    eprintln!(
        "edits: file rename {:.1} mean, {} most ({} notes moved); heading rename {:.1} mean, {} most",
        mean(&edits),
        max(&edits),
        edits.len(),
        mean(&renames),
        max(&renames)
    );
}

/// Moving a linked note to another folder under a new name: every link to it and in it.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn file_rename(bencher: Bencher) {
    let moves = note_moves();
    let mut i = 0;
    bencher.bench_local(move || {
        i = (i + 1) % moves.len();
        file_rename_edits(&FIXTURE.workspace, std::slice::from_ref(&moves[i]))
    });
}

/// The lenses of every heading of a 5,000-line note: links to each, gaps under each.
#[divan::bench(sample_count = 200, sample_size = 1)]
fn code_lens_long_note(bencher: Bencher) {
    let fixture = &*FIXTURE;
    let path = fixture.vault.root.join(BIG_NOTE);
    bencher.bench_local(|| lenses::heading_lenses(&fixture.with_big_note, &path));
}

/// Every known term and broken link of a 5,000-line note.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn semantic_tokens_long_note(bencher: Bencher) {
    let fixture = &*FIXTURE;
    let path = fixture.vault.root.join(BIG_NOTE);
    bencher.bench_local(|| semantic_tokens::semantic_tokens(&fixture.with_big_note, &path, None));
}
