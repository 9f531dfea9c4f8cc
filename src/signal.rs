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

/// The error for an interrupt: its message is the word scripts see after `asst: error:`.
pub fn error(kind: Kind) -> crate::error::Error {
    let name = if kind == Kind::Terminated {
        "terminated"
    } else {
        "interrupted"
    };
    crate::error::Error::new(kind, name)
}
