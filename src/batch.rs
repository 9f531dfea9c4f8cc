//! `asst batch`: many questions. Answered here, `-j N` at a time, paced by the client's
//! rate-limit gate and resumable through the results file; or handed to the provider's
//! Batch API as one job whose results are fetched later.
//!
//! Input is one question per line; output one result line per question, written and
//! flushed as it completes, never kept: memory stays flat however many questions there are.

use crate::backend::{self, batches, responses, AskRequest, AskState};
use crate::error::{Error, Kind, Result};
use crate::events::{Answered, Citation, Done, Event, Failure, Status, Usage};
use crate::http::Http;
use crate::output::{notice, redact};
use crate::registry::History;
use crate::render::{Look, Render};
use crate::settings::{Answering, Batch, Input, Overrides};
use crate::signal::unless_interrupted;
use futures_util::stream::{FuturesUnordered, StreamExt};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

/// The longest input line asst reads (a prompt at its limit, escaped, fits); a longer one
/// is a failed question, skipped to its end rather than held.
const MAX_LINE: usize = 48 * 1024 * 1024;

pub async fn run(
    http: Http,
    batch: Batch,
    history: &mut History,
    look: Look,
    out: &mut dyn Render,
) -> Result<()> {
    match batch {
        Batch::Direct {
            input,
            output,
            jobs,
            answering,
        } => {
            let http = http.patient();
            direct(&http, input, output, jobs, &answering, history, look).await
        }
        Batch::Submit { input, answering } => submit(&http, input, &answering, history, out).await,
        Batch::Plan {
            input,
            output,
            job,
            answering,
        } => planned(&http, input, output, job, &answering, history).await,
        Batch::Status { id } => {
            let job = batches::get(&http, &id).await?;
            out.event(Event::Batch(job.info(&id)))?;
            Ok(())
        }
        Batch::Cancel { id } => {
            let job = batches::cancel(&http, &id).await?;
            out.event(Event::Batch(job.info(&id)))?;
            Ok(())
        }
        Batch::Results {
            id,
            output,
            markers,
        } => results(&http, &id, output, markers).await,
    }
}

/// A question as its line gives it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    id: Option<Value>,
    prompt: Option<String>,
    thread: Option<String>,
    vector_stores: Option<Vec<String>>,
    instructions: Option<String>,
    model: Option<String>,
    schema: Option<Value>,
    metadata: Option<Map<String, Value>>,
    max_output_tokens: Option<u32>,
    reasoning_effort: Option<String>,
    temperature: Option<f64>,
    /// One `--filter` expression, or a list of them that must all hold.
    filter: Option<Value>,
    max_results: Option<u32>,
    score_threshold: Option<f64>,
}

/// A line's question, as the batch asks it.
struct Question {
    id: String,
    request: AskRequest,
    /// The line named a model or thread of its own.
    own: bool,
}

/// A line that cannot be asked: the id it has, and why.
type Refusal = (String, Error);

/// A line's question; `None` when `answered` has its id already.
fn question(
    line: Line,
    answered: &Ids,
    seen: &mut Ids,
    answering: &Answering,
    history: &mut History,
) -> std::result::Result<Option<Question>, Refusal> {
    let no = line.no;
    let text = line.text.map_err(|e| (no.to_string(), e))?;
    let (id, spec) = parse(no, &text)?;
    if answered.contains(&id) {
        return Ok(None);
    }
    if !seen.insert(&id) {
        let e = Error::usage(format!("line {no}: the id {id:?} is given twice"));
        return Err((id, e));
    }
    let own = spec.model.is_some() || spec.thread.is_some();
    match resolve(no, spec, answering, history) {
        Ok(request) => Ok(Some(Question { id, request, own })),
        Err(e) => Err((id, e)),
    }
}

/// A line read: its number (from 1) and its text, or why it could not be read.
struct Line {
    no: usize,
    text: Result<String>,
}

/// The line's question, or (with the id it has) why it is not one.
fn parse(no: usize, text: &str) -> std::result::Result<(String, Spec), (String, Error)> {
    let line_id = no.to_string();
    let trimmed = text.trim();
    if !trimmed.starts_with('{') {
        let spec = Spec {
            prompt: Some(trimmed.to_string()),
            ..Spec::default()
        };
        return Ok((line_id, spec));
    }
    let bad = |e: String| Error::usage(format!("line {no}: {e}"));
    let mut json = serde_json::Deserializer::from_str(trimmed);
    let spec = serde_path_to_error::deserialize::<_, Spec>(&mut json)
        .map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner().to_string();
            // A wrong type is said with the field it is in (an unknown field names itself).
            match path.as_str() {
                "." => inner,
                _ if inner.starts_with("unknown field") => inner,
                _ => format!("\"{path}\": {inner}"),
            }
        })
        .and_then(|spec| json.end().map(|()| spec).map_err(|e| e.to_string()));
    let spec: Spec = match spec {
        Ok(spec) => spec,
        Err(e) => {
            // The id, if the object has one, so that its result line can be matched.
            let id = serde_json::from_str::<Value>(trimmed)
                .ok()
                .and_then(|v| id_of(v.get("id")?).ok())
                .unwrap_or(line_id);
            return Err((id, bad(e)));
        }
    };
    let id = match &spec.id {
        Some(v) => id_of(v).map_err(|e| (line_id.clone(), bad(e)))?,
        None => line_id,
    };
    Ok((id, spec))
}

