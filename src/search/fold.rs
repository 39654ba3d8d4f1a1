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

/// Whether `c` is a Han ideograph: the loader's definition (the one the
/// "nothing lost" invariant counts), so search folds what the loader keeps.
use crate::text::chars::is_han;

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

/// One entry of an [`OffsetMap`]: a place where folded and original byte
/// lengths differ — one character folded to another length (`Ａ`→`a`,
/// `,`→`，`), a white-space run collapsed to one space, or a dropped run
/// (`flen == 0`). Between entries, offsets advance in step, so text whose
/// folding keeps byte lengths (Han, case, traditional → simplified) costs
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seg {
    /// Folded byte offset of the entry.
    pub fold: u32,
    /// Original byte offset of the entry.
    pub orig: u32,
    /// Folded length (0 for dropped white space).
    pub flen: u8,
    /// Original length (a character, or a white-space run up to 255 bytes;
    /// longer runs take several entries).
    pub olen: u8,
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

    /// Append the map of a text that follows this one, whose folded and
    /// original coordinates start at `fold` and `orig` here. Sound because
    /// both maps are the identity past their last entry (and before their
    /// first): the lengths match up at the seam.
    pub fn append_shifted(&mut self, other: &OffsetMap, fold: u32, orig: u32) {
        self.segs.extend(other.segs.iter().map(|s| Seg {
            fold: s.fold + fold,
            orig: s.orig + orig,
            ..*s
        }));
    }

    /// Heap bytes used.
    pub fn heap_bytes(&self) -> usize {
        self.segs.capacity() * std::mem::size_of::<Seg>()
    }

    /// Original offset where the folded character at `f` starts.
    pub fn orig_start(&self, f: usize) -> usize {
        let i = self.segs.partition_point(|s| s.fold as usize <= f);
        let Some(s) = i.checked_sub(1).map(|i| self.segs[i]) else {
            return f;
        };
        let (fold, orig) = (s.fold as usize, s.orig as usize);
        if f < fold + s.flen as usize {
            orig
        } else {
            orig + s.olen as usize + (f - fold - s.flen as usize)
        }
    }

    /// Original offset just past the folded character that ends at `f`.
    pub fn orig_end(&self, f: usize) -> usize {
        // Entries *at* `f` (white space dropped right after) are not part
        // of what ends there.
        let i = self.segs.partition_point(|s| (s.fold as usize) < f);
        let Some(s) = i.checked_sub(1).map(|i| self.segs[i]) else {
            return f;
        };
        let (fold, orig) = (s.fold as usize, s.orig as usize);
        let after = fold + s.flen as usize;
        orig + s.olen as usize + f.saturating_sub(after)
    }

    /// Folded offset of the original offset `o`; an offset inside a folded
    /// character or dropped white space maps to the next folded character.
    pub fn fold_of(&self, o: usize) -> usize {
        let i = self.segs.partition_point(|s| s.orig as usize <= o);
        let Some(s) = i.checked_sub(1).map(|i| self.segs[i]) else {
            return o;
        };
        let (fold, orig) = (s.fold as usize, s.orig as usize);
        if o == orig && s.flen > 0 {
            fold
        } else if o < orig + s.olen as usize {
            fold + s.flen as usize
        } else {
            fold + s.flen as usize + (o - orig - s.olen as usize)
        }
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

    /// Fold `text` onto the end of the buffer. The map's original
    /// coordinate must be in step with the folded one where this starts
    /// (`orig_base` is checked against it). Returns false (writing nothing)
    /// when offsets would overflow `u32`.
    pub fn push(&mut self, text: &str, orig_base: usize) -> bool {
        if self.out.len() + text.len() * 3 >= u32::MAX as usize
            || orig_base + text.len() >= u32::MAX as usize
        {
            return false;
        }
        let mut prev_han = false;
        let mut wrote_any = false;
        // Start and end of a pending white-space run.
        let mut pending_ws: Option<(usize, usize)> = None;
        // Start of a run of characters that fold to themselves, not yet
        // copied: copied in one go (most of Chinese text is such runs).
        let mut same_from: Option<usize> = None;
        let bytes = text.as_bytes();
        let mut buf = [0u8; 4];
        for (o, c) in text.char_indices() {
            if c.is_whitespace() {
                if let Some(from) = same_from.take() {
                    self.out.extend_from_slice(&bytes[from..o]);
                }
                let end = o + c.len_utf8();
                pending_ws = Some(pending_ws.map_or((o, end), |(s, _)| (s, end)));
                continue;
            }
            let han = is_han(c);
            if let Some((ws_from, ws_to)) = pending_ws.take() {
                // Leading runs vanish, and so do runs inside Han text.
                let keep = wrote_any && !(prev_han && han);
                self.run(orig_base + ws_from, orig_base + ws_to, keep);
            }
            prev_han = han;
            wrote_any = true;
            let fc = fold_char(c);
            if fc == c {
                same_from.get_or_insert(o);
                continue;
            }
            if let Some(from) = same_from.take() {
                self.out.extend_from_slice(&bytes[from..o]);
            }
            let enc = fc.encode_utf8(&mut buf);
            if enc.len() != c.len_utf8() {
                self.map.segs.push(Seg {
                    fold: self.out.len() as u32,
                    orig: (o + orig_base) as u32,
                    flen: enc.len() as u8,
                    olen: c.len_utf8() as u8,
                });
            }
            self.out.extend_from_slice(enc.as_bytes());
        }
        if let Some(from) = same_from {
            self.out.extend_from_slice(&bytes[from..]);
        }
        if let Some((ws_from, ws_to)) = pending_ws {
            // A trailing run vanishes too.
            self.run(orig_base + ws_from, orig_base + ws_to, false);
        }
        true
    }

    /// Record a white-space run `from..to` (original offsets) folded to one
    /// space (`keep`) or to nothing.
    fn run(&mut self, from: usize, to: usize, keep: bool) {
        let mut at = from;
        let mut first = true;
        while at < to || first {
            let olen = (to - at).min(u8::MAX as usize);
            let flen = u8::from(keep && first);
            if flen as usize != olen {
                self.map.segs.push(Seg {
                    fold: self.out.len() as u32,
                    orig: at as u32,
                    flen,
                    olen: olen as u8,
                });
            }
            if flen == 1 {
                self.out.push(b' ');
            }
            at += olen;
            first = false;
        }
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
