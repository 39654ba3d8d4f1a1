//! Property tests for `text::wrap`, over the corpus paragraphs (every width
//! 4..=160) and over generated mixed Han/punctuation/Latin/digit/space text
//! (sampled widths 0..=160), for every rule level, both ambiguous-width
//! settings and display punctuation on and off.
//!
//! Properties (checked by `check`, written independently of the wrapper's
//! internals — it only shares the width function, the rule tables and the
//! punctuation pass, which have their own tests):
//! 1. the line ranges concatenate to exactly the paragraph; no empty line
//!    except for an empty paragraph; indent on the first line only;
//! 2. each line's reported width equals the recomputed display width of its
//!    visible part (trailing hanging spaces excluded, full-width forms
//!    counted when `display_punct`);
//! 3. no line is wider than its measure unless it holds exactly one
//!    visible grapheme (a grapheme wider than the line);
//! 4. no line but the first starts with a hanging space;
//! 5. clreq rules (Basic/Strict): a break may violate a rule only when it
//!    was *forced*: every grapheme boundary inside the line violates a rule
//!    too, and the next line's first grapheme would not have fit;
//! 6. greediness: no Han|Han boundary of the next line would have fit on
//!    this line (such a boundary is always an allowed break, so a correct
//!    greedy wrapper takes it);
//! 7. an ASCII letter/digit run is split only if the line holds no Han/Han
//!    or Han/alnum boundary (i.e. only when forced), and a URL that starts
//!    on a line after a space or Han is split only if it is wider than that
//!    line;
//! 8. determinism: wrapping twice gives the same lines;
//! 9. hanging punctuation (`overhang` > 0, clreq 行尾点号悬挂): a line is
//!    wider than its measure (3) only by one hanging mark that a line may
//!    not start with, within the overhang; and no line ends short because
//!    such a mark dragged the character before it down when it could have
//!    hung (Han, mark, then Han or the end: the case push-in made short).
//!
//! Line count is *not* monotone in width (push-in can add a line), so it is
//! not asserted.
use kanbao::text::chars::is_han;
use kanbao::text::punct::fullwidth_substitutions;
use kanbao::text::rules::{division_mark, is_no_line_end, is_no_line_start, may_hang};
use kanbao::text::url::url_spans;
use kanbao::text::width::{AmbiguousWidth, grapheme_width};
use kanbao::text::wrap::{HANGING_ROOM, LineBreakRule, VisualLine, WrapOptions, wrap};
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use unicode_segmentation::UnicodeSegmentation;

static WRAPS: AtomicUsize = AtomicUsize::new(0);

const RULES: [LineBreakRule; 3] = [
    LineBreakRule::None,
    LineBreakRule::Basic,
    LineBreakRule::Strict,
];
const AMBS: [AmbiguousWidth; 2] = [AmbiguousWidth::Narrow, AmbiguousWidth::Wide];
const OVERHANGS: [usize; 2] = [0, HANGING_ROOM];

fn hanging(c: char) -> bool {
    c.is_whitespace() && c != '\u{3000}'
}

/// One grapheme of the paragraph as the checker sees it.
struct G {
    start: usize,
    end: usize,
    width: usize,
    /// First char as displayed (after substitution).
    ch: char,
    hang: bool,
}

fn graphemes(text: &str, o: &WrapOptions, subs: &[(usize, char)]) -> Vec<G> {
    text.grapheme_indices(true)
        .map(|(i, g)| {
            let first = g.chars().next().unwrap();
            let (width, ch) = match subs.binary_search_by_key(&i, |s| s.0) {
                Ok(k) => {
                    let shown: String = std::iter::once(subs[k].1)
                        .chain(g.chars().skip(1))
                        .collect();
                    (grapheme_width(&shown, o.ambiguous), subs[k].1)
                }
                Err(_) => (grapheme_width(g, o.ambiguous), first),
            };
            G {
                start: i,
                end: i + g.len(),
                width,
                ch,
                hang: hanging(first),
            }
        })
        .collect()
}

