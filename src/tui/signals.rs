//! Signals from outside, routed into the run loop's channel: a thread
//! waits on signal-hook's iterator and sends each as [`Msg::Signal`].
//! SIGINT, SIGQUIT, SIGTERM and SIGHUP end the reader (state saved, the
//! terminal restored, exit `128 + signal`); SIGTSTP suspends it (restore,
//! stop, set up again on resume) and SIGCONT sets the terminal up again and
//! redraws. Registering them replaces their default actions, so a signal
//! that arrives before the loop runs waits in the channel.

use super::msg::Msg;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use std::sync::mpsc::Sender;

/// The signals that end the reader.
pub const TERMINATING: [i32; 4] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP];

/// What the run loop does on `sig`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// Save, restore the terminal and exit with `128 + sig`.
    Exit(i32),
    /// Restore the terminal, stop, and set it up again once continued.
    Suspend,
    /// Set the terminal up again and redraw everything (after SIGCONT).
    Resume,
}

/// The response to `sig` (`None`: not one of ours).
pub fn response(sig: i32) -> Option<Response> {
    match sig {
        s if TERMINATING.contains(&s) => Some(Response::Exit(s)),
        SIGTSTP => Some(Response::Suspend),
        SIGCONT => Some(Response::Resume),
        _ => None,
    }
}

/// Start forwarding signals to `tx`. Once the loop has gone (the channel
/// is closed), a terminating signal restores the terminal and exits.
pub fn spawn(tx: Sender<Msg>) -> std::io::Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new(TERMINATING.iter().copied().chain([SIGTSTP, SIGCONT]))?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Msg::Signal(sig)).is_err() && TERMINATING.contains(&sig) {
                let _ = crate::term::restore();
                std::process::exit(128 + sig);
            }
        }
    });
    Ok(())
}

/// Stop the whole process until SIGCONT (the terminal must already be
/// restored).
pub fn stop() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses() {
        assert_eq!(response(SIGINT), Some(Response::Exit(SIGINT)));
        assert_eq!(response(SIGQUIT), Some(Response::Exit(SIGQUIT)));
        assert_eq!(response(SIGHUP), Some(Response::Exit(SIGHUP)));
        assert_eq!(response(SIGTERM), Some(Response::Exit(SIGTERM)));
        assert_eq!(response(SIGTSTP), Some(Response::Suspend));
        assert_eq!(response(SIGCONT), Some(Response::Resume));
        assert_eq!(response(signal_hook::consts::SIGUSR1), None);
    }
}
