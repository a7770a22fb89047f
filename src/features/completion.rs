//! Completion of links as they are typed: files and headings after `](`, headings after `](#`
//! and `](file.md#`, notes, headings and terms after `[[` and `[[note#`.
//!
//! A workspace holds thousands of notes, headings and terms: each candidate is scored on its
//! filter text (borrowed, or written into one reused buffer), the best `completion.maxItems`
//! are kept, and items are made for those only.

use super::answer::display_path;
use super::code_actions::relative_link;
use super::fuzzy::{Fuzzy, StartBounds, Top};
use super::terms::{ranked_filed, same_name};
use crate::syntax::{percent_decode, CharMask, Definition, Heading, Note, Span};
use crate::workspace::{DefRef, NotePath, Resolved, Workspace};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Component, Path, MAIN_SEPARATOR};

/// Where the cursor is, as far as completion cares.
#[derive(Clone, Debug, PartialEq)]
pub enum Context {
    /// In a link destination: `[t](typed`.
    Path {
        /// What was typed after `(`.
        typed: String,
    },
    /// After `#` in a link destination: `[t](file.md#typed` or `[t](#typed`.
    Anchor {
        /// The file part before `#` (empty for the current note).
        file: String,
        /// What was typed after `#`.
        typed: String,
    },
    /// In a wiki link: `[[typed`.
    Wiki {
        /// What was typed after `[[`.
        typed: String,
    },
    /// After `#` in a wiki link: `[[note#typed`.
    WikiHeading {
        /// The note named before `#` (empty for the current note).
        note: String,
        /// What was typed after `#`.
        typed: String,
    },
}

/// The completion context of the text of a line before the cursor.
pub fn context(before: &str) -> Option<Context> {
    let wiki = before.rfind("[[");
    let link = before.rfind("](");
    match (wiki, link) {
        (Some(w), l) if l.is_none_or(|l| w > l) => {
            let typed = &before[w + 2..];
            if typed.contains("]]") || typed.contains('|') {
                return None;
            }
            Some(match typed.split_once('#') {
                Some((note, heading)) => Context::WikiHeading {
                    note: note.to_string(),
                    typed: heading.to_string(),
                },
                None => Context::Wiki {
                    typed: typed.to_string(),
                },
            })
        }
        (_, Some(l)) => {
            let typed = before[l + 2..].trim_start_matches('<');
            if typed.contains([')', ' ', '>']) {
                return None;
            }
            Some(match typed.split_once('#') {
                Some((file, anchor)) => Context::Anchor {
                    file: file.to_string(),
                    typed: anchor.to_string(),
                },
                None => Context::Path {
                    typed: typed.to_string(),
                },
            })
        }
        _ => None,
    }
}

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A note.
    File,
    /// A heading.
    Heading,
    /// A term a note defines.
    Term,
}

/// One completion item.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// What the list shows.
    pub label: String,
    /// What replaces the typed text.
    pub insert: String,
    /// What the client filters on.
    pub filter: String,
    /// One line beside the label (a title, a path, a term's first answer line).
    pub detail: Option<String>,
    /// What it is.
    pub kind: ItemKind,
    /// The term's definition, resolved lazily into documentation.
    pub definition: Option<crate::workspace::DefRef>,
}

/// A completion list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Completion {
    /// Best first, at most the configured number.
    pub items: Vec<Item>,
    /// The range the items replace: exactly what was typed.
    pub replace: Span,
    /// Whether the list was capped (the client should ask again as the user types).
    pub incomplete: bool,
}

/// Completion at `offset` of `text` (the current text of the note at `path`).
pub fn complete(
    workspace: &Workspace,
    path: &Path,
    text: &str,
    offset: usize,
) -> Option<Completion> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let context = context(&text[line_start..offset])?;
    let typed_len = match &context {
        Context::Path { typed } | Context::Wiki { typed } => typed.len(),
        Context::Anchor { typed, .. } | Context::WikiHeading { typed, .. } => typed.len(),
    };
    let replace = Span::new(offset - typed_len, offset);
    let limit = workspace.config().completion.max_items.max(1);
    let (items, incomplete) = match &context {
        Context::Path { typed } => path_items(workspace, path, typed, limit),
        Context::Anchor { file, typed } => {
            let target = if file.is_empty() {
                workspace.note_path(path).cloned()
            } else {
                match workspace.resolve(
                    path,
                    &crate::syntax::LinkTarget::Local {
                        path: Some(percent_decode(file).into()),
                        anchor: None,
                    },
                ) {
                    Resolved::Note(p, _) => Some(p.clone()),
                    _ => None,
                }
            };
            best_of(anchor_items(workspace, target.as_ref()), typed, limit)
        }
        Context::Wiki { typed } => wiki_items(workspace, typed, limit),
        Context::WikiHeading { note, typed } => {
            let target = if note.is_empty() {
                workspace.note_path(path).cloned()
            } else {
                workspace
                    .notes_named(note, path)
                    .first()
                    .map(|p| (*p).clone())
            };
            best_of(wiki_heading_items(workspace, target.as_ref()), typed, limit)
        }
    };
    Some(Completion {
        items,
        replace,
        incomplete,
    })
}

