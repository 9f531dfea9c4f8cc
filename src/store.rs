//! The `store` commands and `ask --attach`: upload files a few at a time, add them to a
//! vector store, wait until file search can read them, and report each file's fate.

use crate::backend::files::{self, Store, StoreFile};
use crate::backend::poll_until_done;
use crate::config::Config;
use crate::error::{Error, Kind, Result};
use crate::events::{Event, FileInfo, StoreInfo};
use crate::http::Http;
use crate::render::Render;
use crate::render::{escaped, Look};
use crate::settings;
use crate::upload::{LocalFile, Progress};
use futures_util::StreamExt;
use std::collections::HashMap;
use std::time::Duration;

/// Uploads running at once: enough to hide latency, few enough to be polite.
const CONCURRENT_UPLOADS: usize = 4;

pub async fn run(
    http: &Http,
    request: settings::Store,
    config: &Config,
    look: Look,
    out: &mut dyn Render,
) -> Result<()> {
    match request {
        settings::Store::Create {
            name,
            files,
            upload,
        } => {
            let store = files::create_store(http, &name, &[], None).await?;
            // The id goes out first: whatever happens next, the user knows the store exists.
            out.event(Event::Store(info(&store)))?;
            out.flush()?;
            let todo = files.into_iter().map(|f| (f, None)).collect();
            fill(http, &store.id, todo, upload, config, look, out).await
        }
        settings::Store::Add {
            store,
            files,
            force,
            upload,
        } => {
            let existing = files::store_files(http, &store).await?;
            let known: HashMap<(&str, &str), &str> = existing
                .iter()
                .filter(|f| f.status != "failed" && f.status != "cancelled")
                .filter_map(|f| Some(((f.name()?, f.fingerprint()?), f.id.as_str())))
                .collect();
            let mut todo = Vec::new();
            for file in files {
                let fingerprint = file.fingerprint()?;
                let have = known.get(&(file.name.as_str(), fingerprint.as_str()));
                match have {
                    Some(id) if !force => out.event(Event::File(FileInfo {
                        name: Some(file.name.clone()),
                        file_id: Some(id.to_string()),
                        bytes: Some(file.bytes),
                        status: "skipped".into(),
                        error: None,
                        store: Some(store.clone()),
                    }))?,
                    _ => todo.push((file, Some(fingerprint))),
                }
            }
            fill(http, &store, todo, upload, config, look, out).await
        }
        settings::Store::Show { store } => {
            let info_of = files::get_store(http, &store).await?;
            out.event(Event::Store(info(&info_of)))?;
            let mut names = files::FileNames::default();
            for f in files::store_files(http, &store).await? {
                let name = match f.name() {
                    Some(n) => Some(n.to_string()),
                    None => names.get(http, &f.id).await,
                };
                out.event(Event::File(file_info(&f, name, &store)))?;
            }
            Ok(())
        }
        settings::Store::List => {
            for store in files::list_stores(http).await? {
                out.event(Event::Store(info(&store)))?;
            }
            Ok(())
        }
        settings::Store::Rm { store, with_files } => {
            let held = if with_files {
                files::store_files(http, &store).await?
            } else {
                Vec::new()
            };
            files::delete_store(http, &store).await?;
            out.event(Event::Deleted {
                id: store.clone(),
                object: "vector_store",
            })?;
            let mut failed = Vec::new();
            for f in held {
                match files::delete_file(http, &f.id).await {
                    Ok(()) => out.event(Event::Deleted {
                        id: f.id,
                        object: "file",
                    })?,
                    Err(e) if e.kind == Kind::NotFound => {}
                    Err(e) => failed.push(format!("{}: {}", f.id, e.message)),
                }
            }
            if failed.is_empty() {
                Ok(())
            } else {
                Err(Error::new(
                    Kind::Other,
                    format!(
                        "the store is deleted, but not these files: {}",
                        failed.join("; ")
                    ),
                ))
            }
        }
    }
}

