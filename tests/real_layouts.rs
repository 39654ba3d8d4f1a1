//! Metamorphic tests on real pages (issue 9): a page must parse to the same
//! articles whatever its layout. From each page of
//! `../shared/corpus/real/pages` the test makes the layouts FORMAT.md
//! "Blocks" describes — the other line end, blank-line instead of indented
//! paragraphs, one line per block with no blank lines or indents, indents
//! kept but no blank lines, NFKC-normalised instead of full-width, and
//! hard-wrapped at 30–60 display columns (CJK 2) with indented paragraph
//! starts — and compares the articles of each with those of the original:
//! deck, byline, authors, dateline, paragraphs, captions, credit, jumps and
//! subheads, as text with white space removed (NFKC applied to both sides
//! for the NFKC layout).
//!
//! The share of pages that agree is held per layout above a floor set just
//! under what the loader reached when it was last raised. Skips, saying
//! so, when `../shared` is absent; the generator's own tests need nothing.

mod real_support;

use kanbao::model::Article;
use rayon::prelude::*;
use real_support::real_dir;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthChar;

/// Floors: percent of real/pages whose layout parses to the same articles
/// as the page itself. Today's figure (2026-12-04, the loader before the
/// issue-9 rewrite) after each; the target is 100.
const FLOOR_OTHER_LINE_END: f64 = 99.8; // 100.0 (892/892)
const FLOOR_BLANK_LINE_PARAGRAPHS: f64 = 19.0; // 19.5 (174/892)
const FLOOR_ONE_LINE_PER_BLOCK: f64 = 19.0; // 19.5 (174/892)
const FLOOR_INDENTED_NO_BLANK_LINES: f64 = 42.0; // 42.6 (380/892)
const FLOOR_NFKC: f64 = 64.0; // 64.5 (575/892)
const FLOOR_HARD_WRAPPED: f64 = 42.5; // 42.9 (383/892)

/// Pages with a difference shown when a layout falls below its floor.
const SHOW_DIFFS: usize = 3;

// ---------------------------------------------------------------------------
// The layout generator
// ---------------------------------------------------------------------------

/// A text cut into lines, with the line end it uses.
struct Lines<'a> {
    lines: Vec<&'a str>,
    eol: &'static str,
    /// Whether the text ends with a line end.
    final_eol: bool,
}

/// Cut `text` at `\r\n`, `\n` or `\r`; the line end is the first one found.
fn lines(text: &str) -> Lines<'_> {
    let mut lines = Vec::new();
    let mut eol = None;
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let end = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(("\r\n", 2)),
            b'\r' => Some(("\r", 1)),
            b'\n' => Some(("\n", 1)),
            _ => None,
        };
        if let Some((e, n)) = end {
            eol.get_or_insert(e);
            lines.push(&text[start..i]);
            i += n;
            start = i;
        } else {
            i += 1;
        }
    }
    let final_eol = start == text.len() && !text.is_empty();
    if !final_eol {
        lines.push(&text[start..]);
    }
    Lines {
        lines,
        eol: eol.unwrap_or("\n"),
        final_eol,
    }
}

fn join(lines: &[String], eol: &str, final_eol: bool) -> String {
    let mut out = lines.join(eol);
    if final_eol {
        out.push_str(eol);
    }
    out
}

/// A line of only white space (U+3000 and U+00A0 included) ends a block.
fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// The leading white space of `line`, when it is an indent (FORMAT.md:
/// U+3000, or two or more spaces; a tab counts too).
fn indent(line: &str) -> Option<&str> {
    let body = line.trim_start_matches(char::is_whitespace);
    let lead = &line[..line.len() - body.len()];
    let indented =
        lead.contains(['\u{3000}', '\t']) || lead.chars().count() >= 2 && !body.is_empty();
    indented.then_some(lead)
}

/// The display width FORMAT.md's hard-wrapped text is measured in: CJK
/// (East Asian wide, full-width and ambiguous) 2 columns, others 1.
fn cols(s: &str) -> usize {
    s.chars().map(|c| c.width_cjk().unwrap_or(0)).sum()
}

