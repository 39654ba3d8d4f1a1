//! The CJK-aware wrapper: paragraph text → visual lines (byte ranges).
//!
//! A pure function of `(text, WrapOptions)`; the UI caches its result per
//! (article, width, options). How a line is chosen:
//!
//! 1. **Break opportunities** come from UAX #14 (`unicode-linebreak`): any
//!    boundary between Han characters, never inside `5000`, `COVID-19`,
//!    `12.5%`, `¥5,000.00` or a Latin word, after (not before) spaces.
//!    Two East Asian adjustments, because the crate implements Unicode 15.0:
//!    curly quotes `“”‘’` between East Asian characters allow a break on
//!    their outer side (Unicode 15.1 LB19a), and an ellipsis `……` after Han
//!    may start a line (clreq allows it at the basic level). No break
//!    inside a URL (see `url.rs`). Mandatory breaks (after `\n`) are kept.
//! 2. **clreq prohibition rules** (`LineBreakRule::Basic`/`Strict`, data in
//!    `rules.rs`) then veto opportunities: no line starts with a closing
//!    mark, none ends with an opening mark, `——`/`……` are never split, and
//!    (`Strict`) never start a line.
//! 3. **Greedy fill with push-in**: each line ends at the *last* allowed
//!    opportunity whose content fits the measure, so a mark that may not
//!    start a line drags the previous character down with it and the line
//!    ends earlier (clreq §prohibition_rules, "push in" rather than
//!    "push out").
//! 4. **Hanging punctuation** (clreq 行尾点号悬挂, with
//!    [`WrapOptions::overhang`] > 0): when the grapheme that does not fit
//!    is a closing mark that may not start a line (`，。、”）`…, the
//!    [`HANGING_MARKS`](super::rules::HANGING_MARKS)), it hangs past the
//!    measure instead, so the line stays full and the right edge straight —
//!    if it fits in the overhang and a line may start after it (`。”`
//!    together do not hang: push-in as before). Only then is a line wider
//!    than the measure, by that one mark.
//! 5. **Fallbacks** when no allowed opportunity fits (a run longer than the
//!    line): the last fitting grapheme boundary that respects the clreq
//!    rules, else the last fitting grapheme boundary at all, else (a single
//!    grapheme wider than the line) that grapheme alone. So every line makes
//!    progress: no loop, and no line is wider than the measure unless it
//!    holds exactly one visible grapheme or ends with a hanging mark (4).
//!
//! **Whitespace convention**: spaces at a break "hang": they stay at the end
//! of the line they follow (so the ranges of consecutive lines concatenate
//! to exactly the paragraph), are not counted in [`VisualLine::width`] and
//! are not drawn ([`visible_range`] / [`display_line`] trim them). A line
//! never starts with a hanging space (U+3000, the ideographic space, is
//! ordinary full-width content, not hanging).
//!
//! **Widths** are per grapheme as ratatui draws them (see `width.rs`); with
//! `display_punct`, converted ASCII marks (`punct.rs`) count as their
//! full-width form (2 columns) and rules see the full-width form.
use super::chars::{is_east_asian, is_han, is_hanging_space};
use super::punct;
use super::rules::{CURLY_QUOTES, division_mark, is_no_line_end, is_no_line_start, may_hang};
use super::url;
use super::width::{AmbiguousWidth, grapheme_width};
use std::borrow::Cow;
use std::ops::Range;
use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

/// Chinese line-breaking strictness (W3C clreq levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineBreakRule {
    /// No prohibition rules: only the Unicode line-breaking algorithm
    /// (with the East Asian adjustments of the module header).
    None,
    /// clreq "basic": no closing marks at line start, no opening at line end,
    /// `——` and `……` never split.
    #[default]
    Basic,
    /// Basic plus `——` and `……` never start a line.
    Strict,
}

/// Options for [`wrap`]. Part of the wrap-cache key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WrapOptions {
    /// The measure in columns (the text column width).
    pub width: usize,
    /// First-line indent in columns (4 = two full-width spaces). Clamped to
    /// `width - 2` so that a full-width character still fits after it.
    pub indent: usize,
    /// Line-breaking level.
    pub rule: LineBreakRule,
    /// Ambiguous-width setting.
    pub ambiguous: AmbiguousWidth,
    /// Whether ASCII punctuation between Han is displayed full-width
    /// (it then measures 2 columns).
    pub display_punct: bool,
    /// Columns a closing mark may hang past `width` at a line end (clreq
    /// 行尾点号悬挂; module header, 4): 0 never, [`HANGING_ROOM`] for one
    /// full-width mark. Whoever draws the lines must leave that room.
    pub overhang: usize,
}

