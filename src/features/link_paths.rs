//! Where a link writes its path, and how a path is written again for a new target in the
//! style of the link it replaces (`./`, root-relative `/`, extension-less, percent-encoded).

use crate::syntax::{encode_destination, push_encoded, Link, LinkKind, Note, Span};
use std::path::{Component, Path, PathBuf};

/// The path `to` as a note at `from` writes it relatively, `/`-separated and not encoded.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let rel: PathBuf = relative_components(from, to).collect();
    rel.to_string_lossy().replace('\\', "/")
}

/// The components of the path from the folder of `from` to `to`: `..` up to the folder they
/// share, then down.
fn relative_components<'a>(from: &'a Path, to: &'a Path) -> impl Iterator<Item = Component<'a>> {
    let base: Vec<Component> = from
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .collect();
    let common = base
        .iter()
        .zip(to.components())
        .take_while(|(a, b)| **a == *b)
        .count();
    let up = std::iter::repeat_n(Component::ParentDir, base.len() - common);
    up.chain(to.components().skip(common))
}

/// The link destination from the note at `from` to the file `to`: relative, `/`-separated,
/// each name percent-encoded where a destination must be (`C#.md` as `C%23.md`, spaces as
/// `%20`), letters of any script as they are. Link resolution reads it back as `to`.
pub fn relative_link(from: &Path, to: &Path) -> String {
    let mut out = String::new();
    push_link_parts(&mut out, relative_components(from, to));
    out
}

/// Appends path components as a link destination writes them: `/`-separated, each name
/// percent-encoded where a destination must be ([`push_encoded`]).
pub fn push_link_parts<'a>(out: &mut String, parts: impl IntoIterator<Item = Component<'a>>) {
    let mut after_separator = true;
    for part in parts {
        if !after_separator {
            out.push('/');
        }
        after_separator = false;
        match part {
            Component::RootDir => {
                out.push('/');
                after_separator = true;
            }
            Component::Normal(name) => push_encoded(out, &name.to_string_lossy(), false),
            other => out.push_str(&other.as_os_str().to_string_lossy()),
        }
    }
}

/// How a link's path was written, so that a new path is written alike.
#[derive(Clone, Debug, PartialEq)]
pub struct PathStyle {
    /// `/x.md`: from the root.
    pub rooted: bool,
    /// `./x.md`.
    pub dot: bool,
    /// `x` for `x.md`.
    pub bare: bool,
    /// `%D1%88` for `ш`.
    pub encoded: bool,
}

impl PathStyle {
    /// The style of a path as written (`written` is the raw text, not decoded).
    pub fn of(written: &str) -> Self {
        let last = written.rsplit('/').next().unwrap_or(written);
        PathStyle {
            rooted: written.starts_with('/'),
            dot: written.starts_with("./"),
            bare: !last.contains('.'),
            encoded: written.contains('%'),
        }
    }

    /// `target` written from the note at `from` in this style; `root` is the root a rooted path
    /// starts from.
    pub fn write(&self, from: &Path, target: &Path, root: Option<&Path>) -> String {
        let target = if self.bare {
            target.with_extension("")
        } else {
            target.to_path_buf()
        };
        let plain = match root.and_then(|r| target.strip_prefix(r).ok()) {
            Some(rest) if self.rooted => format!("/{}", rest.to_string_lossy().replace('\\', "/")),
            _ => {
                let rel = relative_path(from, &target);
                if self.dot && !rel.starts_with("..") {
                    format!("./{rel}")
                } else {
                    rel
                }
            }
        };
        encode_destination(&plain, self.encoded)
    }
}

/// The destination a link writes: in the link itself, or for a reference link in its
/// definition; for a wiki link its `note#Heading`.
fn destination_span(note: &Note, link: &Link) -> Option<Span> {
    match &link.kind {
        LinkKind::Reference(label) => reference_destination(note, label),
        _ => Some(link.dest_span),
    }
}

/// The span of the path a link writes (before any `#anchor` or `?query`): in the link itself,
/// or for a reference link in its definition. `None` for links without a path and wiki links.
pub fn path_span(note: &Note, link: &Link) -> Option<Span> {
    if link.kind == LinkKind::Wiki {
        return None;
    }
    let dest = destination_span(note, link)?;
    let written = &note.source.text()[dest.range()];
    let end = written.find(['#', '?']).unwrap_or(written.len());
    (end > 0).then(|| Span::new(dest.start as usize, dest.start as usize + end))
}

/// The span of the fragment a link writes after `#` (a wiki link's heading, trimmed).
pub fn fragment_span(note: &Note, link: &Link) -> Option<Span> {
    let dest = destination_span(note, link)?;
    let written = &note.source.text()[dest.range()];
    let hash = written.find('#')? + 1;
    let fragment = &written[hash..];
    let lead = fragment.len() - fragment.trim_start().len();
    let start = dest.start as usize + hash + lead;
    Some(Span::new(start, start + fragment.trim().len()))
}

