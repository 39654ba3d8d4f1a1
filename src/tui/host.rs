//! The host of what the reader asks of the outside world besides drawing:
//! the clipboard (the OSC 52 escape, `y`/`Y`), `$PAGER` (`o`) and
//! suspending (Ctrl-Z, SIGTSTP) and resuming (SIGCONT). `app`
//! only builds the text (`app::share`) and returns it in an `Effect`; the
//! run loop hands it to a [`Host`]: [`RealHost`] in the terminal, [`NoHost`]
//! in tests.

use super::term_reader::TermReader;
use crate::app::App;
use crate::lang;
use crate::{share as fmt, term};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::{DefaultTerminal, Terminal};
use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The pager when `$PAGER` is unset or empty.
pub const DEFAULT_PAGER: &str = "less";

/// What the run loop asks of the real terminal besides drawing: the
/// clipboard escape and the pager. Tests pass [`NoHost`].
pub trait Host<B: Backend> {
    /// Put `text` on the clipboard (OSC 52).
    fn clipboard(&mut self, terminal: &mut Terminal<B>, text: &str) -> io::Result<()>;
    /// Show `text` in `$PAGER`, then restore the reader.
    fn pager(&mut self, terminal: &mut Terminal<B>, app: &mut App, text: &str) -> io::Result<()>;
    /// Ctrl-Z / SIGTSTP: restore the terminal, stop until continued, then
    /// set it up again and clear it for a full redraw.
    fn suspend(&mut self, terminal: &mut Terminal<B>) -> io::Result<()>;
    /// SIGCONT: set the terminal up again and clear it for a full redraw.
    fn resume(&mut self, terminal: &mut Terminal<B>) -> io::Result<()>;
}

/// A host that does nothing (tests without a terminal).
pub struct NoHost;

impl<B: Backend> Host<B> for NoHost {
    fn clipboard(&mut self, _: &mut Terminal<B>, _: &str) -> io::Result<()> {
        Ok(())
    }
    fn pager(&mut self, _: &mut Terminal<B>, _: &mut App, _: &str) -> io::Result<()> {
        Ok(())
    }
    fn suspend(&mut self, _: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
    fn resume(&mut self, _: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
}

/// The real terminal: the clipboard escape goes to stdout; the pager runs
/// with the terminal-reading thread paused, so no keystroke meant for the
/// pager is taken by kanbao.
pub struct RealHost {
    reader: TermReader,
}

impl RealHost {
    /// The host over the run loop's terminal reader (paused for the pager).
    pub fn new(reader: TermReader) -> RealHost {
        RealHost { reader }
    }
}

impl Host<CrosstermBackend<io::Stdout>> for RealHost {
    fn clipboard(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
        text: &str,
    ) -> io::Result<()> {
        write_clipboard(terminal.backend_mut(), text)
    }
    fn pager(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
        app: &mut App,
        text: &str,
    ) -> io::Result<()> {
        self.reader.pause();
        let result = page(terminal, app, text);
        self.reader.resume();
        result
    }
    fn suspend(&mut self, terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
        // Paused, so no keystroke typed to the shell is read by kanbao.
        self.reader.pause();
        let restored = term::restore();
        super::signals::stop();
        let result = restored.and_then(|()| self.resume(terminal));
        self.reader.resume();
        result
    }
    fn resume(&mut self, terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
        term::setup()?;
        terminal.clear()
    }
}

/// Write the OSC 52 sequences for `text` (in tmux both the wrapped and the
/// bare one, see [`fmt::clipboard_sequences`]). The payload is base64, so
/// no article text reaches the terminal as a control sequence.
pub fn write_clipboard(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(fmt::clipboard_sequences(text, fmt::in_tmux()).as_bytes())?;
    out.flush()
}

/// The pager command line: `$PAGER` split on whitespace (`less -R` works),
/// or [`DEFAULT_PAGER`].
pub fn pager_command(var: Option<&str>) -> Vec<String> {
    let words: Vec<String> = var
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        vec![DEFAULT_PAGER.to_owned()]
    } else {
        words
    }
}

/// Run `command` with `text` on its stdin and wait for it. The terminal
/// must already be in normal mode. Errors are one line for the status bar.
pub fn run_pager(command: &[String], text: &str) -> Result<(), String> {
    let Some((program, args)) = command.split_first() else {
        return Err(tr!(lang::current(); "no pager", "没有分页器"));
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| tr!(lang::current(); "pager `{program}` failed to start: {e}", "分页器 `{program}` 无法启动：{e}"))?;
    // Write from a thread: a pager reads on demand, and one that quits
    // early closes the pipe (the write then fails, harmlessly).
    let writer = child.stdin.take().map(|mut stdin| {
        let text = text.to_owned();
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        })
    });
    let status = child
        .wait()
        .map_err(|e| tr!(lang::current(); "pager `{program}`: {e}", "分页器 `{program}`：{e}"));
    if let Some(w) = writer {
        let _ = w.join();
    }
    match status? {
        s if s.success() => Ok(()),
        s => Err(
            tr!(lang::current(); "pager `{program}` exited with {s}", "分页器 `{program}` 退出：{s}"),
        ),
    }
}

/// Show `text` in `$PAGER`: leave the reader's terminal modes, run the
/// pager and wait, then re-enter and force a full redraw. A pager that
/// fails becomes a status message; only failing to restore the reader's
/// terminal is an error.
pub fn page(terminal: &mut DefaultTerminal, app: &mut App, text: &str) -> io::Result<()> {
    term::restore()?;
    let command = pager_command(std::env::var("PAGER").ok().as_deref());
    let result = run_pager(&command, text);
    term::setup()?;
    terminal.clear()?;
    if let Err(e) = result {
        app.message = Some(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_command_defaults_to_less() {
        assert_eq!(pager_command(None), ["less"]);
        assert_eq!(pager_command(Some("  ")), ["less"]);
        assert_eq!(pager_command(Some("less -R")), ["less", "-R"]);
    }

    #[test]
    fn missing_pager_is_a_message() {
        let cmd = vec!["/nonexistent/kanbao-pager".to_owned()];
        let e = run_pager(&cmd, "text").expect_err("no such pager");
        assert!(
            e.starts_with("pager `/nonexistent/kanbao-pager` failed"),
            "{e}"
        );
    }

    #[test]
    fn pager_gets_the_text_on_stdin() {
        let dir = std::env::temp_dir().join(format!("kanbao-pager-{}", std::process::id()));
        let cmd = vec![
            "sh".to_owned(),
            "-c".to_owned(),
            format!("cat > '{}'", dir.display()),
        ];
        run_pager(&cmd, "看报\n").expect("sh runs");
        let got = std::fs::read_to_string(&dir).expect("pager wrote its input");
        let _ = std::fs::remove_file(&dir);
        assert_eq!(got, "看报\n");
        let failing = vec!["false".to_owned()];
        assert!(run_pager(&failing, "x").is_err());
    }
}
