//! Lexical path normalisation: the one spelling of a path every index uses.

use std::path::{Component, Path, PathBuf};

/// Removes `.` and resolves `..` without touching the disk (symlinks are not followed).
pub fn normalize(path: &Path) -> PathBuf {
    #[cfg(unix)]
    {
        normalize_bytes(path)
    }
    #[cfg(not(unix))]
    {
        normalize_components(path)
    }
}

/// [`normalize`] on the bytes of a Unix path: the same result as the component walk, several
/// times cheaper (it runs for every link of every note).
#[cfg(unix)]
fn normalize_bytes(path: &Path) -> PathBuf {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let bytes = path.as_os_str().as_bytes();
    let absolute = bytes.first() == Some(&b'/');
    let mut kept: Vec<&[u8]> = Vec::new();
    for segment in bytes.split(|&b| b == b'/') {
        match segment {
            b"" | b"." => {}
            b".." => match kept.last() {
                Some(last) if *last != b".." => {
                    kept.pop();
                }
                _ if !absolute => kept.push(segment),
                _ => {}
            },
            _ => kept.push(segment),
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    if absolute {
        out.push(b'/');
    }
    for (i, segment) in kept.iter().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(segment);
    }
    PathBuf::from(std::ffi::OsString::from_vec(out))
}

/// [`normalize`] by components, for every platform.
#[cfg_attr(unix, allow(dead_code))]
fn normalize_components(path: &Path) -> PathBuf {
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

    /// The byte walk and the component walk agree on every spelling.
    #[cfg(unix)]
    #[test]
    fn bytes_and_components_agree() {
        for path in [
            "/v/notes/a.md",
            "notes/a.md",
            "/",
            "",
            "a",
            "/v//a.md",
            "/v/a/",
            "./a.md",
            "a/.",
            "/v/../a.md",
            "/v/x/../../../a.md",
            "../../b/./c/../d.md",
            "..",
            ".",
            "/..",
            "/v/.hidden/a.md",
            "/v/a..b/c.md",
            "/v/шардирование 🚀.md",
        ] {
            let path = Path::new(path);
            assert_eq!(
                normalize_bytes(path),
                normalize_components(path),
                "{}",
                path.display()
            );
        }
    }
}
