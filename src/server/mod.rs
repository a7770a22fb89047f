//! The LSP front end.
/// Serves LSP on stdin/stdout until the client exits.
pub fn serve_stdio() {}
