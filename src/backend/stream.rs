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
}

/// The stored answer after a cut: its parts, keyed by (message or item id, part index), and
/// its outcome once it has one.
pub struct Stored {
    pub parts: Vec<((String, u32), Part)>,
    pub outcome: Option<Outcome>,
    /// What the notice calls it: `response resp_…`, `run run_…`.
    pub what: String,
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

    /// After a cut: the stored answer, polled until it has an outcome or the idle budget is
    /// spent. `None` when the stream gave no ids to look it up by.
    async fn look_up(&mut self, http: &Http, r: &mut Reader<'_>) -> Option<Result<Stored>>;

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

/// Reads an answer's stream to its end, recovering from a cut.
pub async fn read<F: Family>(
    http: &Http,
    family: &mut F,
    mut stream: EventStream,
    r: &mut Reader<'_>,
) -> Result<()> {
    if !stream.is_sse() {
        let body = stream.whole().await?;
        notice("the server did not stream its answer (it sent one JSON object); reading it whole");
        return match family.whole(http, &body, r).await {
            Some(stored) => conclude_stored(stored?, r),
            None => Err(Error::failed(format!(
                "the server did not stream: it answered with JSON that is not a response ({})",
                crate::http::one_line(&String::from_utf8_lossy(&body), 120)
            ))),
        };
    }
    let cut = loop {
        let sse = match stream.next(&mut || r.out.flush()).await {
            Ok(Some(sse)) => sse,
            Ok(None) => break Cut::Ended,
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
        }
    };
    if let (Cut::Ended, Some(e)) = (&cut, family.announced()) {
        r.answer.end_part(r.out)?;
        return Err(e);
    }
    // The stream stopped short of the outcome: the server has the rest.
    r.out.flush()?;
    let stored = match family.look_up(http, r).await {
        None => return Err(cut.into_error(r.state, None)),
        Some(Err(e)) => return Err(cut.into_error(r.state, Some(e))),
        Some(Ok(stored)) => stored,
    };
    notice(&format!(
        "the stream was cut; recovered the rest of the answer from {}",
        stored.what
    ));
    conclude_stored(stored, r)
}

/// Prints what the stored answer has beyond what was printed, and concludes with its outcome.
fn conclude_stored(stored: Stored, r: &mut Reader) -> Result<()> {
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
