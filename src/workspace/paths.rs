//! Lexical path normalisation (the one spelling of a path every index uses), and where a path
//! really leads once symlinks are followed.

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

/// The path `path` really names: its longest existing ancestor with every symlink resolved, then
/// the rest (which does not exist yet). `None` when not even the root of the path exists.
pub fn resolved(path: &Path) -> Option<PathBuf> {
    let here = Path::new(".");
    let path = if path.as_os_str().is_empty() {
        here
    } else {
        path
    };
    let path = normalize(&std::path::absolute(path).ok()?);
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return Some(rest.iter().rev().fold(real, |out, name| out.join(name)));
        }
        rest.push(existing.file_name()?);
        existing = existing.parent()?;
    }
}

/// Whether `path` leads inside `base` (or is `base`) once symlinks are followed in both.
pub fn resolves_inside(path: &Path, base: &Path) -> bool {
    match (resolved(path), resolved(base)) {
        (Some(path), Some(base)) => path.starts_with(base),
        _ => false,
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

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_to_say_where_a_path_leads() {
        let dir = tempfile::tempdir().unwrap();
        let (inside, outside) = (dir.path().join("in"), dir.path().join("out"));
        std::fs::create_dir_all(inside.join("sub")).unwrap();
        std::fs::create_dir(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, inside.join("away")).unwrap();
        assert!(resolves_inside(&inside.join("sub/new/deeper"), &inside));
        assert!(resolves_inside(&inside, &inside));
        assert_eq!(resolved(Path::new("")), resolved(Path::new(".")));
        assert!(resolved(Path::new("")).is_some_and(|here| here.is_absolute()));
        assert!(!resolves_inside(&inside.join("away/new"), &inside));
        assert!(!resolves_inside(&inside.join("../out"), &inside));
        assert_eq!(
            resolved(&inside.join("away/x")),
            Some(std::fs::canonicalize(&outside).unwrap().join("x"))
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
