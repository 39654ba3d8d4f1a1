//! Property tests of the loader (FORMAT.md): generated issues round-trip to
//! the structure they were generated from, arbitrary input never panics,
//! and "Nothing lost" (the Han/digit multiset) holds everywhere.

mod common;

use common::*;
use kanbao::loader::{self, decode, load_bytes, parse, sanitize};
use kanbao::model::{Encoding, Issue};
use proptest::prelude::*;
use std::sync::LazyLock;

static ALPHA: LazyLock<Vec<char>> = LazyLock::new(han_alphabet);

fn assert_nothing_lost(reference: &str, issue: &kanbao::model::Issue) -> Result<(), String> {
    let input = text_multiset(reference);
    let output = han_digit_multiset(issue);
    if input == output {
        Ok(())
    } else {
        Err(multiset_diff(&input, &output))
    }
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

#[test]
fn fixtures_parse_to_their_json_and_lose_nothing() {
    for (name, bytes, json) in fixtures() {
        let issue = load_bytes(name, bytes.to_vec()).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The fixtures' JSON may predate `chrome`, `credit` and `subheads`
        // (empty or null there): compare as the model.
        let want: kanbao::model::Issue = serde_json::from_str(json).unwrap();
        assert_eq!(issue, want, "{name}: structure differs from its .json");
        let (text, _) = decode::decode(bytes.to_vec()).unwrap();
        if let Err(diff) = assert_nothing_lost(&spec_sanitize(&text), &issue) {
            panic!("{name}: {diff}");
        }
    }
}

#[test]
fn the_multiset_check_can_fail() {
    // Guard against a vacuous invariant: dropping one paragraph is caught.
    let (name, bytes, _) = fixtures()[0];
    let mut issue = load_bytes(name, bytes.to_vec()).unwrap();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(assert_nothing_lost(&text, &issue).is_ok());
    issue.articles[0].paragraphs.pop();
    assert!(assert_nothing_lost(&text, &issue).is_err());
}

// ---------------------------------------------------------------------------
// Generated issues round-trip
// ---------------------------------------------------------------------------

const EOLS: [&str; 3] = ["\n", "\r\n", "\r"];

fn generate(seed: u64, layout: Layout) -> GenIssue {
    gen_issue(
        seed,
        GenOptions {
            layout,
            max_articles: 5,
        },
        &ALPHA,
    )
}

/// What part of the issue a wrong reading got wrong first (for the report).
fn first_difference(got: &Issue, want: &Issue) -> &'static str {
    if got.masthead != want.masthead {
        return "masthead";
    }
    if got.chrome != want.chrome {
        return "chrome";
    }
    if got.credits != want.credits {
        return "credits";
    }
    if got.articles.len() < want.articles.len() {
        return "articles merged";
    }
    if got.articles.len() > want.articles.len() {
        return "articles split";
    }
    let Some((x, y)) = got
        .articles
        .iter()
        .zip(&want.articles)
        .find(|(x, y)| x != y)
    else {
        return "other";
    };
    if (&x.kicker, &x.title, &x.subtitle) != (&y.kicker, &y.title, &y.subtitle) {
        "deck roles"
    } else if (&x.byline, &x.authors) != (&y.byline, &y.authors) {
        "byline/authors"
    } else if (&x.paragraphs, &x.subheads) != (&y.paragraphs, &y.subheads) {
        "paragraphs/subheads"
    } else if x.captions != y.captions {
        "captions"
    } else {
        "credit/jumps/dateline"
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Generated pages of every kind (decks of one to three lines, bylines,
    /// datelines in every form, articles with neither, page-break cuts,
    /// captions and photo credit lines, subheads, trailing credits, jumps,
    /// mastheads, site chrome and footers, editors' lines), in every
    /// layout (blank-line blocks with or without indents, one line per
    /// paragraph), encoding and line end: never refused, never a panic,
    /// nothing lost or doubled (a hard property: it does not depend on how
    /// the page is read), and the same issue whatever the bytes.
    #[test]
    fn generated_issues_lose_nothing_in_any_bytes(
        seed in any::<u64>(),
        layout in 0..LAYOUTS.len(),
        enc in 0..ENCS.len(),
        eol in 0..EOLS.len(),
    ) {
        let (layout, enc, eol) = (LAYOUTS[layout], ENCS[enc], EOLS[eol]);
        let generated = generate(seed, layout);
        let bytes = encode(&with_eol(&generated.text, eol), enc);
        let issue = load_bytes("gen.txt", bytes)
            .map_err(|e| TestCaseError::fail(format!("refused: {e}\n{}", generated.text)))?;
        if let Err(diff) = assert_nothing_lost(&generated.text, &issue) {
            return Err(TestCaseError::fail(format!("{diff}\n{}", generated.text)));
        }
        let mut plain = load_bytes("gen.txt", generated.text.clone().into_bytes())
            .map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
        plain.encoding = enc.reported();
        prop_assert_eq!(&issue, &plain, "seed {} {:?} {:?} eol {:?}", seed, layout, enc, eol);
    }
}

/// Pages per layout in the round-trip survey.
const SURVEY: u64 = 600;

/// The share of generated pages, per layout, that must parse back to
/// exactly the structure they were generated from: set just under what
/// the loader reaches (a regression fails), to be raised as it learns.
/// What the misses are is printed (`-- --nocapture`); the loader bugs
/// behind most of them are the ignored tests in loader_rules.rs (decks
/// without a kicker end, a masthead over an indented page read as a
/// title, decks before a byline read as subheads). Most "deck roles"
/// misses are two-line decks the generator makes title + subtitle by
/// FORMAT.md's default, where the weights tuned on real pages read kicker +
/// title (as 1,014 of 1,558 real two-line decks are).
const FLOORS: [(Layout, f64); 3] = [
    (Layout::Blocks, 0.63),
    (Layout::IndentedBlocks, 0.94),
    (Layout::Lines, 0.54),
];

#[test]
fn generated_issues_round_trip() {
    let mut report = Vec::new();
    let mut below = Vec::new();
    for (layout, floor) in FLOORS {
        let mut exact = 0;
        let mut misses: std::collections::BTreeMap<&str, (usize, u64)> = Default::default();
        for seed in 0..SURVEY {
            let g = generate(seed, layout);
            let issue = load_bytes("gen.txt", g.text.clone().into_bytes()).expect("loads");
            if issue == g.expected {
                exact += 1;
            } else {
                let e = misses
                    .entry(first_difference(&issue, &g.expected))
                    .or_insert((0, seed));
                e.0 += 1;
            }
        }
        let rate = exact as f64 / SURVEY as f64;
        report.push(format!(
            "{layout:?}: {exact}/{SURVEY} exact ({:.1}%); misses (count, first seed): {misses:?}",
            100.0 * rate
        ));
        if rate < floor {
            below.push(format!(
                "{layout:?} {:.1}% < {:.0}%",
                100.0 * rate,
                100.0 * floor
            ));
        }
    }
    println!("{}", report.join("\n"));
    assert!(
        below.is_empty(),
        "round trip below its floor: {below:?}\n{}",
        report.join("\n")
    );
}

#[test]
fn the_round_trip_check_can_fail() {
    // A generated page whose expected structure is altered does not match.
    let g = generate(1, Layout::Lines);
    let mut want = g.expected.clone();
    want.articles[0].title = Some("另一个标题".into());
    let issue = load_bytes("gen.txt", g.text.into_bytes()).unwrap();
    assert_ne!(issue, want);
    assert_eq!(first_difference(&issue, &want), "deck roles");
}

#[test]
fn generator_covers_the_shapes() {
    // The generator must actually produce what the round trip claims to test.
    let names = [
        "masthead",
        "credits",
        "chrome",
        "kicker",
        "subtitle",
        "byline",
        "authors without byline",
        "dateline",
        "【】 dateline",
        "no byline or dateline",
        "caption",
        "photo credit line",
        "jump",
        "padded name",
        "indented",
        "no title",
        "page-break cut",
        "subhead",
        "trailing credit",
        "credit authors",
        "blank-line blocks",
        "one line per paragraph",
    ];
    let mut seen = [0usize; 22];
    for seed in 0..300 {
        let layout = LAYOUTS[seed as usize % LAYOUTS.len()];
        let g = gen_issue(
            seed,
            GenOptions {
                layout,
                max_articles: 5,
            },
            &ALPHA,
        );
        let i = &g.expected;
        seen[0] += usize::from(i.masthead.is_some());
        seen[1] += usize::from(i.credits.is_some());
        seen[2] += i.chrome.len();
        for a in &i.articles {
            seen[3] += usize::from(a.kicker.is_some());
            seen[4] += usize::from(a.subtitle.is_some());
            seen[5] += usize::from(a.byline.is_some());
            seen[6] += usize::from(a.byline.is_none() && !a.authors.is_empty());
            seen[7] += usize::from(a.dateline.is_some());
            seen[8] += usize::from(a.dateline.as_deref().is_some_and(|d| d.starts_with('【')));
            seen[9] += usize::from(a.title.is_some() && a.byline.is_none() && a.dateline.is_none());
            seen[10] += a.captions.len();
            seen[11] += a
                .captions
                .iter()
                .filter(|c| c.ends_with('摄') || c.ends_with('）'))
                .count();
            seen[12] += a.jumps.len();
            seen[13] += usize::from(
                a.byline
                    .as_deref()
                    .is_some_and(|b| b.split(' ').any(|t| t.chars().count() == 1)),
            );
            seen[17] += a.subheads.len();
            seen[18] += usize::from(a.credit.is_some());
            seen[19] +=
                usize::from(a.credit.is_some() && a.byline.is_none() && !a.authors.is_empty());
        }
        seen[14] += usize::from(g.text.contains('\u{3000}'));
        seen[15] += usize::from(i.articles.iter().any(|a| a.title.is_none()));
        // A page-break cut: some paragraph is longer than every line in the text.
        seen[16] += usize::from(
            i.articles
                .iter()
                .flat_map(|a| &a.paragraphs)
                .any(|p| !g.text.contains(p.as_str())),
        );
        seen[20] += usize::from(layout != Layout::Lines && g.text.contains("\n\n"));
        seen[21] += usize::from(layout == Layout::Lines);
    }
    let thin: Vec<_> = names.iter().zip(seen).filter(|(_, n)| *n < 10).collect();
    assert!(thin.is_empty(), "generator coverage too thin: {thin:?}");
}

// ---------------------------------------------------------------------------
// Arbitrary input never panics, and loses nothing
// ---------------------------------------------------------------------------

/// Pieces of "newsy" text: Han, digits, the punctuation and markers the
/// loader looks at, white space, and snippets that trigger its rules.
const PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "7",
    "9",
    "２",
    "■",
    "□",
    "●",
    "◆",
    "▲",
    "（",
    "）",
    "(",
    ")",
    "：",
    ":",
    "——",
    "—",
    "。",
    "，",
    ",",
    "；",
    "！",
    "？",
    "“",
    "”",
    "、",
    " ",
    "  ",
    "\u{3000}",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\n\u{3000}\u{3000}",
    "本报讯",
    "本报衡阳7月1日讯",
    "新华社北京7月1日电",
    "（记者 张三）",
    "(记者 陈 润 通讯员 李四)",
    "（下转第2版）",
    "(上接第1版)",
    "（下转第A3版）",
    "责任编辑：",
    "版式：",
    "衡阳日报 2020年7月2日",
    "星期四",
    "第01版：要闻",
    "本报记者 ",
    "通讯员",
    "记者",
    "图为",
    " 摄",
    "陈 润",
    "强调",
    "——涉及",
    "年",
    "月",
    "日",
    "报",
    "电",
    "讯",
    "社",
    "摄",
];

/// Control snippets for the byte-level path: whole sequences, and a lone or
/// unterminated ESC (which, by FORMAT.md, loses only itself).
const CONTROL_PIECES: &[&str] = &[
    "\u{1b}",
    "\u{1b}[",
    "\u{1b}]",
    "\u{1b}[12;",
    "\u{1b}[31m",
    "\u{1b}[0m",
    "\u{1b}[1;32;40m",
    "\u{1b}]0;标题2020\u{7}",
    "\u{1b}]8;;http://x\u{1b}\\",
    "\u{202E}",
    "\u{2066}",
    "\u{85}",
    "\u{9b}",
    "\u{7}",
    "\u{feff}",
    "\r\n",
    "\r",
    "\r\r\n",
];

fn newsy_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(ALPHA.clone()).prop_map(String::from),
        3 => prop::sample::select(PIECES).prop_map(str::to_owned),
    ]
}

