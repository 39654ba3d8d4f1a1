//! Which files can hold a query, from their text before it is parsed: so
//! `kanbao search` parses only those.
//!
//! Search compares folded text (see [`crate::search::fold`]): a query
//! character `q` matches any text character `c` with `fold_char(c) == q`
//! (`發` for `发`, `Ａ` and `A` for `a`, `,` for `，`). For every character
//! of every term, the prefilter knows all such `c` (its *preimages*,
//! computed by folding every character of the Basic Multilingual Plane),
//! and a file passes when, for each query character, one of its preimages
//! occurs in the file's decoded text. Checked rarest character first, so
//! most files stop at the first `memmem` miss.
//!
//! Why this never drops a file a full parse would match: the text checked
//! is what the loader decoded (any encoding it reads, the same decision),
//! and parsing only drops characters (controls, escapes, markers) or adds
//! white space, which no term contains; every character of a hit is a
//! preimage of a query character, so each of them is in the decoded text.
//! When the prefilter cannot be sure, it passes everything:
//! - a term of Latin letters may match as pinyin initials, where no letter
//!   occurs in the text ([`Prefilter::new`] returns `None`: parse all);
//! - a character outside the Basic Multilingual Plane is not used as a
//!   needle (a unit test checks no such character folds into the plane).

use crate::search::fold::fold_char;
use crate::search::query::{Query, is_initials};
use memchr::memmem::Finder;

/// Common characters of Chinese news text, most common first (about the
/// top two hundred): a needle is chosen by its rank here, rarest first;
/// characters not listed count as rarer than all of them. Only the order
/// of checks depends on this, never the answer.
const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

/// Rank of a folded character: lower is more common.
fn rank(q: char) -> usize {
    if q.is_ascii_digit() {
        // Digits are in nearly every article (dates, figures).
        return 0;
    }
    if q.is_ascii() {
        return 100;
    }
    COMMON.chars().position(|c| c == q).map_or(1000, |i| i + 1)
}

/// Every character of the Basic Multilingual Plane that folds to `q`
/// (white space is never folded, so never one of them).
fn preimages(q: char) -> Vec<char> {
    (0u32..=0xFFFF)
        .filter_map(char::from_u32)
        .filter(|&c| !c.is_whitespace() && fold_char(c) == q)
        .collect()
}

/// The needles of one query character: a text can hold it only if one of
/// these occurs.
struct Needles {
    finders: Vec<Finder<'static>>,
}

impl Needles {
    fn occur_in(&self, text: &[u8]) -> bool {
        self.finders.iter().any(|f| f.find(text).is_some())
    }
}

/// A compiled prefilter for one query.
pub struct Prefilter {
    /// Per distinct query character, rarest first.
    sets: Vec<Needles>,
}

impl Prefilter {
    /// The prefilter of `query`, or `None` when it cannot rule files out
    /// (a term that may match as pinyin initials, or no usable character).
    pub fn new(query: &str) -> Option<Prefilter> {
        let q = Query::parse(query);
        if q.is_empty() || q.terms.iter().any(|t| is_initials(t)) {
            return None;
        }
        let mut chars: Vec<char> = q
            .terms
            .iter()
            .flat_map(|t| t.chars())
            .filter(|&c| (c as u32) <= 0xFFFF)
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars.sort_by_key(|&c| rank(c));
        let sets: Vec<Needles> = chars
            .into_iter()
            .map(|c| Needles {
                finders: preimages(c)
                    .into_iter()
                    .map(|p| Finder::new(p.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
                    .collect(),
            })
            .collect();
        (!sets.is_empty()).then_some(Prefilter { sets })
    }

    /// Can `text` (decoded, before parsing) hold a match?
    pub fn may_match(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        self.sets.iter().all(|s| s.occur_in(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preimages_cover_the_folds() {
        let of = |q| preimages(q);
        assert!(of('发').contains(&'發') && of('发').contains(&'发'));
        assert!(of('a').contains(&'A') && of('a').contains(&'Ａ') && of('a').contains(&'ａ'));
        assert!(of('，').contains(&',') && of('，').contains(&'，'));
        assert!(of('衡').contains(&'衡'));
        for q in ['民', 'a', '1', '，', '发', 'é'] {
            assert!(of(q).iter().all(|&c| fold_char(c) == q));
        }
    }

    #[test]
    fn nothing_outside_the_plane_folds_into_it() {
        // So a needle's preimages from the plane alone are all of them.
        for u in 0x1_0000u32..=0x10_FFFF {
            if let Some(c) = char::from_u32(u) {
                assert!(
                    fold_char(c) as u32 > 0xFFFF,
                    "{c:?} folds to {:?}",
                    fold_char(c)
                );
            }
        }
    }

    #[test]
    fn files_without_a_character_are_ruled_out() {
        let p = Prefilter::new("民生 保障").expect("a prefilter");
        assert!(p.may_match("扎实做好民生保障等工作"));
        assert!(p.may_match("保障……民 生"), "terms apart, spaces inside");
        assert!(!p.may_match("扎实做好民生工作"));
        assert!(
            Prefilter::new("發展")
                .expect("a prefilter")
                .may_match("发展")
        );
        assert!(
            Prefilter::new("ＧＤＰ")
                .expect("a prefilter")
                .may_match("gdp")
        );
        assert!(
            Prefilter::new("msbz").is_none(),
            "pinyin initials: parse all"
        );
        assert!(Prefilter::new("民生 ab").is_none());
        assert!(Prefilter::new("  ").is_none());
    }
}
