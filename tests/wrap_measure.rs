//! How ragged is the body's right edge? For widths 50–100, the share of
//! non-final body lines that end 1–2 columns short of the measure, without
//! and with hanging punctuation (clreq 行尾点号悬挂, `overhang`), on the
//! bundled sample and on real pages (`../shared/corpus/real/pages`, every
//! 20th file), with what made the remaining short lines short. A
//! measurement, not a check: it prints and asserts nothing about speed.
//!
//! `cargo test --release --test wrap_measure -- --ignored --nocapture`

use kanbao::model::Issue;
use kanbao::text::punct::fullwidth_substitutions;
use kanbao::text::rules::{is_no_line_end, is_no_line_start};
use kanbao::text::width::{AmbiguousWidth, str_width};
use kanbao::text::wrap::{HANGING_ROOM, LineBreakRule, WrapOptions, display_line, wrap};
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// The body paragraphs' first-line indent in the reading pane.
const INDENT: usize = 4;

/// Why a short line is short, from where it ends and what the next line
/// starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cause {
    /// The next line's first character would have fitted, but the mark
    /// after it may not start a line: push-in. Hanging fixes this.
    ClosingMark,
    /// The same with two marks (`。”`): too wide to hang; push-in stays.
    ClosingPair,
    /// The next line starts with an opening mark that fits but may not
    /// end a line.
    OpeningMark,
    /// The next line's first character does not fit the one column left
    /// (the line holds an odd number of narrow characters: digits, Latin,
    /// `“”` at ambiguous width 1), or it starts a number or Latin word
    /// that does not fit.
    NoFit,
    /// Anything else (an unsplittable `——`/`……`, …).
    Other,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    lines: usize,
    short: usize,
    by_cause: [usize; 5],
}

impl Tally {
    fn add(&mut self, t: &Tally) {
        self.lines += t.lines;
        self.short += t.short;
        for (a, b) in self.by_cause.iter_mut().zip(t.by_cause) {
            *a += b;
        }
    }
}

fn cause(slack: usize, next: &str, amb: AmbiguousWidth) -> Cause {
    let mut gs = next.graphemes(true);
    let first = gs.next().unwrap_or("");
    let second = gs.next().and_then(|g| g.chars().next());
    let third = gs.next().and_then(|g| g.chars().next());
    let fits = str_width(first, amb) <= slack;
    let first_char = first.chars().next().unwrap_or(' ');
    if fits && second.is_some_and(is_no_line_start) {
        if third.is_some_and(is_no_line_start) {
            Cause::ClosingPair
        } else {
            Cause::ClosingMark
        }
    } else if fits && is_no_line_end(first_char) {
        Cause::OpeningMark
    } else if !fits || first_char.is_ascii_alphanumeric() {
        Cause::NoFit
    } else {
        Cause::Other
    }
}

fn tally(paras: &[String], o: &WrapOptions) -> Tally {
    let mut t = Tally::default();
    for p in paras {
        let ls = wrap(p, o);
        let subs = if o.display_punct {
            fullwidth_substitutions(p)
        } else {
            Vec::new()
        };
        for (k, l) in ls.iter().enumerate().take(ls.len().saturating_sub(1)) {
            t.lines += 1;
            let avail = o.width - l.indent;
            if l.width >= avail || avail - l.width > 2 {
                continue;
            }
            t.short += 1;
            let next = display_line(p, &ls[k + 1], &subs);
            t.by_cause[cause(avail - l.width, &next, o.ambiguous) as usize] += 1;
        }
    }
    t
}

fn paragraphs(issues: &[Issue]) -> Vec<String> {
    issues
        .iter()
        .flat_map(|i| &i.articles)
        .flat_map(|a| a.paragraphs.iter().cloned())
        .collect()
}

fn real_pages() -> Vec<Issue> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no {}: real pages skipped", dir.display());
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .step_by(20)
        .filter_map(|p| kanbao::loader::load_path(p).ok())
        .collect()
}

fn pct(n: usize, d: usize) -> f64 {
    100.0 * n as f64 / d.max(1) as f64
}

const CAUSES: [&str; 5] = [
    "closing mark",
    "closing pair",
    "opening mark",
    "no fit",
    "other",
];

