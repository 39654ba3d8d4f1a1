//! Archives: a folder of generated issues is found, loaded on all cores and
//! ordered; failures stay in the list.

use kanbao::archive;
use std::sync::mpsc;

fn issue_text(n: usize) -> String {
    let day = n % 28 + 1;
    let month = n / 28 % 12 + 1;
    format!(
        "衡阳日报 2020年{month}月{day}日\n\n第{n}号新闻标题\n\n■本报记者 张三\n\n本报讯 这是第{n}期的正文。\n\n第二段{n}。\n"
    )
}

#[test]
fn thousands_of_issues_load_in_background_and_sort_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 2000;
    for i in 0..n {
        let sub = dir.path().join(format!("{}", i % 7));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join(format!("issue-{i:05}.txt")), issue_text(i)).expect("write");
    }
    std::fs::write(dir.path().join("readme.md"), "not an issue").expect("write");
    std::fs::write(dir.path().join(".hidden.txt"), "hidden").expect("write");
    std::fs::write(dir.path().join("bad.txt"), [0u8, 1, 2, 3]).expect("write");

    let paths = archive::scan(dir.path()).expect("scan");
    assert_eq!(
        paths.len(),
        n + 1,
        "all .txt files, recursively, nothing else"
    );

    let (tx, rx) = mpsc::channel();
    let worker = {
        let paths = paths.clone();
        std::thread::spawn(move || archive::load_all(&paths, &tx))
    };
    let mut entries: Vec<Option<archive::Entry>> = (0..paths.len()).map(|_| None).collect();
    for (i, entry) in rx {
        assert!(entries[i].is_none(), "each file is loaded once");
        entries[i] = Some(entry);
    }
    worker.join().expect("loader thread");
    let mut entries: Vec<archive::Entry> = entries
        .into_iter()
        .map(|e| e.expect("every file reported"))
        .collect();
    let failed: Vec<_> = entries.iter().filter_map(|e| e.as_ref().err()).collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].to_string().contains("bad.txt"));

    entries.sort_by_key(archive::sort_key);
    let dates: Vec<String> = entries
        .iter()
        .filter_map(|e| e.as_ref().ok())
        .filter_map(|l| l.issue.masthead.as_ref()?.date.clone())
        .collect();
    assert_eq!(dates.len(), n);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let first = entries[0].as_ref().expect("a loaded issue");
    assert_eq!(first.issue.articles.len(), 1);
    assert_eq!(
        first.hash,
        kanbao::state::content_hash(&std::fs::read(&first.path).expect("read"))
    );
}

#[test]
fn scanning_a_missing_folder_is_an_error() {
    assert!(archive::scan(std::path::Path::new("/nonexistent/kanbao")).is_err());
}

#[cfg(unix)]
mod walk {
    use kanbao::archive::walk::walk;
    use std::os::unix::fs::symlink;
    use std::path::Path;

    fn write(p: &Path) {
        std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
        std::fs::write(p, "衡阳日报 2020年7月2日\n\n标题\n\n本报讯 正文。\n").expect("write");
    }

    #[test]
    fn symlink_loops_end_and_list_each_file_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(&root.join("a/1.txt"));
        write(&root.join("a/sub/2.txt"));
        write(&root.join("b.txt"));
        symlink(".", root.join("self")).expect("link");
        symlink("..", root.join("a/sub/back")).expect("link");
        symlink("../a", root.join("a/sub/again")).expect("link");
        // A link to a folder that sorts before the folder: the real one wins.
        symlink("a", root.join("0-alias")).expect("link");
        // A link to a file sorts before it, but the real path is kept.
        symlink("b.txt", root.join("0-link.txt")).expect("link");
        // A link to a folder outside the tree is walked (once).
        let outside = tempfile::tempdir().expect("tempdir");
        write(&outside.path().join("x.txt"));
        symlink(outside.path(), root.join("linked")).expect("link");
        symlink(outside.path(), root.join("linked-again")).expect("link");
        let w = walk(root).expect("walk");
        let rel: Vec<String> = w
            .files
            .iter()
            .map(|p| p.strip_prefix(root).expect("below").display().to_string())
            .collect();
        assert_eq!(rel, ["a/1.txt", "a/sub/2.txt", "b.txt", "linked/x.txt"]);
        assert!(w.skipped.is_empty(), "{:?}", w.skipped);
    }

    #[test]
    fn special_files_are_skipped_and_said() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(&root.join("ok.txt"));
        let fifo = root.join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        symlink("/dev/zero", root.join("zero.txt")).expect("link");
        let w = walk(root).expect("walk");
        assert_eq!(w.files, [root.join("ok.txt")]);
        let why: Vec<(String, &str)> = w
            .skipped
            .iter()
            .map(|s| {
                (
                    s.path
                        .file_name()
                        .expect("name")
                        .to_string_lossy()
                        .into_owned(),
                    s.why.as_str(),
                )
            })
            .collect();
        assert_eq!(why.len(), 2, "{why:?}");
        assert!(
            why.iter()
                .any(|(n, w)| n == "pipe.txt" && w.contains("FIFO")),
            "{why:?}"
        );
        assert!(
            why.iter()
                .any(|(n, w)| n == "zero.txt" && w.contains("device")),
            "{why:?}"
        );
    }
}
