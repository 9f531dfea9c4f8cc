//! Many files uploaded at once: a few in flight, claimed from one list by the main thread
//! and, for many files, by a helper thread with a runtime and a client of its own. Each
//! file gets its [`Outcome`]; the full batches are handed on as they fill, so that the store
//! can start on them while the rest upload.

use crate::backend::files;
use crate::error::{Error, Kind, Result};
use crate::http::Http;
use crate::render::escaped;
use crate::upload::{LocalFile, Progress};
use futures_util::StreamExt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Uploads running at once: enough to hide latency, few enough to be polite.
pub const CONCURRENT_UPLOADS: usize = 4;

/// What happened to one file: its id once uploaded (and added), or why not.
pub struct Outcome {
    /// Which of the files given to [`upload_all`] it is.
    pub index: usize,
    pub result: Result<files::Uploaded>,
}

impl Outcome {
    pub fn file_id(&self) -> Option<&String> {
        self.result.as_ref().ok().map(|u| &u.id)
    }

    /// The fingerprint of what was sent, when the whole file went.
    pub fn fingerprint(&self) -> Option<&str> {
        self.result.as_ref().ok()?.fingerprint.as_deref()
    }

    pub fn error(&self) -> Option<&Error> {
        self.result.as_ref().err()
    }
}

/// A file uploaded: the early batches' share of an [`Outcome`].
pub struct Ready {
    pub index: usize,
    pub id: String,
    pub fingerprint: Option<String>,
}

/// Files from which a second thread takes part in uploading: for fewer, its thread, runtime
/// and client cost more than they save.
const SHARED_FROM: usize = 64;

/// Uploads files a few at a time (a file is copied only while it is in flight, and into its
/// outcome). Many files are shared with a [`Helper`] thread: each upload costs CPU time
/// (a connection, a request, a reply) that one thread alone would queue.
pub async fn upload_all(
    http: &Http,
    todo: &[&LocalFile],
    quiet: bool,
    terminal: bool,
    ready: Option<tokio::sync::mpsc::UnboundedSender<Vec<Ready>>>,
) -> Uploaded {
    let mut progress = Progress::new(todo.iter().copied(), quiet, terminal);
    let counter = progress.sent.clone();
    // The next file to upload, taken by whichever thread has room first.
    let next = Arc::new(AtomicUsize::new(0));
    // Many uploads get clients of their own, without keep-alive probes (uploads are never
    // silent): a connection each, four system calls fewer each.
    let shared = todo.len() >= SHARED_FROM;
    let own = shared.then(|| http.for_uploads().ok()).flatten();
    let http = own.as_ref().unwrap_or(http);
    let mut helper = shared
        .then(|| Helper::start(http, todo, &next, &counter, CONCURRENT_UPLOADS / 2))
        .flatten();
    let here = match helper {
        Some(_) => CONCURRENT_UPLOADS - CONCURRENT_UPLOADS / 2,
        None => CONCURRENT_UPLOADS,
    };
    let claim = || {
        let index = next.fetch_add(1, Ordering::Relaxed);
        (index < todo.len()).then_some(index)
    };
    let uploads = futures_util::stream::iter(std::iter::from_fn(claim))
        .map(|index| {
            let sent = counter.clone();
            let next = &next;
            async move {
                let result = files::upload(http, todo[index], sent).await;
                stop_after(&result, next, todo.len());
                Outcome { index, result }
            }
        })
        .buffer_unordered(here);
    let mut uploads = std::pin::pin!(uploads);
    // Draw the line before the first request, so that nothing printed while
    // uploading (a retry notice, say) can come before it.
    progress.tick();
    let mut ticker = tokio::time::interval(Duration::from_millis(200));
    ticker.reset();
    let mut outcomes = Vec::new();
    let mut interrupted = None;
    let (mut here_done, mut helper_done) = (false, helper.is_none());
    // The uploaded files not yet handed over for an early batch.
    let mut held = Vec::new();
    // An error every upload would get (a key that may not upload): no more are started.
    let halted: std::cell::RefCell<Option<Error>> = Default::default();
    let mut done = |o: Outcome, progress: &mut Progress, outcomes: &mut Vec<Outcome>| {
        let file = todo[o.index];
        if let Err(e) = &o.result {
            let mut halted = halted.borrow_mut();
            if e.for_all && halted.is_none() {
                *halted = Some(e.clone());
            }
        }
        progress.file_done(|| match &o.result {
            Ok(u) => format!(
                "uploaded {} ({}) as {}",
                escaped(&file.key),
                crate::upload::human_bytes(file.bytes),
                u.id
            ),
            Err(e) => format!("could not upload {}: {}", escaped(&file.key), e.message),
        });
        if let (Some(ready), Ok(u)) = (&ready, &o.result) {
            held.push(Ready {
                index: o.index,
                id: u.id.clone(),
                fingerprint: u.fingerprint.clone(),
            });
            if held.len() == files::MAX_BATCH {
                let _ = ready.send(std::mem::take(&mut held));
            }
        }
        outcomes.push(o);
    };
    // One wait for the whole upload, rather than one made anew at each tick.
    let mut stop = std::pin::pin!(crate::signal::interrupted());
    while !(here_done && helper_done) {
        tokio::select! {
            kind = &mut stop => {
                interrupted = Some(kind);
                break;
            }
            next = uploads.next(), if !here_done => match next {
                Some(o) => done(o, &mut progress, &mut outcomes),
                None => here_done = true,
            },
            next = Helper::next(&mut helper), if !helper_done => match next {
                Some(batch) => {
                    for o in batch {
                        done(o, &mut progress, &mut outcomes);
                    }
                }
                None => helper_done = true,
            },
            _ = ticker.tick() => progress.tick(),
        }
    }
    // Stopped (a signal) or finished: what the helper uploaded meanwhile is known too.
    if let Some(h) = helper.take() {
        for o in h.finish() {
            done(o, &mut progress, &mut outcomes);
        }
    }
    if interrupted.is_none() && outcomes.len() < todo.len() {
        // Files not started after an error every upload would get, or taken by a helper
        // that stopped without a word (it cannot, short of a panic): each file still gets
        // its outcome, so that none is paired with another's.
        let mut known = vec![false; todo.len()];
        for o in &outcomes {
            known[o.index] = true;
        }
        let unsent = halted.borrow().clone();
        for (index, _) in known.iter().enumerate().filter(|(_, k)| !**k) {
            let result = Err(match &unsent {
                Some(e) => Error {
                    message: format!("not sent: {}", e.message),
                    ..e.clone()
                },
                None => Error::failed("the thread uploading it stopped"),
            });
            let lost = Outcome { index, result };
            if unsent.is_some() {
                // Not a line each: the error says it once.
                outcomes.push(lost);
            } else {
                done(lost, &mut progress, &mut outcomes);
            }
        }
    }
    progress.finish();
    Uploaded {
        outcomes,
        interrupted,
    }
}