/// Characters typesetters keep off the start of a line (标点禁则).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）】」』”’》〉…—·,.;:?!)]%".contains(c)
}

/// Characters typesetters keep off the end of a line.
fn no_line_end(c: char) -> bool {
    "（【「『“‘《〈([".contains(c)
}

/// Cut `text` (one paragraph, no line ends) into the pieces of a
/// hard-wrapped paragraph: the first at most `first` columns, the others at
/// most `rest`. A run of ASCII letters and digits is not cut (unless it is
/// wider than a line), closing punctuation may hang one past the width,
/// opening punctuation moves to the next line, and white space at a cut
/// goes (a continuation line never starts with white space, so it never
/// looks indented).
fn wrap_paragraph(text: &str, first: usize, rest: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    // Tokens: ASCII alphanumeric runs, else single characters.
    let mut tokens: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i + 1;
        if chars[i].is_ascii_alphanumeric() {
            while j < chars.len() && chars[j].is_ascii_alphanumeric() {
                j += 1;
            }
        }
        tokens.push(chars[i..j].iter().collect());
        i = j;
    }
    let mut out: Vec<String> = Vec::new();
    let mut line: Vec<String> = Vec::new();
    let mut width = 0;
    let budget = |out: &[String]| if out.is_empty() { first } else { rest };
    let mut k = 0;
    while k < tokens.len() {
        let tok = &tokens[k];
        let w = cols(tok);
        let starting = line.iter().all(|t| is_blank(t));
        if starting && is_blank(tok) && !out.is_empty() {
            k += 1; // no white space at the start of a continuation line
            continue;
        }
        let hangs = tok.chars().count() == 1 && tok.chars().all(no_line_start);
        // Closing marks hang past the width (two at most) rather than start a line.
        if width + w <= budget(&out) || starting || hangs && width <= budget(&out) + 2 {
            if starting && w > budget(&out) && tok.chars().count() > 1 {
                // A word wider than the line: cut it by characters.
                let (head, tail) = split_at_cols(tok, budget(&out).saturating_sub(width).max(1));
                line.push(head);
                tokens[k] = tail;
                flush(&mut out, &mut line, &mut width);
                continue;
            }
            width += w;
            line.push(tok.clone());
            k += 1;
            continue;
        }
        // Cut before `tok`; an opening bracket at the end moves down with it.
        let mut carried = Vec::new();
        while line.len() > 1 && line.last().is_some_and(|t| t.chars().all(no_line_end)) {
            carried.push(line.pop().unwrap_or_default());
        }
        flush(&mut out, &mut line, &mut width);
        for t in carried.into_iter().rev() {
            width += cols(&t);
            line.push(t);
        }
    }
    flush(&mut out, &mut line, &mut width);
    out
}

fn split_at_cols(tok: &str, n: usize) -> (String, String) {
    let mut w = 0;
    let at = tok
        .char_indices()
        .find(|&(_, c)| {
            w += c.width_cjk().unwrap_or(0);
            w > n
        })
        .map_or(tok.len(), |(i, _)| i)
        .max(tok.chars().next().map_or(0, char::len_utf8));
    (tok[..at].to_string(), tok[at..].to_string())
}

fn flush(out: &mut Vec<String>, line: &mut Vec<String>, width: &mut usize) {
    let s: String = line.concat();
    let s = s.trim_end_matches(char::is_whitespace);
    if !s.is_empty() {
        out.push(s.to_string());
    }
    line.clear();
    *width = 0;
}

