//! Where the memory of an indexed vault goes: the notes' text and line index, each list the
//! extraction keeps (headings, links, definitions, …), the word filters, the note records, the
//! workspace's indexes, and the full-text index kept in RAM or memory-mapped from a private
//! folder.
//!
//! `cargo bench --bench memory` (10,000 notes of each vault profile; `VAULT_NOTES=1000` and
//! `VAULT_PROFILE=dense` choose). Live heap bytes are counted by a counting allocator: a part's
//! size is the heap it takes (a list's size is what a deep copy of it allocates), the indexes
//! are what the loaded workspace holds beyond its notes. RSS comes from `/proc/self/status`, read
//! after giving freed memory back to the system.

mod vault;

use notes_lsp::config::Config;
use notes_lsp::search::SearchIndex;
use notes_lsp::syntax::Note;
use notes_lsp::workspace::load;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Arc;
use vault::Profile;

/// The system allocator, counting the bytes live.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Heap bytes live now.
fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// The heap a value allocates when made (and freed at once).
fn heap_of<T>(make: impl FnOnce() -> T) -> isize {
    let before = live();
    let value = black_box(make());
    let size = live() - before;
    drop(value);
    size
}

/// A line of `/proc/self/status` (VmRSS, RssAnon, RssFile), in MB.
fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Gives the memory freed so far back to the system (glibc keeps it otherwise), so that RSS
/// shows what is live.
fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// One row of the report: a part and its bytes.
struct Part {
    name: &'static str,
    bytes: isize,
}

/// The heap of each part of the notes.
fn note_parts<'a>(notes: impl Iterator<Item = &'a Arc<Note>>) -> Vec<Part> {
    let mut parts = vec![
        ("text", 0),
        ("line index", 0),
        ("headings", 0),
        ("links", 0),
        ("definitions", 0),
        (
            "other lists (anchors, references, gaps, code spans, title, aliases)",
            0,
        ),
        ("word filters", 0),
        ("note records", 0),
    ];
    for note in notes {
        let sizes = [
            note.source.text().len() as isize,
            heap_of(|| note.source.clone()),
            heap_of(|| note.headings.clone()),
            heap_of(|| note.links.clone()),
            heap_of(|| note.definitions.clone()),
            heap_of(|| {
                (
                    note.anchors.clone(),
                    note.ref_defs.clone(),
                    note.undefined_refs.clone(),
                    note.placeholders.clone(),
                    note.code.clone(),
                    note.title.clone(),
                    note.aliases.clone(),
                )
            }),
            heap_of(|| note.words.clone()),
            // The Arc's counts and the record itself.
            (std::mem::size_of::<Note>() + 16) as isize,
        ];
        for (part, size) in parts.iter_mut().zip(sizes) {
            part.1 += size;
        }
    }
    parts
        .into_iter()
        .map(|(name, bytes)| Part { name, bytes })
        .collect()
}

