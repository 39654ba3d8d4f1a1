//! The few shapes that need a pattern: datelines, jump lines, mastheads,
//! photo credits. Compiled once.

use super::rules::{DATELINE_SOURCES, JUMP_FROM_WORDS, JUMP_TO_WORDS, Prefixes, trim_end_chars};
use crate::model::{Jump, JumpDirection};
use crate::text::chars::{is_han, is_space};
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file; a typo fails every test.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// A source not in `DATELINE_SOURCES` is 1–6 Han characters ending with
/// one of these (`…社`, `…网`, `…台`).
const SOURCE_ENDS: [char; 3] = ['社', '网', '台'];

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let sources = DATELINE_SOURCES.join("|");
    let ends: String = SOURCE_ENDS.iter().collect();
    re(&format!(
        r"^(?P<src>{sources}|\p{{Han}}{{1,6}}?[{ends}])(?P<place>\p{{Han}}{{0,8}}?)(?P<date>\d{{1,2}}月\d{{1,2}}日)?(?P<kind>[讯电])"
    ))
});
static SOURCES: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(DATELINE_SOURCES));

/// Does `讯` or `电` stand in `head`? A search for their last bytes
/// (0xAF, 0xB5: rare continuation bytes), each hit checked.
pub fn holds_wire(head: &[u8]) -> bool {
    memchr::memchr2_iter(0xAF, 0xB5, head).any(|i| {
        let c = &head[i.saturating_sub(2)..=i];
        c == "讯".as_bytes() || c == "电".as_bytes()
    })
}

/// `日`, searched for in the heads of units (a dated lead's `…日电`): a
/// searcher built once (a `char` search looks for its last byte, a common
/// continuation byte, and stops at many others).
static DAY: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("日"));

/// Does `日电` or `日讯` stand in `head`?
pub fn holds_day_wire(head: &[u8]) -> bool {
    let after = |i: usize| &head[i + '日'.len_utf8()..];
    DAY.find_iter(head)
        .any(|i| after(i).starts_with("电".as_bytes()) || after(i).starts_with("讯".as_bytes()))
}

/// How far into a paragraph a dateline's `讯`/`电` can stand: a source
/// (≤ 7 characters), a place (≤ 8) and `MM月DD日`, 3 bytes a character.
const DATELINE_MAX_BYTES: usize = 81;

/// The dateline a lead paragraph opens with (`本报讯`, `新华社北京7月1日电`),
/// and the byte length it covers.
pub fn dateline(text: &str) -> Option<&str> {
    // Cheap gates before the regex, which runs only on leads (and the odd
    // look-alike): a dateline opens with a known source or has a source
    // end (社/网/台) among its characters 2–7, and it ends in 讯/电 within
    // its first few dozen bytes (source, place and date are short).
    if !SOURCES.any(text)
        && !text
            .chars()
            .skip(1)
            .take(6)
            .any(|c| SOURCE_ENDS.contains(&c))
    {
        return None;
    }
    let mut head = text.len().min(DATELINE_MAX_BYTES);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    // Two one-character searches (each a `memchr` for the character's
    // last byte) are cheaper than one search for either character, which
    // decodes every character.
    if !text[..head].contains('讯') && !text[..head].contains('电') {
        return None;
    }
    // The common leads (`本报讯`, `本报衡阳7月1日讯`): the pattern tries the
    // known sources first, in order, so for the first one the text starts
    // with, `known_source_match` finds the match it would find — or says
    // it cannot tell, and the pattern runs.
    if let Some(source) = SOURCES.of(text).next() {
        if let Some((whole, dated, kind)) = known_source_match(text, source.len()) {
            let next = text[whole..].chars().next();
            return accept(&text[..whole], true, dated, kind, next);
        }
    }
    dateline_by_pattern(text)
}

/// `dateline` with the pattern only (no hand-parsed leads).
fn dateline_by_pattern(text: &str) -> Option<&str> {
    let caps = DATELINE.captures(text)?;
    let whole = caps.get(0)?;
    let known = DATELINE_SOURCES.contains(&&caps["src"]);
    let kind = caps["kind"].chars().next()?;
    let next = text[whole.end()..].chars().next();
    accept(
        whole.as_str(),
        known,
        caps.name("date").is_some(),
        kind,
        next,
    )
}

/// How a character stands to `DATELINE`'s classes, where that is certain
/// without Unicode tables: ASCII (`\d` only for 0–9, never `\p{Han}`) and
/// the CJK Unified Ideographs block (all `\p{Han}`, never `\d`).
#[derive(Clone, Copy, PartialEq)]
enum Class {
    Digit,
    Han,
    Other,
}

fn class(c: char) -> Option<Class> {
    match c {
        '0'..='9' => Some(Class::Digit),
        '\u{4E00}'..='\u{9FFF}' => Some(Class::Han),
        _ if c.is_ascii() => Some(Class::Other),
        _ => None,
    }
}

