//! The thread that reads terminal events into the run loop's channel, and
//! can be paused while another program (the pager) owns the terminal.

use super::msg::Msg;
use std::sync::mpsc::Sender;

/// The thread that reads terminal events into the run loop's channel. It
/// polls with a timeout only so that it can be paused (for the pager);
/// a timeout with no event costs nothing and never wakes the run loop.
pub struct TermReader {
    paused: std::sync::Arc<(std::sync::Mutex<ReaderState>, std::sync::Condvar)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReaderState {
    Running,
    PauseRequested,
    Paused,
}

impl TermReader {
    /// Start reading; events (or the end of input) go to `tx`.
    pub fn spawn(tx: Sender<Msg>) -> TermReader {
        use std::sync::{Arc, Condvar, Mutex};
        use std::time::Duration;
        let paused = Arc::new((Mutex::new(ReaderState::Running), Condvar::new()));
        let shared = Arc::clone(&paused);
        std::thread::spawn(move || {
            let (lock, cvar) = &*shared;
            loop {
                {
                    let Ok(mut state) = lock.lock() else { return };
                    if *state == ReaderState::PauseRequested {
                        *state = ReaderState::Paused;
                        cvar.notify_all();
                    }
                    while *state == ReaderState::Paused {
                        match cvar.wait(state) {
                            Ok(s) => state = s,
                            Err(_) => return,
                        }
                    }
                }
                let ready = ratatui::crossterm::event::poll(Duration::from_millis(100));
                let msg = match ready {
                    Ok(false) => continue,
                    Ok(true) => match ratatui::crossterm::event::read() {
                        Ok(ev) => Msg::Term(ev),
                        Err(_) => Msg::TermClosed,
                    },
                    Err(_) => Msg::TermClosed,
                };
                let closed = matches!(msg, Msg::TermClosed);
                if tx.send(msg).is_err() || closed {
                    return;
                }
            }
        });
        TermReader { paused }
    }

    /// Stop reading the terminal; returns once the thread has stopped.
    pub fn pause(&self) {
        let (lock, cvar) = &*self.paused;
        let Ok(mut state) = lock.lock() else { return };
        *state = ReaderState::PauseRequested;
        while *state == ReaderState::PauseRequested {
            match cvar.wait_timeout(state, std::time::Duration::from_millis(500)) {
                Ok((s, timeout)) => {
                    state = s;
                    if timeout.timed_out() {
                        break;
                    }
                }
                Err(_) => return,
            }
        }
    }

    /// Read again after [`TermReader::pause`].
    pub fn resume(&self) {
        let (lock, cvar) = &*self.paused;
        if let Ok(mut state) = lock.lock() {
            *state = ReaderState::Running;
            cvar.notify_all();
        }
    }
}
