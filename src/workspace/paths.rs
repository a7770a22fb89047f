//! Lexical path normalisation: the one spelling of a path every index uses.

use std::path::{Component, Path, PathBuf};

/// Removes `.` and resolves `..` without touching the disk (symlinks are not followed).
pub fn normalize(path: &Path) -> PathBuf {
    if is_normal(path) {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether `path` is already spelled as [`normalize`] would spell it: no `.` or `..`
/// component, no doubled or trailing separator. Checked on the bytes, which is several times
/// cheaper than splitting into components; other platforms' separators take the long way.
fn is_normal(path: &Path) -> bool {
    let bytes = path.as_os_str().as_encoded_bytes();
    if cfg!(not(unix)) || bytes.is_empty() {
        return false;
    }
    let trailing = bytes.len() > 1 && bytes.ends_with(b"/");
    let segments = bytes
        .split(|&b| b == b'/')
        .skip(usize::from(bytes[0] == b'/'));
    !trailing
        && segments
            .clone()
            .all(|s| !s.is_empty() && s != b"." && s != b"..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_resolved_lexically() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.md")),
            PathBuf::from("a/c.md")
        );
        assert_eq!(
            normalize(Path::new("a/../../c.md")),
            PathBuf::from("../c.md")
        );
        assert_eq!(
            normalize(Path::new("/a/../../c.md")),
            PathBuf::from("/c.md")
        );
    }

    /// The quick check never passes a path the component walk would change, and passes the
    /// usual spellings.
    #[test]
    fn spelled_normally_means_unchanged() {
        for path in [
            "/v/notes/a.md",
            "notes/a.md",
            "/",
            "a",
            "/v//a.md",
            "/v/a/",
            "./a.md",
            "a/.",
            "/v/../a.md",
            "..",
            ".",
            "/v/.hidden/a.md",
            "/v/a..b/c.md",
            "/v/шардирование 🚀.md",
        ] {
            let path = Path::new(path);
            let slow: PathBuf = {
                let mut out = PathBuf::new();
                path.components().for_each(|c| out.push(c));
                out
            };
            let spelled_normally = slow.as_os_str() == path.as_os_str()
                && !path
                    .components()
                    .any(|c| matches!(c, Component::CurDir | Component::ParentDir));
            if is_normal(path) {
                assert!(spelled_normally, "{}", path.display());
                assert_eq!(normalize(path), slow);
            }
        }
        for usual in [
            "/v/notes/a.md",
            "notes/a.md",
            "/v/a..b/c.md",
            "/v/шардирование 🚀.md",
        ] {
            assert!(is_normal(Path::new(usual)), "{usual}");
        }
    }
}