fn info(s: &Store) -> StoreInfo {
    StoreInfo {
        id: s.id.clone(),
        name: s.name.clone(),
        status: s.status.clone(),
        file_counts: s.file_counts.clone(),
        usage_bytes: s.usage_bytes,
        created_at: s.created_at,
    }
}

fn file_info(f: &StoreFile, name: Option<String>, store: &str) -> FileInfo {
    FileInfo {
        name,
        file_id: Some(f.id.clone()),
        bytes: f.usage_bytes,
        status: f.status.clone(),
        error: f.error(),
        store: Some(store.to_string()),
    }
}

/// What happened to one file: its id once uploaded (and added), or why not.
struct Outcome {
    file: LocalFile,
    result: Result<String>,
}

impl Outcome {
    fn file_id(&self) -> Option<&String> {
        self.result.as_ref().ok()
    }

    fn error(&self) -> Option<&Error> {
        self.result.as_ref().err()
    }
}

/// Uploads `files` (with their fingerprints, when known) into `store`, waits unless told not
/// to, reports every file, and fails when any file did not make it.
async fn fill(
    http: &Http,
    store: &str,
    todo: Vec<(LocalFile, Option<String>)>,
    opts: settings::Upload,
    config: &Config,
    look: Look,
    out: &mut dyn Render,
) -> Result<()> {
    let uploaded = upload_all(http, Some(store), todo, opts.quiet, look.terminal).await;
    if let Some(e) = uploaded.interrupted_error(Some(store)) {
        return Err(e);
    }
    let outcomes = uploaded.outcomes;
    let ids: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.file_id().cloned())
        .collect();
    let statuses = if opts.no_wait || ids.is_empty() {
        Vec::new()
    } else {
        tokio::select! {
            statuses = wait_for_files(http, store, &ids, config.idle_timeout) => statuses?,
            kind = crate::signal::interrupted() => {
                return Err(Error::new(kind, format!(
                    "{}: the files are uploaded into {store}, which was still processing them",
                    if kind == Kind::Terminated { "terminated" } else { "interrupted" }
                ))
                .with_hint(format!("check with: asst store show {store}")));
            }
        }
    };
    let mut failed = Vec::new();
    let mut pending = 0;
    for o in &outcomes {
        let stored = statuses.iter().find(|s| Some(&s.id) == o.file_id());
        let (status, error) = match (o.error(), stored) {
            (Some(e), _) => ("failed".to_string(), Some(e.message.clone())),
            (None, Some(s)) => (s.status.clone(), s.error()),
            (None, None) => ("uploaded".to_string(), None),
        };
        if status == "failed" || status == "cancelled" {
            failed.push(format!(
                "{}: {}",
                escaped(&o.file.name),
                error.clone().unwrap_or_else(|| status.clone())
            ));
        } else if status == "in_progress" {
            pending += 1;
        }
        out.event(Event::File(FileInfo {
            name: Some(o.file.name.clone()),
            file_id: o.file_id().cloned(),
            bytes: Some(o.file.bytes),
            status,
            error,
            store: Some(store.to_string()),
        }))?;
    }
    // The store as it is now (text mode shows a new store's id alone, once).
    if let Ok(s) = files::get_store(http, store).await {
        out.event(Event::Store(info(&s)))?;
    }
    let upload_failures: Vec<&Outcome> = outcomes.iter().filter(|o| o.error().is_some()).collect();
    if let Some(first) = upload_failures.first() {
        let missing: Vec<String> = upload_failures
            .iter()
            .map(|o| escaped(&o.file.path.display().to_string()).into_owned())
            .collect();
        let kind = first.error().map_or(Kind::Failed, |e| e.kind);
        return Err(Error::new(
            kind,
            format!(
                "{} of {} files were not uploaded: {}",
                upload_failures.len(),
                outcomes.len(),
                failed.join("; ")
            ),
        )
        .with_hint(format!(
            "{store} has the others; add the rest with: asst store add {store} {}",
            missing.join(" ")
        )));
    }
    if !failed.is_empty() {
        return Err(Error::failed(format!(
            "{} of {} files could not be processed: {}",
            failed.len(),
            outcomes.len(),
            failed.join("; ")
        )));
    }
    if pending > 0 && !opts.no_wait {
        return Err(
            Error::network(format!("{pending} files are still being processed"))
                .with_hint(format!("check later with: asst store show {store}")),
        );
    }
    Ok(())
}