/// After an upload error every upload would get (a key that may not upload), no file is
/// claimed any more, by either thread: the next index is past the end.
fn stop_after(result: &Result<files::Uploaded>, next: &AtomicUsize, all: usize) {
    if result.as_ref().is_err_and(|e| e.for_all) {
        next.store(all, Ordering::Relaxed);
    }
}

/// A thread that uploads from the same list as the main one, with a runtime and client of
/// its own. (A current-thread runtime each: one runtime on two threads measured slower, from
/// waking tasks across threads.) Its outcomes reach the main thread a tick's worth at a
/// time, not one wake-up of that thread each.
struct Helper {
    outcomes: tokio::sync::mpsc::UnboundedReceiver<Vec<Outcome>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: std::thread::JoinHandle<()>,
}

/// How often a [`Helper`] hands over its outcomes. The timer also spares its runtime a
/// system call per connection: tokio wakes its own driver (an eventfd write) for each
/// timer that is due before the driver's next wake-up, and without a timer of its own
/// every upload's connect timeout would be one.
const HANDOVER: Duration = Duration::from_millis(200);

impl Helper {
    /// Starts taking files from `next` with `in_flight` at a time; `None` when a thread or
    /// client cannot be made (the main thread then uploads them all).
    fn start(
        http: &Http,
        todo: &[&LocalFile],
        next: &Arc<AtomicUsize>,
        sent: &Arc<AtomicU64>,
        in_flight: usize,
    ) -> Option<Helper> {
        let http = http.for_uploads().ok()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        let files: Vec<LocalFile> = todo.iter().map(|f| (*f).clone()).collect();
        let (next, sent) = (next.clone(), sent.clone());
        let (tx, outcomes) = tokio::sync::mpsc::unbounded_channel();
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("asst-upload".into())
            .spawn(move || {
                runtime.block_on(async {
                    let claim = || {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        (index < files.len()).then_some(index)
                    };
                    let uploads = futures_util::stream::iter(std::iter::from_fn(claim))
                        .map(|index| {
                            let (http, file, sent) = (&http, &files[index], sent.clone());
                            let (next, all) = (&next, files.len());
                            async move {
                                let result = files::upload(http, file, sent).await;
                                stop_after(&result, next, all);
                                Outcome { index, result }
                            }
                        })
                        .buffer_unordered(in_flight);
                    let mut uploads = std::pin::pin!(uploads);
                    let mut ticker = tokio::time::interval(HANDOVER);
                    ticker.reset();
                    let mut held = Vec::new();
                    loop {
                        tokio::select! {
                            next = uploads.next() => match next {
                                Some(o) => held.push(o),
                                None => break,
                            },
                            _ = ticker.tick() => {
                                if !held.is_empty() {
                                    let _ = tx.send(std::mem::take(&mut held));
                                }
                            }
                            _ = &mut stopped => break,
                        }
                    }
                    if !held.is_empty() {
                        let _ = tx.send(held);
                    }
                });
            })
            .ok()?;
        Some(Helper {
            outcomes,
            stop: Some(stop),
            thread,
        })
    }

    /// The helper's next outcomes; `None` once it has no more.
    async fn next(helper: &mut Option<Helper>) -> Option<Vec<Outcome>> {
        match helper {
            Some(h) => h.outcomes.recv().await,
            None => None,
        }
    }

    /// Stops it (its uploads in flight are abandoned, as the main thread's are) and returns
    /// the outcomes not yet taken.
    fn finish(mut self) -> Vec<Outcome> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = self.thread.join();
        let mut rest = Vec::new();
        while let Ok(batch) = self.outcomes.try_recv() {
            rest.extend(batch);
        }
        rest
    }
}

/// What [`upload_all`] did: every file's outcome, unless a signal stopped it first.
pub struct Uploaded {
    pub outcomes: Vec<Outcome>,
    pub interrupted: Option<Kind>,
}
