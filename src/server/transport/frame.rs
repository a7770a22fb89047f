//! Splitting a byte stream into frames (`Content-Length: N`, a blank line, N bytes of JSON),
//! recovering from what clients get wrong instead of giving up on the stream.
//!
//! The rules:
//! - A header block is `Name: value` lines ended by a blank line (`\r\n\r\n`). Names are
//!   compared without case; `Content-Length` is required, other headers are ignored. Blank
//!   lines between frames are skipped; other bytes before a header (left over from a broken
//!   frame) are skipped and counted ([`FrameReader::take_skipped`]).
//! - A body ends at its declared length, or earlier:
//!   - where its JSON object or array closes: the rest of the declared length may only be
//!     whitespace, and the first other byte starts the next frame. A frame whose
//!     `Content-Length` is too long is therefore read without waiting for bytes that never
//!     come;
//!   - where a `Content-Length: N` header line starts inside it (valid JSON cannot hold one:
//!     its strings hold no raw line breaks), so that a too-long frame whose body is not JSON
//!     does not swallow the frame after it. The search is for the header as clients write
//!     it, `Content-Length:` in that case.
//! - A body that is neither an object nor an array, with no header inside it, ends at its
//!   declared length: nothing else tells where it ends.

use memchr::memmem;

/// The header name, as clients write it.
const CONTENT_LENGTH: &[u8] = b"Content-Length:";
/// A header block longer than this (without its blank line) is not a header.
const MAX_HEADER: usize = 8 * 1024;
/// The largest body a frame may declare (1 GiB).
pub const MAX_BODY: usize = 1 << 30;

/// What the reader found next in the stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A frame's body, not yet validated.
    Body(Vec<u8>),
    /// A header block without a usable `Content-Length`: a frame that cannot be read.
    BadHeader(String),
}

/// An incremental frame splitter: push bytes as they arrive, take frames as they complete.
#[derive(Default)]
pub struct FrameReader {
    buf: Vec<u8>,
    /// Bytes of `buf` already consumed.
    pos: usize,
    state: State,
    skipped: usize,
}

#[derive(Default)]
enum State {
    /// Waiting for a header block.
    #[default]
    Header,
    /// Reading a body of declared length `len`.
    Body {
        len: usize,
        scan: Scan,
        /// Where the search for a header inside the body goes on from.
        searched: usize,
    },
    /// The body's JSON value closed early: up to `left` bytes of whitespace may follow.
    Trailer { left: usize },
}

enum Step {
    Wait,
    Again,
    Emit(Frame),
}

impl FrameReader {
    /// Appends bytes read from the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete frame, or `None` until more bytes arrive.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            let step = match self.state {
                State::Header => self.header(),
                State::Body { .. } => self.body(),
                State::Trailer { .. } => self.trailer(),
            };
            match step {
                Step::Wait => return None,
                Step::Again => {}
                Step::Emit(frame) => return Some(frame),
            }
        }
    }

    /// How many bytes were skipped as garbage since the last call.
    pub fn take_skipped(&mut self) -> usize {
        std::mem::take(&mut self.skipped)
    }

    fn header(&mut self) -> Step {
        let rest = &self.buf[self.pos..];
        let blank = rest
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
            .count();
        if blank > 0 {
            self.pos += blank;
            return Step::Again;
        }
        if rest.is_empty() {
            return Step::Wait;
        }
        let reach = &rest[..rest.len().min(MAX_HEADER + 4)];
        let Some(end) = memmem::find(reach, b"\r\n\r\n") else {
            if rest.len() < MAX_HEADER + 4 {
                return Step::Wait;
            }
            // No header ends within reach: skip to where one may start.
            let skip = memmem::find(&rest[1..], CONTENT_LENGTH)
                .map_or(rest.len() + 1 - CONTENT_LENGTH.len(), |i| i + 1);
            self.skip(skip);
            return Step::Again;
        };
        let parsed = parse_header(&rest[..end]);
        self.pos += end + 4;
        match parsed {
            Header::Length { garbage, len } => {
                self.skipped += garbage;
                self.state = State::Body {
                    len,
                    scan: Scan::default(),
                    searched: 0,
                };
                Step::Again
            }
            Header::Bad(reason) => Step::Emit(Frame::BadHeader(reason)),
            Header::Garbage => {
                self.skipped += end + 4;
                Step::Again
            }
        }
    }

    fn body(&mut self) -> Step {
        let State::Body {
            len,
            scan,
            searched,
        } = &mut self.state
        else {
            return Step::Again;
        };
        let len = *len;
        let available = &self.buf[self.pos..];
        let body = &available[..available.len().min(len)];
        let closed = scan.advance(body);
        let cut = find_header(body, searched);
        let (end, next) = match (closed, cut) {
            (Some(closed), Some(cut)) if cut < closed => (cut, State::Header),
            (Some(closed), _) => (closed, State::Trailer { left: len - closed }),
            (None, Some(cut)) => (cut, State::Header),
            (None, None) if body.len() == len => (len, State::Header),
            (None, None) => return Step::Wait,
        };
        let frame = body[..end].to_vec();
        self.pos += end;
        self.state = next;
        Step::Emit(Frame::Body(frame))
    }

    fn trailer(&mut self) -> Step {
        let State::Trailer { left } = &mut self.state else {
            return Step::Again;
        };
        let rest = &self.buf[self.pos..];
        let within = &rest[..rest.len().min(*left)];
        let blank = within
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        self.pos += blank;
        *left -= blank;
        if *left == 0 || blank < within.len() {
            self.state = State::Header;
            Step::Again
        } else {
            Step::Wait
        }
    }

    fn skip(&mut self, n: usize) {
        self.pos += n;
        self.skipped += n;
    }
}

