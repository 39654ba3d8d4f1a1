//! Masthead lines: a paper's name, a date, a weekday, a page and its
//! section, issue numbers (`衡阳日报 2020年7月2日 星期四`, `第01版：要闻`).

use super::rules::{PAPER_SUFFIXES, is_han};
use crate::model::Masthead;
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file; a typo fails every test.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

static MH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日|(?P<y2>\d{4})[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2})",
    )
});
static MH_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"第\s*(?P<p>[A-Za-z]?\d{1,3}|[一二三四五六七八九十]{1,3})\s*版(?:\s*[:：·|]?\s*\p{Han}{1,8})?|(?P<p2>[A-Z]\d{1,2})\s*版(?:\s*[:：·|]?\s*\p{Han}{1,8})?",
    )
});
static MH_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"星期[一二三四五六日天]|礼拜[一二三四五六日天]|周[一二三四五六日]|农历\p{Han}{2,8}|总?第\s*\d+\s*期|今日\s*\d+\s*版|[\s|｜/／·•:：,，\-—]+",
    )
});

/// Characters no part of a masthead holds: neither the patterns take
/// them nor is a paper's name made of them (Han only). A line holding one
/// leaves a token that is no name, so it is no masthead (`（下转第2版）`).
const NEVER_IN_MASTHEAD: &[char] = &['（', '）', '(', ')', '《', '》', '“', '”', '、', '【', '】'];

/// A paper's name: a short run of Han ending with a paper suffix (`衡阳日报`).
fn is_paper_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=12).contains(&n)
        && s.chars().all(is_han)
        && PAPER_SUFFIXES.iter().any(|suf| s.ends_with(suf))
}

/// More than 80 characters? (Counts the bytes that start a character.)
fn more_than_80_chars(text: &str) -> bool {
    text.len() > 80 && text.bytes().filter(|&b| (b as i8) >= -0x40).count() > 80
}

/// Does `text` hold a sentence mark or comma (`，` `。` `；` `！` `？` `,`)?
/// A byte search for `,` and the two lead bytes of those marks (U+FFxx
/// starts with 0xEF, U+30xx with 0xE3), then a look at the candidates.
fn has_sentence_mark(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3_iter(b',', 0xEF, 0xE3, b).any(|i| match b[i] {
        b',' => true,
        // `，` `；` `！` `？`: EF BC 8C / 9B / 81 / 9F.
        0xEF => {
            b.get(i + 1) == Some(&0xBC) && matches!(b.get(i + 2), Some(0x8C | 0x9B | 0x81 | 0x9F))
        }
        // `。`: E3 80 82.
        _ => b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82),
    })
}

/// If `text` is a masthead line — only a paper name, a date and/or a page
/// (with its section), weekday and issue numbers — its parsed parts.
pub fn masthead(text: &str) -> Option<Masthead> {
    // Cheap gates first: this runs on every block, the regexes only on
    // short blocks that could hold a date, a page or a paper's name.
    // A masthead is short (at most 80 characters), is not a sentence (no
    // sentence mark or comma), and has a page (版), a date (年 and 月, or
    // digits with two separators) or a paper's name. The first two tests
    // are byte searches; the characters are looked at only after them.
    if text.len() > 320 || has_sentence_mark(text) || more_than_80_chars(text) {
        return None;
    }
    let mut separators = 0;
    let (mut page, mut year, mut month, mut digit) = (false, false, false, false);
    for c in text.chars() {
        match c {
            '版' => page = true,
            '年' => year = true,
            '月' => month = true,
            '-' | '/' | '.' => separators += 1,
            '0'..='9' => digit = true,
            _ => {}
        }
    }
    let named = PAPER_SUFFIXES.iter().any(|suf| text.contains(suf));
    let likely = page || (year && month) || (separators >= 2 && digit) || named;
    if !likely || text.contains(NEVER_IN_MASTHEAD) {
        return None;
    }
    let date = MH_DATE.captures(text).and_then(|c| {
        let y = c.name("y").or(c.name("y2"))?.as_str();
        let m: u32 = c.name("m").or(c.name("m2"))?.as_str().parse().ok()?;
        let d: u32 = c.name("d").or(c.name("d2"))?.as_str().parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}-{m:02}-{d:02}"))
    });
    let page = MH_PAGE
        .captures(text)
        .and_then(|c| c.name("p").or(c.name("p2")).map(|m| m.as_str().to_owned()));
    // With neither a date nor a page only a paper's name would make it a
    // masthead, and a name ends with a suffix: skip the replacing then.
    if date.is_none() && page.is_none() && !named {
        return None;
    }
    let rest = MH_DATE.replace_all(text, " ");
    let rest = MH_PAGE.replace_all(&rest, " ");
    let rest = MH_OTHER.replace_all(&rest, " ");
    let mut paper = None;
    for token in rest.split(' ').filter(|t| !t.is_empty()) {
        if paper.is_none() && is_paper_name(token) {
            paper = Some(token.to_owned());
        } else {
            return None;
        }
    }
    if date.is_none() && page.is_none() && paper.is_none() {
        return None;
    }
    Some(Masthead {
        text: text.to_owned(),
        paper,
        date,
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masthead_byte_gates_match_the_characters() {
        for t in [
            "",
            "，",
            "。",
            "；",
            "！",
            "？",
            ",",
            "：（）、“”",
            "a,b",
            "衡阳日报",
            "第01版：要闻",
            "扎实做好民生保障等工作。",
            "（下转第2版）",
            "\u{FF0D}\u{3001}",
            "\u{FFFD}\u{3000}",
            "ｅ？",
        ] {
            let marks = t.contains(['，', '。', '；', '！', '？', ',']);
            assert_eq!(has_sentence_mark(t), marks, "{t:?}");
        }
        for n in [0, 1, 79, 80, 81, 200] {
            assert_eq!(more_than_80_chars(&"年".repeat(n)), n > 80);
            assert_eq!(more_than_80_chars(&"a".repeat(n)), n > 80);
            assert_eq!(more_than_80_chars(&"𠀀".repeat(n)), n > 80);
        }
    }

    #[test]
    fn never_in_masthead_is_taken_by_no_pattern() {
        for &c in NEVER_IN_MASTHEAD {
            assert!(!is_han(c), "{c}");
            for t in [
                format!("{c}"),
                format!("第1版{c}要闻"),
                format!("第1版：{c}"),
                format!("2020年7月1日{c}星期一"),
                format!("农历{c}{c}"),
                format!("{c} | {c}"),
            ] {
                for re in [&*MH_DATE, &*MH_PAGE, &*MH_OTHER] {
                    assert!(re.find_iter(&t).all(|m| !m.as_str().contains(c)), "{t}");
                }
            }
        }
    }

    #[test]
    fn mastheads() {
        let m = masthead("湘江日报 2021年3月15日 星期一 第01版：要闻").unwrap();
        assert_eq!(m.paper.as_deref(), Some("湘江日报"));
        assert_eq!(m.date.as_deref(), Some("2021-03-15"));
        assert_eq!(m.page.as_deref(), Some("01"));
        let m = masthead("衡阳日报 2020年7月2日 星期四").unwrap();
        assert_eq!(
            (m.paper.as_deref(), m.date.as_deref(), m.page),
            (Some("衡阳日报"), Some("2020-07-02"), None)
        );
        assert_eq!(
            masthead("第01版：要闻").unwrap().page.as_deref(),
            Some("01")
        );
        assert!(masthead("2020年7月1日起全面实施新规").is_none());
        assert!(masthead("朱忠明来衡调研时强调").is_none());
        assert!(masthead("扎实做好民生保障等工作").is_none());
    }
}
