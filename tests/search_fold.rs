//! Folding and its offset map: every folded character maps back to exactly
//! the original character it came from, including length-changing folds.

use kanbao::search::fold::{fold, fold_char, fold_with_map};

/// For every folded character, the original range it maps to, as text.
fn back(original: &str) -> Vec<(String, String)> {
    let (folded, map) = fold_with_map(original);
    folded
        .char_indices()
        .map(|(i, c)| {
            let s = map.orig_start(i);
            let e = map.orig_end(i + c.len_utf8());
            (c.to_string(), original[s..e].to_string())
        })
        .collect()
}

#[test]
fn full_width_letters_and_digits_fold_to_ascii_and_map_back() {
    let (f, _) = fold_with_map("ＡＢ１２号");
    assert_eq!(f, "ab12号");
    let pairs = back("ＡＢ１２号");
    assert_eq!(pairs[0], ("a".into(), "Ａ".into()));
    assert_eq!(pairs[3], ("2".into(), "２".into()));
    assert_eq!(pairs[4], ("号".into(), "号".into()));
}

#[test]
fn ascii_punctuation_rises_to_full_width_and_maps_back() {
    assert_eq!(fold("状态,尽锐(一)"), "状态，尽锐（一）");
    assert_eq!(fold("状态，尽锐（一）"), "状态，尽锐（一）");
    for (a, b) in [
        (',', '，'),
        (';', '；'),
        (':', '：'),
        ('?', '？'),
        ('!', '！'),
        ('(', '（'),
        (')', '）'),
    ] {
        assert_eq!(fold_char(a), fold_char(b), "{a} vs {b}");
    }
    let pairs = back("a,b");
    assert_eq!(pairs[1], ("，".into(), ",".into()));
    assert_eq!(pairs[2], ("b".into(), "b".into()));
}

#[test]
fn case_folds_without_moving_offsets() {
    let (f, map) = fold_with_map("GDP增长ABC");
    assert_eq!(f, "gdp增长abc");
    assert_eq!(map.orig_start(9), 9);
    assert_eq!(map.orig_end(12), 12);
}

#[test]
fn white_space_inside_han_vanishes_elsewhere_collapses() {
    assert_eq!(fold("陈 润"), "陈润");
    assert_eq!(fold("陈\u{3000}\u{3000}润"), "陈润");
    assert_eq!(fold("  new   york  "), "new york");
    assert_eq!(fold("第 3 版"), "第 3 版");
    // The Han characters after the dropped space map to their own bytes.
    let pairs = back("本报记者 陈 润");
    let last = pairs.last().expect("folded text");
    assert_eq!(last, &("润".to_string(), "润".to_string()));
    let (f, map) = fold_with_map("陈 润");
    let start = f.find('润').expect("润");
    assert_eq!(map.orig_start(start), "陈 ".len());
    // A range over both maps to the whole original, space included.
    assert_eq!(map.orig_end(f.len()), "陈 润".len());
}

#[test]
fn traditional_folds_to_simplified_per_character() {
    assert_eq!(fold("衡陽"), "衡阳");
    assert_eq!(fold("經濟發展"), "经济发展");
    assert_eq!(fold("衡阳"), "衡阳");
    let pairs = back("去衡陽市");
    assert_eq!(pairs[2], ("阳".into(), "陽".into()));
}

#[test]
fn every_folded_char_maps_back_to_its_source_in_a_mixed_line() {
    let src = "ＧＤＰ增長 ８.５％, 陳 潤 說：Hello (World)！";
    let (folded, map) = fold_with_map(src);
    let mut prev_end = 0;
    for (i, c) in folded.char_indices() {
        let s = map.orig_start(i);
        let e = map.orig_end(i + c.len_utf8());
        assert!(s >= prev_end, "monotonic at {c}");
        assert!(src.is_char_boundary(s) && src.is_char_boundary(e));
        let orig = &src[s..e];
        if c == ' ' {
            assert!(orig.chars().all(char::is_whitespace));
        } else {
            assert_eq!(fold(orig), c.to_string(), "{orig:?} should fold to {c}");
        }
        prev_end = e;
    }
    // And back again: a folded offset's original start maps to itself.
    for (i, _) in folded.char_indices() {
        assert_eq!(map.fold_of(map.orig_start(i)), i);
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any mix of Han, ASCII, full-width forms, traditional characters
        /// and white space: each folded character maps back to original
        /// text that folds to exactly it, ranges ascend, and mapping back
        /// and forth returns the same folded offset.
        #[test]
        fn offsets_map_back_exactly(s in "[陈润衡陽經a-cA-C1,(（，Ａ１ \u{3000}\t]{0,40}") {
            let (folded, map) = fold_with_map(&s);
            let mut prev_end = 0;
            for (i, c) in folded.char_indices() {
                let a = map.orig_start(i);
                let b = map.orig_end(i + c.len_utf8());
                prop_assert!(a >= prev_end && a < b && b <= s.len());
                let orig = &s[a..b];
                if c == ' ' {
                    prop_assert!(orig.chars().all(char::is_whitespace));
                } else {
                    prop_assert_eq!(fold(orig), c.to_string());
                }
                prop_assert_eq!(map.fold_of(a), i);
                prev_end = b;
            }
        }
    }
}
