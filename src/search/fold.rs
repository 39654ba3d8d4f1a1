//! Folding: the normal form that queries and article text are compared in,
//! with an offset map back to the original bytes so highlights land on the
//! characters the reader actually shows.
//!
//! Per character, in this order:
//! - full-width forms `！`..`～` become ASCII (`Ａ`→`a`, `１`→`1`), except the
//!   seven marks the reader shows either way — `，；：？！（）` — which stay
//!   full-width, and their ASCII forms `,;:?!()` are raised to them. The
//!   direction is chosen so that the common case in Chinese text (full-width
//!   punctuation, ASCII digits) keeps its byte length: the offset map then
//!   needs an entry only where lengths differ, which is rare.
//! - Traditional → simplified, per character, context-free (so a query and
//!   the text always fold the same way); every mapping keeps 3 UTF-8 bytes.
//! - Latin case → lower case.
//! - White space: a run between two Han characters vanishes (`陈 润` ≡
//!   `陈润`); any other run becomes one ASCII space; leading and trailing
//!   runs vanish.

use std::sync::OnceLock;

/// Whether `c` is a Han ideograph (CJK unified, extensions, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x3134F)
}

/// The traditional → simplified table for the Basic Multilingual Plane,
/// built once from fast2s by converting every character with neutral
/// neighbours (space), so the fold is per character and context-free.
fn t2s_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = (0x2E80u32..=0xFFFF).filter_map(char::from_u32).collect();
        let mut joined = String::with_capacity(chars.len() * 4);
        for &c in &chars {
            joined.push(c);
            joined.push(' ');
        }
        let converted = fast2s::convert(&joined);
        let mut table: Vec<char> = (0u32..=0xFFFF)
            .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
            .collect();
        // fast2s maps one char to one char; if a future version did not,
        // the zip below would misalign, so only accept same-count output.
        if converted.chars().count() == joined.chars().count() {
            for (from, to) in chars.iter().zip(converted.chars().step_by(2)) {
                // Keep byte lengths equal: the offset map relies on it.
                if from.len_utf8() == to.len_utf8() {
                    table[*from as usize] = to;
                }
            }
        }
        table
    })
}

/// Fold one non-white-space character.
#[inline]
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '?' => '？',
            '!' => '！',
            '(' => '（',
            ')' => '）',
            _ => c.to_ascii_lowercase(),
        };
    }
    if (0xFF01..=0xFF5E).contains(&u) {
        return match c {
            '，' | '；' | '：' | '？' | '！' | '（' | '）' => c,
            // In range, so the subtraction lands in ASCII `!`..`~`.
            _ => char::from_u32(u - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase()),
        };
    }
    if u <= 0xFFFF && c.len_utf8() == 3 {
        return t2s_table()[u as usize];
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// One entry of an [`OffsetMap`]: from folded byte `fold` on, original bytes
/// start at `orig`. `olen == 0` marks an identity run (same byte lengths
/// until the next entry); otherwise the entry covers exactly one folded
/// character whose original character is `olen` bytes long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seg {
    /// Folded byte offset where the entry starts.
    pub fold: u32,
    /// Original byte offset where the entry starts.
    pub orig: u32,
    /// Original length of the single character, or 0 for an identity run.
    pub olen: u32,
}

/// Sparse map from folded byte offsets to original byte offsets (and back).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<Seg>,
}

impl OffsetMap {
    /// Number of entries (for memory accounting).
    pub fn len(&self) -> usize {
        self.segs.len()
    }

