//! References: every mention of a term and every link to a heading, across the workspace.

use super::definition::Place;
use super::links::{heading_for, link_at};
use super::terms::term_at;
use crate::syntax::{fold, is_acronym, LinkTarget, Note, Span};
use crate::workspace::{NotePath, Resolved, Workspace};
use aho_corasick::{packed, AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
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
            let Resolved::Note(target, target_note) = workspace.resolve(&source, &link.target)
            else {
                continue;
            };
            if &**target != path {
                continue;
            }
            let hits = match &link.target {
                LinkTarget::Local {
                    anchor: Some(_), ..
                }
                | LinkTarget::Wiki {
                    heading: Some(_), ..
                } => heading_for(target_note, &link.target).is_some_and(|h| &*h.slug == slug),
                _ => false,
            };
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
/// Every note is read (in parallel), but only those that pass the [`Prefilter`] go through the
/// full matcher.
pub fn mentions(workspace: &Workspace, names: &[String]) -> Vec<Place> {
    let Some(matcher) = matcher(names) else {
        return Vec::new();
    };
    let prefilter = Prefilter::new(names);
    let notes: Vec<_> = workspace.notes().collect();
    let mut found: Vec<(&NotePath, Vec<Span>)> = notes
        .par_iter()
        .filter(|(_, note)| prefilter.may_mention(note.source.text()))
        .map(|&(path, note)| (path, note_mentions(note, &matcher, names)))
        .filter(|(_, spans)| !spans.is_empty())
        .collect();
    // Spans come in order within a note: sorting the notes sorts the places.
    found.sort_unstable_by(|a, b| a.0.cmp(b.0));
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

/// Finds every spelling of `names`, ASCII case ignored, longest first; [`note_mentions`] keeps
/// the whole words in the right case.
fn matcher(names: &[String]) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(names.iter().flat_map(|n| spellings(n)))
        .ok()
}

/// Longest piece of a spelling the prefilter looks for, in bytes.
const MAX_PIECE: usize = 6;

/// Most patterns one packed searcher is given: up to 32 it uses the faster (slim) Teddy.
const MAX_PATTERNS: usize = 32;

/// A quick test that a note may mention some of the names, so that only the notes that pass go
/// through the full matcher (and the results are the matcher's alone).
///
/// Two packed (SIMD) searchers, each looking for one short piece of every spelling (the second
/// for a piece apart from the first's): a note passes if both find something. A mention holds
/// both pieces of its spelling: the matcher finds spellings up to ASCII case, and pieces are
/// searched for in every ASCII case, except that an acronym's mention is the acronym exactly,
/// so acronyms are searched for as written (unless another, case-insensitive, name folds like
/// one of their spellings). Spellings without ASCII letters are searched for whole. When the
/// spellings are too many for a searcher, there is none and every note passes.
struct Prefilter(Vec<packed::Searcher>);

impl Prefilter {
    fn new(names: &[String]) -> Self {
        let folded: Vec<String> = names
            .iter()
            .filter(|n| !is_acronym(n))
            .map(|n| fold(n))
            .collect();
        // Each spelling, and whether it is searched for whole and as written.
        let spelled: Vec<(String, bool)> = names
            .iter()
            .flat_map(|name| {
                let spellings = spellings(name);
                let acronym =
                    is_acronym(name) && !spellings.iter().any(|s| folded.contains(&fold(s)));
                spellings.into_iter().map(move |s| {
                    let whole = acronym || !s.bytes().any(|b| b.is_ascii_alphabetic());
                    (s, whole)
                })
            })
            .collect();
        let mut searchers = Vec::new();
        let mut taken = vec![0..0; spelled.len()];
        while searchers.len() < 2 {
            let Some((pieces, searcher)) = searcher(&spelled, &taken) else {
                break;
            };
            searchers.push(searcher);
            taken = pieces;
        }
        Prefilter(searchers)
    }

    /// False only when `text` holds no mention.
    fn may_mention(&self, text: &str) -> bool {
        self.0.iter().all(|s| s.find(text).is_some())
    }
}

/// A searcher for the longest pieces (at most [`MAX_PIECE`] bytes) of the spellings, each apart
/// from the one `taken` before, whose case variants fit in it; with the pieces.
fn searcher(
    spelled: &[(String, bool)],
    taken: &[Range<usize>],
) -> Option<(Vec<Range<usize>>, packed::Searcher)> {
    (2..=MAX_PIECE).rev().find_map(|len| {
        let pieces: Vec<Range<usize>> = spelled
            .iter()
            .zip(taken)
            .map(|((s, whole), apart)| {
                if *whole {
                    0..s.len()
                } else {
                    piece(s.as_bytes(), len, apart.clone())
                }
            })
            .collect();
        let mut patterns = Vec::new();
        for ((s, whole), p) in spelled.iter().zip(&pieces) {
            let bytes = &s.as_bytes()[p.clone()];
            if *whole {
                patterns.push(bytes.to_vec());
            } else {
                patterns.extend(ascii_cases(bytes));
            }
            if patterns.len() > MAX_PATTERNS {
                return None;
            }
        }
        let searcher = packed::Config::new().builder().extend(patterns).build()?;
        Some((pieces, searcher))
    })
}

/// Bytes from the most to the least frequent in English prose; any other byte counts as rare.
const FREQUENT: &[u8] = b" etaoinsrhldcumfpgwybvkxjqz";

/// Where in `spelling` the `len` bytes most likely to be rare are, outside `apart`: a window
/// with a space inside (the end of a word and the start of the next: pairs of words are rarer
/// than words) if there is one, then the one with the rarest bytes. The whole spelling when it
/// is short; `apart` itself when nothing else fits.
fn piece(spelling: &[u8], len: usize, apart: Range<usize>) -> Range<usize> {
    if spelling.len() <= len {
        return 0..spelling.len();
    }
    let rarity = |w: &[u8]| -> usize {
        w.iter()
            .map(|&b| {
                let lower = b.to_ascii_lowercase();
                FREQUENT
                    .iter()
                    .position(|&f| f == lower)
                    .unwrap_or(FREQUENT.len())
            })
            .sum()
    };
    (0..=spelling.len() - len)
        .filter(|&i| i + len <= apart.start || i >= apart.end)
        .map(|i| i..i + len)
        .max_by_key(|w| {
            let w = &spelling[w.clone()];
            (w[1..len - 1].contains(&b' '), rarity(w))
        })
        .unwrap_or(apart)
}

/// `piece` in every combination of ASCII letter cases.
fn ascii_cases(piece: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::with_capacity(piece.len())];
    for &b in piece {
        if b.is_ascii_alphabetic() {
            out = out
                .into_iter()
                .flat_map(|v| {
                    [b.to_ascii_lowercase(), b.to_ascii_uppercase()].map(|c| {
                        let mut v = v.clone();
                        v.push(c);
                        v
                    })
                })
                .collect();
        } else {
            out.iter_mut().for_each(|v| v.push(b));
        }
    }
    out
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

fn note_mentions(note: &Note, matcher: &AhoCorasick, names: &[String]) -> Vec<Span> {
    let text = note.source.text();
    let mut out = Vec::new();
    for m in matcher.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let found = &text[start..end];
        let whole_word = !text[..start].chars().next_back().is_some_and(is_inner)
            && !text[end..].chars().next().is_some_and(is_inner);
        let same = names.iter().any(|n| {
            if is_acronym(n) {
                found == n
            } else {
                fold(found) == fold(n)
            }
        });
        if whole_word && same && !note.in_code(start) {
            out.push(Span::new(start, end));
        }
    }
    out
}

