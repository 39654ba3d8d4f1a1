//! Shared helpers for the search tests: fixture issues from their exact
//! JSON parse, and small hand-made issues.
#![allow(dead_code)]

use kanbao::model::{Article, Encoding, Issue};

/// The three fixture issues, from their `.json` parse.
pub fn fixtures() -> Vec<Issue> {
    [
        "000_0c3d2c04bd8aa6d3",
        "paper-a-fullwidth",
        "paper-b-indented",
    ]
    .iter()
    .map(|name| {
        let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("fixture readable");
        serde_json::from_str(&text).expect("fixture parses")
    })
    .collect()
}

/// An issue of articles given as (title, paragraphs).
pub fn issue(source: &str, articles: &[(&str, &[&str])]) -> Issue {
    Issue {
        source: source.to_string(),
        encoding: Encoding::Utf8,
        masthead: None,
        credits: None,
        chrome: Vec::new(),
        articles: articles
            .iter()
            .map(|(t, ps)| Article {
                title: Some(t.to_string()),
                paragraphs: ps.iter().map(|p| p.to_string()).collect(),
                ..Article::default()
            })
            .collect(),
    }
}
