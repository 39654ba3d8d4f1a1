//! Shared helpers for the loader's property and stress tests: the
//! "Nothing lost" multiset (FORMAT.md), a reference control-character
//! remover written from FORMAT.md (not from the loader), and a generator of
//! issue texts together with the structure the loader must recover.
#![allow(dead_code)]

use kanbao::loader::rules::{KICKER_ENDS, SPEECH_VERBS};
use kanbao::model::{Article, Encoding, Issue, Jump, JumpDirection, Masthead};
use kanbao::text::chars::is_han;
use std::collections::BTreeMap;

/// A character FORMAT.md's "Nothing lost" invariant counts: Han or a digit.
pub fn counted(c: char) -> bool {
    is_han(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Multiset of counted characters of `text`.
pub fn text_multiset(text: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in text.chars().filter(|&c| counted(c)) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// All the text fields of `issue` that FORMAT.md's "Nothing lost" counts:
/// masthead.text, credits, and per article kicker, title, subtitle, byline,
/// paragraphs, captions, jumps[].text. (Not authors, dateline, masthead parts.)
pub fn counted_fields(issue: &Issue) -> Vec<&str> {
    issue.text_fields().collect()
}

/// Multiset of Han characters and digits over the counted fields of `issue`.
pub fn han_digit_multiset(issue: &Issue) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for field in counted_fields(issue) {
        for c in field.chars().filter(|&c| counted(c)) {
            *m.entry(c).or_insert(0) += 1;
        }
    }
    m
}

/// Describe how two multisets differ (for assertion messages).
pub fn multiset_diff(input: &BTreeMap<char, usize>, output: &BTreeMap<char, usize>) -> String {
    let mut lost = String::new();
    let mut extra = String::new();
    for (c, &n) in input {
        let got = output.get(c).copied().unwrap_or(0);
        if got < n {
            lost.push_str(&format!("{c}×{} ", n - got));
        }
    }
    for (c, &n) in output {
        let had = input.get(c).copied().unwrap_or(0);
        if had < n {
            extra.push_str(&format!("{c}×{} ", n - had));
        }
    }
    format!("lost: [{lost}] extra: [{extra}]")
}

/// Control-character removal as FORMAT.md words it: a whole
/// `ESC [ params final` or `ESC ] … (BEL | ESC \)` is removed (an OSC
/// string ends at any ESC and never spans lines); every other
/// control character but tab and line ends (a lone ESC, C1, bidi controls,
/// and a stray BOM) is dropped. Line ends are left as they are (they are
/// not counted).
pub fn spec_sanitize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\u{1B}' {
            match chars.get(i + 1) {
                Some('[') => {
                    let mut j = i + 2;
                    while j < chars.len() && ('\u{20}'..='\u{3F}').contains(&chars[j]) {
                        j += 1;
                    }
                    if j < chars.len() && ('\u{40}'..='\u{7E}').contains(&chars[j]) {
                        i = j + 1; // whole CSI sequence
                        continue;
                    }
                }
                Some(']') => {
                    let mut j = i + 2;
                    let mut end = None;
                    while j < chars.len() {
                        if chars[j] == '\u{7}' {
                            end = Some(j + 1);
                            break;
                        }
                        // Any other ESC ends the string (ECMA-48): terminated
                        // only if it is `ESC \`. A string never spans lines.
                        if chars[j] == '\u{1B}' {
                            if chars.get(j + 1) == Some(&'\\') {
                                end = Some(j + 2);
                            }
                            break;
                        }
                        if chars[j] == '\n' || chars[j] == '\r' {
                            break;
                        }
                        j += 1;
                    }
                    if let Some(e) = end {
                        i = e; // whole OSC sequence
                        continue;
                    }
                }
                _ => {}
            }
            i += 1; // a lone ESC
            continue;
        }
        let dropped = match c {
            '\t' | '\n' | '\r' => false,
            '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => true,
            '\u{FEFF}' => true,
            _ => false,
        };
        if !dropped {
            out.push(c);
        }
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------
// Encodings and line ends
// ---------------------------------------------------------------------------

/// How the generated text is written to bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

pub const ENCS: [Enc; 5] = [
    Enc::Utf8,
    Enc::Utf8Bom,
    Enc::Gb18030,
    Enc::Utf16Le,
    Enc::Utf16Be,
];

impl Enc {
    /// The encoding the loader must report.
    pub fn reported(self) -> Encoding {
        match self {
            Enc::Utf8 | Enc::Utf8Bom => Encoding::Utf8,
            Enc::Gb18030 => Encoding::Gb18030,
            Enc::Utf16Le => Encoding::Utf16Le,
            Enc::Utf16Be => Encoding::Utf16Be,
        }
    }
}

/// Encode `text` (independently of the loader: BOMs written by hand).
pub fn encode(text: &str, enc: Enc) -> Vec<u8> {
    match enc {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend_from_slice(text.as_bytes());
            b
        }
        Enc::Gb18030 => {
            let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
            assert!(!unmappable, "generator produced text GB18030 cannot encode");
            bytes.into_owned()
        }
        Enc::Utf16Le => {
            let mut b = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        }
        Enc::Utf16Be => {
            let mut b = vec![0xFE, 0xFF];
            for u in text.encode_utf16() {
                b.extend_from_slice(&u.to_be_bytes());
            }
            b
        }
    }
}

