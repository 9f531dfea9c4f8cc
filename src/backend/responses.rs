//! Responses + Conversations: a thread is a conversation (`conv_…`), an answer is a
//! streamed response created in it.

use super::stream::{self, Family, Outcome, Reader, Step, Stored};
use super::{
    compose_message, poll_until_done, stream_failure, AskRequest, AskState, Part, RawCitation,
    ANSWER_PENDING,
};
use crate::error::{Error, Result};
use crate::events::{nullable, number, Api, Event, Status, Usage};
use crate::http::{ApiError, EventStream, Http};
use crate::id::ThreadId;
use crate::render::Render;
use crate::sse::SseEvent;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::time::Duration;

const API: Api = Api::Responses;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Item {
    #[serde(deserialize_with = "nullable")]
    id: String,
    #[serde(rename = "type")]
    #[serde(deserialize_with = "nullable")]
    kind: String,
    #[serde(deserialize_with = "nullable")]
    role: String,
    #[serde(deserialize_with = "nullable")]
    content: Vec<ContentPart>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
struct ContentPart {
    #[serde(rename = "type")]
    #[serde(deserialize_with = "nullable")]
    kind: String,
    text: Option<String>,
    refusal: Option<String>,
    filename: Option<String>,
    file_id: Option<String>,
    image_url: Option<String>,
    #[serde(deserialize_with = "nullable")]
    annotations: Vec<Annotation>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
struct Annotation {
    #[serde(rename = "type")]
    #[serde(deserialize_with = "nullable")]
    kind: String,
    file_id: Option<String>,
    filename: Option<String>,
    #[serde(deserialize_with = "crate::events::number")]
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
    thread: &ThreadId,
    window: &super::Window,
    markers: bool,
    out: &mut dyn Render,
) -> Result<()> {
    let path = format!("/conversations/{thread}/items");
    super::transcript(http, thread, path, window, out, async |item: Item| {
        if item.kind != "message" {
            return None; // tool calls, reasoning: not part of a transcript
        }
        let parts = item
            .content
            .into_iter()
            .map(ContentPart::into_part)
            .collect();
        Some(compose_message(
            item.id,
            thread.as_str(),
            item.role,
            None,
            parts,
            markers,
        ))
    })
    .await
}

impl ContentPart {
    /// The text a stored part shows, with its file citations.
    fn into_part(self) -> Part {
        let text = match self.kind.as_str() {
            "input_text" | "output_text" | "text" => self.text.unwrap_or_default(),
            "refusal" => self.refusal.unwrap_or_default(),
            // Other parts are named with what identifies them, never dropped silently.
            other => match self.filename.or(self.file_id).or(self.image_url) {
                Some(what) => format!("[{other}: {what}]"),
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
    /// Read for the number it holds however it is written (a string, a float), as the
    /// sequence number is: an index a gateway wrote oddly costs no text.
    #[serde(default, deserialize_with = "crate::events::number")]
    content_index: Option<u32>,
    #[serde(borrow, default, deserialize_with = "borrowed")]
    delta: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "crate::events::number")]
    sequence_number: Option<u64>,
    /// The whole text of a part (`response.output_text.done`), read when no delta brought
    /// any.
    #[serde(borrow, default, deserialize_with = "borrowed")]
    text: Option<Cow<'a, str>>,
    annotation: Option<Box<Annotation>>,
    response: Option<Box<WireResponse>>,
    /// An output item (`response.output_item.done`): read for file search results, and
    /// for a message when no text has been streamed.
    item: Option<Box<Value>>,
    /// Real traffic nests the error object; the spec has its fields flat on the event.
    error: Option<Box<Value>>,
    code: Option<Box<Value>>,
    message: Option<String>,
}

#[cfg(test)]
pub(super) type DeltaFields = (
    String,
    Option<String>,
    Option<u32>,
    Option<String>,
    Option<u64>,
);

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
        ev.sequence_number,
    ))
}

