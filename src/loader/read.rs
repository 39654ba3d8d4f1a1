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
use crate::lang::{self, Lang};
use std::fmt;
use std::fs::{File, FileType};
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A FIFO, a device, a socket: reading one may block or never end.
    NotRegular(FileKind),
    /// Bigger than the limit (`size` is `None` when the file grew past the
    /// limit while it was read, e.g. a file in `/proc` that reports 0).
    TooLarge {
        /// The size the file system reported.
        size: Option<u64>,
        /// The limit in force.
        limit: u64,
    },
    /// The limit variable is set to something that is not a size.
    BadLimit(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = lang::current();
        f.write_str(&match self {
            Refusal::NotRegular(kind) => {
                let kind = kind.name(lang);
                tr!(lang;
                    "not a regular file ({kind}); only regular files are read",
                    "不是普通文件（{kind}），只读普通文件"
                )
            }
            Refusal::TooLarge { size, limit } => {
                let limit = human(*limit);
                match size {
                    Some(size) => {
                        let size = human(*size);
                        tr!(lang;
                            "too large ({size}, over the {limit} limit; set {MAX_FILE_SIZE_VAR} to raise it)",
                            "文件太大（{size}，超过 {limit} 的上限；可设 {MAX_FILE_SIZE_VAR} 提高上限）"
                        )
                    }
                    None => tr!(lang;
                        "too large (more than the {limit} limit; set {MAX_FILE_SIZE_VAR} to raise it)",
                        "文件太大（超过 {limit} 的上限；可设 {MAX_FILE_SIZE_VAR} 提高上限）"
                    ),
                }
            }
            Refusal::BadLimit(v) => tr!(lang;
                "{MAX_FILE_SIZE_VAR}={v:?} is not a size (write bytes, or e.g. 64K, 300M, 2G)",
                "{MAX_FILE_SIZE_VAR}={v:?} 不是大小（写字节数，或如 64K、300M、2G）"
            ),
        })
    }
}

impl std::error::Error for Refusal {}

/// A file that is not a regular one: reading it may block or never end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A named pipe.
    Fifo,
    /// A character device (`/dev/zero`, a terminal).
    CharDevice,
    /// A block device (a disk).
    BlockDevice,
    /// A Unix socket.
    Socket,
    /// Anything else that is not a regular file.
    Special,
}

impl FileKind {
    /// The kind of non-regular file `t` is.
    pub fn of(t: FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return FileKind::Fifo;
            }
            if t.is_char_device() {
                return FileKind::CharDevice;
            }
            if t.is_block_device() {
                return FileKind::BlockDevice;
            }
            if t.is_socket() {
                return FileKind::Socket;
            }
        }
        let _ = t;
        FileKind::Special
    }

    /// `a FIFO`, `命名管道`.
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            FileKind::Fifo => ("a FIFO", "命名管道"),
            FileKind::CharDevice => ("a character device", "字符设备"),
            FileKind::BlockDevice => ("a block device", "块设备"),
            FileKind::Socket => ("a socket", "套接字"),
            FileKind::Special => ("a special file", "特殊文件"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
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
        return Err(refused(Refusal::NotRegular(FileKind::of(meta.file_type()))));
    }
    let mut file = open_nonblocking(path).map_err(io)?;
    // And look again at what was opened: the path may have been swapped.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(refused(Refusal::NotRegular(FileKind::of(meta.file_type()))));
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
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A folder was given where a file was expected.
    IsDir {
        /// The folder.
        path: PathBuf,
    },
    /// The file was read but is not a text issue.
    Decode {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: DecodeError,
    },
    /// Not read at all: a FIFO, a device, a file over the size limit.
    Refused {
        /// The path.
        path: PathBuf,
        /// Why it was not read.
        reason: Refusal,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = lang::current();
        match self {
            LoadError::Io { path, source } => {
                write!(f, "{}: {}", path.display(), io_problem(source, lang))
            }
            LoadError::IsDir { path } => {
                let path = path.display();
                f.write_str(&tr!(lang;
                    "{path}: is a directory, not an issue file",
                    "{path}：是文件夹，不是报刊文件"
                ))
            }
            LoadError::Decode { path, source } => write!(f, "{}: {source}", path.display()),
            LoadError::Refused { path, reason } => write!(f, "{}: {reason}", path.display()),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            LoadError::Decode { source, .. } => Some(source),
            LoadError::Refused { reason, .. } => Some(reason),
            LoadError::IsDir { .. } => None,
        }
    }
}

/// Short, lower-case wording for the I/O errors people actually meet
/// (others keep the system's wording).
pub fn io_problem(e: &std::io::Error, lang: Lang) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => tr!(lang; "no such file", "没有这个文件"),
        std::io::ErrorKind::PermissionDenied => tr!(lang; "permission denied", "没有权限"),
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
