//! Renaming a heading: the heading's text and every link to it, across the workspace.

use super::references::links_to_heading;
use crate::syntax::slug::Slugger;
use crate::syntax::{Heading, LinkTarget, Note, Span};
use crate::workspace::Workspace;
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

/// Edits that rename the heading under `offset` to `new_text` and rewrite every link to it.
pub fn rename_heading(
    workspace: &Workspace,
    path: &Path,
    offset: usize,
    new_text: &str,
) -> Option<Vec<FileEdit>> {
    let note = workspace.note(path)?;
    let index = note.headings.iter().position(|h| h.span.touches(offset))?;
    let heading = &note.headings[index];
    let mut slugger = Slugger::default();
    let mut new_slug = String::new();
    for (i, h) in note.headings.iter().enumerate() {
        let text = if i == index { new_text } else { &h.text };
        let slug = slugger.anchor(text, h.custom_id.as_deref());
        if i == index {
            new_slug = slug;
        }
    }
    let mut edits = vec![FileEdit {
        path: path.to_path_buf(),
        span: heading_text_span(note, heading),
        text: new_text.to_string(),
    }];
    for place in links_to_heading(workspace, path, &heading.slug) {
        let Some(source) = workspace.note(&place.path) else {
            continue;
        };
        let Some(link) = source.links.iter().find(|l| l.span == place.span) else {
            continue;
        };
        let written = &source.source.text()[link.dest_span.range()];
        let Some(hash) = written.find('#') else {
            continue;
        };
        let replacement = match &link.target {
            LinkTarget::Wiki { .. } => new_text.to_string(),
            // A `#user-content-<slug>` link keeps its prefix.
            LinkTarget::Local {
                anchor: Some(anchor),
                ..
            } => {
                let prefix = anchor.strip_suffix(&*heading.slug).unwrap_or_default();
                format!("{prefix}{new_slug}")
            }
            _ => new_slug.clone(),
        };
        let start = link.dest_span.start as usize + hash + 1;
        edits.push(FileEdit {
            path: place.path.clone(),
            span: Span::new(start, link.dest_span.end as usize),
            text: replacement,
        });
    }
    Some(edits)
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
