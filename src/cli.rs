//! Command-line interface: argument parsing and the non-interactive
//! commands. `main.rs` only calls [`main`].

use crate::archive;
use crate::config::AmbiguousSetting;
use crate::export::{self, Format};
use crate::loader::{self, LoadError};
use crate::model::Issue;
use clap::{Parser, Subcommand};
use std::io::{self, IsTerminal, Write};
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
    /// Columns your terminal draws “ ” … · with: 1, 2, or auto (ask the
    /// terminal). Wins over the config file; default 1.
    #[arg(long, value_name = "1|2|auto", value_parser = parse_ambiguous)]
    pub ambiguous_width: Option<AmbiguousSetting>,
    /// The config file (default: `config.toml` in the platform's config
    /// directory; see `kanbao config`).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Where reading positions, read marks and bookmarks are kept
    /// (default: KANBAO_STATE_DIR, else the platform state directory).
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Neither read nor write remembered reading state.
    #[arg(long, conflicts_with = "state_dir")]
    pub no_state: bool,
}

fn parse_ambiguous(s: &str) -> Result<AmbiguousSetting, String> {
    s.parse()
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find articles: print each matching article with its match count and
    /// a snippet per hit, ranked; exit 1 when nothing matches.
    Search {
        /// What to find (several words: all must occur).
        query: String,
        /// Issue files or folders (default: the bundled sample issue).
        paths: Vec<PathBuf>,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print an issue as JSON, Markdown or plain text (a folder: every
    /// issue in it, as JSON Lines for json).
    Export {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// The issue file or folder (default: the bundled sample issue).
        path: Option<PathBuf>,
    },
    /// Print where the config file is read from; with --default, print
    /// the full documented default config file.
    Config {
        /// Print the default config file (every setting, commented).
        #[arg(long)]
        default: bool,
    },
}

/// `kanbao search QUERY [PATH…]`: files and folders (searched recursively),
/// or the sample. Exit 0 on a match, 1 on none (like grep), 2 if a file
/// could not be loaded.
fn search(query: &str, paths: &[PathBuf], json: bool) -> ExitCode {
    let mut issues = Vec::new();
    let mut errors = false;
    if paths.is_empty() {
        issues.push(loader::sample());
    }
    for p in paths {
        let files = if p.is_dir() {
            match archive::scan(p) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("kanbao: {}: {e}", p.display());
                    errors = true;
                    continue;
                }
            }
        } else {
            vec![p.clone()]
        };
        for entry in archive::load_all_sync(&files) {
            match entry {
                Ok(l) => issues.push(l.issue),
                Err(e) => {
                    eprintln!("kanbao: {e}");
                    errors = true;
                }
            }
        }
    }
    let style = match (json, io::stdout().is_terminal()) {
        (true, _) => crate::search::command::Style::Json,
        (false, true) => crate::search::command::Style::Bold,
        (false, false) => crate::search::command::Style::Plain,
    };
    let mut matched = false;
    let code = emit(|out| {
        matched = crate::search::command::run_styled(query, &issues, style, out)?;
        Ok(())
    });
    if errors {
        ExitCode::from(2)
    } else if code != ExitCode::SUCCESS || !matched {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
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
        Some(Command::Search { query, paths, json }) => search(&query, &paths, json),
        Some(Command::Export { format, path }) => match path.as_deref() {
            Some(dir) if dir.is_dir() => export_dir(dir, format),
            _ => match load(path.as_deref()) {
                Ok(issue) => emit(|out| export::write(&issue, format, out)),
                Err(e) => fail(&e),
            },
        },
        Some(Command::Config { default: true }) => {
            emit(|out| out.write_all(crate::config::default_file().as_bytes()))
        }
        Some(Command::Config { default: false }) => match crate::config::default_path() {
            Some(p) => emit(|out| writeln!(out, "{}", p.display())),
            None => fail(&"no config directory on this platform"),
        },
        None if cli.path.as_deref().is_some_and(Path::is_dir) || io::stdout().is_terminal() => {
            crate::app::open::main(&cli)
        }
        None => match load(cli.path.as_deref()) {
            // A terminal gets the interactive reader (above); a pipe keeps
            // getting the headline list.
            Ok(issue) => emit(|out| print_headlines(&issue, out)),
            Err(e) => fail(&e),
        },
    }
}

/// `kanbao export DIR`: every issue under DIR, loaded on all cores, in
/// path order — JSON Lines (one issue per line) for json, one document after
/// another otherwise. Files that fail are reported one line each on stderr;
/// the rest are exported, and the exit code is 1.
fn export_dir(dir: &Path, format: Format) -> ExitCode {
    let paths = match archive::scan(dir) {
        Ok(p) => p,
        Err(e) => return fail(&format_args!("{}: {e}", dir.display())),
    };
    let entries = archive::load_all_sync(&paths);
    let mut failed = false;
    let code = emit(|out| {
        for entry in &entries {
            match entry {
                Ok(l) if format == Format::Json => export::write_json_line(&l.issue, out)?,
                Ok(l) => {
                    export::write(&l.issue, format, out)?;
                    writeln!(out)?;
                }
                Err(e) => {
                    eprintln!("kanbao: {e}");
                    failed = true;
                }
            }
        }
        Ok(())
    });
    if failed { ExitCode::FAILURE } else { code }
}

fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("kanbao: {e}");
    ExitCode::FAILURE
}
