//! The one writer of `file:` URLs: every URI the server sends and every link to a place in a
//! hover is made here.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::path::{Component, Path};

/// What a path segment writes percent-encoded: everything but the unreserved characters of
/// RFC 3986, as editors write file URIs themselves.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The `file:` URL of an absolute path (`file:///n/my%20note.md`; on Windows
/// `file:///C:/n/my%20note.md`), with `#L<line>` (1-based) when given.
pub fn file_url(path: &Path, line: Option<usize>) -> String {
    let mut out = String::from("file://");
    for part in path.components() {
        match part {
            Component::Prefix(prefix) => {
                out.push('/');
                out.push_str(&prefix.as_os_str().to_string_lossy());
            }
            Component::RootDir => out.push('/'),
            other => {
                if !out.ends_with('/') {
                    out.push('/');
                }
                let segment = other.as_os_str().to_string_lossy();
                out.extend(utf8_percent_encode(&segment, SEGMENT));
            }
        }
    }
    if let Some(line) = line {
        out.push_str(&format!("#L{line}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/n/my note.md"), Some(3)),
            "file:///n/my%20note.md#L3"
        );
        assert_eq!(
            file_url(Path::new("/n/ш/C#(1).md"), None),
            "file:///n/%D1%88/C%23%281%29.md"
        );
    }
}
