//! `kanbao export [--format F] [PATH]`: one issue (a file, `-` for
//! standard input, or the sample) in FORMAT.md's JSON, Markdown or text;
//! a folder as every issue in it, in issue order (by date, then page,
//! then article; undated last by path), each with its [`Place`] — JSON
//! Lines for json. Files that fail are reported one line each on stderr,
//! the rest are exported, and the exit code is 1. Everything written goes
//! through [`SafeWriter`].

use super::output::{Written, emit, fail, report};
use crate::archive::filter::Filter;
use crate::archive::grouping::{FileInfo, group};
use crate::archive::input::{self, Input};
use crate::export::{self, Format, Place};
use crate::model::Issue;
use crate::text::safe::SafeWriter;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// Write through the sanitizer for `format`.
fn safe_emit(format: Format, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Written {
    emit(|out| {
        let mut w = if format == Format::Json {
            SafeWriter::json(out)
        } else {
            SafeWriter::text(out)
        };
        f(&mut w)?;
        w.flush()
    })
}

/// Run the export.
pub fn run(path: Option<&Path>, format: Format, filter: &Filter) -> ExitCode {
    match path {
        Some(dir) if dir.is_dir() => export_dir(dir, format, filter),
        _ => {
            let input = match path {
                None => Input::bytes(crate::SAMPLE_NAME, crate::SAMPLE_BYTES.to_vec()),
                Some(p) => {
                    let (mut inputs, problems) =
                        input::gather(&[p.to_path_buf()], &mut io::stdin().lock());
                    if let Some(problem) = problems.first() {
                        return fail(problem);
                    }
                    match inputs.pop() {
                        Some(i) => i,
                        None => return fail(&super::output::nothing_to_read(p)),
                    }
                }
            };
            match input.load() {
                Ok(issue) if filter.allows(&input.keys(Some(&issue))) => {
                    safe_emit(format, |out| export::write(&issue, format, out)).code()
                }
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
    }
}

fn export_dir(dir: &Path, format: Format, filter: &Filter) -> ExitCode {
    let (inputs, problems) = input::gather(&[dir.to_path_buf()], &mut io::empty());
    let mut failed = !problems.is_empty();
    for p in &problems {
        report(p);
    }
    let loaded: Vec<Result<Issue, crate::loader::LoadError>> =
        inputs.par_iter().map(Input::load).collect();
    let mut kept: Vec<(usize, &Issue)> = Vec::new();
    let mut files: Vec<FileInfo> = Vec::new();
    for (i, l) in loaded.iter().enumerate() {
        match l {
            Ok(issue) => {
                let keys = inputs[i].keys(Some(issue));
                if filter.allows(&keys) {
                    files.push(FileInfo::new(&inputs[i].rel, keys, issue.articles.len()));
                    kept.push((i, issue));
                }
            }
            Err(e) => {
                report(e);
                failed = true;
            }
        }
    }
    let written = safe_emit(format, |out| {
        for issue in group(&files) {
            for f in issue.files() {
                let (i, parsed) = kept[f];
                let keys = &files[f].keys;
                let place = Place {
                    path: inputs[i].shown.display().to_string(),
                    date: issue.date.map(|d| d.to_string()),
                    paper: issue.paper.clone(),
                    page: keys.page.map(|p| p.to_string()),
                    section: keys.section.clone(),
                };
                export::write_placed(parsed, &place, format, out)?;
            }
        }
        Ok(())
    });
    match written {
        Written::Failed => written.code(),
        _ if failed => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}
