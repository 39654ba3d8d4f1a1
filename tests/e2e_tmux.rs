//! End to end: the real binary in a real terminal (tmux, 100×30, private
//! socket). The list shows the titles, `]` `]` opens the third article,
//! `q` exits 0 and leaves the terminal out of the alternate screen.
//! Skips (with a message) when tmux is not installed.

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

/// kanbao's pid: the child of the pane's shell (`start_with`'s wrapper).
fn kanbao_pid(tmux: &Tmux) -> String {
    let shell = tmux.format("#{pane_pid}");
    let children = format!("/proc/{shell}/task/{shell}/children");
    let pid = std::fs::read_to_string(&children)
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .map(str::to_owned)
        .expect("kanbao runs under the pane's shell");
    if let Ok(comm) = std::fs::read_to_string(format!("/proc/{pid}/comm")) {
        assert_eq!(comm.trim(), "kanbao", "the signalled process");
    }
    pid
}

/// `kill -SIG pid`.
fn kill(sig: &str, pid: &str) {
    let killed = Command::new("kill")
        .args([&format!("-{sig}"), pid])
        .status();
    assert!(killed.is_ok_and(|s| s.success()), "kill -{sig} {pid}");
}

/// The process state letter from `/proc/PID/stat` (`T`: stopped).
fn proc_state(pid: &str) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next())
        .unwrap_or('?')
}

/// After kanbao exited: normal screen, no mouse capture, the tty in cooked
/// mode (`stty -a` as the wrapper saw it) and the wrapper's line on screen.
fn assert_terminal_restored(tmux: &Tmux, dir: &tempfile::TempDir, status: &str) {
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse capture off");
    let stty = std::fs::read_to_string(dir.path().join("status.stty")).unwrap_or_default();
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for cooked in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(
            flags.contains(&cooked),
            "{cooked} not set (raw mode?):\n{stty}"
        );
    }
    let line = format!("kanbao-exited-{status}");
    // With the scrollback: tmux's "Pane is dead" line may scroll it away.
    let history = |t: &Tmux| {
        t.run(&["capture-pane", "-p", "-S", "-", "-t", "kb"])
            .unwrap_or_default()
    };
    tmux.wait_for(&line, |t| history(t).contains(&line));
}

#[test]
fn terminating_signals_restore_terminal() {
    for (sig, status) in [
        ("TERM", "143"),
        ("HUP", "129"),
        ("INT", "130"),
        ("QUIT", "131"),
    ] {
        let Some((tmux, dir)) = start_with(sig, &[], &[]) else {
            return;
        };
        tmux.wait_for("the alternate screen", |t| {
            t.format("#{alternate_on}") == "1"
        });
        // The pane runs `sh`, which records kanbao's exit status (tmux's own
        // `pane_dead_status` is racy); the signal goes to kanbao, its child.
        kill(sig, &kanbao_pid(&tmux));
        assert_eq!(exit_status(&tmux, &dir), status, "128 + SIG{sig}");
        assert_terminal_restored(&tmux, &dir, status);
    }
}

/// `kill -TSTP` (and Ctrl-Z typed) stops kanbao with the terminal restored;
/// `kill -CONT` brings the reader back, redrawn and answering keys.
#[test]
fn suspend_and_resume() {
    let Some((tmux, dir)) = start_with("tstp", &[], &[]) else {
        return;
    };
    let name = kanbao::ui::status_bar::issue_name(&kanbao::loader::sample());
    tmux.wait_for("the reader to start", |t| {
        t.format("#{alternate_on}") == "1" && t.capture().contains(&name)
    });
    let pid = kanbao_pid(&tmux);
    for (how, round) in [("kill -TSTP", 2), ("Ctrl-Z", 3)] {
        if how == "Ctrl-Z" {
            tmux.run(&["send-keys", "-t", "kb", "C-z"]).expect("C-z");
        } else {
            kill("TSTP", &pid);
        }
        let screen = tmux.wait_for("kanbao to stop", |t| {
            proc_state(&pid) == 'T' && t.format("#{alternate_on}") == "0"
        });
        assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "{how}: mouse off");
        assert!(
            !screen.contains(&name),
            "{how}: the normal screen:\n{screen}"
        );
        kill("CONT", &pid);
        tmux.wait_for("the reader to come back", |t| {
            t.format("#{alternate_on}") == "1"
                && t.format("#{mouse_any_flag}") == "1"
                && t.capture().contains(&name)
        });
        // Still reading keys (raw mode again): `]` opens the next article.
        tmux.run(&["send-keys", "-t", "kb", "]"]).expect("]");
        let want = format!(" {round}/");
        tmux.wait_for("the next article", |t| t.capture().contains(&want));
    }
    quit(&tmux, &dir);
    assert_terminal_restored(&tmux, &dir, "0");
}

