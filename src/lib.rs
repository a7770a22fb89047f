//! notes-lsp: a language server for markdown study notes.
//!
//! Data flows one way: files → [`syntax`] → [`workspace`] → [`features`] → [`server`] (LSP) or
//! [`cli`] (the command line). See ARCHITECTURE.md.

pub mod cli;
pub mod config;
pub mod features;
pub mod file_url;
pub mod search;
pub mod server;
pub mod syntax;
pub mod text;
pub mod workspace;
