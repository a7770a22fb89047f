//! `textDocument/semanticTokens/full` and `…/range`: known terms and broken links (none when
//! the `semanticTokens` setting turns them off).

use crate::features::semantic_tokens::{semantic_tokens, TokenKind};
use crate::server::snapshot::Snapshot;
use crate::syntax::Span;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// Token types, in legend order.
const TOKEN_TYPES: [&str; 2] = ["term", "brokenLink"];
/// Token modifiers, in legend order.
const TOKEN_MODIFIERS: [&str; 1] = ["gapOnly"];

/// The semantic tokens the server sends: known terms and broken links, whole notes or ranges.
pub fn capability() -> SemanticTokensServerCapabilities {
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

/// The tokens of the whole document.
pub fn full(snapshot: &Snapshot, _: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
    Ok(tokens(snapshot, None).map(SemanticTokensResult::Tokens))
}

/// The tokens of the params' range.
pub fn range(
    snapshot: &Snapshot,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    let span = Span::new(
        snapshot.offset(params.range.start),
        snapshot.offset(params.range.end),
    );
    Ok(tokens(snapshot, Some(span)).map(SemanticTokensRangeResult::Tokens))
}

/// The tokens of the document, or of `span` of it, encoded relative to each other.
fn tokens(snapshot: &Snapshot, span: Option<Span>) -> Option<SemanticTokens> {
    if !snapshot.workspace().config().semantic_tokens.enabled {
        return None;
    }
    let mut data = Vec::new();
    let (mut line, mut col) = (0, 0);
    for token in semantic_tokens(snapshot.workspace(), &snapshot.path, span) {
        let range = snapshot.range(token.span);
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