fn newsy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(newsy_piece(), 0..300).prop_map(|v| v.concat())
}

fn newsy_text_with_controls() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => newsy_piece(),
        1 => prop::sample::select(CONTROL_PIECES).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..300).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `load_bytes` on arbitrary bytes returns (Ok or a refusal) and never
    /// panics; when it accepts them, parsing the clean text loses nothing.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(issue) = load_bytes("x.bin", bytes.clone()) {
            let (text, _) = decode::decode(bytes).unwrap();
            let clean = sanitize::sanitize(&text);
            if let Err(diff) = assert_nothing_lost(&clean, &issue) {
                return Err(TestCaseError::fail(diff));
            }
        }
    }

    /// Arbitrary strings through `parse`: no panic, nothing lost.
    #[test]
    fn arbitrary_strings_through_parse(s in any::<String>()) {
        let issue = parse("x.txt", &s, Encoding::Utf8);
        if let Err(diff) = assert_nothing_lost(&s, &issue) {
            return Err(TestCaseError::fail(diff));
        }
    }

    /// Newsy text (markers, brackets, datelines, jump lines, credits,
    /// mastheads, blank runs, indents) through `parse`: nothing lost.
    #[test]
    fn newsy_strings_lose_nothing(s in newsy_text()) {
        let issue = parse("x.txt", &s, Encoding::Utf8);
        if let Err(diff) = assert_nothing_lost(&s, &issue) {
            return Err(TestCaseError::fail(format!("{diff}\ninput: {s:?}")));
        }
    }

    /// Newsy text with escape sequences, C1/bidi controls and every line
    /// end, in every encoding, through `load_bytes`: nothing lost but what
    /// FORMAT.md says to remove.
    #[test]
    fn newsy_bytes_lose_nothing(s in newsy_text_with_controls(), enc in 0..ENCS.len()) {
        let enc = ENCS[enc];
        let bytes = encode(&s, enc);
        // GB18030 has no BOM: bytes that happen to be valid UTF-8 (all
        // ASCII, or short text like `目` = C4 BF = `Ŀ`) are UTF-8, rightly.
        if enc == Enc::Gb18030 && std::str::from_utf8(&bytes).is_ok() {
            let _ = load_bytes("x.txt", bytes);
            return Ok(());
        }
        match load_bytes("x.txt", bytes) {
            Ok(issue) => {
                prop_assert_eq!(issue.encoding, enc.reported(), "input: {:?}", s);
                if let Err(diff) = assert_nothing_lost(&spec_sanitize(&s), &issue) {
                    return Err(TestCaseError::fail(format!("{diff}\ninput: {s:?}")));
                }
            }
            Err(e) => {
                // Only text with nothing counted (empty) or dense in C0
                // controls (binary) may be refused.
                let c0 = s.bytes().filter(|&b| b < 0x20 && !b"\n\r\t\x0c\x1b".contains(&b)).count();
                prop_assert!(
                    text_multiset(&s).is_empty() || c0 * 20 > s.len(),
                    "refused {:?}: {}", s, e
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Escapes: FORMAT.md removes *whole* sequences; what is not one keeps its text
// ---------------------------------------------------------------------------

fn kept(input: &str) -> String {
    // Padded with text so a single control byte is not "binary data".
    let input = format!("{input}\n\n{}", "。".repeat(30));
    let issue = load_bytes("x.txt", input.into_bytes()).unwrap();
    counted_fields(&issue)
        .concat()
        .chars()
        .filter(|&c| counted(c))
        .collect()
}

#[test]
fn whole_escape_sequences_go_their_text_stays() {
    assert_eq!(kept("红\u{1b}[31;1m色\u{1b}[0m字2020"), "红色字2020");
    assert_eq!(kept("标\u{1b}]0;标题\u{7}题"), "标题");
    assert_eq!(kept("\u{1b}甲乙"), "甲乙");
}

#[test]
fn lone_esc_before_a_digit_keeps_the_digit() {
    // FORMAT.md: only `ESC [ … final`, `ESC ] … BEL|ESC \` are whole
    // sequences; any other ESC is a lone control, dropped on its own.
    assert_eq!(
        kept("本报讯 \u{1b}7月1日，衡阳召开会议。"),
        "本报讯7月1日衡阳召开会议"
    );
}

#[test]
fn unterminated_csi_keeps_its_digits() {
    // `ESC [ 2020年` has no final byte (年 is not 0x40–0x7E): not a whole
    // sequence, so only the ESC goes (and `[`, not counted, may stay).
    assert_eq!(kept("会议\u{1b}[2020年召开。"), "会议2020年召开");
}

#[test]
fn loader_entry_points_agree() {
    // load_path and load_bytes give the same issue for a fixture on disk.
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, _) in fixtures() {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let a = loader::load_path(&path).unwrap();
        let b = load_bytes(name, bytes.to_vec()).unwrap();
        assert_eq!(a, b);
    }
}
