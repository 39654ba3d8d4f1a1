//! Bytes → text: detect the encoding (BOM, strict UTF-8, else a chardetng
//! guess between UTF-8, GB18030 and Big5), decode, and refuse what is not
//! text. The command line's `--encoding` replaces the detection
//! ([`force_encoding`], [`decode_as`]).

pub use super::decode_error::{Binary, DecodeError};
use super::scan::{Scan, scan};
use crate::model::Encoding;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use std::sync::atomic::{AtomicU8, Ordering};

/// The encoding `--encoding` asked for: 0 = detect, else 1 + its index in
/// [`Encoding::ALL`]. Set once by the command line before anything loads;
/// a process-wide setting so every path that decodes (files, folders,
/// standard input, the reader's archive scan) obeys it without each
/// passing it down.
static FORCED: AtomicU8 = AtomicU8::new(0);

/// Decode every file as `encoding` from now on instead of detecting it
/// (`None`: detect again). The bundled sample is always read as the UTF-8
/// it is.
pub fn force_encoding(encoding: Option<Encoding>) {
    let code = encoding.map_or(0, |e| {
        Encoding::ALL
            .iter()
            .position(|&x| x == e)
            .map_or(0, |i| i as u8 + 1)
    });
    FORCED.store(code, Ordering::Relaxed);
}

/// The encoding set by [`force_encoding`], if any.
pub fn forced_encoding() -> Option<Encoding> {
    match FORCED.load(Ordering::Relaxed) {
        0 => None,
        n => Encoding::ALL.get(usize::from(n) - 1).copied(),
    }
}

/// The forced encoding, unless `bytes` are the bundled sample's.
fn forced_for(bytes: &[u8]) -> Option<Encoding> {
    forced_encoding().filter(|_| bytes != crate::SAMPLE_BYTES)
}

/// Magic numbers of formats people are likely to point kanbao at by
/// mistake, with their names in English and Chinese.
const MAGIC: &[(&[u8], &str, &str)] = &[
    (b"%PDF", "a PDF document", "PDF 文档"),
    (b"\x89PNG", "a PNG image", "PNG 图片"),
    (b"\xFF\xD8\xFF", "a JPEG image", "JPEG 图片"),
    (b"GIF8", "a GIF image", "GIF 图片"),
    (
        b"PK\x03\x04",
        "a ZIP archive (docx/epub?)",
        "ZIP 压缩包（docx/epub？）",
    ),
    (b"\x1F\x8B", "a gzip archive", "gzip 压缩包"),
    (b"\x7FELF", "an executable", "可执行文件"),
    (
        b"\xD0\xCF\x11\xE0",
        "an old Office document",
        "旧版 Office 文档",
    ),
];

/// If more than this share of decoded characters are U+FFFD, the file is
/// not text in any encoding we know.
const MAX_REPLACEMENT_SHARE: f64 = 0.05;

/// Refuse the formats people are likely to point kanbao at by mistake.
fn refuse_known_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    for (magic, en, zh) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(DecodeError::KnownBinary(en, zh));
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
    let utf16 = matches!(
        forced_encoding(),
        Some(Encoding::Utf16Le | Encoding::Utf16Be)
    );
    if utf16 || head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Ok(());
    }
    refuse_nul(head)
}

/// Decode `bytes`, taking ownership so valid UTF-8 (the common case) is not copied.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
    if let Some(encoding) = forced_for(&bytes) {
        return decode_as(bytes, encoding);
    }
    refuse_known_binary(&bytes)?;
    let (text, encoding) = decode_text(bytes)?;
    check_text(&text, &scan(text.as_bytes()))?;
    Ok((text, encoding))
}

/// Decode `bytes` as `encoding`, detecting nothing (`--encoding`): its own
/// BOM is dropped, undecodable bytes become U+FFFD, and the refusals of
/// [`decode`] still apply (a PDF is refused; so is a file that is mostly
/// U+FFFD in the encoding asked for).
pub fn decode_as(bytes: Vec<u8>, encoding: Encoding) -> Result<(String, Encoding), DecodeError> {
    refuse_known_binary(&bytes)?;
    let text = decode_in(bytes, encoding)?;
    check_text(&text, &scan(text.as_bytes()))?;
    Ok((text, encoding))
}

