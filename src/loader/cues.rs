//! Units → cues: the evidence the segmentation weighs. A cue is a yes/no
//! fact about a unit — its own shape (`shapes`), where it stands (indent,
//! blank lines around it) measured against the page's habits, and what
//! stands before and after it. What each cue says for each label is in
//! `weights`.

use super::shapes::{Byline, Shape, shape, shape_and_byline};
use super::units::Unit;

/// Declares the cues once: the enum and the list of all of them.
macro_rules! cues {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// One piece of evidence about a unit.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Cue { $($(#[doc = $doc])* $name,)* }

        /// Every cue, in declaration (and weight-table) order.
        pub const ALL_CUES: &[Cue] = &[$(Cue::$name,)*];
    };
}

cues! {
    /// More than 48 characters: a paragraph, not a headline line.
    Long,
    /// 26–48 characters.
    Mid,
    /// At most 3 characters.
    Tiny,
    /// Ends a sentence.
    EndsSentence,
    /// Ends with `，`/`、`/`；`: a sentence going on.
    EndsOpen,
    /// A sentence ends inside it.
    InnerSentence,
    /// Opens with a dateline.
    Dateline,
    /// A byline.
    Byline,
    /// A caption or photo credit.
    Caption,
    /// A jump line, or holds one at an end.
    Jump,
    /// A trailing credit in brackets.
    Trailing,
    /// An editors' line.
    Editors,
    /// A masthead line.
    Masthead,
    /// Site chrome.
    Chrome,
    /// Introduces the next line (`…强调`, `…：`, `…——`).
    KickerEnd,
    /// Opens with a dash.
    DashStart,
    /// Ends in a bracketed column tag.
    ColumnTag,
    /// Opens like a subhead (`一、`, `■`).
    SubheadMark,
    /// A section label (`链接`).
    SectionLabel,
    /// An end mark (`（完）`).
    EndMark,
    /// No Han character.
    NoHan,
    /// Indented, on a page whose body lines are indented.
    Indented,
    /// Not indented, on a page whose body lines are indented.
    Outdented,
    /// A blank line above, on a page where blank lines are not everywhere.
    GapAbove,
    /// The next unit is indented body, with no blank line between.
    TightToBody,
    /// The next unit is indented body, after a blank line.
    GapToBody,
    /// The next unit opens with a dateline.
    NextDateline,
    /// The next unit is a byline.
    NextByline,
    /// The next unit is long or a whole sentence.
    NextLong,
    /// The previous unit ended a sentence (or there is none).
    PrevEnded,
    /// The previous unit is a long text cut mid-sentence.
    PrevOpen,
    /// The previous unit is a trailing credit, end mark or editors' line.
    PrevTrailing,
    /// The first unit of the page.
    First,
    /// Ends with a colon.
    EndsColon,
    /// A salutation.
    Salutation,
    /// Short, no sentence end: could be a headline line.
    HeadlineShaped,
    /// The only unit of the page that is not masthead or chrome.
    Only,
    /// The previous unit is headline-shaped too.
    PrevHeadline,
    /// The next unit is headline-shaped too.
    NextHeadline,
    /// The whole line is in brackets.
    WholeBracket,
    /// Two or more commas.
    Commas,
    /// An art credit.
    ArtCredit,
    /// The unit after the next opens with a dateline.
    Next2Dateline,
    /// The previous unit opens with a dateline (this one is not a deck).
    PrevDateline,
    /// Masthead-shaped, but below the page's top.
    LateMasthead,
    /// The next two to four units, joined, are this one: a deck the site
    /// printed twice, once on one line.
    Duplicate,
    /// Holds `、` (of real two-line decks without a dash or kicker end,
    /// no kicker+title had one in its second line; 10% of title+subtitle).
    Enumeration,
    /// Holds a digit: of two-line decks without a dash or kicker end, 33%
    /// of title+subtitle have one in the second line, 10% of kicker+title.
    Digits,
    /// Holds a comma (18% of such subtitles, 7% of such titles).
    Comma,
    /// Neither masthead nor chrome nor a deck printed twice: text of the
    /// page, not of the site around it.
    Content,
    /// Fewer blank lines above than the page's usual: it hugs the line
    /// above (a deck's next line, not a new deck).
    TightAbove,
}

/// How many cues there are.
pub const N_CUES: usize = ALL_CUES.len();

/// A set of cues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues(u64);

impl Cues {
    fn set(&mut self, cue: Cue, on: bool) {
        if on {
            self.0 |= 1 << cue as u32;
        }
    }

