//! What one unit looks like on its own: the shapes the cues are made of
//! (a dateline lead, a byline, a caption credit, a trailing credit, site
//! chrome, …). Each test is a pure function of the text, with its words
//! in `rules`/`words`.

use super::marks::Marks;
use super::masthead::masthead as parse_masthead;
use super::names::{parse_bracketed_byline, parse_byline, parse_written_byline};
use super::patterns;
use super::rules::{
    CAPTION_STARTS, CLOSERS, CREDIT_LABELS, END_MARKS, KICKER_ENDS, Prefixes, SENTENCE_ENDS,
    SPEECH_VERBS, SUBHEAD_STARTS, SUBTITLE_STARTS, is_han, strip_first_char, trim_end_chars,
    trim_start_chars,
};
use super::words::{CHROME_EXACT, CHROME_WORDS, CREDIT_WORDS, SALUTATIONS, SECTION_LABELS};
use regex::Regex;
use std::sync::LazyLock;

static CAPTIONS: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(CAPTION_STARTS));
static EDITORS: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(CREDIT_LABELS));
static SUBHEADS: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(SUBHEAD_STARTS));
static SUBTITLES: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(SUBTITLE_STARTS));

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file; a typo fails every test.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// A photo credit standing as a line of its own: `刘帅冶摄（人民视觉）`,
/// `新华社记者 陈 斌摄`, `本报记者 张三摄影报道`.
static PHOTO_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^[\p{Han}·\s、/／]{2,30}摄(?:影)?(?:报道)?\s*(?:[（(][\p{Han}·\s]{1,12}[）)])?$")
});
/// An art credit: `曹一图  杨立新文`, `文/张三 图/李四`.
static ART_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[\p{Han}·\s]{2,8}[图文]\s+[\p{Han}·\s]{2,8}[图文]$"));
/// `第01版：要闻`-like lists of pages, `01版：要闻` on a site.
static PAGE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:第\s*)?[A-Za-z]?\d{1,3}\s*版\s*[:：]?\s*\p{Han}"));
/// A numbered heading: `一、…`, `（一）…`, `1.…`, `第一章`.
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．]\D|第[一二三四五六七八九十\d]{1,3}[章节部篇])",
    )
});
/// A `【】` dateline: `【新华社重庆十四日电】`.
static BRACKET_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^【[\p{Han}]{1,8}?(?:社|报|网|台)[\p{Han}]{0,8}?(?:[\d一二三四五六七八九十〇]{1,4}月)?[\d一二三四五六七八九十〇]{1,4}日?[讯电]】",
    )
});
/// A lead dated in Chinese numerals: `新华社北京十月一日电`.
static HAN_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:据)?(?:本报|新华社|\p{Han}{1,6}?[社网台])\p{Han}{0,8}?(?:[一二三四五六七八九十〇]{1,3}月)?[一二三四五六七八九十〇]{1,3}日[讯电]",
    )
});

/// `CHROME_WORDS` as one pattern: one pass over the text for all words.
static CHROME_WORDS_RE: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = CHROME_WORDS.iter().map(|w| regex::escape(w)).collect();
    re(&words.join("|"))
});

/// Bullets of a site's menu items (never a byline marker: `●`/`■` open bylines).
const MENU_BULLETS: &[char] = &['•', '·', '▪', '»', '›'];

