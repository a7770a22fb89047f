//! Editor features as plain functions of a workspace snapshot: no protocol types here.

pub mod diagnostics;
pub mod terms;
pub mod answer;
pub mod hover;
pub mod links;
pub mod definition;
pub mod references;
pub mod code_actions;
