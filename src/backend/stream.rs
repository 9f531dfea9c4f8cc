//! The one stream-reading skeleton both API families use: read events until the answer's
//! outcome, and when the stream is cut (a broken or silent connection, a body that ends
//! early), look the answer up, print only what is missing, and conclude.
//!
//! A family supplies only its wire decoding ([`Family`]): what one event means, how to look
//! up the stored answer, and its outcome in the shared [`Outcome`] form.

use super::{finish, unreadable_events, AskState, Cut, Part, Progress};
use crate::answer::Answer;
use crate::error::{Error, Result};
use crate::events::{Status, Usage};
use crate::http::{EventStream, Http};
use crate::output::notice;
use crate::render::Render;
use crate::sse::SseEvent;
use std::time::{Duration, Instant};

/// What reading an answer shares between the skeleton and a family's handlers.
pub struct Reader<'a> {
    pub answer: Answer,
    /// Which parts were streamed, so that a recovery prints only the rest.
    pub progress: Progress,
    /// Events whose JSON could not be read (the answer may miss a piece).
    pub unreadable: usize,
    pub state: &'a mut AskState,
    pub out: &'a mut dyn Render,
}

impl<'a> Reader<'a> {
    /// A reader at the start of an answer.
    pub fn new(markers: bool, state: &'a mut AskState, out: &'a mut dyn Render) -> Reader<'a> {
        Reader {
            answer: Answer::new(markers),
            progress: Progress::default(),
            unreadable: 0,
            state,
            out,
        }
    }
}

/// How an answer ended, in the form both families give it.
#[derive(Debug, Default)]
pub struct Outcome {
    pub status: Option<Status>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub usage: Option<Usage>,
}

/// What one event meant for the stream as a whole.
pub enum Step {
    /// Keep reading.
    Next,
    /// The answer reached its outcome.
    End(Outcome),
    /// The stream said it is over (`[DONE]`) without an outcome.
    Over,
    /// The answer exists and goes on without asst (`ask --detach`): stop here.
    Detach,
}

/// The stored answer after a cut: its parts, keyed by (message or item id, part index), and
/// its outcome once it has one.
pub struct Stored {
    pub parts: Vec<((String, u32), Part)>,
    pub outcome: Option<Outcome>,
    /// What the notice calls it: `response resp_…`, `run run_…`.
    pub what: String,
    /// The answer was lost with the connection (an ordinary response the server cancelled
    /// when it went away): what was printed stands, and this is the error to end with.
    pub lost: Option<Error>,
}

/// One API family's wire decoding.
pub trait Family {
    /// The hot path: an event handled without waiting on anything (a text delta), or
    /// `None` to have [`Family::event`] handle it. Tried first for every event, so that the
    /// common one costs no future to set up.
    fn hot(&mut self, _sse: &SseEvent<'_>, _r: &mut Reader<'_>) -> Option<Result<Step>> {
        None
    }

    /// Handles one event of the stream.
    async fn event(&mut self, sse: SseEvent<'_>, r: &mut Reader<'_>) -> Result<Step>;

    /// The stream ended without an outcome: the error it announced before, if any (such a
    /// stream is not recovered: the server said what happened).
    fn announced(&mut self) -> Option<Error>;

    /// After a cut: the stored answer, polled until it has an outcome or `budget` is spent.
    /// `None` when the stream gave no ids to look it up by.
    async fn look_up(
        &mut self,
        http: &Http,
        r: &mut Reader<'_>,
        budget: Duration,
    ) -> Option<Result<Stored>>;

    /// After a cut: the stream again, from the event after the last one seen, if this
    /// answer can be resumed (a background response). `None` when it cannot.
    async fn resume(&mut self, _http: &Http, _r: &mut Reader<'_>) -> Option<Result<EventStream>> {
        None
    }

    /// How far the stream has come (the last sequence number), to tell a resumed stream
    /// that made progress from one that did not.
    fn position(&self) -> Option<u64> {
        None
    }

