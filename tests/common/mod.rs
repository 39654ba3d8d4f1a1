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

/// Knobs for one generated issue.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Paragraphs marked by U+3000 indents, hard-wrapped, no blank lines between them.
    pub indented: bool,
    pub max_articles: usize,
}

/// A generated issue: its clean text (LF line ends, no controls) and the
/// structure the loader must recover from it.
#[derive(Debug, Clone)]
pub struct GenIssue {
    pub text: String,
    pub expected: Issue,
}

/// One logical block to render: its text, whether its first line is
/// indented, whether it may be hard-wrapped.
struct RBlock {
    text: String,
    indent: bool,
    wrap: bool,
    /// No hard wrap within the first `protect` characters (a dateline).
    protect: usize,
}

struct Gen<'a> {
    rng: Rng,
    alpha: &'a [char],
    opts: GenOptions,
    out: String,
    first_block: bool,
}

fn is_ascii_digit(c: char) -> bool {
    c.is_ascii_digit()
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

    /// A sentence; with `plain_end` it ends with a bare `。！？` (no closer).
    fn sentence(&mut self, plain_end: bool) -> String {
        let quoted = !plain_end && self.rng.chance(0.1);
        let mut s = String::new();
        if quoted {
            s.push('“');
        }
        let n = self.rng.range(1, 4);
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

    /// A body paragraph. It must not be headline-shaped (FORMAT.md: short
    /// and no `。！？` at the end), or it could honestly be read as part of
    /// the next headline group: a short one never ends with `；`.
    ///
    /// The last paragraph of an article stands right before the next
    /// headline group; it ends with a bare `。！？` so that, even cut by a
    /// page break, its last block cannot be read as a headline (FORMAT.md
    /// does not say whether `……！”` ends a headline).
    fn paragraph_body(&mut self, last: bool) -> String {
        let n = self.rng.range(1, 4);
        let mut p: String = (0..n).map(|i| self.sentence(last && i + 1 == n)).collect();
        if p.ends_with('；') && p.chars().count() <= 48 {
            p.pop();
            p.push('。');
        }
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

    /// A headline block: ≤ 40 chars, no `。！？` at the end; if `plain_end`,
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
            if (4..=36).contains(&n) && !bad_end {
                return s;
            }
        }
    }

    fn kicker(&mut self) -> String {
        let mut k = self.headline(true);
        // Keep room for the ending: ≤ 40 characters in all.
        while k.chars().count() > 34 {
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
        k.push_str(end);
        k
    }

    fn dateline(&mut self) -> String {
        let (m, d) = (self.rng.range(1, 12), self.rng.range(1, 28));
        match self.rng.range(0, 4) {
            0 | 1 => "本报讯".to_owned(),
            2 => format!("本报{}{m}月{d}日讯", self.rng.pick(PLACES)),
            3 => format!("本报{}{m}月{d}日电", self.rng.pick(PLACES)),
            _ => format!(
                "{}{}{m}月{d}日电",
                self.rng.pick(&["新华社", "人民网", "中新社"]),
                self.rng.pick(PLACES)
            ),
        }
    }

    /// Emit one block: separator (blank-line run, or nothing when the block
    /// is indented and the style allows), indent, hard wraps. Returns the
    /// block's text as the loader must join it.
    fn emit(&mut self, b: RBlock) -> String {
        let need_blank = !b.indent || !self.opts.indented || self.rng.chance(0.2);
        if self.first_block {
            for _ in 0..self.rng.range(0, 2) {
                self.blank_line();
            }
        } else if need_blank {
            for _ in 0..self.rng.range(1, 5) {
                self.blank_line();
            }
        }
        self.first_block = false;
        if b.indent {
            self.out.push_str(
                self.rng
                    .pick(&["\u{3000}\u{3000}", "\u{3000}", "  ", "    "]),
            );
        } else if self.rng.chance(0.1) {
            self.out.push(' '); // a single space is not an indent
        }
        let chars: Vec<char> = b.text.chars().collect();
        let mut joined = String::new();
        let width = if b.wrap {
            self.rng.range(6, 30)
        } else {
            usize::MAX
        };
        let mut col = 0;
        for (i, &c) in chars.iter().enumerate() {
            if i > b.protect && col >= width {
                let (p, q) = (chars[i - 1], c);
                let non_ascii = |x: char| !x.is_ascii() && !kanbao::text::chars::is_space(x);
                if (non_ascii(p) && non_ascii(q)) || (is_ascii_digit(p) && is_ascii_digit(q)) {
                    if self.rng.chance(0.2) {
                        self.out.push_str(self.rng.pick(&[" ", "\u{3000}", "  "]));
                    }
                    self.out.push('\n');
                    if is_ascii_digit(p) {
                        // FORMAT.md: one space between digits across a wrap.
                        joined.push(' ');
                    }
                    col = 0;
                }
            }
            self.out.push(c);
            joined.push(c);
            col += 1;
        }
        if self.rng.chance(0.1) {
            self.out.push_str(self.rng.pick(&[" ", "\u{3000}", "\t"]));
        }
        self.out.push('\n');
        joined
    }

    fn blank_line(&mut self) {
        for _ in 0..self.rng.range(0, 3) {
            self.out.push_str(self.rng.pick(&[" ", "\u{3000}", "\t"]));
        }
        self.out.push('\n');
    }

    fn body_block(&mut self, text: String, protect: usize) -> String {
        let indent = self.opts.indented || self.rng.chance(0.1);
        let wrap = self.opts.indented || self.rng.chance(0.2);
        self.emit(RBlock {
            text,
            indent,
            wrap,
            protect,
        })
    }

    fn head_block(&mut self, text: String) -> String {
        // Headlines and bylines stand on their own lines, after a blank line
        // (or indented); they are not wrapped.
        let indent = self.rng.chance(0.1);
        self.emit(RBlock {
            text,
            indent,
            wrap: false,
            protect: 0,
        })
    }

    /// Emit a body paragraph, maybe cut by page breaks into several blocks;
    /// returns its repaired text.
    /// The first `protect` characters (a dateline and embedded byline) are never cut.
    fn paragraph(&mut self, text: String, protect: usize) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut cuts = Vec::new();
        if self.rng.chance(0.3) {
            // Cut points: between two Han characters or two digits, leaving at
            // least three Han characters on each side: the first part then
            // ends mid-sentence and neither part can look like anything else.
            let ok: Vec<usize> = (1..chars.len())
                .filter(|&i| {
                    let (p, q) = (chars[i - 1], chars[i]);
                    let pair =
                        (is_han(p) && is_han(q)) || (p.is_ascii_digit() && q.is_ascii_digit());
                    // `一、…` opens a subhead, which never continues a paragraph.
                    let subhead = chars.get(i + 1) == Some(&'、');
                    pair && !subhead
                        && i > protect
                        && chars[..i].iter().filter(|c| is_han(**c)).count() >= 3
                        && chars[i..].iter().filter(|c| is_han(**c)).count() >= 3
                })
                .collect();
            if !ok.is_empty() {
                let first = self.rng.pick(&ok);
                cuts.push(first);
                // Sometimes a second break (a paragraph spanning three columns).
                let later: Vec<usize> = ok
                    .iter()
                    .copied()
                    .filter(|&i| {
                        i > first && chars[first..i].iter().filter(|c| is_han(**c)).count() >= 3
                    })
                    .collect();
                if !later.is_empty() && self.rng.chance(0.3) {
                    cuts.push(self.rng.pick(&later));
                }
            }
        }
        let mut repaired = String::new();
        let mut start = 0;
        for end in cuts.into_iter().chain(std::iter::once(chars.len())) {
            let piece: String = chars[start..end].iter().collect();
            let protect = if start == 0 { protect } else { 0 };
            repaired.push_str(&self.body_block(piece, protect));
            start = end;
        }
        repaired
    }

    fn caption(&mut self) -> String {
        let body = self.sentence(false);
        match self.rng.range(0, 2) {
            0 => format!("▲{body}"),
            1 => format!("图为{body}"),
            _ => {
                let (w, _) = self.written_name();
                format!(
                    "{body} {} {w} 摄",
                    self.rng.pick(&["本报记者", "记者", "通讯员"])
                )
            }
        }
    }

    fn article(&mut self) -> Article {
        let mut a = Article::default();
        // Headline group.
        match self.rng.range(1, 3) {
            1 => a.title = Some(self.headline(true)),
            2 => {
                if self.rng.chance(0.5) {
                    a.kicker = Some(self.kicker());
                    a.title = Some(self.headline(true));
                } else {
                    a.title = Some(self.headline(true));
                    let mut s = self.headline(true);
                    if self.rng.chance(0.5) {
                        s.insert_str(0, "——");
                    }
                    a.subtitle = Some(s);
                }
            }
            _ => {
                a.kicker = Some(if self.rng.chance(0.5) {
                    self.kicker()
                } else {
                    self.headline(false)
                });
                a.title = Some(self.headline(false));
                let mut s = self.headline(false);
                if self.rng.chance(0.3) {
                    s.insert_str(0, "——");
                }
                a.subtitle = Some(s);
            }
        }
        for h in [a.kicker.clone(), a.title.clone(), a.subtitle.clone()]
            .into_iter()
            .flatten()
        {
            self.head_block(h);
        }
        // Byline and/or dateline lead: at least one, so the article has an anchor.
        let (has_byline, has_dateline) = match self.rng.range(0, 2) {
            0 => (true, true),
            1 => (true, false),
            _ => (false, true),
        };
        if has_byline {
            let (names, authors) = self.names_with_roles(true);
            let marker = self.rng.pick(&["■", "□", "●", "◆"]);
            let space = if self.rng.chance(0.2) { " " } else { "" };
            self.head_block(format!("{marker}{space}{names}"));
            a.byline = Some(names);
            a.authors = authors;
        }
        let n_paras = self.rng.range(1, 5);
        for p in 0..n_paras {
            if p > 0 && self.rng.chance(0.1) {
                let c = self.caption();
                let c = self.body_block(c, 0);
                a.captions.push(c);
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
                } else {
                    text.push(' ');
                }
                a.dateline = Some(tag);
                protect = text.chars().count();
            }
            let last = p + 1 == n_paras;
            text.push_str(&self.paragraph_body(last));
            if last && self.rng.chance(0.1) {
                // Continued on another page: the paragraph may stop mid-sentence.
                if self.rng.chance(0.5) {
                    text.push_str(&self.han(3));
                }
                let page = self.rng.range(2, 16).to_string();
                let (o, c) = self.rng.pick(&[("（", "）"), ("(", ")")]);
                let jump = format!("{o}下转第{page}版{c}");
                let para = self.paragraph(text, protect);
                if self.rng.chance(0.5) {
                    // Jump at the end of the paragraph's last block.
                    let last_line = self.out.trim_end_matches('\n').len();
                    self.out.truncate(last_line);
                    self.out.push_str(&jump);
                    self.out.push('\n');
                } else {
                    self.body_block(jump.clone(), 0);
                }
                a.paragraphs.push(para);
                a.jumps.push(Jump {
                    text: jump,
                    direction: JumpDirection::To,
                    page,
                });
            } else {
                let para = self.paragraph(text, protect);
                a.paragraphs.push(para);
            }
        }
        a
    }
}

