//! Assistants v2 (legacy): threads (`thread_…`), streamed runs, messages.
//!
//! The stream's JSON has no `type` field: events are told apart by the SSE `event:` name,
//! but a run's outcome is read from its `status` field (real traffic has sent
//! `thread.run.completed` with `"status":"incomplete"`).

use super::{
    check_id, compose_message, finish, poll_until_done, stream_failure, unreadable_events,
    AskRequest, AskState, Cut, Pages, Part, Progress, RawCitation,
};
use crate::answer::Answer;
use crate::error::{Error, Kind, Result};
use crate::events::{Api, Event, Status, Usage};
use crate::http::{ApiError, Http};
use crate::output::notice;
use crate::render::Render;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
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
    data: Vec<WireMessage>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireMessage {
    id: String,
    role: String,
    created_at: Option<i64>,
    content: Vec<ContentPart>,
}

/// A content part of a message or of a message delta.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ContentPart {
    index: Option<u32>,
    #[serde(rename = "type")]
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
    annotations: Vec<Annotation>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Annotation {
    #[serde(rename = "type")]
    kind: String,
    start_index: Option<usize>,
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

/// File names by file id, learned from run steps or looked up once per file.
#[derive(Default)]
struct FileNames(HashMap<String, Option<String>>);

impl FileNames {
    async fn get(&mut self, http: &Http, file_id: &str) -> Option<String> {
        if let Some(name) = self.0.get(file_id) {
            return name.clone();
        }
        #[derive(Deserialize)]
        struct File {
            filename: Option<String>,
        }
        let path = format!("/files/{file_id}");
        // A file that cannot be looked up is cited by its id; the answer matters more.
        let name = match check_id(file_id, "file") {
            Ok(()) => http
                .get::<File>(API, &path, &[])
                .await
                .ok()
                .and_then(|f| f.filename),
            Err(_) => None,
        };
        self.0.insert(file_id.to_string(), name.clone());
        name
    }

    /// Reads `file_name`s from a run step's file_search results.
    fn learn(&mut self, step: &Value) {
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
                    self.0.insert(id.to_string(), Some(name.to_string()));
                }
            }
        }
    }
}

