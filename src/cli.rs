//! The command-line surface: clap definitions only. Validation and defaults live in
//! `config.rs`; man pages and completions are generated from these definitions.

use crate::error::Kind;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_LONG_HELP: &str = "\
CREDENTIALS come from the environment, never from flags:
  OPENAI_API_KEY            OpenAI key (or any compatible server's)
  OPENAI_ORG_ID, OPENAI_PROJECT_ID   optional OpenAI headers
  AZURE_OPENAI_API_KEY      Azure OpenAI key (sent as the api-key header)
  AZURE_OPENAI_AD_TOKEN     Azure Entra ID bearer token
  ASST_API_KEY_CMD          command that prints the key (a password manager's)
  ASST_AZURE_TOKEN_CMD      command that prints an Entra ID token
A command's key or token is got again when the server refuses it (HTTP 401).
  ASST_KEY_CMD_TIMEOUT      seconds a key/token command may run [default: 60]
Keys are sent in clear text only to https:// or loopback URLs, unless
ASST_ALLOW_HTTP=1. Redirects are never followed, and loopback URLs never go
through a proxy. https:// certificates are checked against the system's trust
store; SSL_CERT_FILE names a PEM file of the CAs to trust instead (a private or
corporate CA).

CONFIG FILE: $ASST_CONFIG, else $XDG_CONFIG_HOME/asst/config.toml
(~/.config/asst/config.toml). Profiles are [profiles.NAME] tables with the keys
provider, api, base_url, endpoint, api_version, model, instructions,
vector_stores, assistant, api_key_cmd, azure_token_cmd, organization, project,
max_retries, connect_timeout, idle_timeout, busy_wait, key_cmd_timeout,
background, history, max_output_tokens, reasoning_effort, temperature. The
profile is --profile, else ASST_PROFILE, else default_profile, else
[profiles.default]. Precedence: flag > environment variable > profile >
default.

API FAMILY: a thread id decides (thread_... is Assistants, conv_... is
Responses); otherwise --api (ASST_API, profile 'api'); otherwise an assistant
id (--assistant, ASSISTANT_ID) selects Assistants; otherwise Responses.

JSON LINES (--json, schema 1), one event per line:
  {\"type\":\"thread\",\"schema\":1,\"id\":\"conv_1\",\"api\":\"responses\",\"created\":false}
  {\"type\":\"delta\",\"text\":\"...\"}
  {\"type\":\"citation\",\"n\":1,\"file_id\":\"file-...\",\"filename\":\"a.pdf\",\"offset\":31}
  {\"type\":\"done\",\"status\":\"completed\",\"reason\":null,\"response\":\"...\",...}
  {\"type\":\"error\",\"code\":\"rate_limited\",\"exit_code\":5,\"message\":\"...\"}
The delta texts concatenate to the answer exactly as text mode prints it
(markers included, source list excluded). 'thread show --json' prints one
{\"type\":\"message\",...} object per message; 'ask --show-search' adds \"search\"
events; the store commands print \"store\", \"file\" and \"deleted\" objects; batch
writes one \"result\" line per question and the Batch API commands \"batch\"
objects (see the README). Ignore unknown types and fields.
";

/// The exit codes for `--help`, from [`Kind::ALL`], the one table.
fn exit_codes_short() -> String {
    let codes: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("{} {}", k.exit_code(), k.code()))
        .collect();
    let list = format!("Exit codes: 0 ok, {}.", codes.join(", "));
    // Filled to 80 columns by hand: clap would wrap a longer line at a terminal's width.
    let mut text = String::new();
    let mut line = String::new();
    for word in list.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() >= HELP_WIDTH {
            text.push_str(&line);
            text.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    text.push_str(&line);
    text.push_str("\n'asst --help' says more: credentials, the config file, the JSON events.");
    text
}

/// The width the texts after the options are laid out for: that of a common terminal
/// (clap wraps a line as long as the terminal is wide).
const HELP_WIDTH: usize = 80;

fn exit_codes_long() -> String {
    let mut text = format!("{AFTER_LONG_HELP}\nEXIT CODES:\n  0    success (also when stdout is closed early, e.g. by head)\n");
    for k in Kind::ALL {
        text.push_str(&format!("  {:<4} {}\n", k.exit_code(), k.summary()));
    }
    text.trim_end().to_string()
}

/// The command line's definition, help texts included: what `asst` parses, and what its man
/// pages and completions are generated from.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
        .after_help(exit_codes_short())
        .after_long_help(exit_codes_long())
}

/// A usage line without the options an environment variable set: clap lists the options
/// a command line has, and a value from `OPENAI_BASE_URL` reads as a `--base-url` typed.
fn without_env_args(usage: &str) -> String {
    let mut usage = usage.to_string();
    let cmd = command();
    for arg in cmd.get_arguments().filter(|a| a.get_env().is_some()) {
        let Some(long) = arg.get_long() else { continue };
        let forms = match arg.get_value_names() {
            Some(names) => names
                .iter()
                .map(|n| format!(" --{long} <{n}>"))
                .collect::<Vec<_>>(),
            None => vec![format!(" --{long}")],
        };
        for form in forms {
            usage = usage.replace(&form, "");
        }
    }
    usage
}

/// A parser error as asst reports every error: one line, the variable named when the bad
/// value came from the environment, and a hint.
pub fn usage_error(e: &clap::Error) -> crate::error::Error {
    use clap::error::{ContextKind, ContextValue};
    let rendered = e.render().to_string();
    let mut lines = rendered.lines();
    let mut first = lines
        .next()
        .unwrap_or("bad command line")
        .trim_start_matches("error: ")
        .to_string();
    // A command with no subcommand, for which clap shows the whole help: which ones there are.
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let usage = rendered
            .lines()
            .find_map(|l| l.trim().strip_prefix("Usage:"))
            .map(str::trim)
            .unwrap_or("asst <COMMAND>");
        let name = usage.split(" [").next().unwrap_or(usage);
        let name = name.split(" <").next().unwrap_or(name);
        let mut cmd = command();
        for part in name.split_whitespace().skip(1) {
            match cmd.find_subcommand(part) {
                Some(sub) => cmd = sub.clone(),
                None => break,
            }
        }
        let commands: Vec<String> = cmd
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| c.get_name().to_string())
            .collect();
        return crate::error::Error::usage(format!(
            "'{name}' needs a command: {}",
            either(&commands)
        ))
        .with_hint(format!("usage: {usage}; '{name} --help' says more"));
    }
    // What clap lists on the lines below, on the one line.
    let valid = match e.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(v)) if !v.is_empty() => format!(" (expected {})", either(v)),
        _ => String::new(),
    };
    match (e.kind(), e.get(ContextKind::InvalidArg)) {
        (clap::error::ErrorKind::MissingRequiredArgument, Some(ContextValue::Strings(missing))) => {
            first = format!("{}: {}", first.trim_end_matches(':'), missing.join(" "));
        }
        (clap::error::ErrorKind::InvalidValue, _) => first.push_str(&valid),
        _ => {}
    }
    // The command's usage line is a better hint than "see --help".
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => u
            .to_string()
            .lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix("Usage:"))
            .map(|l| format!("usage: {}", without_env_args(l.trim()))),
        _ => None,
    };
    let tip = lines
        .map(str::trim)
        .find_map(|l| l.strip_prefix("tip: "))
        .map(str::to_string);
    // What a value parser of asst's said about the value ("it must be at least 16").
    let reason = match e.kind() {
        clap::error::ErrorKind::ValueValidation => std::error::Error::source(e)
            .map(|why| format!(": {why}"))
            .unwrap_or_default(),
        _ => String::new(),
    };
    // A value from an environment variable: name the variable, not a flag never typed.
    let from_env = match (
        e.get(ContextKind::InvalidArg),
        e.get(ContextKind::InvalidValue),
    ) {
        (Some(ContextValue::String(arg)), Some(ContextValue::String(value))) => {
            let long = arg
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_start_matches("--");
            // (`args_os`: `args` panics on an argument that is not UTF-8.)
            let flag = format!("--{long}");
            let typed = std::env::args_os().any(|a| {
                let a = a.as_encoded_bytes();
                a == flag.as_bytes()
                    || a.strip_prefix(flag.as_bytes())
                        .is_some_and(|rest| rest.starts_with(b"="))
            });
            let cmd = command();
            let var = all_args(&cmd)
                .into_iter()
                .find(|a| a.get_long() == Some(long))
                .and_then(|a| a.get_env().map(|v| v.to_string_lossy().into_owned()));
            match var {
                Some(var) if !typed && std::env::var_os(&var).is_some() => {
                    // As it was set, not as trimmed for the parser.
                    let value = std::env::var_os(&var)
                        .map(|v| v.to_string_lossy().into_owned())
                        .unwrap_or_else(|| value.clone());
                    Some(format!(
                        "{var}={value:?} is not a valid value for --{long}{valid}{reason}"
                    ))
                }
                _ => None,
            }
        }
        _ => None,
    };
    let error = crate::error::Error::usage(from_env.unwrap_or(first));
    match tip.or(usage) {
        Some(hint) => error.with_hint(hint),
        None => error.with_hint("see 'asst --help'"),
    }
}

/// A count that must be 1 or more, said so (clap's range would print the type's maximum).
fn at_least_one(value: &str) -> Result<u64, String> {
    match value.parse::<u64>() {
        Ok(0) => Err("it must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// A token limit: the API takes no fewer than 16 (Assistants: 256, checked with the family).
fn token_limit(value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(n) if n < MIN_OUTPUT_TOKENS => Err(format!("it must be at least {MIN_OUTPUT_TOKENS}")),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// The fewest output tokens the Responses API takes (`max_output_tokens`).
pub const MIN_OUTPUT_TOKENS: u32 = 16;

/// The sampling temperatures both API families take.
pub const TEMPERATURES: std::ops::RangeInclusive<f64> = 0.0..=2.0;

/// A sampling temperature, from 0 to 2 as both API families take it.
fn temperature(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(t) if TEMPERATURES.contains(&t) => Ok(t),
        Ok(_) => Err("it must be from 0 to 2".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// How hard a reasoning model thinks (`reasoning.effort`): the values the API lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Effort {
    None,
    Minimal,
    Low,
    Medium,
    High,
    Xhigh,
    Max,
}

/// `a or b`, `a, b or c`.
pub fn either(values: &[String]) -> String {
    match values.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => values.join(""),
    }
}

/// Every argument of a command and its subcommands, global ones included.
fn all_args(cmd: &clap::Command) -> Vec<clap::Arg> {
    let mut args: Vec<clap::Arg> = cmd.get_arguments().cloned().collect();
    for sub in cmd.get_subcommands() {
        args.extend(all_args(sub));
    }
    args
}

/// Parses the process's arguments.
pub fn parse() -> Result<Cli, clap::Error> {
    // Help is shown before any variable is read: as clap shows it, with the variables'
    // names.
    let help = std::env::args_os().nth(1).is_some_and(|a| a == "help")
        || std::env::args_os().any(|a| a == "-h" || a == "--help");
    let cmd = if help {
        command()
    } else {
        forgiving_env(command())
    };
    let matches = cmd.try_get_matches()?;
    <Cli as clap::FromArgMatches>::from_arg_matches(&matches)
}

/// The command with its environment variables read as every setting's are (as
/// `config::env` reads them): without the white space around the value, and an empty one as
/// unset. (clap would hand `3\r` to the number parser, and `""` to the choice of
/// providers.) A variable so given is read here and passed on as the argument's default,
/// which clap checks as it would have checked the variable.
fn forgiving_env(mut cmd: clap::Command) -> clap::Command {
    let ids: Vec<(clap::Id, String)> = cmd
        .get_arguments()
        // (A list's items are trimmed where it is resolved: see `Answering::resolve`.)
        .filter(|a| a.get_value_delimiter().is_none())
        .filter_map(|a| Some((a.get_id().clone(), a.get_env()?.to_str()?.to_string())))
        .collect();
    for (id, var) in ids {
        let Some(raw) = std::env::var_os(&var) else {
            continue;
        };
        // (One that is not UTF-8 is clap's to refuse.)
        let Some(trimmed) = raw.to_str().map(str::trim) else {
            continue;
        };
        if !trimmed.is_empty() && trimmed.len() == raw.len() {
            continue;
        }
        let value = trimmed.to_string();
        cmd = cmd.mut_arg(id, |arg| match arg.env(None) {
            arg if value.is_empty() => arg,
            arg => arg.default_value(value).hide_default_value(true),
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(sub, forgiving_env);
    }
    cmd
}

/// Ask OpenAI and Azure OpenAI assistants with file search, from the shell.
#[derive(Debug, Parser)]
#[command(name = "asst", version, about)]
#[command(propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Print JSON lines instead of text (see the README for the schema)
    #[arg(long, global = true)]
    pub json: bool,

    /// Use this profile from the config file
    #[arg(
        long,
        short = 'p',
        global = true,
        env = "ASST_PROFILE",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]
    #[arg(
        long,
        global = true,
        env = "ASST_CONFIG",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,

    /// Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]
    #[arg(
        long,
        global = true,
        env = "ASST_PROVIDER",
        hide_env_values = true,
        value_enum
    )]
    pub provider: Option<ProviderArg>,

    /// Which API generation to use for new threads [default: assistants when an assistant
    /// id is set, else responses]; an existing thread's id decides for itself
    #[arg(
        long,
        global = true,
        env = "ASST_API",
        hide_env_values = true,
        value_enum
    )]
    pub api: Option<ApiArg>,

    /// OpenAI-compatible base URL [default: https://api.openai.com/v1]
    #[arg(
        long,
        global = true,
        env = "OPENAI_BASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub base_url: Option<String>,

    /// Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com
    #[arg(
        long,
        global = true,
        env = "AZURE_OPENAI_ENDPOINT",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub endpoint: Option<String>,

    /// Azure api-version for the Assistants API [default: 2025-04-01-preview]
    #[arg(
        long,
        global = true,
        env = "AZURE_OPENAI_API_VERSION",
        hide_env_values = true,
        value_name = "VERSION"
    )]
    pub api_version: Option<String>,

    /// Retries for a request that failed before its answer started [default: 2]
    #[arg(
        long,
        global = true,
        env = "ASST_MAX_RETRIES",
        hide_env_values = true,
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(0..=100)
    )]
    pub max_retries: Option<u32>,

    /// Seconds to wait for a connection [default: 10]
    #[arg(
        long,
        global = true,
        env = "ASST_CONNECT_TIMEOUT",
        hide_env_values = true,
        value_name = "SECS"
    )]
    pub connect_timeout: Option<f64>,

    /// Seconds to keep retrying while another run holds the thread [default: 10]
    #[arg(
        long,
        global = true,
        env = "ASST_BUSY_WAIT",
        hide_env_values = true,
        value_name = "SECS"
    )]
    pub busy_wait: Option<f64>,

    /// Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)
    #[arg(long, global = true)]
    pub no_history: bool,

    /// Say each request on stderr as it is answered: method, URL, status, time, request id
    /// (env ASST_VERBOSE=1); never a header or a body
    #[arg(long, global = true)]
    pub verbose: bool,

    /// Seconds a response may stay silent (or take to start) before asst gives up [default: 300]
    #[arg(
        long,
        global = true,
        env = "ASST_IDLE_TIMEOUT",
        hide_env_values = true,
        value_name = "SECS"
    )]
    pub idle_timeout: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProviderArg {
    Openai,
    Azure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ApiArg {
    /// Responses + Conversations (current)
    Responses,
    /// Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)
    Assistants,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and inspect threads (conversations)
    #[command(subcommand)]
    Thread(ThreadCommand),

    /// Ask a question and stream the answer to stdout
    #[command(after_help = "\
The prompt is PROMPT, or standard input when it is not a terminal, or both: the
arguments first, a blank line, then standard input.

Without --thread the answer starts a new thread; its id is printed on stderr as
'asst: thread ID' (and as the first event with --json).")]
    Ask(AskArgs),

    /// Set up and inspect vector stores, which file search reads
    #[command(subcommand)]
    Store(StoreCommand),

    /// Wait for, show or cancel a response (background answers, 'ask --detach')
    #[command(subcommand)]
    Response(ResponseCommand),

    /// Ask many questions: a few at a time, paced against rate limits, resumable; or
    /// through the provider's Batch API
    #[command(after_help = BATCH_HELP)]
    Batch(Box<BatchArgs>),

    /// Show the settings the next command would use, and where each one comes from
    #[command(after_help = "\
One row each: name, value, source (a flag, a variable, a profile, or the
default); --json prints a setting object each. A key or token is never shown,
and no key command runs: the credential row says where it would come from.
Flags given to 'ask' alone (--model, --vector-store…) are not seen here.")]
    Config,
}

const BATCH_HELP: &str = "\
Each input line is a question: plain text (the prompt), or a JSON object
  {\"id\", \"prompt\", \"thread\", \"vector_stores\", \"instructions\", \"model\",
   \"schema\", \"metadata\", \"max_output_tokens\", \"reasoning_effort\",
   \"temperature\", \"filter\", \"max_results\", \"score_threshold\"}
where only prompt is needed (the id defaults to the line number) and what a
line leaves out comes from the flags, environment and profile, as for 'ask'. A
question without a thread is answered on its own (no conversation is made).

One JSON line per question is written as it completes (--output, else stdout):
  {\"type\":\"result\",\"id\",\"status\",\"text\",\"citations\",\"usage\",\"thread\",
   \"response\",\"error\"}
With --output FILE, a rerun skips the ids that file has answered. Ctrl-C starts
no new question and lets those in flight finish; a second Ctrl-C abandons them.

--via batch-api uploads the questions as a Batch API file and prints the
batch's id; 'asst batch status ID' follows it, 'asst batch results ID' writes
the same result lines, and 'asst batch cancel ID' cancels it.";

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Upload files into a new vector store, wait until they are searchable, print its id
    #[command(after_help = "\
The store's id is printed as soon as the store exists, so it is known even if
an upload fails later. Files are uploaded a few at a time, streamed from disk.
With --dry-run, the files are walked and checked and the plan printed, as
`store sync --dry-run` prints it; no server is asked and no key is needed.")]
    Create(StoreCreateArgs),
    /// Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped
    Add(StoreAddArgs),
    /// Make a store mirror folders: new files added, changed ones replaced, unchanged ones
    /// left, and with --delete files no longer there removed
    #[command(after_help = "\
Folders are walked as ripgrep walks them: .gitignore and .ignore rules apply,
hidden files are skipped (--hidden takes them), and so are symbolic links
(--follow follows them). Each file is known in the store by its path relative
to the folder (attribute asst_path) and a fingerprint of its content
(asst_fingerprint). Text output ends with one summary line; --json prints a
file event per file, then the store.")]
    Sync(StoreSyncArgs),
    /// Take files out of a store, by path or file id
    RmFile(StoreRmFileArgs),
    /// Rename a store, or set, move or end its expiry; prints its row as show does
    Update(StoreUpdateArgs),
    /// Search a store as file search would, without a model: the chunks a question
    /// retrieves, best first
    #[command(after_help = "\
Text output is a line per chunk (score, file name, file id) and then the
chunk's text, with a blank line between chunks; --json prints a \"search\"
event each. Nothing found prints nothing and exits 0.")]
    Search(StoreSearchArgs),
    /// Show a store and its files with their processing status
    #[command(after_help = "\
The store's row is id, name, status, files, bytes and when it expires (ISO 8601
UTC, - for never), tab-separated; each file's is id, status, bytes and path.")]
    Show(StoreShowArgs),
    /// List stores, newest first
    #[command(after_help = "\
A row each: id, name, status, files, bytes and when it expires (ISO 8601 UTC,
- for never), tab-separated.")]
    List,
    /// Delete a store (and, with --with-files, the files in it)
    Rm(StoreRmArgs),
}

#[derive(Debug, Args)]
pub struct UploadArgs {
    /// Print no progress on stderr
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Return once the files are uploaded, without waiting until they are searchable
    #[arg(long)]
    pub no_wait: bool,
}

/// How folders are walked (as ripgrep walks them).
#[derive(Debug, Args)]
pub struct WalkArgs {
    /// In folders, only files matching this glob, of those the ignore rules let through
    /// (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// In folders, leave out files and folders matching this glob (repeatable; wins over
    /// --include)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// In folders, take hidden files and folders too
    #[arg(long)]
    pub hidden: bool,

    /// Follow symbolic links in folders (by default they are skipped, as ripgrep does)
    #[arg(long, short = 'L')]
    pub follow: bool,
}

/// How file search cuts the files added into chunks.
#[derive(Debug, Args)]
pub struct ChunkArgs {
    /// Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)
    #[arg(long, value_name = "TOKENS", value_parser = clap::value_parser!(u32).range(100..=4096))]
    pub chunk_size: Option<u32>,

    /// Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]
    #[arg(long, value_name = "TOKENS", value_parser = clap::value_parser!(u32).range(0..=2048))]
    pub chunk_overlap: Option<u32>,
}

/// How `store add` and `store sync` change a store: the same flags, in the same order.
#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub walk: WalkArgs,

    /// Keep the file objects of versions taken out of the store (they are deleted otherwise)
    #[arg(long)]
    pub keep_files: bool,

    /// An attribute for the files, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text); files the store keeps are given the same
    #[arg(long, value_name = "KEY=VALUE")]
    pub attr: Vec<String>,

    #[command(flatten)]
    pub chunks: ChunkArgs,

    #[command(flatten)]
    pub upload: UploadArgs,
}

