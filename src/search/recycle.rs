//! Big buffers of dropped search results, kept for the next scans.
//!
//! A one-character keystroke over 100 MB makes ~4 MB of new result
//! (hits, the bytes after each, counts). Fresh memory costs a page fault
//! per 4 KB on first touch, and the allocator hands big freed blocks back
//! to the system, so every such keystroke paid ~1,000 faults — on this
//! kind of machine as much time as copying the results. The searcher's
//! cache and [`super::Matches`] give their buffers back here when dropped,
//! and scans take them again: the same memory, already mapped.

use std::sync::Mutex;

/// Buffers smaller than this are not worth keeping (bytes).
const MIN_BYTES: usize = 64 << 10;

/// Buffers kept per kind; with the largest results of a typing session
/// about 2 MB each, this holds at most a few MB.
const KEEP: usize = 4;

/// A few emptied `Vec<T>`s with their capacity.
pub(crate) struct Pool<T> {
    kept: Mutex<Vec<Vec<T>>>,
}

impl<T> Pool<T> {
    pub(crate) const fn new() -> Pool<T> {
        Pool {
            kept: Mutex::new(Vec::new()),
        }
    }

    /// An empty vector with room for `n`: the smallest kept one that has
    /// it, or a new one.
    pub(crate) fn take(&self, n: usize) -> Vec<T> {
        if n * size_of::<T>() >= MIN_BYTES
            && let Ok(mut kept) = self.kept.lock()
            && let Some(i) = (0..kept.len())
                .filter(|&i| kept[i].capacity() >= n)
                .min_by_key(|&i| kept[i].capacity())
        {
            return kept.swap_remove(i);
        }
        Vec::with_capacity(n)
    }

    /// Keep `v`'s memory for a later [`Pool::take`] if it is big, in place
    /// of the smallest kept one when full.
    pub(crate) fn give(&self, mut v: Vec<T>) {
        if v.capacity() * size_of::<T>() < MIN_BYTES {
            return;
        }
        v.clear();
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        if kept.len() < KEEP {
            kept.push(v);
        } else if let Some(i) = (0..kept.len()).min_by_key(|&i| kept[i].capacity())
            && kept[i].capacity() < v.capacity()
        {
            kept[i] = v;
        }
    }

    #[cfg(test)]
    fn capacities(&self) -> Vec<usize> {
        let mut c: Vec<usize> = self
            .kept
            .lock()
            .map_or(Vec::new(), |k| k.iter().map(Vec::capacity).collect());
        c.sort_unstable();
        c
    }
}

/// Positions and counts.
pub(crate) static U32S: Pool<u32> = Pool::new();
/// Bytes ahead of occurrences.
pub(crate) static U64S: Pool<u64> = Pool::new();

/// Give back the vector inside `a` if nothing else shares it.
pub(crate) fn give_shared<T>(pool: &Pool<T>, a: std::sync::Arc<Vec<T>>) {
    if let Ok(v) = std::sync::Arc::try_unwrap(a) {
        pool.give(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_big_buffers_and_hands_out_the_smallest_that_fits() {
        let pool: Pool<u32> = Pool::new();
        let big = MIN_BYTES / 4;
        pool.give(Vec::with_capacity(10)); // too small to keep
        pool.give(Vec::with_capacity(big * 4));
        pool.give(Vec::with_capacity(big * 2));
        assert_eq!(pool.capacities(), vec![big * 2, big * 4]);
        let v = pool.take(big + 1);
        assert!(v.is_empty());
        assert_eq!(v.capacity(), big * 2);
        assert_eq!(pool.capacities(), vec![big * 4]);
        // Nothing kept fits: a new one.
        assert!(pool.take(big * 8).capacity() >= big * 8);
        assert_eq!(pool.capacities(), vec![big * 4]);
    }

    #[test]
    fn keeps_the_biggest_few() {
        let pool: Pool<u64> = Pool::new();
        let big = MIN_BYTES / 8;
        for k in 1..=KEEP + 2 {
            pool.give(vec![7; big * k]);
        }
        let caps = pool.capacities();
        assert_eq!(caps.len(), KEEP);
        assert_eq!(caps[0], big * 3);
        let v = pool.take(big);
        assert!(v.is_empty(), "handed out cleared");
    }

    #[test]
    fn shared_buffers_are_not_taken() {
        let pool: Pool<u32> = Pool::new();
        let a = std::sync::Arc::new(vec![1u32; MIN_BYTES]);
        let b = std::sync::Arc::clone(&a);
        give_shared(&pool, a);
        assert!(pool.capacities().is_empty());
        give_shared(&pool, b);
        assert_eq!(pool.capacities().len(), 1);
    }
}
