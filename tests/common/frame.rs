//! LSP base-protocol framing on the client side: reading one message. Shared by the tests'
//! clients and the end-to-end benchmark's (`benches/lsp_e2e/client.rs`).

use serde_json::Value;
use std::io::BufRead;

/// The next message the server wrote on `reader` (LSP base protocol framing), `None` once its
/// output ends or a frame cannot be read.
pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length:") {
            length = n.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