/// The page hard-wrapped at `width` columns: every indented line (a
/// paragraph) is wrapped, its first piece keeping the indent; unindented
/// lines (headline lines) and blank lines stay as they are.
fn hard_wrap(text: &str, width: usize) -> String {
    let l = lines(text);
    let mut out = Vec::new();
    for line in &l.lines {
        match indent(line) {
            Some(ind) if !is_blank(line) => {
                let body = line[ind.len()..].trim_end_matches(char::is_whitespace);
                let pieces = wrap_paragraph(body, width.saturating_sub(cols(ind)).max(2), width);
                for (i, p) in pieces.into_iter().enumerate() {
                    out.push(if i == 0 { format!("{ind}{p}") } else { p });
                }
            }
            _ => out.push((*line).to_string()),
        }
    }
    join(&out, l.eol, l.final_eol)
}

/// The wrap width of a page, 30–60 columns, fixed by its name (FNV-1a).
fn wrap_width(name: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    30 + (h % 31) as usize
}

/// CRLF text with LF line ends, anything else with CRLF.
fn other_line_end(text: &str) -> String {
    let l = lines(text);
    let eol = if l.eol == "\r\n" { "\n" } else { "\r\n" };
    let v: Vec<String> = l.lines.iter().map(|s| s.to_string()).collect();
    join(&v, eol, l.final_eol)
}

/// The non-blank lines, unindented.
fn unindented(l: &Lines<'_>) -> Vec<String> {
    l.lines
        .iter()
        .filter(|s| !is_blank(s))
        .map(|s| s.trim_start_matches(char::is_whitespace).to_string())
        .collect()
}

/// Paragraphs marked by blank lines instead of indents: every line its own
/// block, no indents, one blank line between blocks (the seed's layout).
fn blank_line_paragraphs(text: &str) -> String {
    let l = lines(text);
    let eol2 = format!("{}{}", l.eol, l.eol);
    let mut out = join(&unindented(&l), &eol2, false);
    if l.final_eol {
        out.push_str(l.eol);
    }
    out
}

/// Every line its own block by its line break alone: no blank lines, no
/// indents (e-paper copies, archive pages).
fn one_line_per_block(text: &str) -> String {
    let l = lines(text);
    join(&unindented(&l), l.eol, l.final_eol)
}

/// The indents kept, the blank lines gone.
fn indented_no_blank_lines(text: &str) -> String {
    let l = lines(text);
    let v: Vec<String> = l
        .lines
        .iter()
        .filter(|s| !is_blank(s))
        .map(|s| s.to_string())
        .collect();
    join(&v, l.eol, l.final_eol)
}

fn nfkc(text: &str) -> String {
    text.nfkc().collect()
}

/// One layout: its name, its floor, how to make it from a page (text and
/// file name), and whether the comparison is made after NFKC.
struct Layout {
    name: &'static str,
    floor: f64,
    make: fn(&str, &str) -> String,
    nfkc: bool,
}

const LAYOUTS: [Layout; 6] = [
    Layout {
        name: "other line end (CRLF→LF)",
        floor: FLOOR_OTHER_LINE_END,
        make: |t, _| other_line_end(t),
        nfkc: false,
    },
    Layout {
        name: "blank-line paragraphs",
        floor: FLOOR_BLANK_LINE_PARAGRAPHS,
        make: |t, _| blank_line_paragraphs(t),
        nfkc: false,
    },
    Layout {
        name: "one line per block",
        floor: FLOOR_ONE_LINE_PER_BLOCK,
        make: |t, _| one_line_per_block(t),
        nfkc: false,
    },
    Layout {
        name: "indented, no blank lines",
        floor: FLOOR_INDENTED_NO_BLANK_LINES,
        make: |t, _| indented_no_blank_lines(t),
        nfkc: false,
    },
    Layout {
        name: "NFKC-normalised",
        floor: FLOOR_NFKC,
        make: |t, _| nfkc(t),
        nfkc: true,
    },
    Layout {
        name: "hard-wrapped at 30–60 columns",
        floor: FLOOR_HARD_WRAPPED,
        make: |t, name| hard_wrap(t, wrap_width(name)),
        nfkc: false,
    },
];

// ---------------------------------------------------------------------------
// Comparing parses
// ---------------------------------------------------------------------------