/// Uploads files a few at a time, adding each to `store` (when given) as soon as it is up.
async fn upload_all(
    http: &Http,
    store: Option<&str>,
    todo: Vec<(LocalFile, Option<String>)>,
    quiet: bool,
    terminal: bool,
) -> Uploaded {
    let all: Vec<LocalFile> = todo.iter().map(|(f, _)| f.clone()).collect();
    let mut progress = Progress::new(todo.iter().map(|(f, _)| f), quiet, terminal);
    let counter = progress.sent.clone();
    let uploads = futures_util::stream::iter(todo)
        .map(|(file, fingerprint)| {
            let sent = counter.clone();
            async move {
                let result = async {
                    let id = files::upload(http, &file, sent).await?;
                    if let Some(store) = store {
                        let fp = match fingerprint {
                            Some(fp) => fp,
                            None => file.fingerprint()?,
                        };
                        files::attach(http, store, &id, &file, &fp).await?;
                    }
                    Ok::<_, Error>(id)
                }
                .await;
                Outcome { file, result }
            }
        })
        .buffer_unordered(CONCURRENT_UPLOADS);
    let mut uploads = std::pin::pin!(uploads);
    // Draw the line before the first request, so that nothing printed while
    // uploading (a retry notice, say) can come before it.
    progress.tick();
    let mut ticker = tokio::time::interval(Duration::from_millis(200));
    ticker.reset();
    let mut outcomes = Vec::new();
    let mut interrupted = None;
    // One listener for the whole upload: made anew at each tick, a signal between two
    // ticks would be lost.
    let mut stop = std::pin::pin!(crate::signal::interrupted());
    loop {
        tokio::select! {
            kind = &mut stop => {
                interrupted = Some(kind);
                break;
            }
            next = uploads.next() => match next {
                Some(o) => {
                    let line = match &o.result {
                        Ok(id) => format!("uploaded {} ({}) as {id}", escaped(&o.file.name), crate::upload::human_bytes(o.file.bytes)),
                        Err(e) => format!("could not upload {}: {}", escaped(&o.file.name), e.message),
                    };
                    progress.file_done(&line);
                    outcomes.push(o);
                }
                None => break,
            },
            _ = ticker.tick() => progress.tick(),
        }
    }
    progress.finish();
    Uploaded {
        all,
        outcomes,
        interrupted,
    }
}

/// What [`upload_all`] did: every file's outcome, unless a signal stopped it first.
struct Uploaded {
    all: Vec<LocalFile>,
    outcomes: Vec<Outcome>,
    interrupted: Option<Kind>,
}

impl Uploaded {
    /// After an interrupt: the error that says which files are missing and how to add them.
    fn interrupted_error(&self, store: Option<&str>) -> Option<Error> {
        let kind = self.interrupted?;
        let done: Vec<&std::path::Path> = self
            .outcomes
            .iter()
            .filter(|o| o.file_id().is_some())
            .map(|o| o.file.path.as_path())
            .collect();
        let missing: Vec<&LocalFile> = self
            .all
            .iter()
            .filter(|f| !done.contains(&f.path.as_path()))
            .collect();
        let names: Vec<String> = missing
            .iter()
            .map(|f| escaped(&f.name).into_owned())
            .collect();
        let word = if kind == Kind::Terminated {
            "terminated"
        } else {
            "interrupted"
        };
        let error = Error::new(
            kind,
            format!(
                "{word}: {} of {} files were not uploaded: {}",
                missing.len(),
                self.all.len(),
                names.join(", ")
            ),
        );
        Some(match store {
            Some(store) => {
                let paths: Vec<String> = missing
                    .iter()
                    .map(|f| escaped(&f.path.display().to_string()).into_owned())
                    .collect();
                error.with_hint(format!(
                    "{store} has the others; add the rest with: asst store add {store} {}",
                    paths.join(" ")
                ))
            }
            None => error,
        })
    }
}

