//! Settings: defaults, then `.notes-lsp.toml` at a workspace root, then the editor's settings.

use crate::syntax::slug::Anchors;
use crate::workspace::{normalize, resolves_inside};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file a workspace root may hold its settings in.
pub const CONFIG_FILE: &str = ".notes-lsp.toml";

/// Folders skipped by default: dependency and build folders, never notes. Hidden folders
/// (`.git`, `.venv`, `.tox`) and cache folders (marked with a `CACHEDIR.TAG`, as Cargo's
/// `target` is) are skipped anyway.
const DEFAULT_SKIP_FOLDERS: [&str; 4] = ["node_modules", "bower_components", "__pycache__", "venv"];

/// The severity of each diagnostic code the settings name (the others keep their default).
pub type Severities = BTreeMap<DiagnosticCode, Severity>;

/// How serious a diagnostic is, or `Off` to hide it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown as an error.
    Error,
    /// Shown as a warning.
    Warning,
    /// Shown as information.
    #[serde(alias = "info")]
    Information,
    /// Shown as a hint.
    Hint,
    /// Not reported.
    Off,
}

impl Severity {
    /// Lower-case name, as printed by `check`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
            Severity::Off => "off",
        }
    }
}

/// What a diagnostic is about. Its kebab-case name (`broken-anchor`) is what settings, `check`
/// and editors use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticCode {
    /// A placeholder (`f`) where an answer belongs.
    Unanswered,
    /// A link to a heading or anchor the target does not have.
    BrokenAnchor,
    /// An anchor that differs from the heading's only in letter case.
    NonCanonicalAnchor,
    /// An anchor that names the first of several headings with the same text.
    AmbiguousAnchor,
    /// A relative link to a file that does not exist.
    MissingFile,
    /// A relative link to a file that exists but cannot be read.
    UnreadableFile,
    /// A wiki link that matches no note.
    UnresolvedWikiLink,
    /// A reference link whose label has no definition.
    UndefinedReference,
}

impl DiagnosticCode {
    /// Every code.
    pub const ALL: [DiagnosticCode; 8] = [
        DiagnosticCode::Unanswered,
        DiagnosticCode::BrokenAnchor,
        DiagnosticCode::NonCanonicalAnchor,
        DiagnosticCode::AmbiguousAnchor,
        DiagnosticCode::MissingFile,
        DiagnosticCode::UnreadableFile,
        DiagnosticCode::UnresolvedWikiLink,
        DiagnosticCode::UndefinedReference,
    ];

    /// The code's name, as settings and editors write it.
    pub fn name(self) -> &'static str {
        match self {
            DiagnosticCode::Unanswered => "unanswered",
            DiagnosticCode::BrokenAnchor => "broken-anchor",
            DiagnosticCode::NonCanonicalAnchor => "non-canonical-anchor",
            DiagnosticCode::AmbiguousAnchor => "ambiguous-anchor",
            DiagnosticCode::MissingFile => "missing-file",
            DiagnosticCode::UnreadableFile => "unreadable-file",
            DiagnosticCode::UnresolvedWikiLink => "unresolved-wiki-link",
            DiagnosticCode::UndefinedReference => "undefined-reference",
        }
    }

    /// The severity when the settings leave the code alone. A link to the first of several
    /// same-text headings is exactly how GitHub resolves it, so `ambiguous-anchor` is opt-in.
    pub fn default_severity(self) -> Severity {
        match self {
            DiagnosticCode::NonCanonicalAnchor => Severity::Information,
            DiagnosticCode::AmbiguousAnchor => Severity::Off,
            _ => Severity::Warning,
        }
    }
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Hover settings.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct HoverConfig {
    /// Whether hovers are answered at all.
    pub enabled: bool,
}

impl Default for HoverConfig {
    fn default() -> Self {
        HoverConfig { enabled: true }
    }
}

/// A feature that can be turned off.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Switch {
    /// Whether the feature answers.
    pub enabled: bool,
}

impl Default for Switch {
    fn default() -> Self {
        Switch { enabled: true }
    }
}

/// Which link syntax completion inserts for notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LinkStyle {
    /// `[text](path.md#slug)`.
    #[default]
    Markdown,
    /// `[[note#Heading]]`.
    Wiki,
}

/// Completion settings.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CompletionConfig {
    /// Most items in one completion list.
    pub max_items: usize,
    /// Link syntax inserted for notes.
    pub link_style: LinkStyle,
}

impl Default for CompletionConfig {
    fn default() -> Self {
        CompletionConfig {
            max_items: 50,
            link_style: LinkStyle::Markdown,
        }
    }
}

