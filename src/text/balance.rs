//! Balanced headlines: a title that needs several lines gets lines of
//! near-equal width instead of a full line and a short remainder, breaks
//! between words when a word segmentation is given (jieba's, once loaded),
//! and leaves no line of one or two characters when the text has more.
//!
//! The breaks are the wrapper's own allowed ones (`wrap.rs`: UAX #14 with
//! the clreq rules, never inside a URL). Among them a dynamic program picks
//! the layout with the fewest lines (the greedy count), then the least
//! cost: an orphan line costs most, a break inside a word next, and then
//! the squared slack of every line — which, for a fixed number of lines,
//! is least when the lines are equal. When the greedy wrap needed a break
//! that is not an allowed one (a run wider than the line), or the text is
//! far longer than a headline, the greedy lines are kept.

use super::punct;
use super::wrap::{
    BASE, HANG, IN_URL, MANDATORY, RULE_OK, VisualLine, WrapOptions, clusters, wrap,
};

/// Longer texts are not headlines: wrapped greedily.
const MAX_CLUSTERS: usize = 400;
/// Cost of a line of one or two characters (when the text has more).
const ORPHAN: u64 = 1 << 40;
/// Cost of a break inside a word of the segmentation.
const INSIDE_WORD: u64 = 1 << 24;

