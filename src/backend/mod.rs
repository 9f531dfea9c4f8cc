//! The API families. Each turns its wire protocol into the shared events of
//! [`crate::events`]; neither prints anything.
//!
//! - [`responses`]: Responses + Conversations (current); a thread is a conversation.
//! - [`assistants`]: Assistants v2 (legacy); threads, runs and messages.
//! - [`files`]: files and vector stores, which file search reads (both families).

pub mod assistants;
pub mod batches;
mod delta;
pub mod files;
pub mod responses;
mod stream;

use crate::answer::Answer;
use crate::error::{Error, Kind, Result};
use crate::events::{nullable, Api, Done, Event, Message, Status, Usage};
use crate::http::Http;
use crate::id::ThreadId;
use crate::render::Render;

/// Creates a thread: a conversation (Responses) or an Assistants thread.
pub async fn create_thread(
    http: &Http,
    api: Api,
    metadata: &serde_json::Map<String, serde_json::Value>,
) -> Result<ThreadId> {
    let body = thread_body(metadata);
    let path = match api {
        Api::Responses => "/conversations",
        Api::Assistants => "/threads",
    };
    #[derive(serde::Deserialize)]
    struct Created {
        id: Option<String>,
    }
    let thread: Created = http.post(api, path, &body).await?;
    match thread.id {
        Some(id) if !id.is_empty() => Ok(ThreadId::from_server(id, api)),
        _ => Err(Error::failed("the server created a thread without an id")),
    }
}

/// The body a thread is made with.
pub(crate) fn thread_body(
    metadata: &serde_json::Map<String, serde_json::Value>,
) -> serde_json::Value {
    let mut body = serde_json::json!({});
    if !metadata.is_empty() {
        body["metadata"] = serde_json::Value::Object(metadata.clone());
    }
    body
}

/// Deletes a thread on the server.
pub async fn delete_thread(http: &Http, thread: &ThreadId) -> Result<()> {
    let path = match thread.api() {
        Api::Responses => format!("/conversations/{thread}"),
        Api::Assistants => format!("/threads/{thread}"),
    };
    http.delete(thread.api(), &path)
        .await
        .map_err(|e| e.naming(thread.named()))
}

/// Prints a thread's transcript, oldest message first, with the family its id names.
pub async fn show_thread(
    http: &Http,
    thread: &ThreadId,
    window: &Window,
    markers: bool,
    out: &mut dyn Render,
) -> Result<()> {
    match thread.api() {
        Api::Responses => responses::show_thread(http, thread, window, markers, out).await,
        Api::Assistants => assistants::show_thread(http, thread, window, markers, out).await,
    }
}

/// Asks the question in `req` with its family, streaming the answer to `out`.
pub async fn ask(
    http: &Http,
    req: &AskRequest,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    match req.api {
        Api::Responses => responses::ask(http, req, state, out).await,
        Api::Assistants => assistants::ask(http, req, state, out).await,
    }
}

/// A transcript, page by page through the one paginator: each item becomes a message (or
/// nothing), printed as soon as its page arrives.
pub async fn transcript<T: serde::de::DeserializeOwned>(
    http: &Http,
    thread: &ThreadId,
    path: String,
    window: &Window,
    out: &mut dyn Render,
    mut message: impl AsyncFnMut(T) -> Option<Message>,
) -> Result<()> {
    // The newest N alone: read newest first and stop at N (then print them oldest first).
    // After a message: read on from it. Both: the newest N of those after it.
    let newest_first = window.limit.is_some() && window.after.is_none();
    let order = if newest_first { "desc" } else { "asc" };
    let mut pages = Pages::new(http, thread.api(), path, order);
    pages.after = window.after.clone();
    let mut kept: std::collections::VecDeque<Message> = Default::default();
    'pages: while let Some(items) = pages
        .next::<T>()
        .await
        .map_err(|e| e.naming(thread.named()))?
    {
        for item in items {
            let Some(m) = message(item).await else {
                continue;
            };
            match window.limit {
                None => out.message(&m)?,
                Some(n) => {
                    kept.push_back(m);
                    if kept.len() > n {
                        kept.pop_front();
                    }
                    if newest_first && kept.len() == n {
                        break 'pages;
                    }
                }
            }
        }
        out.flush()?;
    }
    if newest_first {
        kept.make_contiguous().reverse();
    }
    for m in kept {
        out.message(&m)?;
    }
    Ok(())
}

