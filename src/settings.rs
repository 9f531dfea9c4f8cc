//! The boundary: the parsed command line, the environment and the profile become one fully
//! resolved request per command, in the spirit of ripgrep's low-level → high-level
//! arguments. Input errors are found here, before anything is sent; nothing after this step
//! reads a flag, an environment variable or the profile.

use crate::backend::AskRequest;
use crate::cli::{
    AskArgs, BatchCommand, Cli, Command, ResponseCommand, StoreCommand, ThreadCommand, UploadArgs,
};
use crate::config::{Config, Provider, DEFAULT_OPENAI_MODEL};
use crate::error::{Error, Result};
use crate::events::Api;
use crate::id::{self, ThreadId};
use crate::registry::{History, Place};
use crate::render::{Look, View};
use crate::upload::LocalFile;
use serde_json::{Map, Value};
use std::io::IsTerminal;

/// The longest prompt each family accepts, in characters.
pub const MAX_PROMPT_RESPONSES: usize = crate::prompt::MAX_CHARS;
pub const MAX_PROMPT_ASSISTANTS: usize = 256_000;
/// An Assistants thread's `tool_resources` take one vector store (the API's `maxItems`).
pub const MAX_THREAD_STORES: usize = 1;
/// `metadata` holds at most 16 pairs (both families).
pub const MAX_METADATA: usize = 16;

/// Everything a command needs, resolved.
pub struct Resolved {
    pub config: Config,
    pub request: Request,
    /// The thread registry, opened when first used.
    pub history: History,
}

