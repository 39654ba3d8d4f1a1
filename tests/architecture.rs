//! The shape of `src/`, checked from the source text (docs/architecture.md):
//!
//! - no import circle between files: every `use` line and every inline
//!   `crate::`/`super::`/`self::` path is an edge from its file to the file
//!   that defines the module it names (`mod x;` declarations are not
//!   edges), and the graph must have no cycle;
//! - no file in `src/` over 500 lines;
//! - nothing in `src/app/` uses `std::fs`, `std::process`, `std::thread` or
//!   crossterm's event reading (`app` is state and no I/O).
//!
//! The parser is small on purpose: it strips comments, strings and
//! character literals, tokenizes, and reads `use` trees. Its own tests
//! below show that it finds what it must.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longest file allowed in `src/`.
const MAX_LINES: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Sep,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

/// The source without comments, string and character literals (each
/// replaced by a space), so only code is left to tokenize.
fn strip(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c[i] == 'r'
            && (next == Some('"') || next == Some('#'))
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            // Raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
            out.push(' ');
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push(' ');
        } else if c[i] == '\'' {
            // A character literal ('x', '\n', '\u{1F}'), else a lifetime.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push(' ');
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push(' ');
            } else {
                out.push(c[i]);
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn tokenize(code: &str) -> Vec<Tok> {
    let c: Vec<char> = code.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            toks.push(Tok::Ident(c[start..i].iter().collect()));
            continue;
        }
        if ch == ':' && c.get(i + 1) == Some(&':') {
            toks.push(Tok::Sep);
            i += 2;
            continue;
        }
        if !ch.is_whitespace() {
            toks.push(match ch {
                '{' => Tok::Open,
                '}' => Tok::Close,
                ',' => Tok::Comma,
                ';' => Tok::Semi,
                '*' => Tok::Star,
                _ => Tok::Other,
            });
        }
        i += 1;
    }
    toks
}

/// The paths a `use` tree at `toks[*i..]` names (prefix included),
/// stopping after its `;`.
fn use_tree(toks: &[Tok], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*i) {
            Some(Tok::Ident(s)) if s == "as" => {
                *i += 2;
                out.push(path);
                return;
            }
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *i += 1;
            }
            Some(Tok::Sep) => *i += 1,
            Some(Tok::Star) => {
                *i += 1;
                out.push(path);
                return;
            }
            Some(Tok::Open) => {
                *i += 1;
                loop {
                    match toks.get(*i) {
                        Some(Tok::Close) => {
                            *i += 1;
                            return;
                        }
                        Some(Tok::Comma) => *i += 1,
                        None => return,
                        _ => use_tree(toks, i, &path, out),
                    }
                }
            }
            _ => {
                if !path.is_empty() {
                    out.push(path);
                }
                return;
            }
        }
    }
}