/// Which part of a transcript `thread show` prints.
#[derive(Debug, Clone, Default)]
pub struct Window {
    /// Only the newest N messages (still printed oldest first).
    pub limit: Option<usize>,
    /// Only the messages after this one.
    pub after: Option<String>,
}

/// How file search searches (Responses, and `store search`).
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub filters: Option<serde_json::Value>,
    pub max_results: Option<u8>,
    pub score_threshold: Option<f64>,
}

impl Search {
    /// Sets what was asked for in a `file_search` tool or a store search request, which
    /// name these fields alike: `filters`, `max_num_results`, `ranking_options`.
    pub fn apply(&self, to: &mut serde_json::Value) {
        if let Some(f) = &self.filters {
            to["filters"] = f.clone();
        }
        if let Some(n) = self.max_results {
            to["max_num_results"] = n.into();
        }
        if let Some(x) = self.score_threshold {
            to["ranking_options"] = serde_json::json!({"score_threshold": x});
        }
    }
}

/// How the answer is generated, where the user set it; what is not set is the server's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Generation {
    /// Responses `max_output_tokens`; Assistants `max_completion_tokens`.
    pub max_output_tokens: Option<u32>,
    /// Responses `reasoning.effort` (`low`, `high`…).
    pub reasoning_effort: Option<String>,
    pub temperature: Option<f64>,
}

/// A JSON schema the answer must follow (`--schema`): a strict structured output.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The format's name: letters, digits, `_` and `-`, at most 64.
    pub name: String,
    pub schema: serde_json::Value,
}

impl Schema {
    /// Named after the schema's `title`, else `fallback` (the file's name), else `answer`.
    pub fn new(schema: serde_json::Value, fallback: Option<&str>) -> Schema {
        let title = schema.get("title").and_then(serde_json::Value::as_str);
        let name: String = title
            .or(fallback)
            .unwrap_or("answer")
            .chars()
            .map(|c| match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | '_' | '-' => c,
                _ => '_',
            })
            .take(64)
            .collect();
        Schema {
            name: if name.is_empty() {
                "answer".into()
            } else {
                name
            },
            schema,
        }
    }

    /// The Responses `text` field that asks for it.
    pub fn text_format(&self) -> serde_json::Value {
        serde_json::json!({"format": {
            "type": "json_schema",
            "name": self.name,
            "schema": self.schema,
            "strict": true,
        }})
    }
}

/// What `ask` needs, resolved and validated by [`crate::settings`].
#[derive(Debug, Clone)]
pub struct AskRequest {
    pub api: Api,
    pub thread: Option<ThreadId>,
    pub prompt: String,
    pub model: Option<String>,
    pub instructions: Option<String>,
    pub vector_stores: Vec<String>,
    pub assistant: Option<String>,
    pub markers: bool,
    /// Uploaded file ids for the message itself (Assistants `attachments`).
    pub attachments: Vec<String>,
    /// The vector store `--attach` made for this question (Responses), reported after the
    /// thread.
    pub attached_store: Option<crate::events::StoreInfo>,
    /// Ask for file search results and emit them as `search` events.
    pub show_search: bool,
    /// File search `filters`, `max_num_results` and `ranking_options.score_threshold`.
    pub search: Search,
    /// A background response (Responses): it survives its connection, resumes, cancels.
    pub background: bool,
    /// Return once the response exists (implies `background`).
    pub detach: bool,
    /// Without a thread, answer on its own: no conversation is made (Responses; `batch`).
    pub standalone: bool,
    /// Answer with JSON that follows this schema (Responses).
    pub schema: Option<std::sync::Arc<Schema>>,
    /// `metadata` of the response or run.
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Token limit, reasoning effort, temperature.
    pub generation: Generation,
}

