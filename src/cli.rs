//! Command-line interface: argument parsing and the non-interactive
//! commands. `main.rs` only calls [`main`].

mod export_cmd;
pub mod output;
mod search_cmd;

use crate::archive::filter::{self, Filter};
use crate::archive::input;
use crate::archive::keys::Date;
use crate::config::AmbiguousSetting;
use crate::export::Format;
use crate::lang;
use crate::loader::{self, LoadError};
use crate::model::{Encoding, Issue};
use crate::search::command::files::Options;
use crate::text::safe;
use clap::{Parser, Subcommand};
use output::{emit, fail};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use search_cmd::split_words;

/// 看报 — read Chinese newspaper issues in the terminal.
#[derive(Debug, Parser)]
#[command(name = "kanbao", version, about)]
pub struct Cli {
    /// A subcommand; without one, kanbao opens the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The issue file or folder to read (default: the bundled sample
    /// issue; `-`: standard input, when piped).
    pub path: Option<PathBuf>,
    /// Columns your terminal draws “ ” … · with: 1, 2, or auto (ask the
    /// terminal). Wins over the config file; default 1.
    #[arg(long, global = true, value_name = "1|2|auto", value_parser = parse_ambiguous)]
    pub ambiguous_width: Option<AmbiguousSetting>,
    /// The config file (default: `config.toml` in the platform's config
    /// directory; see `kanbao config`).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Where reading positions, read marks and bookmarks are kept
    /// (default: KANBAO_STATE_DIR, else the platform state directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Neither read nor write remembered reading state.
    #[arg(long, global = true, conflicts_with = "state_dir")]
    pub no_state: bool,
    /// Read every file in this encoding instead of detecting it: UTF-8,
    /// GB18030 (also for GBK, GB2312), Big5, UTF-16LE or UTF-16BE.
    #[arg(long, global = true, value_name = "NAME")]
    pub encoding: Option<Encoding>,
}

impl Cli {
    /// What the reader takes from the arguments (plain values, so `tui`
    /// does not depend on the command line's parser).
    pub fn reader_args(&self) -> crate::tui::ReaderArgs {
        crate::tui::ReaderArgs {
            path: self.path.clone(),
            ambiguous_width: self.ambiguous_width,
            config: self.config.clone(),
            state_dir: self.state_dir.clone(),
            no_state: self.no_state,
        }
    }
}

fn parse_ambiguous(s: &str) -> Result<AmbiguousSetting, String> {
    s.parse()
}

/// `--since`, `--until`, `--paper`: which issues of an archive.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only issues of this day or later (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DAY", value_parser = filter::parse_since)]
    pub since: Option<Date>,
    /// Only issues of this day or earlier (a month or year: to its end).
    #[arg(long, value_name = "DAY", value_parser = filter::parse_until)]
    pub until: Option<Date>,
    /// Only issues of papers whose name holds NAME.
    #[arg(long, value_name = "NAME")]
    pub paper: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            since: self.since,
            until: self.until,
            paper: self.paper.clone(),
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find articles: print each matching article — date · paper · page ·
    /// path, number, title, match count — and a snippet per hit, ranked;
    /// exit 1 when nothing matches.
    Search {
        /// What to find (several words: all must occur).
        query: String,
        /// More words of the query (any argument that is not `-`, an
        /// existing path, or path-like: has a `/` or ends in `.txt`), then
        /// issue files or folders (default: the bundled sample issue); `-`
        /// reads an issue from standard input.
        #[arg(value_name = "WORD|PATH")]
        rest: Vec<PathBuf>,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
        /// Print at most N articles.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        #[command(flatten)]
        filter: FilterArgs,
        /// Parse every file into one index (the reference path; for
        /// benchmarks).
        #[arg(long, hide = true)]
        no_prefilter: bool,
    },
    /// Print an issue as JSON, Markdown or plain text (a folder: every
    /// issue in it by date and page, as JSON Lines for json, each with its
    /// path, date, paper and page).
    Export {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// The issue file or folder (default: the bundled sample issue; `-`:
        /// standard input).
        path: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Print where the config file is read from; with --default, print
    /// the full documented default config file.
    Config {
        /// Print the default config file (every setting, commented).
        #[arg(long)]
        default: bool,
    },
}

/// Load the issue at `path`, or the bundled sample.
pub fn load(path: Option<&Path>) -> Result<Issue, LoadError> {
    match path {
        Some(p) => loader::load_path(p),
        None => Ok(loader::sample()),
    }
}

/// Print the headline list (what the reader shows on its left).
fn print_headlines(issue: &Issue, out: &mut dyn Write) -> io::Result<()> {
    for (i, a) in issue.articles.iter().enumerate() {
        writeln!(out, "{:>3}  {}", i + 1, safe::line(a.display_title()))?;
    }
    Ok(())
}

/// Parse the arguments; help, version and usage errors are printed here
/// (made safe: an argument may be a hostile file name) with clap's codes.
fn parse() -> Result<Cli, ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e) => {
            let text = e.render().to_string();
            let code = e.exit_code();
            if e.use_stderr() {
                let _ = io::stderr().lock().write_all(safe::text(&text).as_bytes());
                Err(ExitCode::from(
                    u8::try_from(code).unwrap_or(output::EXIT_TROUBLE),
                ))
            } else {
                Err(emit(|out| out.write_all(safe::text(&text).as_bytes())).code())
            }
        }
    }
}

/// Run the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    loader::decode::force_encoding(cli.encoding);
    match cli.command {
        Some(Command::Search {
            query,
            rest,
            json,
            limit,
            filter,
            no_prefilter,
        }) => {
            let (query, paths) = search_cmd::split_words(&query, &rest);
            let opts = Options {
                prefilter: !no_prefilter,
                filter: filter.filter(),
                limit,
            };
            search_cmd::run(&query, &paths, json, &opts)
        }
        Some(Command::Export {
            format,
            ref path,
            ref filter,
        }) => export_cmd::run(path.as_deref(), format, &filter.filter()),
        Some(Command::Config { default: true }) => {
            emit(|out| out.write_all(crate::config::default_file::default_file().as_bytes())).code()
        }
        Some(Command::Config { default: false }) => match crate::config::default_path() {
            Some(p) => emit(|out| writeln!(out, "{}", safe::line(&p.display().to_string()))).code(),
            None => fail(
                &tr!(lang::current(); "no config directory on this platform", "这个平台没有配置文件夹"),
            ),
        },
        None if cli.path.as_deref().is_some_and(Path::is_dir) || io::stdout().is_terminal() => {
            crate::tui::main(&cli.reader_args())
        }
        None => {
            let loaded = match cli.path.as_deref() {
                Some(p) if input::is_stdin(p) => {
                    let (mut inputs, problems) =
                        input::gather(&[p.to_path_buf()], &mut io::stdin().lock());
                    match (problems.first(), inputs.pop()) {
                        (Some(problem), _) => return fail(problem),
                        (None, Some(i)) => i.load(),
                        (None, None) => return fail(&output::nothing_to_read(p)),
                    }
                }
                other => load(other),
            };
            match loaded {
                // A terminal gets the interactive reader (above); a pipe keeps
                // getting the headline list.
                Ok(issue) => emit(|out| print_headlines(&issue, out)).code(),
                Err(e) => fail(&e),
            }
        }
    }
}
