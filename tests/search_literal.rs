//! Literal search over the fixture issues and small hand-made ones: every
//! query kind, AND of terms, locations mapped to the original bytes.

mod search_common;

use kanbao::search::{Field, SearchIndex, Searcher, TermKind, search};
use search_common::{fixtures, issue};

/// The original text of every hit, as the UI would highlight it.
fn highlighted(issues: &[kanbao::model::Issue], q: &str) -> Vec<String> {
    let index = SearchIndex::build(issues);
    let m = search(&index, q);
    (0..m.len())
        .map(|i| {
            let p = m.get(&index, i).expect("hit locates");
            let r = index.article_ref(p.article).expect("article");
            let art = &issues[r.issue as usize].articles[r.article as usize];
            p.field.text(art).expect("field")[p.range.clone()].to_string()
        })
        .collect()
}

#[test]
fn plain_phrase_is_found_with_its_field_and_bytes() {
    let issues = fixtures();
    let index = SearchIndex::build(&issues);
    let m = search(&index, "民生保障");
    let expected: usize = issues
        .iter()
        .flat_map(|i| &i.articles)
        .flat_map(kanbao::search::index::article_fields)
        .map(|(_, t)| t.matches("民生保障").count())
        .sum();
    assert_eq!(m.len(), expected);
    // The first in reading order is the title of the first article.
    let p = m.get(&index, 0).expect("hit");
    let r = index.article_ref(p.article).expect("ref");
    assert_eq!((r.issue, r.article), (0, 0));
    assert_eq!(p.field, Field::Title);
    let title = issues[0].articles[0].title.as_deref().expect("title");
    assert_eq!(&title[p.range.clone()], "民生保障");
    assert_eq!(m.terms()[0].kind, TermKind::Literal);
}

#[test]
fn one_character_query_counts_every_occurrence() {
    let issues = fixtures();
    let index = SearchIndex::build(&issues);
    let m = search(&index, "润");
    let hits = highlighted(&issues, "润");
    assert!(hits.iter().all(|h| h == "润"));
    // Count independently: every field of every article.
    let expected: usize = issues
        .iter()
        .flat_map(|i| &i.articles)
        .map(|a| {
            kanbao::search::index::article_fields(a)
                .map(|(_, t)| t.matches('润').count())
                .sum::<usize>()
        })
        .sum();
    assert!(expected > 0);
    assert_eq!(m.len(), expected);
    let total: u32 = m.counts().iter().sum();
    assert_eq!(total as usize, expected);
}

#[test]
fn white_space_inside_han_is_ignored_and_highlight_spans_it() {
    let issues = fixtures();
    let hits = highlighted(&issues, "陈润");
    // Two bylines read `陈 润` (fixtures 000 and paper-b).
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits.iter().all(|h| h == "陈 润"));
}

#[test]
fn ascii_and_full_width_punctuation_match_each_other() {
    let issues = fixtures();
    // The fixture writes `状态,尽锐` with an ASCII comma.
    assert_eq!(highlighted(&issues, "状态，尽锐"), vec!["状态,尽锐"]);
    assert_eq!(highlighted(&issues, "状态,尽锐"), vec!["状态,尽锐"]);
}

#[test]
fn full_width_alphanumerics_and_case_fold() {
    let issues = vec![issue(
        "x.txt",
        &[("ＧＤＰ增长８％", &["全年GDP增长8%，Gdp总量创新高。"])],
    )];
    let hits = highlighted(&issues, "gdp");
    assert_eq!(hits, vec!["ＧＤＰ", "GDP", "Gdp"]);
    assert_eq!(
        highlighted(&issues, "ＧＤＰ增长８"),
        vec!["ＧＤＰ增长８", "GDP增长8"]
    );
}

#[test]
fn traditional_query_finds_simplified_text_and_back() {
    let issues = fixtures();
    let simp = highlighted(&issues, "衡阳");
    assert!(!simp.is_empty());
    assert_eq!(highlighted(&issues, "衡陽"), simp);
    let trad = vec![issue("t.txt", &[("衡陽經濟", &["發展"])])];
    assert_eq!(highlighted(&trad, "衡阳经济"), vec!["衡陽經濟"]);
}