/// The overhang that lets one full-width closing mark hang: the columns a
/// text column keeps free on its right for it.
pub const HANGING_ROOM: usize = 2;

impl Default for WrapOptions {
    fn default() -> Self {
        Self {
            width: 80,
            indent: 0,
            rule: LineBreakRule::Basic,
            ambiguous: AmbiguousWidth::Narrow,
            display_punct: false,
            overhang: 0,
        }
    }
}

/// One visual line: a byte range of the paragraph and its display width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// Byte range into the paragraph text. Includes the hanging spaces at
    /// the end of the line (see the module header), so consecutive ranges
    /// concatenate to the whole paragraph.
    pub range: Range<usize>,
    /// Display width of the text in `range` without its trailing hanging
    /// spaces and without the indent.
    pub width: usize,
    /// Leading indent in columns (the first line's paragraph indent).
    pub indent: usize,
}

// Per-grapheme flags.
/// The grapheme is hanging whitespace.
pub(super) const HANG: u8 = 1;
/// UAX #14 (adjusted) allows a break before the grapheme.
pub(super) const BASE: u8 = 2;
/// A break before the grapheme is mandatory (after a line feed).
pub(super) const MANDATORY: u8 = 4;
/// A break before the grapheme breaks no clreq rule of the chosen level.
pub(super) const RULE_OK: u8 = 8;
/// The grapheme is inside a URL (not its first): a break before it splits
/// the URL.
pub(super) const IN_URL: u8 = 16;

/// One grapheme of the text with what the wrapper needs to know of it.
#[derive(Clone, Copy)]
pub(super) struct Cluster {
    /// Byte offset in the text.
    pub(super) start: usize,
    /// Display width.
    pub(super) width: usize,
    /// The grapheme's first char as displayed (after substitution).
    pub(super) ch: char,
    /// The per-grapheme flags above.
    pub(super) flags: u8,
}

/// Wrap `text` to `opts.width` columns. Always returns at least one line
/// (an empty paragraph is one empty line).
pub fn wrap(text: &str, opts: &WrapOptions) -> Vec<VisualLine> {
    let subs = if opts.display_punct {
        punct::fullwidth_substitutions(text)
    } else {
        Vec::new()
    };
    let gs = clusters(text, opts, &subs);
    let first_indent = opts.indent.min(opts.width.saturating_sub(2));
    let mut lines = Vec::new();
    let mut s = 0;
    while s < gs.len() {
        let indent = if lines.is_empty() { first_indent } else { 0 };
        let (end, width) = fill_line(&gs, s, opts.width - indent, opts.overhang);
        let byte_end = gs.get(end).map_or(text.len(), |g| g.start);
        lines.push(VisualLine {
            range: gs[s].start..byte_end,
            width,
            indent,
        });
        s = end;
    }
    if lines.is_empty() {
        lines.push(VisualLine {
            range: 0..0,
            width: 0,
            indent: first_indent,
        });
    }
    lines
}

/// One line starting at cluster `s` with `avail` columns (and `overhang`
/// more for a hanging mark): returns the index of the first cluster of the
/// next line and the line's width.
fn fill_line(gs: &[Cluster], s: usize, avail: usize, overhang: usize) -> (usize, usize) {
    let mut w = 0; // width up to the last visible cluster
    let mut pending = 0; // hanging space after it
    // Last fitting break candidates of each tier: (cluster index, width).
    let mut tier_a = None; // UAX #14 opportunity that respects the rules
    let mut tier_b = None; // any boundary that respects the rules
    let mut tier_o = None; // the same, outside URLs
    let mut tier_c = None; // any boundary
    for (i, g) in gs.iter().enumerate().skip(s) {
        if i > s {
            if g.flags & MANDATORY != 0 {
                return (i, w);
            }
            if g.flags & HANG == 0 {
                let cand = Some((i, w));
                if g.flags & RULE_OK != 0 {
                    if g.flags & BASE != 0 {
                        tier_a = cand;
                    }
                    tier_b = cand;
                    if g.flags & IN_URL == 0 {
                        tier_o = cand;
                    }
                }
                tier_c = cand;
            }
        }
        if g.flags & HANG != 0 {
            pending += g.width;
            continue;
        }
        let nw = w + pending + g.width;
        if nw > avail {
            if let Some(end) = hang_end(gs, s, i, pending, nw, avail + overhang) {
                return (end, nw);
            }
            if let Some(best) = tier_a {
                return best;
            }
            let pick = tier_b.or(tier_c);
            // The best break left splits a URL that, with the marks the
            // rules glue to it (`“ http://a.b/c、`), fits a line: break
            // before all that instead, at a break that keeps the rules.
            if let Some(p) = pick
                && gs[p.0].flags & IN_URL != 0
                && let Some(o) = tier_o
                && url_unit_width(gs, s, p.0) <= avail
            {
                return o;
            }
            if let Some(best) = pick {
                return best;
            }
            // Only when i == s: a grapheme wider than the line goes alone
            // (with the spaces hanging after it).
            let mut end = s + 1;
            while end < gs.len() && gs[end].flags & (HANG | MANDATORY) == HANG {
                end += 1;
            }
            return (end, g.width);
        }
        w = nw;
        pending = 0;
    }
    (gs.len(), w)
}

