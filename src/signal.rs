//! SIGINT and SIGTERM, as the futures that `ask` and a key command race against.

use crate::error::Kind;

/// Waits for SIGINT or SIGTERM and says which.
pub async fn interrupted() -> Kind {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = tokio::signal::ctrl_c() => Kind::Interrupted,
                _ = term.recv() => Kind::Terminated,
            },
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                Kind::Interrupted
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        Kind::Interrupted
    }
}

/// SIGINT and SIGTERM for as long as a command listens (`batch`, which goes on after the
/// first): none is missed between two waits.
pub struct Signals {
    #[cfg(unix)]
    int: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    pub fn new() -> Signals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Signals {
                int: signal(SignalKind::interrupt()).ok(),
                term: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    /// The next signal.
    pub async fn next(&mut self) -> Kind {
        #[cfg(unix)]
        {
            async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
                match s {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending().await,
                }
            }
            tokio::select! {
                _ = recv(&mut self.int) => Kind::Interrupted,
                _ = recv(&mut self.term) => Kind::Terminated,
            }
        }
        #[cfg(not(unix))]
        interrupted().await
    }
}

/// The word for a signal, as messages begin: `interrupted` or `terminated`.
pub fn word(kind: Kind) -> &'static str {
    if kind == Kind::Terminated {
        "terminated"
    } else {
        "interrupted"
    }
}

/// The error for an interrupt: its message is the word scripts see after `asst: error:`.
pub fn error(kind: Kind) -> crate::error::Error {
    let name = word(kind);
    crate::error::Error::new(kind, name)
}