/// The text of `bytes` in `encoding`, not yet checked for garbage.
fn decode_in(bytes: Vec<u8>, encoding: Encoding) -> Result<String, DecodeError> {
    let (codec, bom): (&'static encoding_rs::Encoding, &[u8]) = match encoding {
        Encoding::Utf8 => (encoding_rs::UTF_8, b"\xEF\xBB\xBF"),
        Encoding::Gb18030 => (encoding_rs::GB18030, b""),
        Encoding::Big5 => (encoding_rs::BIG5, b""),
        Encoding::Utf16Le => (encoding_rs::UTF_16LE, b"\xFF\xFE"),
        Encoding::Utf16Be => (encoding_rs::UTF_16BE, b"\xFE\xFF"),
    };
    let utf16 = matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be);
    if !utf16 {
        refuse_nul(&bytes)?;
    }
    if encoding == Encoding::Utf8 && !bytes.starts_with(bom) {
        // Valid UTF-8 (the common case) is taken as it is, not copied.
        return Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()));
    }
    let rest = bytes.strip_prefix(bom).unwrap_or(&bytes);
    let (text, _) = codec.decode_without_bom_handling(rest);
    Ok(text.into_owned())
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
    if let Some(encoding) = forced_for(&bytes) {
        let (text, encoding) = decode_as(bytes, encoding)?;
        return Ok(f(&text, encoding, &scan(text.as_bytes())));
    }
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
        Some(pos) => Err(DecodeError::Binary(Binary::NulByte(pos))),
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
            Ok(s) if looks_misread(&s) => reread_legacy(s),
            Ok(s) => (s, Encoding::Utf8),
            Err(e) => decode_legacy(e.into_bytes()),
        }
    })
}

/// chardetng's guess for `bytes`. The top-level domain hint is Singapore's
/// (`sg`), for which both Simplified (GBK) and Traditional (Big5) Chinese
/// are native: GBK wins a tie, neither is marked down.
fn guess(bytes: &[u8], utf8: Utf8Detection) -> &'static encoding_rs::Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"sg"), utf8)
}

