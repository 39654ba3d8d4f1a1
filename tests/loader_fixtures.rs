//! Every fixture parses exactly as its `.json` says: both the copies in
//! `tests/fixtures/` (so a fresh clone tests itself) and `../shared/corpus/`
//! when it is there (so a fixture added there is tested with no code
//! change). The two folders must agree where both have a file.

use kanbao::loader;
use kanbao::model::Issue;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture_pairs(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut pairs: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|txt| {
            let json = txt.with_extension("json");
            json.exists().then_some((txt, json))
        })
        .collect();
    pairs.sort();
    pairs
}

fn check_dir(dir: &Path) -> usize {
    let pairs = fixture_pairs(dir);
    for (txt, json) in &pairs {
        let issue = loader::load_path(txt).unwrap_or_else(|e| panic!("{e}"));
        let got = serde_json::to_value(&issue).expect("serializes");
        let want: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(json).expect("json readable"))
                .expect("valid json");
        // The JSON is our serialization, both ways. The fixtures may predate
        // `chrome`, `credit` and `subheads` (FORMAT.md: an empty list or null
        // there is what they mean), so compare as the model.
        let want: Issue = serde_json::from_value(want).expect("deserializes into the model");
        if want != issue {
            let pretty = serde_json::to_string_pretty(&got).unwrap_or_default();
            panic!(
                "{} parses differently from {}:\n{pretty}",
                txt.display(),
                json.display()
            );
        }
        assert_eq!(
            serde_json::from_value::<Issue>(got).expect("round trip"),
            issue
        );
        assert_nothing_lost(txt, &issue);
    }
    pairs.len()
}

/// FORMAT.md "Nothing lost": every Han character and digit of the input is
/// in exactly one text field.
fn assert_nothing_lost(path: &Path, issue: &Issue) {
    fn count(map: &mut BTreeMap<char, i64>, s: &str, sign: i64) {
        for c in s
            .chars()
            .filter(|&c| kanbao::text::chars::is_han(c) || c.is_ascii_digit())
        {
            *map.entry(c).or_default() += sign;
        }
    }
    let bytes = std::fs::read(path).expect("readable");
    let (text, _) = loader::decode::decode(bytes).expect("decodes");
    let mut m = BTreeMap::new();
    count(&mut m, &text, 1);
    for f in issue.text_fields() {
        count(&mut m, f, -1);
    }
    m.retain(|_, n| *n != 0);
    assert!(
        m.is_empty(),
        "{}: Han/digit multiset differs: {m:?}",
        path.display()
    );
}

#[test]
fn repo_fixtures_parse_exactly() {
    let n = check_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .as_path(),
    );
    assert!(n >= 3, "expected the fixtures in tests/fixtures, found {n}");
}

#[test]
fn shared_corpus_parses_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.exists() {
        eprintln!("skipping: {} is not there", dir.display());
        return;
    }
    assert!(check_dir(&dir) >= 1);
}

#[test]
fn repo_copies_match_shared_corpus() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    if !shared.exists() {
        eprintln!("skipping: {} is not there", shared.display());
        return;
    }
    for (txt, json) in fixture_pairs(&shared) {
        for f in [txt, json] {
            let name = f.file_name().expect("file name");
            let copy = ours.join(name);
            assert_eq!(
                std::fs::read(&f).ok(),
                std::fs::read(&copy).ok(),
                "{} and {} differ: copy the shared fixture into tests/fixtures",
                f.display(),
                copy.display()
            );
        }
    }
}

#[test]
fn bundled_sample_is_the_seed_fixture() {
    let seed = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/000_0c3d2c04bd8aa6d3.txt"),
    )
    .expect("seed fixture");
    assert_eq!(kanbao::SAMPLE_BYTES, seed.as_slice());
    let paras: Vec<usize> = loader::sample()
        .articles
        .iter()
        .map(|a| a.paragraphs.len())
        .collect();
    assert_eq!(paras, [6, 7, 4, 3]);
}
