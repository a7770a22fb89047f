//! Walking the roots: which files are notes, which are other files, which folders are passed
//! over and which symlinks are followed.
//!
//! The walk is gitignore-aware and skips hidden folders, the folders named in `skipFolders`
//! (dependency folders such as `node_modules`), folders tagged as caches (`CACHEDIR.TAG`, as
//! Cargo's `target` and the server's own cache are) and the `ignore` globs. It does not follow
//! symlinks as it goes: the real tree is walked first, then each symlink met is resolved. A link
//! whose target lies outside every root is not followed (and said so once); a link to a file or
//! folder the walk has seen is only another name for it (a note is indexed once, at its real
//! path); a link to a part of the workspace the walk left out is walked under the link's path.
//! Every target is walked at most once, so links in a loop end.

use super::cache_folder;
use super::load::Skipped;
use super::normalize;
use crate::config::Config;
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What a walk of the roots found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Note files, to be read.
    pub notes: Vec<PathBuf>,
    /// Other files and folders: link targets that exist.
    pub other_files: Vec<PathBuf>,
    /// Folders passed over by name or as caches: what is inside them is not known.
    pub skipped_folders: Vec<PathBuf>,
    /// Symlinks leading out of the workspace, not followed.
    pub outside_links: Vec<PathBuf>,
    /// Symlinks to what the walk has seen under another name: the link, and that name.
    pub aliases: Vec<(PathBuf, PathBuf)>,
    /// What was passed over, and why, for the log.
    pub skipped: Vec<Skipped>,
}

/// A root as written and as it really is (symlinks resolved).
pub struct Root<'a> {
    /// The root as the workspace names it.
    pub path: &'a Path,
    /// The same folder with every symlink resolved.
    pub real: &'a Path,
}

/// A folder reached through a symlink: where it really is, and the real folders already walked
/// through other links (not walked again).
struct Linked {
    target: PathBuf,
    walked: Arc<[PathBuf]>,
}

/// Walks every root, then follows the symlinks found while they stay inside the roots. Once
/// `cancel` is set, the walk stops early and what it returns is partial.
pub fn walk(roots: &[Root], config: &Config, cancel: &AtomicBool) -> Walked {
    let mut walked = Walked::default();
    let mut links = Vec::new();
    let tree = Tree { config, cancel };
    for root in roots {
        tree.walk(root.path, root.path, None, &mut walked, &mut links);
    }
    follow_links(roots, &tree, links, &mut walked);
    walked
}

/// What every walk of a tree shares: the settings and the cancel flag.
struct Tree<'a> {
    config: &'a Config,
    cancel: &'a AtomicBool,
}

impl Tree<'_> {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Walks the tree at `start` without following symlinks (collected in `links`). `root` is the
    /// workspace root the `ignore` globs are relative to; `linked` is set when `start` is a link.
    fn walk(
        &self,
        start: &Path,
        root: &Path,
        linked: Option<Linked>,
        out: &mut Walked,
        links: &mut Vec<PathBuf>,
    ) {
        let config = self.config;
        let here = |path: &'_ Path| {
            if path.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                path.to_path_buf()
            }
        };
        let (start, root) = (&here(start), &here(root));
        let mut overrides = OverrideBuilder::new(root);
        for glob in &config.ignore {
            if let Err(e) = overrides.add(&format!("!{glob}")) {
                out.skipped.push(Skipped {
                    path: root.to_path_buf(),
                    reason: format!("bad ignore glob `{glob}`: {e}"),
                });
            }
        }
        let passed_over = Arc::new(Mutex::new(Vec::new()));
        let mut builder = WalkBuilder::new(start);
        builder
            .hidden(true)
            .git_ignore(true)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .filter_entry(skip_filter(
                start,
                config.skip_folders.clone(),
                linked,
                passed_over.clone(),
            ));
        if let Ok(overrides) = overrides.build() {
            builder.overrides(overrides);
        }
        for entry in builder.build() {
            if self.cancelled() {
                break;
            }
            match entry {
                Ok(entry) => {
                    let path = normalize(entry.path());
                    if entry.depth() > 0 && entry.path_is_symlink() {
                        links.push(path);
                    } else if entry.file_type().is_some_and(|t| t.is_file())
                        && config.is_note_path(&path)
                    {
                        out.notes.push(path);
                    } else {
                        out.other_files.push(path);
                    }
                }
                Err(e) => out.skipped.push(Skipped {
                    path: start.to_path_buf(),
                    reason: e.to_string(),
                }),
            }
        }
        let passed_over =
            std::mem::take(&mut *passed_over.lock().unwrap_or_else(|e| e.into_inner()));
        for folder in passed_over {
            tracing::debug!("skipped folder {}", folder.display());
            out.skipped_folders.push(folder);
        }
    }
}