pub enum Request {
    ThreadNew {
        api: Api,
        metadata: Map<String, Value>,
        name: Option<String>,
        assistant: Option<String>,
    },
    ThreadShow {
        thread: ThreadId,
        window: crate::backend::Window,
        markers: bool,
    },
    ThreadList {
        all: bool,
        limit: usize,
    },
    ThreadName {
        thread: ThreadId,
        name: String,
    },
    ThreadRm {
        threads: Vec<ThreadId>,
        local: bool,
    },
    Ask {
        ask: Box<AskRequest>,
        attach: Attachments,
    },
    /// `ask --dry-run`: the requests shown, none sent.
    AskPlan {
        ask: Box<AskRequest>,
        /// The credential header, with where its value would come from standing for it.
        credential: Option<(&'static str, String)>,
    },
    Store(Store),
    Response(ResponseRequest),
    Batch(Batch),
    /// `asst config`: the settings, described.
    Config(Vec<crate::events::Setting>),
}

/// Files to upload for a question (`ask --attach`), and how the store made for them cuts
/// them (`--chunk-size`, `--chunk-overlap`).
pub struct Attachments {
    pub files: Vec<LocalFile>,
    pub chunks: Option<crate::backend::files::Chunking>,
}

/// `asst batch …`, resolved.
pub enum Batch {
    /// Answer the questions here, `jobs` at a time.
    Direct {
        input: Input,
        output: Option<std::path::PathBuf>,
        jobs: usize,
        answering: Box<Answering>,
    },
    /// Upload them as a Batch API job.
    Submit {
        input: Input,
        answering: Box<Answering>,
    },
    /// `--dry-run`: each question's request printed, none sent; with `output`, what it
    /// answered already left out.
    Plan {
        input: Input,
        output: Option<std::path::PathBuf>,
        job: bool,
        answering: Box<Answering>,
    },
    Status {
        id: String,
    },
    Cancel {
        id: String,
    },
    Results {
        id: String,
        output: Option<std::path::PathBuf>,
        markers: bool,
    },
}

/// Where the questions are read from.
pub enum Input {
    Stdin,
    File(std::path::PathBuf),
}

/// `asst response …`, resolved.
pub enum ResponseRequest {
    Wait {
        id: String,
        after: Option<u64>,
        markers: bool,
    },
    Show {
        id: String,
        markers: bool,
    },
    Cancel {
        id: String,
    },
}

impl Store {
    /// A `store create --dry-run`: it asks no server.
    pub fn planned(&self) -> bool {
        matches!(self, Store::Create { apply, .. } if apply.dry_run)
    }
}

pub enum Store {
    Create {
        name: String,
        files: Vec<LocalFile>,
        /// `expires_after`: days unused before the server deletes the store.
        expire_days: Option<u32>,
        apply: crate::sync::Apply,
    },
    /// `store add` and `store sync`: put files into an existing store. `force` uploads
    /// unchanged files too (add); `delete` takes out what is no longer there (sync), all of
    /// it only when `allow_empty`, and no more than `max_delete` files.
    Put {
        store: String,
        files: Vec<LocalFile>,
        force: bool,
        delete: bool,
        allow_empty: bool,
        max_delete: Option<usize>,
        apply: crate::sync::Apply,
    },
    RmFile {
        store: String,
        targets: Vec<String>,
        with_files: bool,
        dry_run: bool,
    },
    /// `store update`: what is `None` is left as it is; an expiry of `Some(None)` ends it.
    Update {
        store: String,
        name: Option<String>,
        expire_days: Option<Option<u32>>,
    },
    /// `store search`: `rewrite` lets the server rewrite the query.
    Search {
        store: String,
        query: String,
        search: crate::backend::Search,
        rewrite: bool,
    },
    Show {
        store: String,
    },
    List,
    Rm {
        store: String,
        with_files: bool,
        dry_run: bool,
    },
}

pub use crate::sync::UploadOpts as Upload;

impl From<&crate::cli::WalkArgs> for crate::sync::Walk {
    fn from(a: &crate::cli::WalkArgs) -> crate::sync::Walk {
        crate::sync::Walk {
            include: a.include.clone(),
            exclude: a.exclude.clone(),
            hidden: a.hidden,
            follow: a.follow,
        }
    }
}

impl From<&UploadArgs> for Upload {
    fn from(a: &UploadArgs) -> Upload {
        Upload {
            quiet: a.quiet,
            no_wait: a.no_wait,
        }
    }
}

/// How the command's output looks; known before anything else is resolved, so that even a
/// configuration error is reported in the right form.
pub fn look(cli: &Cli) -> Look {
    let (markers, view, quiet) = match &cli.command {
        Command::Ask(a) if a.detach => (!a.answer.no_citations, View::ResponseId, false),
        Command::Ask(a) => {
            let markers = !a.answer.no_citations && a.answer.schema.is_none();
            (markers, View::Answer, false)
        }
        Command::Config => (true, View::Rows, false),
        Command::Batch(b) => match &b.command {
            None if b.via == crate::cli::Via::BatchApi => (true, View::Id, b.answer.quiet),
            None => (true, View::Nothing, b.answer.quiet),
            Some(BatchCommand::Status(_) | BatchCommand::Cancel(_)) => (true, View::Rows, false),
            Some(BatchCommand::Results(_)) => (true, View::Nothing, false),
        },
        Command::Thread(ThreadCommand::Show(s)) => (!s.no_citations, View::Answer, false),
        Command::Thread(ThreadCommand::New(_)) => (true, View::Id, false),
        Command::Thread(ThreadCommand::List(_)) => (true, View::Rows, false),
        Command::Thread(ThreadCommand::Name(_) | ThreadCommand::Rm(_)) => {
            (true, View::Nothing, false)
        }
        Command::Store(StoreCommand::Create(c)) if c.dry_run => (true, View::Plan, c.upload.quiet),
        Command::Store(StoreCommand::Create(c)) => (true, View::Id, c.upload.quiet),
        Command::Store(StoreCommand::Add(a)) => {
            let view = if a.change.dry_run {
                View::Plan
            } else {
                View::Nothing
            };
            (true, view, a.change.upload.quiet)
        }
        Command::Store(StoreCommand::Sync(a)) => {
            let view = if a.change.dry_run {
                View::Plan
            } else {
                View::Sync
            };
            (true, view, a.change.upload.quiet)
        }
        Command::Store(StoreCommand::RmFile(r)) if r.dry_run => (true, View::Plan, false),
        Command::Store(StoreCommand::Rm(r)) if r.dry_run => (true, View::Plan, false),
        Command::Store(StoreCommand::RmFile(_)) => (true, View::Nothing, false),
        Command::Store(StoreCommand::Search(_)) => (true, View::Chunks, false),
        Command::Store(_) => (true, View::Rows, false),
        Command::Response(ResponseCommand::Wait(a)) => (!a.no_citations, View::Answer, false),
        Command::Response(ResponseCommand::Show(a)) => (!a.no_citations, View::Answer, false),
        Command::Response(ResponseCommand::Cancel(_)) => (true, View::Nothing, false),
    };
    let forced = crate::config::env("ASST_FORCE_TTY").as_deref() == Some("1");
    let terminal = std::io::stderr().is_terminal() || forced;
    Look {
        json: cli.global.json,
        markers,
        view,
        quiet,
        terminal,
        screen: std::io::stdout().is_terminal() || forced,
    }
}

pub async fn resolve(cli: Cli) -> Result<Resolved> {
    match cli.command {
        Command::Thread(ThreadCommand::New(args)) => {
            let metadata = parse_metadata(&args.metadata)?;
            if let Some(name) = &args.name {
                crate::registry::check_name(name)?;
            }
            let (config, profile) = Config::load(&cli.global).await?;
            let history = history(&config, &profile, &cli.global)?;
            let assistant = args
                .assistant
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .or(profile.assistant);
            let api = config.api.unwrap_or(if assistant.is_some() {
                Api::Assistants
            } else {
                Api::Responses
            });
            Ok(Resolved {
                config,
                request: Request::ThreadNew {
                    api,
                    metadata,
                    name: args.name,
                    assistant,
                },
                history,
            })
        }
        Command::Thread(ThreadCommand::Show(args)) => {
            if let Some(after) = &args.after {
                id::check(after, "message")?;
            }
            let early = early_given(args.thread.as_deref())?;
            let (mut config, profile) = Config::load_for(&cli.global, false).await?;
            let mut history = history(&config, &profile, &cli.global)?;
            let thread = match &args.thread {
                Some(t) => thread_ref(t, early, &mut history)?,
                None => last_thread(&mut history, "show")?,
            };
            same_family(&thread, config.api)?;
            config.sign_in(&profile).await?;
            Ok(Resolved {
                config,
                request: Request::ThreadShow {
                    thread,
                    window: crate::backend::Window {
                        limit: args.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
                        after: args.after,
                    },
                    markers: !args.no_citations,
                },
                history,
            })
        }
        Command::Thread(ThreadCommand::List(args)) => {
            let (config, profile) = Config::load_for(&cli.global, false).await?;
            let history = history(&config, &profile, &cli.global)?;
            Ok(Resolved {
                config,
                request: Request::ThreadList {
                    all: args.all,
                    limit: args.limit,
                },
                history,
            })
        }
        Command::Thread(ThreadCommand::Name(args)) => {
            crate::registry::check_name(&args.name)?;
            let early = early_thread(&args.thread)?;
            let (config, profile) = Config::load_for(&cli.global, false).await?;
            let mut history = history(&config, &profile, &cli.global)?;
            let thread = thread_ref(&args.thread, early, &mut history)?;
            Ok(Resolved {
                config,
                request: Request::ThreadName {
                    thread,
                    name: args.name,
                },
                history,
            })
        }
        Command::Thread(ThreadCommand::Rm(args)) => {
            let early: Vec<Option<ThreadId>> = args
                .threads
                .iter()
                .map(|t| early_thread(t))
                .collect::<Result<_>>()?;
            let (config, profile) = Config::load_for(&cli.global, !args.local).await?;
            let mut history = history(&config, &profile, &cli.global)?;
            let threads = args
                .threads
                .iter()
                .zip(early)
                .map(|(t, e)| thread_ref(t, e, &mut history))
                .collect::<Result<_>>()?;
            Ok(Resolved {
                config,
                request: Request::ThreadRm {
                    threads,
                    local: args.local,
                },
                history,
            })
        }
        Command::Ask(args) => ask(&cli.global, args).await,
        Command::Batch(args) => batch(&cli.global, *args).await,
        Command::Config => {
            // No credential: a key command would run, and its key is never shown.
            let (config, profile) = Config::load_for(&cli.global, false).await?;
            let history = history(&config, &profile, &cli.global)?;
            let mut rows = crate::config::describe(&cli.global, &config, &profile);
            let source = if cli.global.no_history {
                "--no-history".to_string()
            } else if crate::config::env("ASST_HISTORY").is_some() {
                "ASST_HISTORY".to_string()
            } else if profile.history.is_some() {
                crate::config::in_profile(&profile)
            } else {
                "default".to_string()
            };
            let value = Some(if history.record { "on" } else { "off" }.to_string());
            rows.push(crate::events::Setting {
                name: "history",
                value,
                source,
            });
            rows.push(crate::events::Setting {
                name: "registry",
                value: crate::registry::default_path().map(|p| p.display().to_string()),
                source: ["ASST_STATE_DIR", "XDG_STATE_HOME", "HOME"]
                    .into_iter()
                    .find(|v| crate::config::env(v).is_some())
                    .unwrap_or("none")
                    .to_string(),
            });
            Ok(Resolved {
                config,
                request: Request::Config(rows),
                history,
            })
        }
        Command::Response(command) => {
            let request = match command {
                ResponseCommand::Wait(a) => ResponseRequest::Wait {
                    markers: !a.no_citations,
                    after: a.after,
                    id: response_id(a.response)?,
                },
                ResponseCommand::Show(a) => ResponseRequest::Show {
                    markers: !a.no_citations,
                    id: response_id(a.response)?,
                },
                ResponseCommand::Cancel(a) => ResponseRequest::Cancel {
                    id: response_id(a.response)?,
                },
            };
            let (config, profile) = Config::load(&cli.global).await?;
            let history = history(&config, &profile, &cli.global)?;
            Ok(Resolved {
                config,
                request: Request::Response(request),
                history,
            })
        }
        Command::Store(command) => {
            let store = match command {
                StoreCommand::Create(a) => {
                    let files = upload_files(
                        &a.files,
                        a.file_name.as_deref(),
                        &(&a.walk).into(),
                        a.upload.quiet,
                    )
                    .await?;
                    let name = match (a.name, files.first()) {
                        (Some(n), _) => n,
                        (None, Some(f)) => f.name.clone(),
                        (None, None) if a.files.is_empty() => {
                            return Err(Error::usage(
                                "an empty store needs a name: asst store create --name NAME",
                            ))
                        }
                        (None, None) => {
                            return Err(Error::usage(
                                "no files to upload (the folders given hold none)",
                            ))
                        }
                    };
                    Store::Create {
                        name,
                        files,
                        expire_days: a.expires_after,
                        apply: crate::sync::Apply {
                            upload: (&a.upload).into(),
                            attributes: attributes(&a.attr, &a.chunks)?,
                            new_store: true,
                            chunking: chunking(&a.chunks)?,
                            walk: (&a.walk).into(),
                            dry_run: a.dry_run,
                            ..Default::default()
                        },
                    }
                }
                StoreCommand::Add(a) => {
                    id::check(&a.store, "vector store")?;
                    Store::Put {
                        files: upload_files(
                            &a.files,
                            a.file_name.as_deref(),
                            &(&a.change.walk).into(),
                            a.change.upload.quiet,
                        )
                        .await?,
                        store: a.store,
                        force: a.force,
                        delete: false,
                        allow_empty: false,
                        max_delete: None,
                        apply: change(&a.change, (&a.change.walk).into())?,
                    }
                }
                StoreCommand::Sync(a) => {
                    id::check(&a.store, "vector store")?;
                    let how: crate::sync::Walk = (&a.change.walk).into();
                    let mut files = Vec::new();
                    for dir in &a.dirs {
                        let meta = std::fs::metadata(dir).map_err(|e| {
                            Error::usage(format!("cannot read {}: {e}", dir.display()))
                        })?;
                        if !meta.is_dir() {
                            return Err(Error::usage(if meta.is_file() {
                                format!(
                                    "{} is a file, not a folder: sync walks folders (store add takes files)",
                                    dir.display()
                                )
                            } else {
                                format!("{} is not a folder", dir.display())
                            }));
                        }
                        files.extend(walk_noting_links(dir, &how, a.change.upload.quiet)?);
                    }
                    // One folder's paths are its own, each once; two may share some.
                    if a.dirs.len() > 1 {
                        let mut keys = std::collections::HashSet::new();
                        if let Some(dup) = files.iter().find(|f| !keys.insert(f.key.as_str())) {
                            return Err(Error::usage(format!(
                                "two of the folders have {}: a path may be in one of them only",
                                dup.key
                            )));
                        }
                    }
                    Store::Put {
                        store: a.store,
                        files,
                        force: false,
                        delete: a.delete,
                        allow_empty: a.allow_empty,
                        max_delete: a.max_delete,
                        apply: change(&a.change, how)?,
                    }
                }
                StoreCommand::RmFile(a) => {
                    id::check(&a.store, "vector store")?;
                    Store::RmFile {
                        store: a.store,
                        targets: a.targets,
                        with_files: a.with_files,
                        dry_run: a.dry_run,
                    }
                }
                StoreCommand::Update(a) => {
                    id::check(&a.store, "vector store")?;
                    Store::Update {
                        store: a.store,
                        name: a.name,
                        expire_days: match (a.expires_after, a.no_expiry) {
                            (Some(days), _) => Some(Some(days)),
                            (None, true) => Some(None),
                            (None, false) => None,
                        },
                    }
                }
                StoreCommand::Search(a) => {
                    id::check(&a.store, "vector store")?;
                    let search = search_options(&a.filter, a.max_results, a.score_threshold)?;
                    let query = match a.query.join(" ") {
                        q if !q.trim().is_empty() => q,
                        _ => crate::prompt::stdin_text()?.trim().to_string(),
                    };
                    if query.is_empty() {
                        return Err(Error::usage("the query is empty").with_hint(format!(
                            "give it as arguments or on standard input: asst store search {} \"query\"",
                            a.store
                        )));
                    }
                    Store::Search {
                        store: a.store,
                        query,
                        search,
                        rewrite: a.rewrite_query,
                    }
                }
                StoreCommand::Show(a) => {
                    id::check(&a.store, "vector store")?;
                    Store::Show { store: a.store }
                }
                StoreCommand::List => Store::List,
                StoreCommand::Rm(a) => {
                    id::check(&a.store, "vector store")?;
                    Store::Rm {
                        store: a.store,
                        with_files: a.with_files,
                        dry_run: a.dry_run,
                    }
                }
            };
            // A store that is only planned asks no server: no key is needed for it.
            let (config, profile) = Config::load_for(&cli.global, !store.planned()).await?;
            let history = history(&config, &profile, &cli.global)?;
            Ok(Resolved {
                config,
                request: Request::Store(store),
                history,
            })
        }
    }
}

async fn ask(global: &crate::cli::GlobalArgs, args: AskArgs) -> Result<Resolved> {
    // Input errors first: nothing is configured (no key command runs) for a bad request.
    let early = early_given(args.thread.as_deref())?;
    let attach = check_files(&args.attach)?;
    let chunks = chunking(&crate::cli::ChunkArgs {
        chunk_size: args.chunk_size,
        chunk_overlap: args.chunk_overlap,
    })?;
    let checked = Answering::check(&args.answer)?;
    let prompt = crate::prompt::read(&args.prompt, args.no_stdin)?;
    // The credential last, once the request is known to be one to send.
    let (mut config, profile) = Config::load_for(global, false).await?;
    let mut history = history(&config, &profile, global)?;
    let thread = match (&args.thread, args.continue_last) {
        (Some(t), _) => Some(thread_ref(t, early, &mut history)?),
        (None, true) => Some(last_thread(&mut history, "continue")?),
        (None, false) => None,
    };
    let quiet = args.answer.quiet;
    let answering = Answering::resolve(args.answer, checked, &profile, &config)?;
    let mut ask = answering.question(thread, prompt, &mut history)?;
    let api = ask.api;
    if args.dry_run && api == Api::Assistants {
        return Err(Error::usage(
            "--dry-run shows Responses requests only; this question goes to the Assistants API (an assistant id, or a thread_… id)",
        ));
    }
    // The store for the attachments is made with them in one request, which takes 500.
    if api == Api::Responses && attach.len() > MAX_ATTACHED {
        return Err(Error::usage(format!(
            "--attach takes at most {MAX_ATTACHED} files (the store they are searched in is made with them in one request); {} were given",
            attach.len()
        ))
        .with_hint("for more, make a store once (asst store create --name NAME FILES…) and ask with --vector-store ID"));
    }
    // Background: flag > ASST_BACKGROUND > profile > off (see the README for why off).
    let background = if args.detach || args.background {
        true
    } else if args.no_background {
        false
    } else {
        crate::config::env_bool("ASST_BACKGROUND")?
            .or(profile.background)
            .unwrap_or(false)
    };
    if api == Api::Assistants && chunks.is_some() {
        return Err(Error::usage(
            "--chunk-size and --chunk-overlap are for the Responses API, whose attachments go into a store made for them; an Assistants message takes its files as they are",
        ));
    }
    if api == Api::Assistants && (args.background || args.detach) {
        return Err(Error::usage(
            "--background and --detach are for the Responses API; an Assistants run already goes on without its connection",
        ));
    }
    // Nothing is ignored silently.
    let say = |line: &str| {
        if !quiet {
            crate::output::notice(line);
        }
    };
    let mut show_search = args.show_search;
    let (thread, stores) = (ask.thread.is_some(), !ask.vector_stores.is_empty());
    if api == Api::Assistants && thread && stores {
        say("the vector stores given are not used: an existing Assistants thread keeps its own (and its assistant's)");
    }
    if show_search && api == Api::Responses && !stores && attach.is_empty() {
        say("--show-search has nothing to show: no vector store is in play (--vector-store, ASST_VECTOR_STORES, --attach)");
    }
    let tuned: Vec<&str> = [
        (ask.search.filters.is_some(), "--filter"),
        (ask.search.max_results.is_some(), "--max-results"),
        (ask.search.score_threshold.is_some(), "--score-threshold"),
    ]
    .iter()
    .filter_map(|(given, flag)| given.then_some(*flag))
    .collect();
    if !tuned.is_empty() && api == Api::Responses && !stores && attach.is_empty() {
        let flags = match tuned.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        say(&format!(
            "{flags} {} nothing to act on: no vector store is in play (--vector-store, ASST_VECTOR_STORES, --attach)",
            if tuned.len() == 1 { "has" } else { "have" }
        ));
    }
    if show_search && api == Api::Assistants && !thread {
        say("--show-search cannot show the retrieved text when thread and run are made in one request (ask without --thread); ask on a thread (asst thread new) for it");
        show_search = false;
    }
    if ask.instructions.is_some() && api == Api::Assistants && !thread {
        say("--instructions replace the assistant's own for this run: thread and run in one request cannot add to them (on a thread they are added: additional_instructions)");
    }
    ask.background = background && api == Api::Responses;
    ask.detach = args.detach;
    ask.show_search = show_search;
    if args.dry_run {
        // Checked as the question would be, but with no credential read.
        config.check_route(&profile)?;
        let credential = config.credential_shown(&profile);
        if credential.is_none() {
            say(match config.provider {
                Provider::OpenAi { .. } => "no API key is set (OPENAI_API_KEY, ASST_API_KEY_CMD): the question itself would fail (exit 3)",
                Provider::Azure { .. } => "no credential is set (AZURE_OPENAI_API_KEY, AZURE_OPENAI_AD_TOKEN, ASST_API_KEY_CMD, ASST_AZURE_TOKEN_CMD): the question itself would fail (exit 3)",
            });
        }
        return Ok(Resolved {
            config,
            request: Request::AskPlan {
                ask: Box::new(ask),
                credential,
            },
            history,
        });
    }
    config.sign_in(&profile).await?;
    Ok(Resolved {
        config,
        request: Request::Ask {
            ask: Box::new(ask),
            attach: Attachments {
                files: attach,
                chunks,
            },
        },
        history,
    })
}

async fn batch(global: &crate::cli::GlobalArgs, args: crate::cli::BatchArgs) -> Result<Resolved> {
    let request = match args.command {
        Some(BatchCommand::Status(a)) => {
            id::check(&a.batch, "batch")?;
            Batch::Status { id: a.batch }
        }
        Some(BatchCommand::Cancel(a)) => {
            id::check(&a.batch, "batch")?;
            Batch::Cancel { id: a.batch }
        }
        Some(BatchCommand::Results(a)) => {
            id::check(&a.batch, "batch")?;
            results_file(a.output.as_deref())?;
            Batch::Results {
                id: a.batch,
                output: a.output,
                markers: !a.no_citations,
            }
        }
        None => {
            let input = match args.input {
                None => Input::Stdin,
                Some(p) if p.as_os_str() == "-" => Input::Stdin,
                Some(p) => {
                    if let Err(e) = std::fs::File::open(&p) {
                        return Err(Error::usage(format!("cannot read {}: {e}", p.display())));
                    }
                    Input::File(p)
                }
            };
            if let (Input::Stdin, true) = (&input, std::io::stdin().is_terminal()) {
                return Err(Error::usage(
                    "no questions: give a FILE of them, or pipe them into standard input",
                ));
            }
            results_file(args.output.as_deref())?;
            if let (Input::File(i), Some(o)) = (&input, &args.output) {
                let same = std::fs::canonicalize(i).ok() == std::fs::canonicalize(o).ok();
                if same {
                    return Err(Error::usage(
                        "--output is the input file; the results need a file of their own",
                    ));
                }
            }
            if args.via == crate::cli::Via::BatchApi && args.output.is_some() {
                return Err(Error::usage(
                    "--output is for answers; with --via batch-api they come from 'asst batch results ID --output FILE'",
                ));
            }
            let checked = Answering::check(&args.answer)?;
            let (mut config, profile) = Config::load_for(global, false).await?;
            let history = history(&config, &profile, global)?;
            let answering = Box::new(Answering::resolve(args.answer, checked, &profile, &config)?);
            if args.dry_run {
                // Checked as the batch would be, but with no credential read.
                config.check_route(&profile)?;
                let request = Batch::Plan {
                    input,
                    output: args.output,
                    job: args.via == crate::cli::Via::BatchApi,
                    answering,
                };
                return Ok(Resolved {
                    config,
                    request: Request::Batch(request),
                    history,
                });
            }
            config.sign_in(&profile).await?;
            let request = match args.via {
                crate::cli::Via::Direct => Batch::Direct {
                    input,
                    output: args.output,
                    jobs: usize::from(args.jobs),
                    answering,
                },
                crate::cli::Via::BatchApi => Batch::Submit { input, answering },
            };
            return Ok(Resolved {
                config,
                request: Request::Batch(request),
                history,
            });
        }
    };
    let (config, profile) = Config::load(global).await?;
    let history = history(&config, &profile, global)?;
    Ok(Resolved {
        config,
        request: Request::Batch(request),
        history,
    })
}

/// An `--output` for result lines: a folder cannot be one.
fn results_file(output: Option<&std::path::Path>) -> Result<()> {
    match output {
        Some(o) if o.is_dir() => Err(Error::usage(format!(
            "--output {} is a folder; the results need a file",
            o.display()
        ))),
        _ => Ok(()),
    }
}

/// How questions are answered, resolved once from flags, environment and profile. A
/// question is made from it with [`Answering::question`]; a batch line may override parts
/// of it first ([`Answering::with`]).
#[derive(Debug, Clone)]
pub struct Answering {
    /// `--api`, ASST_API or the profile's `api`.
    api: Option<Api>,
    /// The provider's default model for Responses (OpenAI's), when none is set.
    default_model: Option<String>,
    model: Option<String>,
    instructions: Option<String>,
    vector_stores: Vec<String>,
    assistant: Option<String>,
    search: crate::backend::Search,
    markers: bool,
    schema: Option<std::sync::Arc<crate::backend::Schema>>,
    metadata: Map<String, Value>,
    generation: crate::backend::Generation,
}

/// The answer flags checked before any configuration is loaded.
pub struct Checked {
    search: crate::backend::Search,
    schema: Option<std::sync::Arc<crate::backend::Schema>>,
    metadata: Map<String, Value>,
}

/// What a batch line may set for its question.
#[derive(Debug, Default)]
pub struct Overrides {
    pub model: Option<String>,
    pub instructions: Option<String>,
    pub vector_stores: Option<Vec<String>>,
    /// A schema object, or the path of a schema file.
    pub schema: Option<Value>,
    pub metadata: Option<Map<String, Value>>,
    pub max_output_tokens: Option<u32>,
    pub reasoning_effort: Option<String>,
    pub temperature: Option<f64>,
    /// `--filter` expressions, replacing the flags' (all must hold).
    pub filters: Option<Vec<String>>,
    pub max_results: Option<u32>,
    pub score_threshold: Option<f64>,
}

impl Answering {
    /// The answer flags that need no configuration, checked before any is loaded (so that
    /// no key command runs for a bad request).
    pub fn check(args: &crate::cli::AnswerArgs) -> Result<Checked> {
        // On the command line an empty store id is a mistake (from the environment, an
        // empty value means none: see `resolve`).
        // (`args_os`: `args` panics on an argument that is not UTF-8, a path say.)
        let typed = std::env::args_os()
            .any(|a| a == "--vector-store" || a.as_encoded_bytes().starts_with(b"--vector-store="));
        if typed && args.vector_stores.iter().any(|v| v.trim().is_empty()) {
            return Err(Error::usage("--vector-store needs an id (vs_…)"));
        }
        let search = search_options(&args.filter, args.max_results, args.score_threshold)?;
        let schema = match &args.schema {
            Some(path) => Some(std::sync::Arc::new(load_schema(path)?)),
            None => None,
        };
        Ok(Checked {
            search,
            schema,
            metadata: parse_metadata(&args.metadata)?,
        })
    }