#[derive(Debug, Args)]
pub struct StoreCreateArgs {
    /// The store's name [default: the first file's name]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Files or folders to upload ('-' reads standard input); none makes an empty store
    /// (--name is then needed)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The name of the file read from standard input ('-') [default: stdin.txt]
    #[arg(long, value_name = "NAME")]
    pub file_name: Option<String>,

    #[command(flatten)]
    pub walk: WalkArgs,

    /// An attribute for the files added, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text)
    #[arg(long, value_name = "KEY=VALUE")]
    pub attr: Vec<String>,

    /// Have the server delete the store once it has gone this many days unused (1 to 365)
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=365))]
    pub expires_after: Option<u32>,

    #[command(flatten)]
    pub chunks: ChunkArgs,

    /// Print what would be uploaded and change nothing (no server is asked, no key needed)
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub upload: UploadArgs,
}

#[derive(Debug, Args)]
pub struct StoreAddArgs {
    /// The store id (vs_…)
    pub store: String,

    /// Files or folders to upload ('-' reads standard input)
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// The name of the file read from standard input ('-') [default: stdin.txt]
    #[arg(long, visible_alias = "name", value_name = "NAME")]
    pub file_name: Option<String>,

    /// Upload even files the store already has
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub change: ChangeArgs,
}

