//! Every feature on small vaults written in strings, with snapshots of what it answers (see
//! `tests/fixture/` for the format). `UPDATE_EXPECT=1 cargo test --test features` updates them.

#[path = "../fixture/mod.rs"]
mod fixture;

mod code_actions;
mod completion;
mod decorations;
mod definition;
mod diagnostics;
mod file_moves;
mod hover;
mod references;
mod rename;
mod shapes;
mod structure;
mod symbols;
