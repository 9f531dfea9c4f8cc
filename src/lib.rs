//! asst: ask OpenAI and Azure OpenAI assistants with file search, from the shell.
//!
//! Data flows one way: `cli` → `config` → `backend` (over `http` and `sse`) → `answer`
//! → `events` → `render` → `output`.

pub mod answer;
pub mod app;
pub mod backend;
pub mod cli;
pub mod config;
pub mod error;
pub mod events;
pub mod http;
pub mod output;
pub mod prompt;
pub mod render;
pub mod signal;
pub mod sse;
pub mod store;
#[cfg(test)]
mod testing;
pub mod upload;
