//! SIGINT, SIGTERM and SIGHUP: one listener for the whole process, and the futures that `ask`, the
//! store commands and `batch` race against.
//!
//! A signal is kept until a wait takes it. Once asst listens for signals their default
//! action is gone for good (tokio keeps its handler), so a signal that came while no wait
//! was running (during one request between two phases, say) would otherwise be lost, and
//! the command would go on as if the user had not pressed Ctrl-C. Before anything waits,
//! a signal still ends asst by its default action: there is nothing to clean up yet.

use crate::error::Kind;
use std::collections::VecDeque;
use std::sync::{Mutex, OnceLock};
use tokio::sync::Notify;

/// The signals received and not yet taken, and the waits to wake for each.
struct Latch {
    pending: Mutex<VecDeque<Kind>>,
    arrived: Notify,
}

static LATCH: OnceLock<Latch> = OnceLock::new();

/// The latch, its listener started on first use (inside the runtime that will run it).
fn latch() -> &'static Latch {
    LATCH.get_or_init(|| {
        listen();
        Latch {
            pending: Mutex::new(VecDeque::new()),
            arrived: Notify::new(),
        }
    })
}

/// Starts the task that receives the signals for the latch. The handlers are installed
/// here, before it returns, so that a signal right after the first wait began is caught.
fn listen() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let (mut int, mut term) = (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        );
        // A hangup that was ignored when asst started (nohup) stays ignored.
        let mut hup = if hangup_ignored() {
            None
        } else {
            signal(SignalKind::hangup()).ok()
        };
        tokio::spawn(async move {
            async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
                // A listener that could not be made, or has ended, never fires.
                if let Some(s) = s {
                    if s.recv().await.is_some() {
                        return;
                    }
                }
                std::future::pending().await
            }
            loop {
                let kind = tokio::select! {
                    () = recv(&mut int) => Kind::Interrupted,
                    () = recv(&mut term) => Kind::Terminated,
                    () = recv(&mut hup) => Kind::HungUp,
                };
                arrived(kind);
            }
        });
    }
    #[cfg(not(unix))]
    tokio::spawn(async {
        while tokio::signal::ctrl_c().await.is_ok() {
            arrived(Kind::Interrupted);
        }
    });
}

/// Whether SIGHUP was ignored when asst began (`nohup`, `trap '' HUP`), as Linux shows in
/// `/proc`. Where asst cannot tell (elsewhere, or without `/proc`), it takes it as ignored
/// and leaves SIGHUP as it found it: the default action, or none.
#[cfg(unix)]
fn hangup_ignored() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let mask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find_map(|l| l.strip_prefix("SigIgn:"))?;
            u64::from_str_radix(line.trim(), 16).ok()
        });
    // Signal n is bit n - 1; SIGHUP is 1.
    mask.is_none_or(|m| m & 1 != 0)
}

fn arrived(kind: Kind) {
    let latch = latch();
    latch.pending.lock().unwrap().push_back(kind);
    latch.arrived.notify_waiters();
}

/// Waits for SIGINT, SIGTERM or SIGHUP and says which: the oldest one no other wait has taken,
/// which may have come before this wait began. Dropped before it ends, it takes nothing.
pub async fn interrupted() -> Kind {
    let latch = latch();
    loop {
        let arrival = latch.arrived.notified();
        let mut arrival = std::pin::pin!(arrival);
        // Enabled before looking, so that a signal between the look and the wait wakes it.
        arrival.as_mut().enable();
        if let Some(kind) = latch.pending.lock().unwrap().pop_front() {
            return kind;
        }
        arrival.await;
    }
}

/// Runs `work` unless a signal comes first (or came before and is still kept): its output,
/// or the signal.
pub async fn unless_interrupted<T>(work: impl std::future::Future<Output = T>) -> Result<T, Kind> {
    tokio::select! {
        biased;
        kind = interrupted() => Err(kind),
        done = work => Ok(done),
    }
}

/// The word for a signal, as messages begin: `interrupted`, `terminated` or `hung up`.
pub fn word(kind: Kind) -> &'static str {
    match kind {
        Kind::Terminated => "terminated",
        Kind::HungUp => "hung up",
        _ => "interrupted",
    }
}

/// The error for an interrupt: its message is the word scripts see after `asst: error:`.
pub fn error(kind: Kind) -> crate::error::Error {
    let name = word(kind);
    crate::error::Error::new(kind, name)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::timeout;

    #[test]
    fn a_signal_that_came_between_two_waits_is_kept_for_the_next() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            // A wait that ends without a signal (the work won the race) takes nothing.
            let short = Duration::from_millis(30);
            assert!(timeout(short, interrupted()).await.is_err());
            // No wait runs while the listener takes them, one after the other.
            for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
                signal_hook::low_level::raise(signal).unwrap();
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let long = Duration::from_secs(5);
            let kinds = [
                timeout(long, interrupted()).await,
                timeout(long, interrupted()).await,
            ];
            assert_eq!(kinds, [Ok(Kind::Terminated), Ok(Kind::Interrupted)]);
            // Each was taken once.
            assert!(timeout(short, interrupted()).await.is_err());
        });
    }
}
