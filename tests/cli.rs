//! The real binary's non-interactive behaviour: export formats, help,
//! version, and one-line errors with the right exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn kanbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The fixtures' `.json` predate `chrome`, `credit` and `subheads`; FORMAT.md
/// says an empty list or null there is what they mean.
fn with_later_fields(issue: &mut serde_json::Value) {
    let obj = issue.as_object_mut().expect("an issue object");
    obj.entry("chrome").or_insert_with(|| serde_json::json!([]));
    for a in obj["articles"].as_array_mut().expect("articles") {
        let a = a.as_object_mut().expect("an article object");
        a.entry("credit").or_insert(serde_json::Value::Null);
        a.entry("subheads").or_insert_with(|| serde_json::json!([]));
    }
}

#[test]
fn export_json_is_the_format() {
    for name in [
        "paper-a-fullwidth",
        "paper-b-indented",
        "000_0c3d2c04bd8aa6d3",
    ] {
        let out = kanbao(&[
            "export",
            "--format",
            "json",
            &fixture(&format!("{name}.txt")),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let mut want: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("{name}.json"))).expect("fixture"),
        )
        .expect("json");
        with_later_fields(&mut want);
        assert_eq!(got, want, "{name}");
        assert!(stdout(&out).contains("\n  \"source\""), "pretty-printed");
        assert!(
            !stdout(&out).contains("\\u") && stdout(&out).contains("本报讯"),
            "UTF-8, not \\u escapes"
        );
    }
}

#[test]
fn export_defaults_to_json_of_the_sample() {
    let out = kanbao(&["export"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["source"], "000_0c3d2c04bd8aa6d3.txt");
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(4));
}

#[test]
fn export_markdown_and_text() {
    let md = stdout(&kanbao(&[
        "export",
        "--format",
        "markdown",
        &fixture("paper-a-fullwidth.txt"),
    ]));
    assert!(md.starts_with("# 湘江日报 2021年3月15日 星期一 第01版：要闻\n"));
    assert!(md.contains(
        "\n*市政府召开第五次常务会议*\n\n## 扎实抓好春季农业生产和民生实事\n\n**刘卫东主持会议**\n"
    ));
    assert!(md.contains("\n> ▲3月14日"));
    assert_eq!(md.matches("\n## ").count(), 4);
    let text = stdout(&kanbao(&[
        "export",
        "-f",
        "text",
        &fixture("paper-b-indented.txt"),
    ]));
    assert!(text.contains("\n\u{3000}\u{3000}本报讯 3月14日，全市优化营商环境大会召开。"));
    assert!(text.contains("以一流营商环境助推高质量发展\n本报记者 陈 润 通讯员 刘洋\n"));
    assert!(!text.contains('■'));
}

#[test]
fn help_and_version() {
    let help = kanbao(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("export"));
    let v = kanbao(&["--version"]);
    assert!(v.status.success());
    assert!(stdout(&v).contains(env!("CARGO_PKG_VERSION")));
}