fn id_of(v: &Value) -> std::result::Result<String, String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err("\"id\" is a non-empty string or a number".into()),
    }
}

/// The request line `no` asks for, resolved as `ask` resolves its flags; an error names
/// the line.
fn resolve(
    no: usize,
    spec: Spec,
    answering: &Answering,
    history: &mut History,
) -> Result<AskRequest> {
    resolved(spec, answering, history).map_err(|e| Error {
        message: format!("line {no}: {}", e.message),
        ..e
    })
}

fn resolved(spec: Spec, answering: &Answering, history: &mut History) -> Result<AskRequest> {
    let prompt = spec
        .prompt
        .filter(|p| !p.trim().is_empty())
        .ok_or_else(|| Error::usage("the question has no prompt"))?;
    let thread = match &spec.thread {
        Some(t) => {
            let early = crate::settings::early_thread(t)?;
            Some(crate::settings::thread_ref(t, early, history)?)
        }
        None => None,
    };
    let answering = answering.with(Overrides {
        model: spec.model,
        instructions: spec.instructions,
        vector_stores: spec.vector_stores,
        schema: spec.schema,
        metadata: spec.metadata,
        max_output_tokens: spec.max_output_tokens,
        reasoning_effort: spec.reasoning_effort,
        temperature: spec.temperature,
        filters: spec.filter.map(filter_list).transpose()?,
        max_results: spec.max_results,
        score_threshold: spec.score_threshold,
    })?;
    let mut request = answering.question(thread, prompt, history)?;
    request.standalone = true;
    Ok(request)
}

/// A line's `filter`: an expression, or a list of them.
fn filter_list(filter: Value) -> Result<Vec<String>> {
    let expressions = match filter {
        Value::String(e) => Some(vec![e]),
        Value::Array(all) => all
            .into_iter()
            .map(|e| match e {
                Value::String(e) => Some(e),
                _ => None,
            })
            .collect(),
        _ => None,
    };
    expressions.ok_or_else(|| {
        Error::usage("\"filter\" is an expression (\"team=docs\") or a list of them")
    })
}

/// Reads the input's lines on a thread of its own, so that a slow producer (a pipe)
/// never holds up the answers in flight, and a signal is taken while the next line is
/// awaited (a read on the runtime's thread would hold off the signal's listener until a
/// line came, if ever). Blank lines are counted and skipped.
fn read_lines(input: Input) -> Result<tokio::sync::mpsc::Receiver<Line>> {
    let reader: Box<dyn BufRead + Send> = match input {
        Input::Stdin => Box::new(std::io::BufReader::new(std::io::stdin())),
        Input::File(path) => Box::new(std::io::BufReader::new(open(&path)?)),
    };
    let (tx, rx) = tokio::sync::mpsc::channel(64);
    std::thread::spawn(move || {
        for line in Lines::new(reader) {
            if tx.blocking_send(line).is_err() {
                return; // the batch stopped reading
            }
        }
    });
    Ok(rx)
}

fn open(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path)
        .map_err(|e| Error::usage(format!("cannot read {}: {e}", path.display())))
}

/// The non-blank lines of a reader, each at most [`MAX_LINE`] bytes.
struct Lines<R> {
    reader: R,
    no: usize,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R) -> Self {
        Lines {
            reader,
            no: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        while !self.done {
            self.no += 1;
            let mut buf = Vec::new();
            let whole = match read_line(&mut self.reader, &mut buf, MAX_LINE) {
                Ok(Some(whole)) => whole,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    let text = Err(Error::usage(format!("cannot read the questions: {e}")));
                    return Some(Line { no: self.no, text });
                }
            };
            let no = self.no;
            if !whole {
                let text = Err(Error::usage(format!(
                    "line {no} is longer than {} MiB",
                    MAX_LINE >> 20
                )));
                return Some(Line { no, text });
            }
            // A file saved as "UTF-8 with BOM" starts with U+FEFF, which is no part of
            // the first question (and would make a JSON line read as plain text).
            let text = String::from_utf8(buf).map(|t| match no {
                1 => crate::prompt::without_bom(t),
                _ => t,
            });
            match text {
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => return Some(Line { no, text: Ok(text) }),
                Err(_) => {
                    let text = Err(Error::usage(format!("line {no} is not UTF-8")));
                    return Some(Line { no, text });
                }
            }
        }
        None
    }
}

/// Reads one line into `buf` (without its end), at most `max` bytes of it; the rest of a
/// longer line is read past. `None` at the end of input; `Some(false)` for a line cut.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<Option<bool>> {
    let mut any = false;
    let mut whole = true;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some(whole));
        }
        any = true;
        let (piece, end) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if whole && buf.len() + piece.len() <= max {
            buf.extend_from_slice(piece);
        } else {
            whole = false;
            buf.clear();
        }
        let used = end.unwrap_or(available.len());
        r.consume(used);
        if end.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(whole));
        }
    }
}

/// The events of one answer, kept for its result line.
#[derive(Default)]
struct Collected {
    text: String,
    citations: Vec<Citation>,
    done: Option<Done>,
}

impl crate::answer::Sink for Collected {
    fn event(&mut self, event: Event) -> std::io::Result<()> {
        match event {
            Event::Delta { text } => self.text.push_str(&text),
            Event::Citation(c) => self.citations.push(c),
            Event::Done(d) => self.done = Some(d),
            _ => {}
        }
        Ok(())
    }

