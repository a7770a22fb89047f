//! The JSON-RPC frame reader of the stdio transport. Any bytes, pushed in any chunks: nothing
//! panics, and each frame is validated (a frame handed on is a message the protocol library
//! reads). Well-formed frames built from the input come back exactly, however they are split.

#![no_main]

use libfuzzer_sys::fuzz_target;
use notes_lsp::server::transport::frame::{Frame, FrameReader};
use notes_lsp::server::transport::validate::validate;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Feeds `stream` in chunks whose sizes come from `sizes`; returns the frames and the bytes
/// skipped.
fn read(stream: &[u8], sizes: &[u8]) -> (Vec<Frame>, usize) {
    let mut reader = FrameReader::default();
    let (mut frames, mut skipped) = (Vec::new(), 0);
    let mut rest = stream;
    let mut sizes = sizes.iter().cycle();
    while !rest.is_empty() {
        let n = (*sizes.next().unwrap_or(&255) as usize + 1).min(rest.len());
        reader.push(&rest[..n]);
        rest = &rest[n..];
        while let Some(frame) = reader.next_frame() {
            frames.push(frame);
        }
        skipped += reader.take_skipped();
    }
    (frames, skipped)
}

fuzz_target!(|data: &[u8]| {
    let (sizes, body) = data.split_at(data.len().min(8));
    // Any bytes.
    for frame in read(body, sizes).0 {
        if let Frame::Body(body) = frame {
            if let Ok(checked) = validate(body) {
                let readable = serde_json::from_slice::<Request>(&checked.body).is_ok()
                    || serde_json::from_slice::<Response>(&checked.body).is_ok();
                assert!(readable);
            }
        }
    }
    // Frames of JSON made from the input's pieces.
    let bodies: Vec<Vec<u8>> = body
        .split(|&b| b == 0xff)
        .enumerate()
        .map(|(i, piece)| {
            let text = String::from_utf8_lossy(piece);
            let value = if i % 2 == 0 {
                serde_json::json!({"jsonrpc": "2.0", "method": "x", "params": {"t": text}})
            } else {
                serde_json::json!([text, i])
            };
            serde_json::to_vec(&value).unwrap()
        })
        .collect();
    let mut stream = Vec::new();
    for body in &bodies {
        stream.extend(format!("Content-Length: {}\r\n\r\n", body.len()).bytes());
        stream.extend(body);
    }
    let (frames, skipped) = read(&stream, sizes);
    assert_eq!(skipped, 0);
    let expected: Vec<Frame> = bodies.into_iter().map(Frame::Body).collect();
    assert_eq!(frames, expected);
});
