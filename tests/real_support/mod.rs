//! The real-pages scorers, ported from Python so `cargo test` can judge the
//! loader without a Python or a release binary:
//!
//! - [`score_truth`] is `../shared/tools/realcheck.py` (pages exact, articles
//!   titled, decks right, articles exact) over `NAME.txt` + `NAME.truth.json`;
//! - [`check_epaper`] is `../shared/corpus/real/epaper/check.py` (per-article
//!   checks against `NAME.expect.json`, aligned in order).
//!
//! Both keep the scripts' normalisations exactly: Python's `\s` (which is
//! Rust's `char::is_whitespace` plus U+001C..U+001F), realcheck's extra
//! white space (U+200B, U+FEFF), the Han/digit classes of each script, and
//! the scripts' miss messages (with Python's `repr` of strings), so a run of
//! either can be compared line by line with the other.
#![allow(dead_code)]

use kanbao::model::{Article, Issue};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// `../shared/corpus/real`, or `None` (with the message to print) when the
/// shared data is not there, e.g. on a fresh clone without it.
pub fn real_dir() -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if dir.join("pages").is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "skipped: {} is not there (../shared absent)",
            dir.display()
        ))
    }
}

// ---------------------------------------------------------------------------
// Python's character classes
// ---------------------------------------------------------------------------

/// Python's `str.isspace()` / regex `\s` on `str`.
pub fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// realcheck.py's `WS`: `[\s\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff]`.
fn realcheck_space(c: char) -> bool {
    py_space(c) || c == '\u{200B}' || c == '\u{FEFF}'
}

/// realcheck.py's `HAN`: `[\u3400-\u4dbf\u4e00-\u9fff0-9]`.
pub fn realcheck_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '0'..='9')
}

/// check.py's `HAN`: realcheck's plus the compatibility ideographs.
pub fn epaper_han(c: char) -> bool {
    realcheck_han(c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

/// Python's `str.strip()`.
fn py_strip(s: &str) -> &str {
    s.trim_matches(py_space)
}

/// Multiset of the characters of `texts` for which `keep` holds.
pub fn multiset<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    keep: fn(char) -> bool,
) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for t in texts {
        for c in t.chars().filter(|&c| keep(c)) {
            *m.entry(c).or_insert(0) += 1;
        }
    }
    m
}

/// Python's `sum((a - b).values())` for Counters: what `a` has beyond `b`.
fn surplus(a: &BTreeMap<char, usize>, b: &BTreeMap<char, usize>) -> usize {
    a.iter()
        .map(|(c, &n)| n.saturating_sub(b.get(c).copied().unwrap_or(0)))
        .sum()
}

/// The characters `a` has beyond `b`, sorted, as Python's
/// `"".join(sorted((a - b).elements()))`.
fn surplus_chars(a: &BTreeMap<char, usize>, b: &BTreeMap<char, usize>) -> String {
    let mut out = String::new();
    for (c, &n) in a {
        for _ in 0..n.saturating_sub(b.get(c).copied().unwrap_or(0)) {
            out.push(*c);
        }
    }
    out
}

