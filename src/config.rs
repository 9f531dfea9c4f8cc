//! Validated runtime configuration, resolved from flags, environment variables, a profile
//! in the config file, and defaults, in that order of precedence (clap already merges flags
//! over their environment variables).

use crate::cli::{ApiArg, GlobalArgs, ProviderArg};
use crate::error::{Error, Result};
use crate::events::{Api, Setting};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const OPENAI_BASE_URL: &str = "https://api.openai.com/v1";
pub const DEFAULT_OPENAI_MODEL: &str = "gpt-4o-mini";
/// The last dated Azure api-version that serves Assistants v2.
pub const DEFAULT_AZURE_API_VERSION: &str = "2025-04-01-preview";

/// One `[profiles.NAME]` table of the config file. Every key is optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub provider: Option<String>,
    pub api: Option<String>,
    pub base_url: Option<String>,
    pub endpoint: Option<String>,
    pub api_version: Option<String>,
    pub model: Option<String>,
    pub instructions: Option<String>,
    pub vector_stores: Option<Vec<String>>,
    pub assistant: Option<String>,
    pub api_key_cmd: Option<String>,
    pub azure_token_cmd: Option<String>,
    pub organization: Option<String>,
    pub project: Option<String>,
    pub max_retries: Option<u32>,
    pub connect_timeout: Option<f64>,
    pub idle_timeout: Option<f64>,
    pub busy_wait: Option<f64>,
    pub key_cmd_timeout: Option<f64>,
    pub background: Option<bool>,
    pub history: Option<bool>,
    pub max_output_tokens: Option<u32>,
    pub reasoning_effort: Option<String>,
    pub temperature: Option<f64>,
    /// The profile's name, when one was chosen (not a key of the table).
    #[serde(skip)]
    pub name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provider {
    OpenAi {
        base_url: String,
    },
    Azure {
        endpoint: String,
        /// For the dated Assistants paths; Responses uses `/openai/v1` without one.
        api_version: String,
    },
}

impl Provider {
    /// The URL requests go to: the base URL, or the Azure resource's endpoint.
    pub fn url(&self) -> &str {
        match self {
            Provider::OpenAi { base_url } => base_url,
            Provider::Azure { endpoint, .. } => endpoint,
        }
    }
}

/// How requests authenticate. The secret never appears in `Debug` output.
#[derive(Clone)]
pub enum Credential {
    /// `Authorization: Bearer …` (OpenAI keys, Entra ID tokens).
    Bearer(String),
    /// Azure's `api-key: …` header.
    ApiKey(String),
    /// None asked for: a local command (the registry's) talks to no server.
    Unused,
}

impl Credential {
    pub fn secret(&self) -> &str {
        match self {
            Credential::Bearer(s) | Credential::ApiKey(s) => s,
            Credential::Unused => "",
        }
    }
}

impl std::fmt::Debug for SecretCmd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretCmd({})", self.origin)
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credential::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Credential::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
            Credential::Unused => f.write_str("Unused"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub provider: Provider,
    pub credential: Credential,
    /// The command the credential came from, which gives a new one when the server
    /// refuses it (a token that expired).
    pub renew: Option<SecretCmd>,
    pub organization: Option<String>,
    pub project: Option<String>,
    /// The API generation asked for explicitly (flag, env or profile), if any.
    pub api: Option<Api>,
    pub max_retries: u32,
    pub connect_timeout: Duration,
    pub idle_timeout: Duration,
    /// How long to keep retrying a request refused because the thread is busy.
    pub busy_wait: Duration,
    /// How long a key or token command may run.
    key_cmd_timeout: Duration,
    /// Each request said on stderr as it is answered (`--verbose`, `ASST_VERBOSE`).
    pub verbose: bool,
}

/// Reads an environment variable without the white space around it (a value read from a
/// file written on Windows ends in `\r`), treating an empty value as unset.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The longest wait any duration setting may ask for (about 11.5 days): more is a typo, and
/// would overflow the clock.
const MAX_SECONDS: f64 = 1_000_000.0;
/// The most retries a setting may ask for.
const MAX_RETRIES: u32 = 100;
/// How long a key or token command may run, unless a setting says otherwise.
pub const DEFAULT_KEY_CMD_TIMEOUT: f64 = 60.0;
/// The largest config file asst reads.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

impl Config {
    /// The connection settings, and the profile for `settings` to take the rest from.
    pub async fn load(args: &GlobalArgs) -> Result<(Config, Profile)> {
        Config::load_for(args, true).await
    }

