//! The one place where byte offsets and editor positions convert.
//!
//! Everything inside the server works on UTF-8 byte offsets. The editor speaks in lines and
//! columns, counted in UTF-16 code units unless the client negotiated UTF-8. Lines end at
//! `\n`, `\r\n` or `\r`, as LSP says.

use ropey::Rope;
use std::sync::Arc;

/// How the editor counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units: the LSP default.
    #[default]
    Utf16,
}

/// A zero-based line and column, the column counted in the negotiated encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LineCol {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column in code units of the encoding.
    pub col: u32,
}

/// Lines longer than this get a mark every this many bytes, so that a UTF-16 column there is
/// counted from the nearest mark, not from the line's start (a 5 MB line with 100,000 links
/// would otherwise take quadratic time to convert).
const MARK_EVERY: usize = 4096;

/// A document's text with the starts of its lines: converts offsets to positions and back.
#[derive(Clone, Debug, Default)]
pub struct Source {
    text: Arc<str>,
    line_starts: Vec<u32>,
    /// In lines longer than [`MARK_EVERY`]: byte offsets (character boundaries) with the UTF-16
    /// column there, in text order.
    marks: Vec<(u32, u32)>,
}

impl Source {
    /// Indexes the lines of `text`.
    pub fn new(text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let crlf = bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n');
            if !crlf {
                line_starts.push(i as u32 + 1);
            }
        }
        let mut source = Source {
            text,
            line_starts,
            marks: Vec::new(),
        };
        source.marks = source.long_line_marks();
        source
    }

    /// The marks of every line longer than [`MARK_EVERY`].
    fn long_line_marks(&self) -> Vec<(u32, u32)> {
        let mut marks = Vec::new();
        for line in 0..self.line_starts.len() {
            let range = self.line_range(line);
            let (mut at, mut col) = (range.start, 0);
            while range.end - at > MARK_EVERY {
                let next = ceil_char_boundary(&self.text, at + MARK_EVERY);
                col += column_width(&self.text[at..next], Encoding::Utf16);
                marks.push((next as u32, col as u32));
                at = next;
            }
        }
        marks
    }

    /// The last mark at or before `offset` and at or after `from`.
    fn mark_before(&self, from: usize, offset: usize) -> Option<(usize, usize)> {
        let i = self.marks.partition_point(|&(b, _)| b as usize <= offset);
        let (byte, col) = *self.marks.get(i.checked_sub(1)?)?;
        (byte as usize >= from).then_some((byte as usize, col as usize))
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A shared handle to the whole text.
    pub fn shared_text(&self) -> Arc<str> {
        self.text.clone()
    }

    /// Number of lines (an empty text has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Zero-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    /// Byte range of line `line` without its line ending (a line past the end is the empty
    /// range at the end of the text).
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len()..self.text.len();
        };
        let start = start as usize;
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&s| s as usize);
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub fn line_col(&self, offset: usize, encoding: Encoding) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let (from, base) = match encoding {
            Encoding::Utf16 => self.mark_before(start, offset).unwrap_or((start, 0)),
            Encoding::Utf8 => (start, 0),
        };
        let col = base + column_width(&self.text[from..offset], encoding);
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// The byte offset of a position. A column past the end of its line means the line's end;
    /// a line past the end of the text means the end of the text.
    pub fn offset(&self, pos: LineCol, encoding: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let range = self.line_range(line);
        let cols = pos.col as usize;
        let (from, base) = match encoding {
            Encoding::Utf16 => {
                // The line's marks, and the last of them at or before the column.
                let first = self
                    .marks
                    .partition_point(|&(b, _)| (b as usize) < range.start);
                let last = self
                    .marks
                    .partition_point(|&(b, _)| b as usize <= range.end);
                let line_marks = &self.marks[first..last];
                let i = line_marks.partition_point(|&(_, c)| c as usize <= cols);
                i.checked_sub(1).map_or((range.start, 0), |i| {
                    (line_marks[i].0 as usize, line_marks[i].1 as usize)
                })
            }
            Encoding::Utf8 => (range.start, 0),
        };
        from + byte_len_of_columns(&self.text[from..range.end], cols - base, encoding)
    }
}

/// Width of `s` in code units of `encoding`.
pub fn column_width(s: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 if s.is_ascii() => s.len(),
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
    }
}

/// `at`, moved on to the start of the next character unless it is at one.
fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Bytes of `line` spanned by its first `cols` columns (stops at the line's end, and never
/// splits a character).
fn byte_len_of_columns(line: &str, cols: usize, encoding: Encoding) -> usize {
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= cols {
            return i;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
    }
    line.len()
}

/// The char index in `rope` of a position, as [`Source::offset`] finds its byte: a column past the
/// line's end is its end, one inside a character the character's end; in O(log n), however
/// long the line.
pub fn rope_char_index(rope: &Rope, pos: LineCol, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let line_slice = rope.line(line);
    let mut line_len = line_slice.len_chars();
    while line_len > 0 && matches!(line_slice.char(line_len - 1), '\n' | '\r') {
        line_len -= 1;
    }
    let line_end = line_start + line_len;
    /// Converts between chars and code units of the rope.
    type Units = fn(&Rope, usize) -> usize;
    let (to_units, from_units): (Units, Units) = match encoding {
        Encoding::Utf8 => (Rope::char_to_byte, Rope::byte_to_char),
        Encoding::Utf16 => (Rope::char_to_utf16_cu, Rope::utf16_cu_to_char),
    };
    let target = to_units(rope, line_start) + pos.col as usize;
    if target >= to_units(rope, line_end) {
        return line_end;
    }
    let at = from_units(rope, target);
    if to_units(rope, at) < target {
        at + 1
    } else {
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_after_cyrillic_and_emoji() {
        let src = Source::new("# Шардирование 🚀 [x](#y)\nnext");
        let offset = src.text().find("[x]").unwrap();
        let pos = src.line_col(offset, Encoding::Utf16);
        // "# " = 2, 12 Cyrillic letters = 12, " " = 1, emoji = 2 units, " " = 1.
        assert_eq!(pos, LineCol { line: 0, col: 18 });
        assert_eq!(src.offset(pos, Encoding::Utf16), offset);
        let pos8 = src.line_col(offset, Encoding::Utf8);
        assert_eq!(pos8.col as usize, offset);
        assert_eq!(src.offset(pos8, Encoding::Utf8), offset);
    }

    #[test]
    fn line_endings_and_out_of_range_positions() {
        let src = Source::new("a\r\nb\rc\n");
        assert_eq!(src.line_count(), 4);
        assert_eq!(
            src.line_col(3, Encoding::Utf16),
            LineCol { line: 1, col: 0 }
        );
        assert_eq!(src.offset(LineCol { line: 0, col: 99 }, Encoding::Utf16), 1);
        assert_eq!(src.offset(LineCol { line: 99, col: 0 }, Encoding::Utf16), 7);
        assert_eq!(src.line_range(99), 7..7);
    }
}
