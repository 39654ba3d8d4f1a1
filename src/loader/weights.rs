//! The segmentation's weights, as data: what each cue says for each label,
//! and what may follow what. Scores are added (log-odds style): positive
//! for evidence for a label, negative against. Teaching the loader a habit
//! is a new cue in `cues` and a row here, tuned on part of the real pages
//! (`tests/real_tune.rs`) and checked on the rest.

use super::cues::{Cue, N_CUES};

/// How many labels there are (`segment::Label`'s variants).
pub const N_LABELS: usize = 6;

/// Forbidden: a transition the grammar does not allow.
pub const NEVER: f32 = -1.0e6;

/// One cue's weights for [Top, Kicker, Title, Subtitle, Body, Chrome].
pub type Row = [f32; N_LABELS];

/// What a unit that shows no cue scores, per label: the deck labels cost a
/// little, so a deck needs some evidence.
pub const BIAS: Row = [-1.5, -1.5, -2.0, -2.5, 1.0, -3.5];

/// The weights of every cue, in `Cue` order.
pub const CUE_WEIGHTS: [(Cue, Row); N_CUES] = [
    //                     Top    Kick   Title  Sub    Body   Chrome
    (Cue::Long, [-2.0, -6.0, -6.0, -2.5, 0.0, -1.0]),
    (Cue::Mid, [0.0, 0.5, -0.3, -0.7, 0.0, 0.0]),
    (Cue::Tiny, [0.0, -2.5, -1.0, -1.0, 0.0, 0.0]),
    (Cue::EndsSentence, [-3.0, -4.0, -4.0, -1.5, 0.5, -1.0]),
    (Cue::EndsOpen, [-1.0, -2.5, -3.0, -2.0, 0.5, 0.0]),
    (Cue::InnerSentence, [-1.0, -2.0, -0.5, -0.5, -0.7, 0.0]),
    (Cue::Dateline, [-3.0, -6.0, -6.0, -4.0, 2.0, -3.0]),
    (Cue::Byline, [-2.0, -8.0, -8.0, -8.0, 1.0, -2.0]),
    (Cue::Caption, [-2.0, -5.0, -5.0, -4.0, 1.0, -1.0]),
    (Cue::Jump, [-2.0, -5.0, -5.0, -4.0, 1.0, -1.0]),
    (Cue::Trailing, [-2.0, -5.0, -5.0, -4.0, 1.5, -1.0]),
    (Cue::Editors, [0.0, -5.0, -5.0, -4.0, 1.0, 0.5]),
    (Cue::Masthead, [4.0, -2.0, -1.5, -2.0, -2.0, 1.0]),
    (Cue::Chrome, [4.0, -6.0, -6.0, -6.0, -5.0, 6.0]),
    (Cue::KickerEnd, [0.0, 1.5, -1.0, -1.5, -0.5, 0.0]),
    (Cue::DashStart, [0.0, -2.0, -2.0, 3.5, 0.0, 0.0]),
    (Cue::ColumnTag, [0.0, 0.0, 2.0, -0.5, 0.0, 0.0]),
    (Cue::SubheadMark, [0.0, -1.5, -1.5, -1.0, 1.5, 0.0]),
    (Cue::SectionLabel, [0.0, -3.0, -3.0, -3.0, 2.0, 0.0]),
    (Cue::EndMark, [0.0, -4.0, -4.0, -4.0, 2.0, 0.0]),
    (Cue::NoHan, [0.5, -2.0, -2.0, -1.0, 0.0, 0.5]),
    (Cue::Indented, [-1.0, -4.0, -5.0, -5.0, 2.0, -1.0]),
    (Cue::Outdented, [-0.5, 2.0, 2.5, 3.0, -3.0, 0.0]),
    (Cue::GapAbove, [0.0, 3.0, 2.0, -2.0, -2.5, 0.0]),
    (Cue::TightToBody, [0.0, -2.0, -2.5, 0.5, 0.0, 0.0]),
    (Cue::GapToBody, [0.0, 0.5, 1.5, -1.5, -1.0, 0.0]),
    (Cue::NextDateline, [0.0, 0.5, 1.5, 3.0, -3.0, 0.0]),
    (Cue::NextByline, [0.0, 1.0, 2.0, 2.5, -3.0, 0.0]),
    (Cue::NextLong, [0.0, 0.3, 0.8, 0.8, 0.0, 0.0]),
    (Cue::PrevEnded, [0.0, 1.0, 1.0, 0.0, 1.0, 0.0]),
    (Cue::PrevOpen, [0.0, -2.0, -3.0, 0.0, -0.5, 0.0]),
    (Cue::PrevTrailing, [0.0, 1.5, 1.5, 0.0, -0.5, 0.0]),
    (Cue::First, [1.0, 0.5, 1.0, 0.0, -1.0, 0.5]),
    (Cue::EndsColon, [0.0, 0.5, -1.0, -2.5, 0.5, 0.0]),
    (Cue::Salutation, [0.0, -4.0, -4.0, -4.0, 2.0, 0.0]),
    (Cue::HeadlineShaped, [0.0, 1.0, 2.0, 1.0, -0.5, 0.0]),
    (Cue::Only, [-2.0, 0.0, 4.0, 0.0, 0.0, -2.0]),
    (Cue::PrevHeadline, [0.0, -0.5, 0.0, 0.5, 0.0, 0.0]),
    (Cue::NextHeadline, [0.0, 0.5, 0.3, -0.5, -0.3, 0.0]),
    (Cue::WholeBracket, [0.0, -3.0, -3.0, -0.5, 1.5, 0.0]),
    (Cue::Commas, [0.0, -0.5, -2.0, 0.0, 0.5, 0.0]),
    (Cue::ArtCredit, [0.0, -4.0, -4.0, -4.0, 2.0, 0.0]),
    (Cue::Next2Dateline, [0.0, 1.0, 0.5, 0.0, 0.5, 0.0]),
    (Cue::PrevDateline, [0.0, -1.0, -1.0, -1.0, 0.5, 0.0]),
    (Cue::LateMasthead, [0.0, -2.0, -2.0, -1.0, 1.0, 0.5]),
    (Cue::Duplicate, [3.0, -4.0, -4.0, -4.0, -4.0, 5.0]),
    (Cue::Enumeration, [0.0, -1.0, -1.5, 1.0, 1.0, 0.0]),
    (Cue::Digits, [0.0, 0.0, -0.3, 0.8, -0.5, 0.0]),
    (Cue::Comma, [0.0, 0.0, -0.3, 0.6, 0.0, 0.0]),
    (Cue::Content, [-4.0, 0.0, 0.0, 0.0, 0.0, -1.0]),
    (Cue::TightAbove, [0.0, -4.0, -1.0, 0.0, 0.0, 0.0]),
];

/// `TRANSITIONS[from][to]`: what one label followed by another costs.
pub const TRANSITIONS: [[f32; N_LABELS]; N_LABELS] = {
    const N: f32 = NEVER;
    // A deck after a deck is an article of a deck alone (a picture item,
    // a one-line notice).
    [
        // to: Top, Kicker, Title, Subtitle, Body, Chrome
        [0.0, 1.0, 0.0, N, -3.0, -0.5],  // from Top
        [N, -6.0, 0.0, N, N, N],         // from Kicker
        [N, -5.0, -5.0, 0.0, 0.0, -1.0], // from Title
        [N, -5.0, -5.0, N, 0.0, -1.0],   // from Subtitle
        [N, -2.5, -2.5, N, 0.0, -1.5],   // from Body
        [N, -0.5, -0.5, N, -2.0, 0.0],   // from Chrome
    ]
};

/// What ending the page in each label costs: a page never ends on a deck.
pub const END: Row = [0.0, -6.0, -1.0, -3.0, -1.0, 0.0];
