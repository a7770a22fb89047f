//! Answers in pages (LSP partial results): when a request carries a `partialResultToken`, its
//! items go to the client in `$/progress` notifications of at most [`PAGE`] items each, in
//! order, before the request is answered with an empty result; without a token the answer is
//! whole, as before.
//!
//! Over stdio the pages are written by the transport itself ([`DirectFrames`]), which writes
//! them before any response produced after them: the library's own notifications may be
//! overtaken by the response, and a page after it would be lost to the client. In process
//! (tests, embedding) they go through the library's client socket.

use super::Backend;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::ProgressToken;

/// Where the transport takes the bodies of the frames the server writes itself.
pub type DirectFrames = mpsc::UnboundedSender<Vec<u8>>;

/// Items per `$/progress` page.
pub const PAGE: usize = 500;

/// `$/progress` carrying a page of a partial result of `T`s.
struct PartialResult<T>(PhantomData<T>);

/// One page: the request's token and the items that follow the previous pages'.
#[derive(Serialize, Deserialize)]
struct Page<T> {
    token: ProgressToken,
    value: Vec<T>,
}

impl<T> Notification for PartialResult<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    type Params = Page<T>;
    const METHOD: &'static str = "$/progress";
}

impl Backend {
    /// The answer to a request whose result is `items`: with a `token`, the items are sent as
    /// pages and the answer is empty; without one, the items themselves.
    pub(super) async fn in_pages<T>(&self, token: Option<ProgressToken>, items: Vec<T>) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    {
        let Some(token) = token else {
            return items;
        };
        for page in items.chunks(PAGE) {
            let page = Page {
                token: token.clone(),
                value: page.to_vec(),
            };
            match &self.direct {
                Some(direct) => {
                    let Ok(params) = serde_json::to_value(page) else {
                        continue; // never: pages are made of protocol types
                    };
                    let notification = Request::build(PartialResult::<T>::METHOD)
                        .params(params)
                        .finish();
                    if let Ok(body) = serde_json::to_vec(&notification) {
                        let _ = direct.send(body);
                    }
                }
                None => {
                    self.client
                        .send_notification::<PartialResult<T>>(page)
                        .await
                }
            }
        }
        Vec::new()
    }
}
