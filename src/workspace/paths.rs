//! Lexical path normalisation: the one spelling of a path every index uses.

use std::path::{Component, Path, PathBuf};

/// Removes `.` and resolves `..` without touching the disk (symlinks are not followed).
pub fn normalize(path: &Path) -> PathBuf {
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
}