/// The best `limit` of a few ready items (one note's headings) by their filter text, in their
/// order among equal scores; and whether some were left out.
fn best_of(items: Vec<Item>, typed: &str, limit: usize) -> (Vec<Item>, bool) {
    let mut fuzzy = Fuzzy::new(typed);
    let mut top = Top::new(limit);
    for (i, item) in items.into_iter().enumerate() {
        if let Some(score) = fuzzy.score(&item.filter) {
            top.push((Reverse(score), i), item);
        }
    }
    let (best, capped) = top.into_sorted();
    (best.into_iter().map(|(_, item)| item).collect(), capped)
}

/// Notes as relative links, nearest first among equal scores (same folder, then fewer folders
/// deep, then by path); with something typed, also `file.md#slug` for their headings, filtered
/// on `file.md Heading`. Items are made for the best `limit` only.
fn path_items(workspace: &Workspace, from: &Path, typed: &str, limit: usize) -> (Vec<Item>, bool) {
    let order = workspace.in_path_order();
    let folder = Folder::of(from);
    let mut fuzzy = Fuzzy::new(typed);
    let max = fuzzy.max_score();
    let mut top = Top::new(limit);
    let mut link = String::new();
    // Folders whose links can score the most first, then the nearest: the kept candidates are
    // soon the best, and the notes that cannot beat them are passed by.
    let mut folders: Vec<(u32, LinkFolder)> = (0..order.folders() as u32)
        .map(|f| (f, LinkFolder::new(&folder, &fuzzy, order.folder_path(f))))
        .collect();
    folders.sort_by_cached_key(|(f, at)| {
        let first = order.folder_notes(*f).next().map(|n| n.rank);
        (Reverse(at.best), at.near, first)
    });
    for (f, at) in &folders {
        for n in order.folder_notes(*f) {
            let (shared, depth, beside) = folder.shared_with(at, n.path);
            let here = folder.holds(shared, depth);
            if here && n.path.file_name() == from.file_name() {
                continue; // the note being edited
            }
            let near = (!here, depth, n.rank);
            if !top.wants(&(Reverse(max), near, 0)) {
                continue; // even a best score would not rank this note or its headings
            }
            if typed.is_empty() {
                link.clear();
                folder.write_link(&mut link, shared, n.path);
                if let Some(score) = fuzzy.score(&link) {
                    top.push((Reverse(score), near, 0), (n.path, n.note, None));
                }
                continue;
            }
            // Every candidate of this note is its link's folder part, then its file name, then
            // maybe a heading: scores are bounded by the folder part and the rest's characters.
            // A note whose file name is the next folder of the note being edited has a link
            // of its own.
            let start = at.start.as_ref().filter(|_| !beside);
            let best = |fuzzy: &Fuzzy, rest: CharMask| {
                start.map_or(max, |start| fuzzy.max_score_with_start(start, rest))
            };
            if !top.wants(&(Reverse(best(&fuzzy, n.name.union(n.mask))), near, 0)) {
                continue; // nothing of this note can rank
            }
            link.clear();
            folder.write_link(&mut link, shared, n.path);
            if top.wants(&(Reverse(best(&fuzzy, n.name)), near, 0)) {
                if let Some(score) = fuzzy.score(&link) {
                    top.push((Reverse(score), near, 0), (n.path, n.note, None));
                }
            }
            link.push(' ');
            fuzzy.set_start(&link);
            if !fuzzy.may_match_after_start(n.mask) {
                continue;
            }
            for (i, h) in n.note.headings.iter().enumerate() {
                if !fuzzy.may_match_after_start(h.mask)
                    || !top.wants(&(Reverse(best(&fuzzy, n.name.union(h.mask))), near, i + 1))
                {
                    continue;
                }
                if let Some(score) = fuzzy.score_after_start(&h.text) {
                    top.push((Reverse(score), near, i + 1), (n.path, n.note, Some(h)));
                }
            }
        }
    }
    let (best, capped) = top.into_sorted();
    let items = best
        .into_iter()
        .map(|(_, (path, note, heading))| {
            let link = relative_link(from, path);
            match heading {
                None => Item {
                    label: link.clone(),
                    insert: link.clone(),
                    filter: link,
                    detail: note.title.as_deref().map(str::to_string),
                    kind: ItemKind::File,
                    definition: None,
                },
                Some(h) => Item {
                    label: format!("{link}#{}", h.slug),
                    insert: format!("{link}#{}", h.slug),
                    filter: format!("{link} {}", h.text),
                    detail: Some(h.text.to_string()),
                    kind: ItemKind::Heading,
                    definition: None,
                },
            }
        })
        .collect();
    (items, capped)
}