    fn delta(&mut self, text: &str) -> std::io::Result<()> {
        self.text.push_str(text);
        Ok(())
    }
}

impl Render for Collected {
    fn message(&mut self, _: &crate::events::Message) -> std::io::Result<()> {
        Ok(())
    }
    fn error(&mut self, _: &Error) -> std::io::Result<()> {
        Ok(())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Asks one question. Its state is shared so that, abandoned, its ids are still known.
#[allow(clippy::await_holding_refcell_ref)] // the borrow ends when the future is dropped,
                                            // and nothing reads the state before then
async fn ask_one(
    http: &Http,
    id: String,
    request: AskRequest,
    state: Rc<RefCell<AskState>>,
) -> (Answered, Option<Error>) {
    let mut collected = Collected::default();
    let result = {
        let mut state = state.borrow_mut();
        backend::ask(http, &request, &mut state, &mut collected).await
    };
    let state = state.borrow();
    let result = match result {
        Ok(()) if request.schema.is_some() => {
            backend::check_structured(&collected.text, state.refused)
        }
        result => result,
    };
    let (status, usage) = match &collected.done {
        Some(d) => (d.status, d.usage),
        None if result.is_ok() => (Status::Completed, None),
        None => (Status::Failed, None),
    };
    let error = result.err();
    // What the batch may stop for: an error every question would get (`for_all`), or a
    // configuration error, which is every question's when the line set nothing of its own.
    let for_all = error
        .as_ref()
        .filter(|e| e.for_all || e.kind == Kind::Config)
        .cloned();
    let answered = Answered {
        kind: "result",
        id,
        status,
        text: collected.text,
        citations: collected.citations,
        usage,
        thread: state.thread.clone(),
        response: state.response.clone(),
        request_id: state
            .request
            .clone()
            .or_else(|| error.as_ref().and_then(|e| e.request.clone())),
        error: error.map(failure),
    };
    (answered, for_all)
}

/// An error as a result line gives it, secrets taken out.
fn failure(e: Error) -> Failure {
    let message = match &e.hint {
        Some(hint) => format!("{} ({hint})", e.message),
        None => e.message.clone(),
    };
    Failure {
        code: e.kind.code(),
        exit_code: e.kind.exit_code(),
        message: crate::output::bounded(&redact(&message)).into_owned(),
        request_id: e.request.clone(),
    }
}

/// A question that failed before it was asked.
fn refused(id: String, e: Error) -> Answered {
    Answered {
        kind: "result",
        id,
        status: Status::Failed,
        text: String::new(),
        citations: Vec::new(),
        usage: None,
        thread: None,
        response: None,
        request_id: e.request.clone(),
        error: Some(failure(e)),
    }
}

/// A set of ids kept as 64-bit hashes, so that it costs the same for every id, however
/// long: tens of bytes a question, not the ids themselves. (Two ids of a million sharing
/// a hash is a chance of about one in 10^7 million.)
#[derive(Default)]
struct Ids(HashSet<u64>);

impl Ids {
    fn hash(id: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        id.hash(&mut h);
        h.finish()
    }

    /// False when the id was there already.
    fn insert(&mut self, id: &str) -> bool {
        self.0.insert(Self::hash(id))
    }

    fn contains(&self, id: &str) -> bool {
        self.0.contains(&Self::hash(id))
    }
}

/// The ids a results file has a successful result for, and whether it ends a line. Only a
/// regular file holds results to resume from: a device or a FIFO may never end
/// (`/dev/full` reads as endless zeros, a FIFO waits for a writer), and is taken as empty.
fn answered_in(path: &Path) -> std::io::Result<(Ids, bool)> {
    let mut answered = Ids::default();
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let Some(file) = regular.then(|| std::fs::File::open(path).ok()).flatten() else {
        return Ok((answered, true));
    };
    #[derive(Deserialize)]
    struct Prior {
        id: Option<String>,
        status: Option<String>,
        error: Option<Value>,
    }
    let mut reader = std::io::BufReader::new(file);
    let mut buf = Vec::new();
    while let Some(whole) = read_line(&mut reader, &mut buf, MAX_LINE)? {
        if whole {
            if let Ok(p) = serde_json::from_slice::<Prior>(&buf) {
                let ok =
                    p.status.as_deref() == Some("completed") && p.error.is_none_or(|e| e.is_null());
                if let (Some(id), true) = (p.id, ok) {
                    answered.insert(&id);
                }
            }
        }
        buf.clear();
    }
    // Whether it ends a line: its last byte, read through the same handle.
    let mut file = reader.into_inner();
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok((answered, true));
    }
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok((answered, last[0] == b'\n'))
}

/// Where result lines go: a file they are appended to (whose answered ids a rerun skips),
/// or stdout.
struct Results {
    out: Box<dyn Write>,
    path: Option<PathBuf>,
    /// Ids the file already has a successful result for.
    answered: Ids,
}

impl Results {
    fn open(path: Option<PathBuf>) -> Result<Results> {
        let Some(path) = path else {
            return Ok(Results {
                out: Box::new(crate::output::Stdout::new()),
                path: None,
                answered: Ids::default(),
            });
        };
        let cannot = |e: std::io::Error| {
            Error::new(Kind::Other, format!("cannot write {}: {e}", path.display()))
        };
        let (answered, ends_a_line) = answered_in(&path).map_err(cannot)?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(cannot)?;
        if !ends_a_line {
            // A line cut by a crash stays a line of its own (and is asked again).
            file.write_all(b"\n").map_err(cannot)?;
        }
        Ok(Results {
            out: Box::new(std::io::BufWriter::new(file)),
            path: Some(path),
            answered,
        })
    }