fn assert_one_line_error(out: &Output, path: &str, problem: &str) {
    assert_eq!(out.status.code(), Some(1), "exit code for {path}");
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(
        err.contains(path) && err.contains(problem),
        "{err:?} should name {path} and {problem}"
    );
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"));
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_inputs_fail_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n").expect("write");
    let bin = dir.path().join("bin.txt");
    std::fs::write(&bin, [0x7F, b'E', b'L', b'F', 0, 0, 1, 2]).expect("write");
    let missing = dir.path().join("missing.txt");
    for args in [vec!["export"], vec![]] {
        let run = |p: &Path| {
            let mut a = args.clone();
            let s = p.display().to_string();
            a.push(&s);
            kanbao(&a)
        };
        assert_one_line_error(&run(&empty), "empty.txt", "empty");
        assert_one_line_error(&run(&pdf), "paper.pdf", "PDF");
        assert_one_line_error(&run(&bin), "bin.txt", "not a text issue");
        assert_one_line_error(&run(&missing), "missing.txt", "no such file");
    }
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = kanbao(&["export", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pdf"));
}

#[test]
fn export_dir_is_json_lines_and_reports_bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("2021/03");
    std::fs::create_dir_all(&sub).expect("mkdir");
    for name in ["paper-a-fullwidth.txt", "paper-b-indented.txt"] {
        std::fs::copy(fixture(name), sub.join(name)).expect("copy");
    }
    std::fs::write(dir.path().join("notes.md"), "ignored").expect("write");
    std::fs::write(dir.path().join("broken.txt"), b"").expect("write");
    let out = kanbao(&["export", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(1), "one file failed");
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one issue"))
        .collect();
    let sources: Vec<_> = lines
        .iter()
        .map(|v| v["source"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(sources, ["paper-a-fullwidth.txt", "paper-b-indented.txt"]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("broken.txt") && err.contains("empty"));
}

#[test]
fn search_command_exit_codes_and_json() {
    let hit = kanbao(&["search", "民生", &fixture("000_0c3d2c04bd8aa6d3.txt")]);
    assert_eq!(hit.status.code(), Some(0));
    assert!(stdout(&hit).contains("扎实做好民生保障等工作"));
    assert!(
        stdout(&hit).contains("【民生】"),
        "matches are marked when not on a terminal"
    );
    let none = kanbao(&["search", "没有这个词", &fixture("000_0c3d2c04bd8aa6d3.txt")]);
    assert_eq!(none.status.code(), Some(1), "like grep: nothing matched");
    let json = kanbao(&[
        "search",
        "--json",
        "营商环境",
        &fixture("paper-b-indented.txt"),
    ]);
    assert_eq!(json.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(
        v["results"].as_array().is_some_and(|r| !r.is_empty()),
        "{v}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
    let bad = kanbao(&["search", "民生", &dir.path().display().to_string()]);
    assert_eq!(bad.status.code(), Some(2), "a file that fails to load");
    assert!(stderr(&bad).contains("empty.txt"));
}

#[test]
fn config_default_prints_the_documented_defaults() {
    let out = kanbao(&["config", "--default"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text, kanbao::config::default_file::default_file());
    let (_, errors) = kanbao::config::parse(&text, "stdout");
    assert!(errors.is_empty(), "{errors:?}");
    let out = kanbao(&["config"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).trim_end().ends_with("config.toml"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn ambiguous_width_flag_values() {
    let out = kanbao(&["--ambiguous-width", "3"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("1, 2 or auto"), "{}", stderr(&out));
    // Not a terminal: the headline list, whatever the flag says.
    for v in ["1", "2", "auto"] {
        let out = kanbao(&["--ambiguous-width", v]);
        assert!(out.status.success(), "{v}: {}", stderr(&out));
    }
}

fn kanbao_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("output")
}

#[test]
fn unquoted_words_join_the_query_unless_they_are_paths() {
    let file = fixture("000_0c3d2c04bd8aa6d3.txt");
    let out = kanbao(&["search", "--json", "民生", "保障", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["query"], "民生 保障");
    // With no path at all: the sample, searched for both words.
    let out = kanbao(&["search", "民生", "保障"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Something path-like that is not there is an error, not a word.
    let out = kanbao(&["search", "民生", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/folder"), "{}", stderr(&out));
    let out = kanbao(&["search", "民生", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn global_flags_work_before_subcommands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml").display().to_string();
    let file = fixture("paper-a-fullwidth.txt");
    for args in [
        vec!["--config", config.as_str(), "export", file.as_str()],
        vec!["--no-state", "search", "民生", file.as_str()],
        vec![
            "--ambiguous-width",
            "2",
            "export",
            "-f",
            "text",
            file.as_str(),
        ],
        vec!["export", "--config", config.as_str(), file.as_str()],
    ] {
        let out = kanbao(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn standard_input_for_export_and_search() {
    let bytes = std::fs::read(fixture("paper-b-indented.txt")).expect("fixture");
    let out = kanbao_stdin(&["export", "-"], &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["source"], "-");
    assert_eq!(v["encoding"], "GB18030");
    let out = kanbao_stdin(&["search", "--json", "营商环境", "-"], &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["results"][0]["path"], "-");
    // Piped, `kanbao -` prints the headline list of standard input.
    let out = kanbao_stdin(&["-"], &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("  1  "), "{}", stdout(&out));
}

/// Three days of a paper, in folders whose names do not sort by date.
fn dated_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (folder, day, paper) in [
        ("b/2024-05-01", 1, "衡阳日报"),
        ("a/2024-05-03", 3, "衡阳日报"),
        ("c/2024-05-02", 2, "湘江日报"),
    ] {
        let sub = dir.path().join(folder);
        std::fs::create_dir_all(&sub).expect("mkdir");
        for page in [2, 1] {
            let text = format!(
                "{paper} 2024年5月{day}日 第0{page}版：要闻\n\n民生标题{day}-{page}\n\n本报讯 民生保障。\n"
            );
            std::fs::write(sub.join(format!("0{page}.txt")), text).expect("write");
        }
    }
    dir
}

fn search_json(args: &[&str]) -> Vec<serde_json::Value> {
    let out = kanbao(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v["results"].as_array().cloned().unwrap_or_default()
}

#[test]
fn search_names_hits_and_filters_by_day_and_paper() {
    let dir = dated_archive();
    let d = dir.path().display().to_string();
    let all = search_json(&["search", "--json", "民生", &d]);
    assert_eq!(all.len(), 6);
    for r in &all {
        let path = r["path"].as_str().expect("path");
        assert!(
            Path::new(path).is_file(),
            "a path a script can open: {path}"
        );
        let page = r["page"].as_str().expect("page");
        assert!(path.ends_with(&format!("{page}.txt")), "{r}");
        assert!(
            r["date"]
                .as_str()
                .is_some_and(|d| d.starts_with("2024-05-0"))
        );
        assert!(r["paper"].is_string() && r["title"].is_string() && r["article"] == 0);
    }
    let dates = |rs: &[serde_json::Value]| {
        let mut d: Vec<String> = rs
            .iter()
            .map(|r| r["date"].as_str().unwrap_or("").to_string())
            .collect();
        d.sort();
        d.dedup();
        d
    };
    let since = search_json(&["search", "--json", "--since", "2024-05-02", "民生", &d]);
    assert_eq!(dates(&since), ["2024-05-02", "2024-05-03"]);
    let until = search_json(&["search", "--json", "民生", &d, "--until", "2024-05-02"]);
    assert_eq!(dates(&until), ["2024-05-01", "2024-05-02"]);
    let paper = search_json(&["search", "--json", "--paper", "湘江", "民生", &d]);
    assert_eq!(dates(&paper), ["2024-05-02"]);
    assert_eq!(
        search_json(&["search", "--json", "--limit", "2", "民生", &d]).len(),
        2
    );
    let out = kanbao(&["search", "--since", "2024-06", "民生", &d]);
    assert_eq!(out.status.code(), Some(1), "nothing that late");
    let out = kanbao(&["search", "--since", "yesterday", "民生", &d]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    // Plain output: date · paper · page · path on every hit line.
    let plain = stdout(&kanbao(&["search", "--until", "2024-05-01", "民生", &d]));
    let heads: Vec<&str> = plain.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(heads.len(), 2, "{plain}");
    for h in heads {
        assert!(h.starts_with("2024-05-01 · 衡阳日报 · 第0"), "{h}");
        assert!(
            h.contains(&format!("b{}2024-05-01", std::path::MAIN_SEPARATOR)),
            "{h}"
        );
    }
}

#[test]
fn export_dir_orders_by_date_and_page_and_carries_the_place() {
    let dir = dated_archive();
    let d = dir.path().display().to_string();
    let out = kanbao(&["export", &d]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let order: Vec<(String, String)> = lines
        .iter()
        .map(|v| {
            (
                v["date"].as_str().unwrap_or("").into(),
                v["page"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = ["01", "02", "03"]
        .iter()
        .flat_map(|day| ["01", "02"].map(|p| (format!("2024-05-{day}"), p.to_string())))
        .collect();
    assert_eq!(order, want);
    for v in &lines {
        // FORMAT.md's fields are all there, unchanged in name.
        for field in [
            "source", "encoding", "masthead", "credits", "chrome", "articles",
        ] {
            assert!(v.get(field).is_some(), "{field} in {v}");
        }
        assert_eq!(v["section"], "要闻");
        assert!(v["path"].as_str().is_some_and(|p| Path::new(p).is_file()));
    }
    let filtered = stdout(&kanbao(&[
        "export",
        "--paper",
        "湘江",
        "--since",
        "2024-05-02",
        &d,
    ]));
    assert_eq!(filtered.lines().count(), 2);
    let md = stdout(&kanbao(&[
        "export",
        "-f",
        "markdown",
        "--until",
        "2024-05-01",
        &d,
    ]));
    assert!(
        md.contains("\n*2024-05-01 · 衡阳日报 · 第01版：要闻 · "),
        "{md}"
    );
}

#[test]
fn a_folder_search_with_a_bad_file_still_succeeds_when_it_matched() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        fixture("000_0c3d2c04bd8aa6d3.txt"),
        dir.path().join("good.txt"),
    )
    .expect("copy");
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150]).expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere", dir.path().join("gone.txt")).expect("link");
    let out = kanbao(&["search", "民生", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("binary.txt"), "{err}");
    #[cfg(unix)]
    assert!(
        err.contains("gone.txt") && err.contains("no such file"),
        "{err}"
    );
    let none = kanbao(&["search", "火星探测器", &dir.path().display().to_string()]);
    assert_eq!(none.status.code(), Some(2), "no match and a bad file");
}

/// `kanbao search --json` on the crawled month gives path, date and page.
#[test]
fn search_json_on_the_crawled_month() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/crawl/2019-10");
    if !root.is_dir() {
        eprintln!(
            "skipped: {} is not there (../shared absent)",
            root.display()
        );
        return;
    }
    let results = search_json(&["search", "--json", "女排", &root.display().to_string()]);
    let hit = results
        .iter()
        .find(|r| r["title"] == "习近平会见中国女排代表")
        .expect("the meeting of 1 October");
    assert_eq!(hit["date"], "2019-10-01");
    assert_eq!(hit["page"], "01");
    let path = hit["path"].as_str().expect("path");
    assert!(path.ends_with("20191001-01-01.txt"), "{path}");
}
