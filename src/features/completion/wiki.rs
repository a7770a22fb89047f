//! Completion of wiki links: notes by stem, their headings, and the terms notes define.

use super::{Item, ItemKind};
use crate::features::answer::display_path;
use crate::features::fuzzy::{Fuzzy, Top};
use crate::features::terms::{ranked_filed, same_name};
use crate::syntax::{Definition, Heading, Note};
use crate::workspace::{DefRef, NotePath, Workspace};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;

/// Where a wiki candidate goes among equal scores: notes (each followed by its headings) by
/// path, then terms by name and target.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum WikiOrder<'a> {
    /// A note (0) or its heading (1 + index), by the note's place in path order.
    Note(u32, usize),
    /// A term: its name, the target note's stem and heading.
    Term(&'a str, &'a OsStr, Option<&'a str>),
}

/// A wiki candidate, made into an item if it ranks.
enum WikiCandidate<'a> {
    /// A note, or one of its headings.
    Note(&'a NotePath, &'a Note, Option<&'a Heading>),
    /// A definition (its note and index).
    Term(&'a NotePath, &'a Note, u32),
}

/// Notes by stem (filtered on the stem and the title); with something typed, also `stem#Heading`
/// for their headings, and the terms: every answered definition that is the best of one of its
/// names, filtered on all its names. Items are made for the best `limit` only.
pub(super) fn wiki_items(workspace: &Workspace, typed: &str, limit: usize) -> (Vec<Item>, bool) {
    let mut fuzzy = Fuzzy::new(typed);
    let max = fuzzy.max_score();
    let mut top = Top::new(limit);
    let mut filter = String::new();
    let mut best_of_name = BestOfName::new(workspace);
    let order = workspace.in_path_order();
    for n in order.notes() {
        let (path, note, rank) = (n.path, n.note, n.rank);
        if !top.wants(&(Reverse(max), WikiOrder::Note(rank, 0))) {
            break; // even a best score would not rank this note or any after it, nor a term
        }
        let stem = stem(path);
        filter.clear();
        filter.push_str(&stem);
        filter.push('#');
        fuzzy.set_start(&filter);
        if !fuzzy.may_match_after_start(n.mask) {
            continue; // the stem and the note's names lack a character of the query
        }
        filter.clear();
        write_note_filter(&mut filter, &stem, note);
        if let Some(score) = fuzzy.score(&filter) {
            let key = (Reverse(score), WikiOrder::Note(rank, 0));
            top.push(key, WikiCandidate::Note(path, note, None));
        }
        if typed.is_empty() {
            continue;
        }
        for (i, h) in note.headings.iter().enumerate() {
            if !fuzzy.may_match_after_start(h.mask) {
                continue;
            }
            if let Some(score) = fuzzy.score_after_start(&h.text) {
                let key = (Reverse(score), WikiOrder::Note(rank, i + 1));
                top.push(key, WikiCandidate::Note(path, note, Some(h)));
            }
        }
        let file_stem = path.file_stem().unwrap_or_default();
        for (index, def) in note.definitions.iter().enumerate() {
            let best_key = (Reverse(max), WikiOrder::Term(&def.term, file_stem, None));
            if def.gap || !fuzzy.may_match(def.mask) || !top.wants(&best_key) {
                continue;
            }
            filter.clear();
            write_names(&mut filter, def);
            let Some(score) = fuzzy.score(&filter) else {
                continue;
            };
            let heading = note.heading_at(def.span.start as usize).map(|h| &*h.text);
            let key = (
                Reverse(score),
                WikiOrder::Term(&def.term, file_stem, heading),
            );
            let index = index as u32;
            if top.wants(&key) && best_of_name.is_best(path, index, def) {
                top.push(key, WikiCandidate::Term(path, note, index));
            }
        }
    }
    let (best, capped) = top.into_sorted();
    let items = best
        .into_iter()
        .map(|(_, candidate)| match candidate {
            WikiCandidate::Note(path, note, heading) => {
                let stem = stem(path).into_owned();
                let detail = Some(display_path(workspace, path));
                match heading {
                    None => {
                        let mut filter = String::new();
                        write_note_filter(&mut filter, &stem, note);
                        Item {
                            label: stem.clone(),
                            insert: stem,
                            filter,
                            detail,
                            kind: ItemKind::File,
                            definition: None,
                        }
                    }
                    Some(h) => Item {
                        label: format!("{stem}#{}", h.text),
                        insert: format!("{stem}#{}", h.text),
                        filter: format!("{stem}#{}", h.text),
                        detail,
                        kind: ItemKind::Heading,
                        definition: None,
                    },
                }
            }
            WikiCandidate::Term(path, note, index) => term_item(path, note, index),
        })
        .collect();
    (items, capped)
}

