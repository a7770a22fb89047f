//! Answers in pages: a client that offers a `partialResultToken` gets references and workspace
//! symbols as `$/progress` pages and an empty answer; one that does not gets the whole answer.

mod common;
use common::{uri, vault, Client};
use serde_json::{json, Value};
use std::collections::HashSet;

/// Items per page, as the server sends them.
const PAGE: usize = 500;

/// Pages sent to `token` until they hold `count` items, each page checked for size.
async fn pages(client: &mut Client, token: Value, count: usize) -> Vec<Value> {
    let mut items = Vec::new();
    while items.len() < count {
        let page = client
            .expect_where("$/progress", |p| p["token"] == token)
            .await;
        let page = page["value"]
            .as_array()
            .expect("a page is an array")
            .clone();
        assert!(!page.is_empty() && page.len() <= PAGE, "{}", page.len());
        items.extend(page);
    }
    items
}

/// Every item once: the set of `items`, checked for repeats.
fn each_once(items: &[Value]) -> HashSet<String> {
    let set: HashSet<String> = items.iter().map(Value::to_string).collect();
    assert_eq!(set.len(), items.len(), "an item came twice");
    set
}

#[tokio::test]
async fn references_come_in_pages_to_a_client_that_offers_a_token() {
    let mentions = "The WAL again.\n".repeat(1200);
    let dir = vault(&format!(
        "--- wal.md\n# WAL\nThe WAL is a log written before the data.\n--- many.md\n{mentions}"
    ));
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;
    let params = |token: Option<&str>| {
        let mut params = json!({
            "textDocument": {"uri": uri(&root.join("many.md"))},
            "position": {"line": 0, "character": 5},
            "context": {"includeDeclaration": true},
        });
        if let Some(token) = token {
            params["partialResultToken"] = json!(token);
        }
        params
    };
    let whole = client
        .request("textDocument/references", params(None))
        .await;
    let whole = whole.as_array().expect("the whole answer").clone();
    assert!(whole.len() > 2 * PAGE, "{}", whole.len());

    let answer = client
        .request("textDocument/references", params(Some("refs")))
        .await;
    assert_eq!(answer, json!([]), "the pages hold the answer");
    let paged = pages(&mut client, json!("refs"), whole.len()).await;
    assert_eq!(each_once(&paged), each_once(&whole));
    assert_eq!(paged, whole, "pages keep the answer's order");
}

#[tokio::test]
async fn workspace_symbols_come_in_pages_to_a_client_that_offers_a_token() {
    let dir = vault("--- wal.md\n# WAL\nThe WAL is a log.\n## WAL segments\nFiles.\n");
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;
    let whole = client
        .request("workspace/symbol", json!({"query": "WAL"}))
        .await;
    let whole = whole.as_array().expect("the whole answer").clone();
    assert!(!whole.is_empty());

    let answer = client
        .request(
            "workspace/symbol",
            json!({"query": "WAL", "partialResultToken": 7}),
        )
        .await;
    assert_eq!(answer, json!([]), "the pages hold the answer");
    let paged = pages(&mut client, json!(7), whole.len()).await;
    assert_eq!(paged, whole);
}
