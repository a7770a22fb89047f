//! Finding the term under the cursor and ranking its definitions.

use crate::syntax::{
    fold, is_cyrillic, term_words, Definition, DefinitionKind, Note, Script, Span, Weight,
};
use crate::workspace::{Closeness, DefRef, Workspace};
use std::collections::HashSet;
use std::path::Path;

/// Longest term, in words, the matcher tries.
const MAX_WORDS: usize = 8;

/// A term found in the text, with every definition of it, best first.
#[derive(Clone, Debug)]
pub struct TermAt {
    /// Where the term is written.
    pub span: Span,
    /// The text matched.
    pub name: String,
    /// Its definitions across the workspace, best first.
    pub definitions: Vec<DefRef>,
}

/// The longest known term covering `offset` in the note at `path` (never inside code).
pub fn term_at(workspace: &Workspace, path: &Path, offset: usize) -> Option<TermAt> {
    let note = workspace.note(path)?;
    if note.in_code(offset) {
        return None;
    }
    let source = &note.source;
    let line = source.line_range(source.line_of(offset));
    let text = &source.text()[line.clone()];
    let words = term_words(text);
    let at = offset.checked_sub(line.start)?;
    let cursor = words.iter().position(|&(s, e)| s <= at && at <= e)?;
    for len in (1..=MAX_WORDS).rev() {
        let first_start = cursor.saturating_sub(len - 1);
        for first in first_start..=cursor {
            let last = first + len - 1;
            if last >= words.len() {
                continue;
            }
            let (start, end) = (words[first].0, words[last].1);
            let name = &text[start..end];
            // Most windows name nothing: one lookup rules them out before the aliases are
            // followed and the definitions ranked.
            let direct = workspace.definitions_matching(name);
            if direct.is_empty() {
                continue;
            }
            let reader = reader_of(name, note.script);
            let definitions = ranked(workspace, with_aliases(workspace, direct), reader);
            if !definitions.is_empty() {
                return Some(TermAt {
                    span: Span::new(line.start + start, line.start + end),
                    name: name.split_whitespace().collect::<Vec<_>>().join(" "),
                    definitions,
                });
            }
        }
    }
    None
}

/// Definitions of `name` (see [`Workspace::definitions_matching`]) and of every alias those
/// definitions give (one hop), so that `GIL`, `Global Interpreter Lock` and a Russian alias meet.
pub fn related(workspace: &Workspace, name: &str) -> Vec<(DefRef, Closeness)> {
    with_aliases(workspace, workspace.definitions_matching(name))
}

/// `direct` followed by the definitions of every other name they give, each definition once,
/// as close as the definition that gave the name.
///
/// A name shared by many notes (a heading such as "Key numbers to remember") has hundreds of
/// definitions that all give the same names: each distinct name is looked up once, a lookup
/// that finds `direct` again is skipped, and duplicates are found with a set.
fn with_aliases(
    workspace: &Workspace,
    direct: Vec<(DefRef, Closeness)>,
) -> Vec<(DefRef, Closeness)> {
    let mut names: Vec<(&str, Closeness)> = Vec::new();
    let mut distinct: HashSet<&str> = HashSet::new();
    for (def, closeness) in &direct {
        // The subjects of a comparison are not other names of one another.
        let named = workspace
            .definition(def)
            .filter(|(_, d)| d.weight != Weight::Shared);
        if let Some((_, d)) = named {
            names.extend(
                d.names()
                    .filter(|n| distinct.insert(*n))
                    .map(|n| (n, *closeness)),
            );
        }
    }
    let direct_refs: Vec<DefRef> = direct.iter().map(|(d, _)| d.clone()).collect();
    let mut found = direct;
    // Filled on the first lookup that finds something else.
    let mut seen: HashSet<DefRef> = HashSet::new();
    for (name, closeness) in names {
        let defs = workspace.definitions_named(name);
        if defs == direct_refs {
            continue;
        }
        if seen.is_empty() {
            seen.extend(direct_refs.iter().cloned());
        }
        for other in defs {
            if seen.insert(other.clone()) {
                found.push((other, closeness));
            }
        }
    }
    found
}

/// Headings first, then glossary entries and outline topics, then the rest.
fn kind_rank(kind: DefinitionKind) -> u8 {
    match kind {
        DefinitionKind::Heading => 0,
        DefinitionKind::Glossary | DefinitionKind::Outline => 1,
        DefinitionKind::Bold | DefinitionKind::Answer => 2,
        DefinitionKind::Sentence => 3,
    }
}