/// A file's module path (`["app", "shelf"]`), from its place under `src/`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// Every module path a file's code names, resolved to absolute paths from
/// the crate root (paths to other crates are dropped).
fn references(module: &[String], src: &str) -> Vec<Vec<String>> {
    let toks = tokenize(&strip(src));
    // Child modules declared in this file (`mod x;` and `mod x {`).
    let mut children = BTreeSet::new();
    for w in toks.windows(3) {
        if let [Tok::Ident(m), Tok::Ident(name), Tok::Semi | Tok::Open] = w
            && m == "mod"
        {
            children.insert(name.clone());
        }
    }
    // Inline `mod name { … }` scopes: (name, brace depth at its `{`).
    let mut scopes: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut raw: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(scopes.iter().map(|(n, _)| n.clone()))
            .collect();
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if scopes.last().is_some_and(|(_, d)| *d == depth) {
                    scopes.pop();
                }
            }
            Tok::Ident(m)
                if m == "mod"
                    && matches!(toks.get(i + 1), Some(Tok::Ident(_)))
                    && toks.get(i + 2) == Some(&Tok::Open) =>
            {
                if let Some(Tok::Ident(n)) = toks.get(i + 1) {
                    scopes.push((n.clone(), depth));
                }
                depth += 1;
                i += 3;
                continue;
            }
            Tok::Ident(u) if u == "use" => {
                i += 1;
                let mut paths = Vec::new();
                if toks.get(i) == Some(&Tok::Sep) {
                    i += 1;
                }
                use_tree(&toks, &mut i, &[], &mut paths);
                raw.extend(paths.into_iter().map(|p| (here.clone(), p)));
                continue;
            }
            Tok::Ident(first) if toks.get(i + 1) == Some(&Tok::Sep) => {
                let preceded = i > 0 && toks[i - 1] == Tok::Sep;
                if !preceded {
                    let mut path = vec![first.clone()];
                    let mut j = i + 1;
                    while toks.get(j) == Some(&Tok::Sep) {
                        match toks.get(j + 1) {
                            Some(Tok::Ident(s)) => path.push(s.clone()),
                            _ => break,
                        }
                        j += 2;
                    }
                    raw.push((here.clone(), path));
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (here, mut path) in raw {
        // `use a::b::{self, …}` names `a::b`.
        if path.len() > 1 && path.last().is_some_and(|s| s == "self") {
            path.pop();
        }
        let Some(first) = path.first() else { continue };
        let abs: Vec<String> = match first.as_str() {
            "crate" => path[1..].to_vec(),
            "self" => here
                .iter()
                .cloned()
                .chain(path[1..].iter().cloned())
                .collect(),
            "super" => {
                let mut base = here.clone();
                let mut k = 0;
                while path.get(k).is_some_and(|s| s == "super") {
                    base.pop();
                    k += 1;
                }
                base.into_iter().chain(path[k..].iter().cloned()).collect()
            }
            name if children.contains(name) && here.len() == module.len() => {
                module.iter().cloned().chain(path.iter().cloned()).collect()
            }
            _ => continue,
        };
        out.push(abs);
    }
    out
}

struct Source {
    rel: PathBuf,
    module: Vec<String>,
    text: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).expect("read src/");
        for e in entries {
            let path = e.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let rel = path.strip_prefix(&root).expect("under src").to_path_buf();
                let text = std::fs::read_to_string(&path).expect("read source");
                out.push(Source {
                    module: module_of(&rel),
                    rel,
                    text,
                });
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// File → files it imports from (the library's files; `main.rs` is the
/// binary's crate and only calls the library).
fn graph(srcs: &[Source]) -> BTreeMap<String, BTreeSet<String>> {
    let files: BTreeMap<Vec<String>, String> = srcs
        .iter()
        .filter(|s| s.rel != Path::new("main.rs"))
        .map(|s| (s.module.clone(), s.rel.display().to_string()))
        .collect();
    let mut g = BTreeMap::new();
    for s in srcs.iter().filter(|s| s.rel != Path::new("main.rs")) {
        let me = s.rel.display().to_string();
        let edges: &mut BTreeSet<String> = g.entry(me.clone()).or_default();
        for path in references(&s.module, &s.text) {
            let target = (0..=path.len())
                .rev()
                .find_map(|n| files.get(&path[..n]))
                .cloned();
            if let Some(t) = target
                && t != me
            {
                edges.insert(t);
            }
        }
    }
    g
}

/// The cycles of `g`: strongly connected components of more than one file.
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: finish order on g, then components on the reverse graph.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
        order: &mut Vec<String>,
    ) {
        if !seen.insert(n.to_string()) {
            return;
        }
        for m in g.get(n).into_iter().flatten() {
            visit(m, g, seen, order);
        }
        order.push(n.to_string());
    }
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for n in g.keys() {
        visit(n, g, &mut seen, &mut order);
    }
    let mut rev: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, bs) in g {
        for b in bs {
            rev.entry(b.clone()).or_default().insert(a.clone());
        }
    }
    let mut assigned = BTreeSet::new();
    let mut out = Vec::new();
    for n in order.iter().rev() {
        let mut comp = Vec::new();
        visit(n, &rev, &mut assigned, &mut comp);
        if comp.len() > 1 {
            comp.sort();
            out.push(comp);
        }
    }
    out
}