#[test]
fn several_terms_must_all_occur_in_the_article() {
    let issues = fixtures();
    let index = SearchIndex::build(&issues);
    let both = search(&index, "民生 春季");
    assert!(!both.is_empty());
    for &a in both.articles() {
        let pos = both.positions_in(&index, a as usize);
        let r = index.article_ref(a as usize).expect("ref");
        let art = &issues[r.issue as usize].articles[r.article as usize];
        let words: Vec<&str> = pos
            .iter()
            .map(|p| &p.field.text(art).expect("field")[p.range.clone()])
            .collect();
        assert!(
            words.contains(&"民生") && words.contains(&"春季"),
            "{words:?}"
        );
    }
    // Every article with 民生 but without 春季 is left out.
    let one = search(&index, "民生");
    assert!(one.articles().len() > both.articles().len());
    // A term that occurs nowhere empties the result.
    assert!(search(&index, "民生 火星").is_empty());
}

#[test]
fn a_phrase_split_by_a_line_end_in_the_file_is_found() {
    // paper-b wraps `市委书记杨` / `振华出席` across two lines.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/paper-b-indented.txt"
    );
    let issue = kanbao::loader::load_path(std::path::Path::new(path)).expect("loads");
    let hits = highlighted(std::slice::from_ref(&issue), "书记杨振华出席");
    assert_eq!(hits, vec!["书记杨振华出席"]);
}

#[test]
fn pinyin_initials_match_when_there_is_no_literal_hit() {
    let issues = fixtures();
    let index = SearchIndex::build(&issues);
    let m = search(&index, "msbz");
    assert_eq!(m.terms()[0].kind, TermKind::Pinyin);
    let hits = highlighted(&issues, "msbz");
    assert!(hits.contains(&"民生保障".to_string()), "{hits:?}");
    assert!(hits.iter().all(|h| h.chars().count() == 4));
    // A heteronym: 行 reads both xíng and háng.
    let bank = vec![issue("b.txt", &[("银行行长", &["步行街"])])];
    assert_eq!(highlighted(&bank, "yh"), vec!["银行"]);
    assert_eq!(highlighted(&bank, "bxj"), vec!["步行街"]);
    assert_eq!(highlighted(&bank, "hz"), vec!["行长"]);
}

#[test]
fn a_literal_hit_wins_over_pinyin() {
    let issues = vec![issue("m.txt", &[("ab测试", &["安邦"])])];
    let index = SearchIndex::build(&issues);
    let m = search(&index, "ab");
    assert_eq!(m.terms()[0].kind, TermKind::Literal);
    assert_eq!(m.len(), 1);
}

#[test]
fn incremental_search_equals_fresh_search_at_every_keystroke() {
    let issues = fixtures();
    let index = SearchIndex::build(&issues);
    let mut s = Searcher::new();
    let typed = [
        "民",
        "民生",
        "民生实",
        "民生实事",
        "民生实",
        "民生",
        "民生 会",
        "民生 会议",
        "m",
        "ms",
        "msb",
        "msbz",
    ];
    for q in typed {
        let inc = s.search(&index, q);
        let fresh = search(&index, q);
        assert_eq!(inc.hits(), fresh.hits(), "query {q}");
        assert_eq!(inc.counts(), fresh.counts(), "query {q}");
    }
}

#[test]
fn incremental_search_is_exact_for_self_overlapping_prefixes() {
    let issues = vec![issue("h.txt", &[("哈哈哈笑", &["哈哈哈哈笑了"])])];
    let index = SearchIndex::build(&issues);
    let mut s = Searcher::new();
    for q in ["哈", "哈哈", "哈哈笑", "哈哈哈笑"] {
        assert_eq!(s.search(&index, q).hits(), search(&index, q).hits(), "{q}");
    }
    assert_eq!(search(&index, "哈哈笑").len(), 2);
}

#[test]
fn no_hit_across_field_boundaries() {
    // Title ends in 民, first paragraph starts with 生.
    let issues = vec![issue("f.txt", &[("人民", &["生活"])])];
    let index = SearchIndex::build(&issues);
    assert!(search(&index, "民生").is_empty());
    assert_eq!(search(&index, "人民").len(), 1);
}