/// Whether a break before grapheme `i` breaks a clreq rule of `rule`.
fn violates(gs: &[G], i: usize, rule: LineBreakRule) -> bool {
    if rule == LineBreakRule::None || i == 0 {
        return false;
    }
    let next = gs[i].ch;
    let prev_visible = gs[..i].iter().rev().find(|g| !g.hang).map(|g| g.ch);
    let mark = division_mark(next);
    is_no_line_start(next)
        || prev_visible.is_some_and(is_no_line_end)
        || (mark != 0 && division_mark(gs[i - 1].ch) == mark)
        || (rule == LineBreakRule::Strict && mark != 0)
}

fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn check(text: &str, o: &WrapOptions) -> Result<(), String> {
    let ls = wrap(text, o);
    WRAPS.fetch_add(1, Ordering::Relaxed);
    if ls != wrap(text, o) {
        return Err("not deterministic".into());
    }
    let subs = if o.display_punct {
        fullwidth_substitutions(text)
    } else {
        Vec::new()
    };
    let gs = graphemes(text, o, &subs);
    check_lines(text, o, &ls, &gs)
        .map_err(|e| format!("{e}\n opts {o:?}\n text {text:?}\n lines {ls:?}"))
}

fn check_lines(text: &str, o: &WrapOptions, ls: &[VisualLine], gs: &[G]) -> Result<(), String> {
    // 1. Concatenation, no empty line, indent.
    if ls.is_empty() {
        return Err("no lines".into());
    }
    let mut at = 0;
    for (k, l) in ls.iter().enumerate() {
        if l.range.start != at {
            return Err(format!("line {k} starts at {} not {at}", l.range.start));
        }
        if l.range.is_empty() && !text.is_empty() {
            return Err(format!("line {k} is empty"));
        }
        let want = if k == 0 {
            o.indent.min(o.width.saturating_sub(2))
        } else {
            0
        };
        if l.indent != want {
            return Err(format!("line {k} indent {} != {want}", l.indent));
        }
        at = l.range.end;
    }
    if at != text.len() {
        return Err(format!("lines end at {at}, text is {}", text.len()));
    }
    // Index of the first grapheme of each line (ranges are on grapheme
    // boundaries or this lookup fails).
    let first_g: Vec<usize> = ls
        .iter()
        .map(|l| gs.partition_point(|g| g.start < l.range.start))
        .collect();
    for (k, l) in ls.iter().enumerate() {
        let gi = first_g[k];
        if l.range.start < text.len() && gs.get(gi).map(|g| g.start) != Some(l.range.start) {
            return Err(format!("line {k} starts inside a grapheme"));
        }
        let line_gs: Vec<&G> = gs[gi..]
            .iter()
            .take_while(|g| g.end <= l.range.end)
            .collect();
        // Visible part: up to the last non-hanging grapheme.
        let nvis = line_gs.iter().rposition(|g| !g.hang).map_or(0, |p| p + 1);
        let width: usize = line_gs[..nvis].iter().map(|g| g.width).sum();
        let trailing: usize = line_gs[nvis..].iter().map(|g| g.width).sum();
        // 2. Reported width.
        if width != l.width {
            return Err(format!("line {k} reports width {} but is {width}", l.width));
        }
        // 3. Measure, and 9: only a hanging mark goes past it.
        let avail = o.width - l.indent;
        if width > avail && nvis != 1 {
            let last = line_gs[nvis - 1];
            let hangs = o.overhang > 0
                && may_hang(last.ch)
                && violates(gs, gi + nvis - 1, o.rule)
                && width - last.width <= avail
                && width <= avail + o.overhang;
            if !hangs {
                return Err(format!(
                    "line {k} is {width} > {avail} with {nvis} graphemes"
                ));
            }
        }
        // 4. Hanging space at line start.
        if k > 0 && line_gs.first().is_some_and(|g| g.hang) {
            return Err(format!("line {k} starts with a space"));
        }
        let Some(next) = ls.get(k + 1) else { continue };
        let b = first_g[k + 1]; // break before grapheme b
        let _ = next;
        let next_fits = width + trailing + gs[b].width <= avail;
        // 9. A mark that could have hung did: Han `b`, the mark, then Han or
        // the end, with `b` fitting this line and the mark the overhang.
        if o.overhang > 0 && o.rule != LineBreakRule::None && next_fits && b + 1 < gs.len() {
            let (h, m) = (&gs[b], &gs[b + 1]);
            let after_ok = gs.get(b + 2).is_none_or(|g| is_han(g.ch));
            if is_han(h.ch)
                && may_hang(m.ch)
                && after_ok
                && width + trailing + h.width + m.width <= avail + o.overhang
            {
                return Err(format!(
                    "line {k} ends short: {:?}{:?} could have ended it, {:?} hanging",
                    h.ch, m.ch, m.ch
                ));
            }
        }
        // 5. Rules, with the forced-break exception.
        if violates(gs, b, o.rule) {
            let all_internal_violate = (gi + 1..b)
                .filter(|&p| !gs[p].hang)
                .all(|p| violates(gs, p, o.rule));
            if !all_internal_violate || next_fits {
                return Err(format!(
                    "line {k}: break before {:?} breaks a {:?} rule without need",
                    gs[b].ch, o.rule
                ));
            }
        }
        // 6. Greediness over Han|Han boundaries of the next line.
        let mut acc = width + trailing;
        let mut pend = 0;
        for q in b..gs.len() {
            if q > b && is_han(gs[q - 1].ch) && is_han(gs[q].ch) && acc <= avail {
                return Err(format!(
                    "line {k}: a Han|Han break {q} of the next line fits"
                ));
            }
            if gs[q].hang {
                pend += gs[q].width;
            } else {
                acc += pend + gs[q].width;
                pend = 0;
            }
            if acc > avail {
                break;
            }
        }
        // 7a. Alnum runs.
        if is_alnum(gs[b - 1].ch) && is_alnum(gs[b].ch) {
            let has_han_opportunity = (gi + 1..b).any(|p| {
                let (x, y) = (gs[p - 1].ch, gs[p].ch);
                (is_han(x) || is_han(y)) && (is_han(x) || is_alnum(x)) && (is_han(y) || is_alnum(y))
            });
            if has_han_opportunity {
                return Err(format!(
                    "line {k}: alnum run split though a Han break existed"
                ));
            }
        }
    }
    // 7b. URLs.
    for u in url_spans(text) {
        let Some(gu) = gs.iter().position(|g| g.start == u.start) else {
            continue;
        };
        let k = ls.partition_point(|l| l.range.end <= u.start);
        let split = ls[k].range.end < u.end;
        let glued = gu > 0 && !(gs[gu - 1].hang || is_han(gs[gu - 1].ch));
        // The unbreakable unit is the URL plus what is glued after it (a
        // mark such as `、` that may not start a line, even across a space:
        // `http://a.b/c?d=1 、`): extend over the following non-Han
        // graphemes (conservatively).
        let unit_end = gs
            .iter()
            .skip_while(|g| g.start < u.end)
            .take_while(|g| !is_han(g.ch))
            .last()
            .map_or(u.end, |g| g.end);
        // Likewise before it: a break the rules forbid glues the URL to
        // what precedes (`“ http://…`: the quote may not end a line).
        let mut first = gu;
        while first > 0 && (gs[first].hang || violates(gs, first, o.rule)) {
            first -= 1;
        }
        let unit_start = gs[first].start;
        let uw: usize = gs
            .iter()
            .filter(|g| g.start >= unit_start && g.end <= unit_end)
            .map(|g| g.width)
            .sum();
        if split && !glued && uw <= o.width - ls[k].indent {
            return Err(format!("URL {:?} split though it fits a line", &text[u]));
        }
    }
    Ok(())
}

fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut paras = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures dir")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for f in files {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for a in v["articles"].as_array().into_iter().flatten() {
            for p in a["paragraphs"].as_array().into_iter().flatten() {
                paras.push(p.as_str().unwrap().to_string());
            }
        }
    }
    paras
}

/// Every corpus paragraph at every width 4..=160, both ambiguous settings,
/// display punctuation on and off, for one rule level (one test per level
/// so the harness can run them in parallel).
fn corpus_every_width(rule: LineBreakRule) {
    let paras = corpus();
    assert!(paras.len() >= 10, "fixtures should hold the sample corpus");
    let mut cases = 0usize;
    for p in &paras {
        for width in 4..=160 {
            for ambiguous in AMBS {
                for display_punct in [false, true] {
                    for overhang in OVERHANGS {
                        let o = WrapOptions {
                            width,
                            indent: 4,
                            rule,
                            ambiguous,
                            display_punct,
                            overhang,
                        };
                        if let Err(e) = check(p, &o) {
                            panic!("{e}");
                        }
                        cases += 1;
                    }
                }
            }
        }
    }
    eprintln!(
        "corpus property cases ({rule:?}): {} paragraphs, {cases} wraps checked",
        paras.len()
    );
}

#[test]
fn corpus_every_width_none() {
    corpus_every_width(LineBreakRule::None);
}