#[derive(Debug, Args)]
pub struct StoreSyncArgs {
    /// The store id (vs_…)
    pub store: String,

    /// Folders to mirror
    #[arg(value_name = "DIR", required = true)]
    pub dirs: Vec<PathBuf>,

    /// Remove files of the store that are no longer in the folders
    #[arg(long)]
    pub delete: bool,

    /// With --delete, let folders that hold no file empty the store (refused otherwise)
    #[arg(long, requires = "delete")]
    pub allow_empty: bool,

    /// With --delete, refuse the whole sync (changing nothing) if it would take out more
    /// than N files
    #[arg(long, value_name = "N", requires = "delete")]
    pub max_delete: Option<usize>,

    #[command(flatten)]
    pub change: ChangeArgs,
}

#[derive(Debug, Args)]
pub struct StoreRmFileArgs {
    /// The store id (vs_…)
    pub store: String,

    /// Files, by path (as asst added them) or file id
    #[arg(value_name = "PATH|FILE_ID", required = true)]
    pub targets: Vec<String>,

    /// Also delete the file objects
    #[arg(long)]
    pub with_files: bool,

    /// Print the files it would take out and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)))]
pub struct StoreUpdateArgs {
    /// The store id (vs_…)
    pub store: String,

    /// The store's new name
    #[arg(long, value_name = "NAME", group = "change")]
    pub name: Option<String>,

