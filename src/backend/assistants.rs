//! Assistants v2 (legacy): threads (`thread_…`), streamed runs, messages.
//!
//! The stream's JSON has no `type` field: events are told apart by the SSE `event:` name,
//! but a run's outcome is read from its `status` field (real traffic has sent
//! `thread.run.completed` with `"status":"incomplete"`).

use super::files::FileNames;
use super::stream::{self, Family, Outcome, Reader, Step, Stored};
use super::{
    compose_message, poll_until_done, stream_failure, AskRequest, AskState, Part, RawCitation,
    ANSWER_PENDING,
};
use crate::error::{Error, Kind, Result};
use crate::events::{nullable, number, Api, Event, Status, Usage};
use crate::http::{ApiError, Http};
use crate::id::ThreadId;
use crate::render::Render;
use crate::sse::SseEvent;
use serde::Deserialize;
use serde_json::{json, Value};
use std::time::Duration;

const API: Api = Api::Assistants;

/// Asks a run on an existing thread to include file_search results, which carry each
/// file's name, so citations need no extra request per file.
const INCLUDE_RESULTS: (&str, &str) = (
    "include[]",
    "step_details.tool_calls[*].file_search.results[*].content",
);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
/// One page of messages: recovery reads the (few) messages of one run.
struct MessageList {
    #[serde(deserialize_with = "nullable")]
    data: Vec<WireMessage>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireMessage {
    #[serde(deserialize_with = "nullable")]
    id: String,
    #[serde(deserialize_with = "nullable")]
    role: String,
    run_id: Option<String>,
    #[serde(deserialize_with = "number")]
    created_at: Option<i64>,
    #[serde(deserialize_with = "nullable")]
    content: Vec<ContentPart>,
}

/// A content part of a message or of a message delta.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ContentPart {
    #[serde(deserialize_with = "number")]
    index: Option<u32>,
    #[serde(rename = "type")]
    #[serde(deserialize_with = "nullable")]
    kind: String,
    text: Option<TextPart>,
    refusal: Option<String>,
    image_file: Option<Value>,
    image_url: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TextPart {
    value: Option<String>,
    #[serde(deserialize_with = "nullable")]
    annotations: Vec<Annotation>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Annotation {
    #[serde(rename = "type")]
    #[serde(deserialize_with = "nullable")]
    kind: String,
    #[serde(deserialize_with = "number")]
    start_index: Option<usize>,
    #[serde(deserialize_with = "number")]
    end_index: Option<usize>,
    file_citation: Option<FileRef>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FileRef {
    file_id: Option<String>,
}

impl Annotation {
    /// A file citation and the marker range it replaces. `file_path` annotations (code
    /// interpreter downloads) are not citations: their text stays as it is.
    fn citation(&self) -> Option<(usize, usize, String)> {
        if self.kind != "file_citation" {
            return None;
        }
        let file_id = self.file_citation.as_ref()?.file_id.clone()?;
        let start = self.start_index?;
        Some((start, self.end_index.unwrap_or(start), file_id))
    }
}

impl ContentPart {
    /// The part as shown, with its citations and their file names.
    async fn to_part(&self, http: &Http, names: &mut FileNames) -> Part {
        let mut citations = Vec::new();
        for a in self.text.iter().flat_map(|t| &t.annotations) {
            if let Some((start, end, file_id)) = a.citation() {
                let filename = names.get(http, &file_id).await;
                citations.push(RawCitation {
                    start,
                    end,
                    file_id,
                    filename,
                });
            }
        }
        Part {
            text: self.shown_text(),
            citations,
        }
    }

    /// The text a part shows: its text, its refusal, or its type named for other kinds.
    fn shown_text(&self) -> String {
        let id = |v: &Option<Value>, key: &str| {
            v.as_ref()
                .and_then(|v| v.get(key))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        match self.kind.as_str() {
            "text" => self
                .text
                .as_ref()
                .and_then(|t| t.value.clone())
                .unwrap_or_default(),
            "refusal" => self.refusal.clone().unwrap_or_default(),
            "image_file" => match id(&self.image_file, "file_id") {
                Some(f) => format!("[image_file: {f}]"),
                None => "[image_file]".into(),
            },
            "image_url" => match id(&self.image_url, "url") {
                Some(u) => format!("[image_url: {u}]"),
                None => "[image_url]".into(),
            },
            other => format!("[{other}]"),
        }
    }
}

/// Learns `file_name`s from a run step's file_search results.
fn learn_names(names: &mut FileNames, step: &Value) {
    let calls = step
        .pointer("/step_details/tool_calls")
        .and_then(Value::as_array);
    for call in calls.into_iter().flatten() {
        let results = call
            .pointer("/file_search/results")
            .and_then(Value::as_array);
        for r in results.into_iter().flatten() {
            if let (Some(id), Some(name)) = (
                r.get("file_id").and_then(Value::as_str),
                r.get("file_name").and_then(Value::as_str),
            ) {
                names.learn(id, name);
            }
        }
    }
}

pub async fn show_thread(
    http: &Http,
    thread: &ThreadId,
    window: &super::Window,
    markers: bool,
    out: &mut dyn Render,
) -> Result<()> {
    let mut names = FileNames::default();
    let path = format!("/threads/{thread}/messages");
    super::transcript(http, thread, path, window, out, async |m: WireMessage| {
        let mut parts = Vec::new();
        for p in &m.content {
            parts.push(p.to_part(http, &mut names).await);
        }
        Some(compose_message(
            m.id,
            thread.as_str(),
            m.role,
            m.created_at,
            parts,
            markers,
        ))
    })
    .await
}

/// The active-run conflict, with the run named and what to do about it.
fn busy(e: Error, thread: &str) -> Error {
    if e.kind != Kind::Busy {
        return e;
    }
    let run = e
        .message
        .split(|c: char| c.is_whitespace() || c == '.')
        .find(|w| w.starts_with("run_"))
        .map(str::to_string);
    let hint = match &run {
        Some(r) => {
            format!("wait for {r} to finish, or cancel it: POST /threads/{thread}/runs/{r}/cancel")
        }
        None => "wait for the active run to finish, then ask again".into(),
    };
    Error::new(
        Kind::Busy,
        format!("thread {thread} is busy with another run ({})", e.message),
    )
    .with_hint(hint)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Run {
    id: Option<String>,
    thread_id: Option<String>,
    status: Option<String>,
    last_error: Option<Value>,
    incomplete_details: Option<Value>,
    usage: Option<RunUsage>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RunUsage {
    #[serde(deserialize_with = "number")]
    prompt_tokens: u64,
    #[serde(deserialize_with = "number")]
    completion_tokens: u64,
    #[serde(deserialize_with = "number")]
    total_tokens: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MessageDelta {
    #[serde(deserialize_with = "nullable")]
    id: String,
    #[serde(deserialize_with = "nullable")]
    delta: DeltaBody,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DeltaBody {
    #[serde(deserialize_with = "nullable")]
    content: Vec<ContentPart>,
}

pub async fn ask(
    http: &Http,
    req: &AskRequest,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    let assistant = req
        .assistant
        .clone()
        .ok_or_else(|| Error::config("no assistant: set --assistant or ASSISTANT_ID"))?;
    let mut message = json!({"role": "user", "content": req.prompt});
    if !req.attachments.is_empty() {
        // The API adds attached files to the thread's own vector store.
        let attachments: Vec<Value> = req
            .attachments
            .iter()
            .map(|id| json!({"file_id": id, "tools": [{"type": "file_search"}]}))
            .collect();
        message["attachments"] = json!(attachments);
    }
    let mut body = json!({"assistant_id": assistant, "stream": true});
    if !req.metadata.is_empty() {
        body["metadata"] = Value::Object(req.metadata.clone());
    }
    if let Some(model) = &req.model {
        body["model"] = json!(model);
    }
    // Both run requests take these (a reasoning effort is for Responses: settings).
    if let Some(n) = req.generation.max_output_tokens {
        body["max_completion_tokens"] = json!(n);
    }
    if let Some(t) = req.generation.temperature {
        body["temperature"] = json!(t);
    }
    let stream = match &req.thread {
        Some(thread) => {
            // On a run, `instructions` would replace the assistant's own: users mean "add".
            if let Some(instructions) = &req.instructions {
                body["additional_instructions"] = json!(instructions);
            }
            state.thread = Some(thread.to_string());
            out.event(Event::Thread {
                schema: crate::events::SCHEMA,
                id: thread.to_string(),
                api: API,
                created: false,
            })?;
            out.flush()?;
            body["additional_messages"] = json!([message]);
            let path = format!("/threads/{thread}/runs");
            http.stream(API, &path, &[INCLUDE_RESULTS], &body)
                .await
                .map_err(|e| busy(e.naming(thread.named()), thread.as_str()))?
        }
        None => {
            // Thread and run in one request has no additional_instructions (said by settings).
            if let Some(instructions) = &req.instructions {
                body["instructions"] = json!(instructions);
            }
            body["thread"] = json!({"messages": [message]});
            if !req.vector_stores.is_empty() {
                body["tool_resources"] =
                    json!({"file_search": {"vector_store_ids": req.vector_stores}});
            }
            // createThreadAndRun takes no include[]: file names come from /files when needed.
            http.stream(API, "/threads/runs", &[], &body).await?
        }
    };
    let mut reader = Reader::new(req.markers, state, out);
    let mut family = Assistants {
        http,
        names: FileNames::default(),
        show_search: req.show_search,
        announced: None,
        incomplete: None,
    };
    stream::read(http, &mut family, stream, &mut reader).await
}

/// The Assistants wire: events told apart by their SSE name, an outcome in the run's
/// `status`.
struct Assistants<'h> {
    http: &'h Http,
    names: FileNames,
    show_search: bool,
    /// An `error` event, until the run's outcome (or the end).
    announced: Option<ApiError>,
    /// Why a message of the answer ended incomplete (`thread.message.incomplete`): the
    /// answer is incomplete whatever the run's status says.
    incomplete: Option<String>,
}

/// Parses an event's data straight into the type its name calls for, counting what cannot
/// be read.
fn parse<'a, T: Deserialize<'a>>(data: &'a [u8], r: &mut Reader) -> Option<T> {
    let parsed = std::str::from_utf8(data)
        .ok()
        .and_then(|t| serde_json::from_str(t).ok());
    r.unreadable += usize::from(parsed.is_none());
    parsed
}

impl Family for Assistants<'_> {
    async fn event(&mut self, sse: SseEvent<'_>, r: &mut Reader<'_>) -> Result<Step> {
        if sse.data == b"[DONE]" {
            return Ok(Step::Over);
        }
        match sse.event {
            "thread.created" => self.on_thread_created(sse.data, r),
            "thread.run.step.completed" | "thread.run.step.delta" => self.on_step(sse, r),
            "thread.message.delta" => self.on_message_delta(sse.data, r).await,
            "thread.message.completed" => self.on_message_completed(sse.data, r).await,
            "thread.message.incomplete" => {
                if let Some(m) = parse::<Value>(sse.data, r) {
                    let reason = m
                        .pointer("/incomplete_details/reason")
                        .and_then(Value::as_str);
                    self.incomplete = Some(reason.unwrap_or("incomplete").to_string());
                }
                Ok(Step::Next)
            }
            "error" => {
                if let Some(data) = parse::<Value>(sse.data, r) {
                    self.announced = Some(ApiError::from_value(&data));
                }
                Ok(Step::Next)
            }
            name if name.starts_with("thread.run.") && !name.starts_with("thread.run.step.") => {
                self.on_run(sse.data, r).await
            }
            "" => self.on_unnamed(sse.data, r),
            _ => Ok(Step::Next), // message/step lifecycle and future events: nothing to show
        }
    }

    fn announced(&mut self) -> Option<Error> {
        self.announced.take().map(|e| stream_failure(e, "run"))
    }

    async fn look_up(
        &mut self,
        http: &Http,
        r: &mut Reader<'_>,
        budget: Duration,
    ) -> Option<Result<Stored>> {
        let (thread, run_id) = (r.state.thread.clone()?, r.state.response.clone()?);
        let stored = async {
            let path = format!("/threads/{thread}/runs/{run_id}");
            let run: Run = poll_until_done(budget, ANSWER_PENDING, || async {
                let run: Run = http.get(API, &path, &[]).await?;
                let terminal = !matches!(
                    run.status.as_deref(),
                    Some("queued" | "in_progress" | "cancelling") | None
                );
                Ok((run, terminal))
            })
            .await?;
            let path = format!("/threads/{thread}/messages");
            let query = [
                ("run_id", run_id.as_str()),
                ("order", "asc"),
                ("limit", "100"),
            ];
            let list: MessageList = http.get(API, &path, &query).await?;
            let mut parts = Vec::new();
            // Only this run's answer, even from a server that ignores the run_id filter.
            let ours = |m: &WireMessage| {
                m.role == "assistant" && m.run_id.as_deref().is_none_or(|r| r == run_id)
            };
            for m in list.data.into_iter().filter(ours) {
                for (i, p) in m.content.iter().enumerate() {
                    parts.push((
                        (m.id.clone(), i as u32),
                        p.to_part(http, &mut self.names).await,
                    ));
                }
            }
            let outcome = self.run_outcome(&run, r.state).await;
            Ok(Stored {
                parts,
                outcome,
                what: format!("run {run_id}"),
                lost: None,
            })
        };
        Some(stored.await)
    }

    async fn whole(
        &mut self,
        http: &Http,
        body: &[u8],
        r: &mut Reader<'_>,
    ) -> Option<Result<Stored>> {
        self.adopt(http, body, r).await
    }
}

impl Assistants<'_> {
    /// A run object as a whole reply: its ids, then the answer as after a cut.
    async fn adopt(
        &mut self,
        http: &Http,
        body: &[u8],
        r: &mut Reader<'_>,
    ) -> Option<Result<Stored>> {
        let run: Run = serde_json::from_slice(body).ok()?;
        r.state.response = Some(run.id.clone()?);
        r.state.thread = Some(run.thread_id.clone()?);
        self.look_up(http, r, http.idle_timeout()).await
    }

    /// `thread.created` (thread and run in one request): the new thread's id comes first.
    fn on_thread_created(&mut self, data: &[u8], r: &mut Reader) -> Result<Step> {
        let Some(data) = parse::<Value>(data, r) else {
            return Ok(Step::Next);
        };
        if let Some(id) = data.get("id").and_then(Value::as_str) {
            r.state.thread = Some(id.to_string());
            r.out.event(Event::Thread {
                schema: crate::events::SCHEMA,
                id: id.to_string(),
                api: API,
                created: true,
            })?;
        }
        Ok(Step::Next)
    }

    /// A run step: file names for citations, and search results with `--show-search`.
    fn on_step(&mut self, sse: SseEvent, r: &mut Reader) -> Result<Step> {
        let Some(data) = parse::<Value>(sse.data, r) else {
            return Ok(Step::Next);
        };
        learn_names(&mut self.names, &data);
        if self.show_search && sse.event == "thread.run.step.completed" {
            for result in search_results(&data) {
                r.out.event(Event::Search(result))?;
            }
        }
        Ok(Step::Next)
    }

    /// Text, citations and other parts of the answer's messages.
    async fn on_message_delta(&mut self, data: &[u8], r: &mut Reader<'_>) -> Result<Step> {
        let Some(delta) = parse::<MessageDelta>(data, r) else {
            return Ok(Step::Next);
        };
        for p in delta.delta.content {
            r.progress
                .enter(&delta.id, p.index.unwrap_or(0), &mut r.answer, r.out)?;
            let text = if p.kind == "text" {
                p.text.unwrap_or_default()
            } else {
                TextPart {
                    value: Some(p.shown_text()),
                    annotations: Vec::new(),
                }
            };
            for a in &text.annotations {
                if let Some((start, end, file_id)) = a.citation() {
                    let filename = self.names.get(self.http, &file_id).await;
                    r.answer.cite(start, end, file_id, filename, r.out)?;
                    r.progress.cited();
                }
            }
            if let Some(value) = text.value {
                r.answer.text(&value, r.out)?;
            }
        }
        Ok(Step::Next)
    }

    /// A message done: printed whole when none of it came as deltas (a server that sends
    /// none), as a recovery prints it. One that did come is taken as it was streamed, and
    /// one that cannot be read is left, as before this was read at all.
    async fn on_message_completed(&mut self, data: &[u8], r: &mut Reader<'_>) -> Result<Step> {
        let Ok(m) = serde_json::from_slice::<WireMessage>(data) else {
            return Ok(Step::Next);
        };
        if m.role != "assistant" || r.progress.entered(&m.id) {
            return Ok(Step::Next);
        }
        let mut parts = Vec::new();
        for (i, p) in m.content.iter().enumerate() {
            let part = p.to_part(self.http, &mut self.names).await;
            parts.push(((m.id.clone(), i as u32), part));
        }
        r.progress.append(parts, &mut r.answer, r.out)?;
        Ok(Step::Next)
    }

    /// A run event: its ids, and its outcome once it has one.
    async fn on_run(&mut self, data: &[u8], r: &mut Reader<'_>) -> Result<Step> {
        let Some(run) = parse::<Run>(data, r) else {
            return Ok(Step::Next);
        };
        if let Some(id) = run.id.clone() {
            r.state.response = Some(id);
        }
        if r.state.thread.is_none() {
            r.state.thread = run.thread_id.clone();
        }
        Ok(match self.run_outcome(&run, r.state).await {
            Some(outcome) => Step::End(outcome),
            None => Step::Next,
        })
    }

    /// An unnamed event with an error object: a compatible server's error, which nothing
    /// follows.
    fn on_unnamed(&mut self, data: &[u8], r: &mut Reader) -> Result<Step> {
        let Some(data) = parse::<Value>(data, r) else {
            return Ok(Step::Next);
        };
        if !data.get("error").is_some_and(Value::is_object) {
            return Ok(Step::Next);
        }
        let e = ApiError::from_value(&data);
        Ok(Step::End(Outcome {
            status: Some(Status::Failed),
            reason: e.code,
            message: e.message,
            usage: None,
        }))
    }

    /// The outcome a run's `status` gives; `None` while the run goes on.
    async fn run_outcome(&mut self, run: &Run, state: &AskState) -> Option<Outcome> {
        let usage = run.usage.as_ref().map(|u| Usage {
            input_tokens: u.prompt_tokens,
            output_tokens: u.completion_tokens,
            total_tokens: u.total_tokens,
        });
        let last_error = run
            .last_error
            .as_ref()
            .filter(|v| !v.is_null())
            .map(ApiError::from_value)
            .or_else(|| self.announced.take())
            .unwrap_or_default();
        let run_reason = run
            .incomplete_details
            .as_ref()
            .and_then(|d| d.get("reason"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let (status, reason, message) = match run.status.as_deref()? {
            // Real traffic has sent a run "completed" with incomplete_details, after a
            // message that ended incomplete: the answer was cut short all the same.
            "completed" => match run_reason.or_else(|| self.incomplete.take()) {
                Some(reason) => (Status::Incomplete, Some(reason), None),
                None => (Status::Completed, None, None),
            },
            "incomplete" => (
                Status::Incomplete,
                run_reason.or_else(|| self.incomplete.take()),
                None,
            ),
            "failed" => (Status::Failed, last_error.code, last_error.message),
            "expired" => (
                Status::Failed,
                Some("expired".into()),
                Some("the run expired".into()),
            ),
            "cancelled" | "cancelling" => (Status::Cancelled, None, None),
            "requires_action" => {
                // asst defines no function tools, so nothing can answer the call: stop the run.
                cancel(self.http, state, true).await;
                (
                    Status::Failed,
                    Some("requires_action".into()),
                    Some("the assistant asked to call a function, which asst cannot do; the run was cancelled".into()),
                )
            }
            _ => return None,
        };
        Some(Outcome {
            status: Some(status),
            reason,
            message,
            usage,
        })
    }
}

/// The file_search results of a completed run step (present when `include[]` asked).
fn search_results(step: &Value) -> Vec<crate::events::SearchResult> {
    let calls = step
        .pointer("/step_details/tool_calls")
        .and_then(Value::as_array);
    let results = calls
        .into_iter()
        .flatten()
        .filter_map(|c| c.pointer("/file_search/results").and_then(Value::as_array))
        .flatten();
    results
        .map(|r| {
            let text = r
                .get("content")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join("\n");
            crate::events::SearchResult {
                file_id: r
                    .get("file_id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                filename: r
                    .get("file_name")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                score: r.get("score").and_then(Value::as_f64),
                text,
                attributes: None,
            }
        })
        .collect()
}

/// Cancels the run in `state`, if any, waiting a few seconds at most.
/// `report` says on stderr how it went; a cancel because stdout was closed stays quiet.
pub async fn cancel(http: &Http, state: &AskState, report: bool) {
    if let (Some(thread), Some(run)) = (&state.thread, &state.response) {
        let path = format!("/threads/{thread}/runs/{run}/cancel");
        super::cancel_quietly(http, API, &path, &format!("run {run}"), report).await;
    }
}