/// Polls the store's files until none of `ids` is still being processed.
async fn wait_for_files(
    http: &Http,
    store: &str,
    ids: &[String],
    budget: Duration,
) -> Result<Vec<StoreFile>> {
    let result = poll_until_done(budget, || async {
        let all = files::store_files(http, store).await?;
        let ours: Vec<StoreFile> = all.into_iter().filter(|f| ids.contains(&f.id)).collect();
        let done = ours.len() == ids.len() && ours.iter().all(|f| f.status != "in_progress");
        Ok((ours, done))
    })
    .await;
    match result {
        Ok(files) => Ok(files),
        // Out of patience: report what is known, files still in progress included.
        Err(e) if e.kind == Kind::Network => files::store_files(http, store)
            .await
            .map(|all| all.into_iter().filter(|f| ids.contains(&f.id)).collect()),
        Err(e) => Err(e),
    }
}

/// Files uploaded for one `ask --attach`.
pub struct Attached {
    pub file_ids: Vec<String>,
    /// The vector store made for them (Responses); Assistants attaches to the message instead.
    pub store: Option<StoreInfo>,
}

/// How long an attachment store lives once unused: the server deletes it afterwards.
pub const ATTACHMENT_DAYS: u32 = 7;

/// Uploads `--attach` files. For Responses they go into a new vector store that expires
/// after [`ATTACHMENT_DAYS`] days unused, and asst waits until it is searchable; for
/// Assistants the message carries them and the API adds them to the thread's own store.
pub async fn attach_for_ask(
    http: &Http,
    paths: &[LocalFile],
    make_store: bool,
    budget: Duration,
    look: Look,
) -> Result<Attached> {
    let todo = paths.iter().map(|f| (f.clone(), None)).collect();
    let uploaded = upload_all(http, None, todo, false, look.terminal).await;
    if let Some(e) = uploaded.interrupted_error(None) {
        return Err(e);
    }
    let outcomes = uploaded.outcomes;
    let mut file_ids = Vec::new();
    for o in outcomes {
        match o.result {
            Ok(id) => file_ids.push(id),
            Err(e) => {
                let message = format!("cannot attach {}: {}", escaped(&o.file.name), e.message);
                return Err(Error::new(e.kind, message));
            }
        }
    }
    if !make_store {
        return Ok(Attached {
            file_ids,
            store: None,
        });
    }
    let store =
        files::create_store(http, "asst attachments", &file_ids, Some(ATTACHMENT_DAYS)).await?;
    let done = poll_until_done(budget, || async {
        let s = files::get_store(http, &store.id).await?;
        Ok((s.file_counts.clone(), s.file_counts.in_progress == 0))
    })
    .await?;
    if done.failed > 0 || done.cancelled > 0 {
        return Err(Error::failed(format!(
            "{} of the attached files could not be processed (see: asst store show {})",
            done.failed + done.cancelled,
            store.id
        )));
    }
    crate::output::notice(&format!(
        "attached {} file(s) in vector store {} (kept {ATTACHMENT_DAYS} days after last use; --vector-store {} searches it again)",
        file_ids.len(),
        store.id,
        store.id
    ));
    let made = files::get_store(http, &store.id).await.unwrap_or(store);
    Ok(Attached {
        file_ids,
        store: Some(info(&made)),
    })
}
