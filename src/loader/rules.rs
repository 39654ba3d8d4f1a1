//! The loader's rules as data: marker characters, role words, speech verbs,
//! sentence ends. Supporting a new paper's habits is a one-line change here.

/// Is `c` a Han (CJK ideograph) character?
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x3134F)
}