/// The folder of the note being edited, which links are written relative to.
struct Folder<'a> {
    /// The note being edited.
    from: &'a Path,
    /// Its folder, if it has one, as components.
    parts: Option<Vec<Component<'a>>>,
}

impl<'a> Folder<'a> {
    /// The folder of the note at `from`.
    fn of(from: &'a Path) -> Self {
        Folder {
            from,
            parts: from.parent().map(|p| p.components().collect()),
        }
    }

    /// How many leading components of `path` (a note in `at`) are this folder's, how many it
    /// has, and whether its file name is the next of them (a file beside a folder of the same
    /// name).
    fn shared_with(&self, at: &LinkFolder, path: &Path) -> (usize, usize, bool) {
        let parts = self.parts.as_deref().unwrap_or_default();
        let Some((shared, depth)) = at.counts else {
            let (shared, depth) = shared_components(parts, path);
            return (shared, depth, false);
        };
        let beside = shared == depth
            && parts
                .get(depth)
                .is_some_and(|part| path.file_name().map(Component::Normal) == Some(*part));
        (shared + usize::from(beside), depth + 1, beside)
    }

    /// Whether a note with these [`Folder::shared_with`] counts is in this folder.
    fn holds(&self, shared: usize, depth: usize) -> bool {
        self.parts
            .as_ref()
            .is_some_and(|parts| shared == parts.len() && depth == parts.len() + 1)
    }

    /// The folder part of [`relative_link`] to `to` (which shares `shared` components with
    /// this folder): all of it but the file name.
    fn link_folder(&self, shared: usize, to: &Path) -> String {
        let mut link = String::new();
        self.write_link(&mut link, shared, to);
        let cut = link
            .rfind(MAIN_SEPARATOR)
            .map_or(0, |i| i + MAIN_SEPARATOR.len_utf8());
        link.truncate(cut);
        link
    }

    /// Appends [`relative_link`] from the note being edited to `to` (which shares `shared`
    /// components with this folder) without allocating, but between roots (an absolute path).
    fn write_link(&self, out: &mut String, shared: usize, to: &Path) {
        if shared == 0 {
            out.push_str(&relative_link(self.from, to));
            return;
        }
        let parts = self.parts.as_deref().unwrap_or_default();
        for _ in shared..parts.len() {
            out.push_str("..");
            out.push(MAIN_SEPARATOR);
        }
        for (i, part) in to.components().skip(shared).enumerate() {
            if i > 0 {
                out.push(MAIN_SEPARATOR);
            }
            for c in part.as_os_str().to_string_lossy().chars() {
                match c {
                    ' ' => out.push_str("%20"),
                    c => out.push(c),
                }
            }
        }
    }
}

/// A folder of notes, seen from the folder of the note being edited.
struct LinkFolder {
    /// How many leading components it shares with that folder, and how many it has (`None`
    /// for a note without a parent).
    counts: Option<(usize, usize)>,
    /// Where its notes come among equal scores: in another folder, and how deep.
    near: (bool, usize),
    /// With something typed, what bounds the scores of candidates that start with the folder
    /// part of links to its notes, and the best score of those that match there.
    start: Option<StartBounds>,
    best: u32,
}