/// `DATELINE`'s match for a text starting with the known source that
/// ends at byte `src`, by hand: the shortest place (0–8 Han characters)
/// after which comes `讯`/`电`, preferring a date (`\d{1,2}月\d{1,2}日`)
/// before it at each place length, as the pattern's lazy place and greedy
/// optional date do. Returns the match's end, whether it has a date, and
/// its kind; `None` — let the pattern decide, also the other sources it
/// would try — when there is no such match, or a character is one whose
/// class (`\d`, `\p{Han}`) this does not know for sure.
fn known_source_match(text: &str, src: usize) -> Option<(usize, bool, char)> {
    let mut at = src;
    for places in 0..=8 {
        if let Some(end) = date_at(text, at)? {
            if let Some(kind) = text[end..]
                .chars()
                .next()
                .filter(|c| matches!(c, '讯' | '电'))
            {
                return Some((end + kind.len_utf8(), true, kind));
            }
        }
        let c = text[at..].chars().next()?;
        if matches!(c, '讯' | '电') {
            return Some((at + c.len_utf8(), false, c));
        }
        if places == 8 || class(c)? != Class::Han {
            return None;
        }
        at += c.len_utf8();
    }
    None
}

/// `\d{1,2}月\d{1,2}日` at byte `at`: `Some(Some(end))` if it matches,
/// `Some(None)` if not, `None` if a character's class is not known.
fn date_at(text: &str, at: usize) -> Option<Option<usize>> {
    let mut chars = text[at..].char_indices();
    for unit in ['月', '日'] {
        let mut digits = 0;
        loop {
            let Some((_, c)) = chars.next() else {
                return Some(None);
            };
            if c == unit && digits > 0 {
                break;
            }
            if class(c)? != Class::Digit || digits == 2 {
                return Some(None);
            }
            digits += 1;
        }
    }
    Some(Some(at + chars.offset()))
}

/// The last test of a dateline match `tag` (source known or not, with a
/// date or not, ending in `kind`, followed by `next`).
fn accept(tag: &str, known: bool, dated: bool, kind: char, next: Option<char>) -> Option<&str> {
    // `…电` could be the start of 电视/电网 and a generic `…社/网` source could
    // be any phrase: unless a date pins it down, the tag must be followed by
    // something that is not a Han character (space, bracket, digit, end).
    let pinned = dated || (known && kind == '讯');
    if !pinned && next.is_some_and(is_han) {
        return None;
    }
    Some(tag)
}

/// An embedded byline right after a dateline: `（记者 张三 通讯员 李四）`.
pub fn embedded_bracket(after_dateline: &str) -> Option<&str> {
    let s = after_dateline.trim_start_matches(is_space);
    let inner = s.strip_prefix('（').or_else(|| s.strip_prefix('('))?;
    let end = inner.find(['）', ')'])?;
    Some(&inner[..end])
}

/// `（下转第2版）`: bracket, direction word, optional 第, page, 版/页, bracket.
static JUMP: LazyLock<String> = LazyLock::new(|| {
    let mut words: Vec<&str> = JUMP_TO_WORDS
        .iter()
        .chain(JUMP_FROM_WORDS)
        .copied()
        .collect();
    // Longest first, so 下转 is not read as 转.
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!(
        r"[（(]\s*(?P<dir>{})\s*第?\s*(?P<page>[A-Za-z]?\d{{1,3}}|[一二三四五六七八九十]{{1,3}})\s*[版页][^）)]{{0,10}}[）)]",
        words.join("|")
    )
});
static JUMP_WHOLE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{}$", *JUMP)));
static JUMP_END: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"{}$", *JUMP)));
static JUMP_START: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{}", *JUMP)));

/// A jump line is short: only this many bytes at a paragraph's end are
/// searched, so a huge paragraph costs nothing extra.
const JUMP_TAIL_BYTES: usize = 96;

fn jump_from(caps: &regex::Captures<'_>, text: &str) -> Jump {
    let direction = if JUMP_TO_WORDS.contains(&&caps["dir"]) {
        JumpDirection::To
    } else {
        JumpDirection::From
    };
    Jump {
        text: text.to_owned(),
        direction,
        page: caps["page"].to_owned(),
    }
}

/// A block that is only a jump line (`（下转第2版）`).
pub fn jump_whole(text: &str) -> Option<Jump> {
    if !text.starts_with(['（', '(']) || !text.ends_with(['）', ')']) {
        return None;
    }
    let caps = JUMP_WHOLE.captures(text)?;
    Some(jump_from(&caps, text))
}