/// Python's `repr()` of a `str` (close enough for the messages: the
/// quoting rule, backslash escapes, and `\xNN`/`\uNNNN` for characters
/// Python does not print).
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !py_printable(c) => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr()` of an optional `str` (`None` for `None`).
pub fn py_repr_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), py_repr)
}

/// An approximation of Python's `str.isprintable()` for one character:
/// controls, format characters and separators other than the space are not.
fn py_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}')
        || matches!(c, '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'))
}

/// Python's `s[:n]` on code points.
fn take_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Decode a file as check.py does: UTF-16 with a BOM, else UTF-8 (BOM
/// dropped), else GB18030, else UTF-8 with replacement characters.
pub fn py_decode(raw: &[u8]) -> String {
    if raw.starts_with(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE
            .decode_with_bom_removal(raw)
            .0
            .into_owned();
    }
    if raw.starts_with(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE
            .decode_with_bom_removal(raw)
            .0
            .into_owned();
    }
    let body = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw);
    if let Ok(s) = std::str::from_utf8(body) {
        return s.to_string();
    }
    if let Some(s) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(raw) {
        return s.into_owned();
    }
    String::from_utf8_lossy(raw).into_owned()
}

// ---------------------------------------------------------------------------
// Loading a folder
// ---------------------------------------------------------------------------

/// One page of a folder: its text file, its bytes and the loader's parse
/// (`Err` holds the loader's one-line refusal).
pub struct Loaded {
    /// The file name (`rmrb-20190201-01.txt`).
    pub name: String,
    /// The file's bytes as read.
    pub bytes: Vec<u8>,
    /// What `kanbao::loader::load_bytes` made of them.
    pub issue: Result<Issue, String>,
}

/// Every `*.txt` in `dir` (not in subfolders), sorted by name, parsed in
/// parallel with `kanbao::loader::load_bytes` — what `kanbao export DIR`
/// does for each file.
pub fn load_folder(dir: &Path) -> Vec<Loaded> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_par_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name))
                .unwrap_or_else(|e| panic!("{}/{name}: {e}", dir.display()));
            let issue = kanbao::loader::load_bytes(&name, bytes.clone()).map_err(|e| e.to_string());
            Loaded { name, bytes, issue }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// realcheck.py
// ---------------------------------------------------------------------------

/// One true article of a `NAME.truth.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthArticle {
    /// 引题, `null` when none.
    pub kicker: Option<String>,
    /// 主题.
    pub title: Option<String>,
    /// 副题, `null` when none.
    pub subtitle: Option<String>,
    /// The article's lines after the deck.
    pub body: Vec<String>,
}

/// A `NAME.truth.json`: the true articles of page `source`.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    /// The page's file name (`NAME.txt`).
    pub source: String,
    /// Its articles in page order.
    pub articles: Vec<TruthArticle>,
}

/// The truths of `dir`, in the order realcheck.py scores them (sorted
/// truth file names; a later file with the same `source` replaces the
/// earlier one in place, as a Python dict does).
pub fn load_truths(dir: &Path) -> Vec<Truth> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    files.sort();
    let mut out: Vec<Truth> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let t: Truth =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        match at.get(&t.source) {
            Some(&i) => out[i] = t,
            None => {
                at.insert(t.source.clone(), out.len());
                out.push(t);
            }
        }
    }
    out
}

/// realcheck.py's `norm`: white space removed, `None` as empty.
pub fn norm_real(s: Option<&str>) -> String {
    s.unwrap_or("")
        .chars()
        .filter(|&c| !realcheck_space(c))
        .collect()
}

/// realcheck.py's `body_of`: the fields that must hold the true body.
fn body_of(a: &Article) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    v.extend(a.byline.as_deref());
    v.extend(a.credit.as_deref());
    v.extend(a.paragraphs.iter().map(String::as_str));
    v.extend(a.captions.iter().map(String::as_str));
    v.extend(a.jumps.iter().map(|j| j.text.as_str()));
    v
}

/// What realcheck.py counts over one folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RealScore {
    /// Pages scored (truth files).
    pub pages: usize,
    /// Pages with every article found, deck and body right, and no extra.
    pub exact_pages: usize,
    /// Pages with as many parsed articles as true ones.
    pub count_right: usize,
    /// True articles.
    pub articles: usize,
    /// True articles with a parsed article of the same title.
    pub found: usize,
    /// … whose kicker and subtitle are right too.
    pub deck: usize,
    /// … whose body holds exactly the true body's Han characters and digits.
    pub exact: usize,
    /// The misses, in realcheck.py's words and order.
    pub misses: Vec<String>,
    /// Per page (in scoring order): its name and whether it is exact.
    pub page_exact: Vec<(String, bool)>,
}

fn pct(x: usize, y: usize) -> String {
    if y == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * x as f64 / y as f64)
    }
}

/// `100 x / y`, 0 when `y` is 0.
pub fn percent(x: usize, y: usize) -> f64 {
    if y == 0 {
        0.0
    } else {
        100.0 * x as f64 / y as f64
    }
}

impl RealScore {
    /// Share of exact articles, in percent.
    pub fn articles_exact_pct(&self) -> f64 {
        percent(self.exact, self.articles)
    }

    /// Share of exact pages, in percent.
    pub fn pages_exact_pct(&self) -> f64 {
        percent(self.exact_pages, self.pages)
    }

