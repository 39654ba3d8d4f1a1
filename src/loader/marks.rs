//! One pass over a unit's bytes noting the few characters the shapes'
//! tests are gated on (`版`, `页`, `年`, `摄`, `、`, digits, …) and
//! counting its characters, commas and sentence marks. Most units are
//! short lines, and on them the tests are most of the loader's time: each
//! used to search the text for its own characters (a `char` set decodes
//! every character, a byte search restarts at every comma). With the
//! marks a test whose fixed characters are absent costs a flag test, and
//! the text is read once.

/// What the pass found. Positions are byte offsets of a character's start.
///
/// A long text (more than [`WHOLE`] bytes) is read only at its ends
/// ([`ENDS`] bytes each): every flag then says "may hold" (true), the
/// page marks are those of the ends, and the counts are not kept. The tests on the flags all stop at a
/// long text's length before (or do their own search), so for them a
/// "may" is as good as the truth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// The text was read whole: the counts below are kept.
    pub whole: bool,
    /// Characters.
    pub chars: usize,
    /// Commas (`,` `，`).
    pub commas: usize,
    /// Sentence marks (`。` `！` `？` `!` `?`).
    pub stops: usize,
    /// Opening brackets (`（` `(`).
    pub opens: usize,
    /// A space (ASCII or U+3000).
    pub space: bool,
    /// An ASCII digit `0`–`9`.
    pub ascii_digit: bool,
    /// An ASCII letter.
    pub ascii_alpha: bool,
    /// A full-width digit `０`–`９`.
    pub fullwidth_digit: bool,
    /// `、`.
    pub enumeration: bool,
    /// `年`.
    pub year: bool,
    /// `摄`.
    pub photo: bool,
    /// `报` followed by an ASCII space.
    pub paper_space: bool,
    /// One of the rare characters of `CHROME_WORDS` (`稿`, `权`, `证`, `违`).
    pub chrome_rare: bool,
    /// The first `版`.
    pub first_page: Option<usize>,
    /// The first and the last `版` or `页`.
    pub page_marks: Option<(usize, usize)>,
}

/// Texts up to this many bytes are read whole: every test gated on a
/// count of at most 60 characters runs only on them.
pub const WHOLE: usize = 240;
/// How much of each end of a longer text is read: the jump-line gate
/// looks no further.
pub const ENDS: usize = 60;

/// Characters noted, as code points.
const PAGE: u32 = '版' as u32;
const LEAF: u32 = '页' as u32;
const YEAR: u32 = '年' as u32;
const PHOTO: u32 = '摄' as u32;
const PAPER: u32 = '报' as u32;
const ENUMERATION: u32 = '、' as u32;
const FULLWIDTH_0: u32 = '０' as u32;
const FULLWIDTH_9: u32 = '９' as u32;
const RARE: [u32; 4] = ['稿' as u32, '权' as u32, '证' as u32, '违' as u32];
const COMMA: u32 = '，' as u32;
const STOPS: [u32; 3] = ['。' as u32, '！' as u32, '？' as u32];
const OPEN: u32 = '（' as u32;
const WIDE_SPACE: u32 = '\u{3000}' as u32;
const NOTED: [u32; 17] = [
    PAGE,
    LEAF,
    YEAR,
    PHOTO,
    PAPER,
    ENUMERATION,
    FULLWIDTH_0,
    RARE[0],
    RARE[1],
    RARE[2],
    RARE[3],
    COMMA,
    STOPS[0],
    STOPS[1],
    STOPS[2],
    OPEN,
    WIDE_SPACE,
];

/// The first two bytes of the noted characters (all three bytes long,
/// `０`–`９` share theirs): bit `b1 & 0x3F` of `LEADS[b0 & 0x0F]`. Most
/// characters of a text fail this one table test and are not decoded.
const LEADS: [u64; 16] = {
    let mut t = [0u64; 16];
    let mut k = 0;
    while k < NOTED.len() {
        let c = NOTED[k];
        t[(c >> 12) as usize] |= 1 << ((c >> 6) & 0x3F);
        k += 1;
    }
    t
};

impl Marks {
    /// The marks of `text`: whole if it is short, else of its ends.
    pub fn of(text: &str) -> Marks {
        let b = text.as_bytes();
        if b.len() <= WHOLE {
            let mut m = Marks {
                whole: true,
                ..Marks::default()
            };
            m.read(b, 0, b.len());
            return m;
        }
        let mut m = Marks {
            whole: false,
            chars: 0,
            commas: 0,
            stops: 0,
            opens: 0,
            space: true,
            ascii_digit: true,
            ascii_alpha: true,
            fullwidth_digit: true,
            enumeration: true,
            year: true,
            photo: true,
            paper_space: true,
            chrome_rare: true,
            first_page: None,
            page_marks: None,
        };
        m.read(b, 0, ENDS);
        // From the first character starting in the last ENDS bytes.
        let mut from = b.len() - ENDS;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        m.read(b, from, b.len());
        m
    }