    /// As [`Config::load`]; without `need_key` (a local command, or one whose request is
    /// still to be checked) no credential is looked for and no key command runs: that is
    /// [`Config::sign_in`], later.
    pub async fn load_for(args: &GlobalArgs, need_key: bool) -> Result<(Config, Profile)> {
        let profile = load_profile(args.config.as_deref(), args.profile.as_deref())?;

        let provider_choice = match args.provider {
            Some(p) => Some(p),
            None => profile
                .provider
                .as_deref()
                .map(|p| match p {
                    "openai" => Ok(ProviderArg::Openai),
                    "azure" => Ok(ProviderArg::Azure),
                    other => Err(Error::config(format!(
                        "unknown provider '{other}' in the profile (expected openai or azure)"
                    ))),
                })
                .transpose()?,
        };
        let endpoint = args.endpoint.clone().or_else(|| profile.endpoint.clone());
        let base_url = args.base_url.clone().or_else(|| profile.base_url.clone());
        let is_azure = match provider_choice {
            Some(p) => p == ProviderArg::Azure,
            None => endpoint.is_some(),
        };

        let provider = if is_azure {
            let endpoint = endpoint.ok_or_else(|| {
                Error::config("no Azure endpoint: set AZURE_OPENAI_ENDPOINT or --endpoint")
            })?;
            Provider::Azure {
                endpoint: azure_resource(&check_url(&endpoint, "the Azure endpoint")?),
                api_version: args
                    .api_version
                    .clone()
                    .or_else(|| profile.api_version.clone())
                    .unwrap_or_else(|| DEFAULT_AZURE_API_VERSION.to_string()),
            }
        } else {
            let base = base_url.unwrap_or_else(|| OPENAI_BASE_URL.to_string());
            Provider::OpenAi {
                base_url: check_url(&base, "the base URL")?,
            }
        };

        let api = match args.api {
            Some(ApiArg::Responses) => Some(Api::Responses),
            Some(ApiArg::Assistants) => Some(Api::Assistants),
            None => match profile.api.as_deref() {
                None => None,
                Some("responses") => Some(Api::Responses),
                Some("assistants") => Some(Api::Assistants),
                Some(other) => {
                    return Err(Error::config(format!(
                        "unknown api '{other}' in the profile (expected responses or assistants)"
                    )))
                }
            },
        };

        // A value from the command line or the environment is a usage error; one from the
        // profile is a config error that names its key.
        let seconds = |v: Option<f64>, p: Option<f64>, default: f64, flag: &str| {
            let (s, from_profile) = match (v, p) {
                (Some(s), _) => (s, false),
                (None, Some(s)) => (s, true),
                (None, None) => (default, false),
            };
            let zero_ok = flag == "--busy-wait";
            if s.is_finite() && s <= MAX_SECONDS && (s > 0.0 || (zero_ok && s == 0.0)) {
                return Ok(Duration::from_secs_f64(s));
            }
            let range = format!(
                "a number of seconds {} {MAX_SECONDS}",
                if zero_ok {
                    "from 0 to"
                } else {
                    "above 0, at most"
                }
            );
            Err(if from_profile {
                let key = flag.trim_start_matches('-').replace('-', "_");
                Error::config(format!("{key} in the profile must be {range}, not {s}"))
            } else {
                Error::usage(format!("{flag} must be {range}, not {s}"))
            })
        };
        let connect_timeout = seconds(
            args.connect_timeout,
            profile.connect_timeout,
            10.0,
            "--connect-timeout",
        )?;
        let idle_timeout = seconds(
            args.idle_timeout,
            profile.idle_timeout,
            300.0,
            "--idle-timeout",
        )?;
        let busy_wait = seconds(args.busy_wait, profile.busy_wait, 10.0, "--busy-wait")?;
        let key_cmd_timeout = match env("ASST_KEY_CMD_TIMEOUT") {
            Some(v) => match v.trim().parse::<f64>() {
                Ok(s) if s.is_finite() && s > 0.0 && s <= MAX_SECONDS => Duration::from_secs_f64(s),
                _ => {
                    return Err(Error::config(format!(
                        "ASST_KEY_CMD_TIMEOUT must be a number of seconds above 0, at most {MAX_SECONDS}, not '{v}'"
                    )))
                }
            },
            None => seconds(None, profile.key_cmd_timeout, DEFAULT_KEY_CMD_TIMEOUT, "--key-cmd-timeout")?,
        };
        // (A flag or variable over the most is refused by the command line's own range.)
        let max_retries = match (args.max_retries, profile.max_retries) {
            (None, Some(n)) if n > MAX_RETRIES => {
                return Err(Error::config(format!(
                    "max_retries in the profile must be at most {MAX_RETRIES}, not {n}"
                )))
            }
            (a, p) => a.or(p).unwrap_or(2),
        };

        let verbose = args.verbose || env_bool("ASST_VERBOSE")?.unwrap_or(false);
        let mut config = Config {
            provider,
            credential: Credential::Unused,
            renew: None,
            organization: env("OPENAI_ORG_ID").or_else(|| profile.organization.clone()),
            project: env("OPENAI_PROJECT_ID").or_else(|| profile.project.clone()),
            api,
            max_retries,
            connect_timeout,
            idle_timeout,
            busy_wait,
            key_cmd_timeout,
            verbose,
        };
        if need_key {
            config.sign_in(&profile).await?;
        }
        Ok((config, profile))
    }

    /// Finds the credential (running a key or token command if that is where it comes
    /// from), once the request it is for has been checked.
    pub async fn sign_in(&mut self, profile: &Profile) -> Result<()> {
        self.check_route(profile)?;
        let (credential, renew) = credential(&self.provider, profile, self.key_cmd_timeout).await?;
        crate::output::hide(credential.secret());
        self.credential = credential;
        self.renew = renew;
        Ok(())
    }

    /// The credential header a request would carry, with where its value would come from
    /// standing for it (`Bearer <OPENAI_API_KEY>`): for showing a request that is not sent.
    /// Nothing is read and no command runs.
    pub fn credential_shown(&self, profile: &Profile) -> Option<(&'static str, String)> {
        let found = CredentialSource::find(&self.provider, profile, self.key_cmd_timeout)?;
        let from = match &found {
            CredentialSource::Var { var, .. } => var.to_string(),
            CredentialSource::Cmd { cmd, .. } => cmd.origin().to_string(),
        };
        Some(if found.bearer() {
            ("authorization", format!("Bearer <{from}>"))
        } else {
            ("api-key", format!("<{from}>"))
        })
    }

