//! Bytes → text: detect the encoding (BOM, strict UTF-8, else a chardetng
//! guess between UTF-8 and GB18030), decode, and refuse what is not text.

use super::scan::{Scan, scan};
use crate::model::Encoding;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};

/// Why bytes were refused as an issue. `Display` is the one-line problem
/// description that follows the file name in an error message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Zero bytes, or nothing but white space.
    #[error("empty file")]
    Empty,
    /// A known non-text format (PDF, PNG, …).
    #[error("not a text issue: looks like {0}")]
    KnownBinary(&'static str),
    /// NUL bytes or mostly undecodable bytes.
    #[error("not a text issue: binary data ({0})")]
    Binary(String),
}

/// Magic numbers of formats people are likely to point kanbao at by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (docx/epub?)"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"\x7FELF", "an executable"),
    (b"\xD0\xCF\x11\xE0", "an old Office document"),
];

/// If more than this share of decoded characters are U+FFFD, the file is
/// not text in any encoding we know.
const MAX_REPLACEMENT_SHARE: f64 = 0.05;

/// Refuse the formats people are likely to point kanbao at by mistake.
fn refuse_known_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(DecodeError::KnownBinary(what));
        }
    }
    Ok(())
}

/// The refusals that need only a file's first bytes: a known binary format,
/// or a NUL byte in a file without a UTF-16 BOM (UTF-16 text is full of
/// them). `read_file` applies them before reading the rest of a file, so
/// `/dev/zero`-like files are refused after a few KB; [`decode`] applies
/// the same ones, and more, to the whole text.
pub fn sniff(head: &[u8]) -> Result<(), DecodeError> {
    refuse_known_binary(head)?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Ok(());
    }
    refuse_nul(head)
}

/// Decode `bytes`, taking ownership so valid UTF-8 (the common case) is not copied.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
    refuse_known_binary(&bytes)?;
    let (text, encoding) = decode_text(bytes)?;
    check_text(&text, &scan(text.as_bytes()))?;
    Ok((text, encoding))
}

/// Decode `bytes` and hand the text, its encoding and its [`Scan`] to `f`.
/// The same result as [`decode`], faster: plain UTF-8 (the common case) is
/// validated once, by `simdutf8`, and borrowed from `bytes` rather than
/// turned into a `String` (which would validate it again: this crate has no
/// `unsafe` to skip that).
pub fn decode_with<R>(
    bytes: Vec<u8>,
    f: impl FnOnce(&str, Encoding, &Scan) -> R,
) -> Result<R, DecodeError> {
    refuse_known_binary(&bytes)?;
    let no_bom = !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF");
    if no_bom {
        if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
            if !looks_misread(text) {
                let scan = scan(text.as_bytes());
                // A NUL byte is a control byte: only then look for one, and
                // refuse it as `decode_text` would have before decoding.
                if scan.controls > 0 {
                    refuse_nul(&bytes)?;
                }
                check_text(text, &scan)?;
                return Ok(f(text, Encoding::Utf8, &scan));
            }
        }
    }
    let (text, encoding) = decode_text(bytes)?;
    let scan = scan(text.as_bytes());
    check_text(&text, &scan)?;
    Ok(f(&text, encoding, &scan))
}

/// A file with no BOM and a NUL byte is binary.
fn refuse_nul(bytes: &[u8]) -> Result<(), DecodeError> {
    match memchr::memchr(0, bytes) {
        Some(pos) => Err(DecodeError::Binary(format!("NUL byte at offset {pos}"))),
        None => Ok(()),
    }
}

/// BOM, else strict UTF-8, else a guess; not yet checked for garbage.
fn decode_text(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
    Ok(if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = match std::str::from_utf8(rest) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(rest).into_owned(),
        };
        (text, Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Be)
    } else {
        refuse_nul(&bytes)?;
        match String::from_utf8(bytes) {
            Ok(s) if looks_misread(&s) => reread_as_gb18030(s),
            Ok(s) => (s, Encoding::Utf8),
            Err(e) => decode_legacy(e.into_bytes()),
        }
    })
}