    pub fn resolve(
        args: crate::cli::AnswerArgs,
        checked: Checked,
        profile: &crate::config::Profile,
        config: &Config,
    ) -> Result<Answering> {
        // An empty value (ASST_MODEL=) means unset, never an empty string sent to the API.
        // Set means not empty; the white space around a value is no part of it (an id or a
        // model read from a file written on Windows ends in `\r`).
        let set = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        // A list from the environment forgives spaces and a trailing comma, and set empty it
        // means "none", over the profile's.
        let given: Vec<String> = args
            .vector_stores
            .iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        let vector_stores = if !given.is_empty() || std::env::var_os("ASST_VECTOR_STORES").is_some()
        {
            given
        } else {
            profile.vector_stores.clone().unwrap_or_default()
        };
        for v in &vector_stores {
            id::check(v, "vector store")?;
        }
        let generation = generation(&args, profile)?;
        Ok(Answering {
            api: config.api,
            default_model: match config.provider {
                Provider::OpenAi { .. } => Some(DEFAULT_OPENAI_MODEL.to_string()),
                Provider::Azure { .. } => None,
            },
            model: set(args.model).or(set(profile.model.clone())),
            instructions: set(args.instructions).or(set(profile.instructions.clone())),
            vector_stores,
            assistant: set(args.assistant).or(set(profile.assistant.clone())),
            search: checked.search,
            // A structured answer is JSON: no marker may be put into it.
            markers: !args.no_citations && checked.schema.is_none(),
            schema: checked.schema,
            metadata: checked.metadata,
            generation,
        })
    }

