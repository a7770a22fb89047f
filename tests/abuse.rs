//! The server driven as a hostile or broken client would drive it, over a real stdio process:
//! frames it cannot read, requests out of order, positions and edits out of range, huge and
//! pathological notes, floods. Each case must get an answer (within a generous bound, against
//! a hung server) and leave a server that still answers a hover.

#[path = "abuse/client.rs"]
mod client;

use client::{frame, Lsp};
use serde_json::{json, Value};

fn pos(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"].as_i64().unwrap_or_default()
}

/// The next error response to a frame that could not be read (id `null`).
fn parse_error(lsp: &mut Lsp) -> Value {
    lsp.notice(|m| m["id"].is_null() && m.get("error").is_some())
}

#[test]
fn a_body_that_is_not_json_is_answered_and_reading_goes_on() {
    let mut lsp = Lsp::start();
    lsp.send_body("not json at all");
    let error = parse_error(&mut lsp);
    assert_eq!(error_code(&error), -32700, "{error}");
    lsp.send_body(r#"{"jsonrpc":"2.0","id":77,"method":"textDocument/hover""#);
    assert_eq!(error_code(&parse_error(&mut lsp)), -32700);
    // JSON that is no message: invalid request, answered with its id.
    lsp.send_body(r#"{"jsonrpc":"2.0","id":78,"method":5}"#);
    assert_eq!(error_code(&lsp.response(78)), -32600);
    // A body ending in a backslash (it once ended the reading of the client's input).
    lsp.send_body(r#"{"jsonrpc":"2.0","method":"x","params":"\"#);
    assert_eq!(error_code(&parse_error(&mut lsp)), -32700);
    lsp.send_raw(b"Content-Length: many\r\n\r\n");
    assert_eq!(error_code(&parse_error(&mut lsp)), -32700);
    lsp.assert_alive();
    assert!(lsp.log().contains("cannot be read"), "{}", lsp.log_tail());
    lsp.shutdown();
}

#[test]
fn a_content_length_longer_than_the_body_is_read_as_far_as_it_can_be() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("n.md", "# N\n");
    // Followed by the next frame: both are answered.
    let first = json!({"jsonrpc": "2.0", "id": 901, "method": "textDocument/hover",
                       "params": pos(&uri, 0, 2)})
    .to_string();
    let second = json!({"jsonrpc": "2.0", "id": 902, "method": "textDocument/hover",
                        "params": pos(&uri, 0, 2)})
    .to_string();
    let mut bytes = format!("Content-Length: {}\r\n\r\n{first}", first.len() + 40).into_bytes();
    bytes.extend(frame(second.as_bytes()));
    lsp.send_raw(&bytes);
    assert!(lsp.response(901).get("error").is_none());
    assert!(lsp.response(902).get("error").is_none());
    // The last frame before the client waits: answered without the missing bytes.
    let third = json!({"jsonrpc": "2.0", "id": 903, "method": "textDocument/hover",
                       "params": pos(&uri, 0, 2)})
    .to_string();
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n{third}", third.len() + 500).as_bytes());
    assert!(lsp.response(903).get("error").is_none());
    // Garbage declared too long is cut at the next header and answered as garbage.
    lsp.send_raw(b"Content-Length: 1000\r\n\r\nnot json");
    let fourth = json!({"jsonrpc": "2.0", "id": 904, "method": "textDocument/hover",
                        "params": pos(&uri, 0, 2)})
    .to_string();
    lsp.send_raw(&frame(fourth.as_bytes()));
    assert!(lsp.response(904).get("error").is_none());
    assert_eq!(error_code(&parse_error(&mut lsp)), -32700);
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn invalid_utf8_is_answered_and_reading_goes_on() {
    let mut lsp = Lsp::start();
    let mut body = br##"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.md","languageId":"markdown","version":1,"text":"# "##.to_vec();
    body.extend_from_slice(b"\xff\xfe bad\"}}}");
    lsp.send_raw(&frame(&body));
    assert_eq!(error_code(&parse_error(&mut lsp)), -32700);
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn json_nested_200_deep_is_answered_and_reading_goes_on() {
    let mut lsp = Lsp::start();
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    lsp.send_body(&format!(
        r#"{{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{deep}}}"#
    ));
    assert_eq!(error_code(&parse_error(&mut lsp)), -32700);
    let deep = format!(
        "{}{}",
        r#"{"a":"#.repeat(200),
        "1".to_string() + &"}".repeat(200)
    );
    lsp.send_body(&format!(
        r#"{{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{{"settings":{deep}}}}}"#
    ));
    assert_eq!(error_code(&parse_error(&mut lsp)), -32700);
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn a_lone_surrogate_in_document_text_becomes_a_replacement_character() {
    let mut lsp = Lsp::start();
    let uri = client::file_uri(&lsp.root.path().join("broken.md"));
    lsp.send_body(&format!(
        r##"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":{},"languageId":"markdown","version":1,"text":"# Broken \ud83d emoji\n\nThe GIL is a lock.\n"}}}}}}"##,
        json!(uri)
    ));
    let response = lsp.hover(&uri, 0, 3);
    assert!(response.get("error").is_none(), "{response}");
    let symbols = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols[0]["name"], "Broken \u{fffd} emoji", "{symbols}");
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn requests_before_initialize_are_refused_then_the_session_starts() {
    let mut lsp = Lsp::spawn();
    let early = lsp.call("textDocument/hover", pos("file:///x.md", 0, 0));
    assert_eq!(error_code(&early), -32002, "{early}");
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///x.md"}}),
    );
    let init = lsp.initialize();
    assert!(init.get("error").is_none(), "{init}");
    lsp.notify("initialized", json!({}));
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn a_second_initialize_is_refused() {
    let mut lsp = Lsp::start();
    let again = lsp.initialize();
    assert_eq!(error_code(&again), -32600, "{again}");
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn unknown_methods_and_wrong_params_are_answered_with_errors() {
    let mut lsp = Lsp::start();
    assert_eq!(error_code(&lsp.call("notes/unknown", json!({}))), -32601);
    lsp.notify("notes/unknownNotification", json!({"x": 1}));
    lsp.notify("$/unknownNotification", json!({}));
    let uri = lsp.open("w.md", "# W\n");
    for params in [
        json!({"textDocument": 5}),
        json!([1, 2, 3]),
        json!({"textDocument": {"uri": uri}, "position": {"line": -1, "character": "x"}}),
        Value::Null,
    ] {
        let response = lsp.call("textDocument/hover", params);
        assert_eq!(error_code(&response), -32602, "{response}");
    }
    let response = lsp.call("textDocument/completion", json!({"textDocument": {}}));
    assert_eq!(error_code(&response), -32602, "{response}");
    // A notification with wrong params is dropped.
    lsp.notify("textDocument/didChange", json!({"textDocument": 1}));
    lsp.notify("workspace/didChangeWatchedFiles", json!({"changes": "all"}));
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn positions_past_the_end_and_inside_surrogate_pairs_are_answered() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("p.md", "# Emoji 🚀 GIL\n\n[x](#emoji-)\n");
    for (line, character) in [(0, 9), (0, 10), (0, 9999), (9999, 0), (u32::MAX, u32::MAX)] {
        let at = pos(&uri, line, character);
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
            "textDocument/prepareRename",
        ] {
            let response = lsp.call(method, at.clone());
            assert!(response.get("error").is_none(), "{method}: {response}");
        }
        let mut refs = at.clone();
        refs["context"] = json!({"includeDeclaration": true});
        assert!(lsp
            .call("textDocument/references", refs)
            .get("error")
            .is_none());
        let selection = lsp.result(
            "textDocument/selectionRange",
            json!({"textDocument": {"uri": uri}, "positions": [{"line": line, "character": character}]}),
        );
        assert_eq!(selection.as_array().map(Vec::len), Some(1));
    }
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn stale_versions_and_out_of_range_edits_are_ignored_or_clamped() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("e.md", "# One\n");
    lsp.replace(&uri, 5, "# Five\n");
    lsp.replace(&uri, 3, "# Three\n");
    let names = |lsp: &mut Lsp| {
        lsp.result(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
    };
    assert_eq!(names(&mut lsp), ["Five"]);
    for (start, end) in [((99, 0), (120, 5)), ((0, 400), (0, 2)), ((0, 6), (0, 4))] {
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 6},
                   "contentChanges": [{"range": {
                       "start": {"line": start.0, "character": start.1},
                       "end": {"line": end.0, "character": end.1}}, "text": "!"}]}),
        );
    }
    let names = names(&mut lsp);
    assert_eq!(names.len(), 1);
    assert!(names[0].starts_with("Fi"), "{names:?}");
    // A change to a document that is not open.
    lsp.replace("file:///nowhere.md", 1, "# X\n");
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn a_50_mb_note_is_answered() {
    let mut lsp = Lsp::start();
    // A log pasted into a note: one definition, then 50 MB in a code block.
    let line = "2024-05-01 12:00:00 INFO request served in 12 ms [id=42] (cache: hit)\n";
    let log = line.repeat(50 * 1024 * 1024 / line.len());
    let text = format!("# Big\n\nThe GIL is a lock.\n\nThe GIL again.\n\n```text\n{log}```\n");
    let uri = lsp.open("big.md", &text);
    let shown = lsp.hover_text(&uri, 4, 5);
    assert!(shown.contains("lock"), "{shown}");
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn ten_thousand_rapid_edits_then_a_hover_answer_for_the_final_text() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("r.md", "# R\n\nWAL\n\n");
    let typed = "The WAL is a write-ahead log. ".repeat(334);
    let mut stream = Vec::new();
    // ASCII: a character's index is its column.
    for (column, c) in typed.chars().take(10_000).enumerate() {
        let change = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": column + 2},
            "contentChanges": [{"range": {"start": {"line": 4, "character": column},
                                          "end": {"line": 4, "character": column}},
                                "text": c.to_string()}]}});
        stream.extend(frame(change.to_string().as_bytes()));
    }
    lsp.send_raw(&stream);
    let shown = lsp.hover_text(&uri, 2, 1);
    assert!(shown.contains("write-ahead log"), "{shown}");
    let line = lsp.result(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": uri}, "positions": [{"line": 4, "character": 9_990}]}),
    );
    assert_eq!(line[0]["range"]["start"]["line"], 4, "{line}");
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn cancelled_requests_are_answered_or_cancelled() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("c.md", "# C\n\nThe GIL is a lock.\n");
    let ids: Vec<i64> = (0..20)
        .map(|_| lsp.request("textDocument/hover", pos(&uri, 2, 5)))
        .collect();
    for id in &ids {
        lsp.notify("$/cancelRequest", json!({"id": id}));
    }
    lsp.notify("$/cancelRequest", json!({"id": 99_999}));
    lsp.notify("$/cancelRequest", json!({"id": {"not": "an id"}}));
    for id in ids {
        let response = lsp.response(id);
        assert!(
            response.get("result").is_some() || error_code(&response) == -32800,
            "{response}"
        );
    }
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn two_hundred_pipelined_hovers_among_bad_frames_are_all_answered() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("h.md", "# H\n\nThe GIL is a lock.\n\nThe GIL.\n");
    let mut stream = Vec::new();
    let mut ids = Vec::new();
    for i in 0..200 {
        let id = lsp.id();
        let hover = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                           "params": pos(&uri, 4, 5)});
        stream.extend(frame(hover.to_string().as_bytes()));
        ids.push(id);
        if i % 10 == 0 {
            // Their error responses are written between the answers, never inside one.
            stream.extend(frame(b"{not json"));
        }
    }
    lsp.send_raw(&stream);
    for id in ids {
        let response = lsp.response(id);
        let shown = response["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default();
        assert!(shown.contains("lock"), "{response}");
    }
    for _ in 0..20 {
        assert_eq!(error_code(&parse_error(&mut lsp)), -32700);
    }
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn fifty_documents_edited_round_robin_answer_for_their_own_text() {
    let mut lsp = Lsp::start();
    let uris: Vec<String> = (0..50)
        .map(|i| lsp.open(&format!("d{i}.md"), &format!("# Doc {i}\n\n")))
        .collect();
    for round in 0..10 {
        for (i, uri) in uris.iter().enumerate() {
            let text =
                format!("# Doc {i}\n\nThe T{i} is term number {i} in round {round}.\n\nT{i}\n");
            lsp.replace(uri, round + 2, &text);
        }
    }
    for (i, uri) in uris.iter().enumerate() {
        let shown = lsp.hover_text(uri, 4, 1);
        assert!(
            shown.contains(&format!("term number {i} in round 9")),
            "{i}: {shown}"
        );
    }
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn a_hundred_thousand_headings_are_answered() {
    let mut lsp = Lsp::start();
    let text: String = (0..100_000).map(|i| format!("## Heading {i}\n")).collect();
    let uri = lsp.open("many.md", &text);
    let symbols = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols.as_array().map(Vec::len), Some(100_000));
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn a_million_nested_markers_are_answered() {
    let mut lsp = Lsp::start();
    let text = format!(
        "{} deep\n\n{}x\n",
        ">".repeat(1_000_000),
        "[".repeat(1_000_000)
    );
    let uri = lsp.open("nested.md", &text);
    assert!(lsp.hover(&uri, 0, 999_999).get("error").is_none());
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
        lsp.result(method, json!({"textDocument": {"uri": uri}}));
    }
    lsp.result(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": uri}, "positions": [{"line": 0, "character": 500_000}]}),
    );
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn a_one_megabyte_heading_is_answered() {
    let mut lsp = Lsp::start();
    let text = format!(
        "# {}\n\n[to it](#{})\n",
        "Word ".repeat(200_000),
        "word-".repeat(3)
    );
    let uri = lsp.open("long-heading.md", &text);
    let symbols = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols.as_array().map(Vec::len), Some(1));
    assert!(lsp.hover(&uri, 0, 500_000).get("error").is_none());
    assert!(lsp.hover(&uri, 2, 3).get("error").is_none());
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn nested_emphasis_is_answered_alongside_other_requests() {
    let mut lsp = Lsp::start();
    let text = format!("# E\n\n{}x{}\n", "*".repeat(10_000), "*".repeat(10_000));
    let uri = lsp.open("emphasis.md", &text);
    let at = json!({"line": 2, "character": 10_000});
    let selection = lsp.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": uri}, "positions": [at]}),
    );
    let completion = lsp.request("textDocument/completion", pos(&uri, 2, 10_000));
    lsp.assert_alive();
    assert!(lsp.response(selection)["result"].is_array());
    assert!(lsp.response(completion).get("error").is_none());
    lsp.shutdown();
}

#[test]
fn selection_ranges_on_a_5_mb_line_are_answered() {
    let mut lsp = Lsp::start();
    let line = "word **bold** and `code` [link](x) ".repeat(5 * 1024 * 1024 / 36);
    let uri = lsp.open("line.md", &format!("# L\n\n{line}\n"));
    let middle = (line.len() / 2) as u32;
    let selection = lsp.result(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": uri}, "positions": [
            {"line": 2, "character": middle}, {"line": 2, "character": 1}]}),
    );
    assert_eq!(selection.as_array().map(Vec::len), Some(2));
    let response = lsp.call("textDocument/completion", pos(&uri, 2, middle));
    assert!(response.get("error").is_none(), "{response}");
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn a_glossary_of_16000_definitions_answers_each_keystroke() {
    let mut lsp = Lsp::start();
    let mut text = String::from("# Glossary\n\n");
    for i in 0..16_000 {
        text.push_str(&format!("Term{i}\n: Meaning number {i}.\n\n"));
    }
    text.push_str("See Term7 here.\n");
    let last = text.lines().count() as u32 - 1;
    let uri = lsp.open("glossary.md", &text);
    for (i, c) in " T8".chars().enumerate() {
        let column = "See Term7 here.".len() + i;
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": i + 2},
                   "contentChanges": [{"range": {
                       "start": {"line": last, "character": column},
                       "end": {"line": last, "character": column}}, "text": c.to_string()}]}),
        );
        let response = lsp.hover(&uri, last, 5);
        assert!(response.get("error").is_none(), "{response}");
    }
    let shown = lsp.hover_text(&uri, last, 5);
    assert!(shown.contains("Meaning number 7"), "{shown}");
    lsp.assert_alive();
    lsp.shutdown();
}

