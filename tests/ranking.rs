//! Completion and workspace symbols rank exactly as scoring every candidate and sorting them
//! would: the shortcuts of the scans (character masks, score bounds, early stops) change how
//! fast the best are found, never which.

mod common;
use notes_lsp::config::Config;
use notes_lsp::features::completion::complete;
use notes_lsp::features::link_paths::relative_link;
use notes_lsp::features::symbols::workspace_symbols;
use notes_lsp::features::terms::{ranked_filed, same_name};
use notes_lsp::syntax::DefinitionKind;
use notes_lsp::workspace::{load, NotePath, Workspace};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};
use std::cmp::Reverse;
use std::ffi::OsStr;
use std::fmt::Write;
use std::path::{Component, Path};

/// Words the generated notes are named and titled with.
const WORDS: [&str; 12] = [
    "data", "base", "acid", "log", "quorum", "lazy", "шард", "кэш", "élan", "K", "x.y", "a-b",
];

/// A vault of hand-written notes (odd names, punctuation, Cyrillic, emoji, a `../` in a
/// heading) and generated ones in nested folders, with few items per list so that lists are
/// capped and the scans' shortcuts matter.
fn vault() -> (tempfile::TempDir, Workspace) {
    let mut spec = String::from(
        "--- inbox/scratch.md\n# Scratch\n\
         --- inbox/near.md\n# Near\n## Databases nearby\n\
         --- db/acid.md\n# ACID\n## Isolation levels\n## ../db/acid and paths\n\
         **Write-Ahead Log (WAL)** is an append-only file.\n\
         --- db/deep/inner/data base.md\n---\ntitle: Data base\n---\n# Data base\n## Q: Data?\n\
         --- ru/шардирование.md\n# Шардирование (sharding)\n## Кэширование: «за» и «против»\n\
         - Ленивый кворум данных (Lazy Quorum Log)\n  - Ответ: да.\n\
         --- fun/😀 fun.md\n# 😀 Fun\n## Élan vital\n## \u{212A}elvin scale\n\
         --- x.y/a-b.md\n# x.y a-b\n## a-b/x.y\n",
    );
    for i in 0..160 {
        let word = |k: usize| WORDS[(i * 7 + k * 5) % WORDS.len()];
        let folder = ["databases", "data", "ru/деep", "a-b/x.y"][i % 4];
        let _ = write!(
            spec,
            "--- {folder}/part-{}/{}-{i}.md\n# {} {}\n## What is the {} {}?\n## {} ({})\n\
             **{} {}** is a term.\n",
            i % 3,
            word(0),
            word(1),
            word(2),
            word(3),
            word(4),
            word(5),
            word(6),
            word(7),
            word(8),
        );
    }
    let dir = common::vault(&spec);
    let root = dir.path().canonicalize().unwrap();
    let mut config = Config::default();
    config.completion.max_items = 7;
    let (workspace, _) = load(vec![root], config);
    (dir, workspace)
}

/// The loaded vault, then the same edited (names changed, a note added and one removed): each
/// checked after the one before, as a server's snapshots follow one another.
fn snapshots() -> (tempfile::TempDir, Vec<Workspace>) {
    let (dir, loaded) = vault();
    let root = loaded.roots()[0].clone();
    let mut edited = loaded.clone();
    for (i, path) in loaded.sorted_paths().iter().enumerate().step_by(9) {
        let text = format!("# Data {i}\n## ../db and data\n## Шард {i}\n**Lazy Data** is new.\n");
        edited.set_note(path, edited.parse(&text));
    }
    let mut grown = edited.clone();
    grown.set_note(
        &root.join("databases/aaa.md"),
        grown.parse("# Data\n## dat\n"),
    );
    grown.remove_note(&root.join("db/acid.md"));
    (dir, vec![loaded, edited, grown])
}

