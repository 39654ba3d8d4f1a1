//! Cues → labels: the reading of the whole page that its cues explain
//! best. Every unit gets one label; a dynamic program (Viterbi) over the
//! labels finds the sequence with the highest total score, where a unit's
//! score for a label is the sum of its cues' weights and the labels'
//! sequence pays for each transition (`weights::TRANSITIONS`: a kicker is
//! followed by a title, a deck by a body, a new article costs a little).

use super::cues::{ALL_CUES, Cues, N_CUES};
use super::weights;

/// What a unit is, in the page's reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Above the first article: masthead lines and site chrome.
    Top,
    /// A kicker (引题).
    Kicker,
    /// A title (主题): every article's deck has one.
    Title,
    /// A subtitle (副题).
    Subtitle,
    /// Part of an article's body: paragraphs, bylines, captions, credits.
    Body,
    /// Site chrome after the first article.
    Chrome,
}

pub use super::weights::N_LABELS;

/// Every label, in weight-column order.
pub const LABELS: [Label; N_LABELS] = [
    Label::Top,
    Label::Kicker,
    Label::Title,
    Label::Subtitle,
    Label::Body,
    Label::Chrome,
];

impl Label {
    /// A deck line: kicker, title or subtitle.
    pub fn is_deck(self) -> bool {
        matches!(self, Label::Kicker | Label::Title | Label::Subtitle)
    }

    /// Where a new article starts: its first deck line.
    pub fn opens_after(self, before: Option<Label>) -> bool {
        match self {
            Label::Kicker => before != Some(Label::Kicker),
            Label::Title => before != Some(Label::Kicker),
            // A subtitle right after a subtitle never happens (the
            // grammar forbids it); after a title it belongs to it.
            _ => false,
        }
    }
}

/// The weights a segmentation uses: the defaults of `weights`, or a copy
/// a tuner changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Per label, what every unit scores.
    pub bias: weights::Row,
    /// Per cue (in `Cue` order), what it adds per label.
    pub cues: [weights::Row; N_CUES],
    /// `transitions[from][to]`.
    pub transitions: [weights::Row; N_LABELS],
    /// What ending the page in a label costs.
    pub end: weights::Row,
}

impl Default for Weights {
    fn default() -> Self {
        let mut cues = [[0.0; N_LABELS]; N_CUES];
        for (i, (_, row)) in weights::CUE_WEIGHTS.iter().enumerate() {
            cues[i] = *row;
        }
        Weights {
            bias: weights::BIAS,
            cues,
            transitions: weights::TRANSITIONS,
            end: weights::END,
        }
    }
}

impl Weights {
    /// Every tunable number, with a name (for a tuner's report).
    pub fn params_mut(&mut self) -> Vec<(String, &mut f32)> {
        let mut out = Vec::new();
        for (l, w) in LABELS.iter().zip(self.bias.iter_mut()) {
            out.push((format!("bias {l:?}"), w));
        }
        for (cue, row) in ALL_CUES.iter().zip(self.cues.iter_mut()) {
            for (l, w) in LABELS.iter().zip(row.iter_mut()) {
                out.push((format!("{cue:?} {l:?}"), w));
            }
        }
        for (from, row) in LABELS.iter().zip(self.transitions.iter_mut()) {
            for (to, w) in LABELS.iter().zip(row.iter_mut()) {
                if *w > weights::NEVER / 2.0 {
                    out.push((format!("{from:?}->{to:?}"), w));
                }
            }
        }
        for (l, w) in LABELS.iter().zip(self.end.iter_mut()) {
            out.push((format!("end {l:?}"), w));
        }
        out
    }

    /// A unit's score for each label.
    fn scores(&self, cues: Cues) -> weights::Row {
        let mut s = self.bias;
        for cue in cues.iter() {
            for (x, w) in s.iter_mut().zip(&self.cues[cue as usize]) {
                *x += w;
            }
        }
        s
    }
}

/// The best-scoring labels for units with these cues.
pub fn segment(cues: &[Cues], w: &Weights) -> Vec<Label> {
    let n = cues.len();
    if n == 0 {
        return Vec::new();
    }
    // best[l]: the best score of a reading of units 0..=i ending in l;
    // back[i][l]: the label of unit i-1 on that reading.
    let mut back: Vec<[u8; N_LABELS]> = vec![[0; N_LABELS]; n];
    let first = w.scores(cues[0]);
    let mut best = [weights::NEVER; N_LABELS];
    // The page opens at the top: any label that may follow Top.
    for to in 0..N_LABELS {
        let t = if to == 0 { 0.0 } else { w.transitions[0][to] };
        best[to] = t + first[to];
    }
    for i in 1..n {
        let s = w.scores(cues[i]);
        let mut next = [weights::NEVER; N_LABELS];
        for to in 0..N_LABELS {
            let (mut arg, mut top) = (0, f32::NEG_INFINITY);
            for (from, b) in best.iter().enumerate() {
                let v = b + w.transitions[from][to];
                if v > top {
                    (arg, top) = (from, v);
                }
            }
            next[to] = top + s[to];
            back[i][to] = arg as u8;
        }
        best = next;
    }
    let mut l = (0..N_LABELS)
        .max_by(|&a, &b| (best[a] + w.end[a]).total_cmp(&(best[b] + w.end[b])))
        .unwrap_or(0);
    let mut out = vec![Label::Body; n];
    for i in (0..n).rev() {
        out[i] = LABELS[l];
        l = back[i][l] as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::cues::Cue;

    #[test]
    fn weight_rows_are_in_cue_order() {
        for (i, (cue, _)) in weights::CUE_WEIGHTS.iter().enumerate() {
            assert_eq!(ALL_CUES[i], *cue, "row {i}");
        }
    }

    #[test]
    fn a_kicker_is_always_followed_by_a_title() {
        // Whatever the cues, the grammar holds.
        let all: Vec<Cues> = (0..40)
            .map(|i| Cues::from_bits(i * 2_654_435_761))
            .collect();
        let labels = segment(&all, &Weights::default());
        for pair in labels.windows(2) {
            if pair[0] == Label::Kicker {
                assert!(
                    matches!(pair[1], Label::Title | Label::Kicker),
                    "{labels:?}"
                );
            }
            if pair[0] == Label::Subtitle {
                assert_ne!(pair[1], Label::Subtitle, "{labels:?}");
            }
        }
        assert_ne!(labels.last(), Some(&Label::Kicker));
        let _ = Cue::Long;
    }
}
