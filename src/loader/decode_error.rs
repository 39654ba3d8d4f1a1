//! Why bytes were refused as an issue, worded in the process's language
//! (the decoder's refusals, apart from how it decides them).

use crate::lang;
use std::fmt;

/// Why bytes were refused as an issue. `Display` is the one-line problem
/// description that follows the file name in an error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes, or nothing but white space.
    Empty,
    /// A known non-text format (PDF, PNG, …): its names in English and Chinese.
    KnownBinary(&'static str, &'static str),
    /// NUL bytes, control bytes or mostly undecodable bytes.
    Binary(Binary),
}

/// What makes bytes binary data rather than text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binary {
    /// A NUL byte at this offset of the raw bytes.
    NulByte(usize),
    /// NUL characters in the decoded text.
    NulChars,
    /// This many of this many characters did not decode.
    Undecodable(usize, usize),
    /// This many C0 control bytes.
    Controls(usize),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = lang::current();
        f.write_str(&match self {
            DecodeError::Empty => tr!(lang; "empty file", "空文件"),
            DecodeError::KnownBinary(en, zh) => tr!(lang;
                "not a text issue: looks like {en}",
                "不是文本报刊（{zh}）"
            ),
            DecodeError::Binary(why) => {
                let why = match *why {
                    Binary::NulByte(at) => tr!(lang; "NUL byte at offset {at}", "偏移 {at} 处有 NUL 字节"),
                    Binary::NulChars => tr!(lang; "NUL characters", "含 NUL 字符"),
                    Binary::Undecodable(bad, total) => tr!(lang;
                        "{bad} of {total} characters undecodable",
                        "{total} 个字符中 {bad} 个无法解码"
                    ),
                    Binary::Controls(n) => tr!(lang; "{n} control bytes", "{n} 个控制字节"),
                };
                tr!(lang; "not a text issue: binary data ({why})", "不是文本报刊：二进制数据（{why}）")
            }
        })
    }
}

impl std::error::Error for DecodeError {}