/// The status bar's "N/M  P%" (article and scroll position), if shown.
fn position(capture: &str) -> Option<String> {
    let status = capture.lines().rev().find(|l| l.contains('/'))?;
    let start = status.find(" 2/")?;
    let end = start + status[start..].find('%')?;
    Some(status[start..=end].to_owned())
}

/// SIGTERM and SIGHUP save the reading position like `q`: the second
/// article, scrolled part-way, is on screen again at the same place on the
/// next start.
#[test]
fn terminating_signal_saves_the_position() {
    let name = kanbao::ui::status_bar::issue_name(&kanbao::loader::sample());
    for sig in ["TERM", "HUP"] {
        let data = tempfile::tempdir().expect("tempdir");
        let state = data.path().join("state").to_string_lossy().into_owned();
        let args = ["--state-dir", state.as_str()];
        let Some((tmux, dir)) = start_with(&format!("save{sig}"), &[], &args) else {
            return;
        };
        tmux.wait_for("the reader to start", |t| {
            t.format("#{alternate_on}") == "1" && t.capture().contains(&name)
        });
        tmux.run(&["send-keys", "-t", "kb", "]", "j", "j", "j"])
            .expect("keys");
        let screen = tmux.wait_for("the second article, scrolled", |t| {
            position(&t.capture()).is_some_and(|p| !p.ends_with(" 0%"))
        });
        let before = position(&screen).expect("a position");
        kill(sig, &kanbao_pid(&tmux));
        exit_status(&tmux, &dir);
        drop(tmux);

        let Some((tmux, dir)) = start_with(&format!("again{sig}"), &[], &args) else {
            return;
        };
        tmux.wait_for(&format!("{before} again after SIG{sig}"), |t| {
            position(&t.capture()).as_ref() == Some(&before)
        });
        quit(&tmux, &dir);
    }
}