/// An article as the comparison sees it: its text fields with white space
/// removed (and NFKC applied, for the NFKC layout); empty fields as none.
#[derive(Debug, Clone, PartialEq, Eq)]
struct View {
    fields: BTreeMap<&'static str, Vec<String>>,
}

fn squash(s: &str, nfkc: bool) -> String {
    let s: String = if nfkc {
        s.nfkc().collect()
    } else {
        s.to_string()
    };
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn view(a: &Article, nfkc: bool) -> View {
    let one = |s: &Option<String>| -> Vec<String> {
        s.iter()
            .map(|s| squash(s, nfkc))
            .filter(|s| !s.is_empty())
            .collect()
    };
    let many = |v: &[String]| -> Vec<String> { v.iter().map(|s| squash(s, nfkc)).collect() };
    let mut fields = BTreeMap::new();
    fields.insert("kicker", one(&a.kicker));
    fields.insert("title", one(&a.title));
    fields.insert("subtitle", one(&a.subtitle));
    fields.insert("byline", one(&a.byline));
    fields.insert("authors", many(&a.authors));
    fields.insert("dateline", one(&a.dateline));
    fields.insert("paragraphs", many(&a.paragraphs));
    fields.insert("captions", many(&a.captions));
    fields.insert("credit", one(&a.credit));
    let jumps: Vec<String> = a.jumps.iter().map(|j| j.text.clone()).collect();
    fields.insert("jumps", many(&jumps));
    let subheads = a.subheads.iter().map(usize::to_string).collect();
    fields.insert("subheads", subheads);
    View { fields }
}

/// The parse of `bytes`, as views; a refused file has no articles.
fn views(name: &str, bytes: Vec<u8>, nfkc: bool) -> Vec<View> {
    views_both(name, bytes, &[nfkc]).pop().unwrap_or_default()
}

/// The parse of `bytes` (once), as views for each of `nfkc`.
fn views_both(name: &str, bytes: Vec<u8>, nfkc: &[bool]) -> Vec<Vec<View>> {
    let articles =
        kanbao::loader::load_bytes(name, bytes).map_or_else(|_| Vec::new(), |i| i.articles);
    nfkc.iter()
        .map(|&n| articles.iter().map(|a| view(a, n)).collect())
        .collect()
}

fn short(v: &[String]) -> String {
    let s = v.join(" | ");
    let mut t: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        t.push('…');
    }
    format!("[{t}]")
}

/// `a` and `b` from a little before where they first differ, for a message.
fn around_difference(a: &str, b: &str) -> (String, String) {
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let from = same.saturating_sub(12);
    let cut = |s: &str| -> String {
        let mut t: String = s.chars().skip(from).take(40).collect();
        if s.chars().count() > from + 40 {
            t.push('…');
        }
        if from > 0 { format!("…{t}") } else { t }
    };
    (cut(a), cut(b))
}

/// How one field's items differ: the first differing item, near where it differs.
fn field_difference(a: &[String], b: &[String]) -> String {
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let counts = if a.len() == b.len() {
        String::new()
    } else {
        format!("{} items became {}; ", a.len(), b.len())
    };
    match (a.get(i), b.get(i)) {
        (Some(x), Some(y)) => {
            let (x, y) = around_difference(x, y);
            format!("{counts}item {}: [{x}] became [{y}]", i + 1)
        }
        _ => format!("{counts}{} became {}", short(a), short(b)),
    }
}

/// Where two parses differ first, in a line or two; `None` when they agree.
fn first_difference(orig: &[View], var: &[View]) -> Option<String> {
    for (i, (a, b)) in orig.iter().zip(var).enumerate() {
        if a != b {
            let field = a.fields.keys().find(|k| a.fields[*k] != b.fields[*k]);
            let k = field.copied().unwrap_or("?");
            let title = a.fields["title"].first().cloned().unwrap_or_default();
            return Some(format!(
                "article {} ({title}): {k}: {}",
                i + 1,
                field_difference(&a.fields[k], &b.fields[k])
            ));
        }
    }
    (orig.len() != var.len()).then(|| {
        let titles = |v: &[View]| -> Vec<String> {
            v.iter()
                .map(|x| x.fields["title"].first().cloned().unwrap_or_default())
                .collect()
        };
        format!(
            "{} articles became {}: titles {} became {}",
            orig.len(),
            var.len(),
            short(&titles(orig)),
            short(&titles(var))
        )
    })
}

