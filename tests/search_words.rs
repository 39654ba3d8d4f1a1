//! Word search (jieba + BM25), background loading and keywords. One jieba
//! dictionary is shared by all tests (the process-wide `words::jieba()`).

mod search_common;

use kanbao::search::keywords::{TOP, article_keywords, is_keyword_word};
use kanbao::search::words::{WordIndex, WordLoader, WordSearch};
use kanbao::search::{SearchIndex, search};
use search_common::{fixtures, issue};
use std::sync::Arc;

fn apart() -> Vec<kanbao::model::Issue> {
    vec![issue(
        "w.txt",
        &[
            (
                "社区新闻",
                &[
                    "今年社区把民生放在首位。",
                    "各项保障措施陆续到位，群众满意。",
                    "下一步将继续做好相关工作。",
                ],
            ),
            ("只有两个词", &["民生问题受到关注。", "保障房建设加快。"]),
            (
                "民生保障工作会议",
                &["会议研究民生和保障工作，民生保障工作要落实。"],
            ),
        ],
    )]
}

#[test]
fn words_found_apart_and_ranked_by_bm25() {
    let issues = apart();
    let index = SearchIndex::build(&issues);
    let words = WordIndex::build(&index);
    // The literal phrase occurs only in article 2, so word search is what
    // finds article 0.
    assert!(search(&index, "民生保障工作").articles() == [2]);
    let r = words.search(&index, &issues, "民生保障工作", 10);
    assert_eq!(r.words, vec!["民生", "保障", "工作"]);
    let found: Vec<usize> = r.hits.iter().map(|h| h.article).collect();
    assert!(found.contains(&0), "{found:?}");
    assert!(!found.contains(&1), "article 1 lacks 工作: {found:?}");
    // Article 2 says every word twice or more: it ranks first.
    assert_eq!(found[0], 2);
    assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score));
    let first = &r.hits[0];
    assert_eq!(first.title, "民生保障工作会议");
    assert!(!first.snippet.marks.is_empty());
    let marked = r.hits[1].snippet.marked("[", "]");
    assert!(marked.contains('[') && marked.contains(']'), "{marked}");
    // Matches locate each word in the original text.
    let art0 = r.hits.iter().find(|h| h.article == 0).expect("article 0");
    assert_eq!(art0.matches.len(), 3);
}

#[test]
fn word_search_over_the_fixtures() {
    let issues = fixtures();
    let index = SearchIndex::build(&issues);
    assert!(search(&index, "保障民生工作").is_empty());
    let words = WordIndex::build(&index);
    let r = words.search(&index, &issues, "保障民生工作", 10);
    assert!(!r.hits.is_empty());
    // 扎实做好民生保障等工作 is the article about exactly this.
    assert_eq!(r.hits[0].title, "扎实做好民生保障等工作");
}

#[test]
fn background_loader_reports_loading_then_results() {
    let issues = apart();
    let index = Arc::new(SearchIndex::build(&issues));
    let mut loader = WordLoader::spawn(Arc::clone(&index));
    match loader.search(&index, &issues, "民生保障工作", 10) {
        WordSearch::LoadingDictionary | WordSearch::Ready(_) => {}
        WordSearch::Failed => panic!("build failed"),
    }
    assert!(loader.wait().is_some());
    match loader.search(&index, &issues, "民生保障工作", 10) {
        WordSearch::Ready(r) => assert!(!r.hits.is_empty()),
        other => panic!("not ready after wait: {other:?}"),
    }
}

#[test]
fn keywords_are_real_words_top_five() {
    let issues = fixtures();
    let index = SearchIndex::build(&issues);
    let words = WordIndex::build(&index);
    for corpus in [false, true] {
        for a in 0..index.article_count() {
            let k = article_keywords(&index, &words, a, corpus);
            assert!(k.len() <= TOP);
            assert!(!k.is_empty(), "article {a} has no keywords");
            for w in &k {
                assert!(is_keyword_word(&w.word), "{} is not a keyword", w.word);
            }
            assert!(k.windows(2).all(|p| p[0].weight >= p[1].weight));
        }
    }
    // The article about the reading festival is about reading.
    let a = index.global_article(1, 2).expect("article");
    let k: Vec<String> = article_keywords(&index, &words, a, true)
        .into_iter()
        .map(|k| k.word)
        .collect();
    assert!(
        k.iter().any(|w| w.contains("读书") || w.contains("阅读")),
        "{k:?}"
    );
}

#[test]
fn corpus_idf_changes_with_the_loaded_articles() {
    // 会议 is everywhere in the second set, so its weight drops there.
    let one = vec![issue("a.txt", &[("会议召开", &["会议研究春耕。"])])];
    let many = vec![
        issue("a.txt", &[("会议召开", &["会议研究春耕。"])]),
        issue("b.txt", &[("会议", &["会议。"]), ("会议", &["会议。"])]),
    ];
    let weight = |issues: &[kanbao::model::Issue]| {
        let index = SearchIndex::build(issues);
        let words = WordIndex::build(&index);
        article_keywords(&index, &words, 0, true)
            .into_iter()
            .find(|k| k.word == "会议")
            .map_or(0.0, |k| k.weight)
    };
    assert!(weight(&many) < weight(&one) || weight(&one) == 0.0);
}