/// Not valid UTF-8: ask chardetng. A file that is "almost UTF-8" (one bad
/// byte) stays UTF-8 with a replacement character; a Big5 guess that
/// decodes without errors is Big5 (Hong Kong and Taiwan papers);
/// everything else is read as GB18030, the superset of GBK and GB2312.
fn decode_legacy(bytes: Vec<u8>) -> (String, Encoding) {
    let guessed = guess(&bytes, Utf8Detection::Allow);
    if guessed == encoding_rs::UTF_8 {
        return (String::from_utf8_lossy(&bytes).into_owned(), Encoding::Utf8);
    }
    if guessed == encoding_rs::BIG5 {
        let (big5, had_errors) = encoding_rs::BIG5.decode_without_bom_handling(&bytes);
        if !had_errors {
            return (big5.into_owned(), Encoding::Big5);
        }
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

/// Re-read as Big5 (when chardetng says so) or GB18030 when that decodes
/// cleanly into Chinese; else keep UTF-8.
fn reread_legacy(s: String) -> (String, Encoding) {
    if guess(s.as_bytes(), Utf8Detection::Deny) == encoding_rs::BIG5 {
        let (big5, had_errors) = encoding_rs::BIG5.decode_without_bom_handling(s.as_bytes());
        if !had_errors && big5.chars().any(crate::loader::rules::is_han) {
            return (big5.into_owned(), Encoding::Big5);
        }
    }
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
            return Err(DecodeError::Binary(Binary::Undecodable(bad, total)));
        }
    }
    // NUL is one of the control bytes counted by the scan.
    if scan.controls > 0 && memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(DecodeError::Binary(Binary::NulChars));
    }
    // Text has line ends and tabs; binary data is full of other C0 bytes.
    if scan.controls * 20 > text.len().max(1) {
        return Err(DecodeError::Binary(Binary::Controls(scan.controls)));
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

    /// A Hong Kong paper's lead, in Traditional characters.
    const TRADITIONAL: &str = "本報訊 香港特區政府昨日公佈新一份施政報告，行政長官表示，\
        將加快公營房屋的興建進度，並會檢討土地規劃的程序。";

    fn big5(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::BIG5.encode(s);
        assert!(!unmappable, "{s} is all in Big5");
        bytes.into_owned()
    }

    #[test]
    fn big5_detected() {
        let bytes = big5(TRADITIONAL);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(
            decode(bytes.clone()).unwrap(),
            (TRADITIONAL.into(), Encoding::Big5)
        );
        let via_with = decode_with(bytes, |t, e, _| (t.to_owned(), e)).unwrap();
        assert_eq!(via_with, (TRADITIONAL.into(), Encoding::Big5));
        // Simplified text in GB18030 is still GB18030, not Big5.
        let (gb, _, _) = encoding_rs::GB18030.encode(
            "本报讯 香港特区政府昨日公布新一份施政报告，行政长官表示，将加快公营房屋的兴建进度。",
        );
        assert_eq!(decode(gb.into_owned()).unwrap().1, Encoding::Gb18030);
    }

    #[test]
    fn decode_as_overrides_detection() {
        let bytes = big5(TRADITIONAL);
        assert_eq!(
            decode_as(bytes.clone(), Encoding::Big5).unwrap(),
            (TRADITIONAL.into(), Encoding::Big5)
        );
        // Read as GB18030 on request: different text, and the encoding asked for.
        let (text, enc) = decode_as(bytes, Encoding::Gb18030).unwrap();
        assert_eq!(enc, Encoding::Gb18030);
        assert_ne!(text, TRADITIONAL);
        // A GB18030 file read as GB18030 is what detection gives.
        let (gb, _, _) = encoding_rs::GB18030.encode("衡阳市委书记");
        assert_eq!(
            decode_as(gb.into_owned(), Encoding::Gb18030).unwrap().0,
            "衡阳市委书记"
        );
        // Each encoding drops its own BOM only.
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("中文".as_bytes());
        assert_eq!(decode_as(b, Encoding::Utf8).unwrap().0, "中文");
        let mut le = vec![0xFF, 0xFE];
        let mut bare = Vec::new();
        for u in "中文 ab".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            bare.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_as(le, Encoding::Utf16Le).unwrap().0, "中文 ab");
        // UTF-16 without a BOM (NUL bytes in its ASCII): only readable when
        // asked for.
        assert_eq!(
            decode_as(bare.clone(), Encoding::Utf16Le).unwrap().0,
            "中文 ab"
        );
        assert!(decode(bare).is_err());
        // The refusals still apply.
        assert!(matches!(
            decode_as(b"%PDF-1.4".to_vec(), Encoding::Big5),
            Err(DecodeError::KnownBinary(..))
        ));
        assert!(matches!(
            decode_as(b"ab\0cd".to_vec(), Encoding::Gb18030),
            Err(DecodeError::Binary(_))
        ));
        // UTF-8 bytes read as Big5 are mostly undecodable: refused, not garbage.
        assert!(decode_as("本报讯衡阳市委书记邓群策".repeat(4).into(), Encoding::Big5).is_err());
    }

    #[test]
    fn encoding_names_parse() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>(), Ok(e));
            assert_eq!(e.name().to_lowercase().parse::<Encoding>(), Ok(e));
        }
        assert_eq!("gbk".parse::<Encoding>(), Ok(Encoding::Gb18030));
        assert_eq!("BIG5-HKSCS".parse::<Encoding>(), Ok(Encoding::Big5));
        assert!("latin1".parse::<Encoding>().unwrap_err().contains("Big5"));
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
            Err(DecodeError::KnownBinary(..))
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n".to_vec()),
            Err(DecodeError::KnownBinary(..))
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
