//! Responses + Conversations: a thread is a conversation (`conv_…`), an answer is a
//! streamed response created in it.

use super::{check_id, compose_message, finish, AskRequest, AskState, Part, RawCitation};
use crate::answer::Answer;
use crate::error::{Error, Result};
use crate::events::{Api, Event, Status, Usage};
use crate::http::{ApiError, Http};
use crate::render::Render;
use serde::Deserialize;
use serde_json::{json, Map, Value};

const API: Api = Api::Responses;

#[derive(Debug, Deserialize)]
pub struct Conversation {
    pub id: String,
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

pub async fn create_thread(http: &Http, metadata: &Map<String, Value>) -> Result<Value> {
    let mut body = json!({});
    if !metadata.is_empty() {
        body["metadata"] = Value::Object(metadata.clone());
    }
    let conv: Value = http.post(API, "/conversations", &body).await?;
    if conv.get("id").and_then(Value::as_str).is_none() {
        return Err(Error::failed(
            "the server created a conversation without an id",
        ));
    }
    Ok(conv)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ItemList {
    data: Vec<Item>,
    has_more: bool,
    last_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Item {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    role: String,
    content: Vec<ContentPart>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ContentPart {
    #[serde(rename = "type")]
    kind: String,
    text: Option<String>,
    refusal: Option<String>,
    filename: Option<String>,
    annotations: Vec<Annotation>,
}

#[derive(Debug, Default, Deserialize)]
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
    let path = format!("/conversations/{thread}/items");
    let mut after: Option<String> = None;
    loop {
        let mut query = vec![("limit", "100"), ("order", "asc")];
        if let Some(a) = &after {
            query.push(("after", a));
        }
        let page: ItemList = http
            .get(API, &path, &query)
            .await
            .map_err(|e| not_found(e, thread))?;
        for item in page.data.into_iter().filter(|i| i.kind == "message") {
            let parts = item
                .content
                .into_iter()
                .map(|p| {
                    let text = match p.kind.as_str() {
                        "input_text" | "output_text" | "text" => p.text.unwrap_or_default(),
                        "refusal" => p.refusal.unwrap_or_default(),
                        other => match p.filename {
                            Some(f) => format!("[{other}: {f}]"),
                            None => format!("[{other}]"),
                        },
                    };
                    Part {
                        text,
                        citations: p
                            .annotations
                            .into_iter()
                            .filter_map(Annotation::citation)
                            .collect(),
                    }
                })
                .collect();
            out.message(&compose_message(
                item.id, thread, item.role, None, parts, markers,
            ))?;
        }
        out.flush()?;
        match (page.has_more, page.last_id) {
            (true, Some(last)) => after = Some(last),
            _ => return Ok(()),
        }
    }
}

fn not_found(e: Error, thread: &str) -> Error {
    if e.kind == crate::error::Kind::NotFound {
        Error::new(
            e.kind,
            format!("conversation {thread} not found ({})", e.message),
        )
    } else {
        e
    }
}

/// The fields of a Responses stream event that asst reads; everything else is ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StreamEvent {
    #[serde(rename = "type")]
    kind: String,
    item_id: Option<String>,
    content_index: Option<u32>,
    delta: Option<String>,
    annotation: Option<Annotation>,
    response: Option<WireResponse>,
    /// Real traffic nests the error object; the spec has its fields flat on the event.
    error: Option<Value>,
    code: Option<Value>,
    message: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireResponse {
    id: Option<String>,
    status: Option<String>,
    error: Option<Value>,
    incomplete_details: Option<Value>,
    usage: Option<WireUsage>,
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
            let conv = create_thread(http, &Map::new()).await?;
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
    }
    let mut stream = http
        .stream(API, "/responses", &[], &body)
        .await
        .map_err(|e| not_found(e, &thread))?;

    let mut answer = Answer::new(req.markers);
    let mut part: Option<(String, u32)> = None;
    let mut stream_error: Option<ApiError> = None;
    while let Some(sse) = stream.next().await? {
        let ev: StreamEvent = match serde_json::from_str(&sse.data) {
            Ok(ev) => ev,
            Err(e) => {
                return Err(Error::failed(format!(
                    "the server sent an event asst cannot read ({e})"
                )))
            }
        };
        let kind = if ev.kind.is_empty() {
            sse.event.as_str()
        } else {
            ev.kind.as_str()
        };
        match kind {
            "response.created" | "response.queued" | "response.in_progress" => {
                if let Some(id) = ev.response.and_then(|r| r.id) {
                    state.response = Some(id);
                }
            }
            "response.output_text.delta" | "response.refusal.delta" => {
                let key = (
                    ev.item_id.unwrap_or_default(),
                    ev.content_index.unwrap_or(0),
                );
                if part.as_ref() != Some(&key) {
                    answer.new_part(out)?;
                    part = Some(key);
                }
                if let Some(delta) = ev.delta {
                    answer.text(&delta, out)?;
                }
            }
            "response.output_text.annotation.added" => {
                if let Some(c) = ev.annotation.and_then(Annotation::citation) {
                    answer.cite(c.start, c.end, c.file_id, c.filename, out)?;
                }
            }
            "error" => {
                let v = match ev.error {
                    Some(e) => e,
                    None => json!({"code": ev.code, "message": ev.message}),
                };
                stream_error = Some(ApiError::from_value(&v));
            }
            "response.completed" | "response.incomplete" | "response.failed" => {
                let r = ev.response.unwrap_or_default();
                if let Some(id) = r.id {
                    state.response = Some(id);
                }
                let status = match (kind, r.status.as_deref()) {
                    (_, Some("completed")) => Status::Completed,
                    (_, Some("incomplete")) | ("response.incomplete", _) => Status::Incomplete,
                    (_, Some("cancelled")) => Status::Cancelled,
                    ("response.completed", None) => Status::Completed,
                    _ => Status::Failed,
                };
                let failure = r
                    .error
                    .as_ref()
                    .map(ApiError::from_value)
                    .or(stream_error.take())
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
                finish(
                    &mut answer,
                    out,
                    state,
                    status,
                    reason,
                    failure.message,
                    usage,
                )?;
                out.flush()?;
                return Ok(());
            }
            _ => {} // the API adds events over time: ignore what asst does not use
        }
        if !stream.has_ready() {
            out.flush()?;
        }
    }
    answer.end_part(out)?;
    out.flush()?;
    Err(match stream_error {
        Some(e) => Error::failed(format!(
            "the response failed: {} ({})",
            e.message.unwrap_or_else(|| "no message".into()),
            e.code.unwrap_or_else(|| "no code".into())
        )),
        None => Error::failed("the stream ended before the answer was complete"),
    })
}