    /// The server answered the streaming request with one JSON object: the answer, if it is
    /// a response or run this family knows. `None` when it is not.
    async fn whole(
        &mut self,
        http: &Http,
        body: &[u8],
        r: &mut Reader<'_>,
    ) -> Option<Result<Stored>>;
}

impl Reader<'_> {
    /// Emits `done` for the outcome and turns it into the command's result.
    pub fn conclude(&mut self, o: Outcome) -> Result<()> {
        let status = o.status.unwrap_or(Status::Failed);
        let result = finish(
            &mut self.answer,
            self.out,
            self.state,
            status,
            o.reason,
            o.message,
            o.usage,
        );
        self.out.flush()?;
        result
    }
}

/// Reads an answer's stream to its end, recovering from a cut: by resuming the stream when
/// the family can (as often as the retry budget allows while resumes make progress, within
/// the idle budget from the cut), else by looking the answer up.
pub async fn read<F: Family>(
    http: &Http,
    family: &mut F,
    stream: EventStream,
    r: &mut Reader<'_>,
) -> Result<()> {
    // An answer that fails names the request that asked for it: not one the model cut
    // short or answered oddly, which is no fault to take to the server's support, nor one
    // the user stopped.
    let request = stream.request_id();
    r.state.request.clone_from(&request);
    read_answer(http, family, stream, r).await.map_err(|e| {
        use crate::error::Kind;
        match e.kind {
            Kind::Failed | Kind::RateLimited | Kind::Network | Kind::Other | Kind::Config => {
                e.or_request(request.as_deref())
            }
            _ => e,
        }
    })
}

async fn read_answer<F: Family>(
    http: &Http,
    family: &mut F,
    mut stream: EventStream,
    r: &mut Reader<'_>,
) -> Result<()> {
    let idle = http.idle_timeout();
    if !stream.is_sse() {
        let body = stream.whole().await?;
        notice("the server did not stream its answer (it sent one JSON object); reading it whole");
        return match adopt(http, family, &body, r).await? {
            Some(stored) => conclude_stored(stored, r),
            None => look_up(http, family, r, Cut::Ended, idle).await,
        };
    }
    // When the recovery from the latest cut began, and how many resumes brought nothing.
    let mut cut_at: Option<Instant> = None;
    let mut fruitless = 0;
    let cut = loop {
        let started_at = family.position();
        let cut = loop {
            let next = if stream.at_hand() {
                Ok(stream.take())
            } else {
                stream.next(&mut || r.out.flush()).await
            };
            let sse = match next {
                Ok(Some(sse)) => sse,
                Ok(None) => break Cut::Ended,
                // The reader of stdout went away (the flush before a wait failed): that is
                // no cut of the stream, and nobody wants the rest.
                Err(e) if e.kind == crate::error::Kind::BrokenPipe => return Err(e),
                Err(e) => break Cut::Broken(e),
            };
            let step = match family.hot(&sse, r) {
                Some(step) => step?,
                None => family.event(sse, r).await?,
            };
            match step {
                Step::Next => {}
                Step::End(outcome) => {
                    r.conclude(outcome)?;
                    return unreadable_events(r.unreadable);
                }
                Step::Over => break Cut::Ended,
                Step::Detach => {
                    r.state.finished = true;
                    r.out.flush()?;
                    return Ok(());
                }
            }
        };
        if let (Cut::Ended, Some(e)) = (&cut, family.announced()) {
            r.answer.end_part(r.out)?;
            return Err(e);
        }
        r.out.flush()?;
        if family.position() != started_at || cut_at.is_none() {
            cut_at = Some(Instant::now());
            fruitless = 0;
        } else {
            fruitless += 1;
        }
        let left = idle.saturating_sub(cut_at.map_or(Duration::ZERO, |t| t.elapsed()));
        if fruitless > http.max_retries() || left.is_zero() {
            break cut;
        }
        if fruitless > 0 {
            tokio::time::sleep((Duration::from_millis(250) * fruitless).min(left)).await;
        }
        match family.resume(http, r).await {
            None => break cut,
            Some(Ok(resumed)) if !resumed.is_sse() => {
                // A server that answers the resume with the response itself: finished, it
                // is the answer; still going, it is polled.
                let body = resumed.whole().await?;
                if let Some(stored) = adopt(http, family, &body, r).await? {
                    notice(&format!(
                        "the stream was cut; recovered the rest of the answer from {}",
                        stored.what
                    ));
                    return conclude_stored(stored, r);
                }
                break cut;
            }
            Some(Ok(resumed)) => {
                notice(&format!(
                    "the stream was cut ({}); resumed it after event {}",
                    cut.reason(),
                    family.position().map_or("-".into(), |n| n.to_string())
                ));
                stream = resumed.with_idle_timeout(left.max(Duration::from_millis(100)));
            }
            Some(Err(e)) => {
                notice(&format!(
                    "the stream was cut, and resuming it failed ({}); looking the answer up",
                    e.message
                ));
                break cut;
            }
        }
    };
    // The stream stopped short of the outcome: the server has the rest.
    let left = idle.saturating_sub(cut_at.map_or(Duration::ZERO, |t| t.elapsed()));
    look_up(http, family, r, cut, left).await
}