/// Generate an issue from `seed`.
pub fn gen_issue(seed: u64, opts: GenOptions, alpha: &[char]) -> GenIssue {
    let mut g = Gen {
        rng: Rng::new(seed),
        alpha,
        opts,
        out: String::new(),
        first_block: true,
    };
    let mut issue = Issue {
        source: "gen.txt".into(),
        encoding: Encoding::Utf8,
        masthead: None,
        credits: None,
        chrome: Vec::new(),
        articles: Vec::new(),
    };
    if g.rng.chance(0.3) {
        let paper = g.rng.pick(PAPERS);
        let (y, m, d) = (
            g.rng.range(1990, 2030),
            g.rng.range(1, 12),
            g.rng.range(1, 28),
        );
        let page = format!("{:02}", g.rng.range(1, 16));
        let (text, paper, date, page) = match g.rng.range(0, 2) {
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
            _ => (format!("第{page}版：要闻"), None, None, Some(page)),
        };
        g.head_block(text.clone());
        issue.masthead = Some(Masthead {
            text,
            paper: paper.map(str::to_owned),
            date,
            page,
        });
    }
    if g.rng.chance(0.15) {
        // Text continued from another page, before the first headline: an
        // article with no headline, opening with its jump line.
        let page = g.rng.range(1, 9).to_string();
        let (o, c) = g.rng.pick(&[("（", "）"), ("(", ")")]);
        let jump = format!("{o}上接第{page}版{c}");
        let mut a = Article::default();
        let n_paras = g.rng.range(1, 2);
        for p in 0..n_paras {
            let mut text = String::new();
            let mut protect = 0;
            if p == 0 {
                text.push_str(&jump);
                protect = jump.chars().count() + 1;
            }
            let body = g.paragraph_body(p + 1 == n_paras);
            text.push_str(&body);
            let repaired = g.paragraph(text, protect);
            let repaired = if p == 0 {
                repaired[jump.len()..].to_owned()
            } else {
                repaired
            };
            a.paragraphs.push(repaired);
        }
        a.jumps.push(Jump {
            text: jump,
            direction: JumpDirection::From,
            page,
        });
        issue.articles.push(a);
    }
    let n = g.rng.range(1, g.opts.max_articles.max(1));
    for _ in 0..n {
        let a = g.article();
        issue.articles.push(a);
    }
    if g.rng.chance(0.3) {
        let (a, b) = (g.name(), g.name());
        let credits = format!("责任编辑：{a} 版式：{b}");
        g.head_block(credits.clone());
        issue.credits = Some(credits);
    }
    if g.rng.chance(0.2) {
        // No line end at the end of the file.
        g.out.pop();
    }
    GenIssue {
        text: g.out,
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
