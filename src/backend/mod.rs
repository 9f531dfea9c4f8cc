//! The API families. Each turns its wire protocol into the shared events of
//! [`crate::events`]; neither prints anything.
//!
//! - [`responses`]: Responses + Conversations (current); a thread is a conversation.
//! - [`assistants`]: Assistants v2 (legacy); threads, runs and messages.

pub mod assistants;
pub mod responses;

use crate::answer::Answer;
use crate::error::{Error, Kind, Result};
use crate::events::{Done, Event, Message, Status, Usage};
use crate::render::Render;

/// What `ask` needs, already validated.
#[derive(Debug, Clone)]
pub struct AskRequest {
    pub thread: Option<String>,
    pub prompt: String,
    pub model: Option<String>,
    pub instructions: Option<String>,
    pub vector_stores: Vec<String>,
    pub assistant: Option<String>,
    pub markers: bool,
}

/// The ids of an `ask` in flight, kept outside the request's future so that an interrupt
/// can still cancel the run and report them.
#[derive(Debug, Default, Clone)]
pub struct AskState {
    pub thread: Option<String>,
    pub response: Option<String>,
    /// True once the server has reached a terminal state and `done` was emitted.
    pub finished: bool,
}

/// Ends the answer: places pending citations, emits `done`, and turns a status other than
/// `completed` into the matching error.
pub fn finish(
    answer: &mut Answer,
    out: &mut dyn Render,
    state: &mut AskState,
    status: Status,
    reason: Option<String>,
    message: Option<String>,
    usage: Option<Usage>,
) -> Result<()> {
    answer.end_part(out)?;
    state.finished = true;
    out.event(Event::Done(Done {
        status,
        reason: reason.clone(),
        thread: state.thread.clone().unwrap_or_default(),
        response: state.response.clone(),
        usage,
    }))?;
    let reason_text = reason.clone().unwrap_or_else(|| "no reason given".into());
    match status {
        Status::Completed => Ok(()),
        Status::Incomplete => Err(Error::new(
            Kind::Incomplete,
            format!("the answer is incomplete ({reason_text})"),
        )),
        Status::Cancelled => Err(Error::new(Kind::Failed, "the server cancelled the answer")),
        Status::Failed => {
            let kind = match reason.as_deref() {
                Some("rate_limit_exceeded" | "insufficient_quota") => Kind::RateLimited,
                _ => Kind::Failed,
            };
            let text = message.unwrap_or_else(|| "no message".into());
            Err(Error::new(
                kind,
                format!("the response failed: {text} ({reason_text})"),
            ))
        }
    }
}

/// Builds a transcript message from its text parts and their citations, through the same
/// composer `ask` uses, so markers and numbering match.
pub fn compose_message(
    id: String,
    thread: &str,
    role: String,
    created_at: Option<i64>,
    parts: Vec<Part>,
    markers: bool,
) -> Message {
    let mut answer = Answer::new(markers);
    let mut events: Vec<Event> = Vec::new();
    for part in parts {
        let _ = answer.new_part(&mut events);
        for c in part.citations {
            let _ = answer.cite(c.start, c.end, c.file_id, c.filename, &mut events);
        }
        let _ = answer.text(&part.text, &mut events);
    }
    let _ = answer.end_part(&mut events);
    let mut text = String::new();
    let mut citations = Vec::new();
    for e in events {
        match e {
            Event::Delta { text: t } => text.push_str(&t),
            Event::Citation(c) => citations.push(c),
            _ => {}
        }
    }
    Message {
        kind: "message",
        id,
        thread: thread.to_string(),
        role,
        created_at,
        text,
        citations,
    }
}

/// One content part of a stored message.
#[derive(Debug, Default)]
pub struct Part {
    pub text: String,
    pub citations: Vec<RawCitation>,
}

/// A citation as the wire gives it: the raw character range it replaces.
#[derive(Debug)]
pub struct RawCitation {
    pub start: usize,
    pub end: usize,
    pub file_id: String,
    pub filename: Option<String>,
}

/// Thread ids go into URL paths: only the characters real ids use are accepted.
pub fn check_id(id: &str, what: &str) -> Result<()> {
    if id.is_empty()
        || id.len() > 256
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(Error::usage(format!("'{id}' is not a valid {what} id")));
    }
    Ok(())
}
