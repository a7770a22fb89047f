//! Checking a frame's body before the protocol library sees it, which ends the session on the
//! first body it cannot decode.
//!
//! A body is handed on when it is UTF-8 and a JSON-RPC message as the library reads it
//! (nesting deeper than serde_json's limit of 128 is a parse error, there as here). Lone
//! surrogate escapes (`"\ud83d"` without its pair, what a JavaScript client sends for half an
//! emoji) are not JSON that serde_json reads: they are replaced with `\ufffd` (U+FFFD) in place
//! first. Anything else is answered with a JSON-RPC error and dropped.

use serde::Deserialize;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// A body checked and ready to hand on.
#[derive(Debug, PartialEq, Eq)]
pub struct Checked {
    /// The body, with lone surrogate escapes replaced.
    pub body: Vec<u8>,
    /// How many lone surrogate escapes were replaced.
    pub replaced: usize,
}

/// A body that cannot be handed on.
#[derive(Debug)]
pub struct Rejected {
    /// The request's id when it could be read, else null.
    pub id: Id,
    /// Parse error (-32700) or invalid request (-32600), with what was wrong.
    pub error: Error,
}

impl Rejected {
    fn new(code: ErrorCode, id: Id, detail: impl std::fmt::Display) -> Self {
        Rejected {
            id,
            error: Error {
                code,
                message: format!("{}: {detail}", code.description()).into(),
                data: None,
            },
        }
    }

    /// The error response, serialized.
    pub fn response(&self) -> Vec<u8> {
        let response = Response::from_error(self.id.clone(), self.error.clone());
        serde_json::to_vec(&response).unwrap_or_default()
    }
}

/// Checks a body and repairs its lone surrogate escapes.
pub fn validate(mut body: Vec<u8>) -> Result<Checked, Rejected> {
    if let Err(e) = std::str::from_utf8(&body) {
        return Err(Rejected::new(ErrorCode::ParseError, Id::Null, e));
    }
    let replaced = replace_lone_surrogates(&mut body);
    let Err(e) = serde_json::from_slice::<Request>(&body) else {
        return Ok(Checked { body, replaced });
    };
    if serde_json::from_slice::<Response>(&body).is_ok() {
        return Ok(Checked { body, replaced });
    }
    if e.is_data() {
        /// Just the id of a message that is JSON but not a valid message.
        #[derive(Deserialize)]
        struct Envelope {
            #[serde(default)]
            id: Id,
        }
        let id = serde_json::from_slice::<Envelope>(&body).map_or(Id::Null, |m| m.id);
        Err(Rejected::new(ErrorCode::InvalidRequest, id, e))
    } else {
        Err(Rejected::new(ErrorCode::ParseError, Id::Null, e))
    }
}

/// Replaces each `\uXXXX` escape of a surrogate without its pair with `\ufffd`, in place (the
/// two have the same length). Escaped backslashes are skipped, so `\\ud83d` stays text.
/// Outside strings a backslash is invalid JSON anyway, so strings need not be tracked.
pub fn replace_lone_surrogates(body: &mut [u8]) -> usize {
    let mut replaced = 0;
    let mut i = 0;
    while let Some(found) = body.get(i..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let at = i + found;
        if body.get(at + 1) != Some(&b'u') {
            i = at + 2;
            continue;
        }
        let Some(unit) = hex_unit(body, at + 2) else {
            i = at + 2;
            continue;
        };
        i = at + 6;
        let paired = match unit {
            0xD800..=0xDBFF => {
                let low = (body.get(at + 6..at + 8) == Some(b"\\u"))
                    .then(|| hex_unit(body, at + 8))
                    .flatten();
                if low.is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) {
                    i = at + 12;
                    true
                } else {
                    false
                }
            }
            0xDC00..=0xDFFF => false,
            _ => true,
        };
        if !paired {
            body[at + 2..at + 6].copy_from_slice(b"fffd");
            replaced += 1;
        }
    }
    replaced
}

/// The four hex digits at `at`, as a UTF-16 code unit.
fn hex_unit(body: &[u8], at: usize) -> Option<u16> {
    let digits = std::str::from_utf8(body.get(at..at + 4)?).ok()?;
    u16::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn repaired(json: &str) -> (String, usize) {
        let mut bytes = json.as_bytes().to_vec();
        let n = replace_lone_surrogates(&mut bytes);
        (String::from_utf8(bytes).unwrap(), n)
    }

    #[test]
    fn lone_surrogates_become_the_replacement_character() {
        let (json, n) = repaired(r##"{"t":"# Broken \ud83d emoji\n","u":"\uDE00x","v":"\ud83d"}"##);
        assert_eq!(n, 3);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["t"], "# Broken \u{fffd} emoji\n");
        assert_eq!(value["u"], "\u{fffd}x");
        assert_eq!(value["v"], "\u{fffd}");
    }

    #[test]
    fn pairs_escaped_backslashes_and_other_escapes_are_kept() {
        let json =
            r#"{"t":"\ud83d\ude00 \\ud83d \u00e9 \n \"\\\ud83d\ude00","e":"\ud83d\ud83d\ude00"}"#;
        let (out, n) = repaired(json);
        assert_eq!(n, 1);
        let value: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["t"], "😀 \\ud83d é \n \"\\😀");
        assert_eq!(value["e"], "\u{fffd}😀");
        // Cut-off escapes at the end are left for the parser to reject.
        assert_eq!(repaired("\"\\").1, 0);
        assert_eq!(repaired("\\").1, 0);
        assert_eq!(repaired(r#""\ud8"#).1, 0);
        assert_eq!(repaired(r#""\ud83d\u"#).1, 1);
    }

    #[test]
    fn a_message_is_handed_on() {
        let body = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"t":"\ud83d"}}"#;
        let checked = validate(body.to_vec()).unwrap();
        assert_eq!(checked.replaced, 1);
        let responses = br#"{"jsonrpc":"2.0","id":1,"result":null}"#;
        assert!(validate(responses.to_vec()).is_ok());
    }

    #[test]
    fn undecodable_bodies_are_parse_errors_with_a_null_id() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let nested = format!(r#"{{"jsonrpc":"2.0","id":4,"method":"x","params":{deep}}}"#);
        for body in [
            b"not json".to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"".to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}".to_vec(),
            nested.into_bytes(),
            Vec::new(),
        ] {
            let rejected = validate(body).unwrap_err();
            assert_eq!(rejected.error.code, ErrorCode::ParseError);
            let response: Value = serde_json::from_slice(&rejected.response()).unwrap();
            assert_eq!(response["id"], Value::Null);
            assert_eq!(response["error"]["code"], -32700);
        }
    }

    #[test]
    fn json_that_is_no_message_is_an_invalid_request_with_its_id() {
        let rejected = validate(br#"{"jsonrpc":"2.0","id":7,"method":3}"#.to_vec()).unwrap_err();
        assert_eq!(rejected.error.code, ErrorCode::InvalidRequest);
        assert_eq!(rejected.id, Id::Number(7));
        let rejected = validate(br#"[1, 2]"#.to_vec()).unwrap_err();
        assert_eq!(rejected.error.code, ErrorCode::InvalidRequest);
        assert_eq!(rejected.id, Id::Null);
    }
}