/// Measures one vault and prints its table.
fn report(profile: Profile, notes: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().canonicalize().expect("the folder exists");
    let vault = vault::generate_profile(&root, notes, 1, profile).expect("the vault is written");
    println!(
        "\n### {} profile: {}\n",
        profile.name(),
        vault::summary(&vault)
    );

    trim();
    let rss_before = status_mb("VmRSS");
    let before = live();
    let (workspace, _) = load(vec![root.clone()], Config::default());
    let total = live() - before;
    trim();
    let rss_indexed = status_mb("VmRSS");
    let count = workspace.notes().count().max(1) as f64;

    let mut parts = note_parts(workspace.notes().map(|(_, note)| note));
    let in_notes: isize = parts.iter().map(|p| p.bytes).sum();
    parts.push(Part {
        name: "indexes (names, backlinks, terms, matches, order) and paths",
        bytes: total - in_notes,
    });

    println!("| part | MB | bytes per note | share |");
    println!("| --- | ---: | ---: | ---: |");
    for part in &parts {
        println!(
            "| {} | {:.1} | {:.0} | {:.1}% |",
            part.name,
            part.bytes as f64 / 1e6,
            part.bytes as f64 / count,
            100.0 * part.bytes as f64 / total.max(1) as f64
        );
    }
    println!(
        "| **live heap of the loaded workspace** | **{:.1}** | {:.0} | 100% |",
        total as f64 / 1e6,
        total as f64 / count
    );
    println!(
        "\nRSS {:.0} MB before loading, {:.0} MB once loaded.",
        rss_before, rss_indexed
    );

    for (name, open) in [
        (
            "memory-mapped from a private folder",
            SearchIndex::in_private_folder as fn() -> tantivy::Result<SearchIndex>,
        ),
        ("in RAM", SearchIndex::in_memory),
    ] {
        let before = live();
        let (rss, anon) = (status_mb("VmRSS"), status_mb("RssAnon"));
        let index = open().expect("the search index opens");
        for (i, (path, note)) in workspace.notes().enumerate() {
            index.update(path, i as u64, note);
        }
        index.commit();
        let hits = index.search("latency", 20).len();
        let (rss_built, anon_built) = (status_mb("VmRSS") - rss, status_mb("RssAnon") - anon);
        trim();
        println!(
            "Full-text index {name}: +{:.1} MB live heap, RSS +{rss_built:.0} MB (anonymous \
             +{anon_built:.0} MB) after indexing every note and one search ({hits} hits); \
             RSS +{:.0} MB (anonymous +{:.0} MB) once freed memory is given back.",
            (live() - before) as f64 / 1e6,
            status_mb("VmRSS") - rss,
            status_mb("RssAnon") - anon
        );
        drop(index);
        trim();
    }

    edits(workspace, &root);
}

/// Edits of a big open note as the end-to-end benchmark's 2 MB rows make them: each edit adds
/// or removes a line, re-extracts the whole note on a thread of its own (the server's blocking
/// threads) and updates the full-text index. Live heap against RSS tells memory still held from
/// memory the allocator keeps.
fn edits(mut workspace: notes_lsp::workspace::Workspace, root: &std::path::Path) {
    const EDITS: usize = 60;
    let path = root.join("big-qa-note.md");
    let text = vault::big_qa_note(2_000_000);
    let edited = format!("{text}See [the missing part](#no-such-heading-here).\n");
    let index = SearchIndex::in_private_folder().expect("the search index opens");
    for (i, (path, note)) in workspace.notes().enumerate() {
        index.update(path, i as u64, note);
    }
    index.commit();
    trim();
    let (live_before, rss_before, anon_before) = (live(), status_mb("VmRSS"), status_mb("RssAnon"));
    println!(
        "\nEdits of a 2 MB note ({EDITS}, each re-extracted on a thread of its own and sent to          the full-text index; live heap and RSS over the loaded workspace and index):\n"
    );
    println!("| edits | live heap | RSS (anonymous) |");
    println!("| ---: | ---: | ---: |");
    for edit in 1..=EDITS {
        let text = if edit % 2 == 1 { &edited } else { &text };
        let (snapshot, index_ref) = (workspace.clone(), &index);
        let note = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let note = Arc::new(snapshot.parse(text));
                    index_ref.update(&path, edit as u64, &note);
                    note
                })
                .join()
                .expect("the edit")
        });
        workspace.set_note(&path, Arc::unwrap_or_clone(note));
        if edit % 10 == 0 {
            println!(
                "| {edit} | {:+.1} MB | {:+.0} MB ({:+.0} MB) |",
                (live() - live_before) as f64 / 1e6,
                status_mb("VmRSS") - rss_before,
                status_mb("RssAnon") - anon_before,
            );
        }
    }
    trim();
    println!(
        "\nOnce freed memory is given back: RSS {:+.0} MB (anonymous {:+.0} MB).",
        status_mb("VmRSS") - rss_before,
        status_mb("RssAnon") - anon_before,
    );
}

fn main() {
    let notes = std::env::var("VAULT_NOTES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let profiles: Vec<Profile> = match std::env::var("VAULT_PROFILE") {
        Ok(name) => vec![Profile::named(&name).expect("VAULT_PROFILE: standard or dense")],
        Err(_) => Profile::ALL.to_vec(),
    };
    // `cargo bench` passes `--bench`; nothing else is read from the command line.
    for profile in profiles {
        report(profile, notes);
    }
}
