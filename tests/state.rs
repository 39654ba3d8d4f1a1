//! Remembered reading: round-trip, crash safety, corruption, concurrent writers.

use kanbao::state::{History, IssueState, Position, Stamped, Store, content_hash};

fn sample_state() -> IssueState {
    let mut s = IssueState {
        source: "a.txt".into(),
        position: Some(Stamped::now(Position {
            article: 2,
            para: 3,
            byte: 45,
        })),
        ..IssueState::default()
    };
    s.set_read(0, true);
    s.toggle_bookmark(2, 3);
    s
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let hash = content_hash(b"issue bytes");
    assert_eq!(store.load_issue(hash), (IssueState::default(), None));
    let s = sample_state();
    store.save_issue(hash, &s).expect("saved");
    let (back, warning) = store.load_issue(hash);
    assert_eq!((back, warning), (s, None));
    assert_eq!(
        store.load_issue(content_hash(b"other")).0,
        IssueState::default()
    );
}

#[test]
fn hash_follows_content_not_name() {
    assert_eq!(content_hash(b"same"), content_hash(b"same"));
    assert_ne!(content_hash(b"same"), content_hash(b"diff"));
}

#[test]
fn leftover_temp_and_lock_files_are_harmless() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let hash = 7;
    let s = sample_state();
    store.save_issue(hash, &s).expect("saved");
    // A crash mid-write leaves a half-written temp file and a lock file.
    let issues = dir.path().join("issues");
    std::fs::write(issues.join("0000000000000007.tmp.99999"), b"{\"half").expect("write");
    std::fs::write(issues.join("0000000000000007.lock"), b"").expect("write");
    assert_eq!(store.load_issue(hash).0, s, "the temp file is never read");
    let mut s2 = s.clone();
    s2.set_read(5, true);
    store
        .save_issue(hash, &s2)
        .expect("a stale lock is taken over");
    assert!(store.load_issue(hash).0.is_read(5));
}

#[test]
fn corrupt_file_is_moved_aside_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let path = dir.path().join("issues/000000000000002a.json");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, b"{ not json").expect("write");
    let (state, warning) = store.load_issue(42);
    assert_eq!(state, IssueState::default());
    let warning = warning.expect("a warning");
    assert!(warning.contains("corrupt"), "{warning}");
    assert!(!path.exists());
    assert_eq!(
        std::fs::read(path.with_extension("json.bad")).expect("kept"),
        b"{ not json"
    );
    // And kanbao carries on: saving works again.
    let s = sample_state();
    store.save_issue(42, &s).expect("saved");
    assert_eq!(store.load_issue(42), (s, None));
}