/// The destination written in the definition of the reference `label`.
fn reference_destination(note: &Note, label: &str) -> Option<Span> {
    let folded = label.to_lowercase();
    let def = note
        .ref_defs
        .iter()
        .find(|d| d.label.to_lowercase() == folded)?;
    let line = &note.source.text()[def.span.range()];
    let after = line.find("]:")? + 2;
    let rest = &line[after..];
    let lead = rest.len() - rest.trim_start().len();
    let start = after + lead;
    let body = &line[start..];
    let (start, len) = match body.strip_prefix('<') {
        Some(inner) => (start + 1, inner.find('>')?),
        None => (start, body.find(char::is_whitespace).unwrap_or(body.len())),
    };
    let from = def.span.start as usize + start;
    Some(Span::new(from, from + len))
}

/// The span of the note name a wiki link writes (`note` in `[[note#Heading|alias]]`).
pub fn wiki_name_span(note: &Note, link: &Link) -> Option<Span> {
    let written = &note.source.text()[link.dest_span.range()];
    let end = written.find('#').unwrap_or(written.len());
    let name = &written[..end];
    let lead = name.len() - name.trim_start().len();
    let trimmed = name.trim();
    (!trimmed.is_empty()).then(|| {
        let start = link.dest_span.start as usize + lead;
        Span::new(start, start + trimmed.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::syntax::{parse_note, ParseOptions};
    use crate::workspace::{Resolved, Workspace};

    /// Names a link destination must encode, and names it keeps as they are.
    const NAMES: [&str; 8] = [
        "C#.md",
        "a b.md",
        "(x).md",
        "100%.md",
        "Шардирование.md",
        "emoji 🚀.md",
        "why?.md",
        "a:b.md",
    ];

    #[test]
    fn relative_links_between_folders() {
        let link = |from: &str, to: &str| relative_link(Path::new(from), Path::new(to));
        assert_eq!(
            link("/n/ru/db.md", "/n/databases/my index.md"),
            "../databases/my%20index.md"
        );
        assert_eq!(link("/n/a.md", "/n/b.md"), "b.md");
        assert_eq!(link("/n/a.md", "/n/C#.md"), "C%23.md");
        assert_eq!(link("/n/a.md", "/n/Шардирование.md"), "Шардирование.md");
        assert_eq!(link("/n/deep/er/a.md", "/n/x/(1).md"), "../../x/%281%29.md");
    }

    /// A link written to any note, from a note in another folder, is read back as that note
    /// by the server's own resolution, and is the same whichever writer wrote it.
    #[test]
    fn written_links_resolve_to_the_note_they_were_written_for() {
        let mut workspace = Workspace::new(vec!["/v".into()], Config::default());
        let from = Path::new("/v/ru/from.md");
        for name in NAMES {
            let path = Path::new("/v/notes").join(name);
            workspace.set_note(&path, workspace.parse("# Note\n"));
        }
        for name in NAMES {
            let to = Path::new("/v/notes").join(name);
            let written = relative_link(from, &to);
            let note = parse_note(&format!("[x]({written})\n"), &ParseOptions::default());
            let [link] = &note.links[..] else {
                panic!("{written} is not read as one link");
            };
            match workspace.resolve(from, &link.target) {
                Resolved::Note(found, _) => assert_eq!(&**found, to, "{written}"),
                other => panic!("{name} written as {written} leads to {other:?}"),
            }
            let style = PathStyle::of("old.md");
            assert_eq!(style.write(from, &to, None), written);
        }
    }

    #[test]
    fn paths_are_written_in_the_style_of_the_link_they_replace() {
        let from = Path::new("/v/ru/db.md");
        let to = Path::new("/v/new place/шард.md");
        let root = Some(Path::new("/v"));
        let write = |written: &str| PathStyle::of(written).write(from, to, root);
        assert_eq!(write("old.md"), "../new%20place/шард.md");
        assert_eq!(write("./old"), "../new%20place/шард");
        assert_eq!(write("/old.md"), "/new%20place/шард.md");
        assert_eq!(
            write("old%20x.md"),
            "../new%20place/%D1%88%D0%B0%D1%80%D0%B4.md"
        );
        let near = PathStyle::of("./a.md").write(from, Path::new("/v/ru/b.md"), root);
        assert_eq!(near, "./b.md");
    }

    #[test]
    fn path_spans_cover_the_path_in_links_and_reference_definitions() {
        let text = "[a](x.md#h) [b][r] [[Note#H|alias]] [c](#only)\n\n[r]: <my x.md>\n";
        let note = parse_note(text, &ParseOptions::default());
        let spans: Vec<Option<&str>> = note
            .links
            .iter()
            .map(|l| {
                let span = match l.kind {
                    LinkKind::Wiki => wiki_name_span(&note, l),
                    _ => path_span(&note, l),
                };
                span.map(|s| &text[s.range()])
            })
            .collect();
        assert_eq!(spans, [Some("x.md"), Some("my x.md"), Some("Note"), None]);
        let fragments: Vec<Option<&str>> = note
            .links
            .iter()
            .map(|l| fragment_span(&note, l).map(|s| &text[s.range()]))
            .collect();
        assert_eq!(fragments, [Some("h"), None, Some("H"), Some("only")]);
    }
}
