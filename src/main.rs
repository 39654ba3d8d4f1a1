//! The `kanbao` binary: argument parsing over the library.
//! (Minimal version from the `ui` branch; the lead owns the real CLI.)
use clap::Parser;
use kanbao::app::ReaderOptions;
use kanbao::text::width::AmbiguousWidth;
use std::path::PathBuf;
use std::process::ExitCode;

/// 看报 — read a Chinese newspaper issue in the terminal.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The issue file; the bundled sample when omitted.
    path: Option<PathBuf>,
    /// Columns your terminal uses for “ ” … · (1 or 2).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    ambiguous_width: u8,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let issue = match &cli.path {
        Some(p) => match kanbao::loader::load_path(p) {
            Ok(issue) => issue,
            Err(e) => {
                eprintln!("kanbao: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => kanbao::loader::sample(),
    };
    let opts = ReaderOptions {
        ambiguous: if cli.ambiguous_width == 2 {
            AmbiguousWidth::Wide
        } else {
            AmbiguousWidth::Narrow
        },
        ..ReaderOptions::default()
    };
    match kanbao::app::run(issue, opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kanbao: {e}");
            ExitCode::FAILURE
        }
    }
}