/// The last few dozen bytes of `text` (on a char boundary): where end
/// patterns are searched, so their cost does not grow with the paragraph.
fn tail(text: &str) -> &str {
    let mut from = text.len().saturating_sub(JUMP_TAIL_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

/// A jump line at the end of a paragraph: the jump and the text before it.
pub fn jump_at_end(text: &str) -> Option<(Jump, &str)> {
    if !text.ends_with(['）', ')']) {
        return None;
    }
    let from = text.len() - tail(text).len();
    // A jump line has its 版/页 inside the tail (most text ending with a
    // bracket is an aside, not a jump line).
    if !text[from..].contains(['版', '页']) {
        return None;
    }
    let caps = JUMP_END.captures(&text[from..])?;
    let m = caps.get(0)?;
    Some((
        jump_from(&caps, m.as_str()),
        text[..from + m.start()].trim_end_matches(is_space),
    ))
}

/// A jump line at the start of a paragraph: the jump and the text after it.
pub fn jump_at_start(text: &str) -> Option<(Jump, &str)> {
    if !text.starts_with(['（', '(']) {
        return None;
    }
    let caps = JUMP_START.captures(text)?;
    let m = caps.get(0)?;
    Some((
        jump_from(&caps, m.as_str()),
        text[m.end()..].trim_start_matches(is_space),
    ))
}

static PHOTO_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:\s|记者|通讯员|摄影|摄像|/|／)\s*\p{Han}{0,5}\s*摄\s*[）)]?$"));

/// Does the block end with a photo credit (`本报记者 张三 摄`)?
pub fn ends_with_photo_credit(text: &str) -> bool {
    trim_end_chars(text, &['）', ')']).ends_with('摄') && PHOTO_CREDIT.is_match(tail(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(dateline("本报讯 6月30日至7月1日"), Some("本报讯"));
        assert_eq!(dateline("本报讯（记者 张三）"), Some("本报讯"));
        assert_eq!(dateline("本报衡阳7月1日讯 昨日"), Some("本报衡阳7月1日讯"));
        assert_eq!(
            dateline("本报广州11月28日电 记者"),
            Some("本报广州11月28日电")
        );
        assert_eq!(
            dateline("新华社北京7月1日电（记者 张三）"),
            Some("新华社北京7月1日电")
        );
        assert_eq!(
            dateline("人民网北京7月1日电 据"),
            Some("人民网北京7月1日电")
        );
        assert_eq!(dateline("中新社上海3月2日电 "), Some("中新社上海3月2日电"));
        assert_eq!(dateline("全市电网公司加强电力保障"), None);
        assert_eq!(dateline("本报电视台"), None);
        assert_eq!(dateline("朱忠明先后前往衡东县"), None);
    }

    #[test]
    fn hand_parsed_leads_match_the_pattern() {
        let pieces = [
            "本报",
            "新华社",
            "中国新闻网",
            "中新",
            "社",
            "衡阳",
            "北京",
            "讯",
            "电",
            "视",
            "7",
            "12",
            "123",
            "月",
            "日",
            "１",
            "〇",
            "㐀",
            " ",
            "（",
            "a",
            "网",
            "台",
            "9月",
            "3日",
        ];
        let mut rng = crate::loader::test_rng::XorShift::default();
        let mut next = || rng.next();
        for _ in 0..200_000 {
            let mut t =
                String::from(["本报", "新华社", "人民网", "中国新闻网"][next() as usize % 4]);
            for _ in 0..next() % 12 {
                t.push_str(pieces[next() as usize % pieces.len()]);
            }
            let mut head = t.len().min(DATELINE_MAX_BYTES);
            while !t.is_char_boundary(head) {
                head -= 1;
            }
            let pattern = if DATELINE_SOURCES.iter().any(|s| t.starts_with(s))
                && t[..head].contains(['讯', '电'])
            {
                dateline_by_pattern(&t)
            } else {
                None
            };
            assert_eq!(dateline(&t), pattern, "{t:?}");
        }
    }

    #[test]
    fn jumps() {
        let j = jump_whole("（下转第2版）").unwrap();
        assert_eq!((j.direction, j.page.as_str()), (JumpDirection::To, "2"));
        let j = jump_whole("(上接第1版)").unwrap();
        assert_eq!((j.direction, j.page.as_str()), (JumpDirection::From, "1"));
        let (j, rest) = jump_at_end("开展安全隐患排查。（下转第2版）").unwrap();
        assert_eq!(
            (j.text.as_str(), rest),
            ("（下转第2版）", "开展安全隐患排查。")
        );
        let (j, rest) = jump_at_start("（上接第A1版）记者了解到").unwrap();
        assert_eq!((j.page.as_str(), rest), ("A1", "记者了解到"));
        assert!(jump_whole("（团队）").is_none());
    }

    #[test]
    fn photo_credits() {
        assert!(ends_with_photo_credit("▲选手进行路演。 本报记者 张三 摄"));
        assert!(ends_with_photo_credit("选手进行路演（通讯员李四摄）"));
        assert!(!ends_with_photo_credit("要严格控制盐的摄"));
    }
}