/// Which definition is the best of a name (the one a hover on the name shows first), each
/// name's looked up once: what makes a definition a term item.
struct BestOfName<'a> {
    workspace: &'a Workspace,
    /// By the name's list of definitions in the index.
    best: HashMap<*const DefRef, Option<DefRef>>,
}

impl<'a> BestOfName<'a> {
    /// Nothing looked up yet.
    fn new(workspace: &'a Workspace) -> Self {
        BestOfName {
            workspace,
            best: HashMap::new(),
        }
    }

    /// Whether `def` (the `index`th of the note at `path`) is the best of one of its names.
    fn is_best(&mut self, path: &NotePath, index: u32, def: &Definition) -> bool {
        def.names().any(|name| {
            let filed = self.workspace.definitions_filed_as(name);
            let best = self
                .best
                .entry(filed.as_ptr())
                .or_insert_with(|| ranked_filed(self.workspace, filed).into_iter().next());
            best.as_ref()
                .is_some_and(|b| b.index == index && b.path == *path)
        })
    }
}

/// A note's file stem, as text.
fn stem(path: &Path) -> Cow<'_, str> {
    path.file_stem()
        .map_or(Cow::Borrowed(""), OsStr::to_string_lossy)
}

/// Appends what a note's wiki item filters on: its stem, and its title unless that is the same
/// name.
fn write_note_filter(out: &mut String, stem: &str, note: &Note) {
    out.push_str(stem);
    match note.title.as_deref() {
        Some(title) if !same_name_quick(title, stem) => {
            out.push(' ');
            out.push_str(title);
        }
        _ => {}
    }
}

/// [`same_name`], without allocating for ASCII names.
fn same_name_quick(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return same_name(a, b);
    }
    let (mut a, mut b) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

/// Appends a definition's names, separated by spaces: what its term item filters on.
fn write_names(out: &mut String, def: &Definition) {
    for (i, name) in def.names().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(name);
    }
}

/// A term as a wiki link to the heading that answers it, with the answer's first line.
fn term_item(path: &NotePath, note: &Note, index: u32) -> Item {
    let def = &note.definitions[index as usize];
    let stem = stem(path).into_owned();
    let insert = match note.heading_at(def.span.start as usize) {
        Some(h) => format!("{stem}#{}", h.text),
        None => stem,
    };
    let first_line = note.source.text()[def.answer.range()]
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect::<String>();
    let mut filter = String::new();
    write_names(&mut filter, def);
    Item {
        label: def.term.to_string(),
        insert,
        filter,
        detail: Some(first_line),
        kind: ItemKind::Term,
        definition: Some(DefRef {
            path: path.clone(),
            index,
        }),
    }
}

/// The headings of the note at `target`, by text, after `[[note#`.
pub(super) fn wiki_heading_items(workspace: &Workspace, target: Option<&NotePath>) -> Vec<Item> {
    let Some(note) = target.and_then(|p| workspace.note(p)) else {
        return Vec::new();
    };
    note.headings
        .iter()
        .map(|h| Item {
            label: h.text.to_string(),
            insert: h.text.to_string(),
            filter: h.text.to_string(),
            detail: Some(format!("#{}", h.slug)),
            kind: ItemKind::Heading,
            definition: None,
        })
        .collect()
}
