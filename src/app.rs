//! Runs one command: parse, resolve its settings, call the API family, report the outcome.

use crate::backend::{assistants, responses, AskRequest, AskState};
use crate::cli::Cli;
use crate::config::Config;
use crate::error::{Error, Kind, Result};
use crate::events::{Api, Done, Event, Status, SCHEMA};
use crate::http::Http;
use crate::output::{notice, redact, Stdout};
use crate::render::Look;
use crate::render::{JsonLines, Render, Text};
use crate::settings::{Request, Resolved, ResponseRequest};
use crate::signal::{interrupted, unless_interrupted};
use std::process::ExitCode;

pub fn main() -> ExitCode {
    let cli = match crate::cli::parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help, --version: what was asked for, on stdout.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let json = std::env::args_os().any(|a| a == "--json");
            let mut out: Box<dyn Render> = if json {
                Box::new(JsonLines::new(Stdout::new()))
            } else {
                Box::new(Text::new(Stdout::new(), crate::render::Look::default()))
            };
            return report(crate::cli::usage_error(&e), out.as_mut());
        }
    };
    let look = crate::settings::look(&cli);
    let mut out: Box<dyn Render> = if look.json {
        Box::new(JsonLines::new(Stdout::new()))
    } else {
        Box::new(Text::new(Stdout::new(), look))
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return report(
                Error::new(Kind::Other, format!("cannot start: {e}")),
                out.as_mut(),
            )
        }
    };
    let result = runtime
        .block_on(run(cli, look, out.as_mut()))
        .and_then(|()| out.flush().map_err(Error::from));
    drop(runtime);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let kind = e.kind;
            let code = report(e, out.as_mut());
            drop(out);
            end_by_signal(kind);
            code
        }
    }
}