/// Each cycle as its files and the edges between them.
fn describe(g: &BTreeMap<String, BTreeSet<String>>, cycles: &[Vec<String>]) -> String {
    let mut s = String::new();
    for c in cycles {
        s.push_str(&format!("cycle of {} files:\n", c.len()));
        for a in c {
            for b in g[a].iter().filter(|b| c.contains(b)) {
                s.push_str(&format!("  {a} -> {b}\n"));
            }
        }
    }
    s
}

#[test]
fn no_import_circle_between_files() {
    let g = graph(&sources());
    let found = cycles(&g);
    assert!(found.is_empty(), "{}", describe(&g, &found));
}

#[test]
fn no_file_over_500_lines() {
    let long: Vec<String> = sources()
        .iter()
        .map(|s| (s.rel.display().to_string(), s.text.lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("src/{f}: {n} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn app_does_no_io() {
    let forbidden: &[&[&str]] = &[
        &["std", "fs"],
        &["std", "process"],
        &["std", "thread"],
        &["crossterm", "event", "read"],
        &["crossterm", "event", "poll"],
    ];
    let mut bad = Vec::new();
    for s in sources().iter().filter(|s| s.rel.starts_with("app")) {
        let toks = tokenize(&strip(&s.text));
        let mut paths = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                Tok::Ident(u) if u == "use" => {
                    i += 1;
                    use_tree(&toks, &mut i, &[], &mut paths);
                }
                Tok::Ident(first) if toks.get(i + 1) == Some(&Tok::Sep) => {
                    let mut path = vec![first.clone()];
                    let mut j = i + 1;
                    while let (Some(Tok::Sep), Some(Tok::Ident(n))) = (toks.get(j), toks.get(j + 1))
                    {
                        path.push(n.clone());
                        j += 2;
                    }
                    paths.push(path);
                    i = j;
                }
                _ => i += 1,
            }
        }
        for p in &paths {
            for f in forbidden {
                if p.windows(f.len()).any(|w| w == *f) {
                    bad.push(format!("src/{}: {}", s.rel.display(), p.join("::")));
                }
            }
        }
    }
    assert!(bad.is_empty(), "I/O in src/app/:\n{}", bad.join("\n"));
}

// The checker's own tests: it must see what it is there to catch.

fn refs(module: &[&str], src: &str) -> Vec<String> {
    let m: Vec<String> = module.iter().map(|s| s.to_string()).collect();
    references(&m, src).iter().map(|p| p.join("::")).collect()
}

#[test]
fn checker_reads_use_trees_and_inline_paths() {
    let src = r#"
        mod child;
        use super::{App, shelf::{self, Shelf}};
        use crate::ui::layout::Viewport as Vp;
        use child::Thing;
        // use crate::commented::Out;
        fn f() { let s = "crate::in_string::No"; crate::text::chars::is_han('x'); }
        fn g<'a>(x: &'a str) -> char { '"' }
        mod tests { use super::*; use std::fs; }
    "#;
    let got = refs(&["app", "search"], src);
    assert_eq!(
        got,
        [
            "app::App",
            "app::shelf",
            "app::shelf::Shelf",
            "ui::layout::Viewport",
            "app::search::child::Thing",
            "text::chars::is_han",
            "app::search",
        ]
    );
}

#[test]
fn checker_finds_a_cycle() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let edge = |g: &mut BTreeMap<String, BTreeSet<String>>, a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
        g.entry(b.into()).or_default();
    };
    edge(&mut g, "a.rs", "b.rs");
    edge(&mut g, "b.rs", "c.rs");
    edge(&mut g, "c.rs", "a.rs");
    edge(&mut g, "c.rs", "d.rs");
    assert_eq!(cycles(&g), [vec!["a.rs", "b.rs", "c.rs"]]);
    g.get_mut("c.rs").expect("c").remove("a.rs");
    assert!(cycles(&g).is_empty());
}