    fn write(&mut self, result: &Answered) -> Result<()> {
        self.line(result)
    }

    /// One JSON line, flushed.
    fn line(&mut self, value: &impl serde::Serialize) -> Result<()> {
        let written = serde_json::to_writer(&mut self.out, value)
            .map_err(std::io::Error::from)
            .and_then(|()| self.out.write_all(b"\n"))
            .and_then(|()| self.out.flush());
        written.map_err(|e| match &self.path {
            Some(p) => Error::new(Kind::Other, format!("cannot write {}: {e}", p.display())),
            None => Error::from(e),
        })
    }

    /// Where the results are, for messages.
    fn place(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "the output".into(),
        }
    }
}

/// What has happened so far, for the progress line and the end.
#[derive(Default)]
struct Tally {
    answered: usize,
    failed: usize,
    skipped: usize,
    tokens: u64,
}

/// The progress line on a terminal (stderr): done / total, failed, tokens, rate, time left.
struct Progress {
    on: bool,
    total: Option<usize>,
    start: Instant,
}

impl Progress {
    fn draw(&self, t: &Tally, in_flight: usize) {
        if !self.on {
            return;
        }
        let done = t.answered + t.skipped;
        let secs = self.start.elapsed().as_secs_f64();
        let rate = if secs > 0.0 {
            t.answered as f64 / secs
        } else {
            0.0
        };
        let mut line = match self.total {
            Some(total) => format!("asst: {done}/{total} done"),
            None => format!("asst: {done} done"),
        };
        line.push_str(&format!(
            ", {} failed, {in_flight} asking, {} tokens, {rate:.1}/s",
            t.failed, t.tokens
        ));
        if let (Some(total), true) = (self.total, rate > 0.0) {
            let left = total.saturating_sub(done) as f64 / rate;
            line.push_str(&format!(", about {:.0}s left", left.ceil()));
        }
        crate::output::progress_line(&line);
    }

    fn end(&self, t: &Tally) {
        if self.on {
            self.draw(t, 0);
            crate::output::end_progress_line();
        }
    }
}

/// Questions in a file, for the progress line's total: its non-blank lines, counted a
/// piece at a time (a line is never held, however long). Only a regular file is counted:
/// a FIFO (`asst batch <(make-questions)`) would be read here of what the batch is to ask,
/// and `/dev/zero` would never end.
fn count_lines(path: &Path) -> Option<usize> {
    use std::io::Read;
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    let mut buf = vec![0u8; 64 * 1024];
    let (mut n, mut blank) = (0, true);
    loop {
        let read = file.read(&mut buf).ok()?;
        if read == 0 {
            return Some(n + usize::from(!blank));
        }
        for &b in &buf[..read] {
            if b == b'\n' {
                n += usize::from(!blank);
                blank = true;
            } else if !b.is_ascii_whitespace() {
                blank = false;
            }
        }
    }
}

