//! Editor features as plain functions of a workspace snapshot: no protocol types here.

pub mod answer;
pub mod code_actions;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod document_links;
pub mod file_rename;
pub mod folding;
pub mod full_text;
pub mod fuzzy;
pub mod gaps;
pub mod hover;
pub mod in_code;
pub mod inlay_hints;
pub mod lenses;
pub mod link_paths;
pub mod links;
pub mod references;
pub mod rename;
mod score_bound;
pub mod selection;
pub mod semantic_tokens;
pub mod symbols;
pub mod terms;
