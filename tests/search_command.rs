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

mod prefilter {
    //! The prefilter never loses a hit: searching files with it gives what
    //! parsing every file into one index gives, in every encoding the
    //! loader reads.
    use kanbao::archive::input::Input;
    use kanbao::search::command::files::{Options, search_inputs};
    use proptest::prelude::*;

    /// Pieces of issue text: folded variants of the query characters
    /// (traditional, full-width, case), white space inside words, an
    /// escape sequence and a bidi control (removed by the loader), line
    /// ends of every kind.
    const PIECES: &[&str] = &[
        "民",
        "生",
        "保",
        "障",
        "发",
        "發",
        "展",
        "衡",
        "阳",
        "陽",
        "Ａ",
        "a",
        "A",
        "b",
        "，",
        ",",
        "。",
        " ",
        "\u{3000}",
        "1",
        "１",
        "\u{1b}[1m",
        "\u{202e}",
        "\r\n",
        "\n",
        "\n\n",
        "本报讯",
        "■本报记者 张三",
        "衡阳日报 2020年7月2日 第01版",
        "（下转第2版）",
        "𠀀",
    ];
    const QUERY: &[&str] = &[
        "民", "生", "发", "發", "展", "阳", "a", "Ａ", "，", "1", "𠀀", " ", "ab",
    ];

    fn encode(text: &str, how: u8) -> Vec<u8> {
        match how % 5 {
            0 => text.as_bytes().to_vec(),
            1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            2 => encoding_rs::GB18030.encode(text).0.into_owned(),
            3 => {
                let mut b = vec![0xFF, 0xFE];
                text.encode_utf16()
                    .for_each(|u| b.extend_from_slice(&u.to_le_bytes()));
                b
            }
            _ => {
                let mut b = vec![0xFE, 0xFF];
                text.encode_utf16()
                    .for_each(|u| b.extend_from_slice(&u.to_be_bytes()));
                b
            }
        }
    }

    fn file() -> impl Strategy<Value = (String, u8)> {
        (
            prop::collection::vec(prop::sample::select(PIECES), 1..60),
            any::<u8>(),
        )
            .prop_map(|(pieces, how)| (format!("标题\n\n{}", pieces.concat()), how))
    }

    fn json(out: &kanbao::search::command::SearchOut) -> serde_json::Value {
        serde_json::to_value(out).expect("serializes")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn never_loses_a_hit(
            files in prop::collection::vec(file(), 1..8),
            query in prop::collection::vec(prop::sample::select(QUERY), 1..4),
        ) {
            let query = query.concat();
            let inputs: Vec<Input> = files
                .iter()
                .enumerate()
                .map(|(i, (text, how))| Input::bytes(&format!("{i}.txt"), encode(text, *how)))
                .collect();
            let fast = search_inputs(&query, &inputs, &Options { prefilter: true, ..Options::default() });
            let slow = search_inputs(&query, &inputs, &Options::default());
            prop_assert_eq!(json(&fast.out), json(&slow.out), "query {:?}", query);
            let errors = |s: &kanbao::search::command::files::Searched| {
                s.errors.iter().map(ToString::to_string).collect::<Vec<_>>()
            };
            prop_assert_eq!(errors(&fast), errors(&slow));
        }
    }

    #[test]
    fn the_fast_path_still_reports_bad_files() {
        // Files are decoded before the prefilter looks, so one that is not
        // text is reported even though it cannot hold the query.
        let inputs = vec![
            Input::bytes("hit.txt", "标题\n\n民生保障。".as_bytes().to_vec()),
            Input::bytes("miss.txt", "标题\n\n天气很好。".as_bytes().to_vec()),
            Input::bytes("empty.txt", Vec::new()),
        ];
        let s = search_inputs(
            "民生",
            &inputs,
            &Options {
                prefilter: true,
                ..Options::default()
            },
        );
        assert_eq!(s.out.results.len(), 1);
        assert_eq!(s.out.results[0].path, "hit.txt");
        assert_eq!(s.errors.len(), 1, "the empty file is still reported");
        assert!(s.errors[0].to_string().contains("empty.txt"));
    }
}