pub async fn show_thread(
    http: &Http,
    thread: &str,
    markers: bool,
    out: &mut dyn Render,
) -> Result<()> {
    check_id(thread, "thread")?;
    let mut names = FileNames::default();
    let mut pages = Pages::new(http, API, format!("/threads/{thread}/messages"), "asc");
    let named = format!("thread {thread}");
    while let Some(messages) = pages
        .next::<WireMessage>()
        .await
        .map_err(|e| e.naming(&named))?
    {
        for m in messages {
            let mut parts = Vec::new();
            for p in &m.content {
                parts.push(p.to_part(http, &mut names).await);
            }
            out.message(&compose_message(
                m.id,
                thread,
                m.role,
                m.created_at,
                parts,
                markers,
            ))?;
        }
        out.flush()?;
    }
    Ok(())
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
    prompt_tokens: u64,
    completion_tokens: u64,
    total_tokens: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MessageDelta {
    id: String,
    delta: DeltaBody,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DeltaBody {
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
    if let Some(model) = &req.model {
        body["model"] = json!(model);
    }
    if let Some(instructions) = &req.instructions {
        body["instructions"] = json!(instructions);
    }
    let stream = match &req.thread {
        Some(thread) => {
            check_id(thread, "thread")?;
            state.thread = Some(thread.clone());
            out.event(Event::Thread {
                schema: crate::events::SCHEMA,
                id: thread.clone(),
                api: API,
                created: false,
            })?;
            out.flush()?;
            body["additional_messages"] = json!([message]);
            let path = format!("/threads/{thread}/runs");
            http.stream(API, &path, &[INCLUDE_RESULTS], &body)
                .await
                .map_err(|e| busy(e.naming(format!("thread {thread}")), thread))?
        }
        None => {
            body["thread"] = json!({"messages": [message]});
            if !req.vector_stores.is_empty() {
                body["tool_resources"] =
                    json!({"file_search": {"vector_store_ids": req.vector_stores}});
            }
            // createThreadAndRun takes no include[]: file names come from /files when needed.
            http.stream(API, "/threads/runs", &[], &body).await?
        }
    };
    run_stream(http, stream, req.markers, req.show_search, state, out).await
}

async fn run_stream(
    http: &Http,
    stream: crate::http::EventStream,
    markers: bool,
    show_search: bool,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    let mut answer = Answer::new(markers);
    let mut names = FileNames::default();
    let mut progress = Progress::default();
    let mut unreadable = 0;
    let mut read = Reading {
        http,
        answer: &mut answer,
        names: &mut names,
        progress: &mut progress,
        unreadable: &mut unreadable,
        show_search,
        state,
        out,
    };
    let cut = match read.stream(stream).await? {
        Some(cut) => cut,
        None => return unreadable_events(unreadable),
    };
    // The stream stopped short of the outcome: ask the server how the run went.
    out.flush()?;
    let (Some(thread), Some(run_id)) = (state.thread.clone(), state.response.clone()) else {
        return Err(cut.into_error(state, None));
    };
    let recovered = async {
        let path = format!("/threads/{thread}/runs/{run_id}");
        let run: Run = poll_until_done(http.idle_timeout(), || async {
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
        let messages = list.data;
        Ok::<_, Error>((run, messages))
    }
    .await;
    let (run, messages) = match recovered {
        Ok(r) => r,
        Err(e) => return Err(cut.into_error(state, Some(e))),
    };
    notice(&format!(
        "the stream was cut; recovered the rest of the answer from run {run_id}"
    ));
    let mut parts = Vec::new();
    for m in messages.into_iter().filter(|m| m.role == "assistant") {
        for (i, p) in m.content.iter().enumerate() {
            parts.push(((m.id.clone(), i as u32), p.to_part(http, &mut names).await));
        }
    }
    progress.resume(parts, &mut answer, out)?;
    let mut no_error = None;
    match outcome(http, &run, &mut answer, state, out, &mut no_error).await {
        Some(result) => {
            out.flush()?;
            result?;
            unreadable_events(unreadable)
        }
        None => Err(Cut::Ended.into_error(state, None)),
    }
}

/// The state of reading one run stream.
struct Reading<'a> {
    http: &'a Http,
    answer: &'a mut Answer,
    names: &'a mut FileNames,
    progress: &'a mut Progress,
    unreadable: &'a mut usize,
    show_search: bool,
    state: &'a mut AskState,
    out: &'a mut dyn Render,
}

impl Reading<'_> {
    /// Reads until the run's outcome (`None`) or until the stream is cut (`Some`).
    async fn stream(&mut self, mut stream: crate::http::EventStream) -> Result<Option<Cut>> {
        let mut stream_error: Option<ApiError> = None;
        loop {
            let sse = match stream.next(&mut || self.out.flush()).await {
                Ok(Some(sse)) => sse,
                Ok(None) => break,
                Err(e) => return Ok(Some(Cut::Broken(e))),
            };
            if sse.data == b"[DONE]" {
                break;
            }
            // Each event is parsed once, straight into the type its name calls for.
            // One UTF-8 check for the whole event, then a parser that need not check each
            // string; each event is parsed once, straight into the type its name calls for.
            fn parse<'a, T: Deserialize<'a>>(data: &'a [u8], unreadable: &mut usize) -> Option<T> {
                let parsed = std::str::from_utf8(data)
                    .ok()
                    .and_then(|t| serde_json::from_str(t).ok());
                *unreadable += usize::from(parsed.is_none());
                parsed
            }
            let unreadable = &mut *self.unreadable;
            match sse.event {
                "thread.created" => {
                    let Some(data) = parse::<Value>(sse.data, unreadable) else {
                        continue;
                    };
                    if let Some(id) = data.get("id").and_then(Value::as_str) {
                        self.state.thread = Some(id.to_string());
                        self.out.event(Event::Thread {
                            schema: crate::events::SCHEMA,
                            id: id.to_string(),
                            api: API,
                            created: true,
                        })?;
                    }
                }
                "thread.run.step.completed" | "thread.run.step.delta" => {
                    let Some(data) = parse::<Value>(sse.data, unreadable) else {
                        continue;
                    };
                    self.names.learn(&data);
                    if self.show_search && sse.event == "thread.run.step.completed" {
                        for r in search_results(&data) {
                            self.out.event(Event::Search(r))?;
                        }
                    }
                }
                "thread.message.delta" => {
                    let Some(delta) = parse::<MessageDelta>(sse.data, unreadable) else {
                        continue;
                    };
                    for p in delta.delta.content {
                        self.progress.enter(
                            &delta.id,
                            p.index.unwrap_or(0),
                            self.answer,
                            self.out,
                        )?;
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
                                self.answer.cite(start, end, file_id, filename, self.out)?;
                                self.progress.cited();
                            }
                        }
                        if let Some(value) = text.value {
                            self.answer.text(&value, self.out)?;
                        }
                    }
                }
                "error" => {
                    let Some(data) = parse::<Value>(sse.data, unreadable) else {
                        continue;
                    };
                    stream_error = Some(ApiError::from_value(&data));
                }
                name if name.starts_with("thread.run.")
                    && !name.starts_with("thread.run.step.") =>
                {
                    let Some(run) = parse::<Run>(sse.data, unreadable) else {
                        continue;
                    };
                    if let Some(id) = run.id.clone() {
                        self.state.response = Some(id);
                    }
                    if self.state.thread.is_none() {
                        self.state.thread = run.thread_id.clone();
                    }
                    let end = outcome(
                        self.http,
                        &run,
                        self.answer,
                        self.state,
                        self.out,
                        &mut stream_error,
                    )
                    .await;
                    if let Some(result) = end {
                        self.out.flush()?;
                        return result.map(|()| None);
                    }
                }
                // An unnamed event with an error object: a compatible server's error, which
                // nothing follows.
                "" => {
                    let Some(data) = parse::<Value>(sse.data, unreadable) else {
                        continue;
                    };
                    if data.get("error").is_some_and(Value::is_object) {
                        let e = ApiError::from_value(&data);
                        let result = finish(
                            self.answer,
                            self.out,
                            self.state,
                            Status::Failed,
                            e.code,
                            e.message,
                            None,
                        );
                        self.out.flush()?;
                        return result.map(|()| None);
                    }
                }
                _ => {} // message/step lifecycle and future events: nothing to show
            }
        }
        // The body ended (or said [DONE]) without the run's outcome.
        if let Some(e) = stream_error {
            self.answer.end_part(self.out)?;
            return Err(stream_failure(e, "run"));
        }
        Ok(Some(Cut::Ended))
    }
}