async fn direct(
    http: &Http,
    input: Input,
    output: Option<PathBuf>,
    jobs: usize,
    answering: &Answering,
    history: &mut History,
    look: Look,
) -> Result<()> {
    let mut results = Results::open(output)?;
    let progress = Progress {
        on: look.terminal && !look.quiet,
        total: match &input {
            Input::File(p) if look.terminal && !look.quiet => count_lines(p),
            _ => None,
        },
        start: Instant::now(),
    };
    let from_file = matches!(input, Input::File(_));
    let mut lines = read_lines(input)?;
    let mut in_flight = FuturesUnordered::new();
    let mut states: HashMap<String, Rc<RefCell<AskState>>> = HashMap::new();
    let mut seen = Ids::default();
    let mut threads = Threads::default();
    let mut tally = Tally::default();
    let mut stopping: Option<Kind> = None;
    // An answer every question would get (a refused key, a spent quota, a model the server
    // does not know): no more are asked.
    let mut halted: Option<Error> = None;
    // The number of the last line read, for what a stop on a pipe did not ask.
    let mut last_read = 0;
    // The questions in flight or waiting whose line named a model or thread of its own.
    let mut own_settings: HashSet<String> = HashSet::new();
    let mut reading = true;
    let mut ticker = tokio::time::interval(Duration::from_millis(200));

    loop {
        // Questions waiting for their thread count against -j, so that a file of one
        // thread's turns is read no further ahead than that.
        let room = reading
            && stopping.is_none()
            && halted.is_none()
            && in_flight.len() + threads.waiting < jobs;
        if !room && in_flight.is_empty() {
            break;
        }
        tokio::select! {
            biased;
            kind = crate::signal::interrupted() => {
                if stopping.is_some() {
                    // A second signal: the answers in flight are given up.
                    drop(std::mem::take(&mut in_flight));
                    progress.end(&tally);
                    abandon(http, &states).await;
                    return Err(crate::signal::error(kind));
                }
                stopping = Some(kind);
                if !in_flight.is_empty() {
                    progress.end(&tally);
                    notice(&format!(
                        "stopping: no new questions; waiting for the {} in flight (again to abandon them)",
                        in_flight.len()
                    ));
                }
            }
            Some(result) = in_flight.next(), if !in_flight.is_empty() => {
                let (result, for_all): (Answered, Option<Error>) = result;
                states.remove(&result.id);
                // A line that named its own model or thread may have been refused for it.
                let own = own_settings.remove(&result.id);
                if halted.is_none() {
                    halted = for_all.filter(|e| e.for_all || !own);
                }
                let next = threads.done(&result.id).filter(|_| stopping.is_none() && halted.is_none());
                if let Some((id, request)) = next {
                    in_flight.push(start(http, id, request, &mut states));
                }
                tally.answered += 1;
                tally.tokens += result.usage.map_or(0, |u: Usage| u.total_tokens);
                if result.error.is_some() {
                    tally.failed += 1;
                }
                if let Err(e) = results.write(&result) {
                    progress.end(&tally);
                    return Err(e);
                }
                progress.draw(&tally, in_flight.len());
            }
            line = lines.recv(), if room => {
                let Some(line) = line else {
                    reading = false;
                    continue;
                };
                last_read = line.no;
                match question(line, &results.answered, &mut seen, answering, history) {
                    Ok(Some(Question { id, request, own })) => {
                        if own {
                            own_settings.insert(id.clone());
                        }
                        let Some((id, request)) = threads.start(id, request) else {
                            progress.draw(&tally, in_flight.len());
                            continue;
                        };
                        in_flight.push(start(http, id, request, &mut states));
                    }
                    Ok(None) => tally.skipped += 1,
                    Err((id, e)) => {
                        tally.answered += 1;
                        tally.failed += 1;
                        results.write(&refused(id, e))?;
                    }
                }
                progress.draw(&tally, in_flight.len());
            }
            _ = ticker.tick(), if progress.on => progress.draw(&tally, in_flight.len()),
        }
    }
    progress.end(&tally);
    if let Some(kind) = stopping {
        return Err(crate::signal::error(kind));
    }
    if let Some(e) = halted {
        // What was not asked: the questions waiting for their thread, and the rest of a
        // file (a pipe may not end: it is not read on).
        let mut left = threads.waiting;
        if from_file {
            while let Some(line) = lines.recv().await {
                let id = line
                    .text
                    .ok()
                    .and_then(|t| parse(line.no, &t).ok())
                    .map(|q| q.0);
                left += usize::from(id.is_none_or(|id| !results.answered.contains(&id)));
            }
        }
        let after = last_read + 1;
        let rest = match (from_file, left) {
            (true, _) => format!("{left} questions were not asked"),
            (false, 0) => format!(
                "the questions after line {last_read} were not asked (tail -n +{after} gives them)"
            ),
            (false, _) => format!(
                "{left} questions waiting for their thread and those after line {last_read} were not asked"
            ),
        };
        let again = if results.path.is_some() {
            "; once it is put right, the same command asks them"
        } else {
            ""
        };
        return Err(Error {
            message: format!("{}; {rest}{again}", e.message),
            ..e
        });
    }
    if tally.failed > 0 {
        let again = if results.path.is_some() {
            "; run the same command again to ask them again"
        } else {
            ""
        };
        return Err(Error::new(
            Kind::Partial,
            format!(
                "{} of {} questions failed (their result lines in {} say why){again}",
                tally.failed,
                tally.answered,
                results.place()
            ),
        ));
    }
    Ok(())
}

/// A question set going: its state kept where an abandon can read it, its notices naming it.
fn start<'a>(
    http: &'a Http,
    id: String,
    request: AskRequest,
    states: &mut HashMap<String, Rc<RefCell<AskState>>>,
) -> crate::output::About<impl std::future::Future<Output = (Answered, Option<Error>)> + 'a> {
    let state = Rc::new(RefCell::new(AskState::default()));
    states.insert(id.clone(), state.clone());
    let label = format!("question {}", crate::render::escaped(&id));
    crate::output::about(&label, ask_one(http, id, request, state))
}

/// The threads that questions in flight are asked on. A thread answers one question at a
/// time (another is refused as busy), so the next question on it waits here, in input
/// order, until the one before has its answer: the turns of a conversation stay in order.
#[derive(Default)]
struct Threads {
    /// By thread: the questions waiting for it.
    queues: HashMap<String, std::collections::VecDeque<(String, AskRequest)>>,
    /// The thread of each question in flight that has one.
    of: HashMap<String, String>,
    waiting: usize,
}

impl Threads {
    /// The question, if it may be asked now; else it waits for its thread.
    fn start(&mut self, id: String, request: AskRequest) -> Option<(String, AskRequest)> {
        let Some(thread) = request.thread.as_ref().map(|t| t.to_string()) else {
            return Some((id, request));
        };
        match self.queues.get_mut(&thread) {
            Some(queue) => {
                queue.push_back((id, request));
                self.waiting += 1;
                None
            }
            None => {
                self.queues.insert(thread.clone(), Default::default());
                self.of.insert(id.clone(), thread);
                Some((id, request))
            }
        }
    }

