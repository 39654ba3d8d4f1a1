//! Messages use one language (issue 11 item 8): the locale's. A session
//! that raises most of the reader's status messages is read in English and
//! in Chinese; in English no message carries Chinese words of its own, in
//! Chinese every message is worded in Chinese. The CLI's errors follow the
//! locale variables in POSIX order.

mod ui_support;

use kanbao::lang::Lang;
use kanbao::state::Store;
use kanbao::text::chars::is_han;
use std::process::Command;
use ui_support::Harness;

/// Three short articles, so `]` and `[` soon reach the ends.
const ISSUE: &str = "衡阳日报 2000年1月1日 第01版\n\n春耕备耕有序推进\n\n■本报记者 张三\n\n\
    本报讯 第一篇的正文，很短。\n\n城乡环境整治见实效\n\n■本报记者 李四\n\n本报讯 第二篇的正文。\n\n\
    夜间经济点亮消费\n\n■本报记者 王五\n\n本报讯 第三篇的正文。\n";

/// The status messages a session raises, in order, each once; `user` are
/// the parts that are the user's or the paper's text (a title, a query),
/// which stand in either language.
fn session(lang: Lang) -> Vec<String> {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("one.txt");
    std::fs::write(&file, ISSUE).expect("write");
    let mut h = Harness::open(&file, Store::at(tmp.path().join("state")));
    h.app.lang = lang;
    let mut seen: Vec<String> = Vec::new();
    let mut keep = |h: &Harness| {
        if let Some(m) = &h.app.message
            && !seen.contains(m)
        {
            seen.push(m.clone());
        }
    };
    let mut keys: Vec<&str> = vec![
        "'", "n", "R", "u", "u", "m", "m", "p", "p", "s", "s", "w", "w", "y", "}", "{", ">",
    ];
    keys.extend(["]"; 4]);
    keys.extend(["["; 4]);
    keys.extend(["+"; 60]);
    keys.extend(["-"; 60]);
    keys.extend([")"; 60]);
    keys.extend(["("; 60]);
    for k in keys {
        h.press(k);
        keep(&h);
    }
    h.press("/");
    h.type_text("没有这个词");
    h.press("Enter");
    keep(&h);
    seen
}

/// The message with the user's and the paper's text taken out.
fn own_words(m: &str) -> String {
    let mut m = m.to_owned();
    for user in [
        "没有这个词",
        "春耕备耕有序推进",
        "城乡环境整治见实效",
        "夜间经济点亮消费",
    ] {
        m = m.replace(user, "");
    }
    m
}

#[test]
fn english_messages_have_no_chinese_of_their_own() {
    let messages = session(Lang::En);
    assert!(
        messages.len() >= 15,
        "the session raises messages: {messages:?}"
    );
    for m in &messages {
        assert!(
            !own_words(m).chars().any(is_han),
            "a message in English only: {m:?}"
        );
    }
    for want in [
        "last article",
        "first article",
        "no bookmarks",
        "no match for 没有这个词",
    ] {
        assert!(
            messages.iter().any(|m| m.starts_with(want)),
            "{want:?} in {messages:?}"
        );
    }
}

#[test]
fn chinese_messages_are_worded_in_chinese() {
    let en = session(Lang::En);
    let zh = session(Lang::Zh);
    assert_eq!(zh.len(), en.len(), "the same messages: {zh:?}");
    for m in &zh {
        assert!(
            own_words(m).chars().any(is_han),
            "a message in Chinese: {m:?}"
        );
        assert!(!en.contains(m), "not the English wording: {m:?}");
    }
    assert!(zh.iter().any(|m| m == "已是最后一篇"), "{zh:?}");
    assert!(zh.iter().any(|m| m == "没有找到“没有这个词”"), "{zh:?}");
}

fn kanbao_stderr(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kanbao"));
    for v in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(v);
    }
    let out = cmd
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("runs");
    assert!(!out.status.success(), "a missing file is an error");
    String::from_utf8(out.stderr).expect("UTF-8")
}

#[test]
fn cli_errors_follow_the_locale() {
    let missing = ["export", "/nonexistent/kanbao-issue.txt"];
    let en = kanbao_stderr(&[], &missing);
    assert_eq!(en, "kanbao: /nonexistent/kanbao-issue.txt: no such file\n");
    let zh = kanbao_stderr(&[("LANG", "zh_CN.UTF-8")], &missing);
    assert_eq!(zh, "kanbao: /nonexistent/kanbao-issue.txt: 没有这个文件\n");
    // LC_ALL wins over LANG; LC_MESSAGES over LANG.
    let c = kanbao_stderr(&[("LC_ALL", "C.UTF-8"), ("LANG", "zh_CN.UTF-8")], &missing);
    assert_eq!(c, en);
    let msgs = kanbao_stderr(&[("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "C")], &missing);
    assert_eq!(msgs, zh);
    // A refused file and a bad filter say it in Chinese too.
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("a.txt");
    std::fs::write(&pdf, b"%PDF-1.4 not text").expect("write");
    let pdf = pdf.to_string_lossy().into_owned();
    let zh = kanbao_stderr(&[("LANG", "zh_CN.UTF-8")], &["export", &pdf]);
    assert!(zh.ends_with("不是文本报刊（PDF 文档）\n"), "{zh}");
    let zh = kanbao_stderr(
        &[("LANG", "zh_CN.UTF-8")],
        &["search", "--since", "yesterday", "发展", &pdf],
    );
    assert!(zh.contains("不是日期"), "{zh}");
}
