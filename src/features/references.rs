//! References: every mention of a term and every link to a heading, across the workspace.

use super::definition::Place;
use super::links::{heading_for, link_at};
use super::terms::term_at;
use crate::syntax::{
    fold, is_acronym, is_word_char, mention_keys, Key, LinkTarget, Lookup, Note, Span,
};
use crate::workspace::{NotePath, Resolved, Workspace};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// References to the heading or term at `offset` (the declaration included when asked).
pub fn references(
    workspace: &Workspace,
    path: &Path,
    offset: usize,
    include_declaration: bool,
) -> Vec<Place> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let term = term_at(workspace, path, offset);
    if term.is_none() && link_at(note, offset).is_none() {
        if let Some(heading) = note.headings.iter().find(|h| h.span.touches(offset)) {
            let mut out = links_to_heading(workspace, path, &heading.slug);
            if include_declaration {
                out.insert(
                    0,
                    Place {
                        path: path.to_path_buf(),
                        span: heading.span,
                    },
                );
            }
            return out;
        }
    }
    let Some(term) = term else {
        return Vec::new();
    };
    // Every name of every definition of the term (its aliases included), each once.
    let mut distinct = HashSet::new();
    let names: Vec<String> = term
        .definitions
        .iter()
        .filter_map(|d| workspace.definition(d))
        .flat_map(|(_, def)| def.names())
        .filter(|n| distinct.insert(*n))
        .map(str::to_string)
        .collect();
    let mut out = mentions(workspace, &names);
    if !include_declaration {
        // Where each definition writes its term, by note.
        let mut declared: HashMap<&Path, Vec<Span>> = HashMap::new();
        for d in &term.definitions {
            if let Some((_, def)) = workspace.definition(d) {
                declared.entry(&d.path).or_default().push(def.span);
            }
        }
        out.retain(|p| {
            !declared.get(p.path.as_path()).is_some_and(|spans| {
                spans
                    .iter()
                    .any(|s| s.range().contains(&(p.span.start as usize)))
            })
        });
    }
    out
}

/// Links anywhere in the workspace that lead to the heading `slug` of the note at `path`.
pub fn links_to_heading(workspace: &Workspace, path: &Path, slug: &str) -> Vec<Place> {
    let mut sources: Vec<_> = workspace.dependents(path);
    if let Some(me) = workspace.note_path(path) {
        sources.push(me.clone());
    }
    sources.sort();
    let mut out = Vec::new();
    for source in sources {
        let Some(note) = workspace.note(&source) else {
            continue;
        };
        for link in &note.links {
            // Resolving is the cost: first rule out the links whose anchor cannot name the
            // heading (it is the slug itself, or the slug with GitHub's `user-content-` prefix).
            let may_hit = match &link.target {
                LinkTarget::Local {
                    anchor: Some(anchor),
                    ..
                } => anchor.ends_with(slug),
                LinkTarget::Wiki {
                    heading: Some(_), ..
                } => true,
                _ => false,
            };
            if !may_hit {
                continue;
            }
            let Resolved::Note(target, target_note) = workspace.resolve(&source, &link.target)
            else {
                continue;
            };
            if &**target != path {
                continue;
            }
            let hits = heading_for(target_note, &link.target, workspace.parse_options().anchors)
                .is_some_and(|h| &*h.slug == slug);
            if hits {
                out.push(Place {
                    path: source.to_path_buf(),
                    span: link.span,
                });
            }
        }
    }
    out
}