/// Per layout: pages compared, pages that agree, the first differences.
struct Outcome {
    pages: usize,
    agree: usize,
    diffs: Vec<String>,
}

impl Outcome {
    fn share(&self) -> f64 {
        real_support::percent(self.agree, self.pages)
    }
}

/// Every page of real/pages through every layout (parsed once each).
static OUTCOMES: LazyLock<Result<Vec<Outcome>, String>> = LazyLock::new(|| {
    let dir = real_dir()?.join("pages");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    // Per page, per layout: None when it agrees, else where it differs.
    let per_page: Vec<Vec<Option<String>>> = names
        .par_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let [orig, orig_nfkc]: [Vec<View>; 2] = views_both(name, bytes, &[false, true])
                .try_into()
                .unwrap_or_default();
            LAYOUTS
                .iter()
                .map(|l| {
                    let var = views(name, (l.make)(&text, name).into_bytes(), l.nfkc);
                    let base = if l.nfkc { &orig_nfkc } else { &orig };
                    first_difference(base, &var).map(|d| format!("{name}: {d}"))
                })
                .collect()
        })
        .collect();
    Ok((0..LAYOUTS.len())
        .map(|k| {
            let diffs: Vec<String> = per_page.iter().filter_map(|p| p[k].clone()).collect();
            Outcome {
                pages: per_page.len(),
                agree: per_page.len() - diffs.len(),
                diffs,
            }
        })
        .collect())
});

