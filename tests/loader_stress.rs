//! Pathological inputs: the loader finishes, in linear time, and keeps its
//! invariants. No timed assertions (the machine is shared): quadratic
//! behaviour shows as a run that takes minutes. Each test prints how long
//! the load took; see docs/benchmarks.md for release-build figures
//! (`cargo test --release --test loader_stress -- --nocapture`).

mod common;

use common::{han_digit_multiset, multiset_diff, spec_sanitize, text_multiset};
use kanbao::loader::{DecodeError, load_bytes};
use kanbao::model::Issue;
use std::time::Instant;

fn load_timed(what: &str, bytes: Vec<u8>) -> Result<Issue, DecodeError> {
    let len = bytes.len();
    let t = Instant::now();
    let r = load_bytes("stress.txt", bytes);
    println!(
        "stress {what}: {:.1} MB in {:.3} s",
        len as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    r
}

fn assert_nothing_lost(input: &str, issue: &Issue) {
    let a = text_multiset(&spec_sanitize(input));
    let b = han_digit_multiset(issue);
    assert!(a == b, "multiset differs: {}", multiset_diff(&a, &b));
}

/// A paragraph of the seed fixture, for realistic text.
fn seed_paragraph() -> &'static str {
    common::FIXTURE_SEED
        .split("\n\n")
        .map(str::trim)
        .max_by_key(|p| p.len())
        .unwrap_or("")
}

#[test]
fn twenty_megabyte_single_line() {
    let para = seed_paragraph();
    let mut s = String::with_capacity(20_000_000 + para.len());
    while s.len() < 20_000_000 {
        s.push_str(para);
    }
    let issue = load_timed("20 MB single line", s.clone().into_bytes()).unwrap();
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].paragraphs, [s.as_str()]);
    assert_nothing_lost(&s, &issue);
}

#[test]
fn one_million_blank_lines() {
    let head = "标题甲\n\n■本报记者 张三\n\n本报讯 第一段。\n";
    let tail = "标题乙\n\n■本报记者 李四\n\n本报讯 第二段。\n";
    let blanks = [" \n", "\u{3000}\n", "\n", "\t \u{3000}\n"];
    let mut s = String::from(head);
    for i in 0..1_000_000 {
        s.push_str(blanks[i % blanks.len()]);
    }
    s.push_str(tail);
    let issue = load_timed("1M blank lines", s.clone().into_bytes()).unwrap();
    let titles: Vec<_> = issue.articles.iter().map(|a| a.title.as_deref()).collect();
    assert_eq!(titles, [Some("标题甲"), Some("标题乙")]);
    assert_nothing_lost(&s, &issue);

    // Nothing but blank lines is an empty file.
    let only = "\n \u{3000}\r\n".repeat(1_000_000);
    assert!(matches!(
        load_timed("1M blank lines only", only.into_bytes()),
        Err(DecodeError::Empty)
    ));
}

#[test]
fn hundred_thousand_tiny_articles() {
    const N: usize = 100_000;
    let mut s = String::new();
    for i in 0..N {
        s.push_str(&format!(
            "第{i}号标题\n\n■本报记者 陈 润\n\n消息正文{i}条。\n\n"
        ));
    }
    let issue = load_timed("100k tiny articles", s.clone().into_bytes()).unwrap();
    assert_eq!(issue.articles.len(), N);
    for (i, a) in issue.articles.iter().enumerate().step_by(997) {
        assert_eq!(a.title.as_deref(), Some(format!("第{i}号标题").as_str()));
        assert_eq!(a.byline.as_deref(), Some("本报记者 陈 润"));
        assert_eq!(a.authors, ["陈润"]);
        assert_eq!(a.paragraphs, [format!("消息正文{i}条。")]);
    }
    assert_nothing_lost(&s, &issue);
}

#[test]
fn five_megabytes_of_byline_markers() {
    let n = 5_000_000 / '■'.len_utf8();
    let one_line = "■".repeat(n);
    let issue = load_timed("5 MB ■ one line", one_line.into_bytes()).unwrap();
    let paras: Vec<&String> = issue.articles.iter().flat_map(|a| &a.paragraphs).collect();
    assert_eq!(paras.len(), 1);
    assert_eq!(paras[0].chars().filter(|&c| c == '■').count(), n);

    // The same, hard-wrapped every 40 characters: 40k lines, no blank line
    // (one block, or one block per line): every ■ is kept somewhere.
    let wrapped: String = (0..n / 40).map(|_| "■".repeat(40) + "\n").collect();
    let issue = load_timed("5 MB ■ wrapped", wrapped.into_bytes()).unwrap();
    let all: String = common::counted_fields(&issue).concat();
    assert_eq!(all.chars().filter(|&c| c == '■').count(), n / 40 * 40);
}