/// Every place a name is written as a whole word (acronyms with their exact case, other names
/// in any case), outside code, across the workspace, sorted by path and position.
///
/// Only the notes that pass the [`Prefilter`] are read; in parallel when they are many.
pub fn mentions(workspace: &Workspace, names: &[String]) -> Vec<Place> {
    let Some(matcher) = matcher(names) else {
        return Vec::new();
    };
    let prefilter = Prefilter::new(names);
    let wanted: Vec<Wanted> = names.iter().map(|n| Wanted::new(n)).collect();
    // Reading the notes' filters waits on memory: each note's filter is located first, in one
    // pass of reads that wait on nothing else, so that many of them are in flight at once. The
    // notes come in path order (worked out once per set of paths), so the places need no sort.
    let order = workspace.in_path_order();
    let notes: Vec<_> = order.notes().map(|n| (n.path, n.note)).collect();
    let lookups: Vec<Lookup> = notes.iter().map(|(_, note)| note.words.lookup()).collect();
    let candidates: Vec<_> = notes
        .iter()
        .zip(lookups)
        .filter(|(_, lookup)| prefilter.may_mention(*lookup))
        .map(|(note, _)| *note)
        .collect();
    let bytes: usize = candidates.iter().map(|(_, n)| n.source.text().len()).sum();
    // Both keep the candidates' order.
    let found: Vec<(&NotePath, Vec<Span>)> = if bytes < PARALLEL_FROM {
        candidates
            .iter()
            .map(|&(path, note)| (path, note_mentions(note, &matcher, &wanted)))
            .filter(|(_, spans)| !spans.is_empty())
            .collect()
    } else {
        candidates
            .par_iter()
            .map(|&(path, note)| (path, note_mentions(note, &matcher, &wanted)))
            .filter(|(_, spans)| !spans.is_empty())
            .collect()
    };
    found
        .into_iter()
        .flat_map(|(path, spans)| {
            spans.into_iter().map(move |span| Place {
                path: path.to_path_buf(),
                span,
            })
        })
        .collect()
}

/// Text to match, in bytes, from which the notes are matched in parallel: below it, waking
/// the thread pool costs more than it saves.
const PARALLEL_FROM: usize = 1 << 20;

/// Finds every spelling of `names`, ASCII case ignored, longest first; [`note_mentions`] keeps
/// the whole words in the right case.
fn matcher(names: &[String]) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(names.iter().flat_map(|n| spellings(n)))
        .ok()
}

/// A quick test, from a note's [`WordFilter`](crate::syntax::WordFilter) alone, that it may
/// mention some of the names: only the notes that pass are read (and the results are the
/// matcher's alone).
///
/// A mention is one of the spellings the matcher looks for, up to ASCII case, with no word
/// character on either side: the note holds every key of that spelling ([`mention_keys`]). A
/// note passes when its filter may hold every key of some spelling.
struct Prefilter(Vec<Vec<Key>>);

impl Prefilter {
    fn new(names: &[String]) -> Self {
        let mut spelled: Vec<Vec<Key>> = names
            .iter()
            .flat_map(|name| spellings(name))
            .map(|spelling| mention_keys(&spelling))
            .collect();
        spelled.sort_unstable();
        spelled.dedup();
        Prefilter(spelled)
    }

    /// False only when the note whose words these are holds no mention.
    fn may_mention(&self, words: Lookup) -> bool {
        self.0
            .iter()
            .any(|keys| keys.iter().all(|&key| words.may_contain(key)))
    }
}

/// Spellings to search for: ASCII case is handled by the matcher; other scripts need their
/// cases listed.
fn spellings(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    if !name.is_ascii() {
        let lower = name.to_lowercase();
        let mut capitalized = String::new();
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            capitalized.extend(first.to_uppercase());
            capitalized.push_str(chars.as_str());
        }
        out.extend([lower, capitalized, name.to_uppercase()]);
        out.dedup();
    }
    out
}

/// A name as a mention must write it: an acronym exactly, any other name in any case.
enum Wanted {
    Exactly(String),
    Folded(String),
}

impl Wanted {
    fn new(name: &str) -> Self {
        if is_acronym(name) {
            Wanted::Exactly(name.to_string())
        } else {
            Wanted::Folded(fold(name))
        }
    }
}

