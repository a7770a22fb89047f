//! Document structure for the editor: symbols, workspace symbols, folding, selection ranges and
//! document links.

use super::{convert, Backend};
use crate::features::links::{destination, LinkDestination};
use crate::features::symbols::{outline, workspace_symbols, OutlineEntry, SymbolKind as Kind};
use crate::file_url::file_url;
use crate::search::SearchHit;
use crate::syntax::tree::{folds, selection, FoldKind};
use crate::syntax::{LinkTarget, Note};
use crate::text::{Encoding, Source};
use crate::workspace::Workspace;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

#[allow(deprecated)]
fn document_symbol(note: &Note, entry: OutlineEntry, encoding: Encoding) -> DocumentSymbol {
    DocumentSymbol {
        name: if entry.name.is_empty() {
            "(empty heading)".into()
        } else {
            entry.name
        },
        detail: Some("#".repeat(entry.level as usize)),
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range: convert::range(note, entry.span, encoding),
        selection_range: convert::range(note, entry.heading, encoding),
        children: Some(
            entry
                .children
                .into_iter()
                .map(|c| document_symbol(note, c, encoding))
                .collect(),
        ),
    }
}

/// A full-text hit as a workspace symbol at the start of its section. The search index follows
/// the workspace a moment behind: a hit on a line the note no longer has is stale and dropped.
#[allow(deprecated)]
fn full_text_symbol(
    workspace: &Workspace,
    hit: SearchHit,
    encoding: Encoding,
) -> Option<SymbolInformation> {
    let note = workspace.note(&hit.path)?;
    let line = hit.line as usize;
    if line >= note.source.line_count() {
        return None;
    }
    let start = note.source.line_range(line).start;
    let span = crate::syntax::Span::new(start, start);
    Some(SymbolInformation {
        name: if hit.heading.is_empty() {
            hit.snippet
        } else {
            hit.heading
        },
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        location: Location::new(
            convert::path_to_uri(&hit.path)?,
            convert::range(note, span, encoding),
        ),
        container_name: Some("full-text match".into()),
    })
}