/// After a cut that resuming did not mend: the stored answer, polled within `budget`.
async fn look_up<F: Family>(
    http: &Http,
    family: &mut F,
    r: &mut Reader<'_>,
    cut: Cut,
    budget: Duration,
) -> Result<()> {
    let stored = match family.look_up(http, r, budget).await {
        None => return Err(cut.into_error(r.state, None)),
        Some(Err(e)) => return Err(cut.into_error(r.state, Some(e))),
        Some(Ok(stored)) => stored,
    };
    if stored.lost.is_none() {
        notice(&format!(
            "the stream was cut; recovered the rest of the answer from {}",
            stored.what
        ));
    }
    conclude_stored(stored, r)
}

/// A whole JSON reply where a stream was expected: the answer once it has its outcome
/// (`None` while it is still going), or an error when it is no response at all.
async fn adopt<F: Family>(
    http: &Http,
    family: &mut F,
    body: &[u8],
    r: &mut Reader<'_>,
) -> Result<Option<Stored>> {
    match family.whole(http, body, r).await {
        Some(stored) => Ok(Some(stored?).filter(|s| s.outcome.is_some() || s.lost.is_some())),
        None => Err(Error::failed(format!(
            "the server did not stream: it answered with JSON that is not a response ({})",
            crate::http::one_line(&String::from_utf8_lossy(body), 120)
        ))),
    }
}

/// Prints what the stored answer has beyond what was printed, and concludes with its outcome.
pub fn conclude_stored(stored: Stored, r: &mut Reader) -> Result<()> {
    if let Some(lost) = stored.lost {
        r.conclude(Outcome {
            status: Some(Status::Cancelled),
            reason: Some("connection_lost".into()),
            ..Outcome::default()
        })
        .ok();
        return Err(
            Error::new(lost.kind, format!("{}{}", lost.message, ids(r.state)))
                .with_hint(lost.hint.unwrap_or_default()),
        );
    }
    if let Err(e) = r.progress.resume(stored.parts, &mut r.answer, r.out) {
        return Err(Error::new(e.kind, format!("{}{}", e.message, ids(r.state))));
    }
    match stored.outcome {
        Some(outcome) => {
            r.conclude(outcome)?;
            unreadable_events(r.unreadable)
        }
        None => Err(Cut::Ended.into_error(r.state, None)),
    }
}

/// `; response resp_… in conv_…`, for messages that must let a user look the answer up.
fn ids(state: &AskState) -> String {
    match (&state.response, &state.thread) {
        (Some(r), Some(t)) => format!("; {r} in {t}"),
        (None, Some(t)) => format!("; thread {t}"),
        _ => String::new(),
    }
}