fn note_mentions(note: &Note, matcher: &AhoCorasick, wanted: &[Wanted]) -> Vec<Span> {
    let text = note.source.text();
    let mut out = Vec::new();
    for m in matcher.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let found = &text[start..end];
        let whole_word = !text[..start].chars().next_back().is_some_and(is_word_char)
            && !text[end..].chars().next().is_some_and(is_word_char);
        if !whole_word || note.in_code(start) {
            continue;
        }
        let mut folded = None;
        let same = wanted.iter().any(|w| match w {
            Wanted::Exactly(name) => found == name,
            Wanted::Folded(name) => folded.get_or_insert_with(|| fold(found)) == name,
        });
        if same {
            out.push(Span::new(start, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::WordFilter;

    const TEXTS: &[&str] = &[
        "A write-ahead log (WAL), a Write-Ahead Log, WRITE-AHEAD LOG; not wal or Wal.",
        "Only wal and Wal here, and a write-ahead logger.",
        "«Шардирование», шардирование, ШАРДИРОВАНИЕ.",
        "The GIL, the gil, the Gil; `GIL` in code.",
        "The GLOBAL INTERPRETER LOCK's cost.",
        "Ship with CI/CD, avoid (N+1) queries, call select_related, use a lock-free queue.",
        "Nothing to see.",
    ];

    /// A workspace of [`TEXTS`], one note each.
    fn workspace_of_texts() -> Workspace {
        let mut ws = Workspace::new(vec!["/v".into()], Default::default());
        for (i, text) in TEXTS.iter().enumerate() {
            let note = ws.parse(text);
            ws.set_note(Path::new(&format!("/v/{i}.md")), note);
        }
        ws
    }

    /// The prefilter only skips notes without mentions: the places are those found by matching
    /// every note. Mentions that are parts of longer runs of punctuated text (`CD` in `CI/CD`,
    /// `Lock` in `lock-free`) are kept.
    #[test]
    fn the_prefilter_keeps_every_mention() {
        let ws = workspace_of_texts();
        for names in [
            &["Write-Ahead Log", "WAL", "Шардирование"][..],
            &["шардирование"],
            &["GIL"],
            &["GIL", "Gil"],
            &["Global Interpreter Lock"],
            &["Lock"],
            &["CD"],
            &["N+1"],
            &["CI/CD", "select_related"],
        ] {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let matcher = matcher(&names).unwrap();
            let wanted: Vec<Wanted> = names.iter().map(|n| Wanted::new(n)).collect();
            let every: Vec<Place> = ws
                .sorted_paths()
                .iter()
                .flat_map(|path| {
                    note_mentions(ws.note(path).unwrap(), &matcher, &wanted)
                        .into_iter()
                        .map(|span| Place {
                            path: path.to_path_buf(),
                            span,
                        })
                })
                .collect();
            assert!(!every.is_empty(), "{names:?}");
            assert_eq!(mentions(&ws, &names), every, "{names:?}");
        }
    }

    #[test]
    fn mentions_are_whole_words_acronyms_as_written_other_names_in_any_case() {
        let ws = workspace_of_texts();
        let written = |names: &[&str]| -> Vec<(String, String)> {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            mentions(&ws, &names)
                .into_iter()
                .map(|p| {
                    let text = ws.note(&p.path).unwrap().source.text()[p.span.range()].to_string();
                    (p.path.display().to_string(), text)
                })
                .collect()
        };
        let at = |path: &str, text: &str| (path.to_string(), text.to_string());
        assert_eq!(
            written(&["Write-Ahead Log", "WAL"]),
            [
                at("/v/0.md", "write-ahead log"),
                at("/v/0.md", "WAL"),
                at("/v/0.md", "Write-Ahead Log"),
                at("/v/0.md", "WRITE-AHEAD LOG"),
            ]
        );
        assert_eq!(written(&["GIL"]), [at("/v/3.md", "GIL")]);
        assert_eq!(
            written(&["Шардирование"]),
            [
                at("/v/2.md", "Шардирование"),
                at("/v/2.md", "шардирование"),
                at("/v/2.md", "ШАРДИРОВАНИЕ"),
            ]
        );
    }

    #[test]
    fn the_prefilter_passes_notes_with_the_words_of_a_spelling_in_order_in_any_case() {
        let passes = |names: &[&str], text: &str| {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            Prefilter::new(&names).may_mention(WordFilter::new(text).lookup())
        };
        assert!(passes(&["Write-Ahead Log"], "a WRITE-AHEAD LOG"));
        assert!(passes(&["Write-Ahead Log"], "write, ahead: log"));
        assert!(!passes(&["Write-Ahead Log"], "log, then write ahead"));
        assert!(!passes(&["Write-Ahead Log"], "a write-ahead"));
        assert!(!passes(&["Write-Ahead Log"], "ahead log"));
        assert!(passes(&["WAL", "Write-Ahead Log"], "the WAL"));
        assert!(passes(&["Шардирование"], "ШАРДИРОВАНИЕ"));
        assert!(!passes(&["Шардирование"], "Репликация"));
        assert!(passes(&["CD"], "CI/CD"));
        assert!(!passes(&["N+1"], "N+2"));
    }
}