    /// Have the server delete the store once it has gone this many days unused, counted from
    /// now (1 to 365)
    #[arg(long, value_name = "DAYS", group = "change", value_parser = clap::value_parser!(u32).range(1..=365))]
    pub expires_after: Option<u32>,

    /// Keep the store until it is deleted
    #[arg(long, group = "change", conflicts_with = "expires_after")]
    pub no_expiry: bool,
}

#[derive(Debug, Args)]
pub struct StoreSearchArgs {
    /// The store id (vs_…)
    pub store: String,

    /// What to search for (the words are joined; standard input when none are given)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Search only files whose attributes match (repeatable, all must hold): key=value,
    /// key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b
    #[arg(long, value_name = "EXPR")]
    pub filter: Vec<String>,

    /// At most this many chunks (1 to 50) [default: the server's, 10 on OpenAI]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=50))]
    pub max_results: Option<u8>,

    /// Only chunks scoring at least this (0 to 1)
    #[arg(long, value_name = "X")]
    pub score_threshold: Option<f64>,

    /// Let the server rewrite the query for vector search
    #[arg(long)]
    pub rewrite_query: bool,
}

#[derive(Debug, Args)]
pub struct StoreShowArgs {
    /// The store id (vs_…)
    pub store: String,
}

#[derive(Debug, Args)]
pub struct StoreRmArgs {
    /// The store id (vs_…)
    pub store: String,