    /// What refuses a request before any credential is read: clear text to a remote host,
    /// a proxy variable the client would skip, two credentials for one header.
    pub fn check_route(&self, profile: &Profile) -> Result<()> {
        if let Some(url) = insecure_url(&self.provider) {
            if env("ASST_ALLOW_HTTP").as_deref() != Some("1") {
                return Err(Error::config(format!(
                    "refusing to send credentials in clear text to {}",
                    shown_url(url)
                ))
                .with_hint("use https, or set ASST_ALLOW_HTTP=1 if this network is trusted"));
            }
        }
        if let Some(refused) = unusable_proxy(&self.provider) {
            return Err(refused);
        }
        match two_authorizations(&self.provider, profile, self.key_cmd_timeout) {
            Some(refused) => Err(refused),
            None => Ok(()),
        }
    }
}

/// A yes or no from the environment: `1`, `true`, `yes`, `on`, or their opposites.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// A yes-or-no variable: `None` when unset; a value [`parse_bool`] does not read is a
/// usage error naming the variable.
pub fn env_bool(var: &str) -> Result<Option<bool>> {
    match env(var) {
        None => Ok(None),
        Some(v) => parse_bool(&v).map(Some).ok_or_else(|| {
            Error::usage(format!(
                "{var}={v:?} is not a valid value (expected 1 or 0, true or false)"
            ))
        }),
    }
}

/// Where a setting of the profile comes from: `profile NAME`.
pub fn in_profile(profile: &Profile) -> String {
    format!("profile {}", profile.name.as_deref().unwrap_or("default"))
}

/// Whether `--long` (or `-s`) is on the command line itself: clap gives a value from the
/// variable behind an option as if it were typed.
fn typed(long: &str, short: Option<char>) -> bool {
    std::env::args_os().skip(1).any(|a| {
        let a = a.to_string_lossy();
        let flag = format!("--{long}");
        a == flag
            || a.starts_with(&format!("{flag}="))
            || short.is_some_and(|c| a.starts_with(&format!("-{c}")) && !a.starts_with("--"))
    })
}