/// Best first: answered before gaps; an answer that says what the term is before a usage or a
/// table of contents; then the closer name (exact or inflected, then a head match, then the
/// other script's counterpart); then an answer in the reader's script; then the stronger shape
/// (definition sentence, section, container heading, list lead); headings before other kinds;
/// then the fuller answer, then by path for a stable order.
pub fn ranked(
    workspace: &Workspace,
    defs: Vec<(DefRef, Closeness)>,
    reader: Script,
) -> Vec<DefRef> {
    let mut keyed: Vec<_> = defs
        .into_iter()
        .filter_map(|(d, closeness)| {
            let (_, def) = workspace.definition(&d)?;
            let answer = def.answer.end - def.answer.start;
            // Exact and inflected names are the same name.
            let near = closeness.max(Closeness::Inflected);
            let key = (
                def.gap,
                !def.weight.answers(),
                near,
                def.script != reader,
                def.weight,
                kind_rank(def.kind),
                std::cmp::Reverse(answer),
            );
            Some((key, d))
        })
        .collect();
    keyed.sort_by(|(a, x), (b, y)| (a, &x.path, x.index).cmp(&(b, &y.path, y.index)));
    keyed.into_iter().map(|(_, d)| d).collect()
}

/// Every definition of `name` and its aliases, best first for a reader of the name's script or
/// else the workspace's main one: what `define` prints.
pub fn definitions_of(workspace: &Workspace, name: &str) -> Vec<DefRef> {
    let reader = reader_of(name, workspace.main_script());
    ranked(workspace, related(workspace, name), reader)
}

/// The script of whoever looks `name` up: a name written in Cyrillic is read in Russian;
/// a Latin name (`GIL`, which Russian notes use too) says nothing, so `otherwise` decides.
fn reader_of(name: &str, otherwise: Script) -> Script {
    if is_cyrillic(name) {
        Script::Cyrillic
    } else {
        otherwise
    }
}

/// `filed` (the definitions filed under one name) best first.
pub fn ranked_filed(workspace: &Workspace, filed: &[DefRef]) -> Vec<DefRef> {
    let exact = filed
        .iter()
        .map(|d| (d.clone(), Closeness::Exact))
        .collect();
    ranked(workspace, exact, workspace.main_script())
}

/// The definition in `note` whose term is written at `offset`.
pub fn definition_written_at(note: &Note, offset: usize) -> Option<&Definition> {
    note.definitions.iter().find(|d| d.span.touches(offset))
}

/// The best answered definition of a question's topic outside `exclude`, for gap hints.
pub fn answer_elsewhere(workspace: &Workspace, question: &str, exclude: &Path) -> Option<DefRef> {
    let mut seen = HashSet::new();
    let defs = crate::syntax::topic_names(question)
        .iter()
        .flat_map(|name| related(workspace, name))
        .filter(|(d, _)| seen.insert(d.clone()))
        .collect();
    let reader = workspace
        .note(exclude)
        .map_or(workspace.main_script(), |n| n.script);
    ranked(workspace, defs, reader)
        .into_iter()
        .find(|d| &*d.path != exclude && workspace.definition(d).is_some_and(|(_, def)| !def.gap))
}

/// Whether two names are the same term.
pub fn same_name(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heading shared by many notes: every definition once, the fullest answer first.
    #[test]
    fn a_name_defined_in_many_notes_ranks_the_fullest_answer_first() {
        let mut ws = Workspace::new(vec!["/v".into()], Default::default());
        let mut add = |path: &str, text: &str| {
            let note = ws.parse(text);
            ws.set_note(Path::new(path), note);
        };
        for i in 0..1000 {
            add(
                &format!("/v/{i:04}.md"),
                "# Note\n\n## Key numbers to remember\n\nA few.\n",
            );
        }
        add(
            "/v/full.md",
            "# Full\n\n## Key numbers to remember\n\nA disk seek, a round trip, a cache miss.\n",
        );
        add(
            "/v/mention.md",
            "# Mention\n\nLearn the key numbers to remember.\n",
        );
        let offset = "# Mention\n\nLearn the key".len();
        let term = term_at(&ws, Path::new("/v/mention.md"), offset).expect("a term");
        assert_eq!(term.name, "key numbers to remember");
        assert_eq!(term.definitions.len(), 1001);
        assert_eq!(&*term.definitions[0].path, Path::new("/v/full.md"));
        let unique: HashSet<_> = term.definitions.iter().collect();
        assert_eq!(unique.len(), 1001);
    }
}
