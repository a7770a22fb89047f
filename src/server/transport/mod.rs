//! The stdio transport in front of the protocol library, which ends the session on the first
//! frame it cannot decode. Here the client's bytes are split into frames
//! ([`frame::FrameReader`]) and checked ([`validate::validate`]); only good frames reach the
//! library, through an in-memory pipe. A bad frame is answered with a JSON-RPC error (id
//! `null` unless it could be read) and a log line, and reading goes on.
//!
//! The client's input is read on a thread of its own, with blocking reads: a read still
//! waiting when the session ends keeps nothing from exiting. One task writes to the client:
//! the library's output (through a second pipe, split back into frames), the error responses,
//! and the frames the server writes itself (pages of partial results, [`Direct`]), each frame
//! whole, so that they never interleave. The server's own frames go first: one queued before a
//! response was produced is written before it.

pub mod frame;
pub mod validate;

use frame::{Frame, FrameReader};
use std::future::Future;
use std::io::Read;
use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id};
use validate::{validate, Rejected};

/// Size of the in-memory pipes and of one read.
const CHUNK: usize = 64 * 1024;
/// Good frames read ahead of the library.
const READ_AHEAD: usize = 16;

/// Frames the server writes to the client itself, ahead of the library's output.
pub type Direct = mpsc::UnboundedReceiver<Vec<u8>>;

/// Serves on the client's streams: `serve` gets the library's input and output ends and runs
/// the session, `direct` the frames the server writes itself; this returns once the session
/// has ended and its output is written.
pub async fn serve<I, O, F, S>(client_in: I, client_out: O, direct: Direct, serve: S)
where
    I: Read + Send + 'static,
    O: AsyncWrite + Unpin,
    S: FnOnce(DuplexStream, DuplexStream) -> F,
    F: Future<Output = ()>,
{
    let (server_in, mut to_server) = tokio::io::duplex(CHUNK);
    let (server_out, from_server) = tokio::io::duplex(CHUNK);
    let (errors, error_frames) = mpsc::unbounded_channel();
    let (frames, mut good_frames) = mpsc::channel::<Vec<u8>>(READ_AHEAD);
    let reading = std::thread::Builder::new()
        .name("client input".into())
        .spawn(move || read_client(client_in, frames, errors));
    if let Err(e) = reading {
        tracing::error!("cannot read from the client: {e}");
    }
    let feed = tokio::spawn(async move {
        while let Some(body) = good_frames.recv().await {
            if write_frame(&mut to_server, &body).await.is_err() {
                break;
            }
        }
    });
    tokio::join!(
        serve(server_in, server_out),
        write_client(client_out, from_server, error_frames, direct)
    );
    feed.abort();
}

/// Reads the client's frames until its input ends: good ones go to `frames`, bad ones get an
/// error response.
fn read_client(
    mut input: impl Read,
    frames: mpsc::Sender<Vec<u8>>,
    errors: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut reader = FrameReader::default();
    let mut chunk = vec![0; CHUNK];
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                tracing::error!("reading from the client: {e}");
                break;
            }
        };
        reader.push(&chunk[..n]);
        while let Some(frame) = reader.next_frame() {
            match check(frame) {
                Ok(body) => {
                    if frames.blocking_send(body).is_err() {
                        return;
                    }
                }
                Err(rejected) => {
                    tracing::warn!(
                        "answered a message that cannot be read with an error: {}",
                        rejected.error.message
                    );
                    let _ = errors.send(rejected.response());
                }
            }
        }
        let skipped = reader.take_skipped();
        if skipped > 0 {
            tracing::warn!("skipped {skipped} bytes from the client that were not a message");
        }
    }
}

/// A frame's body ready for the library, or why it is not.
fn check(frame: Frame) -> Result<Vec<u8>, Rejected> {
    match frame {
        Frame::Body(body) => {
            let checked = validate(body)?;
            if checked.replaced > 0 {
                tracing::debug!(
                    "replaced {} lone surrogate escapes with U+FFFD",
                    checked.replaced
                );
            }
            Ok(checked.body)
        }
        Frame::BadHeader(reason) => Err(Rejected {
            id: Id::Null,
            error: Error {
                code: ErrorCode::ParseError,
                message: format!("Parse error: {reason}").into(),
                data: None,
            },
        }),
    }
}

/// Writes the server's own frames, the library's output and the error responses to the
/// client, one whole frame at a time, until the library's output ends. The server's own frames
/// are written first whenever there are any.
async fn write_client<O: AsyncWrite + Unpin>(
    mut output: O,
    mut from_server: DuplexStream,
    mut errors: mpsc::UnboundedReceiver<Vec<u8>>,
    mut direct: Direct,
) {
    let mut frames = FrameReader::default();
    let mut chunk = vec![0; CHUNK];
    loop {
        tokio::select! {
            biased;
            Some(frame) = direct.recv() => {
                if write_frame(&mut output, &frame).await.is_err() {
                    return;
                }
            }
            read = from_server.read(&mut chunk) => {
                let n = match read {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                frames.push(&chunk[..n]);
                while let Some(frame) = frames.next_frame() {
                    if let Frame::Body(body) = frame {
                        if write_frame(&mut output, &body).await.is_err() {
                            return;
                        }
                    }
                }
            }
            Some(error) = errors.recv() => {
                if write_frame(&mut output, &error).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Writes one frame and flushes it.
async fn write_frame<W: AsyncWrite + Unpin>(out: &mut W, body: &[u8]) -> std::io::Result<()> {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    let mut frame = Vec::with_capacity(header.len() + body.len());
    frame.extend_from_slice(header.as_bytes());
    frame.extend_from_slice(body);
    out.write_all(&frame).await?;
    out.flush().await
}