impl LinkFolder {
    /// The folder of `path`, a note in it, as links to its notes can score for `fuzzy`.
    fn new(folder: &Folder, fuzzy: &Fuzzy, path: &Path) -> Self {
        let parts = folder.parts.as_deref().unwrap_or_default();
        let counts = path.parent().map(|parent| shared_components(parts, parent));
        let (shared, depth) = counts.unwrap_or_else(|| shared_components(parts, path));
        let near = (!folder.holds(shared, depth + 1), depth + 1);
        let start = counts
            .filter(|_| fuzzy.max_score() > 0)
            .map(|(shared, _)| fuzzy.start_bounds(&folder.link_folder(shared, path)));
        let best = start.as_ref().map_or(0, |start| {
            fuzzy.max_score_with_start(start, CharMask::default())
        });
        LinkFolder {
            counts,
            near,
            start,
            best,
        }
    }
}

fn anchor_items(workspace: &Workspace, target: Option<&NotePath>) -> Vec<Item> {
    let Some(note) = target.and_then(|p| workspace.note(p)) else {
        return Vec::new();
    };
    let mut items: Vec<Item> = note
        .headings
        .iter()
        .map(|h| Item {
            label: h.text.to_string(),
            insert: h.slug.to_string(),
            filter: h.slug.to_string(),
            detail: Some(format!("#{}", h.slug)),
            kind: ItemKind::Heading,
            definition: None,
        })
        .collect();
    items.extend(note.anchors.iter().map(|a| Item {
        label: a.name.to_string(),
        insert: a.name.to_string(),
        filter: a.name.to_string(),
        detail: Some("anchor".into()),
        kind: ItemKind::Heading,
        definition: None,
    }));
    items
}

/// How many leading components of `path` are `parts`, and how many it has.
fn shared_components(parts: &[Component], path: &Path) -> (usize, usize) {
    let (mut shared, mut depth) = (0, 0);
    for part in path.components() {
        if shared == depth && parts.get(depth) == Some(&part) {
            shared += 1;
        }
        depth += 1;
    }
    (shared, depth)
}

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
fn wiki_items(workspace: &Workspace, typed: &str, limit: usize) -> (Vec<Item>, bool) {
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

fn wiki_heading_items(workspace: &Workspace, target: Option<&NotePath>) -> Vec<Item> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_written_as_relative_link_writes_them() {
        let from = Path::new("/vault/inbox/scratch.md");
        let folder = Folder::of(from);
        for to in [
            "/vault/inbox/other.md",
            "/vault/db/acid.md",
            "/vault/db/base.md",
            "/vault/db/deep/my note.md",
            "/elsewhere/x.md",
            "/vault/inbox/sub/y.md",
            "/vault/inbox",
            "/vault/inbox/other.md",
            "/vault/db/../db/acid.md",
            "/vault//db/acid.md",
        ] {
            let to = Path::new(to);
            let at = LinkFolder::new(&folder, &Fuzzy::new(""), to);
            let (shared, depth, beside) = folder.shared_with(&at, to);
            assert_eq!(beside, to.ends_with("vault/inbox"));
            let mut link = String::new();
            folder.write_link(&mut link, shared, to);
            assert_eq!(link, relative_link(from, to));
            assert_eq!(folder.holds(shared, depth), to.parent() == from.parent());
            assert_eq!(depth, to.components().count());
        }
    }

    #[test]
    fn contexts_from_the_text_before_the_cursor() {
        assert_eq!(
            context("see [x]("),
            Some(Context::Path { typed: "".into() })
        );
        assert_eq!(
            context("see [x](../db/ac"),
            Some(Context::Path {
                typed: "../db/ac".into()
            })
        );
        assert_eq!(
            context("[x](acid.md#iso"),
            Some(Context::Anchor {
                file: "acid.md".into(),
                typed: "iso".into()
            })
        );
        assert_eq!(
            context("[x](#"),
            Some(Context::Anchor {
                file: "".into(),
                typed: "".into()
            })
        );
        assert_eq!(
            context("Шард [[ша"),
            Some(Context::Wiki {
                typed: "ша".into()
            })
        );
        assert_eq!(
            context("[[acid#Iso"),
            Some(Context::WikiHeading {
                note: "acid".into(),
                typed: "Iso".into()
            })
        );
        assert_eq!(context("[x](done.md) and more"), None);
        assert_eq!(context("[[done]] text"), None);
        assert_eq!(context("plain text"), None);
    }
}