    /// realcheck.py's last line, character for character.
    pub fn summary(&self) -> String {
        format!(
            "real pages: {}/{} exact ({}), {}/{} article count right; \
             articles: {}/{} titled ({}), {}/{} deck right, {}/{} exact ({})",
            self.exact_pages,
            self.pages,
            pct(self.exact_pages, self.pages),
            self.count_right,
            self.pages,
            self.found,
            self.articles,
            pct(self.found, self.articles),
            self.deck,
            self.articles,
            self.exact,
            self.articles,
            pct(self.exact, self.articles),
        )
    }
}

/// Score parsed pages against their truths as realcheck.py does. `parsed`
/// maps a file name to its issue; a page missing there (not parsed, or
/// refused) has no articles.
pub fn score_truth(truths: &[Truth], parsed: &HashMap<&str, &Issue>) -> RealScore {
    let mut s = RealScore::default();
    for t in truths {
        s.pages += 1;
        let got: &[Article] = parsed.get(t.source.as_str()).map_or(&[], |i| &i.articles);
        if got.len() == t.articles.len() {
            s.count_right += 1;
        }
        // Parsed articles by normalised title, each used once, in order.
        let mut pool: HashMap<String, std::collections::VecDeque<&Article>> = HashMap::new();
        for g in got {
            pool.entry(norm_real(g.title.as_deref()))
                .or_default()
                .push_back(g);
        }
        let mut page_ok = got.len() == t.articles.len();
        for e in &t.articles {
            s.articles += 1;
            let Some(g) = pool
                .get_mut(&norm_real(e.title.as_deref()))
                .and_then(|c| c.pop_front())
            else {
                page_ok = false;
                s.misses.push(format!(
                    "{}: no article titled {}",
                    t.source,
                    py_repr_opt(e.title.as_deref())
                ));
                continue;
            };
            s.found += 1;
            let dk = norm_real(g.kicker.as_deref()) == norm_real(e.kicker.as_deref())
                && norm_real(g.subtitle.as_deref()) == norm_real(e.subtitle.as_deref());
            let want = multiset(e.body.iter().map(String::as_str), realcheck_han);
            let have = multiset(body_of(g), realcheck_han);
            let bd = want == have;
            s.deck += usize::from(dk);
            s.exact += usize::from(dk && bd);
            if !(dk && bd) {
                page_ok = false;
                let mut why = Vec::new();
                if !dk {
                    why.push(format!(
                        "deck {}/{} want {}/{}",
                        py_repr_opt(g.kicker.as_deref()),
                        py_repr_opt(g.subtitle.as_deref()),
                        py_repr_opt(e.kicker.as_deref()),
                        py_repr_opt(e.subtitle.as_deref()),
                    ));
                }
                if !bd {
                    why.push(format!(
                        "body missing {} chars, extra {}",
                        surplus(&want, &have),
                        surplus(&have, &want)
                    ));
                }
                s.misses.push(format!(
                    "{}: {}: {}",
                    t.source,
                    py_repr_opt(e.title.as_deref()),
                    why.join("; ")
                ));
            }
        }
        s.exact_pages += usize::from(page_ok);
        s.page_exact.push((t.source.clone(), page_ok));
    }
    s
}

/// Score a folder of `NAME.txt` + `NAME.truth.json` as
/// `realcheck.py DIR` does, from pages already loaded with [`load_folder`].
pub fn score_folder(dir: &Path, loaded: &[Loaded]) -> RealScore {
    let truths = load_truths(dir);
    let parsed: HashMap<&str, &Issue> = loaded
        .iter()
        .filter_map(|l| l.issue.as_ref().ok().map(|i| (l.name.as_str(), i)))
        .collect();
    score_truth(&truths, &parsed)
}

// ---------------------------------------------------------------------------
// epaper/check.py
// ---------------------------------------------------------------------------

/// check.py's categories, in its order, with its labels.
pub const EPAPER_CATS: [(&str, &str); 12] = [
    ("articles", "files article count right"),
    ("title", "titles exact"),
    ("kicker", "kickers"),
    ("subtitle", "subtitles"),
    ("headline", "headline decks"),
    ("byline", "bylines"),
    ("dateline", "datelines"),
    ("paragraphs", "paragraph counts"),
    ("first_paragraph", "first-paragraph starts"),
    ("captions", "caption counts"),
    ("standalone", "standalone lines kept apart"),
    ("text", "files with no text lost or doubled"),
];

/// Passed and total checks per category.
pub type Tally = BTreeMap<&'static str, (usize, usize)>;

