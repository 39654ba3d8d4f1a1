//! Writing from the command line: stdout with the exit codes of a good Unix
//! tool, stderr lines that cannot act on the terminal or panic.
//!
//! - A closed pipe (`kanbao search … | head`) ends the output quietly; the
//!   command's own result stands (a search that matched still exits 0).
//! - Any other write error (`> /dev/full`) is said on stderr and exits 2.
//! - Every stderr line is `kanbao: …` passed through [`safe::line`], and
//!   written without panicking: with stderr on `/dev/full` the message is
//!   lost, not the process (`eprintln!` would panic there).

use crate::text::safe;
use std::fmt::Display;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit status: a write error (or a usage error, as clap has it).
pub const EXIT_TROUBLE: u8 = 2;

/// How writing the output went.
#[derive(Debug)]
pub enum Written {
    /// All of it.
    Done,
    /// The reader went away (broken pipe): stop quietly.
    Closed,
    /// Writing failed; already said on stderr.
    Failed,
}

impl Written {
    /// The exit code when the command itself succeeded.
    pub fn code(&self) -> ExitCode {
        match self {
            Written::Done | Written::Closed => ExitCode::SUCCESS,
            Written::Failed => ExitCode::from(EXIT_TROUBLE),
        }
    }
}

/// Write to stdout through a buffer, flushing at the end.
pub fn emit(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Written {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = f(&mut out).and_then(|()| out.flush());
    // A failed flush leaves the data in the buffer; drop it rather than
    // have the writer try again when it is dropped.
    let (_, _) = out.into_parts();
    match result {
        Ok(()) => Written::Done,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Written::Closed,
        Err(e) => {
            report(&tr!(crate::lang::current(); "writing output: {e}", "写输出失败：{e}"));
            Written::Failed
        }
    }
}

/// One `kanbao: …` line on stderr, made safe; never panics.
pub fn report(message: &dyn Display) {
    let line = format!("kanbao: {}\n", safe::line(&message.to_string()));
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// [`report`] and exit 1.
pub fn fail(message: &dyn Display) -> ExitCode {
    report(message);
    ExitCode::FAILURE
}

/// `PATH: nothing to read` (a folder of no issue where one was wanted).
pub fn nothing_to_read(path: &Path) -> String {
    let path = path.display();
    tr!(crate::lang::current(); "{path}: nothing to read", "{path}：没有可读的内容")
}