/// Rewrite LF line ends as `eol`.
pub fn with_eol(text: &str, eol: &str) -> String {
    if eol == "\n" {
        text.to_owned()
    } else {
        text.replace('\n', eol)
    }
}

// ---------------------------------------------------------------------------
// A small deterministic RNG: the generator is driven by a proptest seed.
// ---------------------------------------------------------------------------

/// SplitMix64.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.range(0, xs.len() - 1)]
    }
}

// ---------------------------------------------------------------------------
// The Han alphabet
// ---------------------------------------------------------------------------

pub const FIXTURE_SEED: &str = include_str!("../fixtures/000_0c3d2c04bd8aa6d3.txt");
pub const FIXTURE_A: &str = include_str!("../fixtures/paper-a-fullwidth.txt");

/// Characters kept out of generated body/headline text so it can never be,
/// by FORMAT.md, something other than what the generator says it is:
/// `讯 电` (datelines end in them; `社 网 台` are dateline sources), `报 刊
/// 闻` (paper names, i.e. mastheads), `图 摄` (captions), `版 年 月 日`
/// (mastheads, jump lines: dates are generated on purpose only), `说 称`
/// (speech verbs that would make a headline a kicker) and `记` (a
/// block opening with `记者` and names is an unmarked byline).
const EXCLUDED: &str = "讯电社网台报刊闻图摄版年月日说称记";

/// Han characters of the fixtures, minus [`EXCLUDED`], deduplicated.
pub fn han_alphabet() -> Vec<char> {
    let mut v: Vec<char> = FIXTURE_SEED
        .chars()
        .chain(FIXTURE_A.chars())
        .filter(|&c| is_han(c) && !EXCLUDED.contains(c))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

const SURNAMES: &[char] = &[
    '张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭',
    '林', '何', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾',
    '肖', '田', '董', '袁', '潘', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '谭',
];
const GIVEN: &[char] = &[
    '润', '梅', '洋', '飞', '青', '鹏', '峰', '敏', '静', '丽', '军', '华', '明', '涛', '娟', '芳',
    '伟', '磊', '霞', '婷', '杰', '斌', '超', '勇', '艳', '玲', '辉', '波', '宁', '健', '平', '刚',
    '浩', '宇', '欣', '怡', '嘉', '晨', '帆', '凯', '琳', '慧', '颖', '雪', '莉', '鸣', '可',
];
/// Role words of FORMAT.md.
const ROLES: &[&str] = &[
    "本报记者",
    "记者",
    "本报通讯员",
    "通讯员",
    "实习生",
    "特约记者",
    "见习记者",
];
const PLACES: &[&str] = &["北京", "衡阳", "广州", "长沙", "上海", "湘江", "南京"];
const UNITS: &[char] = &[
    '人', '个', '家', '所', '项', '万', '亿', '元', '户', '名', '条',
];
const PAPERS: &[&str] = &["衡阳日报", "湘江日报", "南方晚报"];
const WEEKDAYS: &[&str] = &["一", "二", "三", "四", "五", "六", "日"];

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/// How a generated page is laid out (FORMAT.md "Blocks").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Every block between blank lines, nothing indented.
    Blocks,
    /// Every block between blank lines, body blocks indented.
    IndentedBlocks,
    /// One line per paragraph, headline lines or byline, body lines
    /// indented with U+3000, no blank lines but sometimes one between
    /// articles (crawler output, `real/pages`).
    Lines,
}