fn add(t: &mut Tally, cat: &'static str, ok: bool) {
    let e = t.entry(cat).or_insert((0, 0));
    e.1 += 1;
    if ok {
        e.0 += 1;
    }
}

/// check.py's `norm`: white space removed, then the byline markers
/// stripped from both ends.
fn norm_ep(s: Option<&str>) -> String {
    let s: String = s.unwrap_or("").chars().filter(|&c| !py_space(c)).collect();
    s.trim_matches(|c| "■□●◆".contains(c)).to_string()
}

/// check.py's `norm_dateline`: white space and `【】()（）[]` removed.
fn norm_dateline(s: Option<&str>) -> String {
    s.unwrap_or("")
        .chars()
        .filter(|&c| !py_space(c) && !"【】()（）[]".contains(c))
        .collect()
}

/// A Python truthy string: present and not empty.
fn truthy(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

fn first12(a: &Article) -> Option<String> {
    a.paragraphs
        .first()
        .map(|p| take_chars(&norm_ep(Some(p)), 12))
}

fn heads(a: &Article) -> Vec<&str> {
    [&a.kicker, &a.title, &a.subtitle]
        .into_iter()
        .filter_map(truthy)
        .collect()
}

fn heads_joined(a: &Article) -> String {
    norm_ep(Some(&heads(a).join(" ")))
}

/// A string value of `e[key]`, `None` when absent or `null`.
fn s_of<'a>(e: &'a Value, key: &str) -> Option<&'a str> {
    e.get(key).and_then(Value::as_str)
}

/// Python truthiness of a JSON value.
fn value_truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

fn str_list(v: Option<&Value>) -> Option<Vec<String>> {
    v.and_then(Value::as_array).map(|a| {
        a.iter()
            .map(|x| x.as_str().unwrap_or("").to_string())
            .collect()
    })
}

/// check.py's `match_score`: how likely actual `a` is expected `e`.
fn match_score(e: &Value, a: &Article) -> i64 {
    let mut s = 0;
    if let Some(t) = s_of(e, "title") {
        let nt = norm_ep(Some(t));
        if py_strip(a.title.as_deref().unwrap_or("")) == t {
            s += 6;
        } else if !nt.is_empty() && heads_joined(a).contains(&nt) {
            s += 3;
        } else if !nt.is_empty()
            && a.paragraphs
                .iter()
                .take(1)
                .any(|p| norm_ep(Some(p)).contains(&nt))
        {
            s += 1;
        }
    }
    for h in str_list(e.get("headline")).unwrap_or_default() {
        if heads_joined(a).contains(&norm_ep(Some(&h))) {
            s += 2;
        }
    }
    if let Some(f) = s_of(e, "first_paragraph_starts").filter(|f| !f.is_empty()) {
        if first12(a).as_deref() == Some(f) {
            s += 4;
        } else if a.paragraphs.iter().any(|p| norm_ep(Some(p)).contains(f)) {
            s += 2;
        }
    }
    if value_truthy(e.get("dateline"))
        && norm_dateline(a.dateline.as_deref()) == norm_dateline(s_of(e, "dateline"))
    {
        s += 1;
    }
    if value_truthy(e.get("byline_names"))
        && Some(&a.authors) == str_list(e.get("byline_names")).as_ref()
    {
        s += 1;
    }
    s
}

