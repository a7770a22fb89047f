//! URIs, what the answers say, and what a correct answer says about a probe.

use crate::vault::{Probe, Target, Vault};
use notes_lsp::file_url::file_url;
use notes_lsp::syntax::percent_decode;
use serde_json::{json, Value};
use std::path::Path;

/// The `file:` URI of a path, as the server writes it.
pub fn uri(path: &Path) -> String {
    file_url(path, None)
}

/// A URI with its `%XX` escapes decoded, for comparing places.
pub fn decode(uri: &str) -> String {
    percent_decode(uri)
}

/// (decoded uri, start line) of every location in a definition/references answer.
pub fn locations(result: &Value) -> Vec<(String, u64)> {
    let items: Vec<&Value> = match result {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![result],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|l| {
            let uri = l.get("uri").or_else(|| l.get("targetUri"))?.as_str()?;
            let range = l.get("range").or_else(|| l.get("targetSelectionRange"))?;
            Some((decode(uri), range["start"]["line"].as_u64()?))
        })
        .collect()
}

/// All the text of a hover answer.
pub fn hover_text(result: &Value) -> String {
    fn collect(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => out.push_str(s),
            Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            Value::Object(o) => {
                if let Some(v) = o.get("value") {
                    collect(v, out)
                }
            }
            _ => {}
        }
    }
    let mut out = String::new();
    collect(&result["contents"], &mut out);
    out
}

/// The texts a completion item may insert or show.
pub fn completion_texts(item: &Value) -> Vec<String> {
    ["label", "insertText", "filterText"]
        .iter()
        .filter_map(|k| item.get(*k).and_then(Value::as_str))
        .chain(item["textEdit"]["newText"].as_str())
        .map(str::to_string)
        .collect()
}

pub fn completion_items(result: &Value) -> Vec<Value> {
    match result {
        Value::Array(a) => a.clone(),
        Value::Object(o) => o
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub fn symbol_names(result: &Value, out: &mut Vec<String>) {
    if let Value::Array(items) = result {
        for item in items {
            if let Some(name) = item["name"].as_str() {
                out.push(name.to_string());
            }
            symbol_names(&item["children"], out);
        }
    }
}

pub fn position(p: &Probe) -> Value {
    json!({"line": p.pos.line, "character": p.pos.character})
}

pub fn text_position(vault: &Vault, p: &Probe) -> Value {
    json!({"textDocument": {"uri": uri(&vault.path(p.note))}, "position": position(p)})
}

/// The (uri, line) places a correct answer about probe `p` contains.
pub fn expected_places(vault: &Vault, p: &Probe, references: bool) -> Vec<(String, u64)> {
    match &p.target {
        Target::Term(t) => {
            let mut out: Vec<(String, u64)> = vault.terms[*t]
                .definitions
                .iter()
                .map(|d| (uri(&vault.path(d.note)), d.line as u64))
                .collect();
            if references {
                out.push((uri(&vault.path(p.note)), p.pos.line as u64));
            }
            out
        }
        Target::Link { note, heading, .. } => {
            let line = heading.map_or(0, |h| vault.notes[*note].headings[h].2 as u64);
            vec![(uri(&vault.path(*note)), line)]
        }
    }
}

pub fn hover_correct(vault: &Vault, p: &Probe, text: &str) -> bool {
    match &p.target {
        Target::Term(t) => text.contains(&vault.terms[*t].phrase),
        Target::Link {
            note,
            heading: Some(h),
            ..
        } => text.contains(&vault.notes[*note].headings[*h].0),
        Target::Link { note, .. } => text.contains(&vault.notes[*note].rel),
    }
}