/// After an interrupt that asst handled (what was printed flushed, the run cancelled,
/// temporary files removed): ends the process by the same signal, with its default action,
/// as if asst had not caught it. A shell that waited for asst can then tell that the user
/// interrupted it, and stops its loop or script; an exit code of 130 would tell it that
/// asst dealt with the signal, and the loop would go on. `$?` is 130 (143) either way.
fn end_by_signal(kind: Kind) {
    #[cfg(unix)]
    {
        let signal = match kind {
            Kind::HungUp => signal_hook::consts::SIGHUP,
            Kind::Interrupted => signal_hook::consts::SIGINT,
            Kind::Terminated => signal_hook::consts::SIGTERM,
            _ => return,
        };
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
    #[cfg(not(unix))]
    let _ = kind;
}

/// Prints an error (stderr, and an `error` event with `--json`) and gives its exit code.
fn report(e: Error, out: &mut dyn Render) -> ExitCode {
    if e.kind == Kind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    let _ = out.error(&e);
    let _ = out.flush();
    // Cut after the secrets are taken out, so that no cut leaves half of one.
    let shown = |text: &str| crate::output::bounded(&redact(text)).into_owned();
    notice(&format!("error: {}", shown(&e.line())));
    if let Some(hint) = &e.hint {
        notice(&format!("hint: {}", shown(hint)));
    }
    ExitCode::from(e.kind.exit_code())
}

async fn run(cli: Cli, look: Look, out: &mut dyn Render) -> Result<()> {
    let Resolved {
        config,
        request,
        mut history,
    } = crate::settings::resolve(cli).await?;
    // Commands that do not listen for signals themselves end at once on one. (Once asst
    // listens, during a key command say, a signal is only kept until a wait takes it: with
    // no wait, the command would go on to its end.) Those that do listen stop in their own
    // way: what was printed kept, uploads kept.
    let own_handling = matches!(
        request,
        Request::Ask { .. }
            | Request::Batch(
                crate::settings::Batch::Direct { .. } | crate::settings::Batch::Submit { .. }
            )
            | Request::Response(ResponseRequest::Wait { .. })
            | Request::Store(
                crate::settings::Store::Create { .. } | crate::settings::Store::Put { .. }
            )
    );
    let work = perform(request, &config, &mut history, look, out);
    if own_handling {
        return work.await;
    }
    unless_interrupted(work)
        .await
        .unwrap_or_else(|kind| Err(crate::signal::error(kind)))
}

/// Carries out a resolved request.
async fn perform(
    request: Request,
    config: &Config,
    history: &mut crate::registry::History,
    look: Look,
    out: &mut dyn Render,
) -> Result<()> {
    // A client is made for the commands that talk to a server: the registry's own commands
    // load no certificates.
    let client = || Http::new(config);
    match request {
        Request::ThreadNew {
            api,
            metadata,
            name,
            assistant,
        } => {
            let http = client()?;
            let thread = crate::backend::create_thread(&http, api, &metadata).await?;
            out.event(Event::Thread {
                schema: SCHEMA,
                id: thread.to_string(),
                api,
                created: true,
            })?;
            let assistant = assistant.filter(|_| api == Api::Assistants);
            history.write(|r, place| {
                r.record(
                    place,
                    thread.as_str(),
                    api,
                    assistant.as_deref(),
                    None,
                    None,
                    false,
                )
            });
            if let Some(name) = name {
                let place = history.place.clone();
                let registry = history.needed().map_err(|e| Error {
                    message: format!("{thread} was created but could not be named: {}", e.message),
                    ..e
                })?;
                registry.name(&place, thread.as_str(), api, &name)?;
            }
            Ok(())
        }
        Request::ThreadList { all, limit } => {
            let place = history.place.clone();
            let entries = match history.lookup()? {
                Some(registry) => registry
                    .list((!all).then_some(&place), limit)
                    .map_err(|e| Error::config(format!("the thread registry: {e}")))?,
                None => Vec::new(),
            };
            for e in entries {
                out.event(Event::Listed(crate::events::Listed {
                    schema: SCHEMA,
                    id: e.id,
                    api: e.api,
                    created: false,
                    name: e.name,
                    title: e.title,
                    provider: e.provider,
                    endpoint: e.endpoint,
                    profile: e.profile,
                    assistant: e.assistant,
                    first_used: crate::events::Utc(e.created),
                    last_used: crate::events::Utc(e.last_used),
                    asks: e.asks,
                    last_response: e.last_response,
                }))?;
            }
            Ok(())
        }
        Request::ThreadName { thread, name } => {
            let place = history.place.clone();
            let registry = history.needed()?;
            registry.name(&place, thread.as_str(), thread.api(), &name)
        }
        Request::ThreadRm { threads, local } => {
            let http = if local { None } else { Some(client()?) };
            for thread in threads {
                if let Some(http) = &http {
                    match crate::backend::delete_thread(http, &thread).await {
                        Ok(()) => {}
                        Err(e) if e.kind == Kind::NotFound => notice(&format!(
                            "{} was already gone on the server; forgotten",
                            thread.named()
                        )),
                        Err(e) => return Err(e),
                    }
                }
                let place = history.place.clone();
                if let Ok(Some(r)) = history.lookup() {
                    r.forget(&place, thread.as_str())
                        .map_err(|e| Error::config(format!("the thread registry: {e}")))?;
                }
                out.event(Event::Deleted {
                    id: thread.to_string(),
                    object: if local { "thread_record" } else { "thread" },
                })?;
            }
            Ok(())
        }
        Request::ThreadShow {
            thread,
            window,
            markers,
        } => crate::backend::show_thread(&client()?, &thread, &window, markers, out).await,
        Request::Ask { ask, attach } => {
            let (api, assistant, prompt) = (ask.api, ask.assistant.clone(), ask.prompt.clone());
            let mut state = AskState::default();
            let http = client()?;
            let structured = ask.schema.is_some();
            let mut out = Capture {
                out,
                text: structured.then(String::new),
            };
            let result = self::ask(&http, *ask, attach, config, look, &mut state, &mut out).await;
            // A structured answer is checked once whole; it was printed as it came.
            let result = match (result, &out.text) {
                (Ok(()), Some(text)) => crate::backend::check_structured(text, state.refused),
                (result, _) => result,
            };
            // Recorded after the answer, so that the registry costs the request nothing.
            if let Some(thread) = &state.thread {
                let response = state.response.as_deref();
                history.write(|r, place| {
                    r.record(
                        place,
                        thread,
                        api,
                        assistant.as_deref(),
                        Some(&prompt),
                        response,
                        true,
                    )
                });
            }
            result
        }
        Request::AskPlan { ask, credential } => {
            responses::planned(&client()?, &ask, credential.as_ref(), out)
        }
        // Only planned: no client (nor its certificates) is needed.
        Request::Config(rows) => {
            for row in rows {
                out.event(Event::Setting(row))?;
            }
            Ok(())
        }
        Request::Store(crate::settings::Store::Create { files, apply, .. }) if apply.dry_run => {
            crate::store::planned(files, out)
        }
        Request::Store(store) => crate::store::run(&client()?, store, config, look, out).await,
        Request::Batch(batch) => crate::batch::run(client()?, batch, history, look, out).await,
        Request::Response(ResponseRequest::Cancel { id }) => {
            responses::cancel_response(&client()?, &id, out).await
        }
        Request::Response(ResponseRequest::Show { id, markers }) => {
            let mut state = AskState::default();
            responses::show(&client()?, &id, markers, &mut state, out).await
        }
        Request::Response(ResponseRequest::Wait { id, after, markers }) => {
            // Waiting is reading: an interrupt ends the wait, not the response.
            let mut state = AskState::default();
            let http = client()?;
            let work = responses::wait(&http, &id, after, markers, &mut state, out);
            match unless_interrupted(work).await {
                Ok(result) => result,
                Err(kind) => interrupted_answer(kind, &state, out),
            }
        }
    }
}

async fn ask(
    http: &Http,
    mut request: AskRequest,
    attach: crate::settings::Attachments,
    config: &Config,
    look: Look,
    state: &mut AskState,
    out: &mut dyn Render,
) -> Result<()> {
    let api = request.api;
    if !attach.files.is_empty() {
        // Responses searches them in a store made for them; Assistants takes them on the
        // message.
        let store = (api == Api::Responses).then_some(attach.chunks);
        let attached =
            crate::store::attach_for_ask(http, &attach.files, store, config.idle_timeout, look)
                .await?;
        request
            .vector_stores
            .extend(attached.store.as_ref().map(|s| s.id.clone()));
        request.attached_store = attached.store;
        request.attachments = attached.file_ids;
    }
    // The signal is looked at first: one that came before (while the certificates loaded,
    // say) ends the question before it is sent.
    let ending = unless_interrupted(crate::backend::ask(http, &request, state, out)).await;
    // A background response goes on without its connection: stopped here on purpose, it is
    // cancelled on the server, as an Assistants run is.
    let on_server = api == Api::Assistants || request.background;
    let signal = match ending {
        // The reader closed stdout: nobody wants the rest, so the answer is not left going.
        Ok(Err(e)) if e.kind == Kind::BrokenPipe => {
            if on_server && !state.finished {
                cancel(http, api, state, false).await;
            }
            return Err(e);
        }
        Ok(result) => return result,
        Err(kind) => kind,
    };
    // Interrupted: what was printed stays; the server's work is stopped where the API allows.
    let _ = out.flush();
    if on_server && !state.finished {
        let stop = cancel(http, api, state, true);
        tokio::select! {
            _ = stop => {}
            _ = interrupted() => {
                // A second interrupt: stop waiting for the cancel, and say what may go on.
                let run = state.response.as_deref().unwrap_or("the run");
                let thread = state.thread.as_deref().unwrap_or("its thread");
                notice(&format!("stopped waiting for the cancel; {run} may still be active in {thread}"));
            }
        }
    }
    interrupted_answer(signal, state, out)
}

/// Cancels the answer in `state` on the server: a run, or a background response.
async fn cancel(http: &Http, api: Api, state: &AskState, report: bool) {
    match api {
        Api::Assistants => assistants::cancel(http, state, report).await,
        Api::Responses => responses::cancel(http, state, report).await,
    }
}

/// After an interrupt: a `done` event for an answer that had not ended, and the error.
fn interrupted_answer(signal: Kind, state: &AskState, out: &mut dyn Render) -> Result<()> {
    if !state.finished {
        out.event(Event::Done(Done {
            status: Status::Cancelled,
            reason: Some(signal.code().to_string()),
            thread: state.thread.clone().unwrap_or_default(),
            response: state.response.clone(),
            usage: None,
            request_id: state.request.clone(),
        }))?;
    }
    Err(crate::signal::error(signal))
}

/// Passes events on to the renderer, keeping the answer's text when it is to be checked.
struct Capture<'a> {
    out: &'a mut dyn Render,
    text: Option<String>,
}

impl crate::answer::Sink for Capture<'_> {
    fn event(&mut self, event: Event) -> std::io::Result<()> {
        if let (Some(text), Event::Delta { text: t }) = (&mut self.text, &event) {
            text.push_str(t);
        }
        self.out.event(event)
    }

    fn delta(&mut self, t: &str) -> std::io::Result<()> {
        if let Some(text) = &mut self.text {
            text.push_str(t);
        }
        self.out.delta(t)
    }
}

impl Render for Capture<'_> {
    fn message(&mut self, message: &crate::events::Message) -> std::io::Result<()> {
        self.out.message(message)
    }
    fn error(&mut self, error: &Error) -> std::io::Result<()> {
        self.out.error(error)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