    /// Also delete the uploaded files the store holds
    #[arg(long)]
    pub with_files: bool,

    /// Print what it would delete and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ThreadCommand {
    /// Create a thread and print its id
    New(ThreadNewArgs),
    /// Print a thread's whole transcript, oldest message first
    Show(ThreadShowArgs),
    /// List the threads asst created or used, newest first (from its registry)
    #[command(after_help = "\
The Conversations API cannot list conversations, so asst keeps a registry of
its own: $ASST_STATE_DIR/threads.db, else $XDG_STATE_HOME/asst/threads.db
(~/.local/state/asst/threads.db). Rows are: id, last used (UTC), asks, name or
title.")]
    List(ThreadListArgs),
    /// Give a thread a name, to use wherever a thread id is taken
    Name(ThreadNameArgs),
    /// Delete threads on the server and forget them
    Rm(ThreadRmArgs),
}

#[derive(Debug, Args)]
pub struct ThreadListArgs {
    /// Threads of every provider and endpoint, not only the current one
    #[arg(long)]
    pub all: bool,

    /// At most this many threads
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct ThreadNameArgs {
    /// The thread (id or current name)
    pub thread: String,
    /// Its new name (unique on its endpoint; not starting with conv_ or thread_)
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ThreadRmArgs {
    /// Threads (ids or names)
    #[arg(required = true, value_name = "THREAD")]
    pub threads: Vec<String>,

    /// Forget the threads without deleting them on the server
    #[arg(long)]
    pub local: bool,
}

#[derive(Debug, Args)]
pub struct ThreadNewArgs {
    /// Attach metadata to the thread (repeatable)
    #[arg(long, short = 'm', value_name = "KEY=VALUE")]
    pub metadata: Vec<String>,

    /// Create an Assistants thread for this assistant (selects the Assistants API)
    #[arg(long, env = "ASSISTANT_ID", hide_env_values = true, value_name = "ID")]
    pub assistant: Option<String>,

    /// Name the thread, to use wherever a thread id is taken
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct ThreadShowArgs {
    /// The thread: its id (conv_… or thread_…) or its name
    #[arg(required_unless_present = "last")]
    pub thread: Option<String>,

    /// Show the thread used last on this provider, endpoint and profile (the one 'ask -c'
    /// continues)
    #[arg(long, conflicts_with = "thread")]
    pub last: bool,

    /// Show citations without [n] markers and source lists
    #[arg(long)]
    pub no_citations: bool,

    /// Only the newest N messages (still printed oldest first)
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub limit: Option<u64>,

    /// Only the messages after this one (a message or item id), for what is new
    #[arg(long, value_name = "ID")]
    pub after: Option<String>,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// The question; read from standard input when absent
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,

    /// Continue this thread (an id or a name) instead of starting a new one
    #[arg(long, short = 't', value_name = "ID")]
    pub thread: Option<String>,

    /// Continue the thread used last on this provider, endpoint and profile
    #[arg(long = "continue", short = 'c', conflicts_with = "thread")]
    pub continue_last: bool,

    /// Do not read standard input, even when it is not a terminal (for loops over stdin)
    #[arg(long, short = 'n')]
    pub no_stdin: bool,

    /// Upload this file and search it for this question (repeatable; see the README for
    /// where the files live afterwards)
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,

    /// Cut the attached files into chunks of at most this many tokens (100 to 4096; what the
    /// API chooses unasked is 800; Responses)
    #[arg(long, value_name = "TOKENS", requires = "attach", value_parser = clap::value_parser!(u32).range(100..=4096))]
    pub chunk_size: Option<u32>,

    /// Tokens each chunk of the attached files shares with the one before, at most half of
    /// --chunk-size [default: 400, or half of --chunk-size if less]
    #[arg(long, value_name = "TOKENS", requires = "attach", value_parser = clap::value_parser!(u32).range(0..=2048))]
    pub chunk_overlap: Option<u32>,

    /// Report what file search retrieved: `search` events with --json, else on stderr
    #[arg(long)]
    pub show_search: bool,

    /// Run the answer in the background on the server, so that it survives a dropped
    /// connection and the stream resumes where it was cut (Responses only; env
    /// ASST_BACKGROUND, profile 'background') [default: off]
    #[arg(long, overrides_with = "no_background")]
    pub background: bool,

    /// Do not run the answer in the background, whatever ASST_BACKGROUND or the profile say
    #[arg(long, overrides_with = "background")]
    pub no_background: bool,

    /// Return as soon as the answer exists, printing its response id; collect it later with
    /// 'asst response wait ID' (implies --background)
    #[arg(long)]
    pub detach: bool,

    /// Print the requests the question would send (line, headers, body), and send nothing:
    /// no key is read (its header says where it would come from) and no thread is made or
    /// recorded (Responses only)
    #[arg(long, conflicts_with = "attach")]
    pub dry_run: bool,

    #[command(flatten)]
    pub answer: AnswerArgs,
}

/// How a question is answered: shared by `ask` and `batch` (where a line may override
/// the model, instructions, vector stores, schema and metadata).
#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// Model, or deployment name on Azure [default: gpt-4o-mini on OpenAI]
    #[arg(long, env = "ASST_MODEL", hide_env_values = true, value_name = "MODEL")]
    pub model: Option<String>,

    /// System instructions sent with the question
    #[arg(
        long,
        env = "ASST_INSTRUCTIONS",
        hide_env_values = true,
        value_name = "TEXT"
    )]
    pub instructions: Option<String>,

