//! Creating the note a link leads to when it is missing: a relative link to a note path, or a
//! wiki link naming no note. The new note opens with an H1 from the link text.

use super::{links_in, Fix, NewNote};
use crate::features::answer::display_path;
use crate::syntax::{LinkTarget, Span};
use crate::workspace::{Resolved, Workspace};
use std::path::{Path, PathBuf};

/// "Create …" fixes for the links in `range` of the note at `path` whose note is missing.
pub(super) fn create_note_fixes(workspace: &Workspace, path: &Path, range: Span) -> Vec<Fix> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let config = workspace.config();
    let extension = config.extensions.first().map_or("md", String::as_str);
    let mut out = Vec::new();
    for link in links_in(note, range) {
        let (new_path, name, anchor): (PathBuf, &str, Option<&str>) =
            match (workspace.resolve(path, &link.target), &link.target) {
                (
                    Resolved::MissingFile(missing),
                    LinkTarget::Local {
                        path: Some(written),
                        anchor,
                    },
                ) => {
                    let missing = if missing.extension().is_none() {
                        missing.with_extension(extension)
                    } else if config.is_note_path(&missing) {
                        missing
                    } else {
                        continue;
                    };
                    let stem = written.rsplit('/').next().unwrap_or(written);
                    (missing, stem, anchor.as_deref())
                }
                (
                    Resolved::UnresolvedWiki,
                    LinkTarget::Wiki {
                        note: name,
                        heading,
                    },
                ) => {
                    let folder = path.parent().unwrap_or(Path::new(""));
                    let file = format!("{}.{extension}", name.trim_end_matches(".md"));
                    (folder.join(file), &**name, heading.as_deref())
                }
                _ => continue,
            };
        let title = match link.text.trim() {
            "" => name.rsplit_once('.').map_or(name, |(stem, _)| stem).trim(),
            text => text,
        };
        let mut text = format!("# {title}\n");
        if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
            text.push_str(&format!("\n## {}\n", anchor.replace('-', " ")));
        }
        let shown = display_path(workspace, &new_path);
        let mut fix = Fix::quick(format!("Create {shown}"), Vec::new());
        fix.create = Some(NewNote {
            path: new_path,
            text,
        });
        out.push(fix);
    }
    out
}