/// check.py's `align`: order-keeping alignment maximising the total score;
/// expected index → actual index.
fn align(exp: &[Value], act: &[Article]) -> HashMap<usize, usize> {
    let (n, m) = (exp.len(), act.len());
    let sc: Vec<Vec<i64>> = exp
        .iter()
        .map(|e| act.iter().map(|a| match_score(e, a)).collect())
        .collect();
    let mut best = vec![vec![0i64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let take = if sc[i][j] > 0 {
                sc[i][j] + best[i + 1][j + 1]
            } else {
                -1
            };
            best[i][j] = take.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let mut pairs = HashMap::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if sc[i][j] > 0 && best[i][j] == sc[i][j] + best[i + 1][j + 1] {
            pairs.insert(i, j);
            i += 1;
            j += 1;
        } else if best[i][j] == best[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// Python's `repr()` of a list of strings.
fn py_repr_list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| py_repr(s)).collect();
    format!("[{}]", items.join(", "))
}

/// check.py's `check_article`: compare expected `e` with its match `a`.
fn check_article(e: &Value, a: Option<&Article>, fails: &mut Vec<String>) -> Tally {
    let mut res = Tally::new();
    let mut rec = |cat: &'static str, ok: bool, msg: String, fails: &mut Vec<String>| {
        add(&mut res, cat, ok);
        if !ok {
            fails.push(msg);
        }
    };
    let stripped = |v: Option<&String>| -> Option<String> {
        let s = py_strip(v.map_or("", String::as_str));
        (!s.is_empty()).then(|| s.to_string())
    };
    if let Some(t) = s_of(e, "title") {
        let got = stripped(a.and_then(|a| a.title.as_ref()));
        let ok = got.as_deref() == Some(t);
        let msg = format!(
            "title: want {}, got {}",
            py_repr(t),
            py_repr_opt(got.as_deref())
        );
        rec("title", ok, msg, fails);
    }
    for (k, cat) in [("kicker", "kicker"), ("subtitle", "subtitle")] {
        if let Some(want) = e.get(k) {
            let want = want.as_str();
            let field = a.and_then(|a| match k {
                "kicker" => a.kicker.as_ref(),
                _ => a.subtitle.as_ref(),
            });
            let got = stripped(field);
            let ok = a.is_some() && got.as_deref() == want;
            let msg = format!(
                "{k}: want {}, got {}",
                py_repr_opt(want),
                py_repr_opt(got.as_deref())
            );
            rec(cat, ok, msg, fails);
        }
    }
    if let Some(want) = str_list(e.get("headline")) {
        let got: Vec<String> = a.map_or_else(Vec::new, |a| {
            heads(a).into_iter().map(str::to_string).collect()
        });
        let ok = got.iter().map(|x| norm_ep(Some(x))).collect::<Vec<_>>()
            == want.iter().map(|x| norm_ep(Some(x))).collect::<Vec<_>>();
        let msg = format!(
            "headline: want {}, got {}",
            py_repr_list(&want),
            py_repr_list(&got)
        );
        rec("headline", ok, msg, fails);
    }
    if let Some(want) = str_list(e.get("byline_names")) {
        let got: Vec<String> = a.map_or_else(Vec::new, |a| a.authors.clone());
        let ok = a.is_some() && got == want;
        let msg = format!(
            "authors: want {}, got {} (byline {})",
            py_repr_list(&want),
            py_repr_list(&got),
            py_repr_opt(a.and_then(|a| a.byline.as_deref()))
        );
        rec("byline", ok, msg, fails);
    }
    if let Some(want) = s_of(e, "dateline") {
        let got = a.and_then(|a| a.dateline.as_deref());
        let ok = a.is_some() && norm_dateline(got) == norm_dateline(Some(want));
        let msg = format!("dateline: want {}, got {}", py_repr(want), py_repr_opt(got));
        rec("dateline", ok, msg, fails);
    }
    if let Some(want) = e.get("paragraph_count").and_then(Value::as_u64) {
        let got = a.map_or(0, |a| a.paragraphs.len());
        let ok = a.is_some() && got as u64 == want;
        rec(
            "paragraphs",
            ok,
            format!("paragraphs: want {want}, got {got}"),
            fails,
        );
    }
    if let Some(want) = s_of(e, "first_paragraph_starts") {
        let got = a.and_then(first12);
        let ok = got.as_deref() == Some(want);
        let msg = format!(
            "first paragraph: want {}…, got {}…",
            py_repr(want),
            py_repr_opt(got.as_deref())
        );
        rec("first_paragraph", ok, msg, fails);
    }
    if let Some(want) = e.get("captions").and_then(Value::as_u64) {
        let got = a.map_or(0, |a| a.captions.len());
        let ok = a.is_some() && got as u64 == want;
        rec(
            "captions",
            ok,
            format!("captions: want {want}, got {got}"),
            fails,
        );
    }
    for s in str_list(e.get("standalone")).unwrap_or_default() {
        let fields: Vec<String> = a.map_or_else(Vec::new, |a| {
            [&a.kicker, &a.title, &a.subtitle, &a.byline]
                .into_iter()
                .filter_map(truthy)
                .chain(a.paragraphs.iter().map(String::as_str))
                .chain(a.captions.iter().map(String::as_str))
                .filter(|x| !x.is_empty())
                .map(|x| norm_ep(Some(x)))
                .collect()
        });
        let ns = norm_ep(Some(&s));
        let glued: Vec<&String> = fields
            .iter()
            .filter(|x| x.contains(&ns) && **x != ns)
            .collect();
        let ok = a.is_some() && fields.contains(&ns) && glued.is_empty();
        let why = match glued.first() {
            Some(g) => format!("glued into {}", py_repr(&(take_chars(g, 40) + "…"))),
            None => "not found on its own in this article".to_string(),
        };
        let msg = format!("standalone {}: {why}", py_repr(&take_chars(&s, 24)));
        rec("standalone", ok, msg, fails);
    }
    res
}

/// check.py's `text_fields` over the model (the same fields as
/// `Issue::text_fields`, listed here as the script lists them).
fn epaper_text_fields(doc: &Issue) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    out.extend(doc.masthead.as_ref().map(|m| m.text.as_str()));
    out.extend(doc.credits.as_deref());
    out.extend(doc.chrome.iter().map(String::as_str));
    for a in &doc.articles {
        for k in [&a.kicker, &a.title, &a.subtitle, &a.byline, &a.credit] {
            out.extend(truthy(k));
        }
        out.extend(a.paragraphs.iter().map(String::as_str));
        out.extend(a.captions.iter().map(String::as_str));
        out.extend(a.jumps.iter().map(|j| j.text.as_str()));
    }
    out
}