/// Whether cluster `i`, the first that does not fit the line from `s`, may
/// hang past the measure (module header, 4): a hanging mark right after
/// the line's content (no space between) that a line may not start with,
/// within `room` columns (`nw`: the line's width with it), followed by a
/// break a line may start after (or the end). Returns where the next line
/// starts: after the mark and the spaces that hang after it.
fn hang_end(
    gs: &[Cluster],
    s: usize,
    i: usize,
    pending: usize,
    nw: usize,
    room: usize,
) -> Option<usize> {
    let g = gs[i];
    if i == s || pending > 0 || nw > room || g.flags & RULE_OK != 0 || !may_hang(g.ch) {
        return None;
    }
    let mut end = i + 1;
    while end < gs.len() && gs[end].flags & (HANG | MANDATORY) == HANG {
        end += 1;
    }
    let next_ok = gs
        .get(end)
        .is_none_or(|n| n.flags & MANDATORY != 0 || n.flags & (BASE | RULE_OK) == BASE | RULE_OK);
    next_ok.then_some(end)
}

/// Width of the URL around cluster `k` (inside it) with what the rules
/// glue to it on either side — marks that may not start a line after it,
/// marks that may not end a line before it — from line start `s` on.
fn url_unit_width(gs: &[Cluster], s: usize, k: usize) -> usize {
    let glued = |g: &Cluster| g.flags & (HANG | RULE_OK) != RULE_OK;
    let mut start = k;
    while start > s && gs[start].flags & IN_URL != 0 {
        start -= 1;
    }
    while start > s && glued(&gs[start]) {
        start -= 1;
    }
    let mut end = k;
    while end < gs.len() && gs[end].flags & IN_URL != 0 {
        end += 1;
    }
    while end < gs.len() && glued(&gs[end]) && !is_han(gs[end].ch) {
        end += 1;
    }
    gs[start..end].iter().map(|g| g.width).sum()
}

/// Segment `text` into graphemes with width, display char and break flags.
pub(super) fn clusters(text: &str, opts: &WrapOptions, subs: &[(usize, char)]) -> Vec<Cluster> {
    let amb = opts.ambiguous;
    let mut gs: Vec<Cluster> = Vec::with_capacity(text.len() / 3 + 1);
    let mut sub_it = subs.iter().peekable();
    for (start, g) in text.grapheme_indices(true) {
        let first = g.chars().next().unwrap_or(' ');
        let mut ch = first;
        let mut width = None;
        while sub_it.next_if(|&&(o, _)| o < start).is_some() {}
        if let Some(&(_, wide)) = sub_it.next_if(|&&(o, _)| o == start) {
            ch = wide;
            let mut shown = String::with_capacity(g.len() + 2);
            shown.push(wide);
            shown.push_str(&g[first.len_utf8()..]);
            width = Some(grapheme_width(&shown, amb));
        }
        gs.push(Cluster {
            start,
            width: width.unwrap_or_else(|| grapheme_width(g, amb)),
            ch,
            flags: if is_hanging_space(first) { HANG } else { 0 },
        });
    }

    // UAX #14 opportunities, kept where they fall on grapheme boundaries.
    let mut k = 0;
    for (pos, op) in linebreaks(text) {
        while k < gs.len() && gs[k].start < pos {
            k += 1;
        }
        if k < gs.len() && gs[k].start == pos {
            gs[k].flags |= match op {
                BreakOpportunity::Mandatory => BASE | MANDATORY,
                BreakOpportunity::Allowed => BASE,
            };
        }
    }

    let urls = url::url_spans(text);
    let mut last_visible: Option<usize> = None;
    for i in 1..gs.len() {
        if gs[i - 1].flags & HANG == 0 {
            last_visible = Some(i - 1);
        }
        if gs[i].flags & BASE == 0 && east_asian_opportunity(&gs, i) {
            gs[i].flags |= BASE;
        }
        if gs[i].flags & MANDATORY == 0 && url::inside(&urls, gs[i].start) {
            gs[i].flags &= !BASE;
            gs[i].flags |= IN_URL;
        }
        let prev_end = last_visible.map(|v| gs[v].ch);
        if rule_ok(opts.rule, gs[i - 1].ch, prev_end, gs[i].ch) {
            gs[i].flags |= RULE_OK;
        }
    }
    gs
}