#[test]
fn real_binary_in_tmux() {
    let issue = kanbao::loader::sample();
    let Some((tmux, dir)) = start_with("main", &[], &[]) else {
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

    quit(&tmux, &dir);
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

/// Like `start`, with environment variables and arguments for kanbao, run
/// under `sh`, which writes kanbao's exit status to `status` in the temp
/// dir: tmux's own `pane_dead_status` is racy (on tmux 3.3a it sometimes
/// stays empty after the pane died).
fn start_with(tag: &str, env: &[(&str, &str)], args: &[&str]) -> Option<(Tmux, tempfile::TempDir)> {
    start(tag, env, args, None)
}

/// `start_with`, kanbao's standard input read from `stdin`.
fn start(
    tag: &str,
    env: &[(&str, &str)],
    args: &[&str],
    stdin: Option<&std::path::Path>,
) -> Option<(Tmux, tempfile::TempDir)> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux not installed: skipping the end-to-end test");
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_kanbao");
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("tmux.conf");
    // `set-clipboard on`: tmux keeps what an OSC 52 sets in its buffers.
    std::fs::write(
        &conf,
        "set -g remain-on-exit on\nset -g status off\nset -g set-clipboard on\n",
    )
    .expect("conf");
    let conf = conf.to_string_lossy().into_owned();
    let tmux = Tmux {
        socket: format!("kanbao-test-{}-{tag}", std::process::id()),
    };
    let env: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut cmd: Vec<&str> = vec![
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
    ];
    for e in &env {
        cmd.extend(["-e", e.as_str()]);
    }
    let status = dir.path().join("status").to_string_lossy().into_owned();
    // After kanbao: the tty's modes (`stty -a`, raw or cooked), a line on
    // the screen, then the exit status (last, so the others are there).
    let input = stdin.map_or(String::new(), |p| format!(" < '{}'", p.display()));
    let script = format!(
        "\"$0\" \"$@\"{input}; s=$?; stty -a > '{status}.stty' 2>&1; echo \"kanbao-exited-$s\"; \
         echo $s > '{status}.tmp' && mv '{status}.tmp' '{status}'"
    );
    cmd.extend(["sh", "-c", &script, bin]);
    // Never read or write the user's real reading state.
    if !args.contains(&"--state-dir") {
        cmd.push("--no-state");
    }
    cmd.extend(args);
    tmux.run(&cmd).expect("start tmux session");
    Some((tmux, dir))
}

#[test]
fn o_shows_the_article_in_the_pager_and_comes_back() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("paged.txt");
    let script = work.path().join("pager.sh");
    // A pager that saves its input (atomically, so the test never sees half).
    std::fs::write(
        &script,
        format!("cat > '{0}.tmp' && mv '{0}.tmp' '{0}'\n", out.display()),
    )
    .expect("script");
    let config = work.path().join("config.toml");
    std::fs::write(&config, "[reader]\nmeasure = 60\n").expect("config");
    let pager = format!("sh {}", script.display());
    let config_arg = config.to_string_lossy().into_owned();
    let Some((tmux, dir)) = start_with("pager", &[("PAGER", &pager)], &["--config", &config_arg])
    else {
        return;
    };
    let issue = kanbao::loader::sample();
    let name = kanbao::ui::status_bar::issue_name(&issue);
    tmux.wait_for("the reader to start", |t| {
        t.format("#{alternate_on}") == "1" && t.capture().contains(&name)
    });
    tmux.run(&["send-keys", "-t", "kb", "]", "o"])
        .expect("keys");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !out.exists() {
        assert!(
            Instant::now() < deadline,
            "the pager never ran:\n{}",
            tmux.capture()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let paged = std::fs::read_to_string(&out).expect("paged text");
    let second = &issue.articles[1];
    // As the reading pane shows it (full-width punctuation is on).
    let stored = kanbao::export::article_text(second);
    assert_eq!(paged, kanbao::text::punct::display(&stored));
    // Back in the reader, with the whole frame redrawn.
    let want = prefix(second.display_title(), 4);
    let screen = tmux.wait_for("the reader to come back", |t| {
        t.format("#{alternate_on}") == "1"
            && t.capture().contains(&name)
            && reading_pane(&t.capture()).contains(&want)
    });
    assert!(screen.contains(" 2/"), "{screen}");
    assert_eq!(tmux.format("#{pane_dead}"), "0");
    quit(&tmux, &dir);
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
}

#[test]
fn failing_pager_is_a_status_message() {
    let Some((tmux, dir)) = start_with(
        "badpager",
        &[("PAGER", "/nonexistent/pager")],
        &["--config", "/nonexistent/kanbao.toml"],
    ) else {
        return;
    };
    let screen = tmux.wait_for("the config error", |t| {
        t.capture().contains("config: /nonexistent/kanbao.toml")
    });
    assert_eq!(tmux.format("#{alternate_on}"), "1", "{screen}");
    tmux.run(&["send-keys", "-t", "kb", "o"]).expect("o");
    tmux.wait_for("the pager error", |t| {
        t.format("#{alternate_on}") == "1" && t.capture().contains("pager `/nonexistent/pager`")
    });
    quit(&tmux, &dir);
}

/// `q`, and kanbao exits 0.
fn quit(tmux: &Tmux, dir: &tempfile::TempDir) {
    tmux.run(&["send-keys", "-t", "kb", "q"]).expect("q");
    assert_eq!(exit_status(tmux, dir), "0", "exit status");
}

/// kanbao's exit status, as recorded by `start_with`'s wrapper.
fn exit_status(tmux: &Tmux, dir: &tempfile::TempDir) -> String {
    let file = dir.path().join("status");
    tmux.wait_for("the reader to exit", |_| file.exists());
    std::fs::read_to_string(&file)
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn ambiguous_width_auto_asks_the_terminal() {
    let work = tempfile::tempdir().expect("tempdir");
    let config = work.path().join("config.toml");
    std::fs::write(&config, "[reader]\nambiguous_width = \"auto\"\n").expect("config");
    let config_arg = config.to_string_lossy().into_owned();
    let Some((tmux, dir)) = start_with("probe", &[], &["--config", &config_arg]) else {
        return;
    };
    let name = kanbao::ui::status_bar::issue_name(&kanbao::loader::sample());
    let screen = tmux.wait_for("the reader to start", |t| {
        t.format("#{alternate_on}") == "1" && t.capture().contains(&name)
    });
    // tmux answers the cursor-position query, and the probe glyph is gone.
    assert!(!screen.contains("did not answer"), "{screen}");
    assert!(!screen.starts_with('“'), "{screen}");
    assert!(
        screen.contains("q quit"),
        "no message, just hints: {screen}"
    );
    quit(&tmux, &dir);
}

/// Archives: open a folder, switch issue, open the third article, quit;
/// reopen the folder with the same `--state-dir` and the third article of
/// that issue is on screen again.
#[test]
fn archive_reopens_where_the_reader_left() {
    let data = tempfile::tempdir().expect("tempdir");
    let archive = data.path().join("archive");
    std::fs::create_dir_all(archive.join("2020")).expect("mkdir");
    let sample = std::str::from_utf8(kanbao::SAMPLE_BYTES).expect("utf-8 sample");
    for day in 1..=3 {
        let text = format!("衡阳日报 2020年7月{day}日 第01版\n\n{sample}");
        std::fs::write(archive.join("2020").join(format!("0{day}.txt")), text).expect("write");
    }
    let state = data.path().join("state");
    let (archive, state) = (
        archive.to_string_lossy().into_owned(),
        state.to_string_lossy().into_owned(),
    );
    let args = ["--state-dir", state.as_str(), archive.as_str()];
    let issue = kanbao::loader::sample();
    let third = issue.articles.get(2).expect("three articles");
    let want = prefix(third.display_title(), 4);

    let Some((tmux, dir)) = start_with("archive1", &[], &args) else {
        return;
    };
    tmux.wait_for("the issue list", |t| {
        t.capture().contains("报刊 issues 3/3") && t.capture().contains("2020-07-03")
    });
    // Open the newest issue, switch to the next (older) one with `}`.
    tmux.run(&["send-keys", "-t", "kb", "Enter"]).expect("keys");
    tmux.wait_for("the first issue", |t| t.capture().contains("2020-07-03"));
    tmux.run(&["send-keys", "-t", "kb", "}"]).expect("keys");
    tmux.wait_for("the second issue", |t| t.capture().contains("2020-07-02"));
    tmux.run(&["send-keys", "-t", "kb", "]", "]"])
        .expect("keys");
    tmux.wait_for("the third article", |t| {
        reading_pane(&t.capture()).contains(&want) && t.capture().contains(" 3/")
    });
    quit(&tmux, &dir);
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
    drop(tmux);

    let Some((tmux, _dir2)) = start_with("archive2", &[], &args) else {
        return;
    };
    let screen = tmux.wait_for("the third article again", |t| {
        let c = t.capture();
        reading_pane(&c).contains(&want) && c.contains("2020-07-02") && c.contains(" 3/")
    });
    assert!(!screen.contains("报刊 issues"), "list closed:\n{screen}");
    tmux.run(&["send-keys", "-t", "kb", "q"]).expect("q");
    tmux.wait_for("the reader to exit", |t| t.format("#{pane_dead}") == "1");
}

/// The search bar in a real terminal: `/民生` Enter `n` shows the count in
/// the status row; `/民生` `Esc` goes back to where the reader was; `q`
/// exits 0.
#[test]
fn search_bar_in_tmux() {
    let Some((tmux, dir)) = start_with("search", &[], &[]) else {
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

    quit(&tmux, &dir);
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}

/// Searching all issues of a folder in a real terminal: the hit is in an
/// older issue, which opens while typing; `Esc` goes back to the newest.
#[test]
fn search_all_issues_in_tmux() {
    let data = tempfile::tempdir().expect("tempdir");
    let archive = data.path().join("archive");
    std::fs::create_dir_all(&archive).expect("mkdir");
    let sample = std::str::from_utf8(kanbao::SAMPLE_BYTES).expect("utf-8 sample");
    for day in 1..=3 {
        let extra = if day == 1 {
            "\n\n独家报道\n\n本报讯 甲乙丙丁只在这一期出现。\n"
        } else {
            ""
        };
        let text = format!("衡阳日报 2020年7月{day}日 第01版\n\n{sample}{extra}");
        std::fs::write(archive.join(format!("0{day}.txt")), text).expect("write");
    }
    let archive = archive.to_string_lossy().into_owned();
    let Some((tmux, dir)) = start_with("searchall", &[], &[archive.as_str()]) else {
        return;
    };
    tmux.wait_for("the issue list", |t| {
        t.capture().contains("报刊 issues 3/3")
    });
    tmux.run(&["send-keys", "-t", "kb", "Enter"]).expect("keys");
    tmux.wait_for("the newest issue", |t| t.capture().contains("2020-07-03"));
    tmux.run(&["send-keys", "-t", "kb", "/", "C-t", "C-t"])
        .expect("keys");
    tmux.wait_for("the scope", |t| t.capture().contains("[all issues 全部]"));
    tmux.run(&["send-keys", "-t", "kb", "-l", "甲乙丙"])
        .expect("type");
    let screen = tmux.wait_for("the hit in the oldest issue", |t| {
        let c = t.capture();
        // The bar covers the status row: the oldest issue shows as its
        // extra fifth article in the list.
        c.contains("1/1 · 1 article · 1 issue")
            && c.lines()
                .any(|l| l.starts_with(" 5") && l.contains("独家报道"))
    });
    assert!(reading_pane(&screen).contains("甲乙丙"), "{screen}");
    tmux.run(&["send-keys", "-t", "kb", "Escape"]).expect("esc");
    tmux.wait_for("back in the newest issue", |t| {
        let c = t.capture();
        c.contains("2020-07-03") && !c.contains("独家报道")
    });
    quit(&tmux, &dir);
}

/// Issue 11: the first screen is an open article with the keyboard in the
/// reading pane; `Space` reads on into the next article (the status bar
/// names it); `q` and a new run come back to it.
#[test]
fn space_reads_on_from_the_first_screen_and_the_article_is_remembered() {
    let data = tempfile::tempdir().expect("tempdir");
    let file = data.path().join("sample.txt");
    std::fs::write(&file, kanbao::SAMPLE_BYTES).expect("write");
    let state = data.path().join("state");
    let (file, state) = (
        file.to_string_lossy().into_owned(),
        state.to_string_lossy().into_owned(),
    );
    let args = ["--state-dir", state.as_str(), file.as_str()];
    let issue = kanbao::loader::sample();
    let second = issue.articles.get(1).expect("two articles");
    let want = prefix(second.display_title(), 4);

    let Some((tmux, dir)) = start_with("readon1", &[], &args) else {
        return;
    };
    tmux.wait_for("the first article", |t| t.capture().contains(" 1/"));
    // Space pages through article 1, then goes on to article 2.
    // One Space at a time, each waited for (it pages or moves on).
    for _ in 0..40 {
        let before = tmux.capture();
        if before.contains(" 2/") {
            break;
        }
        tmux.run(&["send-keys", "-t", "kb", "Space"]).expect("keys");
        tmux.wait_for("Space to page or read on", |t| t.capture() != before);
    }
    tmux.wait_for("article 2 with its notice", |t| {
        let c = t.capture();
        c.contains(" 2/") && c.contains("next: ") && reading_pane(&c).contains(&want)
    });
    quit(&tmux, &dir);
    drop(tmux);

    let Some((tmux, dir)) = start_with("readon2", &[], &args) else {
        return;
    };
    tmux.wait_for("article 2 again", |t| {
        let c = t.capture();
        c.contains(" 2/") && reading_pane(&c).contains(&want)
    });
    quit(&tmux, &dir);
}

/// Issue 11 item 12: `kanbao -` reads the issue from standard input and
/// the keyboard from the terminal.
#[test]
fn dash_reads_the_issue_from_standard_input() {
    let data = tempfile::tempdir().expect("tempdir");
    let file = data.path().join("piped.txt");
    std::fs::write(&file, kanbao::SAMPLE_BYTES).expect("write");
    let issue = kanbao::loader::sample();
    let first = prefix(issue.articles[0].display_title(), 4);
    let Some((tmux, dir)) = start("stdin", &[], &["-"], Some(&file)) else {
        return;
    };
    tmux.wait_for("the piped issue", |t| {
        let c = t.capture();
        reading_pane(&c).contains(&first) && c.contains(" 1/")
    });
    tmux.run(&["send-keys", "-t", "kb", "]"]).expect("keys");
    tmux.wait_for("keys from the terminal", |t| t.capture().contains(" 2/"));
    quit(&tmux, &dir);
}

/// Issue 11 item 6: `q` on a folder's first screen (the issue list) quits;
/// `Esc` there keeps the list.
#[test]
fn q_quits_from_a_folders_first_screen() {
    let data = tempfile::tempdir().expect("tempdir");
    let archive = data.path().join("archive");
    std::fs::create_dir_all(&archive).expect("mkdir");
    std::fs::write(archive.join("1.txt"), kanbao::SAMPLE_BYTES).expect("write");
    let archive = archive.to_string_lossy().into_owned();
    let Some((tmux, dir)) = start_with("firstq", &[], &[archive.as_str()]) else {
        return;
    };
    tmux.wait_for("the issue list", |t| {
        t.capture().contains("报刊 issues 1/1")
    });
    tmux.run(&["send-keys", "-t", "kb", "Escape"])
        .expect("keys");
    // Esc changes nothing on screen. A pause so the next key is not read
    // with it as Alt-j, then a key that redraws (`j` in a one-row list).
    std::thread::sleep(Duration::from_millis(300));
    tmux.run(&["send-keys", "-t", "kb", "j"]).expect("keys");
    tmux.wait_for("the list still there", |t| {
        let c = t.capture();
        c.contains("报刊 issues 1/1") && !c.contains("无文章") && c.contains("q quit")
    });
    quit(&tmux, &dir);
}

/// Issue 11 item 7: at 80 columns a long message wins over the hints and
/// `? help` still shows; `?` shows the message whole.
#[test]
fn at_80_columns_the_message_and_help_both_show() {
    let work = tempfile::tempdir().expect("tempdir");
    let config = work.path().join("config.toml");
    std::fs::write(
        &config,
        "[keys.main]\nno_such_action = [\"x\"]\nnext_article = [\"ctrl-shift-nothing\"]\n",
    )
    .expect("config");
    let config = config.to_string_lossy().into_owned();
    let Some((tmux, dir)) = start_with("msg80", &[], &["--config", &config]) else {
        return;
    };
    tmux.run(&["resize-window", "-t", "kb", "-x", "80", "-y", "24"])
        .expect("resize");
    let screen = tmux.wait_for("the config message at 80 columns", |t| {
        let c = t.capture();
        let last = c.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
        t.format("#{window_width}") == "80" && last.contains("config: ") && last.contains("? help")
    });
    assert!(!screen.contains("j down"), "the message wins: {screen}");
    tmux.run(&["send-keys", "-t", "kb", "?"]).expect("keys");
    tmux.wait_for("the messages in help", |t| {
        let c = t.capture();
        c.contains("消息 / messages") && c.contains("no_such_action")
    });
    // (`?` closes it: an Esc right before `q` would read as Alt-q.)
    tmux.run(&["send-keys", "-t", "kb", "?"]).expect("keys");
    tmux.wait_for("help closed", |t| !t.capture().contains("帮助 help"));
    quit(&tmux, &dir);
}

/// Issue 11 item 11: `y` inside tmux reaches tmux's own buffer (the bare
/// OSC 52, with `set-clipboard on`), with the source line; the status bar
/// says "sent", never "copied".
#[test]
fn y_inside_tmux_fills_tmuxs_buffer() {
    let Some((tmux, dir)) = start_with("copy", &[], &[]) else {
        return;
    };
    let issue = kanbao::loader::sample();
    let first = prefix(&issue.articles[0].paragraphs[0], 8);
    tmux.wait_for("the sample", |t| t.capture().contains(" 1/"));
    tmux.run(&["send-keys", "-t", "kb", "y"]).expect("keys");
    tmux.wait_for("the status message", |t| t.capture().contains("sent "));
    let buffer = tmux.wait_for("tmux's buffer", |t| {
        t.run(&["show-buffer"]).unwrap_or_default().contains(&first)
    });
    let stored = tmux.run(&["show-buffer"]).unwrap_or_default();
    assert!(stored.contains("来源 source:"), "{stored}");
    assert!(!buffer.contains("copied"), "{buffer}");
    quit(&tmux, &dir);
}

/// A crawler's month in a real terminal (issue 10): 31 dated issues newest
/// first, Enter opens 2019-10-31 at page 01, `.` turns to page 02 and the
/// status bar says so.
#[test]
fn crawl_month_reads_as_issues_of_pages_in_tmux() {
    let crawl = std::path::Path::new("../shared/corpus/real/crawl/2019-10");
    if !crawl.is_dir() {
        eprintln!("../shared/corpus/real/crawl/2019-10 not found: skipped");
        return;
    }
    let crawl = std::fs::canonicalize(crawl).expect("canonical path");
    let crawl = crawl.to_string_lossy().into_owned();
    let Some((tmux, dir)) = start_with("crawl", &[], &[crawl.as_str()]) else {
        return;
    };
    let list = tmux.wait_for("the issue list", |t| {
        t.capture().contains("报刊 issues 31/31")
    });
    let dates: Vec<&str> = list
        .lines()
        .filter_map(|l| l.trim_start_matches([' ', '▸']).get(..10))
        .filter(|d| d.starts_with("2019-10-"))
        .collect();
    assert_eq!(dates.first(), Some(&"2019-10-31"), "{list}");
    assert!(dates.len() >= 20, "one dated row per issue:\n{list}");
    assert!(
        dates.windows(2).all(|w| w[0] > w[1]),
        "newest first:\n{list}"
    );
    tmux.run(&["send-keys", "-t", "kb", "Enter"]).expect("keys");
    tmux.wait_for("page 01 of 2019-10-31", |t| {
        let c = t.capture();
        c.lines()
            .last()
            .is_some_and(|l| l.contains("2019-10-31 第01版"))
            && c.contains("第01版")
    });
    tmux.run(&["send-keys", "-t", "kb", "."]).expect("keys");
    tmux.wait_for("page 02", |t| {
        let c = t.capture();
        c.lines()
            .last()
            .is_some_and(|l| l.contains("2019-10-31 第02版"))
            && c.contains("2/20")
    });
    quit(&tmux, &dir);
}