    /// A set from raw bits (those past the last cue are dropped).
    pub fn from_bits(bits: u64) -> Self {
        Cues(bits & ((1u64 << N_CUES) - 1))
    }

    /// Is `cue` in the set?
    pub fn has(self, cue: Cue) -> bool {
        self.0 & (1 << cue as u32) != 0
    }

    /// The cues in the set, in order: its bits, lowest first (a cue's
    /// bit is its place in `ALL_CUES`), so a unit with a dozen cues costs
    /// a dozen steps, not one per cue there is.
    pub fn iter(self) -> impl Iterator<Item = Cue> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            let at = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            ALL_CUES.get(at).copied()
        })
    }
}

/// What a page does as a whole, measured on its units: the yardstick for
/// cues like "unindented", which mean something only where the page's
/// body lines are indented.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Habits {
    /// Body-like units (long, or ending a sentence) are mostly indented.
    pub body_indent: bool,
    /// Blank lines stand between some units but not between most: a blank
    /// line is a sign.
    pub gaps_mean: bool,
    /// The usual number of blank lines between two units (the most common).
    pub usual_gap: usize,
    /// Units that are neither masthead nor chrome.
    pub content_units: usize,
    /// How many units open the page being masthead or chrome (measured
    /// once: each unit asks whether all before it are).
    pub top_run: usize,
}

/// Is the unit body-like on its own (a paragraph, not a headline line)?
fn body_like(s: &Shape) -> bool {
    s.chars > 48 || (s.ends_sentence && s.chars > 12)
}

/// Is unit `i` the next two to four units on one line (white space aside)?
fn is_duplicate(units: &[Unit<'_>], i: usize) -> bool {
    let text = &units[i].text;
    if text.len() > 400 || units.len() < i + 3 {
        return false;
    }
    // Cheap gates first: the next unit is shorter and starts alike.
    let next = &units[i + 1].text;
    if next.len() >= text.len() || next.chars().next() != text.chars().next() {
        return false;
    }
    // The next units' characters (white space aside) are matched against
    // this one's as they come: no squeezed copies of the texts.
    let mut whole = solid(text);
    for (k, next) in units[i + 1..].iter().take(4).enumerate() {
        if !solid(&next.text).all(|c| whole.next() == Some(c)) {
            return false;
        }
        if k >= 1 && whole.clone().next().is_none() {
            return true;
        }
    }
    false
}

/// The characters of `text` but white space.
fn solid(text: &str) -> impl Iterator<Item = char> + Clone + '_ {
    text.chars().filter(|c| !c.is_whitespace())
}