/// Every setting, with its default.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    /// File extensions of notes, without the dot.
    pub extensions: Vec<String>,
    /// Extra gitignore-style globs of paths to skip.
    pub ignore: Vec<String>,
    /// Names of folders never walked, wherever they are: dependency and build folders that hold
    /// no notes (`node_modules`, …). An empty list walks them all.
    pub skip_folders: Vec<String>,
    /// Tokens that mark an unanswered question.
    pub placeholders: Vec<String>,
    /// Severity per diagnostic code (`off` hides it).
    pub severity: Severities,
    /// Hover settings.
    pub hover: HoverConfig,
    /// Completion settings.
    pub completion: CompletionConfig,
    /// Code lenses on headings: references and unanswered questions.
    pub code_lens: Switch,
    /// Semantic tokens: known terms and broken links.
    pub semantic_tokens: Switch,
    /// Inlay hints: an acronym's expansion after its first use in a note (off by default).
    pub inlay_hints: Switch,
    /// Notes larger than this many bytes are skipped (with a log line).
    pub max_file_size: u64,
    /// Which renderer's anchors the notes are written for (how a `{#id}` after a heading reads).
    pub anchors: Anchors,
    /// A folder for the on-disk caches (extracted notes, the search index), so that a large vault
    /// starts warm; relative to the first root (to its own root in a settings file). The server
    /// writes only in a `notes-lsp` folder it creates and marks there. No cache when unset.
    pub cache_dir: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            extensions: vec!["md".into(), "markdown".into()],
            ignore: Vec::new(),
            skip_folders: DEFAULT_SKIP_FOLDERS.iter().map(|f| f.to_string()).collect(),
            placeholders: vec!["f".into()],
            severity: BTreeMap::new(),
            hover: HoverConfig::default(),
            completion: CompletionConfig::default(),
            code_lens: Switch::default(),
            semantic_tokens: Switch::default(),
            inlay_hints: Switch { enabled: false },
            max_file_size: 16 * 1024 * 1024,
            anchors: Anchors::default(),
            cache_dir: None,
        }
    }
}

impl Config {
    /// Builds settings from layers, later layers overriding earlier ones key by key.
    /// Editor settings may arrive wrapped as `{"notesLsp": {...}}`.
    pub fn from_layers(layers: &[serde_json::Value]) -> Result<Config, String> {
        let mut merged = serde_json::Value::Object(Default::default());
        for layer in layers {
            let layer = layer.get("notesLsp").unwrap_or(layer);
            if layer.is_null() {
                continue;
            }
            if !layer.is_object() {
                return Err("settings must be an object".into());
            }
            merge(&mut merged, layer);
        }
        serde_json::from_value(merged).map_err(|e| e.to_string())
    }

    /// Reads `.notes-lsp.toml` in `root` as a settings layer (`Null` when there is none). Its
    /// `cacheDir` is taken from `root`, and dropped (with a log line) when it leads out of both
    /// `root` and the user's cache directory: a folder's own settings (say, of a cloned
    /// repository) must not aim the server's writes anywhere else; only the editor's can.
    pub fn read_file_layer(root: &Path) -> Result<serde_json::Value, String> {
        let path = root.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let mut layer = toml::from_str::<serde_json::Value>(&text)
                    .map_err(|e| format!("{}: {}", path.display(), e.message()))?;
                confine_cache_dir(root, &path, &mut layer);
                Ok(layer)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(serde_json::Value::Null),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Whether a file name has one of the note extensions.
    pub fn is_note_path(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }
}

/// The user's cache directory: `$XDG_CACHE_HOME`, else `~/.cache`.
fn user_cache_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from);
    match xdg.filter(|dir| dir.is_absolute()) {
        Some(dir) => Some(dir),
        None => Some(PathBuf::from(std::env::var_os("HOME")?).join(".cache")),
    }
}

/// Makes the `cacheDir` of the settings file `file` at `root` absolute and lexically clean,
/// or removes it when it leads (symlinks followed) out of `root` and of the user's cache
/// directory.
fn confine_cache_dir(root: &Path, file: &Path, layer: &mut serde_json::Value) {
    let settings = match layer.get("notesLsp") {
        Some(_) => &mut layer["notesLsp"],
        None => layer,
    };
    let Some(settings) = settings.as_object_mut() else {
        return;
    };
    let Some(written) = settings.get("cacheDir").and_then(|d| d.as_str()) else {
        return;
    };
    let base = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let dir = normalize(&base.join(written));
    let allowed = [Some(base), user_cache_dir()];
    if allowed
        .iter()
        .flatten()
        .any(|inside| resolves_inside(&dir, inside))
    {
        settings.insert("cacheDir".into(), dir.to_string_lossy().into_owned().into());
        return;
    }
    tracing::warn!(
        "{}: cacheDir {written:?} is outside this folder and the user's cache directory; \
         only the editor's settings may put the cache there: no cache used",
        file.display()
    );
    settings.remove("cacheDir");
}