#[test]
fn corpus_every_width_basic() {
    corpus_every_width(LineBreakRule::Basic);
}

#[test]
fn corpus_every_width_strict() {
    corpus_every_width(LineBreakRule::Strict);
}

/// Tokens generated text is made of: every rule character, the clusters the
/// spec names, spaces, and odd graphemes.
const TOKENS: &[&str] = &[
    "、",
    "，",
    "。",
    "．",
    "：",
    "；",
    "！",
    "？",
    "”",
    "’",
    "」",
    "』",
    "）",
    "》",
    "〉",
    "】",
    "〗",
    "〕",
    "］",
    "｝",
    "·",
    "～",
    "“",
    "‘",
    "「",
    "『",
    "（",
    "《",
    "〈",
    "【",
    "〖",
    "〔",
    "［",
    "｛",
    ",",
    ".",
    ";",
    ":",
    "?",
    "!",
    "(",
    ")",
    "——",
    "……",
    "—",
    "…",
    " ",
    " ",
    "  ",
    "\t",
    "\u{3000}",
    "5000",
    "COVID-19",
    "12.5%",
    "¥5,000.00",
    "1,000",
    "10:30",
    "Hello",
    "world",
    "supercalifragilisticexpialidocious",
    "http://a.b/c?d=1",
    "www.example.com/p",
    "e\u{301}",
    "👍🏽",
    "ｶﾞ",
    "かな",
    "한국",
    "■",
    "○",
    "●",
    "\"",
    "'",
    "-",
    "/",
];

fn text_strategy() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        5 => proptest::char::range('\u{4E00}', '\u{9FA5}').prop_map(String::from),
        4 => proptest::sample::select(TOKENS).prop_map(String::from),
        1 => "[a-z0-9]{1,12}",
    ];
    proptest::collection::vec(token, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_text(text in text_strategy(), width in 0usize..=160, indent in 0usize..=6) {
        for rule in RULES {
            for ambiguous in AMBS {
                for display_punct in [false, true] {
                    for overhang in OVERHANGS {
                        let o = WrapOptions { width, indent, rule, ambiguous, display_punct, overhang };
                        if let Err(e) = check(&text, &o) {
                            prop_assert!(false, "{}", e);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn generated_narrow_widths() {
    // Degenerate widths get their own run so they are not a rare sample.
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(1000));
    runner
        .run(&(text_strategy(), 0usize..=5), |(text, width)| {
            for rule in RULES {
                for ambiguous in AMBS {
                    for display_punct in [false, true] {
                        for overhang in OVERHANGS {
                            let o = WrapOptions {
                                width,
                                indent: 4,
                                rule,
                                ambiguous,
                                display_punct,
                                overhang,
                            };
                            if let Err(e) = check(&text, &o) {
                                prop_assert!(false, "{}", e);
                            }
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "total wraps checked so far in this binary: {}",
        WRAPS.load(Ordering::Relaxed)
    );
}
