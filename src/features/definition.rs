//! Go to definition: a term's definitions (best first), a link's target, a reference link's
//! `[label]:` line.

use super::links::{destination, link_at, reference_definition, LinkDestination};
use super::terms::term_at;
use crate::syntax::Span;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// A place to jump to: a file and a span in it (empty for files that are not notes).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The file.
    pub path: PathBuf,
    /// Where in it.
    pub span: Span,
}

/// Where the thing at `offset` in the note at `path` is defined.
pub fn definition(workspace: &Workspace, path: &Path, offset: usize) -> Vec<Place> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    if let Some(link) = link_at(note, offset) {
        if let Some(span) = reference_definition(note, link) {
            if link.dest_span.touches(offset)
                || matches!(link.target, crate::syntax::LinkTarget::External(_))
            {
                return vec![Place {
                    path: path.to_path_buf(),
                    span,
                }];
            }
        }
        return match destination(workspace, path, link) {
            Some(LinkDestination::Note { path, span, .. }) => vec![Place {
                path: path.to_path_buf(),
                span,
            }],
            Some(LinkDestination::File(path)) => vec![Place {
                path,
                span: Span::default(),
            }],
            None => Vec::new(),
        };
    }
    let Some(term) = term_at(workspace, path, offset) else {
        return Vec::new();
    };
    term.definitions
        .iter()
        .filter_map(|d| {
            let (_, def) = workspace.definition(d)?;
            Some(Place {
                path: d.path.to_path_buf(),
                span: def.span,
            })
        })
        .collect()
}