#[test]
fn two_writers_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let threads: Vec<_> = (0..2)
        .map(|w| {
            let store = Store::at(dir.path());
            std::thread::spawn(move || {
                for i in 0..25 {
                    let mut s = IssueState::default();
                    s.set_read(w * 100 + i, true);
                    store.save_issue(1, &s).expect("saved");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer");
    }
    let (merged, _) = Store::at(dir.path()).load_issue(1);
    for w in 0..2 {
        for i in 0..25 {
            assert!(merged.is_read(w * 100 + i), "writer {w} update {i} lost");
        }
    }
}

/// Entries from files written before versions (version 0): the later time wins.
#[test]
fn unversioned_newer_value_wins_per_field() {
    let mut a = IssueState::default();
    let mut b = IssueState::default();
    a.read.insert(
        1,
        Stamped {
            value: true,
            at: 10,
            version: 0,
        },
    );
    b.read.insert(
        1,
        Stamped {
            value: false,
            at: 20,
            version: 0,
        },
    );
    a.position = Some(Stamped {
        value: Position {
            article: 1,
            para: 0,
            byte: 0,
        },
        at: 30,
        version: 0,
    });
    b.position = Some(Stamped {
        value: Position {
            article: 2,
            para: 0,
            byte: 0,
        },
        at: 5,
        version: 0,
    });
    a.merge(&b);
    assert!(!a.is_read(1), "the later unread wins");
    assert_eq!(
        a.position.map(|p| p.value.article),
        Some(1),
        "the later position wins"
    );
}

#[test]
fn higher_version_wins_whatever_the_clock() {
    let far_future = u64::MAX / 2;
    let mut disk = IssueState::default();
    disk.read.insert(
        1,
        Stamped {
            value: true,
            at: far_future,
            version: 3,
        },
    );
    // This process loaded it, then the user marked it unread: version 4,
    // stamped now, long before `far_future`.
    let mut ours = disk.clone();
    ours.set_read(1, false);
    assert_eq!(ours.read[&1].version, 4);
    disk.merge(&ours);
    assert!(!disk.is_read(1), "the change wins over a future stamp");
    // And the merge is the same from the other side.
    let mut other_way = ours.clone();
    other_way.merge(&disk);
    assert_eq!(other_way, disk);
    // Equal versions: the later time breaks the tie.
    let a = Stamped {
        value: 1,
        at: 10,
        version: 2,
    };
    let b = Stamped {
        value: 2,
        at: 11,
        version: 2,
    };
    assert!(b.supersedes(&a) && !a.supersedes(&b) && !a.supersedes(&a));
}

#[test]
fn every_change_bumps_the_version() {
    let mut s = IssueState::default();
    s.set_read(0, true);
    s.set_read(0, false);
    s.set_read(0, true);
    assert_eq!(s.read[&0].version, 3);
    s.toggle_bookmark(1, 2);
    s.toggle_bookmark(1, 2);
    assert_eq!(s.bookmarks["1:2"].version, 2);
    let here = Position {
        article: 1,
        para: 2,
        byte: 3,
    };
    s.set_position(here);
    s.set_position(here);
    assert_eq!(s.position.map(|p| (p.value, p.version)), Some((here, 2)));
}

/// A state file as kanbao wrote it before versions existed.
const OLD_FORMAT: &str = r#"{
  "source": "2024-03-14.txt",
  "position": { "value": { "article": 2, "para": 5, "byte": 0 }, "at": 1700000000000 },
  "read": {
    "0": { "value": true, "at": 1700000000000 },
    "1": { "value": true, "at": 1700000000500 }
  },
  "bookmarks": { "2:5": { "value": true, "at": 1700000000000 } }
}
"#;

#[test]
fn old_format_files_load_and_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let issues = dir.path().join("issues");
    std::fs::create_dir_all(&issues).expect("mkdir");
    std::fs::write(issues.join("0000000000000009.json"), OLD_FORMAT).expect("write");
    let store = Store::at(dir.path());
    let (mut s, warning) = store.load_issue(9);
    assert_eq!(warning, None);
    assert_eq!(s.source, "2024-03-14.txt");
    assert!(s.is_read(0) && s.is_read(1));
    assert_eq!(s.bookmark_list(), [(2, 5)]);
    assert_eq!(
        s.position.map(|p| (p.value.article, p.version)),
        Some((2, 0))
    );
    // A change made now is one version on and wins the merge on disk.
    s.set_read(1, false);
    store.save_issue(9, &s).expect("saved");
    // A process with only the old view of the file adds a bookmark.
    let mut old_view: IssueState = serde_json::from_str(OLD_FORMAT).expect("parse");
    old_view.toggle_bookmark(0, 1);
    store.save_issue(9, &old_view).expect("saved");
    let (merged, _) = store.load_issue(9);
    assert!(merged.is_read(0) && !merged.is_read(1), "{merged:?}");
    assert_eq!(merged.bookmark_list(), [(0, 1), (2, 5)]);
    assert!(
        std::fs::read_to_string(issues.join("0000000000000009.json"))
            .expect("read")
            .contains("\"version\": 1"),
        "new files carry versions"
    );
}

#[test]
fn history_merges_and_orders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let mut h = History::default();
    h.push("民生");
    std::thread::sleep(std::time::Duration::from_millis(2));
    h.push("衡阳");
    store.save_history(&h).expect("saved");
    let mut other = History::default();
    std::thread::sleep(std::time::Duration::from_millis(2));
    other.push("创文");
    store.save_history(&other).expect("saved");
    assert_eq!(store.load_history().0.ordered(), ["民生", "衡阳", "创文"]);
}

#[test]
fn disabled_store_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::disabled();
    store.save_issue(1, &sample_state()).expect("no-op");
    store.save_history(&History::default()).expect("no-op");
    assert_eq!(store.load_issue(1).0, IssueState::default());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn bookmarks_toggle() {
    let mut s = IssueState::default();
    assert!(s.toggle_bookmark(1, 2));
    assert!(s.toggle_bookmark(0, 5));
    assert_eq!(s.bookmark_list(), [(0, 5), (1, 2)]);
    assert!(!s.toggle_bookmark(1, 2));
    assert_eq!(s.bookmark_list(), [(0, 5)]);
}