    /// The question `id` has its answer: the next one on its thread, if any, may go.
    fn done(&mut self, id: &str) -> Option<(String, AskRequest)> {
        let thread = self.of.remove(id)?;
        let queue = self.queues.get_mut(&thread)?;
        match queue.pop_front() {
            Some((next, request)) => {
                self.waiting -= 1;
                self.of.insert(next.clone(), thread);
                Some((next, request))
            }
            None => {
                self.queues.remove(&thread);
                None
            }
        }
    }
}

/// After a second interrupt: the answers in flight are given up. An ordinary response
/// ended with its connection; a run is cancelled. Their ids are said.
async fn abandon(http: &Http, states: &HashMap<String, Rc<RefCell<AskState>>>) {
    let mut ids: Vec<&String> = states.keys().collect();
    if ids.is_empty() {
        return;
    }
    ids.sort();
    for state in states.values() {
        let state = state.borrow().clone();
        if !state.finished
            && state
                .response
                .as_deref()
                .is_some_and(|r| r.starts_with("run_"))
        {
            backend::assistants::cancel(http, &state, false).await;
        }
    }
    let list: Vec<&str> = ids.iter().map(|s| s.as_str()).collect();
    notice(&format!(
        "abandoned {} question(s), not in the results (asked again by the same command with --output): {}",
        list.len(),
        list.join(", ")
    ));
}

/// `--via batch-api`: every question becomes a line of a Batch API input file, checked
/// before anything is sent; the file is uploaded and the job created. Its id is printed.
async fn submit(
    http: &Http,
    input: Input,
    answering: &Answering,
    history: &mut History,
    out: &mut dyn Render,
) -> Result<()> {
    let mut lines = read_lines(input)?;
    // Written as the lines come; a signal meanwhile ends the command and removes it.
    let mut spool = crate::upload::LocalFile::spool("asst-batch.jsonl")?;
    let w = spool.writer();
    let mut write = |id: String, body: Value| {
        let entry = JobLine::new(&id, &body);
        let cannot = |e: std::io::Error| {
            Error::new(Kind::Other, format!("cannot write the batch file: {e}"))
        };
        serde_json::to_writer(&mut *w, &entry).map_err(|e| cannot(e.into()))?;
        w.write_all(b"\n").map_err(cannot)
    };
    unless_interrupted(job_lines(&mut lines, answering, history, &mut write))
        .await
        .map_err(crate::signal::error)??;
    let file = spool.finish()?;
    job_size(file.bytes)?;
    let file_id = unless_interrupted(batches::upload(http, &file))
        .await
        .map_err(crate::signal::error)??;
    let job = match unless_interrupted(batches::create(http, &file_id)).await {
        Ok(job) => job.map_err(|e| Error {
            message: format!("{} (the questions were uploaded as {file_id})", e.message),
            ..e
        })?,
        Err(kind) => {
            let word = crate::signal::word(kind);
            return Err(Error::new(kind, format!("{word} while the job was made; the questions were uploaded as {file_id}"))
                .with_hint("the server may have made the job all the same: its list of batches (GET /batches) shows it"));
        }
    };
    out.event(Event::Batch(job.info("")))?;
    Ok(())
}

/// Where a Batch API input line sends its request.
const JOB_URL: &str = "/v1/responses";

/// A line of a Batch API input file.
#[derive(serde::Serialize)]
struct JobLine<'a> {
    custom_id: &'a str,
    method: &'static str,
    url: &'static str,
    body: &'a Value,
}

impl<'a> JobLine<'a> {
    fn new(custom_id: &'a str, body: &'a Value) -> JobLine<'a> {
        JobLine {
            custom_id,
            method: "POST",
            url: JOB_URL,
            body,
        }
    }
}

/// A job's input file of `bytes` is one the API takes.
fn job_size(bytes: u64) -> Result<()> {
    if bytes > batches::MAX_INPUT_BYTES {
        return Err(Error::usage(format!(
            "the Batch API takes input files of at most {} MB; this one is {} (split the questions)",
            batches::MAX_INPUT_BYTES >> 20,
            crate::upload::human_bytes(bytes)
        )));
    }
    Ok(())
}

/// The questions of `reader` as a Batch API job takes them, checked whole (no thread, one
/// model, unique ids, at most [`batches::MAX_REQUESTS`]): each handed to `each` as its id
/// and request body. Returns how many there were; none is a usage error.
async fn job_lines(
    lines: &mut tokio::sync::mpsc::Receiver<Line>,
    answering: &Answering,
    history: &mut History,
    each: &mut dyn FnMut(String, Value) -> Result<()>,
) -> Result<usize> {
    let mut count = 0;
    let mut model: Option<String> = None;
    let mut seen = Ids::default();
    while let Some(line) = lines.recv().await {
        let no = line.no;
        let text = line.text?;
        let (id, spec) = parse(no, &text).map_err(|(_, e)| e)?;
        if spec.thread.is_some() {
            return Err(Error::usage(format!(
                "line {no}: a Batch API request cannot continue a thread; ask it with --via direct"
            )));
        }
        let request = resolve(no, spec, answering, history)?;
        if request.api != crate::events::Api::Responses {
            return Err(Error::usage(
                "the Batch API runs Responses requests; an assistant (Assistants API) cannot answer there",
            ));
        }
        match (&model, &request.model) {
            (Some(m), Some(r)) if m != r => {
                return Err(Error::usage(format!(
                "line {no}: a Batch API job takes one model; this line asks {r}, earlier ones {m}"
            )))
            }
            (None, r) => model = r.clone(),
            _ => {}
        }
        if !seen.insert(&id) {
            return Err(Error::usage(format!(
                "line {no}: the id {id:?} is given twice"
            )));
        }
        count += 1;
        if count > batches::MAX_REQUESTS {
            return Err(Error::usage(format!(
                "a Batch API job holds at most {} requests",
                batches::MAX_REQUESTS
            )));
        }
        each(id, responses::request_body(&request))?;
    }
    if count == 0 {
        return Err(Error::usage("no questions: the input has no line to ask"));
    }
    Ok(count)
}

