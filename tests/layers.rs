//! The layer rule of ARCHITECTURE.md, enforced: data flows one way, `base (text, file_url) →
//! syntax → index (config, workspace, search) → features → front ends (server, cli)`, and a module may use only
//! its own layer's peers (where the layer allows it) and the layers below. Every `crate::…` path
//! in the library's code (comments aside) is checked; a new top-level module must be given a
//! layer here before it builds green.

use std::fs;
use std::path::{Path, PathBuf};

/// One layer: its name, its top-level modules, and whether those modules may use one another.
struct Layer {
    name: &'static str,
    modules: &'static [&'static str],
    peers: bool,
}

/// The layers, lowest first.
const LAYERS: &[Layer] = &[
    Layer {
        name: "base",
        modules: &["text", "file_url"],
        peers: false,
    },
    Layer {
        name: "syntax",
        modules: &["syntax"],
        peers: false,
    },
    Layer {
        name: "index",
        modules: &["config", "workspace", "search"],
        peers: true,
    },
    Layer {
        name: "features",
        modules: &["features"],
        peers: false,
    },
    Layer {
        name: "front ends",
        modules: &["server", "cli"],
        peers: false,
    },
];

/// The rank of a module's layer, if it has one.
fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.modules.contains(&module))
}

/// Whether code in `from` may use `to`.
fn allowed(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    match (layer_of(from), layer_of(to)) {
        (Some(a), Some(b)) => b < a || (a == b && LAYERS[a].peers),
        _ => false,
    }
}

/// The top-level modules a line of code names through `crate::` (`crate::a::…` and
/// `crate::{a::…, b}`). Text after `//` is a comment and ignored.
fn crate_modules(line: &str) -> Vec<String> {
    let code = match line.find("//") {
        Some(comment) => &line[..comment],
        None => line,
    };
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            found.extend(group_heads(group));
        } else {
            found.push(ident(rest).to_string());
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

/// The first path segment of each item of a `{…}` use group (nested groups skipped).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => expect_head = true,
            c if expect_head && depth == 0 && (c.is_alphanumeric() || c == '_') => {
                heads.push(ident(&group[i..]).to_string());
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of the library belongs to (`None` for the crate root and the
/// binaries, which are not layered).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?;
    let module = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(module, "lib" | "main" | "bin")).then(|| module.to_string())
}

/// Every use of a module against the flow, as `file:line: from (layer) uses to (layer)`.
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let Some(from) = module_of(src, &file) else {
            continue;
        };
        let shown = file.strip_prefix(src.parent().unwrap()).unwrap().display();
        if layer_of(&from).is_none() {
            found.push(format!(
                "{shown}: module `{from}` has no layer (add it to LAYERS)"
            ));
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for to in crate_modules(line) {
                if !allowed(&from, &to) {
                    let name = |m: &str| layer_of(m).map_or("no layer", |l| LAYERS[l].name);
                    found.push(format!(
                        "{shown}:{}: `{from}` ({}) uses `{to}` ({})",
                        n + 1,
                        name(&from),
                        name(&to)
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn every_module_uses_only_its_layer_and_the_layers_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(
        found.is_empty(),
        "imports against the flow (see ARCHITECTURE.md):\n{}",
        found.join("\n")
    );
}

#[test]
fn paths_and_groups_are_read_and_comments_are_not() {
    assert_eq!(crate_modules("use crate::syntax::Note;"), ["syntax"]);
    assert_eq!(
        crate_modules("use crate::{syntax::{Note, Span}, workspace::Workspace, text};"),
        ["syntax", "workspace", "text"]
    );
    assert_eq!(
        crate_modules("let x = crate::features::hover::hover(a); // crate::server"),
        ["features"]
    );
    assert!(crate_modules("/// see [`crate::server`]").is_empty());
    assert!(crate_modules("my_crate::server::x()").is_empty());
}

#[test]
fn the_rule_catches_a_use_against_the_flow() {
    assert!(!allowed("syntax", "features"));
    assert!(!allowed("text", "syntax"));
    assert!(!allowed("server", "cli"));
    assert!(!allowed("features", "server"));
    assert!(!allowed("unknown", "text"));
    assert!(allowed("workspace", "config"));
    assert!(allowed("config", "workspace"));
    assert!(allowed("server", "features"));
    assert!(allowed("cli", "syntax"));
}