/// The page's habits.
pub fn habits(units: &[Unit<'_>], shapes: &[Shape]) -> Habits {
    let (mut body, mut indented) = (0, 0);
    for (u, s) in units.iter().zip(shapes) {
        if body_like(s) {
            body += 1;
            indented += usize::from(u.indented);
        }
    }
    let unindented = units.iter().filter(|u| !u.indented).count();
    let mut counts = [0usize; 4];
    for u in units.iter().skip(1) {
        counts[u.gap_lines.min(3)] += 1;
    }
    let usual_gap = (0..4)
        .max_by_key(|&g| (counts[g], usize::MAX - g))
        .unwrap_or(0);
    let wider: usize = counts[usual_gap + 1..].iter().sum::<usize>();
    Habits {
        body_indent: body >= 2 && indented * 10 >= body * 8 && unindented > 0,
        gaps_mean: wider > 0 && wider * 10 < (units.len().max(1)) * 6 && usual_gap < 3,
        usual_gap,
        content_units: shapes.iter().filter(|s| !s.masthead && !s.chrome).count(),
        top_run: shapes.iter().take_while(|s| s.masthead || s.chrome).count(),
    }
}

/// The shapes of every unit.
pub fn shapes(units: &[Unit<'_>]) -> Vec<Shape> {
    units.iter().map(|u| shape(&u.text)).collect()
}

/// The shapes of every unit, and the bylines among them by unit index
/// (few units are bylines).
pub fn shapes_and_bylines(units: &[Unit<'_>]) -> (Vec<Shape>, Vec<(usize, Byline)>) {
    let mut bylines = Vec::new();
    let shapes = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let (shape, byline) = shape_and_byline(&u.text);
            if let Some(b) = byline {
                bylines.push((i, b));
            }
            shape
        })
        .collect();
    (shapes, bylines)
}

/// The cues of every unit.
pub fn cues(units: &[Unit<'_>], shapes: &[Shape], habits: Habits) -> Vec<Cues> {
    (0..units.len())
        .map(|i| unit_cues(units, shapes, habits, i))
        .collect()
}

fn unit_cues(units: &[Unit<'_>], shapes: &[Shape], h: Habits, i: usize) -> Cues {
    let (u, s) = (&units[i], &shapes[i]);
    let prev = i.checked_sub(1).map(|p| &shapes[p]);
    let next = shapes.get(i + 1);
    let next_unit = units.get(i + 1);
    let mut c = Cues::default();
    c.set(Cue::Long, s.chars > 48);
    c.set(Cue::Mid, (26..=48).contains(&s.chars));
    c.set(Cue::Tiny, s.chars <= 3);
    c.set(Cue::EndsSentence, s.ends_sentence);
    c.set(Cue::EndsOpen, s.ends_open);
    c.set(Cue::InnerSentence, s.inner_sentence);
    c.set(Cue::Dateline, s.dateline);
    c.set(Cue::Byline, s.byline);
    c.set(Cue::Caption, s.caption);
    c.set(Cue::Jump, s.jump);
    c.set(Cue::Trailing, s.trailing);
    c.set(Cue::Editors, s.editors);
    // A masthead stands at the top; lower down, a date line alone is a
    // letter's or notice's date, part of its body.
    let near_top = i < 3 || i <= h.top_run;
    c.set(Cue::Masthead, s.masthead && near_top);
    c.set(Cue::LateMasthead, s.masthead && !near_top);
    c.set(Cue::Chrome, s.chrome);
    c.set(Cue::KickerEnd, s.kicker_end);
    c.set(Cue::DashStart, s.dash_start);
    c.set(Cue::ColumnTag, s.column_tag);
    c.set(Cue::SubheadMark, s.subhead_mark);
    c.set(Cue::SectionLabel, s.section_label);
    c.set(Cue::EndMark, s.end_mark);
    c.set(Cue::NoHan, s.no_han);
    c.set(Cue::Indented, h.body_indent && u.indented);
    c.set(Cue::Outdented, h.body_indent && !u.indented);
    c.set(
        Cue::GapAbove,
        h.gaps_mean && u.gap_lines > h.usual_gap && i > 0,
    );
    let next_body = h.body_indent && next_unit.is_some_and(|n| n.indented);
    c.set(Cue::TightToBody, next_body && !u.gap_below);
    c.set(Cue::GapToBody, next_body && u.gap_below);
    c.set(Cue::NextDateline, next.is_some_and(|n| n.dateline));
    c.set(Cue::NextByline, next.is_some_and(|n| n.byline));
    c.set(Cue::NextLong, next.is_some_and(body_like));
    c.set(
        Cue::PrevEnded,
        prev.is_none_or(|p| p.ends_sentence || p.trailing || p.caption || p.end_mark),
    );
    c.set(
        Cue::PrevOpen,
        prev.is_some_and(|p| p.chars > 30 && !p.ends_sentence && !p.trailing && !p.caption),
    );
    c.set(
        Cue::PrevTrailing,
        prev.is_some_and(|p| p.trailing || p.end_mark || p.editors),
    );
    c.set(Cue::First, i == 0);
    c.set(Cue::EndsColon, s.ends_colon);
    c.set(Cue::Salutation, s.salutation);
    c.set(Cue::HeadlineShaped, s.headline_shaped);
    // The page's only text besides its masthead and chrome (a full-page
    // advert's `广告`, a picture's title).
    c.set(Cue::Only, h.content_units == 1 && !s.masthead && !s.chrome);
    c.set(Cue::Duplicate, is_duplicate(units, i));
    c.set(Cue::Enumeration, s.enumeration);
    c.set(Cue::Digits, s.digits);
    c.set(Cue::Comma, s.comma);
    c.set(Cue::TightAbove, i > 0 && u.gap_lines < h.usual_gap);
    c.set(
        Cue::Content,
        !s.masthead && !s.chrome && !c.has(Cue::Duplicate),
    );
    c.set(Cue::PrevHeadline, prev.is_some_and(|p| p.headline_shaped));
    c.set(Cue::NextHeadline, next.is_some_and(|n| n.headline_shaped));
    c.set(Cue::WholeBracket, s.whole_bracket);
    c.set(Cue::Commas, s.commas);
    c.set(Cue::ArtCredit, s.art_credit);
    c.set(
        Cue::Next2Dateline,
        shapes.get(i + 2).is_some_and(|n| n.dateline),
    );
    c.set(Cue::PrevDateline, prev.is_some_and(|p| p.dateline));
    c
}
