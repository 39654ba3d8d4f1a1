//! The real binary against hostile names, special files, symlink loops and
//! output that cannot be written: nothing from outside reaches the terminal
//! raw, nothing hangs, exit codes say what happened, nothing panics.
#![cfg(unix)]

use std::io::{Read, Write};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const ISSUE: &str = "标题一\n\n本报讯 扎实做好民生保障等工作。\n";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kanbao"));
    c.env("LC_ALL", "C.UTF-8");
    c
}

/// Wait at most `secs` for `child`; a hang fails the test (and is killed).
fn wait(mut child: Child, secs: u64) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("kanbao did not finish in {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn run(args: &[&str]) -> Output {
    let child = bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    wait(child, 60)
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// No byte that acts on a terminal: C0 but newline, ESC included; no
/// C1, bidi or line-separator character.
fn assert_inert(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && kanbao::text::safe::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in {text:?}");
}

const HOSTILE: &[&str] = &[
    "\u{1b}]52;c;cHduZWQ=\u{7}.txt",
    "\u{1b}]0;title\u{7}.txt",
    "\u{1b}[2J\u{1b}[H.txt",
    "forged\nkanbao: all good.txt",
    "c1\u{9b}31m.txt",
    "bidi\u{202e}txt.exe.txt",
];

#[test]
fn hostile_names_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in HOSTILE {
        std::fs::write(dir.path().join(name), ISSUE).expect("write");
    }
    // Files that fail, so their names go to stderr.
    std::fs::write(dir.path().join("\u{1b}]52;c;ZW1wdHk=\u{7}empty.txt"), b"").expect("write");
    std::fs::write(dir.path().join("\u{9b}2Jbin.txt"), [0u8, 1, 2, 3]).expect("write");

    let out = run(&["search", "民生", &s(dir.path())]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "matches found despite bad files"
    );
    assert_inert(&out.stdout, "search stdout");
    assert_inert(&out.stderr, "search stderr");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\\x1b]52;c;cHduZWQ=\\x07.txt"), "{stdout}");
    assert!(
        !stdout.lines().any(|l| l.starts_with("kanbao: all good")),
        "no forged line"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 2, "one line per bad file: {stderr}");
    assert!(
        stderr.contains("\\x1b]52;c;ZW1wdHk=\\x07empty.txt"),
        "{stderr}"
    );

    let json = run(&["search", "--json", "民生", &s(dir.path())]);
    assert_eq!(json.status.code(), Some(0));
    assert_inert(&json.stdout, "search --json");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    let mut paths: Vec<String> = v["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let p = r["path"].as_str().expect("a path");
            Path::new(p)
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    paths.sort();
    let mut want: Vec<String> = HOSTILE.iter().map(|n| n.to_string()).collect();
    want.sort();
    assert_eq!(paths, want, "JSON still gives the real names, escaped");

    for format in ["markdown", "text", "json"] {
        for name in HOSTILE {
            let out = run(&["export", "-f", format, &s(&dir.path().join(name))]);
            assert_eq!(out.status.code(), Some(0));
            assert_inert(&out.stdout, &format!("export {format} {name:?}"));
        }
        let out = run(&["export", "-f", format, &s(dir.path())]);
        assert_inert(&out.stdout, &format!("export {format} DIR"));
        assert_inert(&out.stderr, &format!("export {format} DIR stderr"));
    }
    let md = run(&["export", "-f", "markdown", &s(&dir.path().join(HOSTILE[0]))]);
    assert!(
        String::from_utf8_lossy(&md.stdout).starts_with("# \\x1b\\]52;c;cHduZWQ=\\x07.txt\n"),
        "{}",
        String::from_utf8_lossy(&md.stdout)
    );
}

#[test]
fn usage_errors_echo_arguments_safely() {
    let out = run(&["export", "--format", "\u{1b}]52;c;cHduZWQ=\u{7}"]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert(&out.stderr, "clap error");
}

#[test]
fn symlink_loops_and_special_files_never_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    std::fs::write(root.join("a.txt"), ISSUE).expect("write");
    std::fs::write(root.join("sub/b.txt"), ISSUE).expect("write");
    symlink(".", root.join("self")).expect("link");
    symlink("..", root.join("sub/back")).expect("link");
    let fifo = root.join("x.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let have_fifo = made.is_ok_and(|st| st.success());
    let out = run(&["search", "--json", "民生", &s(root)]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v["results"].as_array().map(Vec::len),
        Some(2),
        "each file once: {v}"
    );
    let export = run(&["export", &s(root)]);
    assert_eq!(String::from_utf8_lossy(&export.stdout).lines().count(), 2);
    if have_fifo {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("x.txt") && err.contains("FIFO"), "{err}");
        assert_eq!(export.status.code(), Some(1), "a skipped file is reported");
    } else {
        eprintln!("mkfifo not available: the FIFO part is skipped");
    }
}

/// Many matching files, so the output is larger than a pipe's buffer.
fn big_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = ISSUE.replace("标题一", "民生标题") + &"民生保障。".repeat(50);
    for i in 0..400 {
        std::fs::write(dir.path().join(format!("{i:03}.txt")), &text).expect("write");
    }
    dir
}

#[test]
fn a_closed_pipe_is_not_no_match() {
    let dir = big_archive();
    let mut child = bin()
        .args(["search", "民生", &s(dir.path())])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout); // `| head -c 64`
    let out = wait(child, 60);
    assert_eq!(out.status.code(), Some(0), "matches were found");
    assert!(
        out.stderr.is_empty(),
        "quiet: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn with_stdout_and_stderr(args: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    let child = bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("spawn");
    wait(child, 60)
}

fn dev_full() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()
}

#[test]
fn write_errors_exit_2_with_a_message_and_never_panic() {
    let Some(full) = dev_full() else {
        eprintln!("skipped: no /dev/full");
        return;
    };
    let dir = big_archive();
    let fixture = format!(
        "{}/tests/fixtures/paper-a-fullwidth.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    for args in [
        vec!["export", fixture.as_str()],
        vec!["search", "民生", fixture.as_str()],
        vec![fixture.as_str()],
    ] {
        let out = with_stdout_and_stderr(
            &args,
            Stdio::from(full.try_clone().expect("dup")),
            Stdio::piped(),
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("kanbao: writing output:"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // stderr on /dev/full too: the message is lost, not the process.
    let dir_arg = s(dir.path());
    std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
    for (args, code) in [
        (vec!["export", "/nonexistent/kanbao.txt"], 1),
        (vec!["search", "民生", dir_arg.as_str()], 2),
        (vec!["export", "--bogus"], 2),
    ] {
        let out = with_stdout_and_stderr(
            &args,
            Stdio::from(full.try_clone().expect("dup")),
            Stdio::from(full.try_clone().expect("dup")),
        );
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
    let mut f = full;
    assert!(f.write_all(b"x").is_err(), "/dev/full is full");
}