    /// Whether the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.segs.is_empty()
    }

    /// Drop entries past the first `len` (to roll back a partial push).
    pub fn truncate(&mut self, len: usize) {
        self.segs.truncate(len);
    }

    /// Release spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.segs.shrink_to_fit();
    }

    /// Heap bytes used.
    pub fn heap_bytes(&self) -> usize {
        self.segs.capacity() * std::mem::size_of::<Seg>()
    }

    /// Original offset where the folded character at `f` starts.
    pub fn orig_start(&self, f: usize) -> usize {
        let i = self.segs.partition_point(|s| s.fold as usize <= f);
        match i.checked_sub(1).map(|i| self.segs[i]) {
            Some(s) if s.olen == 0 => s.orig as usize + (f - s.fold as usize),
            Some(s) => s.orig as usize,
            None => f,
        }
    }

    /// Original offset just past the folded character that ends at `f`.
    pub fn orig_end(&self, f: usize) -> usize {
        let i = self.segs.partition_point(|s| (s.fold as usize) < f);
        match i.checked_sub(1).map(|i| self.segs[i]) {
            Some(s) if s.olen == 0 => s.orig as usize + (f - s.fold as usize),
            Some(s) => (s.orig + s.olen) as usize,
            None => f,
        }
    }

    /// Folded offset of the original offset `o` (a character start); an
    /// offset inside dropped white space maps to the next folded character.
    pub fn fold_of(&self, o: usize) -> usize {
        let i = self.segs.partition_point(|s| s.orig as usize <= o);
        let Some(s) = i.checked_sub(1).map(|i| self.segs[i]) else {
            return o;
        };
        let next_fold = self.segs.get(i).map(|n| n.fold as usize);
        let f = if s.olen == 0 {
            s.fold as usize + (o - s.orig as usize)
        } else if o == s.orig as usize {
            s.fold as usize
        } else {
            // Inside the original character, or in white space dropped
            // after it: the next folded character.
            next_fold.unwrap_or(s.fold as usize + 1)
        };
        next_fold.map_or(f, |n| f.min(n))
    }
}

/// Appends folded text to a byte buffer while recording the offset map.
/// Used for the one big haystack (many fields) and for single strings.
pub struct Folder<'a> {
    out: &'a mut Vec<u8>,
    map: &'a mut OffsetMap,
}

impl<'a> Folder<'a> {
    /// A folder writing into `out` and `map`.
    pub fn new(out: &'a mut Vec<u8>, map: &'a mut OffsetMap) -> Self {
        Folder { out, map }
    }

    /// Fold `text`, whose first byte has original offset `orig_base`, onto
    /// the end of the buffer. Returns false (writing nothing) when offsets
    /// would overflow `u32`.
    pub fn push(&mut self, text: &str, orig_base: usize) -> bool {
        if self.out.len() + text.len() * 3 >= u32::MAX as usize
            || orig_base + text.len() >= u32::MAX as usize
        {
            return false;
        }
        // A new field always starts a fresh identity entry: the delta between
        // folded and original offsets jumps at every field boundary.
        let mut need_seg = true;
        let mut prev_han = false;
        let mut wrote_any = false;
        // Start and length of the first character of a pending white run.
        let mut pending_ws: Option<(usize, usize)> = None;
        let mut buf = [0u8; 4];
        for (o, c) in text.char_indices() {
            if c.is_whitespace() {
                if pending_ws.is_none() {
                    pending_ws = Some((o, c.len_utf8()));
                }
                // Whatever follows sits at a new delta.
                need_seg = true;
                continue;
            }
            let han = is_han(c);
            if let Some((ws_at, ws_len)) = pending_ws.take() {
                // Leading runs vanish, and so do runs inside Han text.
                if wrote_any && !(prev_han && han) {
                    self.map.segs.push(Seg {
                        fold: self.out.len() as u32,
                        orig: (ws_at + orig_base) as u32,
                        olen: ws_len as u32,
                    });
                    self.out.push(b' ');
                    need_seg = true;
                }
            }
            let fc = fold_char(c);
            let enc = fc.encode_utf8(&mut buf);
            if enc.len() == c.len_utf8() {
                if need_seg {
                    self.map.segs.push(Seg {
                        fold: self.out.len() as u32,
                        orig: (o + orig_base) as u32,
                        olen: 0,
                    });
                    need_seg = false;
                }
            } else {
                self.map.segs.push(Seg {
                    fold: self.out.len() as u32,
                    orig: (o + orig_base) as u32,
                    olen: c.len_utf8() as u32,
                });
                need_seg = true;
            }
            self.out.extend_from_slice(enc.as_bytes());
            prev_han = han;
            wrote_any = true;
        }
        true
    }
}

/// Fold a whole string (a query term, a test input), with its offset map.
pub fn fold_with_map(text: &str) -> (String, OffsetMap) {
    let mut out = Vec::with_capacity(text.len());
    let mut map = OffsetMap::default();
    // A lone string is far below the u32 limit unless it is over 1 GB;
    // then it is simply left unfolded (empty), which matches nothing.
    Folder::new(&mut out, &mut map).push(text, 0);
    // Folding only ever writes whole UTF-8 encodings of chars.
    let s = String::from_utf8(out).unwrap_or_default();
    (s, map)
}

/// Fold a string, dropping the map.
pub fn fold(text: &str) -> String {
    fold_with_map(text).0
}
