//! Document links: where each link of a note leads, as a URL the editor can open.

use super::links::{destination, LinkDestination};
use crate::file_url::file_url;
use crate::syntax::{LinkTarget, Span};
use crate::workspace::Workspace;
use std::path::Path;

/// A link of a note and the URL it opens.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentLink {
    /// The link's destination as written.
    pub span: Span,
    /// An external URL as written, or the `file:` URL of the note (at its target heading's line)
    /// or file it leads to.
    pub target: String,
}

/// The links of the note at `path` that lead somewhere: external URLs, notes and other files of
/// the workspace (broken links are left out).
pub fn document_links(workspace: &Workspace, path: &Path) -> Vec<DocumentLink> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    note.links
        .iter()
        .filter_map(|link| {
            let target = match &link.target {
                LinkTarget::External(url) => url.to_string(),
                _ => match destination(workspace, path, link)? {
                    LinkDestination::Note { path, span, .. } => {
                        let target = workspace.note(&path)?;
                        let line = target.source.line_of(span.start as usize) + 1;
                        file_url(&path, Some(line))
                    }
                    LinkDestination::File(file) => file_url(&file, None),
                },
            };
            Some(DocumentLink {
                span: link.dest_span,
                target,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::PathBuf;

    #[test]
    fn links_lead_to_urls_notes_at_their_heading_and_nowhere_when_broken() {
        let mut workspace = Workspace::new(vec!["/v".into()], Config::default());
        let a = PathBuf::from("/v/a.md");
        let text = "[web](https://example.com) [b](b.md#two) [gone](nope.md)\n";
        workspace.set_note(&a, workspace.parse(text));
        workspace.set_note(Path::new("/v/b.md"), workspace.parse("# One\n\n## Two\n"));
        let links: Vec<(&str, String)> = document_links(&workspace, &a)
            .into_iter()
            .map(|l| (&text[l.span.range()], l.target))
            .collect();
        assert_eq!(
            links,
            [
                ("https://example.com", "https://example.com".to_string()),
                ("b.md#two", "file:///v/b.md#L3".to_string()),
            ]
        );
    }
}
