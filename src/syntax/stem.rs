//! Snowball stemming of one lower-cased word, by its script: all `a`–`z` → English, all
//! `а`–`я` → Russian, anything else is kept as it is. Shared by term names and the search index.

use std::cell::RefCell;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, TokenStream};

thread_local! {
    static STEMMERS: RefCell<(TextAnalyzer, TextAnalyzer)> = RefCell::new((
        analyzer(Language::English),
        analyzer(Language::Russian),
    ));
}

fn analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(language))
        .build()
}

/// Replaces the lower-cased `word` with its stem, when its script has a stemmer.
pub fn stem(word: &mut String) {
    let english = if word.is_empty() {
        return;
    } else if word.bytes().all(|b| b.is_ascii_lowercase()) {
        true
    } else if word.chars().all(|c| ('а'..='я').contains(&c)) {
        false
    } else {
        return;
    };
    STEMMERS.with_borrow_mut(|(en, ru)| {
        let analyzer = if english { en } else { ru };
        let mut stream = analyzer.token_stream(word);
        if stream.advance() && !stream.token().text.is_empty() {
            let stem = std::mem::take(&mut stream.token_mut().text);
            drop(stream);
            *word = stem;
        }
    });
}
