//! Validated runtime configuration, resolved from flags, environment variables, a profile
//! in the config file, and defaults, in that order of precedence (clap already merges flags
//! over their environment variables).

use crate::cli::{ApiArg, GlobalArgs, ProviderArg};
use crate::error::{Error, Result};
use crate::events::Api;
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

/// How requests authenticate. The secret never appears in `Debug` output.
#[derive(Clone)]
pub enum Credential {
    /// `Authorization: Bearer …` (OpenAI keys, Entra ID tokens).
    Bearer(String),
    /// Azure's `api-key: …` header.
    ApiKey(String),
}

impl Credential {
    pub fn secret(&self) -> &str {
        match self {
            Credential::Bearer(s) | Credential::ApiKey(s) => s,
        }
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credential::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Credential::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub provider: Provider,
    pub credential: Credential,
    pub organization: Option<String>,
    pub project: Option<String>,
    /// The API generation asked for explicitly (flag, env or profile), if any.
    pub api: Option<Api>,
    pub max_retries: u32,
    pub connect_timeout: Duration,
    pub idle_timeout: Duration,
    /// How long to keep retrying a request refused because the thread is busy.
    pub busy_wait: Duration,
    pub json: bool,
    /// What the profile contributes to `ask` and `thread new` (their flags win over it).
    pub profile: Profile,
}

/// Reads an environment variable, treating an empty value as unset.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn load(args: &GlobalArgs) -> Result<Config> {
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

        let seconds = |v: Option<f64>, p: Option<f64>, default: f64, what: &str| {
            let s = v.or(p).unwrap_or(default);
            let zero_ok = what == "--busy-wait";
            if s.is_finite() && (s > 0.0 || (zero_ok && s == 0.0)) {
                Ok(Duration::from_secs_f64(s))
            } else {
                Err(Error::usage(format!(
                    "{what} must be a positive number of seconds"
                )))
            }
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

        let credential = credential(&provider, &profile)?;
        if let Some(url) = insecure_url(&provider) {
            if env("ASST_ALLOW_HTTP").as_deref() != Some("1") {
                return Err(Error::config(format!(
                    "refusing to send credentials in clear text to {url}"
                ))
                .with_hint("use https, or set ASST_ALLOW_HTTP=1 if this network is trusted"));
            }
        }

        Ok(Config {
            provider,
            credential,
            organization: env("OPENAI_ORG_ID").or_else(|| profile.organization.clone()),
            project: env("OPENAI_PROJECT_ID").or_else(|| profile.project.clone()),
            api,
            max_retries: args.max_retries.or(profile.max_retries).unwrap_or(2),
            connect_timeout,
            idle_timeout,
            busy_wait,
            json: args.json,
            profile,
        })
    }
}

/// Where the config file is looked for when neither `--config` nor `ASST_CONFIG` names one.
pub fn default_config_path() -> Option<PathBuf> {
    if let Some(dir) = env("XDG_CONFIG_HOME") {
        return Some(PathBuf::from(dir).join("asst/config.toml"));
    }
    env("HOME").map(|home| PathBuf::from(home).join(".config/asst/config.toml"))
}

fn load_profile(explicit: Option<&Path>, name: Option<&str>) -> Result<Profile> {
    let (path, must_exist) = match explicit {
        Some(p) => (Some(p.to_path_buf()), true),
        None => (default_config_path(), false),
    };
    let text = match &path {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => None,
            Err(e) => {
                return Err(Error::config(format!(
                    "cannot read config file {}: {e}",
                    p.display()
                )))
            }
        },
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
        Some(n) => file.profiles.get(&n).cloned().ok_or_else(|| {
            let known: Vec<_> = file.profiles.keys().map(String::as_str).collect();
            let place = path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "the config file".into());
            Error::config(format!("no profile '{n}' in {place}")).with_hint(if known.is_empty() {
                "the file defines no [profiles.NAME] tables".to_string()
            } else {
                format!("known profiles: {}", known.join(", "))
            })
        }),
        None => Ok(file.profiles.get("default").cloned().unwrap_or_default()),
    }
}

fn check_url(url: &str, what: &str) -> Result<String> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::config(format!("{what} '{url}' is not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::config(format!(
            "{what} '{url}' must be an http:// or https:// URL"
        )));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// The resource URL of an Azure endpoint: the portal also shows it with `/openai/v1` (or
/// `/openai`) appended, and asst adds those parts itself.
fn azure_resource(endpoint: &str) -> String {
    let e = endpoint.trim_end_matches('/');
    let e = e
        .strip_suffix("/openai/v1")
        .or_else(|| e.strip_suffix("/openai"))
        .unwrap_or(e);
    e.to_string()
}

/// A plain-http URL to a host that is not this machine: keys would cross the network in clear.
fn insecure_url(provider: &Provider) -> Option<&str> {
    let url = match provider {
        Provider::OpenAi { base_url } => base_url,
        Provider::Azure { endpoint, .. } => endpoint,
    };
    let parsed = reqwest::Url::parse(url).ok()?;
    if parsed.scheme() != "http" {
        return None;
    }
    let host = parsed.host_str()?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    (!loopback).then_some(url.as_str())
}

fn credential(provider: &Provider, profile: &Profile) -> Result<Credential> {
    let key_cmd = env("ASST_API_KEY_CMD").or_else(|| profile.api_key_cmd.clone());
    match provider {
        Provider::OpenAi { .. } => {
            if let Some(key) = env("OPENAI_API_KEY") {
                return Ok(Credential::Bearer(key));
            }
            if let Some(cmd) = key_cmd {
                return run_secret_cmd(&cmd, "the API key command").map(Credential::Bearer);
            }
            Err(Error::config("no API key: set OPENAI_API_KEY")
                .with_hint("or ASST_API_KEY_CMD / api_key_cmd in a profile; for Azure set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY"))
        }
        Provider::Azure { .. } => {
            if let Some(key) = env("AZURE_OPENAI_API_KEY") {
                return Ok(Credential::ApiKey(key));
            }
            if let Some(token) = env("AZURE_OPENAI_AD_TOKEN") {
                return Ok(Credential::Bearer(token));
            }
            if let Some(cmd) = key_cmd {
                return run_secret_cmd(&cmd, "the API key command").map(Credential::ApiKey);
            }
            if let Some(cmd) =
                env("ASST_AZURE_TOKEN_CMD").or_else(|| profile.azure_token_cmd.clone())
            {
                return run_secret_cmd(&cmd, "the token command").map(Credential::Bearer);
            }
            Err(Error::config(
                "no Azure credentials: set AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN",
            )
            .with_hint("or ASST_API_KEY_CMD / ASST_AZURE_TOKEN_CMD (e.g. az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv)"))
        }
    }
}

/// Runs a user's command through `sh -c` and takes its trimmed standard output as a secret.
/// Its standard error passes through (a password manager may prompt there).
fn run_secret_cmd(cmd: &str, what: &str) -> Result<String> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Error::config(format!("cannot run {what}: {e}")))?;
    if !out.status.success() {
        return Err(Error::config(format!("{what} failed ({})", out.status)));
    }
    let secret = String::from_utf8(out.stdout)
        .map_err(|_| Error::config(format!("{what} printed something that is not UTF-8")))?;
    let secret = secret.trim();
    if secret.is_empty() {
        return Err(Error::config(format!("{what} printed nothing")));
    }
    Ok(secret.to_string())
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
    }
}
