//! An issue of several files (a day's pages, or a crawler's one file per
//! article) is read as one run of articles, but remembered per file: each
//! file's state stays under its own content hash, so regrouping a folder,
//! a file moved between folders or read alone keeps its read marks and
//! bookmarks. [`IssueState::compose`] reads the files' states into the
//! issue's article numbering; [`IssueState::part`] takes one file's share
//! back out for saving.

use super::{IssueState, Position, Stamped};

impl IssueState {
    /// The state of an issue made of files whose states are `parts`, each
    /// with the issue's index of its first article. The position is the
    /// one set last, in whichever file it was, with the highest version of
    /// any file's position: the next position set outranks every file's
    /// stored one, whichever file it falls in (else merging on save would
    /// keep a file's older position, of a higher version).
    pub fn compose(parts: &[(usize, &IssueState)]) -> IssueState {
        if let [(0, only)] = parts {
            return (*only).clone();
        }
        let mut out = IssueState::default();
        let mut version = 0;
        for &(first, s) in parts {
            version = version.max(s.position.map_or(0, |p| p.version));
            for (&a, v) in &s.read {
                out.read.insert(first + a, *v);
            }
            for (k, v) in &s.bookmarks {
                if let Some((a, p)) = split_key(k) {
                    out.bookmarks.insert(format!("{}:{p}", first + a), *v);
                }
            }
            if let Some(p) = s.position
                && out.position.is_none_or(|o| p.at > o.at)
            {
                out.position = Some(Stamped {
                    value: Position {
                        article: first + p.value.article,
                        ..p.value
                    },
                    ..p
                });
            }
        }
        if let Some(p) = &mut out.position {
            p.version = version;
        }
        out
    }

    /// The share of this (composed) state that belongs to the file whose
    /// articles are `first..first + len`, in that file's own numbering.
    /// The position goes to the file it is in (the others keep theirs).
    pub fn part(&self, first: usize, len: usize) -> IssueState {
        if first == 0
            && self
                .read
                .keys()
                .chain(self.bookmark_articles().iter())
                .all(|&a| a < len)
        {
            let mut own = self.clone();
            own.position = own.position.filter(|p| p.value.article < len);
            return own;
        }
        let inside = |a: usize| (first..first + len).contains(&a);
        let mut out = IssueState {
            source: self.source.clone(),
            ..IssueState::default()
        };
        for (&a, v) in &self.read {
            if inside(a) {
                out.read.insert(a - first, *v);
            }
        }
        for (k, v) in &self.bookmarks {
            if let Some((a, p)) = split_key(k)
                && inside(a)
            {
                out.bookmarks.insert(format!("{}:{p}", a - first), *v);
            }
        }
        if let Some(p) = self.position
            && inside(p.value.article)
        {
            out.position = Some(Stamped {
                value: Position {
                    article: p.value.article - first,
                    ..p.value
                },
                ..p
            });
        }
        out
    }

    fn bookmark_articles(&self) -> Vec<usize> {
        self.bookmarks
            .keys()
            .filter_map(|k| split_key(k))
            .map(|(a, _)| a)
            .collect()
    }
}

/// `"12:3"` → (12, "3").
fn split_key(k: &str) -> Option<(usize, &str)> {
    let (a, p) = k.split_once(':')?;
    Some((a.parse().ok()?, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(
        read: &[usize],
        bookmarks: &[(usize, usize)],
        pos: Option<(usize, u64)>,
    ) -> IssueState {
        let mut s = IssueState::default();
        for &a in read {
            s.set_read(a, true);
        }
        for &(a, p) in bookmarks {
            s.toggle_bookmark(a, p);
        }
        if let Some((article, at)) = pos {
            s.position = Some(Stamped {
                value: Position {
                    article,
                    para: 2,
                    byte: 5,
                },
                at,
                version: 1,
            });
        }
        s
    }

    #[test]
    fn compose_then_part_gives_each_file_its_own() {
        let a = state(&[0, 2], &[(1, 4)], Some((1, 100)));
        let b = state(&[1], &[(0, 0)], Some((0, 200)));
        let c = state(&[], &[], None);
        let whole = IssueState::compose(&[(0, &a), (3, &b), (5, &c)]);
        assert!(whole.is_read(0) && whole.is_read(2) && whole.is_read(4));
        assert!(!whole.is_read(1) && !whole.is_read(3));
        assert_eq!(whole.bookmark_list(), [(1, 4), (3, 0)]);
        // The position set last (in b) wins, in the issue's numbering.
        assert_eq!(whole.position.map(|p| p.value.article), Some(3));
        let pa = whole.part(0, 3);
        assert_eq!(
            (pa.read.clone(), pa.bookmarks.clone()),
            (a.read.clone(), a.bookmarks.clone())
        );
        assert_eq!(pa.position, None, "the position is in another file");
        let pb = whole.part(3, 2);
        assert_eq!(
            (pb.read.clone(), pb.bookmarks.clone()),
            (b.read.clone(), b.bookmarks.clone())
        );
        assert_eq!(pb.position, b.position);
        assert_eq!(whole.part(5, 4), IssueState::default());
    }

    #[test]
    fn a_new_position_outranks_every_files_stored_one() {
        let mut a = state(&[], &[], Some((0, 200)));
        let mut b = state(&[], &[], Some((0, 100)));
        b.position.as_mut().expect("set").version = 7;
        a.position.as_mut().expect("set").version = 2;
        let mut whole = IssueState::compose(&[(0, &a), (1, &b)]);
        assert_eq!(
            whole.position.map(|p| (p.value.article, p.version)),
            Some((0, 7))
        );
        // Read on into b's article: its share must win the merge with what
        // b's file holds.
        whole.set_position(Position {
            article: 1,
            para: 0,
            byte: 0,
        });
        let mut on_disk = b.clone();
        on_disk.merge(&whole.part(1, 1));
        assert_eq!(
            on_disk.position.map(|p| p.value.para),
            Some(0),
            "the new position"
        );
    }

    #[test]
    fn one_file_is_its_own_state() {
        let a = state(&[0, 7], &[(3, 1)], Some((2, 9)));
        assert_eq!(IssueState::compose(&[(0, &a)]), a);
        assert_eq!(a.part(0, 8), a);
    }
}