    /// These settings with a batch line's own.
    pub fn with(&self, line: Overrides) -> Result<Answering> {
        let mut a = self.clone();
        let set = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        if let Some(m) = set(line.model) {
            a.model = Some(m);
        }
        if let Some(i) = set(line.instructions) {
            a.instructions = Some(i);
        }
        if let Some(stores) = line.vector_stores {
            for v in &stores {
                id::check(v, "vector store")?;
            }
            a.vector_stores = stores;
        }
        if let Some(schema) = line.schema {
            let schema = match schema {
                Value::String(path) => load_schema(std::path::Path::new(&path))?,
                Value::Object(_) => crate::backend::Schema::new(schema, None),
                _ => {
                    return Err(Error::usage(
                        "\"schema\" is a JSON schema object or the path of a schema file",
                    ))
                }
            };
            a.schema = Some(std::sync::Arc::new(schema));
            a.markers = false;
        }
        if let Some(m) = line.metadata {
            if m.len() > MAX_METADATA {
                return Err(Error::usage(format!(
                    "\"metadata\" has at most {MAX_METADATA} pairs"
                )));
            }
            if let Some((k, _)) = m.iter().find(|(_, v)| !v.is_string()) {
                return Err(Error::usage(format!(
                    "\"metadata\" values are strings; {k:?} is not one"
                )));
            }
            metadata_fits(&m).map_err(|why| Error::usage(format!("\"metadata\" {why}")))?;
            a.metadata = m;
        }
        if let Some(exprs) = &line.filters {
            a.search.filters = crate::sync::parse_filters(exprs)?;
        }
        if let Some(n) = line.max_results {
            let n = u8::try_from(n)
                .ok()
                .filter(|n| (1..=50).contains(n))
                .ok_or_else(|| {
                    Error::usage(format!("\"max_results\" must be from 1 to 50, not {n}"))
                })?;
            a.search.max_results = Some(n);
        }
        if let Some(x) = line.score_threshold {
            if !SCORES.contains(&x) {
                return Err(Error::usage(format!(
                    "\"score_threshold\" must be from 0 to 1, not {x}"
                )));
            }
            a.search.score_threshold = Some(x);
        }
        let g = &mut a.generation;
        if let Some(n) = line.max_output_tokens {
            let min = crate::cli::MIN_OUTPUT_TOKENS;
            if n < min {
                return Err(Error::usage(format!(
                    "\"max_output_tokens\" must be at least {min}, not {n}"
                )));
            }
            g.max_output_tokens = Some(n);
        }
        if let Some(e) = line.reasoning_effort {
            g.reasoning_effort = Some(effort(&e).map_err(|all| {
                Error::usage(format!(
                    "unknown \"reasoning_effort\" {e:?} (expected {all})"
                ))
            })?);
        }
        if let Some(t) = line.temperature {
            if !crate::cli::TEMPERATURES.contains(&t) {
                return Err(Error::usage(format!(
                    "\"temperature\" must be from 0 to 2, not {t}"
                )));
            }
            g.temperature = Some(t);
        }
        Ok(a)
    }