/// Not valid UTF-8: ask chardetng. A file that is "almost UTF-8" (one bad
/// byte) stays UTF-8 with a replacement character; everything else is read
/// as GB18030, the superset of GBK and GB2312.
fn decode_legacy(bytes: Vec<u8>) -> (String, Encoding) {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let guess = detector.guess(Some(b"cn"), Utf8Detection::Allow);
    if guess == encoding_rs::UTF_8 {
        return (String::from_utf8_lossy(&bytes).into_owned(), Encoding::Utf8);
    }
    let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
    (text.into_owned(), Encoding::Gb18030)
}

/// Valid UTF-8 whose only non-ASCII characters are two-byte ones (Latin
/// accents, Greek, Cyrillic, …: U+0080–U+07FF) is, in a Chinese paper,
/// GB18030 that happens to be valid UTF-8 — likely only in short files:
/// `么` is `C3 B4`, which is also UTF-8 `ô`.
fn looks_misread(s: &str) -> bool {
    // C1 controls (U+0080–U+009F) are control text, not misread Chinese.
    !s.is_ascii()
        && s.chars()
            .all(|c| c.is_ascii() || (0xA0..0x800).contains(&(c as u32)))
}

/// Re-read as GB18030 when that decodes cleanly into Chinese; else keep UTF-8.
fn reread_as_gb18030(s: String) -> (String, Encoding) {
    let (gb, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(s.as_bytes());
    if !had_errors && gb.chars().any(crate::loader::rules::is_han) {
        (gb.into_owned(), Encoding::Gb18030)
    } else {
        (s, Encoding::Utf8)
    }
}

/// Refuse empty text and text that decoded to mostly garbage. `scan` is
/// the text's [`Scan`]: the whole-text questions are answered there, in
/// one pass, and the exact counts are taken only when it found something.
fn check_text(text: &str, scan: &Scan) -> Result<(), DecodeError> {
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(DecodeError::Empty);
    }
    if scan.has_replacement {
        let total = text.chars().count();
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad as f64 > MAX_REPLACEMENT_SHARE * total as f64 {
            return Err(DecodeError::Binary(format!(
                "{bad} of {total} characters undecodable"
            )));
        }
    }
    // NUL is one of the control bytes counted by the scan.
    if scan.controls > 0 && memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(DecodeError::Binary("NUL characters".into()));
    }
    // Text has line ends and tabs; binary data is full of other C0 bytes.
    if scan.controls * 20 > text.len().max(1) {
        return Err(DecodeError::Binary(format!(
            "{} control bytes",
            scan.controls
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("中文".into()).unwrap(),
            ("中文".into(), Encoding::Utf8)
        );
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("中文".as_bytes());
        assert_eq!(decode(b).unwrap(), ("中文".into(), Encoding::Utf8));
    }

    #[test]
    fn utf16_both_orders() {
        let s = "本报讯 衡阳";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(le).unwrap(), (s.into(), Encoding::Utf16Le));
        assert_eq!(decode(be).unwrap(), (s.into(), Encoding::Utf16Be));
    }

    #[test]
    fn gb18030_detected() {
        let s = "本报讯 3月14日，全市优化营商环境大会召开。市委书记杨振华出席会议并讲话。";
        let (bytes, _, _) = encoding_rs::GB18030.encode(s);
        assert_eq!(
            decode(bytes.into_owned()).unwrap(),
            (s.into(), Encoding::Gb18030)
        );
    }

    #[test]
    fn short_gb18030_that_is_valid_utf8() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("么");
        assert_eq!(std::str::from_utf8(&bytes).ok(), Some("ô"));
        assert_eq!(
            decode(bytes.into_owned()).unwrap(),
            ("么".into(), Encoding::Gb18030)
        );
        // Real UTF-8 with Han stays UTF-8 even if it has Latin accents too.
        assert_eq!(decode("café 中文".into()).unwrap().1, Encoding::Utf8);
    }

    #[test]
    fn refusals() {
        assert_eq!(decode(Vec::new()), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n".to_vec()), Err(DecodeError::Empty));
        assert_eq!(decode("\u{3000}\n".into()), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"%PDF-1.4 ...".to_vec()),
            Err(DecodeError::KnownBinary(_))
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n".to_vec()),
            Err(DecodeError::KnownBinary(_))
        ));
        assert!(matches!(
            decode(b"ab\0cd".to_vec()),
            Err(DecodeError::Binary(_))
        ));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| ((i.wrapping_mul(2654435761) >> 13) as u8).max(1))
            .collect();
        assert!(decode(noise).is_err());
    }
}
