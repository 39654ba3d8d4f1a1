//! Big5 issues (Hong Kong and Taiwan papers) through the real binary:
//! detected and decoded, reported as `"encoding": "Big5"` in the JSON
//! export, and `--encoding` overrides the detection (issue 11 item 13).
//! The Big5 file is made here with encoding_rs, from Traditional text.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A page of a Hong Kong paper in Traditional characters.
const PAGE: &str = "\
香港時報 2024年5月2日 星期四 第A01版：要聞

特區政府公佈新一份施政報告

本報記者 陳家明

本報訊 特區政府昨日公佈新一份施政報告，行政長官表示，將加快公營房屋的興建進度，並會檢討土地規劃的程序，讓市民早日上樓。

報告又提出多項支援中小企業的措施，包括延長貸款擔保計劃，以及為創新科技公司提供稅務優惠。
";

fn big5(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(s);
    assert!(!unmappable, "the page is all in Big5");
    bytes.into_owned()
}

fn kanbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .env(
            "KANBAO_STATE_DIR",
            std::env::temp_dir().join("kanbao-cli-encoding-state"),
        )
        .output()
        .expect("the binary runs")
}

fn big5_file(dir: &Path) -> PathBuf {
    let path = dir.join("hk-20240502-a01.txt");
    std::fs::write(&path, big5(PAGE)).expect("write");
    path
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn big5_is_detected_and_exported_as_big5() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = big5_file(dir.path());
    let issue = json(&kanbao(&["export", "-f", "json", path.to_str().unwrap()]));
    assert_eq!(issue["encoding"], "Big5");
    assert_eq!(issue["articles"][0]["title"], "特區政府公佈新一份施政報告");
    // (The loader's role words are Simplified: the Traditional `本報記者`
    // line is not yet read as a byline; decoding is what this tests.)
    let lead = issue["articles"][0]["paragraphs"][0]
        .as_str()
        .expect("a lead");
    assert!(lead.contains("公營房屋的興建進度"), "{lead}");
    // A folder export and a search read it the same way.
    let out = kanbao(&["export", dir.path().to_str().unwrap()]);
    let line = json(&out);
    assert_eq!(line["encoding"], "Big5");
    let out = kanbao(&["search", "施政報告", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("特區政府公佈新一份施政報告"));
}

#[test]
fn encoding_flag_overrides_detection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = big5_file(dir.path());
    let p = path.to_str().unwrap();
    // Read as GB18030 on request: the JSON says so and the text is not the page's.
    let issue = json(&kanbao(&["--encoding", "gb18030", "export", p]));
    assert_eq!(issue["encoding"], "GB18030");
    assert!(!issue.to_string().contains("施政報告"));
    // After the subcommand too (a global flag), any case.
    let issue = json(&kanbao(&["export", "--encoding", "BIG5", p]));
    assert_eq!(issue["encoding"], "Big5");
    assert_eq!(issue["articles"][0]["title"], "特區政府公佈新一份施政報告");
    // A UTF-8 file read as Big5 is mostly undecodable: refused in one line.
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, PAGE).expect("write");
    let out = kanbao(&["--encoding", "big5", "export", utf8.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("undecodable"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // The bundled sample stays the UTF-8 it is.
    let sample = json(&kanbao(&["--encoding", "big5", "export"]));
    assert_eq!(sample["encoding"], "UTF-8");
}

#[test]
fn encoding_flag_reads_standard_input_and_rejects_unknown_names() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .env("LC_ALL", "C.UTF-8")
        .args(["--encoding", "big5", "export", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&big5(PAGE))
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let issue = json(&out);
    assert_eq!(issue["encoding"], "Big5");
    let out = kanbao(&["--encoding", "latin1", "export"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Big5"), "lists the encodings: {err}");
}