/// The settings the next command would use, and where each comes from (`asst config`):
/// never a secret, and no key command runs. Values are those `config` and `profile` were
/// resolved to; sources follow the same order (flag > variable > profile > default).
pub fn describe(args: &GlobalArgs, config: &Config, profile: &Profile) -> Vec<Setting> {
    let row = |name, value: Option<String>, source: String| Setting {
        name,
        value,
        source,
    };
    // A global option: typed, else its variable; else the profile's key, else the default.
    let origin = |long: &str, short, var: &str, given: bool, in_file: bool| {
        if given {
            if typed(long, short) {
                format!("--{long}")
            } else {
                var.to_string()
            }
        } else if in_file {
            in_profile(profile)
        } else {
            "default".to_string()
        }
    };
    // A key is not sent in clear text to another machine: said where the URL is.
    let refused =
        insecure_url(&config.provider).is_some() && env("ASST_ALLOW_HTTP").as_deref() != Some("1");
    // Nor beside a user name and password in the URL, which would be a second
    // Authorization header.
    let doubled = two_authorizations(&config.provider, profile, config.key_cmd_timeout).is_some();
    let clear_text = |source: String| {
        if refused {
            format!(
                "{source}; refused: plain http to another machine (ASST_ALLOW_HTTP=1 allows it)"
            )
        } else if doubled {
            format!("{source}; refused: its USER:PASSWORD@ would be a second Authorization header beside the bearer credential")
        } else {
            source
        }
    };
    let mut rows = Vec::new();
    let file = args.config.clone().or_else(default_config_path);
    let file_source = match (&args.config, &file) {
        (Some(_), _) => origin("config", None, "ASST_CONFIG", true, false),
        (None, Some(f)) if !f.exists() => "default (no such file)".to_string(),
        _ => "default".to_string(),
    };
    let shown_file = file.as_ref().map(|f| f.display().to_string());
    rows.push(row("config_file", shown_file.clone(), file_source));
    let place = shown_file.unwrap_or_else(|| "the config file".into());
    let profile_source = match (&args.profile, profile.name.as_deref()) {
        (Some(_), _) => origin("profile", Some('p'), "ASST_PROFILE", true, false),
        (None, Some("default")) => format!("[profiles.default] in {place}"),
        (None, Some(_)) => format!("default_profile in {place}"),
        (None, None) => "none".to_string(),
    };
    rows.push(row("profile", profile.name.clone(), profile_source));
    let (kind, url) = match &config.provider {
        Provider::OpenAi { base_url } => ("openai", base_url),
        Provider::Azure { endpoint, .. } => ("azure", endpoint),
    };
    let provider_source = if args.provider.is_some() {
        origin("provider", None, "ASST_PROVIDER", true, false)
    } else if profile.provider.is_some() {
        in_profile(profile)
    } else if kind == "azure" {
        match (&args.endpoint, typed("endpoint", None)) {
            (Some(_), true) => "--endpoint is given".to_string(),
            (Some(_), false) => "AZURE_OPENAI_ENDPOINT is set".to_string(),
            (None, _) => format!("endpoint in {}", in_profile(profile)),
        }
    } else {
        "default".to_string()
    };
    rows.push(row("provider", Some(kind.to_string()), provider_source));
    match &config.provider {
        Provider::OpenAi { .. } => {
            let source = origin(
                "base-url",
                None,
                "OPENAI_BASE_URL",
                args.base_url.is_some(),
                profile.base_url.is_some(),
            );
            rows.push(row("base_url", Some(shown_url(url)), clear_text(source)));
        }
        Provider::Azure { api_version, .. } => {
            let source = origin(
                "endpoint",
                None,
                "AZURE_OPENAI_ENDPOINT",
                args.endpoint.is_some(),
                profile.endpoint.is_some(),
            );
            rows.push(row("endpoint", Some(shown_url(url)), clear_text(source)));
            let source = origin(
                "api-version",
                None,
                "AZURE_OPENAI_API_VERSION",
                args.api_version.is_some(),
                profile.api_version.is_some(),
            );
            rows.push(row("api_version", Some(api_version.clone()), source));
        }
    }
    rows.push(proxy_row(&config.provider));
    // What `ask` reads from the environment or the profile (its flags are its own).
    let from = |var: &str, key: &Option<String>| match (env(var), key) {
        (Some(v), _) => (Some(v), var.to_string()),
        (None, Some(v)) if !v.trim().is_empty() => {
            (Some(v.trim().to_string()), in_profile(profile))
        }
        _ => (None, "none".to_string()),
    };
    let row_from = |name, var: &str, key: &Option<String>| {
        let (value, source) = from(var, key);
        row(name, value, source)
    };
    let (assistant, assistant_source) = from("ASSISTANT_ID", &profile.assistant);
    let (api, api_source) = match config.api {
        Some(api) => {
            let source = origin(
                "api",
                None,
                "ASST_API",
                args.api.is_some(),
                profile.api.is_some(),
            );
            (api, source)
        }
        None if assistant.is_some() => {
            (Api::Assistants, "default (an assistant is set)".to_string())
        }
        None => (Api::Responses, "default".to_string()),
    };
    rows.push(row("api", Some(api.name().to_string()), api_source));
    let (model, mut model_source) = from("ASST_MODEL", &profile.model);
    let model = match (model, &config.provider) {
        (Some(m), _) => Some(m),
        (None, Provider::OpenAi { .. }) => {
            model_source = "default".to_string();
            Some(DEFAULT_OPENAI_MODEL.to_string())
        }
        (None, Provider::Azure { .. }) => {
            model_source = "none: on Azure, ASST_MODEL is the deployment name".to_string();
            None
        }
    };
    rows.push(row("model", model, model_source));
    rows.push(row("assistant", assistant, assistant_source));
    let stores = match (std::env::var("ASST_VECTOR_STORES"), &profile.vector_stores) {
        (Ok(v), _) => (Some(v), "ASST_VECTOR_STORES".to_string()),
        (Err(_), Some(list)) => (Some(list.join(",")), in_profile(profile)),
        (Err(_), None) => (None, "none".to_string()),
    };
    let listed = stores.0.map(|v| {
        let ids: Vec<&str> = v
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        ids.join(",")
    });
    rows.push(row(
        "vector_stores",
        listed.filter(|v| !v.is_empty()),
        stores.1,
    ));
    // How answers are made, when set (nothing is sent for what is not).
    let generation = [
        (
            "max_output_tokens",
            "ASST_MAX_OUTPUT_TOKENS",
            profile.max_output_tokens.map(|n| n.to_string()),
        ),
        (
            "reasoning_effort",
            "ASST_REASONING_EFFORT",
            profile.reasoning_effort.clone(),
        ),
        (
            "temperature",
            "ASST_TEMPERATURE",
            profile.temperature.map(|t| t.to_string()),
        ),
    ];
    for (name, var, key) in generation {
        rows.push(row_from(name, var, &key));
    }
    let (instructions, source) = from("ASST_INSTRUCTIONS", &profile.instructions);
    let said = instructions.map(|i| format!("{} characters", i.chars().count()));
    rows.push(row("instructions", said, source));
    if let Provider::OpenAi { .. } = config.provider {
        rows.push(row_from(
            "organization",
            "OPENAI_ORG_ID",
            &profile.organization,
        ));
        rows.push(row_from("project", "OPENAI_PROJECT_ID", &profile.project));
    }
    let on_off = |b: bool| if b { "on" } else { "off" }.to_string();
    let background = match (env("ASST_BACKGROUND"), profile.background) {
        (Some(v), _) => (
            Some(parse_bool(&v).map_or(format!("{v} (not 1 or 0)"), on_off)),
            "ASST_BACKGROUND".to_string(),
        ),
        (None, Some(b)) => (
            Some(if b { "on" } else { "off" }.to_string()),
            in_profile(profile),
        ),
        (None, None) => (Some("off".to_string()), "default".to_string()),
    };
    rows.push(row("background", background.0, background.1));
    let retries = origin(
        "max-retries",
        None,
        "ASST_MAX_RETRIES",
        args.max_retries.is_some(),
        profile.max_retries.is_some(),
    );
    rows.push(row(
        "max_retries",
        Some(config.max_retries.to_string()),
        retries,
    ));
    let timeouts = [
        (
            "connect_timeout",
            "connect-timeout",
            "ASST_CONNECT_TIMEOUT",
            config.connect_timeout,
            args.connect_timeout,
            profile.connect_timeout,
        ),
        (
            "idle_timeout",
            "idle-timeout",
            "ASST_IDLE_TIMEOUT",
            config.idle_timeout,
            args.idle_timeout,
            profile.idle_timeout,
        ),
        (
            "busy_wait",
            "busy-wait",
            "ASST_BUSY_WAIT",
            config.busy_wait,
            args.busy_wait,
            profile.busy_wait,
        ),
    ];
    for (name, long, var, value, given, in_file) in timeouts {
        let source = origin(long, None, var, given.is_some(), in_file.is_some());
        rows.push(row(
            name,
            Some(format!("{} s", value.as_secs_f64())),
            source,
        ));
    }
    let verbose_source = if args.verbose {
        "--verbose"
    } else if env("ASST_VERBOSE").is_some() {
        "ASST_VERBOSE"
    } else {
        "default"
    };
    rows.push(row(
        "verbose",
        Some(on_off(config.verbose)),
        verbose_source.to_string(),
    ));
    rows.push(credential_row(config, profile));
    rows
}

