//! Where links lead: the target note and heading of the link under the cursor.

use crate::syntax::slug::{slugify, Anchors};
use crate::syntax::{Heading, Link, LinkKind, LinkTarget, Note, Span};
use crate::workspace::{NotePath, Resolved, Workspace};
use std::path::Path;

/// A place a link leads to.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkDestination {
    /// A note, at a heading (or anchor) when the link names one, else at its start.
    Note {
        /// The note.
        path: NotePath,
        /// The heading, when the anchor names one.
        heading: Option<Heading>,
        /// Where to land.
        span: Span,
    },
    /// A file that is not a note.
    File(std::path::PathBuf),
}

/// The `[label]: …` line a reference link uses.
pub fn reference_definition(note: &Note, link: &Link) -> Option<Span> {
    let LinkKind::Reference(label) = &link.kind else {
        return None;
    };
    let folded = label.to_lowercase();
    note.ref_defs
        .iter()
        .find(|d| d.label.to_lowercase() == folded)
        .map(|d| d.span)
}

/// The link under `offset` in `note`.
pub fn link_at(note: &Note, offset: usize) -> Option<&Link> {
    note.links.iter().find(|l| l.span.touches(offset))
}

/// The heading of `note` an anchor (`#slug`, `#user-content-slug` on GitHub) or wiki heading
/// (`Heading text`) names.
pub fn heading_for<'a>(
    note: &'a Note,
    target: &LinkTarget,
    anchors: Anchors,
) -> Option<&'a Heading> {
    match target {
        LinkTarget::Local {
            anchor: Some(anchor),
            ..
        } => {
            let anchor = note.anchor_for(anchor, anchors)?;
            note.headings.iter().find(|h| *h.slug == *anchor)
        }
        LinkTarget::Wiki {
            heading: Some(wanted),
            ..
        } => {
            let slug = slugify(wanted);
            note.headings
                .iter()
                .find(|h| h.text.to_lowercase() == wanted.to_lowercase() || *h.slug == slug)
        }
        _ => None,
    }
}

/// Where `link`, written in the note at `path`, leads.
pub fn destination(workspace: &Workspace, path: &Path, link: &Link) -> Option<LinkDestination> {
    match workspace.resolve(path, &link.target) {
        Resolved::Note(target_path, target) => {
            let anchors = workspace.parse_options().anchors;
            let heading = heading_for(target, &link.target, anchors).cloned();
            let anchor_span = match &link.target {
                LinkTarget::Local {
                    anchor: Some(a), ..
                } => target.anchor_for(a, anchors).and_then(|a| {
                    target
                        .anchors
                        .iter()
                        .find(|x| *x.name == *a)
                        .map(|x| x.span)
                }),
                _ => None,
            };
            let span = heading
                .as_ref()
                .map(|h| h.span)
                .or(anchor_span)
                .unwrap_or_default();
            Some(LinkDestination::Note {
                path: target_path.clone(),
                heading,
                span,
            })
        }
        Resolved::OtherFile => match &link.target {
            LinkTarget::Local { path: Some(p), .. } => {
                Some(LinkDestination::File(workspace.local_path(path, p)))
            }
            _ => None,
        },
        _ => None,
    }
}
