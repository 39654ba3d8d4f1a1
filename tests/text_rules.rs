//! Table tests for the text module: one case per clreq rule character,
//! Latin/number clusters, degenerate widths, indent, ambiguous width and
//! display punctuation. Every assertion compares against a concrete
//! expected layout, so a wrong wrapper fails.
use kanbao::text::punct::fullwidth_substitutions;
use kanbao::text::rules::{HANGING_MARKS, NO_LINE_END, NO_LINE_START, may_hang};
use kanbao::text::width::{AmbiguousWidth, str_width};
use kanbao::text::wrap::{
    HANGING_ROOM, LineBreakRule, VisualLine, WrapOptions, display_line, line_of_offset,
    visible_range, wrap,
};

fn opts(width: usize, rule: LineBreakRule) -> WrapOptions {
    WrapOptions {
        width,
        indent: 0,
        rule,
        ambiguous: AmbiguousWidth::Narrow,
        display_punct: false,
        overhang: 0,
    }
}

/// The drawn text of each line.
fn lines_with<'a>(text: &'a str, o: &WrapOptions) -> Vec<&'a str> {
    let ls = wrap(text, o);
    check_invariants(text, o, &ls);
    ls.iter().map(|l| &text[visible_range(text, l)]).collect()
}

fn lines(text: &str, width: usize) -> Vec<&str> {
    lines_with(text, &opts(width, LineBreakRule::Basic))
}

/// Invariants every layout must satisfy (the property test checks them at
/// scale; here they guard every table case too).
fn check_invariants(text: &str, o: &WrapOptions, ls: &[VisualLine]) {
    assert!(!ls.is_empty());
    let joined: String = ls.iter().map(|l| &text[l.range.clone()]).collect();
    assert_eq!(joined, text, "ranges must concatenate to the paragraph");
    for (k, l) in ls.iter().enumerate() {
        let vis = &text[visible_range(text, l)];
        let avail = o.width - l.indent;
        let last = vis.chars().last().unwrap_or(' ');
        let hung = o.overhang > 0
            && may_hang(last)
            && l.width <= avail + o.overhang
            && l.width - str_width(&last.to_string(), o.ambiguous) <= avail;
        if l.width > avail && !hung {
            assert_eq!(
                unicode_segmentation::UnicodeSegmentation::graphemes(vis, true).count(),
                1,
                "line {k} {vis:?} is {} wide > {avail} with more than one grapheme",
                l.width
            );
        }
        let want_indent = if k == 0 {
            o.indent.min(o.width.saturating_sub(2))
        } else {
            0
        };
        assert_eq!(l.indent, want_indent, "line {k}");
    }
}

#[test]
fn every_no_line_start_char_is_pushed_in() {
    for &c in NO_LINE_START {
        let head = "一二三四五";
        let text = format!("{head}{c}六七");
        let w = str_width(head, AmbiguousWidth::Narrow);
        let got = lines(&text, w);
        assert_eq!(got[0], "一二三四", "{c:?}: {got:?}");
        assert!(got[1].starts_with('五'), "{c:?}: {got:?}");
        for l in &got[1..] {
            assert!(!l.starts_with(c), "{c:?} starts a line: {got:?}");
        }
    }
}

#[test]
fn every_no_line_end_char_is_carried_down() {
    for &c in NO_LINE_END {
        let head = format!("一二三四{c}");
        let text = format!("{head}五六七");
        let w = str_width(&head, AmbiguousWidth::Narrow);
        let got = lines(&text, w);
        assert_eq!(got[0], "一二三四", "{c:?}: {got:?}");
        assert!(got[1].starts_with(c), "{c:?}: {got:?}");
    }
}

#[test]
fn rule_none_lets_a_closing_quote_start_a_line() {
    // UAX #14 (with the LB19a adjustment) alone allows `”` after Han at a
    // line start; Basic must not.
    let text = "一二三四五”六七";
    let none = lines_with(text, &opts(10, LineBreakRule::None));
    assert_eq!(none, ["一二三四五", "”六七"]);
    let basic = lines_with(text, &opts(10, LineBreakRule::Basic));
    assert_eq!(basic, ["一二三四", "五”六七"]);
}

#[test]
fn opening_quote_is_a_break_opportunity_before_it() {
    // Unicode 15.0 UAX #14 would glue `说“` together; Chinese breaks there.
    assert_eq!(lines("一二三四说“你好”", 10), ["一二三四说", "“你好”"]);
    // ... and after a closing quote.
    assert_eq!(lines("一二三“好”他们", 10), ["一二三“好”", "他们"]);
}