/// Every layout.
pub const LAYOUTS: [Layout; 3] = [Layout::Blocks, Layout::IndentedBlocks, Layout::Lines];

/// Knobs for one generated issue.
#[derive(Debug, Clone)]
pub struct GenOptions {
    pub layout: Layout,
    pub max_articles: usize,
}

/// A generated issue: its clean text (LF line ends, no controls) and the
/// structure the loader must recover from it.
#[derive(Debug, Clone)]
pub struct GenIssue {
    pub text: String,
    pub expected: Issue,
}

/// What a line of the page is, for the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Masthead or site chrome above the articles, editors' line or
    /// footer below them: never indented.
    Outside,
    /// A headline line: never indented.
    Deck,
    /// Body: paragraphs, bylines, captions, subheads, credits, jumps.
    Body,
}

/// One line to lay out.
struct Item {
    text: String,
    role: Role,
    /// The first line of an article (a blank line may stand before it).
    opens: bool,
}

struct Gen<'a> {
    rng: Rng,
    alpha: &'a [char],
    opts: GenOptions,
    items: Vec<Item>,
}

/// What the previous article ended with: a deck of one line right after a
/// finished body is a subhead or a new article's title, and only the
/// anchor that follows (byline, dateline) tells them apart; after a
/// trailing credit, or on top of the page, a deck is unambiguous.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    Nothing,
    Credit,
    Body,
}

