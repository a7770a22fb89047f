//! References: every mention of a term and every link to a heading, across the workspace.

use super::definition::Place;
use super::links::{heading_for, link_at};
use super::terms::{related, term_at};
use crate::syntax::{fold, is_acronym, LinkTarget, Note, Span};
use crate::workspace::{Resolved, Workspace};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
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
    if link_at(note, offset).is_none() {
        if let Some(heading) = note.headings.iter().find(|h| h.span.touches(offset)) {
            if term_at(workspace, path, offset).is_none() {
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
    }
    let Some(term) = term_at(workspace, path, offset) else {
        return Vec::new();
    };
    let defs = related(workspace, &term.name);
    let mut names: Vec<String> = Vec::new();
    for d in &defs {
        if let Some((_, def)) = workspace.definition(d) {
            for n in def.names() {
                if !names.contains(&n.to_string()) {
                    names.push(n.to_string());
                }
            }
        }
    }
    let mut out = mentions(workspace, &names);
    if !include_declaration {
        out.retain(|p| {
            !defs.iter().any(|d| {
                *d.path == *p.path
                    && workspace
                        .definition(d)
                        .is_some_and(|(_, def)| def.span.range().contains(&(p.span.start as usize)))
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
pub fn mentions(workspace: &Workspace, names: &[String]) -> Vec<Place> {
    let Ok(matcher) = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(names.iter().flat_map(|n| spellings(n)))
    else {
        return Vec::new();
    };
    let mut out: Vec<Place> = workspace
        .sorted_paths()
        .par_iter()
        .flat_map_iter(|path| {
            let note = workspace.note(path).expect("listed paths are present");
            note_mentions(note, &matcher, names)
                .into_iter()
                .map(|span| Place {
                    path: path.to_path_buf(),
                    span,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by(|a, b| (&a.path, a.span).cmp(&(&b.path, b.span)));
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
