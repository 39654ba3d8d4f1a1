//! Input: our own key type and the keymap table (context + chord → action).

pub mod key;
pub mod keymap;