fn merge(into: &mut serde_json::Value, from: &serde_json::Value) {
    match (into, from) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (slot, value) => *slot = value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// The quoted words of `text` between `start` and the next `end`.
    fn quoted_between(text: &str, start: &str, end: &str) -> Vec<String> {
        let from = text.find(start).expect(start) + start.len();
        let block = &text[from..from + text[from..].find(end).expect(end)];
        block
            .split('"')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect()
    }

    #[test]
    fn the_editors_and_the_readme_know_every_diagnostic_code() {
        let mut ours: Vec<&str> = DiagnosticCode::ALL.iter().map(|c| c.name()).collect();
        ours.sort();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let vscode = std::fs::read_to_string(root.join("editors/vscode/src/settings.ts")).unwrap();
        let mut theirs = quoted_between(&vscode, "DIAGNOSTIC_CODES = [", "]");
        theirs.sort();
        assert_eq!(theirs, ours, "editors/vscode/src/settings.ts");
        let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
        for code in ours {
            assert!(
                readme.contains(&format!("| `{code}` |")),
                "README lacks {code}"
            );
        }
    }

    #[test]
    fn layers_override_key_by_key() {
        let file = json!({"placeholders": ["f", "TODO"], "hover": {"enabled": false}});
        let editor =
            json!({"notesLsp": {"hover": {"enabled": true}, "severity": {"unanswered": "off"}}});
        let c = Config::from_layers(&[file, editor]).unwrap();
        assert_eq!(c.placeholders, ["f", "TODO"]);
        assert!(c.hover.enabled);
        assert_eq!(c.severity[&DiagnosticCode::Unanswered], Severity::Off);
        assert_eq!(c.extensions, ["md", "markdown"]);
        assert!(c.code_lens.enabled && c.semantic_tokens.enabled && !c.inlay_hints.enabled);
        let hints = json!({"inlayHints": {"enabled": true}, "codeLens": {"enabled": false}});
        let c = Config::from_layers(&[hints]).unwrap();
        assert!(c.inlay_hints.enabled && !c.code_lens.enabled);
    }

    #[test]
    fn bad_settings_are_errors_not_panics() {
        assert!(Config::from_layers(&[json!({"placeholders": 3})]).is_err());
        assert!(Config::from_layers(&[json!({"severity": {"nope": "error"}})]).is_err());
        assert!(Config::from_layers(&[json!({"severty": {}})]).is_err());
    }

    /// The `cacheDir` a settings file at `root` holding `text` ends up with.
    fn file_cache_dir(root: &Path, text: &str) -> Option<String> {
        std::fs::write(root.join(CONFIG_FILE), text).unwrap();
        let layer = Config::read_file_layer(root).unwrap();
        let config = Config::from_layers(&[layer]).unwrap();
        config.cache_dir.map(|d| d.display().to_string())
    }

    #[test]
    fn a_settings_file_keeps_the_cache_in_its_folder_or_the_users_cache() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        std::fs::create_dir(&root).unwrap();
        let inside = |rest: &str| Some(normalize(&root.join(rest)).display().to_string());
        assert_eq!(file_cache_dir(&root, "cacheDir = \".\""), inside(""));
        assert_eq!(
            file_cache_dir(&root, "cacheDir = \"a/../.cache\""),
            inside(".cache")
        );
        assert_eq!(file_cache_dir(&root, "cacheDir = \"../..\""), None);
        assert_eq!(file_cache_dir(&root, "cacheDir = \"..\""), None);
        assert_eq!(file_cache_dir(&root, "cacheDir = \"/etc\""), None);
        assert_eq!(
            file_cache_dir(&root, "[notesLsp]\ncacheDir = \"/etc\""),
            None
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
            assert_eq!(file_cache_dir(&root, "cacheDir = \"up/cache\""), None);
        }
        // The user's cache directory is allowed, and only from the user's own settings can
        // the cache go anywhere else.
        if let Some(user_cache) = user_cache_dir() {
            let text = format!("cacheDir = {:?}", user_cache.join("vault").display());
            assert!(file_cache_dir(&root, &text).is_some());
        }
        let editor = json!({"cacheDir": "/elsewhere"});
        let config = Config::from_layers(&[Value::Null, editor]).unwrap();
        assert_eq!(config.cache_dir, Some(PathBuf::from("/elsewhere")));
    }
}