/// Where the credential would come from, as [`credential`] looks for it: never its value,
/// and no command runs.
fn credential_row(config: &Config, profile: &Profile) -> Setting {
    let found = CredentialSource::find(&config.provider, profile, config.key_cmd_timeout);
    let (value, source) = match found {
        Some(CredentialSource::Var { var, what, .. }) => (Some(what), var.to_string()),
        Some(CredentialSource::Cmd { cmd, what, .. }) => (Some(what), cmd.origin().to_string()),
        None => (
            None,
            match config.provider {
                Provider::OpenAi { .. } => "none: set OPENAI_API_KEY (or ASST_API_KEY_CMD)",
                Provider::Azure { .. } => {
                    "none: set AZURE_OPENAI_API_KEY (or AZURE_OPENAI_AD_TOKEN, ASST_AZURE_TOKEN_CMD)"
                }
            }
            .to_string(),
        ),
    };
    Setting {
        name: "credential",
        value: value.map(str::to_string),
        source,
    }
}

/// The proxy the requests would go through, and the variable it comes from; when one is
/// set but not used (this machine, a host NO_PROXY names), why; when it would be refused,
/// why.
fn proxy_row(provider: &Provider) -> Setting {
    let row = |value: Option<String>, source: String| Setting {
        name: "proxy",
        value,
        source,
    };
    let url = provider.url();
    match proxy_of(provider.url()) {
        Some((p, None)) => {
            let source = match crate::proxy::unusable(&p.value) {
                Some(why) => format!("{}; refused: not a proxy asst can use ({why})", p.var),
                None => p.var.to_string(),
            };
            row(Some(crate::proxy::shown(&p.value)), source)
        }
        Some((p, Some(no))) => row(None, format!("{no} names the host ({} not used)", p.var)),
        None => {
            let scheme = url.split("://").next().unwrap_or("https");
            match crate::proxy::configured(scheme) {
                Some(p) if is_loopback(url) => row(
                    None,
                    format!("this machine, reached directly ({} not used)", p.var),
                ),
                _ => row(None, "none".to_string()),
            }
        }
    }
}

/// An XDG base directory from its variable: as the spec says, a relative path is invalid
/// and ignored (else the folder a cron job starts in would decide where asst looks).
pub fn xdg_dir(var: &str) -> Option<PathBuf> {
    env(var).map(PathBuf::from).filter(|p| p.is_absolute())
}

/// Where the config file is looked for when neither `--config` nor `ASST_CONFIG` names one.
pub fn default_config_path() -> Option<PathBuf> {
    if let Some(dir) = xdg_dir("XDG_CONFIG_HOME") {
        return Some(dir.join("asst/config.toml"));
    }
    env("HOME").map(|home| PathBuf::from(home).join(".config/asst/config.toml"))
}

fn load_profile(explicit: Option<&Path>, name: Option<&str>) -> Result<Profile> {
    let (path, must_exist) = match explicit {
        Some(p) => (Some(p.to_path_buf()), true),
        None => (default_config_path(), false),
    };
    let text = match &path {
        Some(p) => read_config_file(p, must_exist)?,
        None => None,
    };
    let file: ConfigFile = match (&text, &path) {
        (Some(t), Some(p)) => toml::from_str(t).map_err(|e| {
            let line = e
                .span()
                .map(|s| t[..s.start].matches('\n').count() + 1)
                .map(|l| format!(", line {l}"))
                .unwrap_or_default();
            let what = e.message().lines().next().unwrap_or("invalid TOML").trim();
            Error::config(format!("{}{line}: {what}", p.display()))
        })?,
        _ => ConfigFile::default(),
    };
    let chosen = name
        .map(str::to_string)
        .or_else(|| file.default_profile.clone());
    match chosen {
        Some(n) => file
            .profiles
            .get(&n)
            .cloned()
            .map(|p| Profile {
                name: Some(n.clone()),
                ..p
            })
            .ok_or_else(|| {
                let known: Vec<_> = file.profiles.keys().map(String::as_str).collect();
                let place = path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "the config file".into());
                Error::config(format!("no profile '{n}' in {place}")).with_hint(
                    if known.is_empty() {
                        "the file defines no [profiles.NAME] tables".to_string()
                    } else {
                        format!("known profiles: {}", known.join(", "))
                    },
                )
            }),
        None => Ok(file
            .profiles
            .get("default")
            .cloned()
            .map(|p| Profile {
                name: Some("default".into()),
                ..p
            })
            .unwrap_or_default()),
    }
}