    /// Search this vector store (repeatable; the env variable takes a comma-separated list)
    #[arg(
        long = "vector-store",
        env = "ASST_VECTOR_STORES",
        hide_env_values = true,
        value_name = "ID",
        value_delimiter = ','
    )]
    pub vector_stores: Vec<String>,

    /// Answer with this assistant (selects the Assistants API)
    #[arg(long, env = "ASSISTANT_ID", hide_env_values = true, value_name = "ID")]
    pub assistant: Option<String>,

    /// Print no [n] markers and no source list
    #[arg(long)]
    pub no_citations: bool,

    /// Print no notices about settings that have no effect (batch: and no progress line)
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Search only files whose attributes match (repeatable, all must hold): key=value,
    /// key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b (Responses)
    #[arg(long, value_name = "EXPR")]
    pub filter: Vec<String>,

    /// At most this many search results (1 to 50; Responses)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=50))]
    pub max_results: Option<u8>,

    /// Only results scoring at least this (0 to 1; Responses)
    #[arg(long, value_name = "X")]
    pub score_threshold: Option<f64>,

    /// Answer with JSON that follows this JSON schema (a strict structured output;
    /// Responses); text mode prints the JSON alone
    #[arg(long, value_name = "FILE.json")]
    pub schema: Option<PathBuf>,

    /// Attach metadata to the response or run (repeatable)
    #[arg(long, short = 'm', value_name = "KEY=VALUE")]
    pub metadata: Vec<String>,

    /// The most tokens the answer may take, reasoning included (at least 16; Assistants:
    /// max_completion_tokens, at least 256); past it the answer is incomplete (exit 8)
    #[arg(
        long,
        env = "ASST_MAX_OUTPUT_TOKENS",
        hide_env_values = true,
        value_name = "N",
        value_parser = token_limit
    )]
    pub max_output_tokens: Option<u32>,

    /// How much a reasoning model reasons before it answers (Responses)
    #[arg(
        long,
        env = "ASST_REASONING_EFFORT",
        hide_env_values = true,
        value_name = "LEVEL"
    )]
    pub reasoning_effort: Option<Effort>,

    /// Sampling temperature, from 0 (focused) to 2 (varied); reasoning models take none
    #[arg(
        long,
        env = "ASST_TEMPERATURE",
        hide_env_values = true,
        value_name = "X",
        value_parser = temperature
    )]
    pub temperature: Option<f64>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BatchArgs {
    #[command(subcommand)]
    pub command: Option<BatchCommand>,

    /// The questions, one per line ('-' or none: standard input)
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Append the results to this file, flushed one by one; a rerun skips the ids it answered
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Questions in flight at once
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        default_value_t = 8,
        value_parser = clap::value_parser!(u16).range(1..=256)
    )]
    pub jobs: u16,

    /// Where the questions are answered: here, N at a time, or by the provider's Batch API
    /// (half the price, within 24 hours)
    #[arg(long, value_enum, default_value_t = Via::Direct)]
    pub via: Via,

    /// Check every line and print the request each question would be, as JSON lines; send
    /// nothing and read no key (with --output, what it answered already is left out)
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub answer: AnswerArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Via {
    /// Ask here, a few questions at a time
    Direct,
    /// Upload them as one Batch API job (POST /batches, completion window 24h)
    BatchApi,
}

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// Show a Batch API job's status and request counts
    Status(BatchStatusArgs),
    /// Write a finished Batch API job's results as result lines
    Results(BatchResultsArgs),
    /// Cancel a Batch API job (what it finished stays in its results)
    Cancel(BatchStatusArgs),
}