/// The outcome of a run event, decided by its `status`; `None` while the run goes on.
async fn outcome(
    http: &Http,
    run: &Run,
    answer: &mut Answer,
    state: &mut AskState,
    out: &mut dyn Render,
    stream_error: &mut Option<ApiError>,
) -> Option<Result<()>> {
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
        .or_else(|| stream_error.take())
        .unwrap_or_default();
    let (status, reason, message) = match run.status.as_deref()? {
        "completed" => (Status::Completed, None, None),
        "incomplete" => (
            Status::Incomplete,
            run.incomplete_details
                .as_ref()
                .and_then(|d| d.get("reason"))
                .and_then(Value::as_str)
                .map(str::to_string),
            None,
        ),
        "failed" => (
            Status::Failed,
            last_error.code.clone(),
            last_error.message.clone(),
        ),
        "expired" => (
            Status::Failed,
            Some("expired".into()),
            Some("the run expired".into()),
        ),
        "cancelled" | "cancelling" => (Status::Cancelled, None, None),
        "requires_action" => {
            // asst defines no function tools, so nothing can answer the call: stop the run.
            cancel(http, state, true).await;
            (
                Status::Failed,
                Some("requires_action".into()),
                Some("the assistant asked to call a function, which asst cannot do; the run was cancelled".into()),
            )
        }
        _ => return None,
    };
    Some(finish(answer, out, state, status, reason, message, usage))
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
            }
        })
        .collect()
}

/// Cancels the run in `state`, if any, waiting a few seconds at most.
/// `report` says on stderr how it went; a cancel because stdout was closed stays quiet.
pub async fn cancel(http: &Http, state: &AskState, report: bool) {
    let (Some(thread), Some(run)) = (&state.thread, &state.response) else {
        return;
    };
    let path = format!("/threads/{thread}/runs/{run}/cancel");
    let body = json!({});
    let request = http.post::<Value>(API, &path, &body);
    let said = match tokio::time::timeout(Duration::from_secs(5), request).await {
        Ok(Ok(_)) => format!("cancelled run {run}"),
        Ok(Err(e)) => format!("could not cancel run {run}: {}", e.message),
        Err(_) => format!("could not cancel run {run}: no answer in 5s"),
    };
    if report {
        notice(&said);
    }
}