/// The shapes of one unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Characters.
    pub chars: usize,
    /// Ends a sentence (`。！？…；`, closers after them allowed).
    pub ends_sentence: bool,
    /// Ends with a comma-like mark (`，、`): a sentence going on.
    pub ends_open: bool,
    /// Holds a sentence end before its last character (`。` inside).
    pub inner_sentence: bool,
    /// Opens with a dateline (`本报北京1月1日电`, `【新华社…电】`).
    pub dateline: bool,
    /// A byline (`■本报记者 张三`, `本报记者 张三`, `作者：…`).
    pub byline: bool,
    /// A caption (`▲…`, `图为…`, `…摄`, a photo credit line).
    pub caption: bool,
    /// A whole jump line, or a paragraph starting/ending with one.
    pub jump: bool,
    /// A trailing credit in brackets (`（本报记者…报道）`, `（作者为…）`).
    pub trailing: bool,
    /// An editors' line (`责任编辑：…`).
    pub editors: bool,
    /// A masthead line (paper, date, page).
    pub masthead: bool,
    /// Site chrome (menus, page lists, footers, source lines).
    pub chrome: bool,
    /// Introduces what follows (`…强调`, `…：`, `…——`): a kicker's end.
    pub kicker_end: bool,
    /// Opens with a dash: a subtitle.
    pub dash_start: bool,
    /// Ends with a bracketed tag (`（人民论坛）`, `(新春走基层)`).
    pub column_tag: bool,
    /// Opens like a subhead (`一、`, `（一）`, `■`, `【`).
    pub subhead_mark: bool,
    /// A section label (`链接`, `记者手记`, `短评`).
    pub section_label: bool,
    /// An end mark (`（完）`).
    pub end_mark: bool,
    /// No Han character at all.
    pub no_han: bool,
    /// Holds a wide space (a title broken by the typesetter, a name list).
    pub inner_space: bool,
    /// Opens with a quote mark.
    pub quote_start: bool,
    /// Ends with a colon.
    pub ends_colon: bool,
    /// A letter's or speech's salutation (`亲爱的祖国母亲：`, `同志们，朋友们：`).
    pub salutation: bool,
    /// Short, no sentence end, no open end: could be a headline line.
    pub headline_shaped: bool,
    /// The whole line is in brackets (`（本系列评论到此结束）`).
    pub whole_bracket: bool,
    /// Holds two or more commas: a sentence, rarely a headline.
    pub commas: bool,
    /// An art credit (`曹一图  杨立新文`).
    pub art_credit: bool,
    /// Holds an enumeration comma `、`: a subtitle's list, rarely a title.
    pub enumeration: bool,
    /// Holds a digit (a subtitle's figures).
    pub digits: bool,
    /// Holds a comma.
    pub comma: bool,
}

/// Characters of `text`, counted.
fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Does `text` end a sentence (possibly followed by closing marks)?
pub fn ends_sentence(text: &str) -> bool {
    trim_end_chars(text, CLOSERS).ends_with(SENTENCE_ENDS)
}

/// A dateline a lead opens with, in any of its forms: the pattern's
/// (`本报讯`, `新华社北京7月1日电`), in `【】`, with Chinese numerals, or
/// after `据`. Returns the tag.
pub fn lead_dateline(text: &str) -> Option<&str> {
    // Every form but the `【】` one has its `讯`/`电` in the first 90
    // bytes: most units have none there, and are no lead.
    let head = &text.as_bytes()[..floor_boundary(text, 90)];
    let bracketed = text.starts_with('【');
    if !bracketed && !patterns::holds_wire(head) {
        return None;
    }
    if let Some(tag) = patterns::dateline(text) {
        return Some(tag);
    }
    if let Some(rest) = text.strip_prefix('据') {
        if let Some(tag) = patterns::dateline(rest) {
            return Some(&text[..'据'.len_utf8() + tag.len()]);
        }
    }
    // The patterns run only where their fixed parts are: a `【` first, or
    // `日电`/`日讯` near the start.
    if bracketed {
        if let Some(m) = BRACKET_DATELINE.find(text) {
            return Some(m.as_str());
        }
    }
    if !patterns::holds_day_wire(head) {
        return None;
    }
    HAN_DATELINE.find(text).map(|m| m.as_str())
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Could `text` open with a numbered heading? (The cheap test before the
/// pattern.)
fn may_be_ordinal(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        ) || matches!(c, '（' | '(' | '第')
            || c.is_ascii_digit()
    })
}