#[derive(Debug, Args)]
pub struct BatchStatusArgs {
    /// The batch id (batch_…)
    pub batch: String,
}

#[derive(Debug, Args)]
pub struct BatchResultsArgs {
    /// The batch id (batch_…)
    pub batch: String,

    /// Append the results to this file; ids it already has are skipped
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print no [n] markers in the texts
    #[arg(long)]
    pub no_citations: bool,
}

#[derive(Debug, Subcommand)]
pub enum ResponseCommand {
    /// Stream a background response to its end, rendered as 'ask' renders it
    #[command(after_help = "\
If the response has already finished, its stored answer is printed. A cut
stream is resumed.")]
    Wait(ResponseWaitArgs),
    /// Print a response's stored answer and its status, without waiting
    Show(ResponseShowArgs),
    /// Cancel a background response
    Cancel(ResponseCancelArgs),
}

#[derive(Debug, Args)]
pub struct ResponseWaitArgs {
    /// The response id (resp_…)
    pub response: String,

    /// Stream only the events after this sequence number
    #[arg(long, value_name = "N")]
    pub after: Option<u64>,

    /// Print no [n] markers and no source list
    #[arg(long)]
    pub no_citations: bool,
}

#[derive(Debug, Args)]
pub struct ResponseShowArgs {
    /// The response id (resp_…)
    pub response: String,

    /// Print no [n] markers and no source list
    #[arg(long)]
    pub no_citations: bool,
}

#[derive(Debug, Args)]
pub struct ResponseCancelArgs {
    /// The response id (resp_…)
    pub response: String,
}
