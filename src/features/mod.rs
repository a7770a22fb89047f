//! Editor features as plain functions of a workspace snapshot: no protocol types here.

pub mod diagnostics;
