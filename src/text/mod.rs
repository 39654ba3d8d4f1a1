//! Pure text measurement and layout for the reading pane: display widths,
//! CJK line breaking, display-only punctuation. No terminal, no state.

pub mod punct;
pub mod width;
pub mod wrap;