impl Backend {
    pub(super) fn document_symbols(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(path) = convert::uri_to_path(&params.text_document.uri) else {
            return Ok(None);
        };
        let workspace = self.fresh_workspace(&path);
        let encoding = self.support().encoding;
        let Some(note) = workspace.note(&path) else {
            return Ok(None);
        };
        let symbols = outline(note)
            .into_iter()
            .map(|e| document_symbol(note, e, encoding))
            .collect();
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    #[allow(deprecated)]
    pub(super) async fn symbols(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let (workspace, encoding) = {
            let session = self.session();
            (session.workspace.clone(), session.client.encoding)
        };
        let limit = workspace.config().completion.max_items.max(1) * 2;
        let query = params.query;
        let fallback_query = query.clone();
        let for_fallback = workspace.clone();
        let symbols = tokio::task::spawn_blocking(move || {
            workspace_symbols(&workspace, &query, limit)
                .into_iter()
                .filter_map(|s| {
                    let note = workspace.note(&s.path)?;
                    Some(SymbolInformation {
                        name: s.name,
                        kind: match s.kind {
                            Kind::Heading => SymbolKind::STRING,
                            Kind::Term => SymbolKind::KEY,
                        },
                        tags: None,
                        deprecated: None,
                        location: Location::new(
                            convert::path_to_uri(&s.path)?,
                            convert::range(note, s.span, encoding),
                        ),
                        container_name: s.container,
                    })
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        if symbols.is_empty() && !fallback_query.trim().is_empty() {
            let hits = self.search(fallback_query, limit).await;
            let found = hits
                .into_iter()
                .filter_map(|hit| full_text_symbol(&for_fallback, hit, encoding))
                .collect();
            return Ok(Some(WorkspaceSymbolResponse::Flat(found)));
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(symbols)))
    }

    /// The open document's text and tree, for structure requests.
    fn live(&self, uri: &Uri) -> Option<(String, tree_sitter::Tree, Encoding)> {
        let path = convert::uri_to_path(uri)?;
        let mut session = self.session();
        let encoding = session.client.encoding;
        let doc = session.documents.get_mut(&path)?;
        let (text, tree) = doc.text_and_tree();
        Some((text, tree?, encoding))
    }

    pub(super) fn folding(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some((text, tree, encoding)) = self.live(&params.text_document.uri) else {
            return Ok(None);
        };
        let source = Source::new(text.as_str());
        let ranges = folds(&tree)
            .into_iter()
            .map(|(span, kind)| {
                let start = source.line_col(span.start as usize, encoding).line;
                let mut end = source.line_col(span.end as usize, encoding);
                if end.col == 0 && end.line > start {
                    end.line -= 1;
                }
                FoldingRange {
                    start_line: start,
                    end_line: end.line,
                    kind: match kind {
                        FoldKind::Region => Some(FoldingRangeKind::Region),
                        FoldKind::FrontMatter => Some(FoldingRangeKind::Comment),
                        FoldKind::Code => Some(FoldingRangeKind::Region),
                    },
                    ..Default::default()
                }
            })
            .filter(|r| r.end_line > r.start_line)
            .collect();
        Ok(Some(ranges))
    }

    pub(super) fn selection(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let Some((text, tree, encoding)) = self.live(&params.text_document.uri) else {
            return Ok(None);
        };
        let source = Source::new(text.as_str());
        let to_range = |span: crate::syntax::Span| {
            Range::new(
                convert::position(source.line_col(span.start as usize, encoding)),
                convert::position(source.line_col(span.end as usize, encoding)),
            )
        };
        let ranges = params
            .positions
            .iter()
            .map(|p| {
                let offset = source.offset(convert::line_col(*p), encoding);
                let spans = selection(&tree, &text, offset);
                let mut chain: Option<SelectionRange> = None;
                for span in spans.into_iter().rev() {
                    chain = Some(SelectionRange {
                        range: to_range(span),
                        parent: chain.map(Box::new),
                    });
                }
                chain.unwrap_or(SelectionRange {
                    range: Range::new(*p, *p),
                    parent: None,
                })
            })
            .collect();
        Ok(Some(ranges))
    }

    pub(super) fn document_links(
        &self,
        params: DocumentLinkParams,
    ) -> Result<Option<Vec<DocumentLink>>> {
        let Some(path) = convert::uri_to_path(&params.text_document.uri) else {
            return Ok(None);
        };
        let workspace = self.fresh_workspace(&path);
        let encoding = self.support().encoding;
        let Some(note) = workspace.note(&path) else {
            return Ok(None);
        };
        let links = note
            .links
            .iter()
            .filter_map(|link| {
                let target = match &link.target {
                    LinkTarget::External(url) => url.parse::<Uri>().ok()?,
                    _ => match destination(&workspace, &path, link)? {
                        LinkDestination::Note { path, span, .. } => {
                            let target = workspace.note(&path)?;
                            let line = target.source.line_of(span.start as usize) + 1;
                            file_url(&path, Some(line)).parse().ok()?
                        }
                        LinkDestination::File(file) => file_url(&file, None).parse().ok()?,
                    },
                };
                Some(DocumentLink {
                    range: convert::range(note, link.dest_span, encoding),
                    target: Some(target),
                    tooltip: None,
                    data: None,
                })
            })
            .collect();
        Ok(Some(links))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::PathBuf;

    #[test]
    fn a_full_text_hit_past_the_end_of_its_note_is_dropped() {
        let path = PathBuf::from("/notes/a.md");
        let mut workspace = Workspace::new(Vec::new(), Config::default());
        let note = workspace.parse("# Short\n");
        workspace.set_note(&path, note);
        let hit = |line| SearchHit {
            path: path.clone(),
            line,
            heading: "Short".into(),
            snippet: String::new(),
            score: 1.0,
        };
        let found = full_text_symbol(&workspace, hit(0), Encoding::Utf16).unwrap();
        assert_eq!(found.location.range.start, Position::new(0, 0));
        // The index still holds the note's longer text of a moment ago.
        assert!(full_text_symbol(&workspace, hit(40), Encoding::Utf16).is_none());
    }
}