impl Gen<'_> {
    fn han(&mut self, n: usize) -> String {
        (0..n).map(|_| self.rng.pick(self.alpha)).collect()
    }

    fn number(&mut self) -> String {
        let digits = self.rng.range(1, 5);
        let mut s = self.rng.range(1, 9).to_string();
        for _ in 1..digits {
            s.push_str(&self.rng.range(0, 9).to_string());
        }
        s
    }

    /// A clause: Han words, sometimes a number with a unit.
    fn clause(&mut self) -> String {
        let n = self.rng.range(2, 6);
        let mut s = self.han(n);
        if self.rng.chance(0.2) {
            s.push_str(&self.number());
            s.push(self.rng.pick(UNITS));
        }
        let n = self.rng.range(1, 5);
        s.push_str(&self.han(n));
        s
    }

    /// A sentence, ending with `。！？` (or `；` when not `plain_end`), maybe quoted.
    fn sentence(&mut self, plain_end: bool) -> String {
        let quoted = !plain_end && self.rng.chance(0.1);
        let mut s = String::new();
        if quoted {
            s.push('“');
        }
        let n = self.rng.range(2, 4);
        for i in 0..n {
            if i > 0 {
                s.push_str(self.rng.pick(&["，", "，", "、", ","]));
            }
            s.push_str(&self.clause());
        }
        if quoted {
            s.push_str(self.rng.pick(&["。”", "！”", "？”"]));
        } else if plain_end {
            s.push_str(self.rng.pick(&["。", "。", "！", "？"]));
        } else {
            s.push_str(self.rng.pick(&["。", "。", "。", "！", "？", "；"]));
        }
        s
    }

    /// A body paragraph: at least 31 characters (longer than any subhead
    /// or headline line) and ending a sentence with a bare `。！？`, so no
    /// part of it can be read as a headline, subhead or cut paragraph.
    fn paragraph_body(&mut self) -> String {
        let mut p = String::new();
        while p.chars().count() < 31 {
            p.push_str(&self.sentence(false));
        }
        p.push_str(&self.sentence(true));
        p
    }

    fn name(&mut self) -> String {
        let mut s = String::new();
        s.push(self.rng.pick(SURNAMES));
        for _ in 0..self.rng.range(1, 2) {
            s.push(self.rng.pick(GIVEN));
        }
        s
    }

    /// A name as written (2-char names sometimes padded: `陈 润`) and as an author.
    fn written_name(&mut self) -> (String, String) {
        let n = self.name();
        if n.chars().count() == 2 && self.rng.chance(0.5) {
            let mut cs = n.chars();
            let (a, b) = (cs.next().unwrap_or('陈'), cs.next().unwrap_or('润'));
            (format!("{a} {b}"), n)
        } else {
            (n.clone(), n)
        }
    }

    /// `本报记者 张三 通讯员 李四 王五` (roles optional only for a single group).
    fn names_with_roles(&mut self, role_optional: bool) -> (String, Vec<String>) {
        let groups = self.rng.range(1, 2);
        let mut text = String::new();
        let mut authors = Vec::new();
        for g in 0..groups {
            if g > 0 {
                text.push(' ');
            }
            let with_role = !(role_optional && groups == 1 && self.rng.chance(0.3));
            if with_role {
                text.push_str(self.rng.pick(ROLES));
                text.push(' ');
            }
            for k in 0..self.rng.range(1, 2) {
                if k > 0 {
                    text.push_str(self.rng.pick(&[" ", "、"]));
                }
                let (w, a) = self.written_name();
                text.push_str(&w);
                authors.push(a);
            }
        }
        (text, authors)
    }

    /// A headline line: 6–24 characters, at most one comma, no sentence
    /// end, not opening with a dash or ending in a bracket; if `plain_end`,
    /// it does not end with anything that makes it a kicker either.
    fn headline(&mut self, plain_end: bool) -> String {
        loop {
            let mut s = String::new();
            let words = self.rng.range(1, 3);
            for i in 0..words {
                if i > 0 {
                    s.push_str(self.rng.pick(&["", "，", " ", "、"]));
                }
                if self.rng.chance(0.1) {
                    s.push('“');
                    let n = self.rng.range(2, 4);
                    s.push_str(&self.han(n));
                    s.push('”');
                }
                s.push_str(&self.clause());
            }
            let n = s.chars().count();
            let bad_end = plain_end
                && (KICKER_ENDS.iter().any(|e| s.ends_with(e))
                    || SPEECH_VERBS.iter().any(|v| s.ends_with(v)));
            let commas = s.matches(['，', ',']).count();
            if (6..=24).contains(&n) && !bad_end && commas <= 1 {
                return s;
            }
        }
    }

    /// A kicker: a headline that introduces the title (`…强调`, `…：`, `…——`).
    fn kicker(&mut self) -> String {
        let mut k = self.headline(true);
        while k.chars().count() > 20 {
            k.pop();
        }
        let end = self.rng.pick(&[
            "——",
            "：",
            "强调",
            "指出",
            "表示",
            "要求",
            "提出",
            "时强调",
            "，强调——",
        ]);
        if end.contains('，') && k.contains('，') {
            k = k.replace('，', "");
        }
        k.push_str(end);
        k
    }

    fn dateline(&mut self) -> String {
        let (m, d) = (self.rng.range(1, 12), self.rng.range(1, 28));
        const HAN_DAYS: &[&str] = &["一", "三", "十四", "二十八", "三十一"];
        match self.rng.range(0, 6) {
            0 | 1 => "本报讯".to_owned(),
            2 => format!("本报{}{m}月{d}日讯", self.rng.pick(PLACES)),
            3 => format!("本报{}{m}月{d}日电", self.rng.pick(PLACES)),
            4 => format!(
                "【新华社{}{}日电】",
                self.rng.pick(PLACES),
                self.rng.pick(HAN_DAYS)
            ),
            _ => format!(
                "{}{}{m}月{d}日电",
                self.rng.pick(&["新华社", "人民网", "中新社"]),
                self.rng.pick(PLACES)
            ),
        }
    }

    fn push(&mut self, text: String, role: Role) {
        self.items.push(Item {
            text,
            role,
            opens: false,
        });
    }

    /// A caption: `▲…`, `图为…`, `… 本报记者 张三 摄`, or a photo credit line.
    fn caption(&mut self) -> String {
        let body = self.sentence(true);
        let (w, _) = self.written_name();
        match self.rng.range(0, 4) {
            0 => format!("▲{body}"),
            1 => format!("图为{body}"),
            2 => format!("{body} {} {w} 摄", self.rng.pick(&["本报记者", "记者"])),
            3 => format!("新华社记者 {w}摄"),
            _ => format!("{}摄（人民视觉）", self.name()),
        }
    }

    /// A subhead: short, no sentence end, maybe numbered or marked.
    fn subhead(&mut self, k: usize) -> String {
        let n = self.rng.range(6, 12);
        let text = self.han(n);
        match self.rng.range(0, 2) {
            0 => text,
            1 => format!("{}、{text}", ["一", "二", "三", "四", "五"][k % 5]),
            _ => format!("■{text}"),
        }
    }

    /// A trailing credit and the authors it names.
    fn trailing_credit(&mut self) -> (String, Vec<String>) {
        let (a, b) = (self.name(), self.name());
        let (m, d) = (self.rng.range(1, 12), self.rng.range(1, 28));
        match self.rng.range(0, 3) {
            0 => (format!("（本报记者{a}、{b}报道）"), vec![a, b]),
            1 => (
                format!(
                    "（新华社{}{m}月{d}日电  记者{a}、{b}）",
                    self.rng.pick(PLACES)
                ),
                vec![a, b],
            ),
            2 => (
                format!("（本报{}{m}月{d}日电）", self.rng.pick(PLACES)),
                vec![],
            ),
            _ => (
                format!("（作者为{}大学教授）", self.rng.pick(PLACES)),
                vec![],
            ),
        }
    }

    /// Emit a body paragraph, maybe cut by a page break into two lines
    /// (the first a column long, ending mid-word); returns its repaired
    /// text. The first `protect` characters (a dateline) are never cut.
    fn paragraph(&mut self, text: String, protect: usize) {
        let chars: Vec<char> = text.chars().collect();
        let ok: Vec<usize> = (31.max(protect + 1)..chars.len().saturating_sub(8))
            .filter(|&i| is_han(chars[i - 1]) && is_han(chars[i]))
            .collect();
        if !ok.is_empty() && self.rng.chance(0.25) {
            let cut = self.rng.pick(&ok);
            self.push(chars[..cut].iter().collect(), Role::Body);
            self.push(chars[cut..].iter().collect(), Role::Body);
        } else {
            self.push(text, Role::Body);
        }
    }

    fn article(&mut self, before: Before) -> (Article, Before) {
        let mut a = Article::default();
        let first_item = self.items.len();
        // The deck.
        match self.rng.range(0, 3) {
            0 => a.title = Some(self.headline(true)),
            1 => {
                a.kicker = Some(self.kicker());
                a.title = Some(self.headline(true));
            }
            2 => {
                a.title = Some(self.headline(true));
                a.subtitle = Some(format!("——{}", self.headline(true)));
            }
            _ => {
                a.kicker = Some(if self.rng.chance(0.5) {
                    self.kicker()
                } else {
                    self.headline(true)
                });
                a.title = Some(self.headline(true));
                let s = self.headline(true);
                a.subtitle = Some(if self.rng.chance(0.5) {
                    format!("——{s}")
                } else {
                    s
                });
            }
        }
        for h in [a.kicker.clone(), a.title.clone(), a.subtitle.clone()]
            .into_iter()
            .flatten()
        {
            self.push(h, Role::Deck);
        }
        self.items[first_item].opens = true;
        // The anchor. An article may have none (a commentary, a feature)
        // where its deck cannot be read as subheads of the article above:
        // on top of the page or after a trailing credit. (After a finished
        // body, a person too would hesitate over short lines followed by
        // a paragraph: the generator leaves that case out.)
        let bare_ok = before != Before::Body;
        let (has_byline, has_dateline) = match self.rng.range(0, 3) {
            0 => (true, true),
            1 => (true, false),
            2 => (false, true),
            _ if bare_ok => (false, false),
            _ => (false, true),
        };
        if has_byline {
            let (names, authors) = self.names_with_roles(true);
            let marker = self.rng.pick(&["■", "□", "●", "◆"]);
            let space = if self.rng.chance(0.2) { " " } else { "" };
            self.push(format!("{marker}{space}{names}"), Role::Body);
            a.byline = Some(names);
            a.authors = authors;
        }
        // The body: paragraphs, with captions and subheads between them.
        let n_paras = self.rng.range(1, 4);
        let mut subheads = 0;
        for p in 0..n_paras {
            if p > 0 && self.rng.chance(0.15) {
                let c = self.caption();
                self.push(c.clone(), Role::Body);
                a.captions.push(c);
            } else if p > 0 && self.rng.chance(0.2) {
                let s = self.subhead(subheads);
                subheads += 1;
                self.push(s.clone(), Role::Body);
                a.subheads.push(a.paragraphs.len());
                a.paragraphs.push(s);
            }
            let mut text = String::new();
            let mut protect = 0;
            if p == 0 && has_dateline {
                let tag = self.dateline();
                text.push_str(&tag);
                if self.rng.chance(0.4) {
                    let (names, authors) = self.names_with_roles(false);
                    // FORMAT.md: the bracket must hold a reporter role word.
                    let names = if ROLES.iter().any(|r| names.starts_with(r)) {
                        names
                    } else {
                        format!("记者 {names}")
                    };
                    let (o, c) = self.rng.pick(&[("（", "）"), ("(", ")")]);
                    text.push_str(&format!("{o}{names}{c}"));
                    if a.authors.is_empty() {
                        a.authors = authors;
                    }
                } else if !tag.ends_with('】') {
                    text.push(' ');
                }
                a.dateline = Some(tag);
                protect = text.chars().count();
            }
            text.push_str(&self.paragraph_body());
            self.paragraph(text.clone(), protect);
            a.paragraphs.push(text);
        }
        // The end: a trailing credit, a jump, or nothing.
        let mut after = Before::Body;
        match self.rng.range(0, 9) {
            0 | 1 => {
                let (credit, authors) = self.trailing_credit();
                self.push(credit.clone(), Role::Body);
                if a.authors.is_empty() && a.byline.is_none() {
                    a.authors = authors;
                }
                a.credit = Some(credit);
                after = Before::Credit;
            }
            2 => {
                let page = self.rng.range(2, 16).to_string();
                let (o, c) = self.rng.pick(&[("（", "）"), ("(", ")")]);
                let jump = format!("{o}下转第{page}版{c}");
                if self.rng.chance(0.5) {
                    if let Some(last) = self.items.last_mut() {
                        last.text.push_str(&jump);
                    }
                } else {
                    self.push(jump.clone(), Role::Body);
                }
                a.jumps.push(Jump {
                    text: jump,
                    direction: JumpDirection::To,
                    page,
                });
            }
            _ => {}
        }
        (a, after)
    }

    /// Lay the items out as text.
    fn render(&mut self) -> String {
        let mut out = String::new();
        let items = std::mem::take(&mut self.items);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                let blanks = match self.opts.layout {
                    Layout::Blocks | Layout::IndentedBlocks => 1,
                    Layout::Lines => usize::from(item.opens && self.rng.chance(0.5)),
                };
                for _ in 0..blanks {
                    for _ in 0..self.rng.range(0, 2) {
                        out.push_str(self.rng.pick(&[" ", "\u{3000}", "\t"]));
                    }
                    out.push('\n');
                }
            }
            let indent = item.role == Role::Body && self.opts.layout != Layout::Blocks;
            if indent {
                out.push_str(if self.opts.layout == Layout::Lines {
                    "\u{3000}\u{3000}"
                } else {
                    self.rng
                        .pick(&["\u{3000}\u{3000}", "\u{3000}", "  ", "    "])
                });
            }
            out.push_str(&item.text);
            if self.rng.chance(0.1) {
                out.push_str(self.rng.pick(&[" ", "\u{3000}", "\t"]));
            }
            out.push('\n');
        }
        out
    }
}

