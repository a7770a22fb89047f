//! Renaming a heading: the heading's text and every link to it, across the workspace.

use super::link_paths::fragment_span;
use super::links::heading_for;
use crate::syntax::slug::{slugify, Slugger};
use crate::syntax::{encode_destination, Heading, LinkTarget, Note, Span};
use crate::workspace::{Resolved, Workspace};
use std::path::{Path, PathBuf};

/// One text replacement in one file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileEdit {
    /// The file.
    pub path: PathBuf,
    /// What to replace.
    pub span: Span,
    /// The new text.
    pub text: String,
}

/// The span of a heading's own text (without `#` markers, closing `#`s, or a `{#id}` read as
/// its id).
fn heading_text_span(note: &Note, heading: &Heading) -> Span {
    let text = note.source.text();
    let line_end = text[heading.span.range()]
        .find('\n')
        .map_or(heading.span.end as usize, |i| {
            heading.span.start as usize + i
        });
    let line = &text[heading.span.start as usize..line_end];
    let body_start = line.len() - line.trim_start_matches([' ', '#']).len();
    let mut body = line[body_start..].trim_end();
    if let (Some(_), Some(attr)) = (&heading.custom_id, body.rfind("{#")) {
        body = body[..attr].trim_end();
    }
    let body = body.trim_end_matches('#').trim_end();
    let start = heading.span.start as usize + body_start;
    Span::new(start, start + body.len())
}

/// The heading text under `offset` that a rename would change, with its span.
pub fn prepare(workspace: &Workspace, path: &Path, offset: usize) -> Option<(Span, String)> {
    let note = workspace.note(path)?;
    let heading = note.headings.iter().find(|h| h.span.touches(offset))?;
    let span = heading_text_span(note, heading);
    Some((span, note.source.text()[span.range()].to_string()))
}

/// Why a heading cannot be renamed.
#[derive(Clone, Debug, PartialEq)]
pub enum RenameError {
    /// Nothing to rename under the cursor.
    NotAHeading,
    /// Another heading of the note already has this text (up to its slug): links by text would
    /// go to the first of the two, and anchors would shift.
    Collides {
        /// The other heading's text.
        text: String,
        /// Its line, 1-based.
        line: usize,
    },
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NotAHeading => f.write_str("only headings can be renamed"),
            RenameError::Collides { text, line } => write!(
                f,
                "the heading \"{text}\" on line {line} has the same anchor; choose another text"
            ),
        }
    }
}

/// Edits that rename the heading under `offset` to `new_text` and rewrite every link to it, and
/// to the same-text headings after it whose `-1`, `-2` suffixes shift with the rename.
pub fn rename_heading(
    workspace: &Workspace,
    path: &Path,
    offset: usize,
    new_text: &str,
) -> Result<Vec<FileEdit>, RenameError> {
    let note = workspace.note(path).ok_or(RenameError::NotAHeading)?;
    let index = note
        .headings
        .iter()
        .position(|h| h.span.touches(offset))
        .ok_or(RenameError::NotAHeading)?;
    let wanted = slugify(new_text);
    if let Some(other) = note
        .headings
        .iter()
        .enumerate()
        .find(|&(i, h)| i != index && slugify(&h.text) == wanted)
    {
        return Err(RenameError::Collides {
            text: other.1.text.to_string(),
            line: note.source.line_of(other.1.span.start as usize) + 1,
        });
    }
    // Every heading's anchor after the rename.
    let mut slugger = Slugger::default();
    let new_slugs: Vec<String> = note
        .headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let text = if i == index { new_text } else { &h.text };
            slugger.anchor(text, h.custom_id.as_deref())
        })
        .collect();
    let heading = &note.headings[index];
    let mut edits = vec![FileEdit {
        path: path.to_path_buf(),
        span: heading_text_span(note, heading),
        text: new_text.to_string(),
    }];
    let anchors = workspace.parse_options().anchors;
    let mut sources = workspace.dependents(path);
    sources.extend(workspace.note_path(path).cloned());
    sources.sort();
    for source in sources {
        let Some(from) = workspace.note(&source) else {
            continue;
        };
        for link in &from.links {
            let Resolved::Note(target, target_note) = workspace.resolve(&source, &link.target)
            else {
                continue;
            };
            if &**target != path {
                continue;
            }
            let Some(to) = heading_for(target_note, &link.target, anchors) else {
                continue;
            };
            let Some(i) = note.headings.iter().position(|h| std::ptr::eq(h, to)) else {
                continue;
            };
            let (old_slug, new_slug) = (&*note.headings[i].slug, &new_slugs[i]);
            if i != index && old_slug == new_slug {
                continue;
            }
            let Some(span) = fragment_span(from, link) else {
                continue;
            };
            let written = &from.source.text()[span.range()];
            let replacement = match &link.target {
                LinkTarget::Wiki { .. } if written != old_slug => {
                    if i != index {
                        continue;
                    }
                    new_text.to_string()
                }
                LinkTarget::Local {
                    anchor: Some(anchor),
                    ..
                } => {
                    // A `#user-content-<slug>` link keeps its prefix.
                    let prefix = anchor.strip_suffix(old_slug).unwrap_or_default();
                    encode_destination(&format!("{prefix}{new_slug}"), written.contains('%'))
                }
                _ => new_slug.clone(),
            };
            edits.push(FileEdit {
                path: source.to_path_buf(),
                span,
                text: replacement,
            });
        }
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::slug::Anchors;
    use crate::syntax::{parse_note, ParseOptions};

    #[test]
    fn heading_text_excludes_markers_and_ids_read_as_ids() {
        let text = "## What is ACID? ##\n# Custom {#id}\n";
        let spans = |anchors| {
            let note = parse_note(
                text,
                &ParseOptions {
                    anchors,
                    ..ParseOptions::default()
                },
            );
            let spans: Vec<String> = note
                .headings
                .iter()
                .map(|h| text[heading_text_span(&note, h).range()].to_string())
                .collect();
            spans
        };
        assert_eq!(spans(Anchors::Github), ["What is ACID?", "Custom {#id}"]);
        assert_eq!(spans(Anchors::Attributes), ["What is ACID?", "Custom"]);
    }
}