/// A photo credit line of its own (`新华社记者 陈 斌摄`).
pub fn is_photo_line(text: &str) -> bool {
    text.len() <= 120 && text.contains('摄') && PHOTO_LINE.is_match(text)
}

/// A caption: opens with `▲`/`图为`, ends with a photo credit, or is one.
pub fn is_caption(text: &str) -> bool {
    caption(text, &Marks::of(text))
}

/// [`is_caption`], with the text's marks: a photo credit holds `摄`.
fn caption(text: &str, m: &Marks) -> bool {
    CAPTIONS.any(text)
        || (m.photo && (patterns::ends_with_photo_credit(text) || is_photo_line(text)))
}

/// `责任编辑：张三 版式：李四`, possibly in brackets.
pub fn is_editors(text: &str) -> bool {
    if text.len() > 480 {
        return false;
    }
    let t = trim_start_chars(text, &['（', '(']);
    let t = t.strip_prefix("本版").unwrap_or(t);
    EDITORS
        .of(t)
        .any(|label| t[label.len()..].trim_start().starts_with([':', '：']))
        && chars(text) <= 120
}

/// A trailing credit: a whole line in brackets naming the authors or the
/// source (`（本报记者刘维涛、李昌禹报道）`, `（新华社北京1月1日电 记者秦杰）`,
/// `（作者为中国驻芬兰大使）`, `（本报科威特城1月1日电）`).
pub fn is_trailing_credit(text: &str) -> bool {
    let Some(inner) = text
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']))
    else {
        return false;
    };
    if chars(inner) > 80 || inner.contains(['（', '(', '）', ')']) {
        return false;
    }
    parse_bracketed_byline(text).is_some()
        || lead_dateline(inner).is_some()
        || CREDIT_WORDS.iter().any(|w| inner.contains(w))
}

/// Site chrome: a menu item, a page list entry, a footer, a source line.
pub fn is_chrome(text: &str) -> bool {
    chrome(text, &Marks::of(text))
}

/// [`is_chrome`], with the text's marks.
fn chrome(text: &str, m: &Marks) -> bool {
    if CHROME_EXACT.contains(&text) {
        return true;
    }
    // A menu item: a bullet and a word or two (`• 时政`).
    if let Some(item) = strip_first_char(text, MENU_BULLETS) {
        if chars(item.trim_start()) <= 12 && !ends_sentence(item) {
            return true;
        }
    }
    // Chrome is short: most units are not, and the byte length says so
    // (a character is one to four bytes).
    if text.len() > 400 {
        return false;
    }
    if text.len() <= 240
        && m.page_in_head(40)
        && chars(text) <= 60
        && PAGE_ITEM.is_match(text)
        && !ends_sentence(text)
    {
        return true;
    }
    // Footers and source lines are short; a long paragraph may quote a
    // web address without being chrome.
    text.len() <= 160 && may_hold_chrome_word(m) && CHROME_WORDS_RE.is_match(text)
}

/// A byline unit's parse as its shape found it: the byline text (`None`
/// for a written byline, `作者：…`, which stands as the unit's text) and
/// its authors. Kept so the unit is not parsed again when its article is
/// assembled: the parse is one of the dearest tests.
pub type Byline = (Option<String>, Vec<String>);

/// The byline `text` is, if any (before the caption test and the length
/// gate `shape` puts in front of it).
pub fn find_byline(text: &str) -> Option<Byline> {
    if let Some((byline, authors)) = parse_byline(text) {
        return Some((Some(byline), authors));
    }
    parse_written_byline(text).map(|authors| (None, authors))
}

/// The shapes of `text`.
pub fn shape(text: &str) -> Shape {
    shape_and_byline(text).0
}