/// The ids of an `ask` in flight, kept outside the request's future so that an interrupt
/// can still cancel the run and report them.
#[derive(Debug, Default, Clone)]
pub struct AskState {
    pub thread: Option<String>,
    pub response: Option<String>,
    /// The server's id for the request whose stream brought the answer.
    pub request: Option<String>,
    /// True once the server has reached a terminal state and `done` was emitted.
    pub finished: bool,
    /// The answer is (or holds) a refusal rather than what was asked for.
    pub refused: bool,
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
        request_id: state.request.clone(),
    }))?;
    match outcome_error(status, reason, message) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The error an answer's outcome is, when it is not `completed`.
pub fn outcome_error(
    status: Status,
    reason: Option<String>,
    message: Option<String>,
) -> Option<Error> {
    let reason_text = reason.clone().unwrap_or_else(|| "no reason given".into());
    match status {
        Status::Completed => None,
        Status::Incomplete => Some(Error::new(
            Kind::Incomplete,
            format!("the answer is incomplete ({reason_text})"),
        )),
        Status::Cancelled => Some(Error::new(Kind::Failed, "the server cancelled the answer")),
        Status::Failed => {
            let kind = match reason.as_deref() {
                Some("rate_limit_exceeded" | "insufficient_quota") => Kind::RateLimited,
                Some("model_not_found" | "DeploymentNotFound") => Kind::Config,
                _ => Kind::Failed,
            };
            let text = message.unwrap_or_else(|| "no message".into());
            Some(Error::new(
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

/// Which parts of an answer have been streamed, and how far into the current one, so that
/// an answer recovered after a broken stream prints only what was not printed yet.
#[derive(Debug, Default)]
pub struct Progress {
    /// Parts in the order they started; the last one is the current part.
    seen: Vec<(String, u32)>,
    /// File citations placed in the current part.
    cites: usize,
}

impl Progress {
    /// Moves to the part `key` (message or item id, content index), starting a new part of
    /// the answer when it is not the current one.
    pub fn enter(
        &mut self,
        id: &str,
        index: u32,
        answer: &mut Answer,
        out: &mut dyn Render,
    ) -> Result<()> {
        if self.seen.last().is_none_or(|(i, n)| i != id || *n != index) {
            answer.new_part(out)?;
            self.seen.push((id.to_string(), index));
            self.cites = 0;
        }
        Ok(())
    }

    /// Whether text of the message (or item) `id` has come in the stream.
    pub fn entered(&self, id: &str) -> bool {
        self.seen.iter().any(|(i, _)| i == id)
    }

    /// Prints parts whole, each as a new part: an answer that came without deltas.
    pub fn append(
        &mut self,
        parts: Vec<((String, u32), Part)>,
        answer: &mut Answer,
        out: &mut dyn Render,
    ) -> Result<()> {
        for (key, part) in parts {
            self.print_part(&key, part, 0, answer, out)?;
        }
        Ok(())
    }

    /// Moves to the part `key` and prints `part` from where the answer stands in it: its
    /// citations after the first `skip`, then its text past what was received.
    fn print_part(
        &mut self,
        key: &(String, u32),
        part: Part,
        skip: usize,
        answer: &mut Answer,
        out: &mut dyn Render,
    ) -> Result<()> {
        self.enter(&key.0, key.1, answer, out)?;
        for c in part.citations.into_iter().skip(skip) {
            answer.cite(c.start, c.end, c.file_id, c.filename, out)?;
            self.cited();
        }
        let from = answer.raw_position();
        let rest = part
            .text
            .char_indices()
            .nth(from)
            .map_or("", |(i, _)| &part.text[i..]);
        answer.text(rest, out)?;
        Ok(())
    }

    pub fn cited(&mut self) {
        self.cites += 1;
    }

    /// Prints what the complete answer has beyond what was streamed: the rest of the current
    /// part (its remaining citations, then its remaining text) and every part not seen yet.
    pub fn resume(
        &mut self,
        parts: Vec<((String, u32), Part)>,
        answer: &mut Answer,
        out: &mut dyn Render,
    ) -> Result<()> {
        let mut current = self.seen.last().cloned();
        // A server may store the part under another id than it streamed it with: then the
        // first unseen part that begins with what was printed is the current one, so that
        // the answer does not start over.
        if let Some(now) = &current {
            let stored_under_its_id = parts.iter().any(|(k, _)| k == now);
            if !stored_under_its_id && answer.raw_position() > 0 {
                let same = parts
                    .iter()
                    .find(|(k, p)| !self.seen.contains(k) && answer.continues(&p.text));
                if let Some((key, _)) = same {
                    if let Some(last) = self.seen.last_mut() {
                        *last = key.clone();
                    }
                    current = Some(key.clone());
                }
            }
        }
        for (key, part) in parts {
            let is_current = current.as_ref() == Some(&key);
            if !is_current && self.seen.contains(&key) {
                continue;
            }
            if is_current && !answer.continues(&part.text) {
                return Err(Error::failed(
                    "the stored answer does not match the text already printed (it is shorter or different); what was printed stands, the rest was not added",
                ));
            }
            let skip_cites = if is_current { self.cites } else { 0 };
            self.print_part(&key, part, skip_cites, answer, out)?;
        }
        Ok(())
    }
}

/// How a stream ended when it did not reach the run's outcome.
pub enum Cut {
    /// The connection broke or went idle.
    Broken(Error),
    /// The body ended cleanly without a terminal event.
    Ended,
}

impl Cut {
    /// What happened, in a few words for a notice.
    pub fn reason(&self) -> String {
        match self {
            Cut::Broken(e) => e.message.clone(),
            Cut::Ended => "the body ended early".into(),
        }
    }

    /// The error to report when the answer cannot be recovered.
    pub fn into_error(self, state: &AskState, why: Option<Error>) -> Error {
        let (kind, what) = match self {
            Cut::Broken(e) => (e.kind, e.message),
            Cut::Ended => (
                Kind::Failed,
                "the stream ended before the answer was complete".into(),
            ),
        };
        let ids = match (&state.response, &state.thread) {
            (Some(r), Some(t)) => {
                format!("; the answer may still complete on the server: {r} in {t}")
            }
            (None, Some(t)) => format!("; thread {t}"),
            _ => String::new(),
        };
        let cause = why
            .map(|e| format!(" (recovery failed: {})", e.message))
            .unwrap_or_default();
        Error::new(kind, format!("{what}{cause}{ids}"))
    }
}

/// A structured answer (`--schema`) must be JSON, and not a refusal.
pub fn check_structured(text: &str, refused: bool) -> Result<()> {
    if refused {
        return Err(Error::new(
            Kind::Unstructured,
            format!(
                "the model refused to answer in the schema's form: {}",
                crate::http::one_line(text, 200)
            ),
        ));
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => Ok(()),
        Err(e) => Err(Error::new(
            Kind::Unstructured,
            format!("the answer is not valid JSON ({e}); it is printed as the server gave it"),
        )),
    }
}

/// Events whose JSON could not be read were skipped; the answer may miss a piece.
pub fn unreadable_events(count: usize) -> Result<()> {
    if count == 0 {
        return Ok(());
    }
    Err(Error::failed(format!(
        "{count} event(s) of the stream could not be read and were skipped; the answer may be incomplete"
    )))
}

/// An in-stream `error` event that no terminal event followed.
pub fn stream_failure(e: crate::http::ApiError, what: &str) -> Error {
    Error::failed(format!(
        "the {what} failed: {} ({})",
        e.message.unwrap_or_else(|| "no message".into()),
        e.code.unwrap_or_else(|| "no code".into())
    ))
}

/// Cancels what an interrupted answer left going (a run, a background response) with one
/// bodiless POST to `path`, waiting 5 s at most; `report` says on stderr how it went (a
/// cancel because stdout was closed stays quiet).
pub async fn cancel_quietly(http: &Http, api: Api, path: &str, what: &str, report: bool) {
    let request = http.post_empty::<serde_json::Value>(api, path);
    let said = match tokio::time::timeout(std::time::Duration::from_secs(5), request).await {
        Ok(Ok(_)) => format!("cancelled {what}"),
        Ok(Err(e)) => format!("could not cancel {what}: {}", e.message),
        Err(_) => format!("could not cancel {what}: no answer in 5s"),
    };
    if report {
        crate::output::notice(&said);
    }
}

/// What [`poll_until_done`] says of an answer still going when asst stopped waiting.
pub const ANSWER_PENDING: &str = "the answer was still in progress";

/// Polls `fetch` until the status it returns is terminal, with backoff, within `budget`;
/// past it, a network error that says `pending` (what was still going) "when asst stopped
/// waiting".
pub async fn poll_until_done<T, F, Fut>(
    budget: std::time::Duration,
    pending: &str,
    mut fetch: F,
) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(T, bool)>>,
{
    let start = std::time::Instant::now();
    let mut delay = std::time::Duration::from_millis(250);
    loop {
        let (value, terminal) = fetch().await?;
        if terminal {
            return Ok(value);
        }
        if start.elapsed() + delay > budget {
            return Err(Error::network(format!(
                "{pending} when asst stopped waiting"
            )));
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(std::time::Duration::from_secs(5));
    }
}

/// A list endpoint read page by page (100 items each), following `has_more`/`after`.
pub struct Pages<'a> {
    http: &'a Http,
    api: crate::events::Api,
    path: String,
    order: &'static str,
    /// The cursor: items after this one (set to start a listing after an item).
    pub after: Option<String>,
    /// Every cursor the server gave: one seen again means the list goes round in a circle.
    cursors: std::collections::HashSet<String>,
    done: bool,
}

#[derive(serde::Deserialize)]
#[serde(bound = "T: serde::Deserialize<'de>")]
struct Page<T> {
    #[serde(default = "Vec::new", deserialize_with = "nullable")]
    data: Vec<T>,
    #[serde(default, deserialize_with = "nullable")]
    has_more: bool,
    #[serde(default)]
    last_id: Option<String>,
}

impl<'a> Pages<'a> {
    pub fn new(http: &'a Http, api: crate::events::Api, path: String, order: &'static str) -> Self {
        Pages {
            http,
            api,
            path,
            order,
            after: None,
            cursors: Default::default(),
            done: false,
        }
    }

    /// The next page's items; `None` after the last page.
    pub async fn next<T: serde::de::DeserializeOwned>(&mut self) -> Result<Option<Vec<T>>> {
        if self.done {
            return Ok(None);
        }
        let mut query = vec![("limit", "100"), ("order", self.order)];
        if let Some(a) = &self.after {
            query.push(("after", a));
        }
        let page: Page<T> = self.http.get(self.api, &self.path, &query).await?;
        match (page.has_more, page.last_id) {
            // A cursor that does not move would give the same page for ever.
            (true, Some(last)) if !self.cursors.insert(last.clone()) => {
                return Err(Error::failed(format!(
                    "the server's list {} repeated the page after {last}; asst stopped reading it",
                    self.path
                )));
            }
            (true, Some(last)) => self.after = Some(last),
            _ => self.done = true,
        }
        Ok(Some(page.data))
    }
}