/// The names of every field `StreamEvent` reads, as serde's derive lists them: what the fast
/// delta reader must know (a field it skipped would be read by serde and lost by it).
#[cfg(test)]
pub(super) fn stream_event_fields() -> &'static [&'static str] {
    /// A deserializer that only notes the field list a struct asks for.
    struct Fields(Option<&'static [&'static str]>);
    impl<'de> serde::Deserializer<'de> for &mut Fields {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            _: V,
        ) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom(
                "only a struct's fields are asked for",
            ))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(serde::de::Error::custom("noted"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut fields = Fields(None);
    let _ = StreamEvent::deserialize(&mut fields);
    fields.0.expect("StreamEvent is a struct")
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
    /// A retrieved response's answer (recovery), and a completed event's: read when the
    /// stream brought no text (a server that streams no deltas).
    #[serde(deserialize_with = "nullable")]
    output: Vec<Item>,
    /// The conversation it belongs to: `"conv_…"` or `{"id": "conv_…"}`.
    conversation: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireUsage {
    #[serde(deserialize_with = "number")]
    input_tokens: u64,
    #[serde(deserialize_with = "number")]
    output_tokens: u64,
    #[serde(deserialize_with = "number")]
    total_tokens: u64,
}

pub async fn ask(
    http: &Http,
    req: &AskRequest,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    let thread = match &req.thread {
        Some(t) => Some((t.clone(), false)),
        None if req.standalone => None,
        None => Some((super::create_thread(http, API, &Map::new()).await?, true)),
    };
    if let Some((thread, created)) = &thread {
        state.thread = Some(thread.to_string());
        out.event(Event::Thread {
            schema: crate::events::SCHEMA,
            id: thread.to_string(),
            api: API,
            created: *created,
        })?;
    }
    if let Some(store) = &req.attached_store {
        out.event(Event::Store(store.clone()))?;
    }
    out.flush()?;

    let body = streamed_body(req, thread.as_ref().map(|(t, _)| t));
    let named = |e: Error| match &thread {
        Some((t, _)) => e.naming(t.named()),
        None => e,
    };
    let stream = http
        .stream(API, "/responses", &[], &body)
        .await
        .map_err(named)?;
    let mut reader = Reader::new(req.markers, state, out);
    let mut family = Responses {
        show_search: req.show_search,
        announced: None,
        background: req.background,
        detach: req.detach,
        last_seq: None,
        resumed: false,
        shape: Default::default(),
        unstreamed: Vec::new(),
    };
    stream::read(http, &mut family, stream, &mut reader).await
}

/// What `ask --dry-run` prints: the requests [`ask`] would send, in order. A new thread's
/// id is not known before it is made, so the question's body goes without one.
pub fn planned(
    http: &Http,
    req: &AskRequest,
    credential: Option<&(&'static str, String)>,
    out: &mut dyn Render,
) -> Result<()> {
    let mut request = |path: &str, streamed: bool, body: Value| {
        out.event(Event::Request {
            id: None,
            method: "POST",
            url: http.shown(API, path),
            headers: Some(http.shown_headers(API, path, streamed, credential)),
            body,
        })
    };
    if req.thread.is_none() && !req.standalone {
        request("/conversations", false, super::thread_body(&Map::new()))?;
    }
    request("/responses", true, streamed_body(req, req.thread.as_ref()))?;
    Ok(out.flush()?)
}

/// The body [`ask`] streams `req`'s answer with, in `thread` when there is one.
pub fn streamed_body(req: &AskRequest, thread: Option<&ThreadId>) -> Value {
    let mut body = request_body(req);
    if let Some(thread) = thread {
        body["conversation"] = json!(thread.as_str());
    }
    body["stream"] = json!(true);
    if req.background {
        body["background"] = json!(true);
    }
    body
}

/// The body of a request for `req`'s answer, without conversation or streaming: what a
/// Batch API line carries as well.
pub fn request_body(req: &AskRequest) -> Value {
    let mut body = json!({
        "model": req.model,
        "input": req.prompt,
    });
    if let Some(instructions) = &req.instructions {
        body["instructions"] = json!(instructions);
    }
    if !req.vector_stores.is_empty() {
        let mut tool = json!({"type": "file_search", "vector_store_ids": req.vector_stores});
        req.search.apply(&mut tool);
        body["tools"] = json!([tool]);
        if req.show_search {
            body["include"] = json!(["file_search_call.results"]);
        }
    }
    if let Some(schema) = &req.schema {
        body["text"] = schema.text_format();
    }
    if !req.metadata.is_empty() {
        body["metadata"] = Value::Object(req.metadata.clone());
    }
    let g = &req.generation;
    if let Some(n) = g.max_output_tokens {
        body["max_output_tokens"] = json!(n);
    }
    if let Some(effort) = &g.reasoning_effort {
        body["reasoning"] = json!({"effort": effort});
    }
    if let Some(t) = g.temperature {
        body["temperature"] = json!(t);
    }
    body
}

/// `asst response wait`: a response streamed to its end (from the start, or after `after`),
/// rendered as `ask` renders it; the stored answer when it has finished already.
pub async fn wait(
    http: &Http,
    id: &str,
    after: Option<u64>,
    markers: bool,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    let path = format!("/responses/{id}");
    let response: WireResponse = http
        .get(API, &path, &[])
        .await
        .map_err(|e| e.naming(format!("response {id}")))?;
    begin(id, &response, state, out)?;
    let mut reader = Reader::new(markers, state, out);
    if !matches!(response.status.as_deref(), Some("queued" | "in_progress")) {
        return stream::conclude_stored(stored(response, &mut reader), &mut reader);
    }
    let after_text = after.map(|n| n.to_string());
    let mut query = vec![("stream", "true")];
    if let Some(n) = &after_text {
        query.push(("starting_after", n.as_str()));
    }
    let events = http.stream_get(API, &path, &query).await?;
    let mut family = Responses {
        show_search: false,
        announced: None,
        background: true,
        detach: false,
        last_seq: after,
        resumed: after.is_some(),
        shape: Default::default(),
        unstreamed: Vec::new(),
    };
    stream::read(http, &mut family, events, &mut reader).await
}

/// `asst response show`: the stored answer and its status, without waiting.
pub async fn show(
    http: &Http,
    id: &str,
    markers: bool,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    let response: WireResponse = http
        .get(API, &format!("/responses/{id}"), &[])
        .await
        .map_err(|e| e.naming(format!("response {id}")))?;
    begin(id, &response, state, out)?;
    out.event(Event::Response {
        id: id.to_string(),
        status: response.status.clone(),
    })?;
    let mut reader = Reader::new(markers, state, out);
    let status = response.status.clone();
    if matches!(status.as_deref(), Some("queued" | "in_progress")) {
        let mut s = stored(response, &mut reader);
        reader
            .progress
            .resume(std::mem::take(&mut s.parts), &mut reader.answer, reader.out)?;
        reader.answer.end_part(reader.out)?;
        crate::output::notice(&format!(
            "response {id} is {}; 'asst response wait {id}' follows it to its end",
            status.as_deref().unwrap_or("in progress")
        ));
        return Ok(());
    }
    stream::conclude_stored(stored(response, &mut reader), &mut reader)
}

/// `asst response cancel`.
pub async fn cancel_response(http: &Http, id: &str, out: &mut dyn Render) -> Result<()> {
    let response: WireResponse = http
        .post_empty(API, &format!("/responses/{id}/cancel"))
        .await
        .map_err(|e| e.naming(format!("response {id}")))?;
    out.event(Event::Response {
        id: id.to_string(),
        status: response.status,
    })?;
    Ok(())
}

/// Cancels the background response in `state`, if any, waiting a few seconds at most.
/// `report` says on stderr how it went; a cancel because stdout was closed stays quiet.
pub async fn cancel(http: &Http, state: &AskState, report: bool) {
    if let Some(id) = &state.response {
        let path = format!("/responses/{id}/cancel");
        super::cancel_quietly(http, API, &path, &format!("response {id}"), report).await;
    }
}

/// A finished response as a Batch API output line carries it: its answer, composed as
/// `ask` composes it, and its outcome (an error for anything but a whole answer).
pub struct Finished {
    pub status: Status,
    pub text: String,
    pub citations: Vec<crate::events::Citation>,
    pub usage: Option<Usage>,
    pub response: Option<String>,
    pub error: Option<Error>,
}

pub fn finished(body: Value, markers: bool) -> Finished {
    let structured =
        body.pointer("/text/format/type").and_then(Value::as_str) == Some("json_schema");
    let mut response: WireResponse = serde_json::from_value(body).unwrap_or_default();
    let mut refused = false;
    let parts: Vec<Part> = std::mem::take(&mut response.output)
        .into_iter()
        .filter(|item| item.kind == "message")
        .flat_map(|item| item.content)
        .inspect(|p| refused |= p.kind == "refusal")
        .map(ContentPart::into_part)
        .collect();
    let message = compose_message(String::new(), "", "assistant".into(), None, parts, markers);
    let status = status_of("", response.status.as_deref());
    let (failure, reason) = failure_of(&response, status, None);
    let mut error = super::outcome_error(status, reason, failure.message);
    if error.is_none() && structured {
        error = super::check_structured(&message.text, refused).err();
    }
    Finished {
        status,
        text: message.text,
        citations: message.citations,
        usage: response.usage.map(|u| Usage {
            input_tokens: u.input_tokens,
            output_tokens: u.output_tokens,
            total_tokens: u.total_tokens,
        }),
        response: response.id,
        error,
    }
}

/// The ids of a response looked up by id: its conversation is the thread (first event).
fn begin(
    id: &str,
    response: &WireResponse,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    state.response = Some(id.to_string());
    let thread = match &response.conversation {
        Some(Value::String(c)) => Some(c.clone()),
        Some(c) => c.get("id").and_then(Value::as_str).map(str::to_string),
        None => None,
    };
    if let Some(thread) = thread {
        state.thread = Some(thread.clone());
        out.event(Event::Thread {
            schema: crate::events::SCHEMA,
            id: thread,
            api: API,
            created: false,
        })?;
    }
    Ok(())
}

/// The Responses wire: events named by their `type`, an outcome in `response.status`.
struct Responses {
    show_search: bool,
    /// An `error` event, until the `response.failed` that follows it (or the end).
    announced: Option<ApiError>,
    /// A background response: resumed after a cut, from `last_seq`.
    background: bool,
    /// Stop once the response exists (`ask --detach`).
    detach: bool,
    /// The highest `sequence_number` handled: where a resumed stream starts after.
    last_seq: Option<u64>,
    /// Whether the stream continues from `last_seq` (resumed after a cut, or asked for
    /// with `starting_after`): then an event numbered up to there was handled already.
    resumed: bool,
    /// The last delta read in full, to read the next ones against.
    shape: super::delta::Shape,
    /// Message items done while no text has been streamed: the answer of a server that
    /// streams no deltas, printed when the response completes.
    unstreamed: Vec<Item>,
}

impl Responses {
    fn advance(&mut self, seq: Option<u64>) -> bool {
        advance(&mut self.last_seq, self.resumed, seq)
    }
}

/// Notes an event's place in the stream; false for one already handled, which only a
/// resumed stream can send (a server that resumes from further back than asked sends
/// events again). A stream that was not resumed is read whole, however it numbers its
/// events: not every compatible server or gateway numbers them as OpenAI does (some write
/// 0 on every event, some number the last ones apart).
fn advance(last_seq: &mut Option<u64>, resumed: bool, seq: Option<u64>) -> bool {
    let Some(n) = seq else { return true };
    match *last_seq {
        Some(last) if n <= last => !resumed,
        _ => {
            *last_seq = Some(n);
            true
        }
    }
}

impl Family for Responses {
    /// Deltas are nearly every event: their common shape is read without serde.
    fn hot(&mut self, sse: &SseEvent<'_>, r: &mut Reader<'_>) -> Option<Result<Step>> {
        // An event without a name (some servers send `data:` lines alone) is taken for a
        // delta until its `type` says otherwise.
        if !sse.event.is_empty() && !sse.event.ends_with(".delta") {
            return None;
        }
        // The delta may borrow its type and item id from the shape it was compared with,
        // so the fields are taken apart: `last_seq` and `resumed` stay at hand.
        let Responses {
            shape,
            last_seq,
            resumed,
            ..
        } = self;
        let d = shape.read(sse.data)?;
        let kind = if d.kind.is_empty() { sse.event } else { d.kind };
        if !kind.ends_with(".delta") {
            return None;
        }
        if !advance(last_seq, *resumed, d.sequence_number) {
            return Some(Ok(Step::Next));
        }
        // Other deltas (reasoning, tool arguments) are not shown.
        if is_text_delta(kind) {
            r.state.refused |= kind == REFUSAL_DELTA;
            if let Err(e) = on_delta(d.item_id, d.content_index, d.delta.as_deref(), r) {
                return Some(Err(e));
            }
        }
        Some(Ok(Step::Next))
    }

    async fn event(&mut self, sse: SseEvent<'_>, r: &mut Reader<'_>) -> Result<Step> {
        // One UTF-8 check for the whole event, then a parser that need not check each string.
        let Ok(data) = std::str::from_utf8(sse.data) else {
            r.unreadable += 1;
            return Ok(Step::Next);
        };
        let Ok(ev) = serde_json::from_str::<StreamEvent>(data) else {
            r.unreadable += 1;
            return Ok(Step::Next);
        };
        let kind = if ev.kind.is_empty() {
            sse.event
        } else {
            &*ev.kind
        };
        if !self.advance(ev.sequence_number) {
            return Ok(Step::Next);
        }
        match kind {
            "response.created" | "response.queued" | "response.in_progress" => {
                let status = ev.response.as_ref().and_then(|resp| resp.status.clone());
                on_started(ev, r);
                match (&r.state.response, self.detach) {
                    (Some(id), true) => {
                        r.out.event(Event::Response {
                            id: id.clone(),
                            status,
                        })?;
                        Ok(Step::Detach)
                    }
                    _ => Ok(Step::Next),
                }
            }
            kind if is_text_delta(kind) => {
                r.state.refused |= kind == REFUSAL_DELTA;
                on_delta(
                    ev.item_id.as_deref(),
                    ev.content_index,
                    ev.delta.as_deref(),
                    r,
                )?;
                Ok(Step::Next)
            }
            "response.output_item.done" => {
                let message = ev.item.as_deref().filter(|i| i["type"] == "message");
                if let (Some(item), false) = (message, r.answer.printed_any()) {
                    if let Ok(item) = Item::deserialize(item) {
                        self.unstreamed.push(item);
                    }
                }
                if self.show_search {
                    on_item_done(ev, r)?;
                }
                Ok(Step::Next)
            }
            // A server that streams no deltas may have the text here alone.
            "response.output_text.done" => {
                let text = ev.text.as_deref().filter(|t| !t.is_empty());
                if let (Some(text), false) = (text, r.answer.printed_any()) {
                    on_delta(ev.item_id.as_deref(), ev.content_index, Some(text), r)?;
                }
                Ok(Step::Next)
            }
            "response.output_text.annotation.added" => {
                on_annotation(ev, r)?;
                Ok(Step::Next)
            }
            "error" => {
                self.announced = Some(error_of(ev));
                Ok(Step::Next)
            }
            "response.completed" | "response.incomplete" | "response.failed" => {
                let mut response = ev.response.unwrap_or_default();
                let status = status_of(kind, response.status.as_deref());
                // A server that streams no deltas (a cache replaying a stored answer, a
                // gateway that waited for the whole of it) has the answer here alone, or
                // in the items done before: printed, not lost. One that streamed text is
                // taken at its word, as it streamed it.
                if !r.answer.printed_any() {
                    let mut items = std::mem::take(&mut response.output);
                    if !items.iter().any(|i| i.kind == "message") {
                        items = std::mem::take(&mut self.unstreamed);
                    }
                    let parts = message_parts(items, r);
                    r.progress.append(parts, &mut r.answer, r.out)?;
                }
                Ok(Step::End(outcome(
                    *response,
                    status,
                    self.announced.take(),
                    r,
                )))
            }
            // Any other event with an error object is an error: compatible servers send one
            // without a type (and without a `response.failed` after it), so it ends the answer.
            _ if ev.error.as_deref().is_some_and(Value::is_object) => {
                let e = error_of(ev);
                Ok(Step::End(outcome(
                    WireResponse::default(),
                    Status::Failed,
                    Some(e),
                    r,
                )))
            }
            _ => Ok(Step::Next), // the API adds events over time: ignore what asst does not use
        }
    }

    fn announced(&mut self) -> Option<Error> {
        self.announced.take().map(|e| stream_failure(e, "response"))
    }

    async fn look_up(
        &mut self,
        http: &Http,
        r: &mut Reader<'_>,
        budget: Duration,
    ) -> Option<Result<Stored>> {
        let id = r.state.response.clone()?;
        let path = format!("/responses/{id}");
        let fetched = poll_until_done(budget, ANSWER_PENDING, || async {
            let r: WireResponse = http.get(API, &path, &[]).await?;
            let terminal = !matches!(r.status.as_deref(), Some("queued" | "in_progress") | None);
            Ok((r, terminal))
        })
        .await;
        // An ordinary response ends with its connection: the service cancels it, or forgets
        // it. That is an answer lost, not a failure of the server.
        let lost = |what: &str| {
            Stored {
            parts: Vec::new(),
            outcome: None,
            what: format!("response {id}"),
            lost: Some(
                Error::network(format!(
                    "the connection was lost, and the answer with it: the server {what} response {id} (an ordinary response ends with its connection); what arrived is printed"
                ))
                .with_hint("ask with --background (ASST_BACKGROUND=1): the answer then goes on on the server and the stream resumes after a cut"),
            ),
        }
        };
        Some(match fetched {
            Ok(response) if !self.background && response.status.as_deref() == Some("cancelled") => {
                Ok(lost("cancelled"))
            }
            Err(e) if !self.background && e.kind == crate::error::Kind::NotFound => {
                Ok(lost("does not know"))
            }
            fetched => fetched.map(|response| stored(response, r)),
        })
    }

    async fn resume(&mut self, http: &Http, r: &mut Reader<'_>) -> Option<Result<EventStream>> {
        if !self.background {
            return None;
        }
        let id = r.state.response.clone()?;
        let after = self.last_seq?.to_string();
        let path = format!("/responses/{id}");
        let query = [("stream", "true"), ("starting_after", after.as_str())];
        self.resumed = true;
        Some(http.stream_get(API, &path, &query).await)
    }

    fn position(&self) -> Option<u64> {
        self.last_seq
    }

    async fn whole(&mut self, _: &Http, body: &[u8], r: &mut Reader<'_>) -> Option<Result<Stored>> {
        let response: WireResponse = serde_json::from_slice(body).ok()?;
        response.status.as_ref()?;
        Some(Ok(stored(response, r)))
    }
}

/// A stored response's message parts and outcome.
fn stored(mut response: WireResponse, r: &mut Reader) -> Stored {
    let parts = message_parts(std::mem::take(&mut response.output), r);
    // Still going, it has no outcome yet.
    let going = matches!(response.status.as_deref(), Some("queued" | "in_progress"));
    let status = status_of("", response.status.as_deref());
    let outcome = outcome(response, status, None, r);
    Stored {
        parts,
        outcome: (!going).then_some(outcome),
        what: format!("response {}", r.state.response.as_deref().unwrap_or("?")),
        lost: None,
    }
}

/// The parts of an answer's messages, keyed as their deltas are (item id, content index).
fn message_parts(output: Vec<Item>, r: &mut Reader) -> Vec<((String, u32), Part)> {
    output
        .into_iter()
        .filter(|item| item.kind == "message")
        .inspect(|item| r.state.refused |= item.content.iter().any(|p| p.kind == "refusal"))
        .flat_map(|item| {
            let id = item.id;
            let parts = item.content.into_iter().enumerate();
            parts.map(move |(i, p)| ((id.clone(), i as u32), p.into_part()))
        })
        .collect()
}

/// `response.created` (or queued, in progress): the response's id, for a recovery.
fn on_started(ev: StreamEvent, r: &mut Reader) {
    if let Some(id) = ev.response.and_then(|resp| resp.id) {
        r.state.response = Some(id);
    }
}

/// A piece of text: of the current part, or the first of a new one.
fn on_delta(
    item: Option<&str>,
    content_index: Option<u32>,
    delta: Option<&str>,
    r: &mut Reader,
) -> Result<()> {
    r.progress.enter(
        item.unwrap_or_default(),
        content_index.unwrap_or(0),
        &mut r.answer,
        r.out,
    )?;
    if let Some(delta) = delta {
        r.answer.text(delta, r.out)?;
    }
    Ok(())
}

/// A file citation of the current part.
fn on_annotation(ev: StreamEvent, r: &mut Reader) -> Result<()> {
    if let Some(c) = ev.annotation.and_then(|a| a.citation()) {
        // Before any text (a server that sends the text whole, after its citations), the
        // citation starts its part, so that it waits there for the text.
        if !r.answer.printed_any() {
            let (item, index) = (ev.item_id.as_deref(), ev.content_index);
            r.progress.enter(
                item.unwrap_or_default(),
                index.unwrap_or(0),
                &mut r.answer,
                r.out,
            )?;
        }
        r.answer
            .cite(c.start, c.end, c.file_id, c.filename, r.out)?;
        r.progress.cited();
    }
    Ok(())
}

/// A finished output item: a file search call's results, with `--show-search`.
fn on_item_done(ev: StreamEvent, r: &mut Reader) -> Result<()> {
    let item = ev.item.unwrap_or_default();
    if item.get("type").and_then(Value::as_str) == Some("file_search_call") {
        let results = item.get("results").and_then(Value::as_array);
        for result in results.into_iter().flatten() {
            r.out.event(Event::Search(search_result(result)))?;
        }
    }
    Ok(())
}

/// The error object of an error event: nested as real traffic has it, or flat as in the spec.
fn error_of(ev: StreamEvent) -> ApiError {
    let v = match ev.error {
        Some(e) => *e,
        None => json!({"code": ev.code, "message": ev.message}),
    };
    ApiError::from_value(&v)
}

/// A response's outcome, its id kept for `done`.
fn outcome(
    response: WireResponse,
    status: Status,
    announced: Option<ApiError>,
    r: &mut Reader,
) -> Outcome {
    let (failure, reason) = failure_of(&response, status, announced);
    if let Some(id) = response.id {
        r.state.response = Some(id);
    }
    Outcome {
        status: Some(status),
        reason,
        message: failure.message,
        usage: response.usage.map(|u| Usage {
            input_tokens: u.input_tokens,
            output_tokens: u.output_tokens,
            total_tokens: u.total_tokens,
        }),
    }
}

/// What went wrong with a response (its `error`, else an announced `error` event) and the
/// reason its outcome gives: why it is incomplete, or the error's code.
fn failure_of(
    response: &WireResponse,
    status: Status,
    announced: Option<ApiError>,
) -> (ApiError, Option<String>) {
    let failure = response
        .error
        .as_ref()
        .map(ApiError::from_value)
        .or(announced)
        .unwrap_or_default();
    let reason = match status {
        Status::Incomplete => response
            .incomplete_details
            .as_ref()
            .and_then(|d| d.get("reason"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => failure.code.clone(),
    };
    (failure, reason)
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
        attributes: r.get("attributes").and_then(Value::as_object).cloned(),
    }
}

const REFUSAL_DELTA: &str = "response.refusal.delta";

fn is_text_delta(kind: &str) -> bool {
    kind == "response.output_text.delta" || kind == REFUSAL_DELTA
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