fn is_inner(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "A write-ahead log (WAL), a Write-Ahead Log, WRITE-AHEAD LOG; not wal or Wal.",
        "Only wal and Wal here, and a write-ahead logger.",
        "Шардирование, шардирование, ШАРДИРОВАНИЕ.",
        "The GIL, the gil, the Gil; `GIL` in code.",
        "Nothing to see.",
    ];

    /// The prefilter only skips notes without mentions: the places are those found by matching
    /// every note.
    #[test]
    fn the_prefilter_keeps_every_mention() {
        let mut ws = Workspace::new(vec!["/v".into()], Default::default());
        for (i, text) in TEXTS.iter().enumerate() {
            let note = ws.parse(text);
            ws.set_note(Path::new(&format!("/v/{i}.md")), note);
        }
        for names in [
            &["Write-Ahead Log", "WAL", "Шардирование"][..],
            &["GIL"],
            &["GIL", "Gil"],
        ] {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let matcher = matcher(&names).unwrap();
            let every: Vec<Place> = ws
                .sorted_paths()
                .iter()
                .flat_map(|path| {
                    note_mentions(ws.note(path).unwrap(), &matcher, &names)
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
    fn the_prefilter_searches_acronyms_as_written_and_other_names_in_any_case() {
        let passes = |names: &[&str], text: &str| {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            Prefilter::new(&names).may_mention(text)
        };
        assert!(passes(&["WAL"], "the WAL"));
        assert!(!passes(&["WAL"], "the wal, the Wal"));
        // "Gil" folds like the acronym: "gil" is then a mention.
        assert!(passes(&["GIL", "Gil"], "the gil"));
        assert!(passes(&["Write-Ahead Log"], "a WRITE-AHEAD LOG"));
        assert!(!passes(&["Write-Ahead Log"], "a write-ahead"));
        assert!(!passes(&["Write-Ahead Log"], "ahead log"));
        assert!(passes(&["Шардирование"], "ШАРДИРОВАНИЕ"));
    }

    #[test]
    fn pieces_span_two_words_where_they_can() {
        let name = b"Immutable Quorum Protocol";
        let first = piece(name, 6, 0..0);
        assert_eq!(first.len(), 6);
        assert!(name[first.start + 1..first.end - 1].contains(&b' '));
        let second = piece(name, 6, first.clone());
        assert!(second.end <= first.start || second.start >= first.end);
        assert_eq!(piece(b"Idempotency", 6, 0..0).len(), 6);
        assert_eq!(piece(b"CAP", 6, 0..0), 0..3);
        assert_eq!(piece(b"Sharding", 6, 1..7), 1..7);
    }
}