/// Wrap `text` like [`wrap`], with balanced lines (see the module header).
/// `words`: ascending byte offsets where the words of `text` start (a
/// segmentation such as jieba's), or `None` to treat every allowed break
/// alike.
pub fn wrap_balanced(text: &str, opts: &WrapOptions, words: Option<&[usize]>) -> Vec<VisualLine> {
    let greedy = wrap(text, opts);
    if greedy.len() < 2 {
        return greedy;
    }
    let subs = if opts.display_punct {
        punct::fullwidth_substitutions(text)
    } else {
        Vec::new()
    };
    let gs = clusters(text, opts, &subs);
    let n = gs.len();
    if n > MAX_CLUSTERS {
        return greedy;
    }
    let mandatory = |k: usize| gs[k].flags & MANDATORY != 0;
    let allowed =
        |k: usize| mandatory(k) || gs[k].flags & (HANG | BASE | RULE_OK | IN_URL) == BASE | RULE_OK;
    let greedy_ok = greedy[1..].iter().all(|l| {
        let k = gs.partition_point(|g| g.start < l.range.start);
        k < n && allowed(k)
    });
    if !greedy_ok {
        return greedy;
    }
    // Line starts to choose from, then the end.
    let mut cands = vec![0];
    cands.extend((1..n).filter(|&k| allowed(k)));
    cands.push(n);

    // Prefix sums: widths, and letters (graphemes that start with a letter
    // or digit, Han included) for the orphan test.
    let mut width_before = vec![0usize; n + 1];
    let mut letters_before = vec![0usize; n + 1];
    // Index + 1 of the last visible (non-space) cluster before k.
    let mut vis_end = vec![0usize; n + 1];
    for (k, g) in gs.iter().enumerate() {
        width_before[k + 1] = width_before[k] + g.width;
        letters_before[k + 1] = letters_before[k] + usize::from(g.ch.is_alphanumeric());
        vis_end[k + 1] = if g.flags & HANG == 0 {
            k + 1
        } else {
            vis_end[k]
        };
    }
    let total_letters = letters_before[n];
    let first_indent = opts.indent.min(opts.width.saturating_sub(2));
    let is_word_start = |byte: usize| words.is_none_or(|w| w.binary_search(&byte).is_ok());

    // best[j]: (lines, cost, previous candidate) of the best layout of the
    // text before cands[j].
    let mut best: Vec<Option<(usize, u64, usize)>> = vec![None; cands.len()];
    best[0] = Some((0, 0, 0));
    for j in 1..cands.len() {
        let end = cands[j];
        for i in (0..j).rev() {
            let start = cands[i];
            let avail = if start == 0 {
                opts.width - first_indent
            } else {
                opts.width
            };
            let last = vis_end[end];
            let width = if last > start {
                width_before[last] - width_before[start]
            } else {
                0
            };
            if width > avail {
                break;
            }
            if let Some((lines, cost, _)) = best[i] {
                let slack = (avail - width) as u64;
                let mut c = cost + slack * slack;
                let letters = letters_before[end] - letters_before[start];
                if letters <= 2 && total_letters > 2 {
                    c += ORPHAN;
                }
                if end < n && !mandatory(end) && !is_word_start(gs[end].start) {
                    c += INSIDE_WORD;
                }
                let cand = (lines + 1, c, i);
                if best[j].is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                    best[j] = Some(cand);
                }
            }
            // A line never runs across a mandatory break.
            if start > 0 && mandatory(start) {
                break;
            }
        }
    }
    let Some((lines, _, _)) = best[cands.len() - 1] else {
        return greedy;
    };
    if lines > greedy.len() {
        return greedy;
    }
    let mut out = Vec::with_capacity(lines);
    let mut j = cands.len() - 1;
    while j > 0 {
        let Some((_, _, i)) = best[j] else {
            return greedy;
        };
        let (start, end) = (cands[i], cands[j]);
        let last = vis_end[end].max(start);
        out.push(VisualLine {
            range: gs[start].start..gs.get(end).map_or(text.len(), |g| g.start),
            width: width_before[last] - width_before[start],
            indent: if start == 0 { first_indent } else { 0 },
        });
        j = i;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::{AmbiguousWidth, str_width};

    fn opts(width: usize) -> WrapOptions {
        WrapOptions {
            width,
            ..WrapOptions::default()
        }
    }

    fn shown<'a>(text: &'a str, lines: &[VisualLine]) -> Vec<&'a str> {
        lines
            .iter()
            .map(|l| text[l.range.clone()].trim_end())
            .collect()
    }

    #[test]
    fn two_lines_of_near_equal_width() {
        let t = "邓群策再次调度全市创文创卫工作，强调——迅速进入临战状态，尽锐出战，务求全胜";
        let greedy = wrap(t, &opts(60));
        assert_eq!(greedy.len(), 2);
        assert!(greedy[0].width - greedy[1].width > 30, "{greedy:?}");
        let b = wrap_balanced(t, &opts(60), None);
        assert_eq!(b.len(), 2);
        assert!(b[0].width.abs_diff(b[1].width) <= 4, "{:?}", shown(t, &b));
        assert_eq!(shown(t, &b).concat(), t);
    }

    #[test]
    fn no_orphan_line() {
        // 22 characters at 40 columns: greedy leaves two alone.
        let t = "市政府召开第五次常务会议扎实抓好春季农业生产";
        let greedy = wrap(t, &opts(40));
        assert_eq!(str_width(shown(t, &greedy)[1], AmbiguousWidth::Narrow), 4);
        let b = wrap_balanced(t, &opts(40), None);
        assert_eq!(
            shown(t, &b),
            ["市政府召开第五次常务会", "议扎实抓好春季农业生产"]
        );
    }

    #[test]
    fn breaks_between_words_when_given() {
        let t = "一二三四五六七八九十";
        // Without words: 5 and 5.
        assert_eq!(
            shown(t, &wrap_balanced(t, &opts(14), None)),
            ["一二三四五", "六七八九十"]
        );
        // Words 一二三 / 四五六七 / 八九十: the break moves to a word start.
        let words = [0, 9, 21];
        let b = wrap_balanced(t, &opts(14), Some(&words));
        let starts: Vec<usize> = b.iter().map(|l| l.range.start).collect();
        assert!(
            starts.iter().all(|s| words.contains(s)),
            "{:?}",
            shown(t, &b)
        );
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn one_line_and_forced_breaks_are_the_greedy_ones() {
        let o = opts(20);
        for t in ["短标题", "", "supercalifragilisticexpialidocious 中文标题"] {
            assert_eq!(wrap_balanced(t, &o, None), wrap(t, &o), "{t}");
        }
    }

    #[test]
    fn rules_still_hold() {
        // `，` may not start a line, `“` may not end one.
        let t = "关于“十四五”规划，全市上下要迅速进入临战状态，尽锐出战";
        for w in 10..60 {
            let b = wrap_balanced(t, &opts(w), None);
            assert_eq!(shown(t, &b).concat(), t);
            for (k, l) in shown(t, &b).iter().enumerate() {
                assert!(k == 0 || !l.starts_with('，'), "{w}: {:?}", shown(t, &b));
                assert!(!l.ends_with('“'), "{w}: {:?}", shown(t, &b));
                assert!(b[k].width <= w, "{w}: {:?}", shown(t, &b));
            }
            assert!(b.len() <= wrap(t, &opts(w)).len());
        }
    }
}