    /// Note the characters that start in `b[from..to]` (`from` on a
    /// character's start).
    fn read(&mut self, b: &[u8], from: usize, to: usize) {
        // Every byte but a continuation byte starts a character: counted
        // apart from the loop below, in a `u8` (at most WHOLE bytes are
        // read at once), as that count vectorises.
        debug_assert!(to - from <= WHOLE);
        let mut starts = 0u8;
        for &x in &b[from..to] {
            starts += u8::from((x as i8) >= -0x40);
        }
        self.chars += usize::from(starts);
        let mut i = from;
        while i < to {
            let x = b[i];
            if x < 0x80 {
                match x {
                    b'0'..=b'9' => self.ascii_digit = true,
                    b'a'..=b'z' | b'A'..=b'Z' => self.ascii_alpha = true,
                    b',' => self.commas += 1,
                    b'!' | b'?' => self.stops += 1,
                    b'(' => self.opens += 1,
                    b' ' => self.space = true,
                    _ => {}
                }
                i += 1;
                continue;
            }
            // Every noted character takes three bytes (lead 0xE0–0xEF);
            // the text is UTF-8, so the two after such a lead are there.
            if x & 0xF0 != 0xE0 {
                i += 1;
                continue;
            }
            if LEADS[usize::from(x & 0x0F)] >> (b[i + 1] & 0x3F) & 1 != 0 {
                let c = (u32::from(x & 0x0F) << 12)
                    | (u32::from(b[i + 1] & 0x3F) << 6)
                    | u32::from(b[i + 2] & 0x3F);
                self.note(c, i, b.get(i + 3) == Some(&b' '));
            }
            i += 3;
        }
    }

    /// Note character `c` at byte `at` (`space`: an ASCII space follows).
    fn note(&mut self, c: u32, at: usize, space: bool) {
        match c {
            PAGE | LEAF => {
                if c == PAGE && self.first_page.is_none() {
                    self.first_page = Some(at);
                }
                let (first, _) = self.page_marks.unwrap_or((at, at));
                self.page_marks = Some((first, at));
            }
            YEAR => self.year = true,
            PHOTO => self.photo = true,
            PAPER => self.paper_space |= space,
            ENUMERATION => self.enumeration = true,
            FULLWIDTH_0..=FULLWIDTH_9 => self.fullwidth_digit = true,
            COMMA => self.commas += 1,
            OPEN => self.opens += 1,
            WIDE_SPACE => self.space = true,
            _ if STOPS.contains(&c) => self.stops += 1,
            _ if RARE.contains(&c) => self.chrome_rare = true,
            _ => {}
        }
    }

    /// What a long text's marks do not count: its commas, sentence marks,
    /// opening brackets and whether it holds a space, by byte searches (the
    /// marks are ASCII or start with 0xEF or 0xE3 in UTF-8).
    pub fn punctuation(b: &[u8]) -> (usize, usize, bool, usize) {
        let (mut commas, mut marks, mut space, mut opens) =
            (0, 0, memchr::memchr(b' ', b).is_some(), 0);
        for i in memchr::memchr3_iter(b',', 0xEF, 0xE3, b) {
            match (b[i], b.get(i + 1), b.get(i + 2)) {
                (b',', _, _) => commas += 1,
                // `，` EF BC 8C, `！` EF BC 81, `？` EF BC 9F, `（` EF BC 88.
                (0xEF, Some(0xBC), Some(0x8C)) => commas += 1,
                (0xEF, Some(0xBC), Some(0x81 | 0x9F)) => marks += 1,
                (0xEF, Some(0xBC), Some(0x88)) => opens += 1,
                // `。` E3 80 82, U+3000 E3 80 80.
                (0xE3, Some(0x80), Some(0x82)) => marks += 1,
                (0xE3, Some(0x80), Some(0x80)) => space = true,
                _ => {}
            }
        }
        marks += memchr::memchr2_iter(b'!', b'?', b).count();
        opens += memchr::memchr_iter(b'(', b).count();
        (commas, marks, space, opens)
    }

    /// Does `版` or `页` stand in the first `head` bytes of the text, or
    /// start in its last `tail` bytes (of `len`; `head`, `tail` at most
    /// [`ENDS`])? A character ends on a boundary, so "in the first `head`
    /// bytes" is the same as in the text cut at the last boundary at or
    /// below `head`.
    pub fn page_near_ends(&self, len: usize, head: usize, tail: usize) -> bool {
        debug_assert!(head <= ENDS && tail <= ENDS);
        self.page_marks
            .is_some_and(|(first, last)| first + 3 <= head || last >= len.saturating_sub(tail))
    }