enum Header {
    /// A usable header: the body's declared length, after `garbage` bytes that were not headers.
    Length { garbage: usize, len: usize },
    /// Header lines without a usable `Content-Length`.
    Bad(String),
    /// Not a header at all.
    Garbage,
}

/// Reads a header block (without its blank line). The last `Content-Length` in it counts: what
/// comes before it and is not a header line is garbage left over from an earlier frame.
fn parse_header(block: &[u8]) -> Header {
    let found = (0..=block.len().saturating_sub(CONTENT_LENGTH.len()))
        .rev()
        .find(|&i| {
            block
                .get(i..i + CONTENT_LENGTH.len())
                .is_some_and(|name| name.eq_ignore_ascii_case(CONTENT_LENGTH))
        });
    let Some(at) = found else {
        return if block.split(|&b| b == b'\n').all(is_header_line) {
            Header::Bad("no Content-Length header".into())
        } else {
            Header::Garbage
        };
    };
    let before = &block[..at];
    let clean = before.is_empty()
        || (before.ends_with(b"\n") && before.split(|&b| b == b'\n').all(is_header_line));
    let garbage = if clean { 0 } else { at };
    let after = &block[at + CONTENT_LENGTH.len()..];
    let line = after.split(|&b| b == b'\r').next().unwrap_or_default();
    let value = String::from_utf8_lossy(line);
    match value.trim().parse::<usize>() {
        Ok(len) if len <= MAX_BODY => Header::Length { garbage, len },
        _ => Header::Bad(format!(
            "invalid Content-Length: {:?}",
            value.chars().take(40).collect::<String>()
        )),
    }
}

/// Whether a line (split at `\n`, maybe ending in `\r`) is empty or `Name: value`.
fn is_header_line(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.is_empty() {
        return true;
    }
    match line.iter().position(|&b| b == b':') {
        Some(colon) if colon > 0 => line[..colon]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
        _ => false,
    }
}

/// Where a `Content-Length: N\r\n` line starts in `body`, searching on from `*searched` (and
/// leaving there where to go on next time). A candidate cut off by the end of `body` is decided
/// when more bytes come.
fn find_header(body: &[u8], searched: &mut usize) -> Option<usize> {
    let from = (*searched).min(body.len());
    for at in memmem::find_iter(&body[from..], CONTENT_LENGTH).map(|i| i + from) {
        match is_length_line(&body[at + CONTENT_LENGTH.len()..]) {
            Some(true) => return Some(at),
            Some(false) => {}
            None => {
                *searched = at;
                return None;
            }
        }
    }
    *searched = body
        .len()
        .saturating_sub(CONTENT_LENGTH.len() - 1)
        .max(from);
    None
}