/// Generate an issue from `seed`.
pub fn gen_issue(seed: u64, opts: GenOptions, alpha: &[char]) -> GenIssue {
    let mut g = Gen {
        rng: Rng::new(seed),
        alpha,
        opts,
        items: Vec::new(),
    };
    let mut issue = Issue {
        source: "gen.txt".into(),
        encoding: Encoding::Utf8,
        masthead: None,
        credits: None,
        chrome: Vec::new(),
        articles: Vec::new(),
    };
    if g.rng.chance(0.2) {
        // A site's menu and list of pages above the paper's text.
        let menu = [
            "首页",
            "• 时政",
            "• 国际",
            "更多>>",
            "01版:要 闻",
            "02版:国 内",
        ];
        let from = g.rng.range(0, 3);
        for m in &menu[from..] {
            g.push((*m).to_owned(), Role::Outside);
            issue.chrome.push((*m).to_owned());
        }
    }
    if g.rng.chance(0.3) {
        let paper = g.rng.pick(PAPERS);
        let (y, m, d) = (
            g.rng.range(1990, 2030),
            g.rng.range(1, 12),
            g.rng.range(1, 28),
        );
        let page = format!("{:02}", g.rng.range(1, 16));
        let (text, paper, date, page) = match g.rng.range(0, 3) {
            0 => (
                format!("{paper} {y}年{m}月{d}日 星期{}", g.rng.pick(WEEKDAYS)),
                Some(paper),
                Some(format!("{y}-{m:02}-{d:02}")),
                None,
            ),
            1 => (
                format!("{paper} {y}年{m}月{d}日 第{page}版：要闻"),
                Some(paper),
                Some(format!("{y}-{m:02}-{d:02}")),
                Some(page),
            ),
            2 => (
                format!(
                    "{y}年{m}月{d}日{paper} 第{}版",
                    page.trim_start_matches('0')
                ),
                Some(paper),
                Some(format!("{y}-{m:02}-{d:02}")),
                Some(page.trim_start_matches('0').to_owned()),
            ),
            _ => (format!("第{page}版：要闻"), None, None, Some(page)),
        };
        g.push(text.clone(), Role::Outside);
        issue.masthead = Some(Masthead {
            text,
            paper: paper.map(str::to_owned),
            date,
            page,
        });
    }
    let mut before = Before::Nothing;
    if g.rng.chance(0.1) {
        // Text continued from another page, before the first headline: an
        // article with no headline, opening with its jump line.
        let page = g.rng.range(1, 9).to_string();
        let (o, c) = g.rng.pick(&[("（", "）"), ("(", ")")]);
        let jump = format!("{o}上接第{page}版{c}");
        let body = g.paragraph_body();
        g.push(format!("{jump}{body}"), Role::Body);
        issue.articles.push(Article {
            paragraphs: vec![body],
            jumps: vec![Jump {
                text: jump,
                direction: JumpDirection::From,
                page,
            }],
            ..Article::default()
        });
        before = Before::Body;
    }
    let n = g.rng.range(1, g.opts.max_articles.max(1));
    for _ in 0..n {
        let (a, after) = g.article(before);
        issue.articles.push(a);
        before = after;
    }
    if g.rng.chance(0.3) {
        let (a, b) = (g.name(), g.name());
        let credits = format!("责任编辑：{a} 版式：{b}");
        g.push(credits.clone(), Role::Outside);
        issue.credits = Some(credits);
    }
    if g.rng.chance(0.2) {
        // The site's footer.
        let footer = g.rng.pick(&[
            "京ICP备12345678号",
            "版权所有 湘江日报",
            "2024-02-03 2 2 湘江日报 content_226314.html 1 /enpproperty-->",
        ]);
        g.push(footer.to_owned(), Role::Outside);
        issue.chrome.push(footer.to_owned());
    }
    let mut text = g.render();
    if g.rng.chance(0.2) {
        // No line end at the end of the file.
        text.pop();
    }
    GenIssue {
        text,
        expected: issue,
    }
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

/// The fixtures: (name, raw bytes, expected JSON).
pub fn fixtures() -> Vec<(&'static str, &'static [u8], &'static str)> {
    vec![
        (
            "000_0c3d2c04bd8aa6d3.txt",
            include_bytes!("../fixtures/000_0c3d2c04bd8aa6d3.txt"),
            include_str!("../fixtures/000_0c3d2c04bd8aa6d3.json"),
        ),
        (
            "paper-a-fullwidth.txt",
            include_bytes!("../fixtures/paper-a-fullwidth.txt"),
            include_str!("../fixtures/paper-a-fullwidth.json"),
        ),
        (
            "paper-b-indented.txt",
            include_bytes!("../fixtures/paper-b-indented.txt"),
            include_str!("../fixtures/paper-b-indented.json"),
        ),
    ]
}
