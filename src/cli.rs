//! Command-line interface: argument parsing and the non-interactive
//! commands. `main.rs` only calls [`main`].

use crate::export::{self, Format};
use crate::loader::{self, LoadError};
use crate::model::Issue;
use clap::{Parser, Subcommand};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// 看报 — read Chinese newspaper issues in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "kanbao",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A subcommand; without one, kanbao opens the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The issue file to read (default: the bundled sample issue).
    pub path: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an issue as JSON, Markdown or plain text.
    Export {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// The issue file (default: the bundled sample issue).
        path: Option<PathBuf>,
    },
}

/// Load the issue at `path`, or the bundled sample.
pub fn load(path: Option<&Path>) -> Result<Issue, LoadError> {
    match path {
        Some(p) => loader::load_path(p),
        None => Ok(loader::sample()),
    }
}

/// Write to stdout; a closed pipe (`kanbao export | head`) is not an error.
fn emit(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kanbao: writing output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Print the headline list (what the reader shows on its left).
fn print_headlines(issue: &Issue, out: &mut dyn Write) -> io::Result<()> {
    for (i, a) in issue.articles.iter().enumerate() {
        writeln!(out, "{:>3}  {}", i + 1, a.display_title())?;
    }
    Ok(())
}

/// Run the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Export { format, path }) => match load(path.as_deref()) {
            Ok(issue) => emit(|out| export::write(&issue, format, out)),
            Err(e) => fail(&e),
        },
        None => match load(cli.path.as_deref()) {
            Ok(issue) => emit(|out| print_headlines(&issue, out)),
            Err(e) => fail(&e),
        },
    }
}

fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("kanbao: {e}");
    ExitCode::FAILURE
}
