//! End to end: the real binary in a real terminal (tmux, 100×30, private
//! socket). The list shows the titles, `]` `]` opens the third article,
//! `q` exits 0 and leaves the terminal out of the alternate screen.
//! Skips (with a message) when tmux is not installed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("tmux")
            .arg("-u")
            .args(["-L", &self.socket])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn capture(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "kb"])
            .unwrap_or_default()
    }

    fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "kb", f])
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// Poll `check` until it holds or 10 s pass; returns the last capture.
    fn wait_for(&self, what: &str, check: impl Fn(&Tmux) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if check(self) {
                return self.capture();
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{}",
                self.capture()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// The reading-pane half of each captured line (right of the divider).
fn reading_pane(capture: &str) -> String {
    capture
        .lines()
        .filter_map(|l| l.split_once('│').map(|(_, r)| r.to_string()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Start the real binary in a private tmux server at 100×30; `None` (with
/// a message) when tmux is missing. The temp dir must outlive the session.
fn start(tag: &str) -> Option<(Tmux, tempfile::TempDir)> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux not installed: skipping the end-to-end test");
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_kanbao");
    assert!(Path::new(bin).exists());
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("tmux.conf");
    std::fs::write(&conf, "set -g remain-on-exit on\nset -g status off\n").expect("conf");
    let conf = conf.to_string_lossy().into_owned();
    let tmux = Tmux {
        socket: format!("kanbao-test-{}-{tag}", std::process::id()),
    };
    tmux.run(&[
        "-f",
        &conf,
        "new-session",
        "-d",
        "-s",
        "kb",
        "-x",
        "100",
        "-y",
        "30",
        bin,
    ])
    .expect("start tmux session");
    Some((tmux, dir))
}

#[test]
fn sigterm_and_sighup_restore_terminal() {
    for (sig, status) in [("TERM", "143"), ("HUP", "129")] {
        let Some((tmux, _dir)) = start(sig) else {
            return;
        };
        tmux.wait_for("the alternate screen", |t| {
            t.format("#{alternate_on}") == "1"
        });
        let pid = tmux.format("#{pane_pid}");
        // The signal must reach kanbao itself, not a wrapping shell.
        if let Ok(comm) = std::fs::read_to_string(format!("/proc/{pid}/comm")) {
            assert_eq!(comm.trim(), "kanbao", "pane process");
        }
        let killed = Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status();
        assert!(killed.is_ok_and(|s| s.success()), "kill -{sig} {pid}");
        tmux.wait_for("the reader to exit", |t| t.format("#{pane_dead}") == "1");
        assert_eq!(tmux.format("#{pane_dead_status}"), status, "128 + SIG{sig}");
        assert_eq!(
            tmux.format("#{alternate_on}"),
            "0",
            "left the alternate screen"
        );
        assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse capture off");
    }
}

#[test]
fn real_binary_in_tmux() {
    let issue = kanbao::loader::sample();
    let Some((tmux, _dir)) = start("main") else {
        return;
    };
    // The headline list shows the titles (truncated, so check prefixes).
    let first = issue.articles.first().map(|a| prefix(a.display_title(), 4));
    let name = kanbao::ui::status_bar::issue_name(&issue);
    let screen = tmux.wait_for("the reader to start", |t| {
        t.format("#{alternate_on}") == "1" && t.capture().contains(&name)
    });
    if let Some(first) = &first {
        assert!(screen.contains(first.as_str()), "{screen}");
    }
    for a in issue.articles.iter().take(5) {
        let title = prefix(a.display_title(), 3);
        assert!(screen.contains(&title), "list lacks {title}:\n{screen}");
    }

    let third = issue
        .articles
        .get(2)
        .expect("the sample has three articles");
    tmux.run(&["send-keys", "-t", "kb", "]", "]"])
        .expect("keys");
    let want = prefix(third.display_title(), 4);
    let screen = tmux.wait_for("the third article", |t| {
        reading_pane(&t.capture()).contains(&want) && t.capture().contains(" 3/")
    });
    assert!(reading_pane(&screen).contains(&want), "{screen}");

    tmux.run(&["send-keys", "-t", "kb", "q"]).expect("q");
    tmux.wait_for("the reader to exit", |t| t.format("#{pane_dead}") == "1");
    assert_eq!(tmux.format("#{pane_dead_status}"), "0", "exit status");
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse capture off");
    let after = tmux.capture();
    assert!(
        !after.contains(&name),
        "status bar still on screen:\n{after}"
    );
}

/// The search bar in a real terminal: `/民生` Enter `n` shows the count in
/// the status row; `/民生` `Esc` goes back to where the reader was; `q`
/// exits 0.
#[test]
fn search_bar_in_tmux() {
    let Some((tmux, _dir)) = start_wrapped("search") else {
        return;
    };
    let name = kanbao::ui::status_bar::issue_name(&kanbao::loader::sample());
    let before = tmux.wait_for("the reader to start", |t| {
        t.format("#{alternate_on}") == "1" && t.capture().contains(&name)
    });
    // The word index loads in the background and the idle loop wakes for
    // it: the first article's keywords appear without a key press.
    tmux.wait_for("keywords under the byline", |t| {
        t.capture().contains("关键词：")
    });
    tmux.run(&["send-keys", "-t", "kb", "/"]).expect("/");
    tmux.run(&["send-keys", "-t", "kb", "-l", "民生"])
        .expect("type");
    tmux.wait_for("the bar's count", |t| t.capture().contains(" articles"));
    tmux.run(&["send-keys", "-t", "kb", "Enter", "n"])
        .expect("keys");
    let screen = tmux.wait_for("the kept count", |t| {
        let c = t.capture();
        c.contains("/民生 2/") && c.contains(" articles")
    });
    assert!(screen.contains(&name), "{screen}");

    // Back to the top of the list, then a search abandoned with Esc.
    tmux.run(&["send-keys", "-t", "kb", "C-l", "g", "h", "g"])
        .expect("keys");
    let start = tmux.wait_for("the list at the top", |t| {
        !t.capture().contains("/民生") && t.capture().contains(" 1/")
    });
    tmux.run(&["send-keys", "-t", "kb", "/"]).expect("/");
    tmux.run(&["send-keys", "-t", "kb", "-l", "民生"])
        .expect("type");
    tmux.wait_for("the bar's count", |t| t.capture().contains(" articles"));
    tmux.run(&["send-keys", "-t", "kb", "Escape"]).expect("esc");
    let back = tmux.wait_for("the bar to close", |t| !t.capture().contains("/民生"));
    // The list half and the status row (the reading pane may gain its
    // keywords line when jieba finishes loading in between).
    let stable = |c: &str| {
        c.lines()
            .map(|l| l.split_once('│').map_or(l, |(left, _)| left).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        stable(&back),
        stable(&start),
        "Esc returns to the same place"
    );
    assert_eq!(
        reading_pane(&back).lines().count(),
        reading_pane(&start).lines().count()
    );
    let _ = before;

    tmux.run(&["send-keys", "-t", "kb", "q"]).expect("q");
    // tmux 3.3 sometimes loses a dead pane's exit status under load, so a
    // wrapping shell prints it.
    let after = tmux.wait_for("the reader to exit", |t| t.capture().contains("EXIT="));
    assert!(after.contains("EXIT=0"), "{after}");
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}

/// Like `start`, but the binary runs under `sh`, which prints `EXIT=<code>`.
fn start_wrapped(tag: &str) -> Option<(Tmux, tempfile::TempDir)> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux not installed: skipping the end-to-end test");
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_kanbao");
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("tmux.conf");
    std::fs::write(&conf, "set -g remain-on-exit on\nset -g status off\n").expect("conf");
    let conf = conf.to_string_lossy().into_owned();
    let tmux = Tmux {
        socket: format!("kanbao-test-{}-{tag}", std::process::id()),
    };
    let cmd = format!("sh -c '\"$0\"; echo EXIT=$?; sleep 60' '{bin}'");
    tmux.run(&[
        "-f",
        &conf,
        "new-session",
        "-d",
        "-s",
        "kb",
        "-x",
        "100",
        "-y",
        "30",
        &cmd,
    ])
    .expect("start tmux session");
    Some((tmux, dir))
}