#[test]
fn dash_and_ellipsis_are_never_split() {
    for mark in ["——", "……"] {
        let text = format!("一二三四{mark}五六");
        // Narrow: the mark is 2 columns; at width 9 only its first half fits.
        let basic = lines_with(&text, &opts(9, LineBreakRule::Basic));
        assert_eq!(
            basic,
            ["一二三四".to_string(), format!("{mark}五六")],
            "{mark}"
        );
        let strict = lines_with(&text, &opts(9, LineBreakRule::Strict));
        assert_eq!(
            strict,
            ["一二三".to_string(), format!("四{mark}五六")],
            "{mark}"
        );
        for w in 4..20 {
            for rule in [LineBreakRule::Basic, LineBreakRule::Strict] {
                for l in lines_with(&text, &opts(w, rule)) {
                    let ch: Vec<char> = mark.chars().collect();
                    assert!(
                        !l.starts_with(ch[1]) || l.starts_with(mark),
                        "{mark} split at {w}"
                    );
                    assert!(
                        !l.ends_with(ch[0]) || l.ends_with(mark),
                        "{mark} split at {w}"
                    );
                    if rule == LineBreakRule::Strict {
                        assert!(!l.starts_with(ch[0]), "strict: {mark} starts a line at {w}");
                    }
                }
            }
        }
    }
}

#[test]
fn numbers_and_latin_clusters_stay_whole() {
    for token in [
        "5000",
        "COVID-19",
        "12.5%",
        "¥5,000.00",
        "http://a.b/c?d=1&e=f/g",
    ] {
        let text = format!("一二三四{token}元五六七八");
        let tw = str_width(token, AmbiguousWidth::Narrow);
        for w in tw..tw + 12 {
            for rule in [
                LineBreakRule::None,
                LineBreakRule::Basic,
                LineBreakRule::Strict,
            ] {
                let got = lines_with(&text, &opts(w, rule));
                assert!(
                    got.iter().any(|l| l.contains(token)),
                    "{token} broken at width {w}: {got:?}"
                );
            }
        }
    }
    // A URL with the spaces it hangs on.
    let got = lines("see https://example.com/a/b/c/d?x=1 now", 31);
    assert_eq!(got, ["see", "https://example.com/a/b/c/d?x=1", "now"]);
}

#[test]
fn push_in_before_number_keeps_han_break() {
    assert_eq!(lines("一二三四5000元", 10), ["一二三四", "5000元"]);
}

#[test]
fn overlong_latin_run_is_force_broken() {
    assert_eq!(
        lines("abcdefghijklmnopqrstuvwxyz", 10),
        ["abcdefghij", "klmnopqrst", "uvwxyz"]
    );
    // The force break still keeps `,` off the line start when it can.
    assert_eq!(lines("abcdefghij,klm", 10), ["abcdefghi", "j,klm"]);
    // After a Han break opportunity the long word starts on its own line.
    assert_eq!(
        lines("中文abcdefghijklmnop", 10),
        ["中文", "abcdefghij", "klmnop"]
    );
}

#[test]
fn odd_width_leaves_han_line_one_short() {
    let text = "一二三四五六七八九十".repeat(5);
    let ls = wrap(&text, &opts(41, LineBreakRule::Basic));
    assert_eq!(ls.len(), 3);
    assert_eq!(ls[0].width, 40);
    assert_eq!(ls[1].width, 40);
    assert_eq!(ls[2].width, 20);
}

#[test]
fn degenerate_widths_terminate() {
    let text = "中文，“测试”——abc 12.5% x……。";
    for w in 0..=3 {
        for rule in [
            LineBreakRule::None,
            LineBreakRule::Basic,
            LineBreakRule::Strict,
        ] {
            for ambiguous in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
                let o = WrapOptions {
                    width: w,
                    indent: 4,
                    rule,
                    ambiguous,
                    display_punct: true,
                    overhang: 0,
                };
                let ls = wrap(text, &o);
                check_invariants(text, &o, &ls);
                assert!(ls.len() <= text.chars().count());
            }
        }
    }
    // A grapheme wider than the line goes alone on its line.
    assert_eq!(lines("中文", 1), ["中", "文"]);
    assert_eq!(lines("ab中", 1), ["a", "b", "中"]);
    assert_eq!(lines("", 5), [""]);
}

