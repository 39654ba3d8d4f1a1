//! The incremental step of literal matching: when a term grows by a
//! keystroke, keep the occurrences of the old term where the new one
//! occurs, from the bytes noted after each occurrence when they suffice
//! ([`refine_found`]), else from the haystack with a branch-free check.
//! The scans themselves are in `matcher.rs`.

use super::matcher::{Found, Split, run_pieces, word_at};

/// Whether some proper prefix of `needle` is also a suffix (`哈哈`, `aa`):
/// only then can two occurrences overlap.
pub fn self_overlaps(needle: &[u8]) -> bool {
    (1..needle.len()).any(|k| needle[..k] == needle[needle.len() - k..])
}

/// Keep the positions of `old` (matches of a prefix of `needle`) where
/// `needle` itself occurs, dropping overlaps: the incremental step when a
/// term grows by a keystroke. Exact only when the prefix cannot overlap
/// itself ([`self_overlaps`] is false): then `old` lists *every*
/// occurrence of the prefix, so every occurrence of `needle` is among them.
pub fn refine(hay: &[u8], old: &[u32], needle: &[u8]) -> Vec<u32> {
    refine_split(
        hay,
        &Found::bare(old.to_vec()),
        0,
        needle,
        Split::default_for_machine(),
    )
    .starts
}

/// [`refine`] from occurrences of `needle[..prefix_len]` with what follows
/// them: when the grown part (`needle[prefix_len..]`) is among the bytes
/// known after each occurrence, only those are compared; otherwise the
/// haystack is, and the bytes after each new occurrence noted.
///
/// Haystack positions are far apart in a haystack much bigger than the
/// caches, so each check waits on memory. The check is therefore
/// branch-free (the needle's first and last eight bytes compared as
/// words; always store, advance by the outcome): a mispredicted "does it
/// match" would throw away the loads already started for the positions
/// after it. Passes for needles over 16 bytes and for overlaps follow on
/// the survivors.
pub fn refine_found(hay: &[u8], old: &Found, prefix_len: usize, needle: &[u8]) -> Found {
    refine_split(hay, old, prefix_len, needle, Split::default_for_machine())
}

pub(crate) fn refine_split(
    hay: &[u8],
    old: &Found,
    prefix_len: usize,
    needle: &[u8],
    split: Split,
) -> Found {
    let n = needle.len();
    if n == 0 {
        return Found::default();
    }
    let grown = n.saturating_sub(prefix_len);
    let mut out = if prefix_len > 0
        && prefix_len <= n
        && grown <= old.known
        && old.ahead.len() == old.starts.len()
    {
        from_ahead(hay.len(), old, &needle[prefix_len..], n)
    } else {
        // Pieces of the list, in parallel when long (positions cost the
        // same wherever they are, so equal counts balance).
        let piece = split.piece / REFINE_BYTES_PER_POSITION;
        let starts = &old.starts;
        if starts.len() >= split.min / REFINE_BYTES_PER_POSITION && split.threads >= 2 {
            let parts = run_pieces(starts.len().div_ceil(piece), split.threads, |p| {
                let from = p * piece;
                occurring(hay, &starts[from..(from + piece).min(starts.len())], needle)
            });
            let mut all = Found::with_capacity(parts.iter().map(|f| f.starts.len()).sum());
            for f in &parts {
                all.append(f);
            }
            all
        } else {
            occurring(hay, starts, needle)
        }
    };
    if self_overlaps(needle) {
        let mut next_free = 0usize;
        out.retain(|p| {
            let keep = p as usize >= next_free;
            if keep {
                next_free = p as usize + n;
            }
            keep
        });
    }
    out.shrink();
    out
}

/// The occurrences of `old` followed by `grown` (which fits in what is
/// known after them), for a needle of `n` bytes in a haystack of
/// `hay_len`.
fn from_ahead(hay_len: usize, old: &Found, grown: &[u8], n: usize) -> Found {
    let g = grown.len();
    let mut want = [0u8; 8];
    want[..g].copy_from_slice(grown);
    let want = u64::from_le_bytes(want);
    let mask = u64::MAX.checked_shr(8 * (8 - g) as u32).unwrap_or(0);
    let shift = (8 * g) as u32;
    let mut out = Found {
        starts: vec![0; old.starts.len()],
        ahead: vec![0; old.starts.len()],
        known: old.known - g,
    };
    let mut len = 0usize;
    for (&p, &a) in old.starts.iter().zip(&old.ahead) {
        // Bytes past the end read as 0: rule those positions out.
        let fits = p as usize + n <= hay_len;
        out.starts[len] = p;
        out.ahead[len] = a.checked_shr(shift).unwrap_or(0);
        len += usize::from(((a ^ want) & mask == 0) & fits);
    }
    out.starts.truncate(len);
    out.ahead.truncate(len);
    out
}

/// A checked position costs about as much as scanning this many bytes
/// (one cache miss each): converts the byte thresholds of a [`Split`].
pub(crate) const REFINE_BYTES_PER_POSITION: usize = 64;

/// Up to eight bytes of a needle at a fixed offset, compared as one word.
struct Probe<'n> {
    off: usize,
    bytes: &'n [u8],
    want: u64,
    mask: u64,
}

impl<'n> Probe<'n> {
    /// `needle[off..]`, at most eight bytes of it.
    fn new(needle: &'n [u8], off: usize) -> Probe<'n> {
        let bytes = &needle[off..needle.len().min(off + 8)];
        let mut want = [0u8; 8];
        want[..bytes.len()].copy_from_slice(bytes);
        Probe {
            off,
            bytes,
            want: u64::from_le_bytes(want),
            mask: u64::MAX >> (8 * (8 - bytes.len())),
        }
    }

    /// Whether the needle's bytes are at `hay[p + off..]`.
    #[inline(always)]
    fn at(&self, hay: &[u8], p: usize) -> bool {
        let q = p + self.off;
        match hay.get(q..q + 8) {
            Some(w) => {
                let mut b = [0u8; 8];
                b.copy_from_slice(w);
                (u64::from_le_bytes(b) ^ self.want) & self.mask == 0
            }
            // Near the end: the plain comparison.
            None => hay.get(q..q + self.bytes.len()) == Some(self.bytes),
        }
    }
}

/// The positions of `old` where `needle` occurs (overlaps kept), with the
/// eight bytes after each.
fn occurring(hay: &[u8], old: &[u32], needle: &[u8]) -> Found {
    let n = needle.len();
    // Needles of up to 16 bytes (five Han characters) are checked whole
    // by two words, longer ones by their first and last eight bytes here
    // and whole below.
    let head = Probe::new(needle, 0);
    let tail = Probe::new(needle, n.saturating_sub(8));
    let mut out = Found {
        starts: vec![0; old.len()],
        ahead: vec![0; old.len()],
        known: 8,
    };
    let mut len = 0usize;
    if n <= 8 {
        for &p in old {
            out.starts[len] = p;
            out.ahead[len] = word_at(hay, p as usize + n);
            len += usize::from(head.at(hay, p as usize));
        }
    } else {
        for &p in old {
            out.starts[len] = p;
            out.ahead[len] = word_at(hay, p as usize + n);
            len += usize::from(head.at(hay, p as usize) & tail.at(hay, p as usize));
        }
    }
    out.starts.truncate(len);
    out.ahead.truncate(len);
    if n > 16 {
        out.retain(|p| hay.get(p as usize..p as usize + n) == Some(needle));
    }
    out
}
