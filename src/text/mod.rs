//! Pure text measurement and layout for the reading pane: display widths
//! (`width`), CJK line breaking (`wrap`), balanced headlines (`balance`),
//! display-only punctuation (`punct`), URL detection (`url`), the
//! character classes every module shares (`chars`: the one `is_han`), the
//! rule tables (`rules`), and the one output sanitizer for outside text
//! (`safe`). No terminal, no state: everything here is a function of its
//! arguments, so the UI can cache wrap results per (article, width, options).

pub mod balance;
pub mod chars;
pub mod chunks;
pub mod punct;
pub mod rules;
pub mod safe;
pub mod url;
pub mod width;
pub mod wrap;

pub use balance::wrap_balanced;
pub use width::{AmbiguousWidth, char_width, grapheme_width, str_width, truncate};
pub use wrap::{HANGING_ROOM, LineBreakRule, VisualLine, WrapOptions, line_of_offset, wrap};