fn table(outcomes: &[Outcome]) -> String {
    LAYOUTS
        .iter()
        .zip(outcomes)
        .map(|(l, o)| {
            format!(
                "  {:32} {:4}/{} agree ({:.1}%, floor {:.1}%)",
                l.name,
                o.agree,
                o.pages,
                o.share(),
                l.floor
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The layout named `name` agrees with the original on at least its floor.
fn check_layout(name: &str) {
    let outcomes = match &*OUTCOMES {
        Ok(o) => o,
        Err(why) => return eprintln!("{why}"),
    };
    let k = LAYOUTS
        .iter()
        .position(|l| l.name == name)
        .expect("a layout");
    let (l, o) = (&LAYOUTS[k], &outcomes[k]);
    assert_eq!(o.pages, 892, "real/pages should hold 892 pages");
    assert!(
        o.share() >= l.floor,
        "layout '{}' agrees on {:.1}% of pages, below its floor {:.1}%\n{}\nfirst differences:\n  {}",
        l.name,
        o.share(),
        l.floor,
        table(outcomes),
        o.diffs
            .iter()
            .take(SHOW_DIFFS)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

#[test]
fn report_every_layout() {
    match &*OUTCOMES {
        Ok(o) => println!("real/pages layouts:\n{}", table(o)),
        Err(why) => eprintln!("{why}"),
    }
}

#[test]
fn other_line_end_parses_the_same() {
    check_layout(LAYOUTS[0].name);
}

#[test]
fn blank_line_paragraphs_parse_the_same() {
    check_layout(LAYOUTS[1].name);
}

#[test]
fn one_line_per_block_parses_the_same() {
    check_layout(LAYOUTS[2].name);
}

#[test]
fn indented_without_blank_lines_parses_the_same() {
    check_layout(LAYOUTS[3].name);
}

#[test]
fn nfkc_normalised_parses_the_same() {
    check_layout(LAYOUTS[4].name);
}

#[test]
fn hard_wrapped_parses_the_same() {
    check_layout(LAYOUTS[5].name);
}

// ---------------------------------------------------------------------------
// The generator's own tests (no ../shared needed)
// ---------------------------------------------------------------------------

/// A page in real/pages' layout: CRLF, unindented deck lines, U+3000
/// indented paragraphs, a blank line after a deck and between articles.
const PAGE: &str = "丁薛祥在会议强调\r\n带头做到“两个维护” 推动党的建设高质量发展\r\n\r\n\
\u{3000}\u{3000}新华社北京1月31日电\u{a0}中央和国家机关党的工作暨纪检工作会议1月31日在京召开。中共中央政治局委员、中央书记处书记丁薛祥出席会议并讲话，强调要以习近平新时代中国特色社会主义思想为指导。\r\n\
\u{3000}\u{3000}会上，5个部门党组（党委）主要负责同志作了交流发言，GDP增长6.6%，见www.example.com/a-very-long-address-that-never-ends-anywhere。\r\n\r\n\
图片报道\r\n\r\n\
\u{3000}\u{3000}临近春节，广东省湛江市徐闻县的35万亩菠萝园，蔚为壮观。\r\n\
\u{3000}\u{3000}本报记者\u{a0}\u{a0}罗艾桦文\u{a0}\u{a0}陈北跑摄\u{a0}\u{a0}\r\n";

fn han_digits(s: &str) -> BTreeMap<char, usize> {
    real_support::multiset([s], real_support::epaper_han)
}

#[test]
fn every_layout_keeps_the_text_and_changes_the_layout() {
    for l in &LAYOUTS {
        let v = (l.make)(PAGE, "rmrb-20190201-04.txt");
        assert_ne!(v, PAGE, "{}: the layout is the original", l.name);
        let want = if l.nfkc { nfkc(PAGE) } else { PAGE.to_string() };
        assert_eq!(
            han_digits(&v),
            han_digits(&want),
            "{}: text changed",
            l.name
        );
        let squashed = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
        assert_eq!(
            squashed(&v),
            squashed(&want),
            "{}: more than white space changed",
            l.name
        );
    }
}

#[test]
fn line_end_layouts_are_what_format_md_describes() {
    assert_eq!(other_line_end("a\r\nb\r\n"), "a\nb\n");
    assert_eq!(other_line_end("a\nb"), "a\r\nb");
    let text = "题\r\n\r\n　　甲。\r\n　　乙。\r\n\r\n\r\n题二\r\n　　丙。\r\n";
    assert_eq!(
        blank_line_paragraphs(text),
        "题\r\n\r\n甲。\r\n\r\n乙。\r\n\r\n题二\r\n\r\n丙。\r\n"
    );
    assert_eq!(
        one_line_per_block(text),
        "题\r\n甲。\r\n乙。\r\n题二\r\n丙。\r\n"
    );
    assert_eq!(
        indented_no_blank_lines(text),
        "题\r\n　　甲。\r\n　　乙。\r\n题二\r\n　　丙。\r\n"
    );
    assert_eq!(nfkc("　　甲，乙：（１）"), "  甲,乙:(1)");
    assert_eq!(indent("  两个空格"), Some("  "));
    assert_eq!(indent(" 一个空格"), None);
    assert_eq!(indent("\u{3000}全角"), Some("\u{3000}"));
}

#[test]
fn hard_wrapping_is_hard_wrapping() {
    for width in 30..=60 {
        let v = hard_wrap(PAGE, width);
        let out = lines(&v);
        assert_eq!(out.eol, "\r\n");
        let input = lines(PAGE);
        let decks: Vec<&str> = input
            .lines
            .iter()
            .copied()
            .filter(|s| indent(s).is_none())
            .collect();
        let mut full = 0;
        for line in &out.lines {
            if decks.contains(line) {
                continue; // headline and blank lines stay as they are
            }
            let w = cols(line);
            let last = line.chars().last().unwrap_or(' ');
            assert!(
                w <= width || w <= width + 4 && no_line_start(last),
                "width {width}: {w} columns: {line}"
            );
            assert!(
                !line.ends_with(char::is_whitespace),
                "width {width}: {line:?}"
            );
            full += usize::from(w + 2 >= width);
        }
        assert!(full >= 4, "width {width}: too few full lines\n{v}");
        // Each paragraph is its indented line plus the unindented ones after it.
        let mut paras: Vec<String> = Vec::new();
        for line in &out.lines {
            if is_blank(line) || decks.contains(line) {
                continue;
            }
            match indent(line) {
                Some(_) => paras.push(line.trim_start().to_string()),
                None => {
                    assert!(!line.starts_with(char::is_whitespace), "{line:?}");
                    paras.last_mut().expect("a paragraph").push_str(line);
                }
            }
        }
        let want: Vec<String> = input
            .lines
            .iter()
            .filter(|s| indent(s).is_some())
            .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect())
            .collect();
        let got: Vec<String> = paras
            .iter()
            .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect())
            .collect();
        assert_eq!(got, want, "width {width}");
    }
    // No cut inside a number or a word, no closing mark at a line start.
    let v = hard_wrap(PAGE, 34);
    for line in lines(&v).lines {
        assert!(!line.starts_with(no_line_start), "{line}");
    }
    assert!(v.contains("6.6%"), "{v}");
    for width in 30..=60 {
        let v = hard_wrap(PAGE, width);
        let l = lines(&v);
        for pair in l.lines.windows(2) {
            let end = pair[0].chars().last().unwrap_or(' ');
            let start = pair[1].chars().next().unwrap_or(' ');
            let long_word = pair[1]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .map_or(0, str::len)
                > width / 2;
            assert!(
                !(end.is_ascii_alphanumeric() && start.is_ascii_alphanumeric()) || long_word,
                "width {width}: a word cut at {:?} / {:?}",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn wrap_widths_are_fixed_per_file_and_spread() {
    let names: Vec<String> = (1..=40)
        .map(|i| format!("rmrb-20190201-{i:02}.txt"))
        .collect();
    let widths: Vec<usize> = names.iter().map(|n| wrap_width(n)).collect();
    assert!(widths.iter().all(|w| (30..=60).contains(w)));
    assert_eq!(
        widths,
        names.iter().map(|n| wrap_width(n)).collect::<Vec<_>>()
    );
    let distinct: std::collections::BTreeSet<_> = widths.iter().collect();
    assert!(distinct.len() >= 15, "{widths:?}");
}

#[test]
fn the_comparison_can_fail() {
    let bytes = PAGE.as_bytes().to_vec();
    let a = views("p.txt", bytes.clone(), false);
    assert!(!a.is_empty());
    assert_eq!(first_difference(&a, &a), None);
    let issue = kanbao::loader::load_bytes("p.txt", bytes).unwrap();
    let mut changed = issue.articles.clone();
    let last = changed.last_mut().unwrap();
    last.paragraphs.push("多".into());
    let b: Vec<View> = changed.iter().map(|x| view(x, false)).collect();
    let d = first_difference(&a, &b).expect("a difference");
    assert!(d.contains("paragraphs"), "{d}");
    assert!(first_difference(&a, &a[..a.len() - 1]).is_some());
    // White space is not a difference; NFKC is not one after NFKC.
    let mut spaced = issue.articles.clone();
    spaced[0].paragraphs[0] = spaced[0].paragraphs[0].replace('，', "， ");
    assert_eq!(
        first_difference(
            &a,
            &spaced.iter().map(|x| view(x, false)).collect::<Vec<_>>()
        ),
        None
    );
    let mut folded = issue.articles.clone();
    folded[0].paragraphs[0] = nfkc(&folded[0].paragraphs[0]);
    let n: Vec<View> = issue.articles.iter().map(|x| view(x, true)).collect();
    assert_eq!(
        first_difference(
            &n,
            &folded.iter().map(|x| view(x, true)).collect::<Vec<_>>()
        ),
        None
    );
}
