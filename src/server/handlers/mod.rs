//! One file per LSP method, named after it. A request's handler converts the protocol's
//! params to plain data, calls a feature on the request's snapshot and converts the answer
//! back; a notification's handler updates the session.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod definition;
pub mod diagnostic;
pub mod did_change_configuration;
pub mod did_change_watched_files;
pub mod did_change_workspace_folders;
pub mod document_link;
pub mod document_symbol;
pub mod execute_command;
pub mod folding_range;
pub mod hover;
pub mod initialize;
pub mod inlay_hint;
pub mod references;
pub mod rename;
pub mod rename_files;
pub mod selection_range;
pub mod semantic_tokens;
pub mod text_document_sync;
pub mod workspace_symbol;