/// Reads the config file, if it is a regular file of sensible size: a device, a FIFO or a
/// huge file is refused before it is opened or read (it would block, or fill memory).
fn read_config_file(path: &Path, must_exist: bool) -> Result<Option<String>> {
    let named = |what: String| Error::config(format!("config file {}: {what}", path.display()));
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => return Ok(None),
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read config file {}: {e}",
                path.display()
            )))
        }
    };
    if !meta.is_file() {
        return Err(named("not a regular file".into()));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(named(format!(
            "{} bytes; a config file is at most {} KiB",
            meta.len(),
            MAX_CONFIG_BYTES / 1024
        )));
    }
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(|e| named(format!("cannot read it: {e}")))?,
            MAX_CONFIG_BYTES + 1,
        ),
        &mut text,
    )
    .map_err(|e| named(format!("cannot read it: {e}")))?;
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(named("it grew while it was read".into()));
    }
    Ok(Some(text))
}

fn check_url(url: &str, what: &str) -> Result<String> {
    let shown = shown_url(url);
    // A host name copied without its scheme (`my-resource.openai.azure.com`,
    // `localhost:8080/v1`): the hint writes it out, http:// for this machine only.
    let with_scheme = |e: Error| {
        if url.contains("://") {
            return e;
        }
        let local = ["localhost", "127.", "[::1]"]
            .iter()
            .any(|h| url.starts_with(h));
        let scheme = if local { "http" } else { "https" };
        e.with_hint(format!(
            "write it with its scheme: {scheme}://{}",
            shown_url(url)
        ))
    };
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| with_scheme(Error::config(format!("{what} '{shown}' is not a URL: {e}"))))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(with_scheme(Error::config(format!(
            "{what} '{shown}' must be an http:// or https:// URL"
        ))));
    }
    if let Some(password) = parsed.password() {
        crate::output::hide(password);
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// A URL as asst prints it: without user name, password, query or fragment, which may
/// carry credentials. Works on text that does not parse, too.
pub fn shown_url(url: &str) -> String {
    let url = url.split(['?', '#']).next().unwrap_or("");
    let (scheme, rest) = match url.find("://") {
        Some(i) => url.split_at(i + 3),
        None => ("", url),
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    format!("{scheme}{host}{path}")
}

/// True when the URL's host is this machine (`localhost` or a loopback address).
pub fn is_loopback(url: &str) -> bool {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return false;
    };
    let Some(host) = parsed.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The resource URL of an Azure endpoint: the portal also shows it with `/openai/v1` (or
/// `/openai`) appended, and a deployment's "Target URI" adds more (`/openai/deployments/
/// NAME/chat/completions?api-version=…`). asst adds the `/openai` part itself, so the path
/// from an `openai` segment on is dropped, with the query that came with it; a gateway's
/// own query (no such segment) is kept.
fn azure_resource(endpoint: &str) -> String {
    let (url, query) = match endpoint.split_once('?') {
        Some((u, q)) => (u, Some(q)),
        None => (endpoint, None),
    };
    let url = url.split('#').next().unwrap_or(url).trim_end_matches('/');
    let (origin, path) = match url.find("://").map(|i| i + 3) {
        Some(start) => match url[start..].find('/') {
            Some(slash) => url.split_at(start + slash),
            None => (url, ""),
        },
        None => (url, ""),
    };
    let mut kept = Vec::new();
    let mut cut = false;
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment == "openai" {
            cut = true;
            break;
        }
        kept.push(segment);
    }
    let mut resource = origin.to_string();
    for segment in kept {
        resource.push('/');
        resource.push_str(segment);
    }
    match query {
        Some(q) if !cut && !q.is_empty() => format!("{resource}?{q}"),
        _ => resource,
    }
}

/// A plain-http URL to a host that is not this machine: keys would cross the network in clear.
fn insecure_url(provider: &Provider) -> Option<&str> {
    let url = provider.url();
    let parsed = reqwest::Url::parse(url).ok()?;
    (parsed.scheme() == "http" && !is_loopback(url)).then_some(url)
}

/// A user name or password in the provider's URL beside a bearer credential (the one the
/// profile and environment give): the client sends them as `Authorization: Basic`, a
/// second Authorization header, of which a server reads one (the first, or neither).
fn two_authorizations(provider: &Provider, profile: &Profile, timeout: Duration) -> Option<Error> {
    if !CredentialSource::find(provider, profile, timeout)?.bearer() {
        return None;
    }
    let url = reqwest::Url::parse(provider.url()).ok()?;
    if url.username().is_empty() && url.password().is_none() {
        return None;
    }
    let (what, vars, instead) = match provider {
        Provider::OpenAi { .. } => (
            "the base URL",
            "OPENAI_BASE_URL (--base-url, base_url)",
            "a gateway's own key can go in its query (?subscription-key=…)",
        ),
        Provider::Azure { .. } => (
            "the endpoint",
            "AZURE_OPENAI_ENDPOINT (--endpoint, endpoint)",
            "or send a key as api-key (AZURE_OPENAI_API_KEY), beside which they are the gateway's",
        ),
    };
    Some(
        Error::config(format!(
            "{what} has credentials in it (USER:PASSWORD@), which would be sent as a second Authorization header beside the bearer credential; nothing was sent"
        ))
        .with_hint(format!("take them out of {vars}; {instead}")),
    )
}

/// The proxy the client would take for `url`, and whether it is used: `None` for this
/// machine (always reached directly) or a URL that is not one; the NO_PROXY variable that
/// names the host, if one does.
pub fn proxy_of(url: &str) -> Option<(crate::proxy::Proxy, Option<&'static str>)> {
    if is_loopback(url) {
        return None;
    }
    let parsed = reqwest::Url::parse(url).ok()?;
    let proxy = crate::proxy::configured(parsed.scheme())?;
    Some((proxy, crate::proxy::exempting(parsed.host_str()?)))
}

/// A proxy variable that applies but that the client could not use: it would skip it
/// without a word and connect around it (directly, or through `ALL_PROXY`), so the request
/// is refused instead, before a key is looked for.
fn unusable_proxy(provider: &Provider) -> Option<Error> {
    let (proxy, None) = proxy_of(provider.url())? else {
        return None;
    };
    let why = crate::proxy::unusable(&proxy.value)?;
    Some(
        Error::config(format!(
            "{} is not a proxy asst can use ('{}': {why}); nothing was sent",
            proxy.var,
            crate::proxy::shown(&proxy.value)
        ))
        .with_hint(format!(
            "correct {} (http://HOST:PORT, or socks5h://HOST:PORT) or unset it; asst does not go around a proxy that is set",
            proxy.var
        )),
    )
}

/// Where the credential comes from, in the order asst looks for it: a variable that holds
/// it, or a command that prints it. `what` names it for `asst config`.
enum CredentialSource {
    Var {
        var: &'static str,
        what: &'static str,
        bearer: bool,
    },
    Cmd {
        cmd: SecretCmd,
        what: &'static str,
        bearer: bool,
    },
}

impl CredentialSource {
    /// Whether what it gives goes as `Authorization: Bearer` (else as Azure's `api-key`).
    fn bearer(&self) -> bool {
        match self {
            CredentialSource::Var { bearer, .. } | CredentialSource::Cmd { bearer, .. } => *bearer,
        }
    }

    /// The first source that is set, for `provider`: OpenAI takes `OPENAI_API_KEY`, then
    /// the key command; Azure its key, its Entra ID token, the key command, the token
    /// command.
    fn find(provider: &Provider, profile: &Profile, timeout: Duration) -> Option<Self> {
        let var = |var, what, bearer| env(var).map(|_| CredentialSource::Var { var, what, bearer });
        let key_cmd = || SecretCmd::from("ASST_API_KEY_CMD", profile, "api_key_cmd", timeout);
        match provider {
            Provider::OpenAi { .. } => var("OPENAI_API_KEY", "key", true).or_else(|| {
                key_cmd().map(|cmd| CredentialSource::Cmd {
                    cmd,
                    what: "key command",
                    bearer: true,
                })
            }),
            Provider::Azure { .. } => var("AZURE_OPENAI_API_KEY", "key", false)
                .or_else(|| var("AZURE_OPENAI_AD_TOKEN", "Entra ID token", true))
                .or_else(|| {
                    key_cmd().map(|cmd| CredentialSource::Cmd {
                        cmd,
                        what: "key command",
                        bearer: false,
                    })
                })
                .or_else(|| {
                    let cmd = SecretCmd::from(
                        "ASST_AZURE_TOKEN_CMD",
                        profile,
                        "azure_token_cmd",
                        timeout,
                    )?;
                    Some(CredentialSource::Cmd {
                        cmd,
                        what: "token command",
                        bearer: true,
                    })
                }),
        }
    }
}

async fn credential(
    provider: &Provider,
    profile: &Profile,
    timeout: Duration,
) -> Result<(Credential, Option<SecretCmd>)> {
    let made = |bearer: bool, secret: String| {
        if bearer {
            Credential::Bearer(secret)
        } else {
            Credential::ApiKey(secret)
        }
    };
    match CredentialSource::find(provider, profile, timeout) {
        Some(CredentialSource::Var { var, bearer, .. }) => {
            let secret = checked_secret(&env(var).unwrap_or_default(), var)?;
            Ok((made(bearer, secret), None))
        }
        Some(CredentialSource::Cmd { cmd, bearer, .. }) => {
            let secret = cmd.run(true).await?;
            Ok((made(bearer, secret), Some(cmd)))
        }
        None => Err(match provider {
            Provider::OpenAi { .. } => Error::config("no API key: set OPENAI_API_KEY")
                .with_hint("or ASST_API_KEY_CMD / api_key_cmd in a profile; for Azure set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY"),
            Provider::Azure { .. } => Error::config(
                "no Azure credentials: set AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN",
            )
            .with_hint("or ASST_API_KEY_CMD / ASST_AZURE_TOKEN_CMD (e.g. az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv)"),
        }),
    }
}

/// A key or token without the white space around it (a file written on Windows ends its
/// line in `\r`), refused for a character no key has, which is named by its place and
/// never shown: a control character, or one that is not ASCII (a key pasted from a web
/// page may carry a hyphen that only looks like one).
fn checked_secret(value: &str, origin: &str) -> Result<String> {
    let value = value.trim();
    if let Some((at, c)) = value
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() || !c.is_ascii())
    {
        let what = if c.is_control() {
            "a control character"
        } else {
            "a character that is not ASCII"
        };
        return Err(Error::config(format!(
            "{origin} has {what} at character {}, which no key or token has",
            at + 1
        )));
    }
    Ok(value.to_string())
}

/// A user's command that prints a key or token, and where it was set (for messages).
#[derive(Clone)]
pub struct SecretCmd {
    cmd: String,
    /// The variable or profile key that gave it.
    origin: String,
    timeout: Duration,
}

/// The most a key command's output may be: a key or a token is a few kilobytes.
const MAX_SECRET_BYTES: usize = 64 * 1024;

impl SecretCmd {
    /// The command `var` holds, else the profile's `key`, with where it was set.
    fn from(var: &str, profile: &Profile, key: &str, timeout: Duration) -> Option<SecretCmd> {
        let value = match key {
            "api_key_cmd" => &profile.api_key_cmd,
            _ => &profile.azure_token_cmd,
        };
        let (cmd, origin) = match (env(var), value) {
            (Some(c), _) => (c, var.to_string()),
            (None, Some(c)) if !c.trim().is_empty() => {
                (c.clone(), format!("{key} in {}", in_profile(profile)))
            }
            _ => return None,
        };
        Some(SecretCmd {
            cmd,
            origin,
            timeout,
        })
    }

    /// Where it was set: the variable or the profile key.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Runs the command through `sh -c` in a process group of its own and takes its
    /// trimmed standard output as the secret. Its standard error passes through (a password
    /// manager may prompt there). asst stops waiting when the command itself exits, even if
    /// a child it left keeps the output open; on a timeout, or with `signals` on a signal,
    /// the whole group is ended. (Without `signals`, a signal is left to the wait around
    /// the request, which drops this run: the command is killed with it.)
    pub async fn run(&self, signals: bool) -> Result<String> {
        use futures_util::future::{FusedFuture, FutureExt};
        use tokio::io::AsyncReadExt;
        let what = &self.origin;
        let mut child = tokio::process::Command::new("sh")
            .arg("-c")
            .arg(&self.cmd)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| Error::config(format!("cannot run {what}: {e}")))?;
        let mut stdout = child.stdout.take();
        let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = output.clone();
        let reader = async move {
            let Some(stdout) = stdout.as_mut() else {
                return;
            };
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf).await {
                let mut all = sink.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 || all.len() + n > MAX_SECRET_BYTES {
                    break;
                }
                all.extend_from_slice(&buf[..n]);
            }
        };
        let mut reader = std::pin::pin!(reader.fuse());
        let outcome = {
            let exited = async {
                // Read while it runs; once it has exited, what it wrote is in the pipe.
                loop {
                    tokio::select! {
                        status = child.wait() => break status,
                        _ = reader.as_mut(), if !reader.is_terminated() => {}
                    }
                }
            };
            tokio::select! {
                status = exited => Ok(status),
                _ = tokio::time::sleep(self.timeout) => Err(None),
                kind = crate::signal::interrupted(), if signals => Err(Some(kind)),
            }
        };
        let status = match outcome {
            Ok(status) => status.map_err(|e| Error::config(format!("cannot run {what}: {e}")))?,
            Err(signal) => {
                end_group(&child);
                let _ = child.wait().await;
                return Err(match signal {
                    Some(kind) => crate::signal::error(kind),
                    None => Error::config(format!(
                        "{what} did not finish within {}s; asst ended it",
                        self.timeout.as_secs_f64()
                    ))
                    .with_hint(
                        "raise ASST_KEY_CMD_TIMEOUT (profile key_cmd_timeout) if it needs longer",
                    ),
                });
            }
        };
        // The rest of its output, unless a child it left behind holds the pipe open.
        if !reader.is_terminated() {
            let _ = tokio::time::timeout(Duration::from_millis(100), reader.as_mut()).await;
        }
        if !status.success() {
            return Err(Error::config(format!("{what} failed ({status})")));
        }
        let bytes = std::mem::take(&mut *output.lock().unwrap_or_else(|e| e.into_inner()));
        let secret = String::from_utf8(bytes)
            .map_err(|_| Error::config(format!("{what} printed something that is not UTF-8")))?;
        if secret.trim().is_empty() {
            return Err(Error::config(format!("{what} printed nothing")));
        }
        checked_secret(&secret, &format!("the output of {what}"))
    }
}

