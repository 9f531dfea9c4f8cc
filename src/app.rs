//! Runs one command: parse, configure, pick the API family, call it, report the outcome.

use crate::backend::{assistants, responses, AskRequest, AskState};
use crate::cli::{AskArgs, Cli, Command, ThreadCommand};
use crate::config::{Config, Provider, DEFAULT_OPENAI_MODEL};
use crate::error::{Error, Kind, Result};
use crate::events::{Api, Done, Event, Status, SCHEMA};
use crate::http::Http;
use crate::output::{notice, Stdout};
use crate::render::{JsonLines, Render, Text};
use crate::signal::interrupted;
use clap::Parser;
use serde_json::{Map, Value};
use std::process::ExitCode;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let markers = match &cli.command {
        Command::Ask(a) => !a.no_citations,
        Command::Thread(ThreadCommand::Show(s)) => !s.no_citations,
        Command::Thread(ThreadCommand::New(_)) | Command::Store(_) => true,
    };
    let mut out: Box<dyn Render> = if cli.global.json {
        Box::new(JsonLines::new(Stdout::new()))
    } else {
        Box::new(Text::new(Stdout::new(), markers))
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
        .block_on(run(cli, out.as_mut()))
        .and_then(|()| out.flush().map_err(Error::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(e, out.as_mut()),
    }
}

/// Prints an error (stderr, and an `error` event with `--json`) and gives its exit code.
fn report(e: Error, out: &mut dyn Render) -> ExitCode {
    if e.kind == Kind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    let _ = out.error(&e);
    let _ = out.flush();
    notice(&format!("error: {}", e.message));
    if let Some(hint) = &e.hint {
        notice(&format!("hint: {hint}"));
    }
    ExitCode::from(e.kind.exit_code())
}

async fn run(cli: Cli, out: &mut dyn Render) -> Result<()> {
    match cli.command {
        Command::Thread(ThreadCommand::New(args)) => {
            let metadata = parse_metadata(&args.metadata)?;
            let config = Config::load(&cli.global).await?;
            let assistant = args.assistant.or_else(|| config.profile.assistant.clone());
            let api = config.api.unwrap_or(if assistant.is_some() {
                Api::Assistants
            } else {
                Api::Responses
            });
            let http = Http::new(&config)?;
            let thread = crate::backend::create_thread(&http, api, &metadata).await?;
            let id = thread["id"].as_str().unwrap_or_default().to_string();
            if config.json {
                out.event(Event::Thread {
                    schema: SCHEMA,
                    id,
                    api,
                    created: true,
                })?;
            } else {
                // Text mode prints the bare id, for T=$(asst thread new).
                out.event(Event::Delta {
                    text: format!("{id}\n"),
                })?;
            }
            Ok(())
        }
        Command::Thread(ThreadCommand::Show(args)) => {
            let api_hint = family_of(&args.thread);
            let config = Config::load(&cli.global).await?;
            let api = pick_api(api_hint, config.api, false, &args.thread)?;
            let http = Http::new(&config)?;
            match api {
                Api::Responses => {
                    responses::show_thread(&http, &args.thread, !args.no_citations, out).await
                }
                Api::Assistants => {
                    assistants::show_thread(&http, &args.thread, !args.no_citations, out).await
                }
            }
        }
        Command::Ask(args) => ask(&cli.global, args, out).await,
        Command::Store(command) => {
            let config = Config::load(&cli.global).await?;
            crate::store::run(command, &config, out).await
        }
    }
}

async fn ask(global: &crate::cli::GlobalArgs, args: AskArgs, out: &mut dyn Render) -> Result<()> {
    // Input errors are found before anything is configured or sent.
    if let Some(t) = &args.thread {
        crate::backend::check_id(t, "thread")?;
    }
    let attachments = args
        .attach
        .iter()
        .map(|p| crate::upload::LocalFile::check(p))
        .collect::<Result<Vec<_>>>()?;
    let prompt = crate::prompt::read(&args.prompt, args.no_stdin)?;
    let config = Config::load(global).await?;
    let profile = &config.profile;
    let assistant = args.assistant.clone().or_else(|| profile.assistant.clone());
    let api = pick_api(
        args.thread.as_deref().and_then(family_of),
        config.api,
        assistant.is_some(),
        args.thread.as_deref().unwrap_or(""),
    )?;
    match api {
        Api::Responses => crate::prompt::check_length(&prompt, 10_485_760, "Responses")?,
        Api::Assistants => crate::prompt::check_length(&prompt, 256_000, "Assistants")?,
    }
    let mut vector_stores = args.vector_stores.clone();
    if vector_stores.is_empty() {
        vector_stores = profile.vector_stores.clone().unwrap_or_default();
    }
    if vector_stores.iter().any(|v| v.trim().is_empty()) {
        return Err(Error::usage("--vector-store needs an id (vs_…)"));
    }
    for v in &vector_stores {
        crate::backend::check_id(v, "vector store")?;
    }
    if api == Api::Assistants && args.thread.is_none() && vector_stores.len() > 1 {
        // The API's limit for a thread's tool_resources (maxItems: 1).
        return Err(Error::usage(format!(
            "an Assistants thread takes one vector store; {} were given",
            vector_stores.len()
        )));
    }
    let model = args
        .model
        .clone()
        .or_else(|| profile.model.clone())
        .or_else(|| match config.provider {
            Provider::OpenAi { .. } if api == Api::Responses => {
                Some(DEFAULT_OPENAI_MODEL.to_string())
            }
            _ => None,
        });
    if api == Api::Assistants && assistant.is_none() {
        return Err(Error::config(
            "no assistant: set --assistant or ASSISTANT_ID for an Assistants thread",
        ));
    }
    let http = Http::new(&config)?;
    let mut attached_files = Vec::new();
    if !attachments.is_empty() {
        let attached =
            crate::store::attach_for_ask(&http, &attachments, api == Api::Responses, &config)
                .await?;
        vector_stores.extend(attached.store);
        attached_files = attached.file_ids;
    }
    let request = AskRequest {
        thread: args.thread.clone(),
        prompt,
        model,
        instructions: args
            .instructions
            .clone()
            .or_else(|| profile.instructions.clone()),
        vector_stores,
        assistant,
        markers: !args.no_citations,
        attachments: attached_files,
        show_search: args.show_search,
    };
    let mut state = AskState::default();
    let ending = {
        let work = async {
            match api {
                Api::Responses => responses::ask(&http, &request, &mut state, out).await,
                Api::Assistants => assistants::ask(&http, &request, &mut state, out).await,
            }
        };
        tokio::select! {
            result = work => Ending::Finished(result),
            kind = interrupted() => Ending::Signal(kind),
        }
    };
    let signal = match ending {
        // The reader closed stdout: nobody wants the rest, so the run is not left going.
        Ending::Finished(Err(e)) if e.kind == Kind::BrokenPipe => {
            if api == Api::Assistants && !state.finished {
                assistants::cancel(&http, &state, false).await;
            }
            return Err(e);
        }
        Ending::Finished(result) => return result,
        Ending::Signal(kind) => kind,
    };
    // Interrupted: what was printed stays; the server's work is stopped where the API allows.
    let _ = out.flush();
    if api == Api::Assistants && !state.finished {
        let stop = assistants::cancel(&http, &state, true);
        tokio::select! {
            _ = stop => {}
            _ = interrupted() => {} // a second interrupt: stop waiting for the cancel
        }
    }
    if !state.finished {
        out.event(Event::Done(Done {
            status: Status::Cancelled,
            reason: Some(signal.code().to_string()),
            thread: state.thread.clone().unwrap_or_default(),
            response: state.response.clone(),
            usage: None,
        }))?;
    }
    Err(crate::signal::error(signal))
}

/// How an `ask` ended: on its own, or by a signal (SIGINT or SIGTERM).
enum Ending {
    Finished(Result<()>),
    Signal(Kind),
}

/// The family a thread id belongs to, when its prefix tells.
fn family_of(thread: &str) -> Option<Api> {
    if thread.starts_with("thread_") {
        Some(Api::Assistants)
    } else if thread.starts_with("conv_") {
        Some(Api::Responses)
    } else {
        None
    }
}

/// The documented rule: a thread id's prefix decides; else `--api`; else an assistant id
/// means Assistants; else Responses. An explicit `--api` that contradicts the id is an error.
fn pick_api(
    from_id: Option<Api>,
    explicit: Option<Api>,
    has_assistant: bool,
    thread: &str,
) -> Result<Api> {
    match (from_id, explicit) {
        (Some(id), Some(x)) if id != x => Err(Error::usage(format!(
            "'{thread}' is a thread of the {} API, but --api {} was asked for",
            id.name(),
            x.name()
        ))),
        (Some(id), _) => Ok(id),
        (None, Some(x)) => Ok(x),
        (None, None) if has_assistant && thread.is_empty() => Ok(Api::Assistants),
        (None, None) => Ok(Api::Responses),
    }
}

fn parse_metadata(pairs: &[String]) -> Result<Map<String, Value>> {
    let mut map = Map::new();
    for pair in pairs {
        let (k, v) = pair
            .split_once('=')
            .filter(|(k, _)| !k.is_empty())
            .ok_or_else(|| Error::usage(format!("--metadata '{pair}' is not KEY=VALUE")))?;
        map.insert(k.to_string(), Value::String(v.to_string()));
    }
    if map.len() > 16 {
        return Err(Error::usage("at most 16 --metadata pairs are allowed"));
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_rule() {
        assert_eq!(
            pick_api(Some(Api::Assistants), None, false, "thread_1").unwrap(),
            Api::Assistants
        );
        assert_eq!(pick_api(None, None, true, "").unwrap(), Api::Assistants);
        assert_eq!(pick_api(None, None, false, "").unwrap(), Api::Responses);
        assert_eq!(
            pick_api(Some(Api::Responses), None, true, "conv_1").unwrap(),
            Api::Responses
        );
        assert_eq!(
            pick_api(None, Some(Api::Assistants), false, "x").unwrap(),
            Api::Assistants
        );
        assert!(pick_api(Some(Api::Responses), Some(Api::Assistants), false, "conv_1").is_err());
    }

    #[test]
    fn metadata_pairs() {
        let m = parse_metadata(&["a=b=c".into(), "k=".into()]).unwrap();
        assert_eq!(m["a"], "b=c");
        assert_eq!(m["k"], "");
        assert!(parse_metadata(&["=v".into()]).is_err());
        assert!(parse_metadata(&["novalue".into()]).is_err());
    }
}
