//! The `store` commands and `ask --attach`: files uploaded (by `uploader`), added to a
//! vector store, waited for until file search can read them, and each file's fate reported.

use crate::backend::files::{self, Store, StoreFile};
use crate::backend::poll_until_done;
use crate::config::Config;
use crate::error::{Error, Kind, Result};
use crate::events::{Event, FileInfo, StoreInfo};
use crate::http::Http;
use crate::render::Render;
use crate::render::{escaped, Look};
use crate::settings;
use crate::signal::unless_interrupted;
use crate::sync::{self, Apply, Plan};
use crate::upload::LocalFile;
use crate::uploader::{upload_all, Outcome, Ready, Uploaded, CONCURRENT_UPLOADS};
use futures_util::StreamExt;
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

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
            expire_days,
            apply: how,
        } => {
            let store = match unless_interrupted(files::create_store(
                http,
                &name,
                &[],
                expire_days,
                None,
            ))
            .await
            {
                Ok(store) => store?,
                Err(kind) => {
                    let word = crate::signal::word(kind);
                    return Err(Error::new(kind, format!("{word} while the store was made; nothing was uploaded"))
                        .with_hint("the server may have made it all the same: asst store list shows the stores"));
                }
            };
            // The id goes out first: whatever happens next, the user knows the store exists.
            out.event(Event::Store(info(&store)))?;
            out.flush()?;
            let plan = sync::plan(files, Vec::new(), false, false)?;
            apply(http, &store.id, plan, &how, config, look, out).await
        }
        settings::Store::Put {
            store,
            files,
            force,
            delete,
            allow_empty,
            max_delete,
            apply: how,
        } => {
            // Nothing is changed yet: an interrupt just ends it.
            let existing = tokio::select! {
                existing = files::store_files(http, &store) => existing?,
                kind = crate::signal::interrupted() => return Err(crate::signal::error(kind)),
            };
            let none_here = files.is_empty();
            let mut plan = sync::plan(files, existing, force, delete)?;
            // Folders with no file in them are more often a mistake (a failed checkout, a
            // mistyped --include) than a wish to empty the store that answers questions.
            if none_here && !allow_empty && !plan.removed.is_empty() {
                let what = match plan.removed.len() {
                    1 => "its one file".to_string(),
                    n => format!("all {n} files"),
                };
                return Err(Error::usage(format!(
                    "the folders hold no files to sync: it would take {what} out of {store}; nothing was changed"
                ))
                .with_hint("check the folders, --include and --exclude; --allow-empty lets an empty folder empty the store"));
            }
            // rsync's guard: more going than the user allows is more often a broken
            // checkout than a cleanup.
            let removed = plan.removed.len();
            if let Some(max) = max_delete.filter(|max| removed > *max) {
                let files = if removed == 1 { "file" } else { "files" };
                return Err(Error::usage(format!(
                    "the sync would take {removed} {files} out of {store}, more than --max-delete {max}; nothing was changed"
                ))
                .with_hint("--dry-run without --max-delete lists them; a larger --max-delete lets them go"));
            }
            if let Some(chunking) = how.chunking {
                plan.rechunk(chunking);
            }
            plan.retag(&how.attributes);
            for (key, held) in &plan.beside {
                crate::output::notice(&format!(
                    "{}: {store} also holds {} (the same file by another path?); both are searched, and asst store rm-file {store} {} takes that one out",
                    escaped(key),
                    escaped(held),
                    shell_word(held)
                ));
            }
            apply(http, &store, plan, &how, config, look, out).await
        }
        settings::Store::RmFile {
            store,
            targets,
            with_files,
            dry_run,
        } => {
            let existing = files::store_files(http, &store).await?;
            let mut missing = Vec::new();
            // Each file once, however many targets name it (its path and its id).
            let mut chosen: Vec<&StoreFile> = Vec::new();
            let mut taken = std::collections::HashSet::new();
            for target in &targets {
                // A path as `store add` keys it: `./a.md` is `a.md`.
                let path = target.trim_start_matches("./");
                let matching: Vec<&StoreFile> = existing
                    .iter()
                    .filter(|f| f.id == *target || f.path() == Some(path))
                    .collect();
                if matching.is_empty() {
                    missing.push(target.clone());
                }
                chosen.extend(matching.into_iter().filter(|f| taken.insert(&f.id)));
            }
            if dry_run {
                // What it would take out, and what the store keeps.
                let removing = std::mem::take(&mut chosen);
                for f in &removing {
                    let shown = (f.name().unwrap_or("-"), f.path().unwrap_or(&f.id));
                    let id = Some(f.id.as_str());
                    out.event(planned_file(
                        Some(&store),
                        shown,
                        id,
                        f.usage_bytes,
                        ("remove", None),
                    ))?;
                }
                out.event(Event::Plan(crate::events::PlanInfo {
                    store: Some(store.clone()),
                    add: 0,
                    replace: 0,
                    update: 0,
                    remove: removing.len(),
                    keep: existing.len() - removing.len(),
                    store_deleted: false,
                }))?;
            }
            // A few at a time, as uploads go; after an error no more are started.
            let failed = std::cell::Cell::new(false);
            let (failed, store_id) = (&failed, store.as_str());
            let outcomes = futures_util::stream::iter(chosen)
                .map(|f| async move {
                    if failed.get() {
                        return (f, None);
                    }
                    let outcome = take_out(http, store_id, f, !with_files).await;
                    failed.set(failed.get() || !matches!(outcome, Ok(None)));
                    (f, Some(outcome))
                })
                .buffered(CONCURRENT_UPLOADS);
            let mut outcomes = std::pin::pin!(outcomes);
            let mut error = None;
            while let Some((f, outcome)) = outcomes.next().await {
                match outcome {
                    Some(Ok(None)) => out.event(Event::Deleted {
                        id: f.id.clone(),
                        object: if with_files {
                            "file"
                        } else {
                            "vector_store.file"
                        },
                    })?,
                    Some(Err(e) | Ok(Some(e))) => {
                        error.get_or_insert(e);
                    }
                    None => {}
                }
            }
            if let Some(e) = error {
                return Err(e);
            }
            if missing.is_empty() {
                return Ok(());
            }
            let error = Error::new(
                Kind::NotFound,
                format!("{store} has no file {}", missing.join(", ")),
            );
            // A path given from outside the synced folder (`docs/a.md` for `a.md`), or
            // the other way round: the paths it may mean.
            let near: Vec<&str> = existing
                .iter()
                .filter_map(StoreFile::path)
                .filter(|p| {
                    missing
                        .iter()
                        .any(|m| m.ends_with(&format!("/{p}")) || p.ends_with(&format!("/{m}")))
                })
                .take(NAMES_SHOWN)
                .collect();
            Err(if near.is_empty() {
                error.with_hint(format!("asst store show {store} lists its files by path"))
            } else {
                error.with_hint(format!(
                    "it has {} (a folder's files are known by their paths within it)",
                    near.iter()
                        .map(|p| escaped(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
        }
        settings::Store::Update {
            store,
            name,
            expire_days,
        } => {
            let now = files::update_store(http, &store, name.as_deref(), expire_days).await?;
            out.event(Event::Store(info(&now)))?;
            Ok(())
        }
        settings::Store::Search {
            store,
            query,
            search,
            rewrite,
        } => {
            for hit in files::search(http, &store, &query, &search, rewrite).await? {
                out.event(Event::Search(hit))?;
            }
            Ok(())
        }
        settings::Store::Show { store } => {
            let info_of = files::get_store(http, &store).await?;
            out.event(Event::Store(info(&info_of)))?;
            // Files asst did not add have no path: their names are looked up a few at a
            // time (one after the other, a store made elsewhere takes a request's time
            // per file), and shown in the store's order.
            let held = files::store_files(http, &store).await?;
            let rows = futures_util::stream::iter(held)
                .map(|f| async move {
                    let name = match f.name() {
                        Some(n) => Some(n.to_string()),
                        None => files::file_name(http, &f.id).await,
                    };
                    (f, name)
                })
                .buffered(CONCURRENT_UPLOADS);
            let mut rows = std::pin::pin!(rows);
            while let Some((f, name)) = rows.next().await {
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
        settings::Store::Rm {
            store,
            with_files,
            dry_run: true,
        } => {
            // The store as it is (a missing one is exit 4), the files that would be deleted
            // with it, and the count of those that would stay as file objects.
            let held = files::get_store(http, &store).await?;
            let deleted = if with_files {
                files::store_files(http, &store).await?
            } else {
                Vec::new()
            };
            for f in &deleted {
                let shown = (f.name().unwrap_or("-"), f.path().unwrap_or(&f.id));
                let remove = ("remove", None);
                out.event(planned_file(
                    Some(&store),
                    shown,
                    Some(&f.id),
                    f.usage_bytes,
                    remove,
                ))?;
            }
            let stay = if with_files {
                0
            } else {
                held.file_counts.total as usize
            };
            out.event(Event::Plan(crate::events::PlanInfo {
                store: Some(store.clone()),
                add: 0,
                replace: 0,
                update: 0,
                remove: deleted.len(),
                keep: stay,
                store_deleted: true,
            }))?;
            out.event(Event::Store(info(&held)))?;
            Ok(())
        }
        settings::Store::Rm {
            store, with_files, ..
        } => {
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
            // A few at a time, as uploads go; reported in the store's order.
            let deletes = futures_util::stream::iter(held)
                .map(|f| async move {
                    let result = files::delete_file(http, &f.id).await;
                    (f, result)
                })
                .buffered(CONCURRENT_UPLOADS);
            let mut deletes = std::pin::pin!(deletes);
            while let Some((f, result)) = deletes.next().await {
                match result {
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
                        listed(&failed, "; ")
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
        file_counts: Some(s.file_counts.clone()),
        usage_bytes: s.usage_bytes,
        created_at: s.created_at,
        expires_at: s.expires_at,
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
        path: f.path().map(str::to_string),
        action: None,
        attributes: f
            .attributes
            .as_ref()
            .map(crate::backend::files::Attrs::to_map),
        chunking_strategy: f
            .chunking_strategy
            .as_ref()
            .and_then(|raw| serde_json::from_str(raw.get()).ok())
            .filter(|v: &serde_json::Value| !v.is_null()),
        reason: None,
    }
}

/// Carries out a plan on `store`: uploads what is new or changed (a few at a time), adds it
/// in batches with its attributes, waits unless told not to, takes out what it replaces
/// (and duplicates, and with `--delete` what is gone), reports every file, and fails when
/// any file did not make it.
async fn apply(
    http: &Http,
    store: &str,
    plan: Plan,
    opts: &Apply,
    config: &Config,
    look: Look,
    out: &mut dyn Render,
) -> Result<()> {
    let file_event = |name: &str,
                      path: &str,
                      id: Option<&str>,
                      bytes: Option<u64>,
                      how: (&str, &str, Option<&'static str>),
                      error: Option<String>| {
        file_event(Some(store), (name, path), id, bytes, how, error)
    };
    if opts.dry_run {
        show_plan(Some(store), &plan, out)?;
        return end_with_store(http, store, false, out).await;
    }
    for (f, s) in &plan.unchanged {
        out.event(file_event(
            &f.name,
            &f.key,
            Some(&s.id),
            Some(f.bytes),
            ("skipped", "unchanged", None),
            None,
        ))?;
    }
    let updated = tokio::select! {
        updated = update_attributes(http, store, &plan.updates, opts) => updated,
        kind = crate::signal::interrupted() => {
            return Err(Error::new(kind, format!(
                "{}: {store} has some of its files' new attributes, not all",
                crate::signal::word(kind)
            ))
            .with_hint("run the same command again to finish"));
        }
    };
    // Files whose attributes could not be updated: searched, they would still match the old.
    let mut not_updated: Vec<(String, Error)> = Vec::new();
    for ((f, s), result) in plan.updates.iter().zip(updated) {
        let shown = || format!("{} ({})", escaped(&f.key), s.id);
        let (status, error) = match result {
            Some(Ok(now)) => (now.status, None),
            Some(Err(e)) => {
                let shown = shown();
                crate::output::notice(&format!(
                    "could not update the attributes of {shown} in {store}: {}",
                    e.message
                ));
                not_updated.push((shown, e.clone()));
                ("failed".to_string(), Some(e.message))
            }
            None => {
                let e = Error::new(
                    not_updated.first().map_or(Kind::Failed, |(_, e)| e.kind),
                    "not tried, after the server refused another",
                );
                not_updated.push((shown(), e.clone()));
                ("failed".to_string(), Some(e.message))
            }
        };
        out.event(file_event(
            &f.name,
            &f.key,
            Some(&s.id),
            Some(f.bytes),
            (&status, "updated", Some("attributes")),
            error,
        ))?;
    }
    let todo: Vec<&LocalFile> = plan.uploads.iter().map(|u| &u.file).collect();
    let mut adder = Adder::new(http, store);
    let (uploaded, early_cut) = upload_adding(&mut adder, &plan, &todo, opts, look.terminal).await;
    if uploaded.interrupted.is_some() {
        let kept = !early_cut && keep_uploaded(&mut adder, &plan, &uploaded.outcomes, opts).await;
        let finish = Finish {
            store,
            kept,
            made: opts.new_store,
            opts,
        };
        return Err(uploaded
            .interrupted_error(&todo, Some(finish))
            .expect("interrupted"));
    }
    let mut outcomes = uploaded.outcomes;
    // Back in the plan's order, each with its upload.
    outcomes.sort_by_key(|o| o.index);
    let rest: Vec<&Outcome> = outcomes.iter().filter(|o| !adder.took(o)).collect();
    let fallback = fallback_fingerprints(&plan, &rest);
    let attach = to_attach(&plan, &rest, &fallback, opts);
    let interrupted_adding = add_unless_interrupted(&mut adder, &attach).await;
    let attached = adder.added;
    let mut up: Vec<(&sync::Upload, &mut Outcome)> =
        plan.uploads.iter().zip(outcomes.iter_mut()).collect();
    // A file uploaded but not added to the store did not make it either, and its file
    // object, which no store holds, is deleted rather than left in the Files list.
    let mut not_added: Vec<(String, String)> = Vec::new();
    let mut refused = std::collections::HashSet::new();
    for (u, o) in up.iter_mut() {
        let Some(id) = o.file_id().filter(|id| attached.failed.contains_key(*id)) else {
            continue;
        };
        let id = id.clone();
        o.result = Err(attached.failed[&id].clone());
        refused.insert(o.index);
        not_added.push((id, escaped(&u.file.key).into_owned()));
    }
    delete_unadded(http, not_added).await;
    let ids: Vec<String> = up
        .iter()
        .filter_map(|(_, o)| o.file_id().cloned())
        .collect();
    // What the new versions replace, copies, and (--delete) what is gone: out of the store,
    // and their file objects deleted (asst uploaded them) unless --keep-files.
    let mut out_of_store: Vec<(&StoreFile, &str)> = Vec::new();
    for (u, o) in &up {
        if o.file_id().is_some() {
            out_of_store.extend(u.replaces.iter().map(|f| (f, "replaced")));
        }
    }
    out_of_store.extend(plan.duplicates.iter().map(|f| (f, "copy")));
    out_of_store.extend(plan.removed.iter().map(|f| (f, "gone")));
    // Stopped before the store is as it should be: what it holds, and that the same command
    // finishes it.
    let stopped = |kind: Kind, held: String, left: usize| {
        let mut message = format!("{}: {held}", crate::signal::word(kind));
        if left > 0 {
            message.push_str(&format!(
                "; {} it should no longer hold {} still in it",
                crate::render::plural(left as u64, "file"),
                if left == 1 { "is" } else { "are" }
            ));
        }
        let hint = if left > 0 {
            "the same command again takes them out".to_string()
        } else {
            format!("check with: asst store show {store}")
        };
        Error::new(kind, message).with_hint(hint)
    };
    if let Some((kind, added)) = interrupted_adding {
        if !added {
            return Err(Error::new(
                kind,
                format!(
                    "{}: the files are uploaded; {store} may not hold them all",
                    crate::signal::word(kind)
                ),
            )
            .with_hint(format!("the same command again adds what {store} lacks")));
        }
        let held = format!("the files are uploaded into {store}, which is processing them");
        return Err(stopped(kind, held, out_of_store.len()));
    }
    let statuses = if opts.upload.no_wait || ids.is_empty() {
        Vec::new()
    } else {
        tokio::select! {
            statuses = wait_for_files(
                http,
                store,
                &ids,
                &attached.batches,
                config.idle_timeout,
                look.terminal && !opts.upload.quiet,
            ) => statuses?,
            kind = crate::signal::interrupted() => {
                let held = format!("the files are uploaded into {store}, which was still processing them");
                return Err(stopped(kind, held, out_of_store.len()));
            }
        }
    };
    // Files still in the store that should not be: searched, they would be quoted. One
    // request or two each, so an interrupt must not wait for them all.
    let to_take_out = out_of_store.len();
    let taken = std::cell::Cell::new(0);
    let taking = async {
        let mut left_in: Vec<(String, Error)> = Vec::new();
        // A few at a time, as the uploads go; reported in the plan's order.
        let results = futures_util::stream::iter(out_of_store)
            .map(
                |(f, why)| async move { (f, why, take_out(http, store, f, opts.keep_files).await) },
            )
            .buffered(CONCURRENT_UPLOADS);
        let mut results = std::pin::pin!(results);
        while let Some((f, why, result)) = results.next().await {
            let shown = escaped(f.path().unwrap_or(&f.id)).into_owned();
            let still_in = match result {
                Ok(left) => {
                    if let Some(e) = left {
                        // Out of the store; only its file object is left behind.
                        crate::output::notice(&format!(
                            "could not delete the file object {} of {shown}: {}",
                            f.id, e.message
                        ));
                    }
                    None
                }
                Err(e) => {
                    crate::output::notice(&format!(
                        "could not take {shown} ({}) out of {store}: {}",
                        f.id, e.message
                    ));
                    Some(e)
                }
            };
            // A replaced version is reported with its replacement; the rest here.
            if why != "replaced" {
                let status = if still_in.is_some() {
                    "failed"
                } else {
                    "removed"
                };
                out.event(file_event(
                    f.name().unwrap_or("-"),
                    f.path().unwrap_or("-"),
                    Some(&f.id),
                    f.usage_bytes,
                    (status, "removed", Some(why)),
                    still_in.as_ref().map(|e| e.message.clone()),
                ))?;
            }
            if let Some(e) = still_in {
                left_in.push((format!("{shown} ({})", f.id), e));
            }
            taken.set(taken.get() + 1);
        }
        Ok::<_, Error>(left_in)
    };
    let left_in = tokio::select! {
        left_in = taking => left_in?,
        kind = crate::signal::interrupted() => {
            let held = format!("{store} holds the new files");
            return Err(stopped(kind, held, to_take_out - taken.get()));
        }
    };
    let mut failed = Vec::new();
    // The extensions of files the server cannot search (unsupported_file), for the hint.
    let mut unsupported = std::collections::BTreeSet::new();
    let mut pending = 0;
    let statuses: HashMap<&str, &StoreFile> = statuses.iter().map(|s| (s.id.as_str(), s)).collect();
    for (u, o) in &up {
        let stored = o
            .file_id()
            .and_then(|id| statuses.get(id.as_str()))
            .copied();
        let (status, error) = match (o.error(), stored) {
            (Some(e), _) => ("failed".to_string(), Some(e.message.clone())),
            (None, Some(s)) => (s.status.clone(), s.error()),
            (None, None) => ("uploaded".to_string(), None),
        };
        if status == "failed" || status == "cancelled" {
            let reason = error.clone().unwrap_or_else(|| status.clone());
            if reason.starts_with("unsupported_file") {
                unsupported.insert(
                    Path::new(&u.file.key)
                        .extension()
                        .map(|e| e.to_string_lossy().into_owned()),
                );
            }
            failed.push(format!("{}: {reason}", escaped(&u.file.key)));
        } else if status == "in_progress" {
            pending += 1;
        }
        let action = if u.replaces.is_empty() {
            "added"
        } else {
            "replaced"
        };
        out.event(file_event(
            &u.file.name,
            &u.file.key,
            o.file_id().map(String::as_str),
            Some(u.file.bytes),
            (&status, action, u.reason),
            error,
        ))?;
    }
    // The store as it is now (text mode shows a new store's id alone, once).
    end_with_store(http, store, true, out).await?;
    let total = up.len();
    let upload_failures: Vec<(&sync::Upload, &Outcome)> = up
        .iter()
        .map(|(u, o)| (*u, &**o))
        .filter(|(_, o)| o.error().is_some())
        .collect();
    if let Some((_, first)) = upload_failures.first() {
        // What names the missing files again: their folders, or the files as given.
        let missing = arguments(
            &upload_failures
                .iter()
                .map(|(u, _)| &u.file)
                .collect::<Vec<_>>(),
        );
        let kind = first.error().map_or(Kind::Failed, |e| e.kind);
        let refused = upload_failures
            .iter()
            .filter(|(_, o)| refused.contains(&o.index))
            .count();
        let what = if refused == upload_failures.len() {
            format!("were uploaded but not added to {store} (the uploads are deleted)")
        } else if refused > 0 {
            format!("did not make it ({refused} uploaded but not added to {store}, and deleted)")
        } else {
            "were not uploaded".to_string()
        };
        let rest = if upload_failures.len() < total {
            format!("{store} has the others; add the rest with")
        } else {
            "add them with".to_string()
        };
        let error = Error::new(
            kind,
            format!(
                "{} of {} files {what}: {}",
                upload_failures.len(),
                total,
                listed(&failed, "; ")
            ),
        );
        // A refusal every upload gets (the key) has its own hint: what to put right first;
        // so has one that adding the files again would only repeat (a proxy's size limit),
        // when it is every failure's.
        let shared_hint = first.error().and_then(|e| e.hint.clone()).filter(|h| {
            upload_failures.iter().all(|(_, o)| {
                o.error()
                    .is_some_and(|e| e.kind == Kind::Other && e.hint.as_ref() == Some(h))
            })
        });
        let hint = match first.error() {
            Some(e) if e.for_all => e.hint.clone(),
            _ if shared_hint.is_some() => shared_hint,
            // `add` and `sync` skip what the store has: run again, they finish the job
            // (an `add` of a synced folder would take what its --exclude left out).
            _ if !opts.new_store && upload_failures.len() < total => Some(format!(
                "{store} has the others; the same command again adds the rest"
            )),
            _ if !opts.new_store => Some("the same command again adds them".to_string()),
            _ if missing.is_empty() => None,
            _ => Some(format!(
                "{rest}: asst store add {store}{} {}",
                add_options(opts),
                missing.join(" ")
            )),
        };
        return Err(match hint {
            Some(h) => error.with_hint(h),
            None => error,
        });
    }
    if !failed.is_empty() {
        let error = Error::failed(format!(
            "{} of {} files could not be processed: {}",
            failed.len(),
            total,
            listed(&failed, "; ")
        ));
        // A type file search cannot read fails again at every sync: say how to leave it out.
        let globs: Vec<String> = unsupported
            .iter()
            .flatten()
            .map(|e| format!("--exclude {}", shell_word(&format!("*.{e}"))))
            .collect();
        if globs.is_empty() || unsupported.contains(&None) {
            return Err(error);
        }
        return Err(error.with_hint(format!(
            "file search cannot read such files, and a sync would upload them again: leave them out with store sync {}",
            globs.join(" ")
        )));
    }
    if let Some(e) = files_left(&left_in, |n, _| {
        format!("{n} could not be taken out of {store}")
    }) {
        return Err(e);
    }
    if let Some(e) = files_left(&not_updated, |n, one| {
        format!(
            "{n} in {store} kept {} old attributes",
            if one { "its" } else { "their" }
        )
    }) {
        return Err(e);
    }
    if pending > 0 && !opts.upload.no_wait {
        return Err(
            Error::network(format!("{pending} files are still being processed"))
                .with_hint(format!("check later with: asst store show {store}")),
        );
    }
    Ok(())
}

/// Ends a command's output with the `store` event (text mode's summary line), the store
/// read anew once `changed` (or planned). A store that cannot be read still gets its event,
/// with the id alone, and a notice says why; a signal meanwhile ends the command once the
/// event is out.
async fn end_with_store(
    http: &Http,
    store: &str,
    changed: bool,
    out: &mut dyn Render,
) -> Result<()> {
    let after = if changed { " after the changes" } else { "" };
    let stopped = match unless_interrupted(files::get_store(http, store)).await {
        Ok(Ok(s)) => return Ok(out.event(Event::Store(info(&s)))?),
        Ok(Err(e)) => {
            crate::output::notice(&format!("could not read {store}{after}: {}", e.message));
            None
        }
        Err(kind) => Some(kind),
    };
    out.event(Event::Store(StoreInfo::unread(store)))?;
    match stopped {
        Some(kind) if changed => Err(Error::new(
            kind,
            format!(
                "{}{after}, while {store} was read",
                crate::signal::word(kind)
            ),
        )),
        Some(kind) => Err(crate::signal::error(kind)),
        None => Ok(()),
    }
}

/// `store create --dry-run`: what the create would upload, with no server.
pub fn planned(files: Vec<LocalFile>, out: &mut dyn Render) -> Result<()> {
    show_plan(None, &sync::plan(files, Vec::new(), false, false)?, out)
}

/// A `file` event of `add`, `sync` or a dry run: the file, what is (or would be) done with
/// it (`status`, `action`) and why.
fn file_event(
    store: Option<&str>,
    (name, path): (&str, &str),
    id: Option<&str>,
    bytes: Option<u64>,
    (status, action, reason): (&str, &str, Option<&'static str>),
    error: Option<String>,
) -> Event {
    Event::File(FileInfo {
        name: Some(name.to_string()),
        file_id: id.map(str::to_string),
        bytes,
        status: status.to_string(),
        error,
        store: store.map(str::to_string),
        path: Some(path.to_string()),
        action: Some(action.to_string()),
        attributes: None,
        chunking_strategy: None,
        reason,
    })
}

/// A dry run's `file` event (status `planned`).
fn planned_file(
    store: Option<&str>,
    shown: (&str, &str),
    id: Option<&str>,
    bytes: Option<u64>,
    (action, reason): (&str, Option<&'static str>),
) -> Event {
    file_event(store, shown, id, bytes, ("planned", action, reason), None)
}

/// A dry run's output: a `file` event (status `planned`) for each file the plan touches or
/// keeps, then the `plan` that counts them. `store` is `None` for one a create would make.
fn show_plan(store: Option<&str>, plan: &Plan, out: &mut dyn Render) -> Result<()> {
    for u in &plan.uploads {
        let action = if u.replaces.is_empty() {
            "add"
        } else {
            "replace"
        };
        let (file, bytes) = (&u.file, Some(u.file.bytes));
        out.event(planned_file(
            store,
            (&file.name, &file.key),
            None,
            bytes,
            (action, u.reason),
        ))?;
    }
    let kept = (plan.unchanged.iter().map(|k| (k, ("keep", None)))).chain(
        plan.updates
            .iter()
            .map(|k| (k, ("update", Some("attributes")))),
    );
    for ((f, s), how) in kept {
        out.event(planned_file(
            store,
            (&f.name, &f.key),
            Some(&s.id),
            Some(f.bytes),
            how,
        ))?;
    }
    let removed = (plan.removed.iter().map(|s| (s, "gone")))
        .chain(plan.duplicates.iter().map(|s| (s, "copy")));
    for (s, why) in removed {
        let shown = (s.name().unwrap_or("-"), s.path().unwrap_or("-"));
        out.event(planned_file(
            store,
            shown,
            Some(&s.id),
            s.usage_bytes,
            ("remove", Some(why)),
        ))?;
    }
    let replace = plan
        .uploads
        .iter()
        .filter(|u| !u.replaces.is_empty())
        .count();
    out.event(Event::Plan(crate::events::PlanInfo {
        store: store.map(str::to_string),
        add: plan.uploads.len() - replace,
        replace,
        update: plan.updates.len(),
        remove: plan.removed.len() + plan.duplicates.len(),
        keep: plan.unchanged.len(),
        store_deleted: false,
    }))?;
    Ok(())
}

/// The error for files a command could not bring in line, each named (the rest is done):
/// `says` words it from "1 file" or "N files", and whether there is one.
fn files_left(files: &[(String, Error)], says: impl Fn(&str, bool) -> String) -> Option<Error> {
    let (_, first) = files.first()?;
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let named = listed(&names, ", ");
    let count = match files.len() {
        1 => "1 file".to_string(),
        n => format!("{n} files"),
    };
    Some(
        Error::new(
            first.kind,
            format!("{}: {named}", says(&count, files.len() == 1)),
        )
        .with_hint("the rest is done; the same command tries these again"),
    )
}

/// What the store is told an uploaded file holds: what was sent, or what the plan read; this
/// is the file as it is now, for a file whose body did not go out whole and that the plan
/// did not read (one for each of `outcomes`).
fn fallback_fingerprints(plan: &Plan, outcomes: &[&Outcome]) -> Vec<Option<String>> {
    outcomes
        .iter()
        .map(|o| fallback_fingerprint(plan, o.index, o.file_id().is_some(), o.fingerprint()))
        .collect()
}

fn fallback_fingerprint(
    plan: &Plan,
    index: usize,
    uploaded: bool,
    sent: Option<&str>,
) -> Option<String> {
    let u = &plan.uploads[index];
    match (uploaded, sent, &u.fingerprint) {
        (true, None, None) => u.file.fingerprint().ok(),
        _ => None,
    }
}

/// The uploaded files of `outcomes` with the attributes they go into the store with.
fn to_attach<'a>(
    plan: &'a Plan,
    outcomes: &[&'a Outcome],
    fallback: &'a [Option<String>],
    opts: &'a Apply,
) -> Vec<(&'a str, files::Attributes<'a>)> {
    outcomes
        .iter()
        .zip(fallback)
        .filter_map(|(o, fallback)| {
            let attributes = attributes(plan, opts, o.index, o.fingerprint(), fallback);
            Some((o.file_id()?.as_str(), attributes))
        })
        .collect()
}

/// The attributes the upload `index` of the plan goes into the store with: its path and
/// the fingerprint of what was sent (else what the plan read, else what it holds now).
fn attributes<'a>(
    plan: &'a Plan,
    opts: &'a Apply,
    index: usize,
    sent: Option<&'a str>,
    fallback: &'a Option<String>,
) -> files::Attributes<'a> {
    let u = &plan.uploads[index];
    files::Attributes {
        extra: &opts.attributes,
        path: &u.file.key,
        fingerprint: sent.or(u.fingerprint.as_deref()).or(fallback.as_deref()),
        chunks: opts.chunking,
    }
}

/// Uploads `todo` and adds each full batch to the store meanwhile: the server starts on it
/// sooner, and the wait at the end is for the last batch alone. True with the uploads when
/// an interrupt cut the last early batch short (the store may not hold it).
async fn upload_adding(
    adder: &mut Adder<'_>,
    plan: &Plan,
    todo: &[&LocalFile],
    opts: &Apply,
    terminal: bool,
) -> (Uploaded, bool) {
    let (ready, readied) = tokio::sync::mpsc::unbounded_channel();
    let uploads = upload_all(adder.http, todo, opts.upload.quiet, terminal, Some(ready));
    let early = add_while_uploading(adder, plan, opts, readied);
    let (mut uploads, mut early) = (std::pin::pin!(uploads), std::pin::pin!(early));
    let mut early_done = false;
    let uploaded = loop {
        tokio::select! {
            uploaded = &mut uploads => break uploaded,
            () = &mut early, if !early_done => early_done = true,
        }
    };
    // The uploads are over, so the batch in flight (if any) is the last early one. After an
    // interrupt it has the grace of what is kept; otherwise as long as it takes.
    let mut cut = false;
    if !early_done {
        if uploaded.interrupted.is_some() {
            tokio::select! {
                () = &mut early => {}
                _ = crate::signal::interrupted() => cut = true,
                () = tokio::time::sleep(KEEP_GRACE) => cut = true,
            }
        } else {
            early.await;
        }
    }
    (uploaded, cut)
}

/// Adds the full batches `ready` brings to the store, until the uploads end; what is left
/// over (less than a batch) is for the caller to add.
async fn add_while_uploading(
    adder: &mut Adder<'_>,
    plan: &Plan,
    opts: &Apply,
    mut ready: tokio::sync::mpsc::UnboundedReceiver<Vec<Ready>>,
) {
    while let Some(batch) = ready.recv().await {
        let fallback: Vec<Option<String>> = batch
            .iter()
            .map(|r| fallback_fingerprint(plan, r.index, true, r.fingerprint.as_deref()))
            .collect();
        let attach: Vec<(&str, files::Attributes)> = batch
            .iter()
            .zip(&fallback)
            .map(|(r, fallback)| {
                let fingerprint = r.fingerprint.as_deref();
                let attributes = attributes(plan, opts, r.index, fingerprint, fallback);
                (r.id.as_str(), attributes)
            })
            .collect();
        adder.add(&attach).await;
    }
}

/// Adds the last uploads to the store. Interrupted meanwhile, the batch in flight gets the
/// grace of an interrupted upload (a second signal gives up): the signal, and whether the
/// add finished.
async fn add_unless_interrupted(
    adder: &mut Adder<'_>,
    attach: &[(&str, files::Attributes<'_>)],
) -> Option<(Kind, bool)> {
    let mut add = std::pin::pin!(adder.add(attach));
    let kind = tokio::select! {
        () = &mut add => return None,
        kind = crate::signal::interrupted() => kind,
    };
    let added = tokio::select! {
        () = &mut add => true,
        _ = crate::signal::interrupted() => false,
        () = tokio::time::sleep(KEEP_GRACE) => false,
    };
    Some((kind, added))
}

/// How long an interrupted upload may take to put what it uploaded into the store.
const KEEP_GRACE: Duration = Duration::from_secs(5);

/// After an interrupt: adds what was uploaded to the store, and takes out the versions it
/// replaces, so that the store holds it (and the next run does not upload it again) rather
/// than file objects no store holds. Without waiting for processing, for at most
/// [`KEEP_GRACE`]; a second signal gives up. True when all of it was done.
async fn keep_uploaded(
    adder: &mut Adder<'_>,
    plan: &Plan,
    outcomes: &[Outcome],
    opts: &Apply,
) -> bool {
    let rest: Vec<&Outcome> = outcomes.iter().filter(|o| !adder.took(o)).collect();
    let fallback = fallback_fingerprints(plan, &rest);
    let attach = to_attach(plan, &rest, &fallback, opts);
    let (http, store) = (adder.http, adder.store);
    let keep = async {
        adder.add(&attach).await;
        let added = &adder.added;
        let mut all = added.failed.is_empty();
        // Only what the store took replaces anything: a version refused stays out, the
        // old one in.
        let taken = |o: &&Outcome| o.file_id().is_some_and(|id| !added.failed.contains_key(id));
        for o in outcomes.iter().filter(taken) {
            for old in &plan.uploads[o.index].replaces {
                all &= take_out(http, store, old, opts.keep_files).await.is_ok();
            }
        }
        all
    };
    tokio::select! {
        all = keep => all,
        _ = crate::signal::interrupted() => false,
        () = tokio::time::sleep(KEEP_GRACE) => false,
    }
}

/// Updates the attributes of the files a store keeps to those asked for (their path and
/// fingerprint stay), a few at a time: each file's answer, in order. After a refusal the
/// rest are not tried (`None`): what refuses one file (a key that may only read, a server
/// without the route) refuses them all.
async fn update_attributes(
    http: &Http,
    store: &str,
    updates: &[(LocalFile, StoreFile)],
    opts: &Apply,
) -> Vec<Option<Result<StoreFile>>> {
    let refused = std::cell::Cell::new(false);
    let refused = &refused;
    let mut answers: Vec<(usize, Option<Result<StoreFile>>)> =
        futures_util::stream::iter(updates.iter().enumerate())
            .map(|(i, (f, s))| async move {
                if refused.get() {
                    return (i, None);
                }
                let attributes = files::Attributes {
                    extra: &opts.attributes,
                    path: &f.key,
                    fingerprint: s.fingerprint(),
                    // A kept file has the chunks asked for, if any; else its own stay said.
                    chunks: opts
                        .chunking
                        .or_else(|| s.chunks().and_then(files::Chunking::from_label)),
                };
                let answer = files::update_attributes(http, store, &s.id, &attributes).await;
                refused.set(refused.get() || answer.is_err());
                (i, Some(answer))
            })
            .buffer_unordered(CONCURRENT_UPLOADS)
            .collect()
            .await;
    answers.sort_by_key(|a| a.0);
    answers.into_iter().map(|a| a.1).collect()
}

/// Takes a file out of a store, and deletes its file object unless asked to keep it. An
/// error means the file is still in the store; `Some` error, that it is out but its file
/// object could not be deleted.
async fn take_out(
    http: &Http,
    store: &str,
    f: &StoreFile,
    keep_file: bool,
) -> Result<Option<Error>> {
    match files::detach(http, store, &f.id).await {
        Ok(()) => {}
        Err(e) if e.kind == Kind::NotFound => {}
        Err(e) => return Err(e),
    }
    if !keep_file {
        match files::delete_file(http, &f.id).await {
            Ok(()) => {}
            Err(e) if e.kind == Kind::NotFound => {}
            Err(e) => return Ok(Some(e)),
        }
    }
    Ok(None)
}

/// Deletes the file objects of uploads no store took (`(file id, path)`), a few at a time;
/// one that cannot be deleted is a notice.
async fn delete_unadded(http: &Http, uploads: Vec<(String, String)>) {
    let mut deleted = futures_util::stream::iter(uploads)
        .map(|(id, key)| async move { (files::delete_file(http, &id).await, id, key) })
        .buffered(CONCURRENT_UPLOADS);
    while let Some((result, id, key)) = deleted.next().await {
        match result {
            Err(e) if e.kind != Kind::NotFound => crate::output::notice(&format!(
                "could not delete the file object {id} of {key}, which no store holds: {}",
                e.message
            )),
            _ => {}
        }
    }
}

/// How adding files to a store went: the batches to wait on (with how many files each
/// took), and files that could not be added (by file id).
#[derive(Default)]
struct Added {
    batches: Vec<(String, usize)>,
    failed: HashMap<String, Error>,
}

/// Adds uploaded files to a store in batches of up to 2,000 with their attributes; one
/// request a file on a server without batches (404), from then on.
struct Adder<'a> {
    http: &'a Http,
    store: &'a str,
    batches_work: bool,
    added: Added,
    /// Every file asked for, whatever the answer: none is asked for twice.
    asked: std::collections::HashSet<String>,
}

impl<'a> Adder<'a> {
    fn new(http: &'a Http, store: &'a str) -> Adder<'a> {
        Adder {
            http,
            store,
            batches_work: true,
            added: Added::default(),
            asked: Default::default(),
        }
    }

    /// Whether the upload of `o` was asked to be added already.
    fn took(&self, o: &Outcome) -> bool {
        o.file_id().is_some_and(|id| self.asked.contains(id))
    }

    async fn add(&mut self, uploaded: &[(&str, files::Attributes<'_>)]) {
        let (http, store) = (self.http, self.store);
        for chunk in uploaded.chunks(files::MAX_BATCH) {
            self.asked
                .extend(chunk.iter().map(|(id, _)| id.to_string()));
            if self.batches_work {
                match files::attach_batch(http, store, chunk).await {
                    Ok(batch) => {
                        self.added.batches.push((batch.id, chunk.len()));
                        continue;
                    }
                    Err(e) if e.kind == Kind::NotFound => self.batches_work = false,
                    Err(e) => {
                        for (id, _) in chunk {
                            self.added.failed.insert(id.to_string(), e.clone());
                        }
                        continue;
                    }
                }
            }
            for (id, attributes) in chunk {
                if let Err(e) = files::attach(http, store, id, attributes).await {
                    self.added.failed.insert(id.to_string(), e);
                }
            }
        }
    }
}

/// What an interrupted upload into a store says of it: whether the store holds what was
/// uploaded, and whether this command made the store (running it again would make another).
struct Finish<'a> {
    store: &'a str,
    kept: bool,
    made: bool,
    opts: &'a Apply,
}

/// The options of an `asst store add` that gives the files it adds what this command would
/// have given them, found as it found them: its attributes, chunks and walk (` --attr k=v
/// … --chunk-size N … --exclude G …`).
fn add_options(opts: &Apply) -> String {
    let mut words = String::new();
    for (k, v) in &opts.attributes {
        let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
        words.push_str(&format!(" --attr {}", shell_word(&format!("{k}={v}"))));
    }
    if let Some(c) = opts.chunking {
        words.push_str(&format!(
            " --chunk-size {} --chunk-overlap {}",
            c.size, c.overlap
        ));
    }
    // Its folders walked the same way.
    let walk = &opts.walk;
    for (flag, globs) in [("--include", &walk.include), ("--exclude", &walk.exclude)] {
        for g in globs {
            words.push_str(&format!(" {flag} {}", shell_word(g)));
        }
    }
    for (flag, set) in [("--hidden", walk.hidden), ("--follow", walk.follow)] {
        if set {
            words.push(' ');
            words.push_str(flag);
        }
    }
    words
}

/// Names shown in one error line; the rest are counted.
const NAMES_SHOWN: usize = 10;

/// Names or failures for one error line: the first [`NAMES_SHOWN`] of them joined with
/// `sep`, the rest counted (`a.md, b.md, and 40 more`): a line of ten thousand would say
/// less, not more.
fn listed<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let mut line = items
        .iter()
        .take(NAMES_SHOWN)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(sep);
    if items.len() > NAMES_SHOWN {
        line.push_str(&format!("{sep}and {} more", items.len() - NAMES_SHOWN));
    }
    line
}

impl Uploaded {
    /// After an interrupt: the error that says which of `all` are missing and, for a store,
    /// how to finish.
    fn interrupted_error(&self, all: &[&LocalFile], store: Option<Finish>) -> Option<Error> {
        let kind = self.interrupted?;
        let done: std::collections::HashSet<&std::path::Path> = self
            .outcomes
            .iter()
            .filter(|o| o.file_id().is_some())
            .map(|o| all[o.index].path.as_path())
            .collect();
        let missing: Vec<&LocalFile> = all
            .iter()
            .copied()
            .filter(|f| !done.contains(f.path.as_path()))
            .collect();
        let names: Vec<String> = missing
            .iter()
            .map(|f| escaped(&f.key).into_owned())
            .collect();
        let word = crate::signal::word(kind);
        let mut message = format!(
            "{word}: {} of {} files were not uploaded: {}",
            missing.len(),
            all.len(),
            listed(&names, ", ")
        );
        let Some(f) = store else {
            return Some(Error::new(kind, message));
        };
        let store = f.store;
        if !f.kept {
            message.push_str(&format!(
                "; {store} may not hold the {} uploaded",
                all.len() - missing.len()
            ));
        }
        // A file the store holds is not uploaded again: the same files and folders finish
        // it, and take out what a kept upload replaced but could not take out.
        let hint = match (f.made, f.kept) {
            (true, kept) => format!(
                "{}: asst store add {store}{} {}",
                if kept {
                    format!("{store} has the others; add the rest with")
                } else {
                    "add them with".to_string()
                },
                add_options(f.opts),
                arguments(all).join(" ")
            ),
            (false, true) => {
                format!("{store} has the others; the same command again adds the rest")
            }
            (false, false) => format!("the same command again adds what {store} lacks"),
        };
        Some(Error::new(kind, message).with_hint(hint))
    }
}

/// The command-line arguments that name `files` again: the folders they were walked from,
/// and the others as given.
fn arguments<'a>(files: &[&'a LocalFile]) -> Vec<String> {
    let mut seen: std::collections::HashSet<&'a Path> = std::collections::HashSet::new();
    let mut args = Vec::new();
    for f in files {
        if f._spool.is_some() {
            continue; // standard input: nothing to name
        }
        let arg: &Path = f.folder.as_deref().unwrap_or(&f.path);
        if seen.insert(arg) {
            args.push(shell_word(&arg.display().to_string()));
        }
    }
    args
}

/// A word as a shell reads it back: as it is when it is plain, else in single quotes (one
/// with control characters is escaped instead, to keep the line a line).
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./@%+=:,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else if word.chars().any(char::is_control) {
        escaped(word).into_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Waits until none of `ids` is still being processed: on the batches when there are some
/// (one request a poll), then, unless the batches account for every file as completed, the
/// store's list once for each file's status; else on the list itself.
async fn wait_for_files(
    http: &Http,
    store: &str,
    ids: &[String],
    batches: &[(String, usize)],
    budget: Duration,
    show: bool,
) -> Result<Vec<StoreFile>> {
    let started = std::time::Instant::now();
    let processing = Processing {
        show,
        total: ids.len(),
    };
    let mut all_completed = batches.iter().map(|(_, n)| n).sum::<usize>() == ids.len();
    // Files of the batches waited on already, and how many of them failed.
    let (mut before, mut failed_before) = (0, 0);
    for (batch, files_in_it) in batches {
        let left = budget.saturating_sub(started.elapsed());
        let waited = poll_until_done(left, "the files were still being processed", || async {
            let b = files::get_batch(http, store, batch).await?;
            let c = &b.file_counts;
            let done = (c.completed + c.failed + c.cancelled) as usize;
            processing.draw(
                before + done.min(*files_in_it),
                failed_before + c.failed as usize,
            );
            let done = b.status.as_deref() != Some("in_progress");
            Ok((b, done))
        })
        .await;
        match waited {
            Ok(b) => {
                all_completed &= b.completed_all(*files_in_it);
                failed_before += (b.file_counts.failed + b.file_counts.cancelled) as usize;
            }
            Err(e) if e.kind == Kind::Network => all_completed = false,
            Err(e) => {
                processing.end();
                return Err(e);
            }
        }
        before += files_in_it;
    }
    if all_completed {
        processing.end();
        // Each batch counted all its files completed: a list would say the same, at one
        // request per 100 files.
        return Ok(ids
            .iter()
            .map(|id| StoreFile {
                id: id.clone(),
                status: "completed".into(),
                ..StoreFile::default()
            })
            .collect());
    }
    let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    let ours = |all: Vec<StoreFile>| -> Vec<StoreFile> {
        all.into_iter()
            .filter(|f| wanted.contains(f.id.as_str()))
            .collect()
    };
    let left = budget.saturating_sub(started.elapsed());
    let result = poll_until_done(left, "the files were still being processed", || async {
        let mine = ours(files::store_statuses(http, store).await?);
        let settled = mine.iter().filter(|f| f.status != "in_progress").count();
        let failed = mine
            .iter()
            .filter(|f| f.status == "failed" || f.status == "cancelled")
            .count();
        processing.draw(settled, failed);
        let done = mine.len() == ids.len() && settled == mine.len();
        Ok((mine, done))
    })
    .await;
    processing.end();
    match result {
        Ok(files) => Ok(files),
        // Out of patience: report what is known, files still in progress included.
        Err(e) if e.kind == Kind::Network => files::store_statuses(http, store).await.map(ours),
        Err(e) => Err(e),
    }
}

/// While the server processes uploaded files: how far it is, on one line of a terminal.
struct Processing {
    show: bool,
    total: usize,
}

impl Processing {
    fn draw(&self, settled: usize, failed: usize) {
        if self.show {
            let failed = if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            };
            crate::output::progress_line(&format!(
                "asst: processing {settled}/{} files{failed}",
                self.total
            ));
        }
    }

    /// Leaves the last state on screen.
    fn end(&self) {
        if self.show {
            crate::output::end_progress_line();
        }
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

/// Uploads `--attach` files. For Responses (`make_store`: with the chunks asked for, if
/// any) they go into a new vector store that expires after [`ATTACHMENT_DAYS`] days
/// unused, and asst waits until it is searchable; for Assistants (`None`) the message
/// carries them and the API adds them to the thread's own store.
pub async fn attach_for_ask(
    http: &Http,
    paths: &[LocalFile],
    make_store: Option<Option<files::Chunking>>,
    budget: Duration,
    look: Look,
) -> Result<Attached> {
    let todo: Vec<&LocalFile> = paths.iter().collect();
    let uploaded = upload_all(http, &todo, false, look.terminal, None).await;
    let file_ids: Vec<String> = uploaded
        .outcomes
        .iter()
        .filter_map(Outcome::file_id)
        .cloned()
        .collect();
    if let Some(e) = uploaded.interrupted_error(&todo, None) {
        return Err(discard(http, &file_ids, e).await);
    }
    if let Some(o) = uploaded.outcomes.iter().find(|o| o.result.is_err()) {
        let (name, e) = (&todo[o.index].key, o.result.as_ref().unwrap_err());
        let message = format!("cannot attach {}: {}", escaped(name), e.message);
        return Err(discard(http, &file_ids, Error::new(e.kind, message)).await);
    }
    let Some(chunks) = make_store else {
        return Ok(Attached {
            file_ids,
            store: None,
        });
    };
    let making = files::create_store(
        http,
        "asst attachments",
        &file_ids,
        Some(ATTACHMENT_DAYS),
        chunks,
    );
    let made = unless_interrupted(making).await.unwrap_or_else(|kind| {
        let word = crate::signal::word(kind);
        Err(Error::new(
            kind,
            format!("{word} while the attachment store was made"),
        ))
    });
    let store = match made {
        Ok(store) => store,
        Err(e) => return Err(discard(http, &file_ids, e).await),
    };
    // The store as the last poll saw it: what the `store` event reports.
    let processing = Processing {
        show: look.terminal,
        total: file_ids.len(),
    };
    let waiting = poll_until_done(
        budget,
        "the attached files were still being processed",
        || async {
            let s = files::get_store(http, &store.id).await?;
            let c = &s.file_counts;
            let failed = (c.failed + c.cancelled) as usize;
            processing.draw(c.completed as usize + failed, failed);
            let done = c.in_progress == 0;
            Ok((s, done))
        },
    );
    // The question is not asked without its files: given up on, they are deleted.
    let made = tokio::select! {
        made = waiting => made,
        kind = crate::signal::interrupted() => Err(Error::new(
            kind,
            format!("{} while the attached files were processed", crate::signal::word(kind)),
        )),
    };
    processing.end();
    let made = match made {
        Ok(made) => made,
        Err(e) => {
            let e = match e.kind {
                Kind::Network if e.message.ends_with("when asst stopped waiting") => {
                    e.with_hint("--idle-timeout SECONDS waits longer")
                }
                _ => e,
            };
            return Err(discard(http, &file_ids, e).await);
        }
    };
    let counts = &made.file_counts;
    if counts.failed > 0 || counts.cancelled > 0 {
        return Err(Error::failed(format!(
            "{} of the attached files could not be processed (see: asst store show {})",
            counts.failed + counts.cancelled,
            store.id
        )));
    }
    crate::output::notice(&format!(
        "attached {} file(s) in vector store {} (kept {ATTACHMENT_DAYS} days after last use; --vector-store {} searches it again)",
        file_ids.len(),
        store.id,
        store.id
    ));
    Ok(Attached {
        file_ids,
        store: Some(info(&made)),
    })
}

/// The files of a question that will not be asked, deleted rather than left as file
/// objects that nothing holds (within [`KEEP_GRACE`]; a second signal gives up): `error`,
/// saying whether they are gone.
async fn discard(http: &Http, file_ids: &[String], mut error: Error) -> Error {
    if file_ids.is_empty() {
        return error;
    }
    let mut gone = std::collections::HashSet::new();
    let delete = async {
        for id in file_ids {
            match files::delete_file(http, id).await {
                Ok(()) => gone.insert(id),
                Err(e) if e.kind == Kind::NotFound => gone.insert(id),
                Err(_) => false,
            };
        }
    };
    tokio::select! {
        () = delete => {}
        _ = crate::signal::interrupted() => {}
        () = tokio::time::sleep(KEEP_GRACE) => {}
    }
    let left: Vec<&str> = file_ids
        .iter()
        .filter(|id| !gone.contains(id))
        .map(String::as_str)
        .collect();
    let n = file_ids.len();
    let said = match (left.len(), n) {
        (0, 1) => "; the 1 uploaded was deleted".to_string(),
        (0, n) => format!("; the {n} uploaded were deleted"),
        (l, n) if l == n => format!("; could not delete what was uploaded: {}", left.join(" ")),
        (l, n) => format!(
            "; could not delete {l} of the {n} uploaded: {}",
            left.join(" ")
        ),
    };
    error.message.push_str(&said);
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_hint_names_walked_folders_once_and_quotes_what_a_shell_would_split() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, "x").unwrap();
            LocalFile::check(&path).unwrap()
        };
        let docs: Arc<Path> = Path::new("my docs").into();
        let (mut a, mut b) = (file("a.md"), file("b.md"));
        a.folder = Some(docs.clone());
        b.folder = Some(docs);
        let loose = file("it's here.md");
        let args = arguments(&[&a, &loose, &b]);
        assert_eq!(
            args,
            [
                "'my docs'".to_string(),
                format!("'{}/it'\\''s here.md'", dir.path().display())
            ]
        );
        assert_eq!(shell_word("docs/a-1.md"), "docs/a-1.md");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("a\nb"), "a\\nb");
    }
}