/// [`shape`], with the byline parse if the unit is one.
pub fn shape_and_byline(text: &str) -> (Shape, Option<Byline>) {
    // A short text's counts come with its marks; a long one's from byte
    // searches. The other tests look only at the ends of the text, or run
    // on short texts.
    // Every threshold on the count is at most 60 characters: a text of
    // more than 240 bytes (WHOLE) has more than that, and is not counted.
    let m = Marks::of(text);
    let (n, commas, marks, space, opens) = if m.whole {
        (m.chars, m.commas, m.stops, m.space, m.opens)
    } else {
        let (commas, marks, space, opens) = Marks::punctuation(text.as_bytes());
        (text.len() / 3, commas, marks, space, opens)
    };
    let han = text.chars().take(8).any(is_han) || text.chars().any(is_han);

    let last = text.chars().next_back();
    let trimmed = trim_end_chars(text, CLOSERS);
    // `ends_sentence`, on the trim done once.
    let ends = trimmed.ends_with(SENTENCE_ENDS);
    let final_mark = trimmed.ends_with(['。', '！', '？', '!', '?']);
    let inner_sentence = marks > usize::from(final_mark);
    let ends_open = matches!(last, Some('，' | '、' | ',' | '；' | ';'));
    let short = n <= 60;
    let caption = caption(text, &m);
    // A line ending in `摄` is a caption, never a byline (FORMAT.md).
    let byline = (short && !caption).then(|| find_byline(text)).flatten();
    let shape = Shape {
        chars: n,
        ends_sentence: ends,
        ends_open,
        inner_sentence,
        dateline: lead_dateline(text).is_some(),
        byline: byline.is_some(),
        caption,
        // A jump line (`（下转第2版）`) has its `版`/`页` near an end.
        jump: m.page_near_ends(text.len(), 60, 60)
            && (patterns::jump_whole(text).is_some()
                || patterns::jump_at_end(text).is_some()
                || patterns::jump_at_start(text).is_some()),
        trailing: is_trailing_credit(text),
        editors: is_editors(text),
        masthead: short && may_be_masthead(&m, text) && parse_masthead(text).is_some(),
        chrome: chrome(text, &m),
        kicker_end: KICKER_ENDS.iter().any(|e| text.ends_with(e))
            || SPEECH_VERBS.iter().any(|v| text.ends_with(v)),
        dash_start: SUBTITLES.any(text),
        // A photo credit's agency (`刘帅冶摄（人民视觉）`) is no column tag.
        column_tag: n > 4
            && matches!(last, Some('）' | ')'))
            && !is_photo_line(text)
            && text
                .rfind(['（', '('])
                .is_some_and(|i| chars(&text[i..]) <= 10 && i > 0),
        subhead_mark: SUBHEADS.any(text) || (may_be_ordinal(text) && ORDINAL.is_match(text)),
        section_label: n <= 8 && is_section_label(text),
        end_mark: END_MARKS.contains(&text),
        no_han: !han,
        inner_space: space,
        quote_start: text.starts_with(['“', '"', '「', '《']),
        ends_colon: matches!(last, Some('：' | ':')),
        salutation: n <= 30
            && matches!(last, Some('：' | ':'))
            && SALUTATIONS.iter().any(|w| text.contains(w)),
        whole_bracket: text.starts_with(['（', '(']) && text.ends_with(['）', ')']) && opens == 1,
        commas: commas >= 2,
        // The pattern ends with `图` or `文`.
        art_credit: n <= 24 && text.ends_with(['图', '文']) && ART_CREDIT.is_match(text),
        enumeration: n <= 60 && m.enumeration,
        digits: n <= 60 && (m.ascii_digit || m.fullwidth_digit),
        comma: commas > 0,
        headline_shaped: n <= 40 && !ends && !ends_open && !inner_sentence,
    };
    (shape, byline)
}

/// Could a text with these marks hold one of `CHROME_WORDS`? Each holds
/// an ASCII letter or one of a few rare characters (a test keeps the list
/// and this in step).
fn may_hold_chrome_word(m: &Marks) -> bool {
    m.ascii_alpha || m.chrome_rare
}