#[test]
fn indent_applies_to_first_line_only() {
    let o = WrapOptions {
        indent: 4,
        ..opts(10, LineBreakRule::Basic)
    };
    let ls = wrap("一二三四五六七八九十", &o);
    let text = "一二三四五六七八九十";
    assert_eq!(
        ls.iter()
            .map(|l| &text[l.range.clone()])
            .collect::<Vec<_>>(),
        ["一二三", "四五六七八", "九十"]
    );
    assert_eq!(ls.iter().map(|l| l.indent).collect::<Vec<_>>(), [4, 0, 0]);
    // The indent is clamped so a full-width character still fits.
    let ls = wrap(
        "一二",
        &WrapOptions {
            indent: 4,
            ..opts(3, LineBreakRule::Basic)
        },
    );
    assert_eq!(ls[0].indent, 1);
}

#[test]
fn wide_ambiguous_counts_two_columns() {
    let text = "一——二";
    let narrow = lines_with(text, &opts(4, LineBreakRule::Basic));
    assert_eq!(narrow, ["一——", "二"]);
    let wide = lines_with(
        text,
        &WrapOptions {
            ambiguous: AmbiguousWidth::Wide,
            ..opts(4, LineBreakRule::Basic)
        },
    );
    assert_eq!(wide, ["一", "——", "二"]);
    let ls = wrap(
        "“好”",
        &WrapOptions {
            ambiguous: AmbiguousWidth::Wide,
            ..opts(80, LineBreakRule::Basic)
        },
    );
    assert_eq!(ls[0].width, 6);
}

#[test]
fn display_punct_measures_full_width_forms() {
    let text = "衡阳,湖南";
    assert_eq!(wrap(text, &opts(80, LineBreakRule::Basic))[0].width, 9);
    let on = WrapOptions {
        display_punct: true,
        ..opts(80, LineBreakRule::Basic)
    };
    assert_eq!(wrap(text, &on)[0].width, 10);
    // At width 5 the full-width comma no longer fits after 衡阳: push-in.
    let narrow = WrapOptions { width: 5, ..on };
    assert_eq!(lines_with(text, &narrow), ["衡", "阳,", "湖南"]);
    let ascii = opts(5, LineBreakRule::Basic);
    assert_eq!(lines_with(text, &ascii), ["衡阳,", "湖南"]);
    // The UI draws the full-width form.
    let ls = wrap(text, &on);
    let subs = fullwidth_substitutions(text);
    assert_eq!(display_line(text, &ls[0], &subs), "衡阳，湖南");
    // Parentheses after Han become `（ ）`, and `（` may not end a line.
    let text = "一二三四(团队)五";
    let ls = lines_with(text, &WrapOptions { width: 10, ..on });
    assert_eq!(ls, ["一二三四", "(团队)五"]);
}

#[test]
fn punct_substitution_cases() {
    let subs = |t: &str| fullwidth_substitutions(t);
    assert!(subs("1,000").is_empty());
    assert!(subs("10:30").is_empty());
    assert!(subs("http://a.b/c?d=1").is_empty());
    assert!(subs("Hello, world").is_empty());
    assert_eq!(subs("衡阳,湖南"), [(6, '，')]);
    assert_eq!(subs("(团队)"), [(0, '（'), (7, '）')]);
}

#[test]
fn spaces_hang_at_line_end() {
    let text = "abc def ghi";
    let ls = wrap(text, &opts(7, LineBreakRule::Basic));
    assert_eq!(ls[0].range, 0..8);
    assert_eq!(ls[0].width, 7);
    assert_eq!(&text[ls[1].range.clone()], "ghi");
    // A dateline space before a number: break after the space.
    let text = "本报讯 6月30日";
    let ls = wrap(text, &opts(7, LineBreakRule::Basic));
    assert_eq!(&text[ls[0].range.clone()], "本报讯 ");
    assert_eq!(ls[0].width, 6);
    assert_eq!(&text[ls[1].range.clone()], "6月30日");
}

#[test]
fn mandatory_break_is_kept() {
    assert_eq!(lines("一二\n三", 80), ["一二", "三"]);
}

#[test]
fn anchoring_helpers() {
    let text = "一二三四五六七八九十";
    let ls = wrap(text, &opts(8, LineBreakRule::Basic));
    assert_eq!(ls.len(), 3);
    assert_eq!(line_of_offset(&ls, 0), 0);
    assert_eq!(line_of_offset(&ls, 11), 0);
    assert_eq!(line_of_offset(&ls, 12), 1);
    assert_eq!(line_of_offset(&ls, text.len()), 2);
    assert_eq!(line_of_offset(&ls, 999), 2);
    assert_eq!(line_of_offset(&[], 3), 0);
}