#[test]
fn deeply_repeated_open_brackets() {
    const N: usize = 1_000_000;
    // Bare brackets.
    let s = "（".repeat(N);
    let issue = load_timed("1M （", s.clone().into_bytes()).unwrap();
    let all: String = common::counted_fields(&issue).concat();
    assert_eq!(all.chars().filter(|&c| c == '（').count(), N);

    // A dateline lead whose "embedded byline" bracket never closes.
    let s = format!("本报讯 {}记者 张三", "（".repeat(N));
    let issue = load_timed("本报讯 + 1M （", s.clone().into_bytes()).unwrap();
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].dateline.as_deref(), Some("本报讯"));
    assert!(issue.articles[0].authors.is_empty());
    assert_nothing_lost(&s, &issue);

    // A jump line at the end of a million open brackets.
    let s = format!("{}（下转第2版）", "（".repeat(N));
    let issue = load_timed("1M （ + jump", s.clone().into_bytes()).unwrap();
    let a = &issue.articles[0];
    assert_eq!(a.jumps.len(), 1);
    assert_eq!(a.jumps[0].page, "2");
    assert_eq!(a.paragraphs, ["（".repeat(N)]);
    assert_nothing_lost(&s, &issue);

    // Nested: （（（…第1版…）））, one line.
    let s = format!("{}上接第1版{}", "（".repeat(N / 2), "）".repeat(N / 2));
    let issue = load_timed("nested （…）", s.clone().into_bytes()).unwrap();
    assert_nothing_lost(&s, &issue);
}

#[test]
fn a_megabyte_of_unfinished_escapes() {
    // `ESC [` with no final byte, 1 MB of it.
    let s = "\u{1b}[".repeat(500_000);
    match load_timed("1 MB ESC[", s.into_bytes()) {
        Ok(issue) => assert!(han_digit_multiset(&issue).is_empty()),
        Err(e) => assert_eq!(e, DecodeError::Empty),
    }

    // The same with Han text between them: the text survives.
    let s = "\u{1b}[甲".repeat(300_000);
    let issue = load_timed("1 MB ESC[ + Han", s.into_bytes()).unwrap();
    let all: String = common::counted_fields(&issue).concat();
    assert_eq!(all.chars().filter(|&c| c == '甲').count(), 300_000);

    // An OSC string that never ends: only its ESC goes; the next line survives.
    let s = format!("\u{1b}]{}\n本报讯 正文。", "x".repeat(1_000_000));
    let issue = load_timed("1 MB unterminated OSC", s.clone().into_bytes()).unwrap();
    let last = issue.articles.iter().flat_map(|a| &a.paragraphs).last();
    assert!(last.is_some_and(|p| p.ends_with("本报讯 正文。")));
    assert_nothing_lost(&s, &issue);
}

#[test]
fn lone_carriage_returns() {
    let only = "\r".repeat(1_000_000);
    assert!(matches!(
        load_timed("1M lone CR", only.into_bytes()),
        Err(DecodeError::Empty)
    ));
    // 200k paragraphs separated by lone CRs (blank line = CR CR).
    let s = "段落正文。\r\r".repeat(200_000);
    let issue = load_timed("200k CR paragraphs", s.clone().into_bytes()).unwrap();
    let n: usize = issue.articles.iter().map(|a| a.paragraphs.len()).sum();
    // With no anchor, up to three leading short blocks may form a headline.
    let heads: usize = issue
        .articles
        .iter()
        .map(|a| {
            [&a.kicker, &a.title, &a.subtitle]
                .iter()
                .filter(|x| x.is_some())
                .count()
        })
        .sum();
    assert_eq!(n + heads, 200_000);
    assert_nothing_lost(&s, &issue);
}

#[test]
fn many_cut_blocks_of_closing_brackets() {
    // Blocks that each end with a closer and no sentence end: each one joins
    // the previous paragraph (page-break repair), and must not rescan it.
    // Doubling the input should double the time (printed), not quadruple it.
    for n in [5_000, 10_000, 20_000, 40_000] {
        let s = "）\n\n".repeat(n);
        let issue = load_timed(&format!("{n} blocks of ）"), s.into_bytes()).unwrap();
        let all: String = common::counted_fields(&issue).concat();
        assert_eq!(all.chars().filter(|&c| c == '）').count(), n);
    }
}