/// The walk's filter: passes over folders with a skipped name, cache folders and (under a
/// link) folders already walked through another link, recording each.
fn skip_filter(
    start: &Path,
    names: Vec<String>,
    linked: Option<Linked>,
    passed_over: Arc<Mutex<Vec<PathBuf>>>,
) -> impl Fn(&ignore::DirEntry) -> bool + Send + Sync + 'static {
    let start = start.to_path_buf();
    move |entry| {
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if entry.depth() == 0 || !is_dir {
            return true;
        }
        let path = entry.path();
        let named = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| names.iter().any(|s| s == n));
        if named || cache_folder::is_cache(path) {
            passed_over
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(normalize(path));
            return false;
        }
        // Under a link: a real folder walked through another link is not walked twice.
        linked.as_ref().is_none_or(|linked| {
            let real = path
                .strip_prefix(&start)
                .map(|rest| linked.target.join(rest));
            !real.is_ok_and(|real| linked.walked.contains(&real))
        })
    }
}

/// Resolves the symlinks the walk met (and those met in the folders they lead to): a target
/// outside the roots is not followed, one already walked is another name for it, any other one
/// is walked under the link's path.
fn follow_links(roots: &[Root], tree: &Tree, mut links: Vec<PathBuf>, out: &mut Walked) {
    if links.is_empty() {
        return;
    }
    let seen: HashSet<PathBuf> = out.notes.iter().chain(&out.other_files).cloned().collect();
    // Real folders and files walked through a link, and the link.
    let mut through_links: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut next = 0;
    while let Some(link) = links.get(next).cloned() {
        next += 1;
        if tree.cancelled() {
            return;
        }
        let target = match std::fs::canonicalize(&link) {
            Ok(target) => target,
            Err(e) => {
                out.skipped.push(Skipped {
                    path: link,
                    reason: format!("a symbolic link that leads nowhere ({e})"),
                });
                continue;
            }
        };
        let Some(root) = roots.iter().find(|r| target.starts_with(r.real)) else {
            out.skipped.push(Skipped {
                path: link.clone(),
                reason: format!(
                    "a symbolic link to {}, outside the workspace: not followed",
                    target.display()
                ),
            });
            out.outside_links.push(link);
            continue;
        };
        let as_walked = target
            .strip_prefix(root.real)
            .map(|rest| normalize(&root.path.join(rest)))
            .ok()
            .filter(|p| p == root.path || seen.contains(p));
        let known = as_walked.or_else(|| {
            through_links.iter().find_map(|(real, link)| {
                let rest = target.strip_prefix(real).ok()?;
                Some(normalize(&link.join(rest)))
            })
        });
        if let Some(known) = known {
            tracing::debug!("{} is another name for {}", link.display(), known.display());
            out.other_files.push(link.clone());
            out.aliases.push((link, known));
            continue;
        }
        through_links.push((target.clone(), link.clone()));
        if target.is_dir() {
            let linked = Linked {
                target,
                walked: through_links.iter().map(|(real, _)| real.clone()).collect(),
            };
            tree.walk(&link, root.path, Some(linked), out, &mut links);
        } else if target.is_file() && tree.config.is_note_path(&link) {
            out.notes.push(link);
        } else {
            out.other_files.push(link);
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::symlink;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn walk_dir(dir: &Path, config: &Config) -> Walked {
        let real = fs::canonicalize(dir).unwrap();
        walk(
            &[Root {
                path: dir,
                real: &real,
            }],
            config,
            &AtomicBool::new(false),
        )
    }

    /// The notes found, relative to `dir`.
    fn notes(dir: &Path, walked: &Walked) -> Vec<String> {
        let mut notes: Vec<String> = walked
            .notes
            .iter()
            .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
            .collect();
        notes.sort();
        notes
    }

    #[test]
    fn dependency_and_cache_folders_are_passed_over_unless_the_settings_say() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("a.md"), "# A");
        write(&dir.path().join("node_modules/pkg/README.md"), "# Pkg");
        write(
            &dir.path().join("target/CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# cargo\n",
        );
        write(&dir.path().join("target/doc/b.md"), "# B");
        write(&dir.path().join("build/c.md"), "# C");
        let walked = walk_dir(dir.path(), &Config::default());
        assert_eq!(notes(dir.path(), &walked), ["a.md", "build/c.md"]);
        let mut skipped = walked.skipped_folders.clone();
        skipped.sort();
        assert_eq!(
            skipped,
            [dir.path().join("node_modules"), dir.path().join("target")]
        );
        let everything = Config {
            skip_folders: Vec::new(),
            ..Config::default()
        };
        let walked = walk_dir(dir.path(), &everything);
        assert_eq!(
            notes(dir.path(), &walked),
            ["a.md", "build/c.md", "node_modules/pkg/README.md"]
        );
    }

    #[test]
    fn links_out_of_the_workspace_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, outside) = (dir.path().join("vault"), dir.path().join("outside"));
        write(&vault.join("a.md"), "# A");
        write(&outside.join("secret.md"), "# Secret");
        symlink(&outside, vault.join("dir")).unwrap();
        symlink(outside.join("secret.md"), vault.join("secret.md")).unwrap();
        symlink("/", vault.join("root")).unwrap();
        let walked = walk_dir(&vault, &Config::default());
        assert_eq!(notes(&vault, &walked), ["a.md"]);
        let mut outside_links = walked.outside_links.clone();
        outside_links.sort();
        assert_eq!(
            outside_links,
            [
                vault.join("dir"),
                vault.join("root"),
                vault.join("secret.md")
            ]
        );
        // Said once each.
        assert_eq!(walked.skipped.len(), 3, "{:?}", walked.skipped);
    }

    #[test]
    fn links_in_a_loop_end_and_every_note_is_indexed_once() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path();
        write(&vault.join("real/x.md"), "# X");
        write(&vault.join(".drafts/y.md"), "# Y");
        symlink(".", vault.join("a")).unwrap();
        symlink("a", vault.join("b")).unwrap();
        symlink("..", vault.join("real/up")).unwrap();
        symlink("real", vault.join("alias")).unwrap();
        symlink("real/x.md", vault.join("x-link.md")).unwrap();
        // A hidden folder is left out by the walk, but a link to it says it is wanted.
        symlink(".drafts", vault.join("drafts")).unwrap();
        symlink("../.drafts", vault.join("real/drafts-again")).unwrap();
        let walked = walk_dir(vault, &Config::default());
        assert_eq!(notes(vault, &walked), ["drafts/y.md", "real/x.md"]);
        for other_name in ["a", "b", "alias", "x-link.md", "real/up"] {
            assert!(walked.other_files.contains(&vault.join(other_name)));
        }
        assert!(walked.skipped.is_empty(), "{:?}", walked.skipped);
    }
}