/// Ends the process group a command leads, children and all.
fn end_group(child: &tokio::process::Child) {
    let pid = child
        .id()
        .and_then(|id| i32::try_from(id).ok())
        .and_then(rustix::process::Pid::from_raw);
    if let Some(pid) = pid {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::TERM);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azure_endpoints_as_the_portal_shows_them() {
        for e in [
            "https://r.openai.azure.com",
            "https://r.openai.azure.com/openai",
            "https://r.openai.azure.com/openai/v1",
        ] {
            assert_eq!(
                azure_resource(&check_url(e, "x").unwrap()),
                "https://r.openai.azure.com"
            );
        }
        assert_eq!(
            azure_resource(&check_url("https://r.openai.azure.com/openai/v1/", "x").unwrap()),
            "https://r.openai.azure.com"
        );
        assert_eq!(
            azure_resource("https://proxy.example/team/openai/v1"),
            "https://proxy.example/team"
        );
        for (pasted, resource) in [
            (
                "https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-08-01-preview",
                "https://r.openai.azure.com",
            ),
            ("https://r.openai.azure.com/openai/responses?api-version=1", "https://r.openai.azure.com"),
            ("https://apim.example/team?subscription-key=s", "https://apim.example/team?subscription-key=s"),
            ("https://apim.example/openai-proxy/", "https://apim.example/openai-proxy"),
            ("https://r.openai.azure.com/#frag", "https://r.openai.azure.com"),
        ] {
            assert_eq!(azure_resource(pasted), resource, "{pasted}");
        }
    }
}