/// `batch --dry-run`: each question's request as a `request` line, none sent. Direct, as
/// the batch would ask it (without what `output` has answered), a line it could not ask
/// getting the failed result line the batch would write; for the Batch API, the job's
/// input lines, checked whole as the job is.
async fn planned(
    http: &Http,
    input: Input,
    output: Option<PathBuf>,
    job: bool,
    answering: &Answering,
    history: &mut History,
) -> Result<()> {
    let mut lines = read_lines(input)?;
    let mut out = Results::open(None)?;
    if job {
        // Each line as it would be in the file, to size the file as the job would.
        let mut bytes = 0;
        job_lines(&mut lines, answering, history, &mut |id, body| {
            let line =
                serde_json::to_vec(&JobLine::new(&id, &body)).map_err(std::io::Error::from)?;
            bytes += line.len() as u64 + 1;
            out.line(&Event::Request {
                id: Some(id),
                method: "POST",
                url: JOB_URL.into(),
                headers: None,
                body,
            })
        })
        .await?;
        return job_size(bytes);
    }
    let answered = match &output {
        Some(path) => {
            answered_in(path)
                .map_err(|e| Error::usage(format!("cannot read {}: {e}", path.display())))?
                .0
        }
        None => Ids::default(),
    };
    let (mut seen, mut asked, mut refused_lines) = (Ids::default(), 0, 0);
    while let Some(line) = lines.recv().await {
        let no = line.no;
        let request = match question(line, &answered, &mut seen, answering, history) {
            Ok(None) => continue,
            Ok(Some(Question { id, request, .. }))
                if request.api == crate::events::Api::Assistants =>
            {
                Err((
                id,
                Error::usage(format!("line {no}: --dry-run shows Responses requests only; this question goes to the Assistants API")),
            ))
            }
            Ok(Some(Question { id, request, .. })) => Ok(Event::Request {
                id: Some(id),
                method: "POST",
                url: http.shown(crate::events::Api::Responses, "/responses"),
                headers: None,
                body: responses::streamed_body(&request, request.thread.as_ref()),
            }),
            Err(refusal) => Err(refusal),
        };
        asked += 1;
        match request {
            Ok(event) => out.line(&event)?,
            Err((id, e)) => {
                refused_lines += 1;
                out.line(&refused(id, e))?;
            }
        }
    }
    if refused_lines > 0 {
        return Err(Error::usage(format!(
            "{refused_lines} of {asked} questions cannot be asked (their result lines say why)"
        )));
    }
    Ok(())
}

/// `batch results ID`: a finished job's output and error files, as result lines.
async fn results(http: &Http, id: &str, output: Option<PathBuf>, markers: bool) -> Result<()> {
    let job = batches::get(http, id).await?;
    let info = job.info(id);
    let c = &info.request_counts;
    let status = info.status.as_deref().unwrap_or("in an unknown state");
    if job.output_file_id.is_none() && job.error_file_id.is_none() {
        if job.running() {
            return Err(Error::new(
                Kind::Busy,
                format!(
                    "batch {id} is {status} ({} of {} requests done); its results come when it ends",
                    c.completed + c.failed,
                    c.total
                ),
            )
            .with_hint(format!("asst batch status {id} follows it")));
        }
        let why = info
            .errors
            .first()
            .map(|e| format!(": {e}"))
            .unwrap_or_default();
        return Err(Error::failed(format!(
            "batch {id} is {status} and has no results{why}"
        )));
    }
    let mut results = Results::open(output)?;
    let mut tally = Tally::default();
    for file in [&job.output_file_id, &job.error_file_id]
        .into_iter()
        .flatten()
    {
        let mut body = batches::content(http, file).await?;
        let mut pending: Vec<u8> = Vec::new();
        let mut at_end = false;
        while !at_end {
            match body.chunk().await? {
                Some(bytes) => pending.extend_from_slice(&bytes),
                None => at_end = true,
            }
            // Whole lines are handled as they arrive; the last one may lack its end.
            let mut start = 0;
            while let Some(i) = memchr::memchr(b'\n', &pending[start..]) {
                result_line(
                    http,
                    &pending[start..start + i],
                    markers,
                    &mut results,
                    &mut tally,
                )?;
                start += i + 1;
            }
            pending.drain(..start);
            if at_end && !pending.is_empty() {
                result_line(
                    http,
                    &std::mem::take(&mut pending),
                    markers,
                    &mut results,
                    &mut tally,
                )?;
            }
            if pending.len() > MAX_LINE {
                return Err(Error::failed(format!(
                    "a line of the batch's file {file} is longer than {} MiB",
                    MAX_LINE >> 20
                )));
            }
        }
    }
    if job.running() {
        notice(&format!(
            "batch {id} is still {status}; these are the results so far"
        ));
    }
    if tally.failed > 0 {
        return Err(Error::new(
            Kind::Partial,
            format!(
                "{} of {} requests of batch {id} failed (their result lines in {} say why)",
                tally.failed,
                tally.answered,
                results.place()
            ),
        ));
    }
    Ok(())
}

