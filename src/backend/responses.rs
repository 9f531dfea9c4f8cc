//! Responses + Conversations: a thread is a conversation (`conv_…`), an answer is a
//! streamed response created in it.

use super::{
    check_id, compose_message, finish, poll_until_done, stream_failure, unreadable_events,
    AskRequest, AskState, Cut, Pages, Part, Progress, RawCitation,
};
use crate::answer::Answer;
use crate::error::{Error, Result};
use crate::events::{Api, Event, Status, Usage};
use crate::http::{ApiError, Http};
use crate::output::notice;
use crate::render::Render;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::borrow::Cow;

const API: Api = Api::Responses;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Item {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    role: String,
    content: Vec<ContentPart>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
struct ContentPart {
    #[serde(rename = "type")]
    kind: String,
    text: Option<String>,
    refusal: Option<String>,
    filename: Option<String>,
    annotations: Vec<Annotation>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
struct Annotation {
    #[serde(rename = "type")]
    kind: String,
    file_id: Option<String>,
    filename: Option<String>,
    index: Option<usize>,
}

impl Annotation {
    /// A file citation at a character offset; other annotation types are not cited.
    fn citation(self) -> Option<RawCitation> {
        if self.kind != "file_citation" {
            return None;
        }
        let at = self.index.unwrap_or(usize::MAX);
        Some(RawCitation {
            start: at,
            end: at,
            file_id: self.file_id?,
            filename: self.filename,
        })
    }
}

pub async fn show_thread(
    http: &Http,
    thread: &str,
    markers: bool,
    out: &mut dyn Render,
) -> Result<()> {
    check_id(thread, "conversation")?;
    let mut pages = Pages::new(http, API, format!("/conversations/{thread}/items"), "asc");
    let conversation = format!("conversation {thread}");
    while let Some(items) = pages
        .next::<Item>()
        .await
        .map_err(|e| e.naming(&conversation))?
    {
        for item in items.into_iter().filter(|i| i.kind == "message") {
            let parts = item
                .content
                .into_iter()
                .map(ContentPart::into_part)
                .collect();
            out.message(&compose_message(
                item.id, thread, item.role, None, parts, markers,
            ))?;
        }
        out.flush()?;
    }
    Ok(())
}

impl ContentPart {
    /// The text a stored part shows, with its file citations.
    fn into_part(self) -> Part {
        let text = match self.kind.as_str() {
            "input_text" | "output_text" | "text" => self.text.unwrap_or_default(),
            "refusal" => self.refusal.unwrap_or_default(),
            other => match self.filename {
                Some(f) => format!("[{other}: {f}]"),
                None => format!("[{other}]"),
            },
        };
        let citations = self
            .annotations
            .into_iter()
            .filter_map(Annotation::citation)
            .collect();
        Part { text, citations }
    }
}

/// The fields of a Responses stream event that asst reads; everything else is ignored.
/// Strings borrow from the event's bytes where they can: a delta costs no allocation. The
/// struct stays small (rare, large fields are boxed, and absent fields are simply `None`
/// rather than a whole default value built and moved per event): a delta event is parsed
/// a hundred thousand times in a long answer.
#[derive(Debug, Deserialize)]
struct StreamEvent<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Cow<'a, str>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    item_id: Option<Cow<'a, str>>,
    content_index: Option<u32>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    delta: Option<Cow<'a, str>>,
    annotation: Option<Box<Annotation>>,
    response: Option<Box<WireResponse>>,
    /// An output item (`response.output_item.done`), read only for file search results.
    item: Option<Box<Value>>,
    /// Real traffic nests the error object; the spec has its fields flat on the event.
    error: Option<Box<Value>>,
    code: Option<Box<Value>>,
    message: Option<String>,
}

#[cfg(test)]
pub(super) type DeltaFields = (String, Option<String>, Option<u32>, Option<String>);

/// What serde reads from an event for the fields of a delta (the reference that
/// `delta::read` is tested against): type, item id, content index, text.
#[cfg(test)]
pub(super) fn serde_delta(data: &str) -> std::result::Result<DeltaFields, String> {
    let ev: StreamEvent = serde_json::from_str(data).map_err(|e| e.to_string())?;
    Ok((
        ev.kind.into_owned(),
        ev.item_id.map(Cow::into_owned),
        ev.content_index,
        ev.delta.map(Cow::into_owned),
    ))
}

/// An optional string borrowed from the event when it has no escapes. (serde's `borrow`
/// reaches a `Cow` field, not a `Cow` inside an `Option`: that one is always copied.)
fn borrowed<'de: 'a, 'a, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Cow<'a, str>>, D::Error> {
    #[derive(Deserialize)]
    struct Borrowed<'a>(#[serde(borrow)] Cow<'a, str>);
    Ok(Option::<Borrowed>::deserialize(d)?.map(|b| b.0))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireResponse {
    id: Option<String>,
    status: Option<String>,
    error: Option<Value>,
    incomplete_details: Option<Value>,
    usage: Option<WireUsage>,
    /// Only in a retrieved response (recovery); streamed events carry none worth reading.
    output: Vec<Item>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireUsage {
    input_tokens: u64,
    output_tokens: u64,
    total_tokens: u64,
}

pub async fn ask(
    http: &Http,
    req: &AskRequest,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    let (thread, created) = match &req.thread {
        Some(t) => {
            check_id(t, "conversation")?;
            (t.clone(), false)
        }
        None => {
            let conv = super::create_thread(http, API, &Map::new()).await?;
            (conv["id"].as_str().unwrap_or_default().to_string(), true)
        }
    };
    state.thread = Some(thread.clone());
    out.event(Event::Thread {
        schema: crate::events::SCHEMA,
        id: thread.clone(),
        api: API,
        created,
    })?;
    out.flush()?;

    let model = req.model.clone().ok_or_else(|| {
        Error::config("no model: set --model or ASST_MODEL (on Azure, the deployment name)")
    })?;
    let mut body = json!({
        "model": model,
        "input": req.prompt,
        "conversation": thread,
        "stream": true,
    });
    if let Some(instructions) = &req.instructions {
        body["instructions"] = json!(instructions);
    }
    if !req.vector_stores.is_empty() {
        body["tools"] = json!([{"type": "file_search", "vector_store_ids": req.vector_stores}]);
        if req.show_search {
            body["include"] = json!(["file_search_call.results"]);
        }
    }
    let stream = http
        .stream(API, "/responses", &[], &body)
        .await
        .map_err(|e| e.naming(format!("conversation {thread}")))?;

    let mut answer = Answer::new(req.markers);
    let mut progress = Progress::default();
    let mut unreadable = 0;
    let cut = match read_stream(
        stream,
        req.show_search,
        &mut answer,
        &mut progress,
        &mut unreadable,
        state,
        out,
    )
    .await?
    {
        Some(cut) => cut,
        None => return unreadable_events(unreadable),
    };
    // The stream stopped short of the outcome: the stored response has the rest.
    out.flush()?;
    let Some(id) = state.response.clone() else {
        return Err(cut.into_error(state, None));
    };
    let budget = http.idle_timeout();
    let path = format!("/responses/{id}");
    let fetched = poll_until_done(budget, || async {
        let r: WireResponse = http.get(API, &path, &[]).await?;
        let terminal = !matches!(r.status.as_deref(), Some("queued" | "in_progress") | None);
        Ok((r, terminal))
    })
    .await;
    let mut r = match fetched {
        Ok(r) => r,
        Err(e) => return Err(cut.into_error(state, Some(e))),
    };
    notice(&format!(
        "the stream was cut; recovered the rest of the answer from response {id}"
    ));
    let parts = std::mem::take(&mut r.output)
        .into_iter()
        .filter(|item| item.kind == "message")
        .flat_map(|item| {
            let id = item.id;
            let parts = item.content.into_iter().enumerate();
            parts.map(move |(i, p)| ((id.clone(), i as u32), p.into_part()))
        })
        .collect();
    progress.resume(parts, &mut answer, out)?;
    let status = status_of("", r.status.as_deref());
    conclude(r, status, None, &mut answer, state, out)?;
    unreadable_events(unreadable)
}

/// A response's outcome from its `status` field, or from the terminal event's name
/// (`""` when there is none) when the status is missing.
fn status_of(event: &str, status: Option<&str>) -> Status {
    match (event, status) {
        (_, Some("completed")) => Status::Completed,
        (_, Some("incomplete")) | ("response.incomplete", _) => Status::Incomplete,
        (_, Some("cancelled")) => Status::Cancelled,
        ("response.completed", None) => Status::Completed,
        _ => Status::Failed,
    }
}

/// One file_search result: `{file_id, filename, score, text}`.
fn search_result(r: &Value) -> crate::events::SearchResult {
    let text = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
    crate::events::SearchResult {
        file_id: text("file_id").unwrap_or_default(),
        filename: text("filename"),
        score: r.get("score").and_then(Value::as_f64),
        text: text("text").unwrap_or_default(),
    }
}

fn is_text_delta(kind: &str) -> bool {
    matches!(
        kind,
        "response.output_text.delta" | "response.refusal.delta"
    )
}

fn on_delta(
    item: Option<&str>,
    content_index: Option<u32>,
    delta: Option<&str>,
    answer: &mut Answer,
    progress: &mut Progress,
    out: &mut dyn Render,
) -> Result<()> {
    progress.enter(
        item.unwrap_or_default(),
        content_index.unwrap_or(0),
        answer,
        out,
    )?;
    if let Some(delta) = delta {
        answer.text(delta, out)?;
    }
    Ok(())
}

/// Reads the stream until the response's outcome (`None`) or until it is cut (`Some`).
async fn read_stream(
    mut stream: crate::http::EventStream,
    show_search: bool,
    answer: &mut Answer,
    progress: &mut Progress,
    unreadable: &mut usize,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<Option<Cut>> {
    let mut stream_error: Option<ApiError> = None;
    loop {
        let sse = match stream.next(&mut || out.flush()).await {
            Ok(Some(sse)) => sse,
            Ok(None) => {
                // An error event without the response.failed that should follow it.
                if let Some(e) = stream_error {
                    answer.end_part(out)?;
                    return Err(stream_failure(e, "response"));
                }
                return Ok(Some(Cut::Ended));
            }
            Err(e) => return Ok(Some(Cut::Broken(e))),
        };
        // One UTF-8 check for the whole event, then parsers that need not check each string.
        let Ok(data) = std::str::from_utf8(sse.data) else {
            *unreadable += 1;
            continue;
        };
        // Deltas are nearly every event: the common shape is read without serde.
        if sse.event.ends_with(".delta") {
            if let Some(d) = super::delta::read(data) {
                let kind = if d.kind.is_empty() { sse.event } else { d.kind };
                if is_text_delta(kind) {
                    on_delta(
                        d.item_id,
                        d.content_index,
                        d.delta.as_deref(),
                        answer,
                        progress,
                        out,
                    )?;
                }
                // Other deltas (reasoning, tool arguments) are not shown: done with it.
                if kind.ends_with(".delta") {
                    continue;
                }
            }
        }
        let Ok(ev) = serde_json::from_str::<StreamEvent>(data) else {
            *unreadable += 1;
            continue;
        };
        let kind = if ev.kind.is_empty() {
            sse.event
        } else {
            &*ev.kind
        };
        match kind {
            "response.created" | "response.queued" | "response.in_progress" => {
                if let Some(id) = ev.response.and_then(|r| r.id) {
                    state.response = Some(id);
                }
            }
            kind if is_text_delta(kind) => on_delta(
                ev.item_id.as_deref(),
                ev.content_index,
                ev.delta.as_deref(),
                answer,
                progress,
                out,
            )?,
            "response.output_item.done" if show_search => {
                let item = ev.item.unwrap_or_default();
                if item.get("type").and_then(Value::as_str) == Some("file_search_call") {
                    for r in item
                        .get("results")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        out.event(Event::Search(search_result(r)))?;
                    }
                }
            }
            "response.output_text.annotation.added" => {
                if let Some(c) = ev.annotation.and_then(|a| a.citation()) {
                    answer.cite(c.start, c.end, c.file_id, c.filename, out)?;
                    progress.cited();
                }
            }
            "error" => {
                let v = match ev.error {
                    Some(e) => *e,
                    None => json!({"code": ev.code, "message": ev.message}),
                };
                stream_error = Some(ApiError::from_value(&v));
            }
            "response.completed" | "response.incomplete" | "response.failed" => {
                let r = ev.response.unwrap_or_default();
                let status = status_of(kind, r.status.as_deref());
                conclude(*r, status, stream_error.take(), answer, state, out)?;
                return Ok(None);
            }
            // Any other event with an error object is an error: compatible servers send one
            // without a type (and without a `response.failed` after it), so it ends the answer.
            _ if ev.error.as_deref().is_some_and(Value::is_object) => {
                let e = ev.error.as_deref().map(ApiError::from_value);
                conclude(
                    WireResponse::default(),
                    Status::Failed,
                    e,
                    answer,
                    state,
                    out,
                )?;
                return Ok(None);
            }
            _ => {} // the API adds events over time: ignore what asst does not use
        }
    }
}

/// Emits `done` for a response that reached its outcome and maps the outcome to a result.
fn conclude(
    r: WireResponse,
    status: Status,
    stream_error: Option<ApiError>,
    answer: &mut Answer,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    if let Some(id) = r.id {
        state.response = Some(id);
    }
    let failure = r
        .error
        .as_ref()
        .map(ApiError::from_value)
        .or(stream_error)
        .unwrap_or_default();
    let reason = match status {
        Status::Incomplete => r
            .incomplete_details
            .as_ref()
            .and_then(|d| d.get("reason"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => failure.code.clone(),
    };
    let usage = r.usage.map(|u| Usage {
        input_tokens: u.input_tokens,
        output_tokens: u.output_tokens,
        total_tokens: u.total_tokens,
    });
    let result = finish(answer, out, state, status, reason, failure.message, usage);
    out.flush()?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_events_borrow_their_strings() {
        let data = r#"{"type":"response.output_text.delta","item_id":"msg_1","content_index":0,"delta":" word","logprobs":[]}"#;
        let ev: StreamEvent = serde_json::from_str(data).unwrap();
        assert!(
            matches!(ev.delta, Some(Cow::Borrowed(" word"))),
            "{:?}",
            ev.delta
        );
        assert!(
            matches!(ev.item_id, Some(Cow::Borrowed("msg_1"))),
            "{:?}",
            ev.item_id
        );
        assert!(matches!(ev.kind, Cow::Borrowed(_)));
        // escapes need a copy, and absent or null fields are None
        let ev: StreamEvent = serde_json::from_str(r#"{"delta":"a\nb","item_id":null}"#).unwrap();
        assert_eq!(ev.delta.as_deref(), Some("a\nb"));
        assert_eq!(ev.item_id, None);
        assert_eq!(ev.content_index, None);
    }
}
