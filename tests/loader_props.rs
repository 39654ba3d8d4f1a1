//! Property tests of the loader (FORMAT.md): generated issues round-trip to
//! the structure they were generated from, arbitrary input never panics,
//! and "Nothing lost" (the Han/digit multiset) holds everywhere.

mod common;

use common::*;
use kanbao::loader::{self, decode, load_bytes, parse, sanitize};
use kanbao::model::Encoding;
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

fn round_trip(seed: u64, indented: bool, enc: Enc, eol: &str) -> Result<(), TestCaseError> {
    let generated = gen_issue(
        seed,
        GenOptions {
            indented,
            max_articles: 5,
        },
        &ALPHA,
    );
    let bytes = encode(&with_eol(&generated.text, eol), enc);
    let issue = load_bytes("gen.txt", bytes)
        .map_err(|e| TestCaseError::fail(format!("refused: {e}\n{}", generated.text)))?;
    let mut expected = generated.expected.clone();
    expected.encoding = enc.reported();
    prop_assert_eq!(
        &issue,
        &expected,
        "seed {} indented {} {:?} eol {:?}; text:\n{}",
        seed,
        indented,
        enc,
        eol,
        generated.text
    );
    if let Err(diff) = assert_nothing_lost(&generated.text, &issue) {
        return Err(TestCaseError::fail(format!("{diff}\n{}", generated.text)));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Generated issues (headline groups, bylines, datelines, page-break
    /// cuts, captions, jumps, mastheads, credits, blank-line runs, hard
    /// wraps, indents, every encoding and line end) parse back to exactly
    /// the structure they were generated from.
    #[test]
    fn generated_issues_round_trip(
        seed in any::<u64>(),
        indented in any::<bool>(),
        enc in 0..ENCS.len(),
        eol in 0..EOLS.len(),
    ) {
        round_trip(seed, indented, ENCS[enc], EOLS[eol])?;
    }
}

#[test]
fn generator_covers_the_shapes() {
    // The generator must actually produce what the round trip claims to test.
    let mut seen = [0usize; 13];
    for seed in 0..300 {
        let g = gen_issue(
            seed,
            GenOptions {
                indented: seed % 2 == 0,
                max_articles: 5,
            },
            &ALPHA,
        );
        let i = &g.expected;
        seen[0] += usize::from(i.masthead.is_some());
        seen[1] += usize::from(i.credits.is_some());
        for a in &i.articles {
            seen[2] += usize::from(a.kicker.is_some());
            seen[3] += usize::from(a.subtitle.is_some());
            seen[4] += usize::from(a.byline.is_some());
            seen[5] += usize::from(a.byline.is_none() && !a.authors.is_empty());
            seen[6] += usize::from(a.dateline.is_some());
            seen[7] += a.captions.len();
            seen[8] += a.jumps.len();
            seen[9] += usize::from(
                a.byline
                    .as_deref()
                    .is_some_and(|b| b.split(' ').any(|t| t.chars().count() == 1)),
            );
        }
        seen[10] += usize::from(g.text.contains('\u{3000}'));
        seen[12] += usize::from(i.articles.iter().any(|a| a.title.is_none()));
        // A page-break cut: some paragraph is longer than every block in the text.
        seen[11] += usize::from(
            i.articles
                .iter()
                .flat_map(|a| &a.paragraphs)
                .any(|p| !g.text.contains(p.as_str())),
        );
    }
    assert!(
        seen.iter().all(|&n| n >= 10),
        "generator coverage: {seen:?}"
    );
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
