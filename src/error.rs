//! Errors are values: each carries the kind that decides the exit code, a one-line
//! message, and optionally a hint that says what to do about it.

use std::fmt;

/// What went wrong, as far as a script cares. Each kind has its own exit code and a
/// stable `code` string used in `--json` error events. Both are documented in the README
/// and the man page; changing them breaks scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any other failure, including a request the API rejected (HTTP 400 and the like).
    Other,
    /// Bad command line or bad input (empty prompt, stdin not UTF-8, malformed id).
    Usage,
    /// Missing or invalid configuration, or a key/token that is missing or rejected.
    Config,
    /// The thread (conversation) or another named object does not exist.
    NotFound,
    /// HTTP 429 or an out-of-quota answer.
    RateLimited,
    /// The server could not be reached, or the connection broke, or went idle too long.
    Network,
    /// The server reported that the response or run failed, or the stream was unusable.
    Failed,
    /// The answer was cut short (token limit, content filter); the partial text was printed.
    Incomplete,
    /// Another response or run is active on this thread.
    Busy,
    /// A structured answer (`--schema`) that is a refusal or not valid JSON.
    Unstructured,
    /// `asst batch`: some questions failed (each result line says why).
    Partial,
    /// Hung up on by SIGHUP: the terminal or the connection to it closed.
    HungUp,
    /// Interrupted by SIGINT (Ctrl-C).
    Interrupted,
    /// Terminated by SIGTERM.
    Terminated,
    /// stdout was closed by its reader (`| head`): not an error, asst exits 0 quietly.
    BrokenPipe,
}

impl Kind {
    /// Every kind a failure can have, in the order of their exit codes: the one table that
    /// `--help`, the man page and the README's exit-code table are generated from or checked
    /// against.
    pub const ALL: [Kind; 14] = [
        Kind::Other,
        Kind::Usage,
        Kind::Config,
        Kind::NotFound,
        Kind::RateLimited,
        Kind::Network,
        Kind::Failed,
        Kind::Incomplete,
        Kind::Busy,
        Kind::Unstructured,
        Kind::Partial,
        Kind::HungUp,
        Kind::Interrupted,
        Kind::Terminated,
    ];

    /// What the exit code means, in a line of `--help`.
    pub fn summary(self) -> &'static str {
        match self {
            Kind::Other => "other error, including a request the API rejected (HTTP 400)",
            Kind::Usage => {
                "usage error: bad flags or values, an empty or too long prompt, a bad id"
            }
            Kind::Config => "config or credentials: no key, key refused, bad config, unknown model",
            Kind::NotFound => "thread (conversation) or other object not found",
            Kind::RateLimited => "rate-limited or out of quota",
            Kind::Network => "network failure or timeout",
            Kind::Failed => "the response or run failed, or the stream was unusable",
            Kind::Incomplete => {
                "incomplete answer (token limit, content filter); what came is printed"
            }
            Kind::Busy => "the thread is busy with another response or run",
            Kind::Unstructured => {
                "a --schema answer was refused or is not valid JSON; what came is printed"
            }
            Kind::Partial => "batch: some questions failed (their result lines say why)",
            Kind::HungUp => {
                "hung up (SIGHUP: the terminal closed), unless SIGHUP was ignored (nohup)"
            }
            Kind::Interrupted => "interrupted (SIGINT, Ctrl-C)",
            Kind::Terminated => "terminated (SIGTERM)",
            Kind::BrokenPipe => "success: the reader closed stdout early (e.g. head)",
        }
    }

    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Other => 1,
            Kind::Usage => 2,
            Kind::Config => 3,
            Kind::NotFound => 4,
            Kind::RateLimited => 5,
            Kind::Network => 6,
            Kind::Failed => 7,
            Kind::Incomplete => 8,
            Kind::Busy => 9,
            Kind::Unstructured => 10,
            Kind::Partial => 11,
            Kind::HungUp => 129,
            Kind::Interrupted => 130,
            Kind::Terminated => 143,
            Kind::BrokenPipe => 0,
        }
    }

    /// The `code` field of a `--json` error event.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Other => "error",
            Kind::Usage => "usage",
            Kind::Config => "config",
            Kind::NotFound => "not_found",
            Kind::RateLimited => "rate_limited",
            Kind::Network => "network",
            Kind::Failed => "failed",
            Kind::Incomplete => "incomplete",
            Kind::Busy => "busy",
            Kind::Unstructured => "unstructured",
            Kind::Partial => "partial",
            Kind::HungUp => "hung_up",
            Kind::Interrupted => "interrupted",
            Kind::Terminated => "terminated",
            Kind::BrokenPipe => "broken_pipe",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
    /// No other request of the same client can fare better: the credentials were refused,
    /// the quota is spent. (`batch` asks no more questions after one.)
    pub for_all: bool,
    /// The server's id for the request that failed (`x-request-id`), which its support
    /// asks for: said at the end of the error line, and as `request_id` in JSON.
    pub request: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            for_all: false,
            request: None,
        }
    }

    /// The same error, with the id of the request it came from unless it has one (from a
    /// later request, which is closer to what failed).
    pub fn or_request(mut self, id: Option<&str>) -> Self {
        if self.request.is_none() {
            self.request = id.map(str::to_string);
        }
        self
    }

    /// The error line's text: the message, and the request's id when the server gave one.
    pub fn line(&self) -> String {
        match &self.request {
            Some(id) => format!("{} (request {id})", self.message),
            None => self.message.clone(),
        }
    }

    /// The same error, marked as one every request of this client would get.
    pub fn for_all(mut self) -> Self {
        self.for_all = true;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Says which object was not found (`conversation conv_x not found (…)`); other errors
    /// pass through unchanged.
    pub fn naming(self, what: impl fmt::Display) -> Self {
        if self.kind == Kind::NotFound {
            let message = format!("{what} not found ({})", self.message);
            Error { message, ..self }
        } else {
            self
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(Kind::Usage, message)
    }

    pub fn config(message: impl Into<String>) -> Self {
        Error::new(Kind::Config, message)
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Error::new(Kind::Failed, message)
    }

    pub fn network(message: impl Into<String>) -> Self {
        Error::new(Kind::Network, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Output errors: a closed pipe ends quietly, anything else is reported.
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::new(Kind::BrokenPipe, "stdout was closed")
        } else {
            Error::new(Kind::Other, format!("cannot write the output: {e}"))
        }
    }
}