#[test]
fn corpus_style_ascii_punctuation() {
    // The sample corpus uses ASCII `,` and `;` between Han throughout.
    let text = "副市长朱忠明来衡调研时强调,要深入贯彻";
    let got = lines(text, 26);
    assert_eq!(got, ["副市长朱忠明来衡调研时强", "调,要深入贯彻"]);
}

#[test]
fn url_glued_to_an_opening_quote_moves_down_whole_when_it_fits() {
    // `“` may not end a line, so `“ http://…、` is one unit; where it fits a
    // line, the break goes before the quote rather than inside the URL.
    let text = "一一“ http://a.b/c?d=1、一";
    let got = lines(text, 20);
    assert!(got.contains(&"“ http://a.b/c?d=1、"), "{got:?}");
    assert_eq!(got.last(), Some(&"一"));
    // Where the unit is wider than a line, the URL is split and the rules
    // are kept (the quote does not end a line).
    let text = "“ http://a.b/c?d=1、一";
    let got = lines(text, 19);
    assert_eq!(got.concat(), text);
    assert!(got[0].starts_with("“ http"), "{got:?}");
}

/// Options with hanging punctuation on (what the reading pane's body uses).
fn hanging(width: usize) -> WrapOptions {
    WrapOptions {
        overhang: HANGING_ROOM,
        ..opts(width, LineBreakRule::Basic)
    }
}

#[test]
fn every_hanging_mark_hangs_instead_of_pushing_in() {
    for &c in HANGING_MARKS {
        let head = "一二三四五";
        let text = format!("{head}{c}六七");
        let w = str_width(head, AmbiguousWidth::Narrow);
        let ls = wrap(&text, &hanging(w));
        let got = lines_with(&text, &hanging(w));
        assert_eq!(got[0], format!("{head}{c}"), "{c:?}: {got:?}");
        assert_eq!(got[1], "六七", "{c:?}: {got:?}");
        // The line is full and the mark is past the measure.
        assert_eq!(
            ls[0].width,
            w + str_width(&c.to_string(), AmbiguousWidth::Narrow)
        );
    }
    // Off (the default): push-in, as before.
    assert_eq!(lines("一二三四五，六七", 10), ["一二三四", "五，六七"]);
}

#[test]
fn hanging_needs_room_and_a_line_start_after_the_mark() {
    // `。”` together may not hang (3 columns, and `”` may not start a line
    // either): push-in.
    assert_eq!(
        lines_with("一二三四五。”六七", &hanging(10)),
        ["一二三四", "五。”六七"]
    );
    // The interpunct and the wave dash never hang.
    for c in ['·', '～'] {
        let text = format!("一二三四五{c}六七");
        let got = lines_with(&text, &hanging(10));
        assert_eq!(got[0], "一二三四", "{c:?}: {got:?}");
    }
    // Overhang 1: a full-width mark does not fit, an ASCII one does.
    let one = WrapOptions {
        overhang: 1,
        ..hanging(10)
    };
    assert_eq!(
        lines_with("一二三四五，六七", &one),
        ["一二三四", "五，六七"]
    );
    assert_eq!(lines_with("一二三四五,六七", &one), ["一二三四五,", "六七"]);
    // A line one column short (odd content) hangs the mark by one column.
    let ls = wrap("a一二三四，五", &hanging(10));
    assert_eq!(ls[0].width, 11);
    // No clreq rules, no hanging (UAX #14 alone keeps `，` off the line
    // start: push-in).
    let none = WrapOptions {
        rule: LineBreakRule::None,
        ..hanging(10)
    };
    assert_eq!(
        lines_with("一二三四五，六七", &none),
        ["一二三四", "五，六七"]
    );
    // The mark hangs with the spaces after it; the next line starts after them.
    assert_eq!(
        lines_with("一二三四五， 六七", &hanging(10)),
        ["一二三四五，", "六七"]
    );
    // The end of the paragraph is a line start too.
    assert_eq!(lines_with("一二三四五。", &hanging(10)), ["一二三四五。"]);
}

#[test]
fn hanging_keeps_body_lines_full() {
    // A sample paragraph at 40 columns: every non-final line is full, or
    // full with a mark hanging.
    let text = "党中央、国务院关于民生保障的决策部署，扎实做好民政和残疾人等工作。\
        市委书记邓群策，市委副书记、市长朱健参加调研或座谈。";
    for w in [20, 30, 40, 52, 80] {
        let o = hanging(w);
        let ls = wrap(text, &o);
        check_invariants(text, &o, &ls);
        for l in &ls[..ls.len() - 1] {
            assert!(l.width + l.indent >= w, "{w}: {:?}", lines_with(text, &o));
        }
    }
}
