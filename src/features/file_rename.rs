//! Moving or renaming notes and folders of notes: the edits that keep every link leading where
//! it led — relative links to the moved notes, wiki links that named their old stems, and the
//! relative links inside the moved notes. Nothing is written here; the editor applies the edits.

use super::link_paths::{path_span, wiki_name_span, PathStyle};
use super::rename::FileEdit;
use crate::syntax::{Link, LinkTarget, Note};
use crate::workspace::{normalize, NotePath, Resolved, Workspace};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One move: a file or a folder, from `old` to `new`.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    /// Where it was.
    pub old: PathBuf,
    /// Where it goes.
    pub new: PathBuf,
}

impl Move {
    /// Where `path` is after this move, when the move takes it along.
    fn apply(&self, path: &Path) -> Option<PathBuf> {
        let rest = path.strip_prefix(&self.old).ok()?;
        Some(if rest.as_os_str().is_empty() {
            self.new.clone()
        } else {
            self.new.join(rest)
        })
    }
}

/// Where `path` is after `moves` (itself when none takes it along).
pub fn moved(moves: &[Move], path: &Path) -> PathBuf {
    moves
        .iter()
        .find_map(|m| m.apply(path))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Edits, against the files as they are before the move, that keep every link to and from the
/// moved notes leading to the same place after it. Edits to a moved note are filed under its
/// old path ([`moved`] gives the new one).
pub fn file_rename_edits(workspace: &Workspace, moves: &[Move]) -> Vec<FileEdit> {
    let moves: Vec<Move> = moves
        .iter()
        .map(|m| Move {
            old: normalize(&m.old),
            new: normalize(&m.new),
        })
        .collect();
    let mut sources: BTreeSet<NotePath> = BTreeSet::new();
    let mut targets: Vec<PathBuf> = Vec::new();
    for m in &moves {
        match workspace.note_path(&m.old) {
            Some(key) => {
                sources.insert(key.clone());
                targets.push(m.old.clone());
            }
            None => {
                let inside = workspace.notes().filter(|(p, _)| p.starts_with(&m.old));
                for (path, _) in inside {
                    sources.insert(path.clone());
                    targets.push(path.to_path_buf());
                }
                // A file that is not a note (an image) is linked to by path.
                if targets.is_empty() {
                    targets.push(m.old.clone());
                }
            }
        }
    }
    for target in &targets {
        sources.extend(workspace.dependents(target));
    }
    let mut edits = Vec::new();
    for source in &sources {
        let Some(note) = workspace.note(source) else {
            continue;
        };
        let new_source = moved(&moves, source);
        for link in &note.links {
            if let Some(edit) = link_edit(workspace, &moves, (source, &new_source), note, link) {
                edits.push(edit);
            }
        }
    }
    // Reference links share their definition's destination: one edit for it.
    edits.sort_by(|a, b| (&a.path, a.span).cmp(&(&b.path, b.span)));
    edits.dedup_by(|a, b| a.path == b.path && a.span == b.span);
    edits
}

/// The edit that keeps `link`, in the note at `source` that moves to `new_source`, leading to
/// where it leads now; `None` when it needs none.
fn link_edit(
    workspace: &Workspace,
    moves: &[Move],
    (source, new_source): (&Path, &Path),
    note: &Note,
    link: &Link,
) -> Option<FileEdit> {
    let target: PathBuf = match workspace.resolve(source, &link.target) {
        Resolved::Note(path, _) => path.to_path_buf(),
        Resolved::OtherFile => match &link.target {
            LinkTarget::Local { path: Some(p), .. } => workspace.local_path(source, p),
            _ => return None,
        },
        _ => return None,
    };
    let new_target = moved(moves, &target);
    if new_target == target && new_source == source {
        return None;
    }
    let text = note.source.text();
    let edit = |span: crate::syntax::Span, new: String| {
        (text[span.range()] != new).then(|| FileEdit {
            path: source.to_path_buf(),
            span,
            text: new,
        })
    };
    match &link.target {
        LinkTarget::Local {
            path: Some(written),
            ..
        } => {
            let span = path_span(note, link)?;
            let style = PathStyle::of(&text[span.range()]);
            // Still right as written (both ends moved alike, or a rooted link to a note that
            // stays).
            let still = workspace.local_path(new_source, written);
            if still == new_target || (style.bare && still == new_target.with_extension("")) {
                return None;
            }
            let root = workspace.root_of(&target);
            edit(span, style.write(new_source, &new_target, root))
        }
        LinkTarget::Wiki { .. } if new_target != target => {
            let span = wiki_name_span(note, link)?;
            let written = &text[span.range()];
            let (folder, last) = match written.rsplit_once('/') {
                Some((f, l)) => (Some(f), l),
                None => (None, written),
            };
            let (bare, ext) = match last.strip_suffix(".md") {
                Some(bare) => (bare, ".md"),
                None => (last, ""),
            };
            let old_stem = target.file_stem()?.to_string_lossy();
            // A wiki link that names the note by its title is not about its file name.
            if bare.to_lowercase() != old_stem.to_lowercase() {
                return None;
            }
            let stem = new_target.file_stem()?.to_string_lossy();
            let name = if stem.to_lowercase() == old_stem.to_lowercase() {
                bare.to_string()
            } else {
                stem.into_owned()
            };
            let new = match folder {
                Some(folder) => {
                    let depth = folder.split('/').count();
                    let parents: Vec<String> = new_target
                        .parent()
                        .into_iter()
                        .flat_map(|p| p.components().rev().take(depth))
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    let parents: Vec<&str> = parents.iter().rev().map(String::as_str).collect();
                    format!("{}/{name}{ext}", parents.join("/"))
                }
                None => format!("{name}{ext}"),
            };
            edit(span, new)
        }
        _ => None,
    }
}