    /// The request for one question, checked as `ask` checks it.
    pub fn question(
        &self,
        thread: Option<ThreadId>,
        prompt: String,
        history: &mut History,
    ) -> Result<AskRequest> {
        let mut assistant = self.assistant.clone();
        // An Assistants thread remembers its assistant.
        if let (Some(t), None) = (&thread, &assistant) {
            if t.api() == Api::Assistants {
                let place = history.place.clone();
                if let Ok(Some(r)) = history.lookup() {
                    assistant = r
                        .find_id(&place, t.as_str())
                        .ok()
                        .flatten()
                        .and_then(|e| e.assistant);
                }
            }
        }
        let api = match &thread {
            Some(t) => {
                same_family(t, self.api)?;
                t.api()
            }
            None => match (self.api, &assistant) {
                (Some(api), _) => api,
                (None, Some(_)) => Api::Assistants,
                (None, None) => Api::Responses,
            },
        };
        let (limit, family) = match api {
            Api::Responses => (MAX_PROMPT_RESPONSES, "Responses"),
            Api::Assistants => (MAX_PROMPT_ASSISTANTS, "Assistants"),
        };
        crate::prompt::check_length(&prompt, limit, family)?;
        let stores = self.vector_stores.len();
        if api == Api::Assistants && thread.is_none() && stores > MAX_THREAD_STORES {
            return Err(Error::usage(format!(
                "an Assistants thread takes one vector store; {stores} were given"
            )));
        }
        let model = match api {
            Api::Responses => self.model.clone().or(self.default_model.clone()),
            Api::Assistants => self.model.clone(),
        };
        if api == Api::Responses && model.is_none() {
            return Err(Error::config(
                "no model: set --model or ASST_MODEL (on Azure, the deployment name)",
            ));
        }
        if api == Api::Assistants && assistant.is_none() {
            return Err(Error::config(
                "no assistant: set --assistant or ASSISTANT_ID for an Assistants thread",
            ));
        }
        let search = &self.search;
        let searching = search.filters.is_some()
            || search.max_results.is_some()
            || search.score_threshold.is_some();
        if searching && api == Api::Assistants {
            return Err(Error::usage(
                "--filter, --max-results and --score-threshold are for the Responses API",
            ));
        }
        let generation = &self.generation;
        if api == Api::Assistants {
            if generation.reasoning_effort.is_some() {
                return Err(Error::usage("--reasoning-effort is for the Responses API"));
            }
            if let Some(n) = generation.max_output_tokens.filter(|n| *n < MIN_RUN_TOKENS) {
                return Err(Error::usage(format!(
                    "an Assistants run takes a token limit of at least {MIN_RUN_TOKENS} (max_completion_tokens), not {n}"
                )));
            }
        }
        if self.schema.is_some() && api == Api::Assistants {
            return Err(Error::usage(
                "--schema (a structured answer) is for the Responses API",
            ));
        }
        Ok(AskRequest {
            background: false,
            detach: false,
            standalone: false,
            api,
            thread,
            prompt,
            model,
            instructions: self.instructions.clone(),
            vector_stores: self.vector_stores.clone(),
            assistant,
            markers: self.markers,
            attachments: Vec::new(),
            attached_store: None,
            show_search: false,
            search: self.search.clone(),
            schema: self.schema.clone(),
            metadata: self.metadata.clone(),
            generation: self.generation.clone(),
        })
    }
}

/// The fewest tokens an Assistants run takes (`max_completion_tokens`).
const MIN_RUN_TOKENS: u32 = 256;

/// Token limit, reasoning effort and temperature: a flag or variable (checked by the
/// parser) over the profile's, whose bad value is a config error naming its key.
fn generation(
    args: &crate::cli::AnswerArgs,
    profile: &crate::config::Profile,
) -> Result<crate::backend::Generation> {
    let min = crate::cli::MIN_OUTPUT_TOKENS;
    let max_output_tokens = match (args.max_output_tokens, profile.max_output_tokens) {
        (None, Some(n)) if n < min => {
            return Err(Error::config(format!(
                "max_output_tokens in the profile must be at least {min}, not {n}"
            )))
        }
        (a, p) => a.or(p),
    };
    let reasoning_effort = match (args.reasoning_effort, &profile.reasoning_effort) {
        (Some(e), _) => Some(effort_name(e)),
        (None, Some(p)) => Some(effort(p).map_err(|all| {
            Error::config(format!(
                "unknown reasoning_effort '{p}' in the profile (expected {all})"
            ))
        })?),
        (None, None) => None,
    };
    let temperature = match (args.temperature, profile.temperature) {
        (None, Some(t)) if !crate::cli::TEMPERATURES.contains(&t) => {
            return Err(Error::config(format!(
                "temperature in the profile must be from 0 to 2, not {t}"
            )))
        }
        (a, p) => a.or(p),
    };
    Ok(crate::backend::Generation {
        max_output_tokens,
        reasoning_effort,
        temperature,
    })
}

/// The most files `--attach` takes on Responses: `file_ids` of `POST /vector_stores`.
const MAX_ATTACHED: usize = 500;

/// The scores a search may be held to (`--score-threshold`, a batch line's
/// `score_threshold`).
const SCORES: std::ops::RangeInclusive<f64> = 0.0..=1.0;

/// `--filter`, `--max-results` and `--score-threshold`, checked: of `ask`, `batch` and
/// `store search` alike.
fn search_options(
    filters: &[String],
    max_results: Option<u8>,
    score_threshold: Option<f64>,
) -> Result<crate::backend::Search> {
    Ok(crate::backend::Search {
        filters: crate::sync::parse_filters(filters)?,
        max_results,
        score_threshold: match score_threshold {
            Some(x) if !SCORES.contains(&x) => {
                return Err(Error::usage(format!(
                    "--score-threshold must be from 0 to 1, not {x}"
                )))
            }
            x => x,
        },
    })
}

/// A reasoning effort as the API names it.
fn effort_name(e: crate::cli::Effort) -> String {
    use clap::ValueEnum;
    e.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// A reasoning effort written in a profile or a batch line, by its name; else the names
/// there are, for the error.
fn effort(text: &str) -> std::result::Result<String, String> {
    use clap::ValueEnum;
    match crate::cli::Effort::from_str(text.trim(), false) {
        Ok(e) => Ok(effort_name(e)),
        Err(_) => {
            let all: Vec<String> = crate::cli::Effort::value_variants()
                .iter()
                .map(|e| effort_name(*e))
                .collect();
            Err(crate::cli::either(&all))
        }
    }
}

/// The most a schema file may hold.
const MAX_SCHEMA_BYTES: u64 = 1024 * 1024;

/// A JSON schema file, for a structured answer: named after its `title`, else the file.
fn load_schema(path: &std::path::Path) -> Result<crate::backend::Schema> {
    use std::io::Read;
    let shown = path.display();
    let file = std::fs::File::open(path)
        .map_err(|e| Error::usage(format!("cannot read the schema {shown}: {e}")))?;
    let mut text = String::new();
    file.take(MAX_SCHEMA_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Error::usage(format!("cannot read the schema {shown}: {e}")))?;
    if text.len() as u64 > MAX_SCHEMA_BYTES {
        return Err(Error::usage(format!(
            "the schema {shown} is larger than {} KiB",
            MAX_SCHEMA_BYTES / 1024
        )));
    }
    let value: Value = serde_json::from_str(&crate::prompt::without_bom(text))
        .map_err(|e| Error::usage(format!("the schema {shown} is not JSON: {e}")))?;
    if !value.is_object() {
        return Err(Error::usage(format!(
            "the schema {shown} is not a JSON object"
        )));
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    Ok(crate::backend::Schema::new(value, stem.as_deref()))
}

/// The registry for this command: where it is, whether to record, and this place.
fn history(
    config: &Config,
    profile: &crate::config::Profile,
    global: &crate::cli::GlobalArgs,
) -> Result<History> {
    let from_env = crate::config::env_bool("ASST_HISTORY")?;
    let record = !global.no_history && from_env.or(profile.history).unwrap_or(true);
    let (provider, endpoint) = match &config.provider {
        Provider::OpenAi { base_url } => ("openai", base_url),
        Provider::Azure { endpoint, .. } => ("azure", endpoint),
    };
    let place = Place {
        provider,
        endpoint: crate::config::shown_url(endpoint),
        profile: profile.name.clone(),
    };
    Ok(History::new(crate::registry::default_path(), record, place))
}

/// [`early_thread`] of a thread that may not be given.
fn early_given(text: Option<&str>) -> Result<Option<ThreadId>> {
    Ok(text.map(early_thread).transpose()?.flatten())
}

/// A thread reference checked before anything is configured: an id (`Some`), a name to
/// look up later (`None`), or, when it looks like an id but is not a valid one, an error.
pub fn early_thread(text: &str) -> Result<Option<ThreadId>> {
    match ThreadId::parse(text) {
        Ok(id) => Ok(Some(id)),
        Err(e) if text.starts_with("conv_") || text.starts_with("thread_") => Err(e),
        Err(_) => Ok(None),
    }
}

/// The thread a reference names: its id, or the thread the registry knows by that name
/// on this endpoint. A name never shadows an id (names cannot look like ids).
pub fn thread_ref(text: &str, early: Option<ThreadId>, history: &mut History) -> Result<ThreadId> {
    if let Some(id) = early {
        return Ok(id);
    }
    let place = history.place.clone();
    let found = history
        .lookup()?
        .and_then(|r| r.find_name(&place, text).ok().flatten());
    match found {
        Some(e) => Ok(ThreadId::from_server(e.id, e.api)),
        None => Err(Error::usage(format!(
            "'{text}' is not a valid thread id (a conversation is conv_…, an Assistants thread thread_…), nor the name of a thread asst knows on this endpoint"
        ))
        .with_hint("asst thread list shows the threads and names asst knows")),
    }
}

/// `ask -c`: the thread used last on this provider, endpoint and profile.
/// The thread used last here (provider, endpoint, profile), for `what` it is wanted for.
fn last_thread(history: &mut History, what: &str) -> Result<ThreadId> {
    let place = history.place.clone();
    let last = history
        .lookup()?
        .and_then(|r| r.latest(&place).ok().flatten());
    last.map(|e| ThreadId::from_server(e.id, e.api)).ok_or_else(|| {
        Error::usage(format!("no thread to {what}: asst has no thread of this provider, endpoint and profile in its registry"))
            .with_hint("start one with asst ask \"…\" (or asst thread new); asst thread list --all shows every thread asst knows")
    })
}

/// An explicit `--api` that contradicts the thread id's family is an error.
fn same_family(thread: &ThreadId, explicit: Option<Api>) -> Result<()> {
    match explicit {
        Some(x) if x != thread.api() => Err(Error::usage(format!(
            "'{thread}' is a thread of the {} API, but --api {} was asked for",
            thread.api().name(),
            x.name()
        ))),
        _ => Ok(()),
    }
}

/// A response id goes into a path: checked like any id.
fn response_id(id: String) -> Result<String> {
    id::check(&id, "response")?;
    Ok(id)
}

fn check_files(paths: &[std::path::PathBuf]) -> Result<Vec<LocalFile>> {
    paths.iter().map(|p| LocalFile::check(p)).collect()
}

/// The files of a folder; what the walk left out gets a notice: the symbolic links it did
/// not follow (a store that should mirror the folder would lack what they point to, and
/// nothing would say so), the empty files (which the Files API refuses) and the special
/// files.
fn walk_noting_links(
    dir: &std::path::Path,
    how: &crate::sync::Walk,
    quiet: bool,
) -> Result<Vec<LocalFile>> {
    let walked = crate::sync::walk(dir, how)?;
    let left_out = [
        (
            walked.links,
            "symbolic link",
            "not followed (--follow follows them)",
        ),
        (
            walked.empty,
            "empty file",
            "left out (the Files API takes no empty file)",
        ),
        (
            walked.special,
            "special file",
            "left out (FIFOs, sockets or devices: nothing to upload)",
        ),
    ];
    for (n, what, why) in left_out {
        if n > 0 && !quiet {
            crate::output::notice(&format!(
                "{}: {} {why}",
                crate::render::escaped(&dir.display().to_string()),
                crate::render::plural(n as u64, what)
            ));
        }
    }
    Ok(walked.files)
}

/// The `--attr` pairs, with room for them beside asst's own attributes: two, and a third
/// ([`crate::backend::files::CHUNKS_KEY`]) with chunk options.
/// How `store add` and `store sync` apply their files, from the flags they share.
fn change(c: &crate::cli::ChangeArgs, walk: crate::sync::Walk) -> Result<crate::sync::Apply> {
    Ok(crate::sync::Apply {
        upload: (&c.upload).into(),
        keep_files: c.keep_files,
        attributes: attributes(&c.attr, &c.chunks)?,
        dry_run: c.dry_run,
        new_store: false,
        chunking: chunking(&c.chunks)?,
        walk,
    })
}

fn attributes(pairs: &[String], chunks: &crate::cli::ChunkArgs) -> Result<Map<String, Value>> {
    let attributes = crate::sync::parse_attrs(pairs)?;
    let chunked = chunks.chunk_size.is_some() || chunks.chunk_overlap.is_some();
    let room = crate::sync::MAX_USER_ATTRS - 1;
    if chunked && attributes.len() > room {
        return Err(Error::usage(format!(
            "at most {room} --attr pairs with --chunk-size or --chunk-overlap (a file has 16 attributes, asst keeps 3)"
        )));
    }
    Ok(attributes)
}

/// The chunks `--chunk-size` and `--chunk-overlap` ask for; neither leaves it to the
/// server. The one not given is the API's default (800 tokens, 400 overlapping), the
/// overlap kept within the half of the size the API allows.
fn chunking(a: &crate::cli::ChunkArgs) -> Result<Option<crate::backend::files::Chunking>> {
    if a.chunk_size.is_none() && a.chunk_overlap.is_none() {
        return Ok(None);
    }
    let size = a.chunk_size.unwrap_or(800);
    let overlap = a.chunk_overlap.unwrap_or((size / 2).min(400));
    if overlap > size / 2 {
        return Err(Error::usage(format!(
            "--chunk-overlap {overlap} is more than half of the chunk size {size}, which the API refuses: at most {} here",
            size / 2
        )));
    }
    Ok(Some(crate::backend::files::Chunking { size, overlap }))
}

/// Files to upload, `-` being standard input (once) under `name`, a folder standing for
/// the files in it (walked as `store sync` walks it).
async fn upload_files(
    paths: &[std::path::PathBuf],
    name: Option<&str>,
    how: &crate::sync::Walk,
    quiet: bool,
) -> Result<Vec<LocalFile>> {
    let dashes = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if dashes > 1 {
        return Err(Error::usage("standard input ('-') can be given once"));
    }
    if dashes == 0 && name.is_some() {
        return Err(Error::usage(
            "--file-name names the file read from standard input ('-'), which is not given",
        ));
    }
    let mut files = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(LocalFile::stdin(name.unwrap_or("stdin.txt")).await?);
        } else if p.is_dir() {
            files.extend(walk_noting_links(p, how, quiet)?);
        } else {
            files.push(LocalFile::check(p)?.keepable()?);
        }
    }
    Ok(files)
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
    if map.len() > MAX_METADATA {
        return Err(Error::usage(format!(
            "at most {MAX_METADATA} --metadata pairs are allowed"
        )));
    }
    metadata_fits(&map).map_err(|why| Error::usage(format!("--metadata {why}")))?;
    Ok(map)
}

/// The API's metadata: keys of up to 64 characters, values of up to 512. Else the pair
/// that does not fit, and why.
fn metadata_fits(map: &Map<String, Value>) -> std::result::Result<(), String> {
    for (k, v) in map {
        let short: String = k.chars().take(20).collect();
        if k.chars().count() > 64 {
            return Err(format!("key {short}… is longer than 64 characters"));
        }
        if v.as_str().is_some_and(|v| v.chars().count() > 512) {
            return Err(format!("{k}: the value is longer than 512 characters"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_pairs() {
        let m = parse_metadata(&["a=b=c".into(), "k=".into()]).unwrap();
        assert_eq!(m["a"], "b=c");
        assert_eq!(m["k"], "");
        assert!(parse_metadata(&["=v".into()]).is_err());
        assert!(parse_metadata(&["novalue".into()]).is_err());
        let many: Vec<String> = (0..17).map(|i| format!("k{i}=v")).collect();
        assert!(parse_metadata(&many).is_err());
        // keys of up to 64 characters, values of up to 512, counted as characters
        assert!(parse_metadata(&[format!("{}=v", "k".repeat(64))]).is_ok());
        assert!(parse_metadata(&[format!("{}=v", "k".repeat(65))]).is_err());
        assert!(parse_metadata(&[format!("k={}", "é".repeat(512))]).is_ok());
        assert!(parse_metadata(&[format!("k={}", "é".repeat(513))]).is_err());
    }
}
