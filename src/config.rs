//! Settings: defaults, then `.notes-lsp.toml` at a workspace root, then the editor's settings.

use crate::syntax::slug::Anchors;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The file a workspace root may hold its settings in.
pub const CONFIG_FILE: &str = ".notes-lsp.toml";

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
    /// Tokens that mark an unanswered question.
    pub placeholders: Vec<String>,
    /// Severity per diagnostic code (`off` hides it).
    pub severity: BTreeMap<String, Severity>,
    /// Hover settings.
    pub hover: HoverConfig,
    /// Completion settings.
    pub completion: CompletionConfig,
    /// Notes larger than this many bytes are skipped (with a log line).
    pub max_file_size: u64,
    /// Which renderer's anchors the notes are written for (how a `{#id}` after a heading reads).
    pub anchors: Anchors,
    /// A folder for the on-disk caches (extracted notes, the search index), so that a large vault
    /// starts warm; relative to the first root. No cache when unset.
    pub cache_dir: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            extensions: vec!["md".into(), "markdown".into()],
            ignore: Vec::new(),
            placeholders: vec!["f".into()],
            severity: BTreeMap::new(),
            hover: HoverConfig::default(),
            completion: CompletionConfig::default(),
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
        let config: Config = serde_json::from_value(merged).map_err(|e| e.to_string())?;
        for code in config.severity.keys() {
            if !crate::features::diagnostics::CODES.contains(&code.as_str()) {
                return Err(format!("unknown diagnostic code `{code}` in `severity`"));
            }
        }
        Ok(config)
    }

    /// Reads `.notes-lsp.toml` in `root` as a settings layer (`Null` when there is none).
    pub fn read_file_layer(root: &Path) -> Result<serde_json::Value, String> {
        let path = root.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str::<serde_json::Value>(&text)
                .map_err(|e| format!("{}: {}", path.display(), e.message())),
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
    use serde_json::json;

    #[test]
    fn layers_override_key_by_key() {
        let file = json!({"placeholders": ["f", "TODO"], "hover": {"enabled": false}});
        let editor =
            json!({"notesLsp": {"hover": {"enabled": true}, "severity": {"unanswered": "off"}}});
        let c = Config::from_layers(&[file, editor]).unwrap();
        assert_eq!(c.placeholders, ["f", "TODO"]);
        assert!(c.hover.enabled);
        assert_eq!(c.severity["unanswered"], Severity::Off);
        assert_eq!(c.extensions, ["md", "markdown"]);
    }

    #[test]
    fn bad_settings_are_errors_not_panics() {
        assert!(Config::from_layers(&[json!({"placeholders": 3})]).is_err());
        assert!(Config::from_layers(&[json!({"severity": {"nope": "error"}})]).is_err());
        assert!(Config::from_layers(&[json!({"severty": {}})]).is_err());
    }
}