/// check.py's result for one file.
#[derive(Debug, Clone)]
pub struct EpaperFile {
    /// The file's name without `.txt`.
    pub name: String,
    /// Passed and total checks per category.
    pub tally: Tally,
    /// Every failed check, in check.py's words.
    pub fails: Vec<String>,
}

impl EpaperFile {
    /// check.py's per-file line (`ok  ` / `FAIL`, name, passed/total, categories).
    pub fn line(&self) -> String {
        let passed: usize = self.tally.values().map(|v| v.0).sum();
        let total: usize = self.tally.values().map(|v| v.1).sum();
        let cats: Vec<String> = EPAPER_CATS
            .iter()
            .filter_map(|(c, _)| {
                self.tally
                    .get(c)
                    .filter(|v| v.1 > 0)
                    .map(|(ok, n)| format!("{c}={ok}/{n}"))
            })
            .collect();
        format!(
            "{} {:22} {passed:3}/{total:<3} {}",
            if self.fails.is_empty() {
                "ok  "
            } else {
                "FAIL"
            },
            self.name,
            cats.join(" ")
        )
    }
}

/// check.py's `run_file` on one page: `txt` its bytes, `exp` its
/// `NAME.expect.json`, `issue` the loader's parse (or its refusal).
pub fn check_epaper_file(
    name: &str,
    txt: &[u8],
    exp: &Value,
    issue: &Result<Issue, String>,
) -> EpaperFile {
    let mut fails = Vec::new();
    let mut tot = Tally::new();
    let empty = Issue {
        source: String::new(),
        encoding: kanbao::model::Encoding::Utf8,
        masthead: None,
        credits: None,
        chrome: Vec::new(),
        articles: Vec::new(),
    };
    let doc = match issue {
        Ok(i) => i,
        Err(e) => {
            fails.push(format!("export failed: {}", take_chars(e, 200)));
            &empty
        }
    };
    let ea: &[Value] = exp
        .get("articles")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let aa = &doc.articles;
    add(&mut tot, "articles", ea.len() == aa.len());
    if ea.len() != aa.len() {
        let titles: Vec<String> = aa.iter().map(|x| py_repr_opt(x.title.as_deref())).collect();
        fails.push(format!(
            "articles: want {}, got {} (titles got: [{}])",
            ea.len(),
            aa.len(),
            titles.join(", ")
        ));
    }
    let pairs = align(ea, aa);
    for (i, e) in ea.iter().enumerate() {
        let a = pairs.get(&i).map(|&j| &aa[j]);
        let label = s_of(e, "title")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| {
                str_list(e.get("headline"))
                    .and_then(|h| h.into_iter().next())
                    .filter(|s| !s.is_empty())
            })
            .or_else(|| {
                s_of(e, "first_paragraph_starts")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "?".to_string());
        let place = format!("art {} {}", i + 1, py_repr(&take_chars(&label, 20)));
        let mut msgs = Vec::new();
        let res = check_article(e, a, &mut msgs);
        for (cat, (ok, n)) in &res {
            let t = tot.entry(cat).or_insert((0, 0));
            t.0 += ok;
            t.1 += n;
        }
        if a.is_none() {
            let n: usize = res.values().map(|v| v.1).sum();
            fails.push(format!(
                "{place}: no matching article in the output ({n} checks fail)"
            ));
        } else {
            fails.extend(msgs.into_iter().map(|m| format!("{place}: {m}")));
        }
    }
    // Nothing lost, nothing doubled.
    let src = multiset([py_decode(txt).as_str()], epaper_han);
    let out = multiset([epaper_text_fields(doc).concat().as_str()], epaper_han);
    let (lost, dup) = (surplus(&src, &out), surplus(&out, &src));
    add(&mut tot, "text", lost == 0 && dup == 0);
    if lost != 0 || dup != 0 {
        fails.push(format!(
            "text: {lost} Han/digit chars lost {}, {dup} doubled {}",
            py_repr(&take_chars(&surplus_chars(&src, &out), 30)),
            py_repr(&take_chars(&surplus_chars(&out, &src), 30)),
        ));
    }
    EpaperFile {
        name: name.to_string(),
        tally: tot,
        fails,
    }
}

