//! asst: ask OpenAI and Azure OpenAI assistants with file search, from the shell.
//!
//! Data flows one way, and each module imports only those to its left:
//!
//! ```text
//! cli → settings (config, id, prompt) → backend (over http and sse) → answer → events
//!     → render → output
//! ```
//!
//! - `cli` is the clap definition, nothing more. `settings` turns it, the environment and the
//!   profile (`config`) into one resolved request per command; no later step reads a flag,
//!   a variable or the profile.
//! - `backend` holds one module per API family. Each supplies only its wire decoding to
//!   `backend::stream`, the one skeleton that reads an answer, recovers a cut stream and
//!   concludes. Families produce `events` and never print.
//! - `render` decides what each event looks like (text or JSON lines); `output` is the
//!   guarded stdout and the one place that writes to stderr (secrets redacted).
//!
//! Where new things go: a new API family is a module in `backend/` that implements
//! `stream::Family` and a `match` arm in `backend::ask`; a new event is a variant of
//! `events::Event` and an arm in each renderer; a new command is a `cli` variant, a
//! `settings::Request` variant resolved in `settings::resolve`, and its work in `app::run`.
#![forbid(unsafe_code)]

mod answer;
mod app;
mod backend;
mod batch;
mod cli;
mod config;
mod error;
mod events;
mod http;
mod id;
mod output;
mod prompt;
mod proxy;
mod registry;
mod render;
mod settings;
mod signal;
mod sse;
mod store;
mod sync;
#[cfg(test)]
mod testing;
mod upload;
mod uploader;

pub use app::main;

/// The command-line definition, for generating man pages and completions.
pub fn command() -> clap::Command {
    cli::command()
}

/// Every exit code with its `--json` code and meaning, in order: the one table the README,
/// the man page and `--help` are checked against.
pub fn exit_codes() -> Vec<(u8, &'static str, &'static str)> {
    error::Kind::ALL
        .iter()
        .map(|k| (k.exit_code(), k.code(), k.summary()))
        .collect()
}
