//! `kanbao search` logic: ranked articles, bracketed snippets, JSON, and
//! the grep-like "did anything match".

mod search_common;

use kanbao::search::command::{Style, run, run_styled};
use search_common::fixtures;

fn output(q: &str, style: Style) -> (bool, String) {
    let issues = fixtures();
    let mut out = Vec::new();
    let found = run_styled(q, &issues, style, &mut out).expect("writes");
    (found, String::from_utf8(out).expect("utf-8"))
}

#[test]
fn plain_output_marks_hits_with_brackets() {
    let (found, text) = output("民生", Style::Plain);
    assert!(found);
    assert!(text.contains("【民生】"), "{text}");
    assert!(!text.contains('\x1b'));
    // Articles ranked by match count: the first listed has the most.
    let counts: Vec<usize> = text
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.rsplit_once('(')?.1.split(' ').next()?.parse().ok())
        .collect();
    assert!(counts.len() > 1);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(text.contains("paper-a-fullwidth.txt #"));
}

#[test]
fn bold_output_uses_escapes() {
    let (_, text) = output("民生", Style::Bold);
    assert!(text.contains("\x1b[1m民生\x1b[0m"));
}

#[test]
fn nothing_found_returns_false_and_prints_nothing() {
    let (found, text) = output("火星探测器", Style::Plain);
    assert!(!found);
    assert!(text.is_empty(), "{text}");
}

#[test]
fn json_output_for_scripts() {
    let issues = fixtures();
    let mut out = Vec::new();
    assert!(run("陈润", &issues, true, &mut out).expect("writes"));
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["mode"], "literal");
    let results = v["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    for r in results {
        assert_eq!(r["count"], 1);
        let s = &r["snippets"][0];
        assert_eq!(s["field"], "byline");
        let text = s["text"].as_str().expect("text");
        let m = &s["marks"][0];
        let (a, b) = (
            m["start"].as_u64().expect("start") as usize,
            m["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(&text[a..b], "陈 润");
    }
}

#[test]
fn word_search_when_no_literal_hit() {
    let (found, text) = output("保障民生工作", Style::Plain);
    assert!(found);
    assert!(
        text.starts_with("no literal match; articles with all of: 保障 民生 工作"),
        "{text}"
    );
    assert!(text.contains("扎实做好民生保障等工作"));
}

#[test]
fn pinyin_initials_from_the_command() {
    let issues = fixtures();
    let mut out = Vec::new();
    assert!(run("msbz", &issues, true, &mut out).expect("writes"));
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["mode"], "pinyin");
}
