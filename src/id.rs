//! Ids that go into URL paths, checked once where they enter (the command line, the
//! environment, a profile) and trusted after that.

use crate::error::{Error, Result};
use crate::events::Api;
use std::fmt;

/// A thread id that knows its API family: `conv_…` is a conversation (Responses),
/// `thread_…` an Assistants thread. Anything else is refused before a request is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadId {
    id: String,
    api: Api,
}

impl ThreadId {
    /// Parses an id as a user gives it. The prefix is case-sensitive, as the APIs' are.
    pub fn parse(id: &str) -> Result<ThreadId> {
        let refused = || {
            Error::usage(format!(
                "'{id}' is not a valid thread id: a conversation is conv_…, an Assistants thread thread_…"
            ))
        };
        let api = if id.starts_with("conv_") {
            Api::Responses
        } else if id.starts_with("thread_") {
            Api::Assistants
        } else {
            return Err(refused());
        };
        let body = id.split_once('_').map_or("", |(_, b)| b);
        if body.is_empty() || !is_id_text(id) {
            return Err(refused());
        }
        Ok(ThreadId {
            id: id.to_string(),
            api,
        })
    }

    /// An id the server gave (it is trusted to name its own family).
    pub fn from_server(id: String, api: Api) -> ThreadId {
        ThreadId { id, api }
    }

    pub fn api(&self) -> Api {
        self.api
    }

    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// How messages name it: `conversation conv_…` or `thread thread_…`.
    pub fn named(&self) -> String {
        match self.api {
            Api::Responses => format!("conversation {}", self.id),
            Api::Assistants => format!("thread {}", self.id),
        }
    }
}

impl fmt::Display for ThreadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

/// The characters real ids use, at a length real ids have.
fn is_id_text(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 256
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Checks an id of another kind (vector store, file, assistant) that goes into a path.
pub fn check(id: &str, what: &str) -> Result<()> {
    if !is_id_text(id) {
        return Err(Error::usage(format!("'{id}' is not a valid {what} id")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_ids_are_parsed_once_with_their_family() {
        assert_eq!(ThreadId::parse("conv_abc").unwrap().api(), Api::Responses);
        assert_eq!(
            ThreadId::parse("thread_x-1").unwrap().api(),
            Api::Assistants
        );
        for bad in [
            "", "bad_id", "conv_", "thread_", "CONV_abc", "vs_demo", "conv_a/b", "conv_a b",
            "conv_é",
        ] {
            let e = ThreadId::parse(bad).unwrap_err();
            assert_eq!(e.kind, crate::error::Kind::Usage, "{bad}");
        }
        assert!(ThreadId::parse(&format!("conv_{}", "a".repeat(300))).is_err());
        assert!(check("vs_1", "vector store").is_ok());
        assert!(check("vs 1", "vector store").is_err());
    }
}