/// Queries: empty, partial paths, words, acronyms, Cyrillic, accents, punctuation, emoji and
/// nucleo's syntax.
const QUERIES: [&str; 28] = [
    "",
    "d",
    "dat",
    "da ba",
    "../",
    "../d",
    "../db",
    "../databases",
    "../databases/part-1",
    "../ru",
    "x.y",
    "a-b",
    "../a-b/x.y",
    "ac",
    "acid",
    "lql",
    "wal",
    "шард",
    "кэш за",
    "élan",
    "elan",
    "k",
    "😀",
    "!log data",
    "'base",
    "^data",
    "quorum$",
    "q: data",
];

/// nucleo's score of a candidate.
fn score(pattern: &Pattern, matcher: &mut Matcher, candidate: &str) -> Option<u32> {
    let mut buf = Vec::new();
    pattern.score(Utf32Str::new(candidate, &mut buf), matcher)
}

fn pattern(query: &str) -> Pattern {
    Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart)
}

/// The best `limit` of keyed candidates, and whether some were left out.
fn best<K: Ord, V>(mut all: Vec<(K, V)>, limit: usize) -> (Vec<V>, bool) {
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all.dedup_by(|a, b| a.0 == b.0);
    let capped = all.len() > limit;
    (
        all.into_iter().take(limit).map(|(_, v)| v).collect(),
        capped,
    )
}

/// Completion labels at the end of `line` in the scratch note.
fn completion(workspace: &Workspace, from: &Path, line: &str) -> (Vec<String>, bool) {
    let text = format!("# Scratch\n\n{line}");
    let completion = complete(
        workspace,
        from,
        &text,
        text.len(),
        &workspace.config().completion,
    )
    .unwrap();
    let labels = completion.items.into_iter().map(|i| i.label).collect();
    (labels, completion.incomplete)
}

#[test]
fn link_paths_rank_as_every_candidate_scored() {
    let (_dir, snapshots) = snapshots();
    for workspace in &snapshots {
        link_paths(workspace);
    }
}

/// Completion after `](` for each query against a plain scoring of every link and heading.
fn link_paths(workspace: &Workspace) {
    let from = workspace.roots()[0].join("inbox/scratch.md");
    let parts: Vec<Component> = from.parent().unwrap().components().collect();
    let limit = workspace.config().completion.max_items;
    let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
    for typed in QUERIES.iter().filter(|q| !q.contains([' ', ')'])) {
        let pattern = pattern(typed);
        let mut all = Vec::new();
        for path in workspace.sorted_paths() {
            let note = workspace.note(&path).unwrap();
            let (mut shared, mut depth) = (0, 0);
            for part in path.components() {
                if shared == depth && parts.get(depth) == Some(&part) {
                    shared += 1;
                }
                depth += 1;
            }
            let here = shared == parts.len() && depth == parts.len() + 1;
            if here && path.file_name() == from.file_name() {
                continue;
            }
            let near = (!here, depth, path.clone());
            let link = relative_link(&from, &path);
            if let Some(s) = score(&pattern, &mut matcher, &link) {
                all.push(((Reverse(s), near.clone(), 0), link.clone()));
            }
            for (i, h) in note
                .headings
                .iter()
                .enumerate()
                .filter(|_| !typed.is_empty())
            {
                let candidate = format!("{link} {}", h.text);
                if let Some(s) = score(&pattern, &mut matcher, &candidate) {
                    all.push((
                        (Reverse(s), near.clone(), i + 1),
                        format!("{link}#{}", h.slug),
                    ));
                }
            }
        }
        let want = best(all, limit);
        let got = completion(workspace, &from, &format!("see [x]({typed}"));
        assert_eq!(got, want, "{typed:?}");
    }
}

/// Where a wiki candidate goes among equal scores, as completion orders them.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum WikiOrder {
    Note(NotePath, usize),
    Term(String, Box<OsStr>, Option<String>),
}

#[test]
fn wiki_names_rank_as_every_candidate_scored() {
    let (_dir, snapshots) = snapshots();
    for workspace in &snapshots {
        wiki_names(workspace);
    }
}