#[test]
fn garbage_settings_are_reported_and_the_defaults_used() {
    let mut lsp = Lsp::start();
    for settings in [
        json!({"notesLsp": {"maxFileSize": "huge", "severity": 5, "completion": {"maxItems": -1}}}),
        json!({"notesLsp": "not a table"}),
        json!("a string"),
        json!([1, 2, 3]),
        Value::Null,
        json!({"notesLsp": {"extensions": [1, {"a": null}], "ignore": ["[", "**/"]}}),
    ] {
        lsp.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": settings}),
        );
        lsp.assert_alive();
    }
    lsp.shutdown();
}

#[test]
fn workspace_symbols_answer_while_the_search_index_lags_behind_an_edit() {
    let mut lsp = Lsp::start();
    let long: String = (0..300).map(|i| format!("line {i}\n")).collect();
    let text = format!("# Lag\n\n{long}## Deep end\n\nzebrafish\n");
    let uri = lsp.open("lag.md", &text);
    let outline = json!({"textDocument": {"uri": uri}});
    // Asking for the outline makes the workspace hold the opened text.
    lsp.result("textDocument/documentSymbol", outline.clone());
    let query = json!({"query": "zebrafish"});
    let before = lsp.result("workspace/symbol", query.clone());
    assert_eq!(before[0]["name"], "Lag › Deep end", "{before}");
    assert_eq!(
        before[0]["location"]["range"]["start"]["line"], 302,
        "{before}"
    );
    // The search index catches up a moment after the edit: asked at once, its hit points past
    // the end of the note's new text.
    lsp.replace(&uri, 2, "# Lag\n");
    lsp.result("textDocument/documentSymbol", outline);
    let after = lsp.call("workspace/symbol", query);
    assert!(after.get("error").is_none(), "{after}");
    assert!(
        after["result"].as_array().is_some_and(|hits| hits
            .iter()
            .all(|hit| hit["location"]["range"]["start"]["line"] == 0)),
        "{after}"
    );
    lsp.assert_alive();
    lsp.shutdown();
}