/// Whether `rest` (what follows `Content-Length:`) is spaces, digits and `\r\n`; `None` when it
/// ends too soon to tell.
fn is_length_line(rest: &[u8]) -> Option<bool> {
    let spaces = rest
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let digits = rest[spaces..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits > 20 {
        return Some(false);
    }
    let tail = &rest[spaces + digits..];
    match tail {
        [] => None,
        [b'\r'] => None,
        [b'\r', b'\n', ..] => Some(digits > 0),
        _ => Some(false),
    }
}

/// Where a body's JSON object or array closes, found incrementally as the body arrives.
#[derive(Default)]
struct Scan {
    /// Bytes of the body looked at.
    at: usize,
    depth: usize,
    opened: bool,
    /// The body does not start with `{` or `[`.
    plain: bool,
    in_string: bool,
    escaped: bool,
}

impl Scan {
    /// Looks at the bytes of `body` not yet seen; the end of the value once it closes.
    fn advance(&mut self, body: &[u8]) -> Option<usize> {
        while self.at < body.len() && !self.plain {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    self.at += 1;
                    continue;
                }
                let Some(i) = memchr::memchr2(b'"', b'\\', &body[self.at..]) else {
                    self.at = body.len();
                    return None;
                };
                self.at += i;
                if body[self.at] == b'\\' {
                    self.escaped = true;
                } else {
                    self.in_string = false;
                }
                self.at += 1;
                continue;
            }
            let byte = body[self.at];
            self.at += 1;
            match byte {
                b'"' if self.opened => self.in_string = true,
                b'{' | b'[' => {
                    self.opened = true;
                    self.depth += 1;
                }
                b'}' | b']' if self.opened => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return Some(self.at);
                    }
                }
                _ if !self.opened && !byte.is_ascii_whitespace() => self.plain = true,
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(chunks: &[&[u8]]) -> (Vec<Frame>, usize) {
        let mut reader = FrameReader::default();
        let mut out = Vec::new();
        let mut skipped = 0;
        for chunk in chunks {
            reader.push(chunk);
            while let Some(frame) = reader.next_frame() {
                out.push(frame);
            }
            skipped += reader.take_skipped();
        }
        (out, skipped)
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn frames_split_anywhere_are_read_whole() {
        let stream = format!("{}{}", framed(r#"{"a":"}{\"x"}"#), framed("[1,[2]]"));
        for split in 0..stream.len() {
            let (a, b) = stream.as_bytes().split_at(split);
            let (got, skipped) = frames(&[a, b]);
            assert_eq!(got, [body(r#"{"a":"}{\"x"}"#), body("[1,[2]]")], "{split}");
            assert_eq!(skipped, 0);
        }
    }

    #[test]
    fn headers_are_read_without_case_and_with_other_headers() {
        let stream = "content-length: 2\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{}";
        assert_eq!(frames(&[stream.as_bytes()]).0, [body("{}")]);
        let stream = "Content-Type: x\r\nContent-Length:2\r\n\r\n{}";
        assert_eq!(frames(&[stream.as_bytes()]), (vec![body("{}")], 0));
    }

    #[test]
    fn a_too_long_length_ends_where_the_value_closes() {
        // The last frame: nothing more will come, yet it is read.
        let (got, _) = frames(&[b"Content-Length: 100\r\n\r\n{\"id\":1}"]);
        assert_eq!(got, [body(r#"{"id":1}"#)]);
        // The next frame starts inside the declared length.
        let stream = format!("Content-Length: 60\r\n\r\n{{\"id\":1}}{}", framed("{}"));
        assert_eq!(
            frames(&[stream.as_bytes()]),
            (vec![body(r#"{"id":1}"#), body("{}")], 0)
        );
    }

    #[test]
    fn a_too_long_length_of_garbage_ends_at_the_next_header() {
        let stream = format!("Content-Length: 90\r\n\r\nnot json{}", framed("{}"));
        let (got, _) = frames(&[stream.as_bytes()]);
        assert_eq!(got, [body("not json"), body("{}")]);
        // Text that only mentions the header is no header.
        let text = r#"{"t":"Content-Length: 5\r\n"}"#;
        assert_eq!(frames(&[framed(text).as_bytes()]).0, [body(text)]);
    }

    #[test]
    fn a_too_short_length_skips_the_rest_and_reads_on() {
        let stream = format!("Content-Length: 4\r\n\r\n{{\"id\":1}}{}", framed("{}"));
        let (got, skipped) = frames(&[stream.as_bytes()]);
        assert_eq!(got, [body(r#"{"id"#), body("{}")]);
        assert_eq!(skipped, 4);
    }

    #[test]
    fn bad_headers_are_reported_and_reading_goes_on() {
        let stream = format!(
            "Content-Length: x\r\n\r\nContent-Type: y\r\n\r\n{}",
            framed("{}")
        );
        let (got, _) = frames(&[stream.as_bytes()]);
        assert!(matches!(&got[0], Frame::BadHeader(m) if m.contains("invalid")));
        assert!(matches!(&got[1], Frame::BadHeader(m) if m.contains("no Content-Length")));
        assert_eq!(got[2], body("{}"));
        let huge = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1);
        assert!(matches!(
            frames(&[huge.as_bytes()]).0[0],
            Frame::BadHeader(_)
        ));
    }

    #[test]
    fn garbage_without_a_header_is_skipped_in_bounded_memory() {
        let garbage = vec![b'x'; 3 * MAX_HEADER];
        let end = framed("{}");
        let (got, skipped) = frames(&[&garbage, &garbage, end.as_bytes()]);
        assert_eq!(got, [body("{}")]);
        assert_eq!(skipped, 2 * garbage.len());
    }

    #[test]
    fn trailing_whitespace_within_the_length_is_part_of_the_frame() {
        let stream = format!("Content-Length: 4\r\n\r\n{{}}\r\n{}", framed("[]"));
        assert_eq!(
            frames(&[stream.as_bytes()]),
            (vec![body("{}"), body("[]")], 0)
        );
    }

    #[test]
    fn an_empty_body_is_a_frame() {
        let stream = format!("Content-Length: 0\r\n\r\n{}", framed("{}"));
        assert_eq!(frames(&[stream.as_bytes()]).0, [body(""), body("{}")]);
    }
}
