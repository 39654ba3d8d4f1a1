//! Display-only punctuation: ASCII `, ; : ? ! ( )` used as Chinese
//! punctuation (next to Han) are shown in their full-width forms
//! `，；：？！（）`. The stored text never changes; this module only says
//! *which* bytes to draw differently, and the wrapper measures them (2
//! columns) and applies the line-start/end rules to the full-width form.
//!
//! When a mark counts as Chinese (the character sets live in `rules.rs`):
//! - never inside a URL (`http://a.b/c?d=1`) or between two ASCII digits
//!   (`1,000`, `10:30`);
//! - `, ; : ? !` when the character just before or just after is CJK
//!   (`衡阳,湖南`, `你好?`), or just after an already-converted mark
//!   (`什么?!`); Latin text (`Hello, world`) has neither;
//! - `(` under the same condition (`团队(`, `(团队`); `)` converts exactly
//!   when its matching `(` did, so pairs stay consistent (`(GDP)` after Han
//!   → `（GDP）`); an unmatched `)` uses the neighbour test.
use super::chars::is_cjk_context;
use super::rules::fullwidth_form;
use super::url::{inside, url_spans};
use std::borrow::Cow;

/// Byte offsets (ascending) of ASCII punctuation in `text` that should be
/// displayed as its full-width form, with that form.
pub fn fullwidth_substitutions(text: &str) -> Vec<(usize, char)> {
    let b = text.as_bytes();
    // Fast exit: most paragraphs of a full-width source have none of these.
    if !b
        .iter()
        .any(|c| matches!(c, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')'))
    {
        return Vec::new();
    }
    let urls = url_spans(text);
    let in_url = |i: usize| inside(&urls, i) || urls.iter().any(|r| r.start == i);
    let mut out: Vec<(usize, char)> = Vec::new();
    // For each open '(' not yet closed: whether it was converted.
    let mut parens: Vec<bool> = Vec::new();
    let mut prev: Option<(usize, char)> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        if let Some(wide) = fullwidth_form(c).filter(|_| !in_url(i)) {
            let prev_cjk = prev.is_some_and(|(pi, pc)| {
                is_cjk_context(pc) || out.last().is_some_and(|&(o, _)| o == pi)
            });
            let next_cjk = next.is_some_and(is_cjk_context);
            let near_cjk = prev_cjk || next_cjk;
            let convert = match c {
                '(' => {
                    parens.push(near_cjk);
                    near_cjk
                }
                ')' => parens.pop().unwrap_or(near_cjk),
                _ => {
                    let numeric = prev.is_some_and(|(_, p)| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit());
                    near_cjk && !numeric
                }
            };
            if convert {
                out.push((i, wide));
            }
        }
        prev = Some((i, c));
    }
    out
}

/// `text` as the reading pane draws it: the Chinese uses of ASCII
/// punctuation in their full-width forms (for titles, snippets, copies).
pub fn display(text: &str) -> Cow<'_, str> {
    let subs = fullwidth_substitutions(text);
    apply(text, 0, &subs)
}

/// [`display`] when `on` (the reader's punctuation setting), else `text`.
pub fn shown(text: &str, on: bool) -> Cow<'_, str> {
    if on {
        display(text)
    } else {
        Cow::Borrowed(text)
    }
}

/// `s` (which starts at byte `offset` of the paragraph) with the
/// substitutions that fall inside it applied — what the UI draws.
pub fn apply<'a>(s: &'a str, offset: usize, subs: &[(usize, char)]) -> Cow<'a, str> {
    let lo = subs.partition_point(|&(o, _)| o < offset);
    let hi = subs.partition_point(|&(o, _)| o < offset + s.len());
    if lo == hi {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 2 * (hi - lo));
    let mut at = offset;
    for &(o, c) in &subs[lo..hi] {
        out.push_str(&s[at - offset..o - offset]);
        out.push(c);
        // Every substituted mark is one ASCII byte.
        at = o + 1;
    }
    out.push_str(&s[at - offset..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(t: &str) -> String {
        apply(t, 0, &fullwidth_substitutions(t)).into_owned()
    }

    #[test]
    fn substitution_table() {
        let cases = [
            ("衡阳,湖南", "衡阳，湖南"),
            ("1,000", "1,000"),
            ("共1,000元", "共1,000元"),
            ("10:30开会", "10:30开会"),
            ("上午10:30,开会", "上午10:30，开会"),
            ("http://a.b/c?d=1", "http://a.b/c?d=1"),
            ("见http://a.b/c?d=1,谢谢", "见http://a.b/c?d=1，谢谢"),
            ("Hello, world", "Hello, world"),
            ("Hello, world! (test)", "Hello, world! (test)"),
            ("成立(团队)后", "成立（团队）后"),
            ("(团队)", "（团队）"),
            ("经济(GDP)增长", "经济（GDP）增长"),
            ("(1)第一", "(1)第一"),
            ("为什么?!", "为什么？！"),
            ("他说;我听:好", "他说；我听：好"),
            ("使用Python,效果好", "使用Python，效果好"),
            ("完成了。(注)", "完成了。（注）"),
            ("a:b;c", "a:b;c"),
        ];
        for (input, want) in cases {
            assert_eq!(shown(input), want, "input {input:?}");
        }
    }

    #[test]
    fn offsets_ascending_and_ascii() {
        let t = "本报讯 6月30日至7月1日,副市长朱忠明来衡调研时强调,要(深入)贯彻?";
        let subs = fullwidth_substitutions(t);
        assert_eq!(subs.len(), 5);
        assert!(subs.windows(2).all(|w| w[0].0 < w[1].0));
        for (o, _) in subs {
            assert!(t.as_bytes()[o].is_ascii_punctuation());
        }
    }

    #[test]
    fn apply_with_offset() {
        let t = "中,文(a)";
        let subs = fullwidth_substitutions(t);
        assert_eq!(apply(&t[3..], 3, &subs), "，文（a）");
        assert_eq!(apply(&t[..3], 0, &subs), "中");
    }
}
