//! `textDocument/codeLens`: on each heading, the links to it and the gaps under it (none when
//! the `codeLens` setting turns them off).

use crate::features::definition::Place;
use crate::features::lenses::heading_lenses;
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The client-side command a lens runs: shows `[uri, position, locations]` as references
/// (VS Code's `editor.action.showReferences` takes the same arguments).
pub const SHOW_REFERENCES: &str = "notesLsp.showReferences";

/// A lens at `range` that shows `places`.
fn lens(snapshot: &Snapshot, uri: &Uri, range: Range, title: String, places: &[Place]) -> CodeLens {
    let locations: Vec<serde_json::Value> = places
        .iter()
        .filter(|p| snapshot.workspace().note(&p.path).is_some())
        .filter_map(|p| serde_json::to_value(snapshot.location(&p.path, p.span)?).ok())
        .collect();
    CodeLens {
        range,
        command: Some(Command {
            title,
            command: SHOW_REFERENCES.into(),
            arguments: Some(vec![
                serde_json::json!(uri),
                serde_json::json!(range.start),
                locations.into(),
            ]),
        }),
        data: None,
    }
}

/// The lenses of the document's headings.
pub fn code_lens(snapshot: &Snapshot, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    if !snapshot.workspace().config().code_lens.enabled {
        return Ok(None);
    }
    let uri = params.text_document.uri;
    let note = &snapshot.note;
    let mut out = Vec::new();
    for found in heading_lenses(snapshot.workspace(), &snapshot.path) {
        let start = snapshot.range(found.heading).start;
        let range = Range::new(start, start);
        let n = found.references.len();
        let title = format!("{n} reference{}", if n == 1 { "" } else { "s" });
        out.push(lens(snapshot, &uri, range, title, &found.references));
        if found.unanswered > 0 {
            let section = note
                .headings
                .iter()
                .find(|h| h.span == found.heading)
                .map_or(found.heading, |h| h.section);
            let gaps: Vec<Place> = note
                .placeholders
                .iter()
                .filter(|g| section.range().contains(&(g.span.start as usize)))
                .map(|g| Place {
                    path: snapshot.path.clone(),
                    span: g.span,
                })
                .collect();
            let title = format!("{} unanswered", found.unanswered);
            out.push(lens(snapshot, &uri, range, title, &gaps));
        }
    }
    Ok(Some(out))
}
