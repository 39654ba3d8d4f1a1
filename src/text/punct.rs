//! Display-only punctuation: ASCII `, ; : ? ! ( )` between Han characters
//! are shown full-width. Stored text never changes.
//! PLACEHOLDER: to be replaced by the text helper.

/// Byte offsets (ascending) of ASCII punctuation in `text` that should be
/// displayed as its full-width form, with that form.
pub fn fullwidth_substitutions(_text: &str) -> Vec<(usize, char)> {
    Vec::new()
}