fn shares(t: &Tally) -> String {
    let parts: Vec<String> = CAUSES
        .iter()
        .zip(t.by_cause)
        .map(|(name, n)| format!("{name} {:.1}%", pct(n, t.lines)))
        .collect();
    parts.join(", ")
}

/// Even widths only: the reading pane's text column always is one (a line
/// of Han at an odd width always ends a column short).
fn report(name: &str, paras: &[String]) {
    println!("\n{name}: {} paragraphs, even widths 50–100", paras.len());
    println!("width | lines | short: no hanging → hanging | closing mark: no hanging → hanging");
    let mut sums = [Tally::default(); 2];
    let mut ranges = [(f64::MAX, 0f64); 2];
    for width in (50..=100).step_by(2) {
        let mut row = Vec::new();
        for (h, overhang) in [0, HANGING_ROOM].into_iter().enumerate() {
            let o = WrapOptions {
                width,
                indent: INDENT,
                rule: LineBreakRule::Basic,
                ambiguous: AmbiguousWidth::Narrow,
                display_punct: true,
                overhang,
            };
            let t = tally(paras, &o);
            sums[h].add(&t);
            let share = pct(t.short, t.lines);
            ranges[h] = (ranges[h].0.min(share), ranges[h].1.max(share));
            row.push(t);
        }
        if width % 10 == 0 {
            let (a, b) = (row[0], row[1]);
            println!(
                "{width:>5} | {:>5} | {:5.1}% → {:5.1}% | {:5.1}% → {:5.1}%",
                a.lines,
                pct(a.short, a.lines),
                pct(b.short, b.lines),
                pct(a.by_cause[0], a.lines),
                pct(b.by_cause[0], b.lines),
            );
        }
    }
    // The same with `“ ” ‘ ’ — …` two columns wide (ambiguous width 2).
    let mut wide = Tally::default();
    for width in (50..=100).step_by(2) {
        let o = WrapOptions {
            width,
            indent: INDENT,
            rule: LineBreakRule::Basic,
            ambiguous: AmbiguousWidth::Wide,
            display_punct: true,
            overhang: HANGING_ROOM,
        };
        wide.add(&tally(paras, &o));
    }
    for (h, label) in ["no hanging", "hanging"].iter().enumerate() {
        let s = &sums[h];
        println!(
            "{label}: {:.1}% of {} non-final lines end 1–2 short (per width {:.1}–{:.1}%); \
             by cause: {}",
            pct(s.short, s.lines),
            s.lines,
            ranges[h].0,
            ranges[h].1,
            shares(s),
        );
    }
    println!(
        "hanging, ambiguous width 2: {:.1}% end 1–2 short; by cause: {}",
        pct(wide.short, wide.lines),
        shares(&wide)
    );
    if std::env::var_os("SHOW_SHORT").is_some() {
        show_short(paras);
    }
}

/// A few remaining short lines (hanging on, width 60) with their cause.
fn show_short(paras: &[String]) {
    let o = WrapOptions {
        width: 60,
        indent: INDENT,
        rule: LineBreakRule::Basic,
        ambiguous: AmbiguousWidth::Narrow,
        display_punct: true,
        overhang: HANGING_ROOM,
    };
    let mut shown = 0;
    for p in paras {
        let ls = wrap(p, &o);
        let subs = fullwidth_substitutions(p);
        for k in 0..ls.len().saturating_sub(1) {
            let l = &ls[k];
            let avail = o.width - l.indent;
            if l.width >= avail || avail - l.width > 2 {
                continue;
            }
            let next = display_line(p, &ls[k + 1], &subs);
            let c = cause(avail - l.width, &next, o.ambiguous);
            if matches!(c, Cause::ClosingMark | Cause::Other) && shown < 20 {
                shown += 1;
                let this = display_line(p, l, &subs);
                let tail: String = this
                    .chars()
                    .rev()
                    .take(8)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let head: String = next.chars().take(6).collect();
                println!("  {c:?}: …{tail} | {head}…");
            }
        }
    }
}

#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn short_body_lines_with_and_without_hanging() {
    report("sample", &paragraphs(&[kanbao::loader::sample()]));
    let real = real_pages();
    if !real.is_empty() {
        report(
            &format!("real pages (every 20th: {} files)", real.len()),
            &paragraphs(&real),
        );
    }
}