/// One line of a Batch API output or error file, written as a result line.
fn result_line(
    http: &Http,
    line: &[u8],
    markers: bool,
    results: &mut Results,
    tally: &mut Tally,
) -> Result<()> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let Ok(line) = serde_json::from_slice::<batches::OutputLine>(line) else {
        tally.answered += 1;
        tally.failed += 1;
        notice("a line of the batch's results could not be read and was skipped");
        return Ok(());
    };
    let id = line.custom_id.unwrap_or_default();
    if results.answered.contains(&id) {
        tally.skipped += 1;
        return Ok(());
    }
    let result = match line.response {
        Some(r) if (200..300).contains(&r.status_code) => {
            let request = r
                .request_id
                .as_deref()
                .and_then(crate::http::usable_request_id);
            let f = responses::finished(r.body, markers);
            Answered {
                kind: "result",
                id,
                status: f.status,
                text: f.text,
                citations: f.citations,
                usage: f.usage,
                thread: None,
                response: f.response,
                request_id: request.clone(),
                error: f.error.map(|e| failure(e.or_request(request.as_deref()))),
            }
        }
        Some(r) => {
            let error = http.classify(r.status_code, &r.body.to_string());
            let request = r
                .request_id
                .as_deref()
                .and_then(crate::http::usable_request_id);
            refused(id, error.or_request(request.as_deref()))
        }
        None => {
            let e = line
                .error
                .as_ref()
                .map(crate::http::ApiError::from_value)
                .unwrap_or_default();
            let message = format!(
                "{} ({})",
                e.message.unwrap_or_else(|| "no message".into()),
                e.code.unwrap_or_else(|| "no code".into())
            );
            refused(id, Error::failed(message))
        }
    };
    tally.answered += 1;
    if result.error.is_some() {
        tally.failed += 1;
    }
    results.write(&result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn only_a_regular_file_is_counted_for_the_progress_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("questions.txt");
        std::fs::write(&file, "a\n\n  \nb").unwrap();
        assert_eq!(count_lines(&file), Some(2));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Opening a FIFO waits for a writer, and /dev/zero never ends: on a thread, so
        // that the test fails rather than hangs.
        for path in [fifo, PathBuf::from("/dev/zero")] {
            let (tx, rx) = std::sync::mpsc::channel();
            let counted = path.clone();
            std::thread::spawn(move || tx.send(count_lines(&counted)));
            assert_eq!(
                rx.recv_timeout(Duration::from_secs(2)),
                Ok(None),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn lines_are_bounded_and_cut_ones_are_skipped_to_their_end() {
        let input = b"first\r\n\n  \nsecond is long\nthird".to_vec();
        let mut r = std::io::Cursor::new(input);
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 8).unwrap(), Some(true));
        assert_eq!(buf, b"first");
        buf.clear();
        assert_eq!(read_line(&mut r, &mut buf, 8).unwrap(), Some(true));
        assert_eq!(buf, b"");
        buf.clear();
        read_line(&mut r, &mut buf, 8).unwrap();
        buf.clear();
        assert_eq!(read_line(&mut r, &mut buf, 8).unwrap(), Some(false), "cut");
        buf.clear();
        assert_eq!(read_line(&mut r, &mut buf, 8).unwrap(), Some(true));
        assert_eq!(buf, b"third");
        buf.clear();
        assert_eq!(read_line(&mut r, &mut buf, 8).unwrap(), None);

        let lines: Vec<Line> = Lines::new(std::io::Cursor::new(b"a\n\n\nb\n".to_vec())).collect();
        let numbers: Vec<usize> = lines.iter().map(|l| l.no).collect();
        assert_eq!(numbers, [1, 4], "blank lines count but are not questions");

        let tmp = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(tmp.path(), "a\n\n \t\nb\r\nlast without an end").unwrap();
        assert_eq!(count_lines(tmp.path()), Some(3));
    }

    #[test]
    fn a_line_is_plain_text_or_an_object_with_an_id() {
        let (id, spec) = parse(3, "What is our refund policy?\r").unwrap();
        assert_eq!(id, "3");
        assert_eq!(spec.prompt.as_deref(), Some("What is our refund policy?"));
        let (id, _) = parse(1, r#"{"id": 42, "prompt": "x"}"#).unwrap();
        assert_eq!(id, "42");
        let (id, spec) = parse(1, r#"{"id": "q-7", "prompt": "x", "model": "m"}"#).unwrap();
        assert_eq!((id.as_str(), spec.model.as_deref()), ("q-7", Some("m")));
        let (id, e) = parse(9, r#"{"id": "q-8", "promt": "typo"}"#).unwrap_err();
        assert_eq!(id, "q-8", "the id is kept for the failed line");
        assert!(
            e.message.contains("line 9") && e.message.contains("promt"),
            "{}",
            e.message
        );
        let (id, _) = parse(5, r#"{"id": "", "prompt": "x"}"#).unwrap_err();
        assert_eq!(id, "5");
    }
}
