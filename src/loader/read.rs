//! Reading an issue file's bytes without trusting the path: only regular
//! files are read, never more than a size limit, and the first bytes are
//! checked for the decoder's binary refusals before the rest is read. So a
//! FIFO named `x.txt` never blocks, `/dev/zero` never fills memory, and a
//! 3 GB sparse file or a PDF is refused at once, cheaply, with one line.
//!
//! The limit is [`DEFAULT_MAX_FILE_SIZE`] unless the environment variable
//! [`MAX_FILE_SIZE_VAR`] says otherwise (it reaches every command: the
//! reader, `search`, `export`).

use super::decode::{self, DecodeError};
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;
use std::path::PathBuf;

/// The largest file read by default: far above any real issue (a whole
/// newspaper is a few MB of text), far below what hurts a machine.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 << 20;

/// The environment variable that sets the size limit (`64M`, `1G`, bytes).
pub const MAX_FILE_SIZE_VAR: &str = "KANBAO_MAX_FILE_SIZE";

/// How many bytes are sniffed before the rest of a file is read.
const SNIFF_LEN: u64 = 8192;

/// Why a path was refused before (or while) reading it. `Display` is the
/// problem that follows the path in the one-line error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A FIFO, a device, a socket: reading one may block or never end.
    #[error("not a regular file ({0}); only regular files are read")]
    NotRegular(&'static str),
    /// Bigger than the limit (`size` is `None` when the file grew past the
    /// limit while it was read, e.g. a file in `/proc` that reports 0).
    #[error("too large ({}, over the {} limit; set {MAX_FILE_SIZE_VAR} to raise it)",
        size.map_or_else(|| "more".to_owned(), human), human(*limit))]
    TooLarge {
        /// The size the file system reported.
        size: Option<u64>,
        /// The limit in force.
        limit: u64,
    },
    /// The limit variable is set to something that is not a size.
    #[error("{MAX_FILE_SIZE_VAR}={0:?} is not a size (write bytes, or e.g. 64K, 300M, 2G)")]
    BadLimit(String),
}

/// The size limit in force: [`MAX_FILE_SIZE_VAR`] if set, else the default.
pub fn max_file_size() -> Result<u64, Refusal> {
    match std::env::var_os(MAX_FILE_SIZE_VAR) {
        None => Ok(DEFAULT_MAX_FILE_SIZE),
        Some(v) if v.is_empty() => Ok(DEFAULT_MAX_FILE_SIZE),
        Some(v) => {
            let s = v.to_string_lossy();
            parse_size(&s).ok_or_else(|| Refusal::BadLimit(s.into_owned()))
        }
    }
}

/// `12345`, `64K`, `300M`, `2G` (binary multiples; `KB`, `KiB` too). Zero
/// is not a size: it would refuse every file.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n: u64 = s[..digits].parse().ok()?;
    let unit = s[digits..].trim().to_ascii_lowercase();
    let shift = match unit.as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return None,
    };
    n.checked_mul(1 << shift).filter(|&n| n > 0)
}

/// `3.0 GiB`, `256 MiB`, `512 bytes`.
fn human(n: u64) -> String {
    const UNITS: [(&str, u32); 3] = [("GiB", 30), ("MiB", 20), ("KiB", 10)];
    for (name, shift) in UNITS {
        if n >= 1 << shift {
            let whole = n >> shift;
            return if n % (1 << shift) == 0 {
                format!("{whole} {name}")
            } else {
                format!("{:.1} {name}", n as f64 / f64::from(1u32 << shift))
            };
        }
    }
    format!("{n} bytes")
}

/// What kind of non-regular file `meta` describes, for the error.
fn kind(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "a special file"
}

/// Open for reading without ever blocking in `open` (a FIFO with no writer)
/// and without making a terminal our controlling one.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let flags = (OFlags::NONBLOCK | OFlags::NOCTTY).bits();
        // The flags are small constants: the conversion cannot fail.
        options.custom_flags(i32::try_from(flags).unwrap_or(0));
    }
    options.open(path)
}

/// The bytes of the regular file at `path`, at most `limit` of them, its
/// first bytes sniffed (see the module docs) before the rest is read.
pub(super) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let refused = |reason| LoadError::Refused {
        path: path.to_path_buf(),
        reason,
    };
    // Look before opening: opening some devices has effects of its own.
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::IsDir {
            path: path.to_path_buf(),
        });
    }
    if !meta.is_file() {
        return Err(refused(Refusal::NotRegular(kind(&meta))));
    }
    let mut file = open_nonblocking(path).map_err(io)?;
    // And look again at what was opened: the path may have been swapped.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(refused(Refusal::NotRegular(kind(&meta))));
    }
    if meta.len() > limit {
        return Err(refused(Refusal::TooLarge {
            size: Some(meta.len()),
            limit,
        }));
    }
    let mut bytes = Vec::with_capacity(SNIFF_LEN as usize);
    (&mut file)
        .take(SNIFF_LEN.min(limit.saturating_add(1)))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    decode::sniff(&bytes).map_err(|source| LoadError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    // Only now is the memory for the whole file taken (and one byte more,
    // so reading to the end needs no second allocation).
    let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    bytes.reserve_exact(expected.saturating_sub(bytes.len()).saturating_add(1));
    // One byte past the limit tells a file that grew from one that fits.
    let rest = limit.saturating_add(1).saturating_sub(bytes.len() as u64);
    (&mut file).take(rest).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(refused(Refusal::TooLarge { size: None, limit }));
    }
    Ok(bytes)
}

/// Why a file could not be loaded. `Display` is one line: the path, then the problem.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: {}", path.display(), io_problem(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A folder was given where a file was expected.
    #[error("{}: is a directory, not an issue file", path.display())]
    IsDir {
        /// The folder.
        path: PathBuf,
    },
    /// The file was read but is not a text issue.
    #[error("{}: {source}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: DecodeError,
    },
    /// Not read at all: a FIFO, a device, a file over the size limit.
    #[error("{}: {reason}", path.display())]
    Refused {
        /// The path.
        path: PathBuf,
        /// Why it was not read.
        reason: Refusal,
    },
}

/// Short, lower-case wording for the I/O errors people actually meet.
fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("64K"), Some(64 << 10));
        assert_eq!(parse_size(" 300 MiB "), Some(300 << 20));
        assert_eq!(parse_size("2g"), Some(2 << 30));
        for bad in [
            "",
            "0",
            "M",
            "-1",
            "1.5G",
            "12 parsecs",
            "99999999999999999999",
        ] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn sizes_print() {
        assert_eq!(human(DEFAULT_MAX_FILE_SIZE), "256 MiB");
        assert_eq!(human(3 << 30), "3 GiB");
        assert_eq!(human((3 << 30) + (1 << 29)), "3.5 GiB");
        assert_eq!(human(1000), "1000 bytes");
    }
}