/// Could `text` be a masthead line? It has a date's or page's digits, a
/// `版`, or ends with a paper's name (`…报`); the parse runs only then.
fn may_be_masthead(m: &Marks, text: &str) -> bool {
    m.ascii_digit
        || m.first_page.is_some()
        || m.year
        || text.ends_with(['报', '刊'])
        || m.paper_space
}

/// `text` without the markers and brackets around a label (`■链接`, `【背景】`).
fn trim_marks(text: &str) -> &str {
    text.trim_matches(|c: char| {
        matches!(
            c,
            '■' | '□'
                | '●'
                | '◆'
                | '【'
                | '】'
                | '['
                | ']'
                | '〔'
                | '〕'
                | '<'
                | '>'
                | '《'
                | '》'
        ) || matches!(c, '：' | ':')
    })
}

/// A section label (`链接`, `■记者手记`). Called only on texts of at
/// most 8 characters: kept out of line so the trim is not done on others.
#[inline(never)]
fn is_section_label(text: &str) -> bool {
    let label = trim_marks(text);
    SECTION_LABELS.contains(&label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads() {
        assert_eq!(
            lead_dateline("【新华社重庆十四日电】记者"),
            Some("【新华社重庆十四日电】")
        );
        assert_eq!(
            lead_dateline("据新华社科伦坡12月31日电 斯里兰卡"),
            Some("据新华社科伦坡12月31日电")
        );
        assert_eq!(
            lead_dateline("新华社北京十月一日电 今天"),
            Some("新华社北京十月一日电")
        );
        assert_eq!(lead_dateline("全市电网公司加强电力保障"), None);
    }

    #[test]
    fn caption_credits() {
        assert!(is_caption("刘帅冶摄（人民视觉）"));
        assert!(is_caption("新华社记者 陈 斌摄"));
        assert!(is_caption("▲7月1日，选手进行路演。 本报记者 张三 摄"));
        assert!(!is_caption("要严格控制盐的摄入量，少吃腌制食品。"));
    }

    #[test]
    fn trailing_credits() {
        assert!(is_trailing_credit("（本报记者刘维涛、李昌禹报道）"));
        assert!(is_trailing_credit(
            "（新华社北京1月1日电  记者秦杰、张旭东）"
        ));
        assert!(is_trailing_credit("（本报科威特城1月1日电）"));
        assert!(is_trailing_credit("（作者为中国驻芬兰大使）"));
        assert!(!is_trailing_credit("（完）"));
        assert!(!is_trailing_credit("（下转第2版）"));
        assert!(!is_trailing_credit("让我们一起奔跑（人民论坛）"));
    }

    #[test]
    fn chrome() {
        assert!(is_chrome("首页"));
        assert!(is_chrome("01版：要闻"));
        assert!(is_chrome("京ICP备12345678号"));
        assert!(is_chrome("• 时政"));
        assert!(!is_chrome("扎实做好民生保障等工作"));
    }

    #[test]
    fn chrome_words_pass_their_gate() {
        for w in CHROME_WORDS {
            assert!(may_hold_chrome_word(&Marks::of(w)), "{w}");
        }
    }

    #[test]
    fn shapes() {
        let s = shape("朱忠明来衡调研时强调");
        assert!(s.kicker_end && !s.ends_sentence);
        assert!(shape("——重访习近平总书记春节前夕考察过的那些地方").dash_start);
        assert!(shape("让我们一起奔跑（人民论坛）").column_tag);
        assert!(!shape("刘帅冶摄（人民视觉）").column_tag);
        assert!(shape("一、综合设置基层审批服务机构").subhead_mark);
        assert!(shape("■本报记者 罗文鹏").byline);
        for credit in ["新华社记者 陈 斌摄", "本报记者 张三摄", "■本报记者 张三 摄"]
        {
            let s = shape(credit);
            assert!(s.caption && !s.byline, "{credit}");
        }
        assert!(shape("第一句。第二句，").inner_sentence);
        assert!(shape("第一句，第二句，").ends_open);
    }
}