/// Completion after `[[` for each query against a plain scoring of every note, heading and term.
fn wiki_names(workspace: &Workspace) {
    let from = workspace.roots()[0].join("inbox/scratch.md");
    let limit = workspace.config().completion.max_items;
    let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
    for typed in QUERIES.iter().filter(|q| !q.contains(['#', '|'])) {
        let pattern = pattern(typed);
        let mut all = Vec::new();
        for path in workspace.sorted_paths() {
            let note = workspace.note(&path).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let filter = match note.title.as_deref() {
                Some(title) if !same_name(title, &stem) => format!("{stem} {title}"),
                _ => stem.clone(),
            };
            if let Some(s) = score(&pattern, &mut matcher, &filter) {
                all.push(((Reverse(s), WikiOrder::Note(path.clone(), 0)), stem.clone()));
            }
            if typed.is_empty() {
                continue;
            }
            for (i, h) in note.headings.iter().enumerate() {
                let candidate = format!("{stem}#{}", h.text);
                if let Some(s) = score(&pattern, &mut matcher, &candidate) {
                    all.push((
                        (Reverse(s), WikiOrder::Note(path.clone(), i + 1)),
                        candidate,
                    ));
                }
            }
            for (index, def) in note.definitions.iter().enumerate() {
                let names: Vec<&str> = def.names().collect();
                let Some(s) = score(&pattern, &mut matcher, &names.join(" ")) else {
                    continue;
                };
                let best_of_a_name = names.iter().any(|name| {
                    let filed = workspace.definitions_filed_as(name);
                    ranked_filed(workspace, filed)
                        .first()
                        .is_some_and(|b| b.index == index as u32 && b.path == path)
                });
                if def.gap || !best_of_a_name {
                    continue;
                }
                let heading = note.heading_at(def.span.start as usize);
                let order = WikiOrder::Term(
                    def.term.to_string(),
                    path.file_stem().unwrap().into(),
                    heading.map(|h| h.text.to_string()),
                );
                all.push(((Reverse(s), order), def.term.to_string()));
            }
        }
        let want = best(all, limit);
        let got = completion(workspace, &from, &format!("see [[{typed}"));
        assert_eq!(got, want, "{typed:?}");
    }
}

#[test]
fn workspace_symbols_rank_as_every_candidate_scored() {
    let (_dir, snapshots) = snapshots();
    for workspace in &snapshots {
        symbols(workspace);
    }
}

/// Workspace symbols for each query against a plain scoring of every heading and term.
fn symbols(workspace: &Workspace) {
    let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
    for query in QUERIES.iter().filter(|q| !q.trim().is_empty()) {
        let pattern = pattern(query);
        let mut all = Vec::new();
        for path in workspace.sorted_paths() {
            let note = workspace.note(&path).unwrap();
            for h in &note.headings {
                if let Some(s) = score(&pattern, &mut matcher, &h.text) {
                    let key = (Reverse(s), h.text.len(), path.clone(), h.span);
                    all.push(((key, h.text.to_string()), (h.text.to_string(), h.span)));
                }
            }
            for d in note.definitions.iter() {
                if d.kind == DefinitionKind::Heading {
                    continue;
                }
                let best = d
                    .names()
                    .filter_map(|name| Some((score(&pattern, &mut matcher, name)?, name)))
                    .min_by_key(|&(s, _)| Reverse(s));
                if let Some((s, name)) = best {
                    let key = (Reverse(s), name.len(), path.clone(), d.span);
                    all.push(((key, name.to_string()), (name.to_string(), d.span)));
                }
            }
        }
        let (want, _) = best(all, 9);
        let got: Vec<_> = workspace_symbols(workspace, query, 9)
            .into_iter()
            .map(|s| (s.name, s.span))
            .collect();
        assert_eq!(got, want, "{query:?}");
    }
}
