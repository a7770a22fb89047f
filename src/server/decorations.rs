//! What the editor draws over a note: code lenses on headings, semantic tokens, inlay hints.
//! Each answers nothing when its setting turns it off.

use super::{convert, Backend};
use crate::features::definition::Place;
use crate::features::inlay_hints::acronym_hints;
use crate::features::lenses::heading_lenses;
use crate::features::semantic_tokens::{semantic_tokens, TokenKind};
use crate::syntax::Span;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The client-side command a lens runs: shows `[uri, position, locations]` as references
/// (VS Code's `editor.action.showReferences` takes the same arguments).
pub const SHOW_REFERENCES: &str = "notesLsp.showReferences";

/// Token types, in legend order.
const TOKEN_TYPES: [&str; 2] = ["term", "brokenLink"];
/// Token modifiers, in legend order.
const TOKEN_MODIFIERS: [&str; 1] = ["gapOnly"];

/// The semantic tokens the server sends: known terms and broken links, whole notes or ranges.
pub(super) fn semantic_tokens_capability() -> SemanticTokensServerCapabilities {
    SemanticTokensOptions {
        legend: SemanticTokensLegend {
            token_types: TOKEN_TYPES.map(SemanticTokenType::new).to_vec(),
            token_modifiers: TOKEN_MODIFIERS.map(SemanticTokenModifier::new).to_vec(),
        },
        range: Some(true),
        full: Some(SemanticTokensFullOptions::Bool(true)),
        ..Default::default()
    }
    .into()
}

impl Backend {
    pub(super) fn code_lenses(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let Some(path) = convert::uri_to_path(&uri) else {
            return Ok(None);
        };
        let workspace = self.fresh_workspace(&path);
        if !workspace.config().code_lens.enabled {
            return Ok(None);
        }
        let Some(note) = workspace.note(&path) else {
            return Ok(None);
        };
        let encoding = self.support().encoding;
        let locations = |places: &[Place]| -> Vec<serde_json::Value> {
            places
                .iter()
                .filter_map(|p| {
                    let target = workspace.note(&p.path)?;
                    let location = Location::new(
                        convert::path_to_uri(&p.path)?,
                        convert::range(target, p.span, encoding),
                    );
                    serde_json::to_value(location).ok()
                })
                .collect()
        };
        let lens = |range: Range, title: String, places: Vec<serde_json::Value>| CodeLens {
            range,
            command: Some(Command {
                title,
                command: SHOW_REFERENCES.into(),
                arguments: Some(vec![
                    serde_json::json!(uri),
                    serde_json::json!(range.start),
                    places.into(),
                ]),
            }),
            data: None,
        };
        let mut out = Vec::new();
        for found in heading_lenses(&workspace, &path) {
            let range = convert::range(note, found.heading, encoding);
            let range = Range::new(range.start, range.start);
            let n = found.references.len();
            let title = format!("{n} reference{}", if n == 1 { "" } else { "s" });
            out.push(lens(range, title, locations(&found.references)));
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
                        path: path.clone(),
                        span: g.span,
                    })
                    .collect();
                let title = format!("{} unanswered", found.unanswered);
                out.push(lens(range, title, locations(&gaps)));
            }
        }
        Ok(Some(out))
    }

    /// The semantic tokens of a document, or of `range` of it.
    pub(super) fn semantic_tokens(
        &self,
        uri: &Uri,
        range: Option<Range>,
    ) -> Option<SemanticTokens> {
        let path = convert::uri_to_path(uri)?;
        let workspace = self.fresh_workspace(&path);
        if !workspace.config().semantic_tokens.enabled {
            return None;
        }
        let note = workspace.note(&path)?;
        let encoding = self.support().encoding;
        let span = range.map(|r| {
            let offset = |p| note.source.offset(convert::line_col(p), encoding);
            Span::new(offset(r.start), offset(r.end))
        });
        let mut data = Vec::new();
        let (mut line, mut col) = (0, 0);
        for token in semantic_tokens(&workspace, &path, span) {
            let range = convert::range(note, token.span, encoding);
            if range.start.line != range.end.line {
                continue;
            }
            let (token_type, modifiers) = match token.kind {
                TokenKind::Term { gap_only } => (0, u32::from(gap_only)),
                TokenKind::BrokenLink => (1, 0),
            };
            let delta_line = range.start.line - line;
            let delta_start = if delta_line == 0 {
                range.start.character - col
            } else {
                range.start.character
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: range.end.character - range.start.character,
                token_type,
                token_modifiers_bitset: modifiers,
            });
            (line, col) = (range.start.line, range.start.character);
        }
        Some(SemanticTokens {
            result_id: None,
            data,
        })
    }

    pub(super) fn inlay_hints(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(path) = convert::uri_to_path(&params.text_document.uri) else {
            return Ok(None);
        };
        let workspace = self.fresh_workspace(&path);
        if !workspace.config().inlay_hints.enabled {
            return Ok(None);
        }
        let Some(note) = workspace.note(&path) else {
            return Ok(None);
        };
        let encoding = self.support().encoding;
        let offset = |p| note.source.offset(convert::line_col(p), encoding);
        let range = Span::new(offset(params.range.start), offset(params.range.end));
        let hints = acronym_hints(&workspace, &path, range)
            .into_iter()
            .map(|hint| InlayHint {
                position: convert::position(note.source.line_col(hint.offset, encoding)),
                label: InlayHintLabel::String(format!("({})", hint.label)),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .collect();
        Ok(Some(hints))
    }
}