/// check.py over a folder.
#[derive(Debug, Clone)]
pub struct EpaperScore {
    /// Per file, sorted by name.
    pub files: Vec<EpaperFile>,
    /// Totals per category.
    pub grand: Tally,
}

impl EpaperScore {
    /// Checks passed over every file.
    pub fn passed(&self) -> usize {
        self.grand.values().map(|v| v.0).sum()
    }

    /// Checks made over every file.
    pub fn total(&self) -> usize {
        self.grand.values().map(|v| v.1).sum()
    }

    /// Passed checks of one category.
    pub fn cat(&self, c: &str) -> (usize, usize) {
        self.grand.get(c).copied().unwrap_or((0, 0))
    }

    /// check.py's last line, character for character.
    pub fn summary(&self) -> String {
        let g = |c| self.cat(c);
        format!(
            "real: {}/{} titles exact, {}/{} files article count right, {}/{} bylines, \
             {}/{} datelines, {}/{} paragraph counts, {}/{} files lossless; {}/{} checks",
            g("title").0,
            g("title").1,
            g("articles").0,
            g("articles").1,
            g("byline").0,
            g("byline").1,
            g("dateline").0,
            g("dateline").1,
            g("paragraphs").0,
            g("paragraphs").1,
            g("text").0,
            g("text").1,
            self.passed(),
            self.total()
        )
    }

    /// check.py's report: a line per file (with its failures unless
    /// `quiet`, as `-q` does), the category totals, the score.
    pub fn report(&self, quiet: bool) -> String {
        let mut out: Vec<String> = Vec::new();
        for f in &self.files {
            out.push(f.line());
            if !quiet {
                out.extend(f.fails.iter().map(|m| format!("       - {m}")));
            }
        }
        out.push(String::new());
        for (c, label) in EPAPER_CATS {
            if let Some((ok, n)) = self.grand.get(c).filter(|v| v.1 > 0) {
                out.push(format!("  {label:38} {ok:3}/{n}"));
            }
        }
        out.push(self.summary());
        out.join("\n")
    }
}

/// check.py on `dir` (every `NAME.expect.json` with its `NAME.txt`).
pub fn check_epaper(dir: &Path) -> EpaperScore {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".expect.json").map(str::to_string))
        .collect();
    names.sort();
    let mut grand = Tally::new();
    let mut files = Vec::new();
    for n in names {
        let txt_name = format!("{n}.txt");
        let txt = std::fs::read(dir.join(&txt_name)).unwrap_or_default();
        let exp_text = std::fs::read_to_string(dir.join(format!("{n}.expect.json")))
            .unwrap_or_else(|e| panic!("{n}.expect.json: {e}"));
        let exp: Value =
            serde_json::from_str(&exp_text).unwrap_or_else(|e| panic!("{n}.expect.json: {e}"));
        let issue = kanbao::loader::load_bytes(&txt_name, txt.clone()).map_err(|e| e.to_string());
        let f = check_epaper_file(&n, &txt, &exp, &issue);
        for (c, (ok, t)) in &f.tally {
            let g = grand.entry(c).or_insert((0, 0));
            g.0 += ok;
            g.1 += t;
        }
        files.push(f);
    }
    EpaperScore { files, grand }
}