    /// Does `版` stand in the first `head` bytes (at most [`ENDS`])?
    pub fn page_in_head(&self, head: usize) -> bool {
        debug_assert!(head <= ENDS);
        self.first_page.is_some_and(|at| at + 3 <= head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The naive searches the marks stand for.
    fn naive(text: &str) -> Marks {
        let found = |c: char| text.match_indices(c).map(|(i, _)| i);
        let pages: Vec<usize> = text.match_indices(['版', '页']).map(|(i, _)| i).collect();
        let count = |set: &[char]| text.chars().filter(|c| set.contains(c)).count();
        Marks {
            whole: true,
            chars: text.chars().count(),
            commas: count(&[',', '，']),
            stops: count(&['。', '！', '？', '!', '?']),
            opens: count(&['（', '(']),
            space: text.contains([' ', '\u{3000}']),
            ascii_digit: text.bytes().any(|b| b.is_ascii_digit()),
            ascii_alpha: text.bytes().any(|b| b.is_ascii_alphabetic()),
            fullwidth_digit: text
                .contains(['０', '１', '２', '３', '４', '５', '６', '７', '８', '９']),
            enumeration: text.contains('、'),
            year: text.contains('年'),
            photo: text.contains('摄'),
            paper_space: text.contains("报 "),
            chrome_rare: text.contains(['稿', '权', '证', '违']),
            first_page: found('版').next(),
            page_marks: pages.first().map(|&f| (f, *pages.last().unwrap_or(&f))),
        }
    }

    #[test]
    fn marks_are_the_naive_searches() {
        let pieces = [
            "版", "页", "年", "摄", "报", "报 ", " ", "、", "０", "９", "５", "／", "稿", "权",
            "证", "违", "a", "Z", "0", "9", "é", "𠀀", "〇", "，", "日", "電", "\u{3000}", ",",
            "。", "！", "？", "!", "?", "(", "（", "）", "：", "ｚ",
        ];
        let mut rng = crate::loader::test_rng::XorShift::default();
        let mut next = || rng.next();
        for _ in 0..50_000 {
            let mut t = String::new();
            for _ in 0..next() % 16 {
                t.push_str(pieces[next() as usize % pieces.len()]);
            }
            assert_eq!(Marks::of(&t), naive(&t), "{t:?}");
        }
    }

    #[test]
    fn short_texts_count_as_the_byte_searches() {
        for t in [
            "",
            "本报讯 6月30日至7月1日,副市长朱忠明来衡调研时强调,要深入",
            "第一句。第二句！第三句？(一)（二）!?\u{3000}，，",
            "a, b, c (d) e! f? 𠀀 é",
        ] {
            let m = Marks::of(t);
            assert!(m.whole);
            let (commas, marks, space, opens) = Marks::punctuation(t.as_bytes());
            assert_eq!(
                (m.chars, m.commas, m.stops, m.space, m.opens),
                (t.chars().count(), commas, marks, space, opens),
                "{t:?}"
            );
        }
    }

    #[test]
    fn page_near_ends_is_the_head_and_tail_search() {
        let long = "一二三四五六七八九十".repeat(9);
        let texts = [
            "版".to_string(),
            "一二三版".to_string(),
            "一二三四五六七八九十一二三四五六七八九十页一二三四五".to_string(),
            format!("ab版{long}页c"),
            format!("一版{long}"),
            format!("{long}页𠀀"),
            format!("{long}版{long}"),
            format!("一二三四五六七八九十一二三四五六七八九版{long}a版"),
        ];
        for t in &texts {
            let m = Marks::of(t);
            if t.len() > WHOLE {
                assert!(m.ascii_digit && m.photo && m.enumeration && m.chrome_rare);
            }
            for head in 0..=ENDS {
                for tail in 0..=ENDS {
                    let mut h = head.min(t.len());
                    while !t.is_char_boundary(h) {
                        h -= 1;
                    }
                    let mut s = t.len().saturating_sub(tail);
                    while !t.is_char_boundary(s) {
                        s += 1;
                    }
                    let want = t[..h].contains(['版', '页']) || t[s..].contains(['版', '页']);
                    let got = m.page_near_ends(t.len(), head, tail);
                    assert_eq!(got, want, "{t:?} {head} {tail}");
                    assert_eq!(m.page_in_head(head), t[..h].contains('版'), "{t:?} {head}");
                }
            }
        }
    }
}