/// Whether a break before cluster `i` respects the clreq rules of `rule`.
/// `prev` is the cluster just before; `prev_visible` the last non-space one.
fn rule_ok(rule: LineBreakRule, prev: char, prev_visible: Option<char>, next: char) -> bool {
    if rule == LineBreakRule::None {
        return true;
    }
    // clreq §prohibition_rules_for_line_start_end (basic level).
    if is_no_line_start(next) || prev_visible.is_some_and(is_no_line_end) {
        return false;
    }
    // clreq §unbreakable_marks: `——` and `……` are one mark each.
    let mark = division_mark(next);
    if mark != 0 && division_mark(prev) == mark {
        return false;
    }
    // Strict: the dash and the ellipsis never start a line either.
    !(rule == LineBreakRule::Strict && mark != 0)
}

/// Break opportunities Unicode 15.0's UAX #14 misses in Chinese text.
fn east_asian_opportunity(gs: &[Cluster], i: usize) -> bool {
    use BreakClass as C;
    let (a, b) = (gs[i - 1], gs[i]);
    if (a.flags | b.flags) & HANG != 0 {
        return false;
    }
    let class = |c: char| break_property(c as u32);
    // Unicode 15.1 LB19a: a curly quote between East Asian characters can be
    // broken around on its outer side — before an opening `“` as in `说|“你`,
    // after a closing `”` as in `好”|他` — as long as the other neighbour does
    // not forbid it on its own (`（“`, `”。`).
    if CURLY_QUOTES.contains(&b.ch)
        && is_east_asian(a.ch)
        && gs.get(i + 1).is_some_and(|n| is_east_asian(n.ch))
    {
        return matches!(
            class(a.ch),
            C::Ideographic
                | C::ClosePunctuation
                | C::CloseParenthesis
                | C::Exclamation
                | C::InfixSeparator
                | C::NonStarter
                | C::ConditionalJapaneseStarter
                | C::After
                | C::Postfix
                | C::HangulLvSyllable
                | C::HangulLvtSyllable
                | C::HangulLJamo
                | C::HangulVJamo
                | C::HangulTJamo
        );
    }
    if CURLY_QUOTES.contains(&a.ch) && i >= 2 && is_east_asian(gs[i - 2].ch) && is_east_asian(b.ch)
    {
        return matches!(
            class(b.ch),
            C::Ideographic
                | C::OpenPunctuation
                | C::Prefix
                | C::Alphabetic
                | C::Numeric
                | C::HangulLvSyllable
                | C::HangulLvtSyllable
                | C::HangulLJamo
        );
    }
    // clreq lets `……` follow Han at a line start (only Strict forbids it);
    // UAX #14 LB22 glues it to whatever precedes.
    if division_mark(b.ch) == 2 && division_mark(a.ch) != 2 && is_east_asian(a.ch) {
        return matches!(
            class(a.ch),
            C::Ideographic
                | C::ClosePunctuation
                | C::CloseParenthesis
                | C::Exclamation
                | C::NonStarter
        );
    }
    false
}

/// Index of the line containing byte offset `byte` (the last line for
/// `byte >= text.len()`; 0 for an empty slice). For anchoring the scroll
/// position across re-wraps.
pub fn line_of_offset(lines: &[VisualLine], byte: usize) -> usize {
    lines
        .partition_point(|l| l.range.end <= byte)
        .min(lines.len().saturating_sub(1))
}

/// The part of `line` that is drawn: its range without trailing hanging
/// spaces.
pub fn visible_range(text: &str, line: &VisualLine) -> Range<usize> {
    let s = &text[line.range.clone()];
    let trimmed = s.trim_end_matches(is_hanging_space);
    line.range.start..line.range.start + trimmed.len()
}

/// What to draw for `line` (without the indent): the visible text with the
/// display-punctuation substitutions `subs` applied (pass an empty slice
/// when `display_punct` is off, or `punct::fullwidth_substitutions(text)`).
pub fn display_line<'a>(text: &'a str, line: &VisualLine, subs: &[(usize, char)]) -> Cow<'a, str> {
    let r = visible_range(text, line);
    punct::apply(&text[r.clone()], r.start, subs)
}
