//! The HTTP client: URL shapes per provider and API family, credentials, retries before an
//! answer has started, forgiving error bodies, and the SSE event stream.
//!
//! A request is retried only while no response body has been consumed: once a stream has
//! started, nothing here sends it again (a re-sent POST would start a second run).

use crate::config::{Config, Credential, Provider};
use crate::error::{Error, Kind, Result};
use crate::events::Api;
use crate::output::notice;
use crate::sse::{Decoder, SseEvent};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;
use std::time::Duration;

pub struct Http {
    client: reqwest::Client,
    provider: Provider,
    credential: Credential,
    headers: HeaderMap,
    max_retries: u32,
    idle_timeout: Duration,
    busy_wait: Duration,
}

impl Http {
    pub fn new(config: &Config) -> Result<Http> {
        let mut headers = HeaderMap::new();
        let mut add = |name: &'static str, value: &str, sensitive: bool| -> Result<()> {
            let mut v = HeaderValue::from_str(value).map_err(|_| {
                Error::config(format!(
                    "the value for the {name} header has invalid characters"
                ))
            })?;
            v.set_sensitive(sensitive);
            headers.insert(name, v);
            Ok(())
        };
        match &config.credential {
            Credential::Bearer(token) => add("authorization", &format!("Bearer {token}"), true)?,
            Credential::ApiKey(key) => add("api-key", key, true)?,
        }
        if let Provider::OpenAi { .. } = config.provider {
            if let Some(org) = &config.organization {
                add("openai-organization", org, false)?;
            }
            if let Some(project) = &config.project {
                add("openai-project", project, false)?;
            }
        }
        let mut client = reqwest::Client::builder()
            .user_agent(concat!("asst/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(config.connect_timeout);
        let base = match &config.provider {
            Provider::OpenAi { base_url } => base_url,
            Provider::Azure { endpoint, .. } => endpoint,
        };
        if base.starts_with("http://") {
            // Plain HTTP (a local server): loading the system's root certificates would
            // cost about 3 ms of every start for connections that never use TLS.
            client = client.tls_certs_only([]);
        }
        let client = client
            .build()
            .map_err(|e| Error::config(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Http {
            client,
            provider: config.provider.clone(),
            credential: config.credential.clone(),
            headers,
            max_retries: config.max_retries,
            idle_timeout: config.idle_timeout,
            busy_wait: config.busy_wait,
        })
    }

    /// How long asst waits on a silent server; also the budget for polling a recovery.
    pub fn idle_timeout(&self) -> Duration {
        self.idle_timeout
    }

    /// The full URL of an API path (`/responses`, `/threads/x/runs`) for a family.
    pub fn url(&self, api: Api, path: &str) -> String {
        match (&self.provider, api) {
            (Provider::OpenAi { base_url }, _) => format!("{base_url}{path}"),
            (Provider::Azure { endpoint, .. }, Api::Responses) => {
                format!("{endpoint}/openai/v1{path}")
            }
            (Provider::Azure { endpoint, .. }, Api::Assistants) => {
                format!("{endpoint}/openai{path}")
            }
        }
    }

    fn request(
        &self,
        method: Method,
        api: Api,
        path: &str,
        query: &[(&str, &str)],
    ) -> RequestBuilder {
        let mut url = self.url(api, path);
        // The base URL was validated and ids in paths were checked; were parsing to fail
        // anyway, reqwest reports the bad URL when the request is sent.
        if let Ok(mut parsed) = reqwest::Url::parse(&url) {
            {
                let mut pairs = parsed.query_pairs_mut();
                if let (Api::Assistants, Provider::Azure { api_version, .. }) =
                    (api, &self.provider)
                {
                    pairs.append_pair("api-version", api_version);
                }
                for (k, v) in query {
                    pairs.append_pair(k, v);
                }
            }
            if parsed.query() == Some("") {
                parsed.set_query(None);
            }
            url = parsed.into();
        }
        let mut req = self
            .client
            .request(method, url)
            .headers(self.headers.clone());
        if api == Api::Assistants {
            req = req.header("openai-beta", "assistants=v2");
        }
        req
    }

    pub async fn get<T: DeserializeOwned>(
        &self,
        api: Api,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T> {
        let resp = self
            .send(|| self.request(Method::GET, api, path, query))
            .await?;
        self.read_json(resp).await
    }

    pub async fn post<T: DeserializeOwned>(&self, api: Api, path: &str, body: &Value) -> Result<T> {
        let resp = self
            .send(|| with_json(self.request(Method::POST, api, path, &[]), body))
            .await?;
        self.read_json(resp).await
    }

    /// Uploads a file as `multipart/form-data`, streamed from disk. A retry re-reads it
    /// (and counts its bytes again in `sent`, which only feeds the progress line).
    pub async fn upload<T: DeserializeOwned>(
        &self,
        api: Api,
        path: &str,
        fields: &[(&str, &str)],
        file: &crate::upload::LocalFile,
        sent: std::sync::Arc<std::sync::atomic::AtomicU64>,
    ) -> Result<T> {
        use crate::upload::MultipartFile;
        let resp = self
            .send(|| {
                let body = MultipartFile::new(fields, file, sent.clone());
                self.request(Method::POST, api, path, &[])
                    .header("content-type", MultipartFile::content_type())
                    .header("content-length", body.content_length())
                    .body(reqwest::Body::wrap(body))
            })
            .await?;
        self.read_json(resp).await
    }

    pub async fn delete(&self, api: Api, path: &str) -> Result<()> {
        let resp = self
            .send(|| self.request(Method::DELETE, api, path, &[]))
            .await?;
        self.read_json::<Value>(resp).await.map(|_| ())
    }

    /// POSTs a streaming request and returns its event stream once the server has accepted it.
    pub async fn stream(
        &self,
        api: Api,
        path: &str,
        query: &[(&str, &str)],
        body: &Value,
    ) -> Result<EventStream> {
        let resp = self
            .send(|| {
                let req = self.request(Method::POST, api, path, query);
                with_json(req.header("accept", "text/event-stream"), body)
            })
            .await?;
        Ok(EventStream {
            resp,
            decoder: Decoder::new(),
            ended: false,
            idle_timeout: self.idle_timeout,
        })
    }

    async fn read_json<T: DeserializeOwned>(&self, resp: reqwest::Response) -> Result<T> {
        let bytes = tokio::time::timeout(self.idle_timeout, resp.bytes())
            .await
            .map_err(|_| idle_error(self.idle_timeout))?
            .map_err(|e| self.transport_error(&e))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| Error::failed(format!("the server sent a response asst cannot read: {e}")))
    }

    /// Sends a request, retrying connection failures and retryable statuses (408, 409, 429,
    /// 5xx) with jittered exponential backoff that honours `retry-after(-ms)`, and waiting
    /// (up to `busy_wait`) while another run holds the thread. Only a response that is not a
    /// success is retried: a stream that has started is handed over and never re-sent.
    async fn send(&self, build: impl Fn() -> RequestBuilder) -> Result<reqwest::Response> {
        let mut attempt = 0;
        let mut busy_waited = Duration::ZERO;
        loop {
            let outcome = tokio::time::timeout(self.idle_timeout, build().send()).await;
            let (delay, why) = match outcome {
                Err(_) => return Err(idle_error(self.idle_timeout)),
                Ok(Ok(resp)) if resp.status().is_success() => return Ok(resp),
                Ok(Ok(resp)) => {
                    let status = resp.status();
                    let retry_hint = retry_after(resp.headers());
                    let body = self.body_text(resp).await;
                    let secret = self.credential.secret();
                    let error = classify(status.as_u16(), &body, &self.provider, secret);
                    if error.kind == Kind::Busy {
                        // 1 s, 2 s, 4 s … within the budget; then the busy error stands.
                        let step = Duration::from_secs(1 << busy_waited.as_secs().max(1).ilog2());
                        let delay = step.min(self.busy_wait.saturating_sub(busy_waited));
                        if delay.is_zero() {
                            return Err(error);
                        }
                        busy_waited += delay;
                        notice(&format!(
                            "the thread is busy; retrying in {:.1}s",
                            delay.as_secs_f64()
                        ));
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    if attempt >= self.max_retries || !retryable(status) {
                        return Err(error);
                    }
                    let delay = retry_hint.unwrap_or_else(|| backoff(attempt));
                    (delay, format!("HTTP {}", status.as_u16()))
                }
                Ok(Err(e)) => {
                    let transient = e.is_connect() || e.is_timeout() || e.is_request();
                    if attempt >= self.max_retries || !transient {
                        return Err(self.transport_error(&e));
                    }
                    (backoff(attempt), self.transport_error(&e).message)
                }
            };
            attempt += 1;
            notice(&format!(
                "{why}; retrying in {:.1}s ({attempt}/{})",
                delay.as_secs_f64(),
                self.max_retries
            ));
            tokio::time::sleep(delay).await;
        }
    }

    async fn body_text(&self, resp: reqwest::Response) -> String {
        tokio::time::timeout(self.idle_timeout, resp.text())
            .await
            .ok()
            .and_then(|r| r.ok())
            .unwrap_or_default()
    }

    fn transport_error(&self, e: &reqwest::Error) -> Error {
        let host = e
            .url()
            .and_then(|u| {
                u.host_str().map(|h| match u.port() {
                    Some(p) => format!("{h}:{p}"),
                    None => h.to_string(),
                })
            })
            .unwrap_or_else(|| "the server".into());
        let message = if e.is_connect() {
            format!("cannot connect to {host}")
        } else if e.is_timeout() {
            format!("timed out talking to {host}")
        } else {
            format!("the connection to {host} failed")
        };
        let mut cause = std::error::Error::source(e);
        let mut detail = None;
        while let Some(c) = cause {
            detail = Some(c.to_string());
            cause = c.source();
        }
        let message = match detail {
            Some(d) => format!("{message}: {d}"),
            None => message,
        };
        Error::network(redact(&message, self.credential.secret()))
    }
}

fn with_json(req: RequestBuilder, body: &Value) -> RequestBuilder {
    req.header("content-type", "application/json")
        .body(body.to_string())
}

fn idle_error(idle: Duration) -> Error {
    Error::network(format!(
        "the server sent nothing for {}s",
        idle.as_secs_f64()
    ))
    .with_hint("raise --idle-timeout (ASST_IDLE_TIMEOUT) if answers take longer to start")
}

fn retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The server's requested delay, capped at a minute (a longer one is not worth waiting on).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let get = |name| headers.get(name)?.to_str().ok()?.trim().parse::<f64>().ok();
    let secs = get("retry-after-ms")
        .map(|ms| ms / 1000.0)
        .or_else(|| get("retry-after"))?;
    (secs.is_finite() && (0.0..=60.0).contains(&secs)).then(|| Duration::from_secs_f64(secs))
}

/// 0.5 s, 1 s, 2 s … up to 8 s, less up to a quarter at random, so parallel scripts spread out.
fn backoff(attempt: u32) -> Duration {
    let base = (0.5 * 2f64.powi(attempt.min(4) as i32)).min(8.0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let jitter = 1.0 - 0.25 * (nanos % 1000) as f64 / 1000.0;
    Duration::from_secs_f64(base * jitter)
}

/// Replaces every occurrence of the secret, so a server echoing the key never shows it.
pub fn redact(text: &str, secret: &str) -> String {
    if secret.len() < 4 {
        return text.to_string();
    }
    text.replace(secret, "<redacted>")
}

/// The parts of an API error body asst uses. Every field may be missing, `code` may be a
/// string or a number, and the body may not be JSON at all.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ApiError {
    pub message: Option<String>,
    pub code: Option<String>,
    pub kind: Option<String>,
}

impl ApiError {
    pub fn from_value(v: &Value) -> ApiError {
        let e = v.get("error").filter(|e| !e.is_null()).unwrap_or(v);
        let text = |key: &str| match e.get(key)? {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        ApiError {
            message: text("message").or_else(|| e.as_str().map(str::to_string)),
            code: text("code"),
            kind: text("type"),
        }
    }

    pub fn parse(body: &str) -> ApiError {
        match serde_json::from_str::<Value>(body) {
            Ok(v) => ApiError::from_value(&v),
            Err(_) => {
                let snippet: String = body.trim().chars().take(200).collect();
                ApiError {
                    message: (!snippet.is_empty()).then_some(snippet),
                    ..ApiError::default()
                }
            }
        }
    }

    /// True for the errors that mean "another run is using this thread".
    pub fn is_busy(&self) -> bool {
        self.code.as_deref() == Some("conversation_locked")
            || self.message.as_deref().is_some_and(|m| {
                m.contains("while a run") || m.contains("already has an active run")
            })
    }
}

/// Maps an HTTP error status and body to an error with the right exit code.
pub fn classify(status: u16, body: &str, provider: &Provider, secret: &str) -> Error {
    let e = ApiError::parse(body);
    let mut message = e.message.clone().unwrap_or_else(|| {
        StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("error")
            .to_string()
    });
    message = redact(message.trim_end_matches('.'), secret);
    let code = e.code.as_deref().unwrap_or("");
    let detail = if code.is_empty() || code == status.to_string() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}, {code}")
    };
    let text = format!("{message} ({detail})");
    let key_hint = match provider {
        Provider::OpenAi { .. } => "check OPENAI_API_KEY (or the key command) and OPENAI_BASE_URL",
        Provider::Azure { .. } => {
            "check AZURE_OPENAI_API_KEY (or the token) and AZURE_OPENAI_ENDPOINT"
        }
    };
    match status {
        401 | 403 => Error::new(
            Kind::Config,
            format!("the server rejected the credentials: {text}"),
        )
        .with_hint(key_hint),
        404 if code == "DeploymentNotFound" => Error::new(Kind::Config, text)
            .with_hint("on Azure, --model (ASST_MODEL) is the deployment name"),
        404 => Error::new(Kind::NotFound, text),
        429 => Error::new(Kind::RateLimited, text),
        _ if e.is_busy() => Error::new(Kind::Busy, text),
        _ if code == "insufficient_quota" || code == "rate_limit_exceeded" => {
            Error::new(Kind::RateLimited, text)
        }
        408 => Error::new(Kind::Network, text),
        500..=599 => Error::new(Kind::Failed, format!("the server failed: {text}")),
        _ => Error::new(Kind::Other, text),
    }
}

/// Server-sent events of one streaming response, read as they arrive.
pub struct EventStream {
    resp: reqwest::Response,
    decoder: Decoder,
    ended: bool,
    idle_timeout: Duration,
}

impl EventStream {
    /// The next event; `Ok(None)` when the body ended cleanly.
    ///
    /// `flush` runs whenever the next event is not at hand yet, just before waiting on the
    /// network: output written so far reaches the reader at once, and a burst of events
    /// that arrived together costs one write.
    pub async fn next(
        &mut self,
        flush: &mut dyn FnMut() -> std::io::Result<()>,
    ) -> Result<Option<SseEvent<'_>>> {
        while !self.decoder.prepare() && !self.ended {
            let read = self.resp.chunk();
            let mut read = std::pin::pin!(read);
            let mut ready = poll_now(read.as_mut()).await;
            if ready.is_pending() {
                // The body comes from hyper's connection task a piece at a time (8 KiB when
                // the server sends a lot at once): not ready may only mean that the task has
                // not run since. Let it run once before deciding that asst waits on the
                // network, or every piece would cost a flush.
                tokio::task::yield_now().await;
                ready = poll_now(read.as_mut()).await;
            }
            let chunk = match ready {
                std::task::Poll::Ready(chunk) => chunk,
                std::task::Poll::Pending => {
                    flush()?;
                    tokio::time::timeout(self.idle_timeout, read)
                        .await
                        .map_err(|_| idle_error(self.idle_timeout))?
                }
            };
            match chunk.map_err(|e| {
                Error::network(format!(
                    "the connection broke during the answer: {}",
                    root_cause(&e)
                ))
            })? {
                Some(bytes) => self.decoder.feed(&bytes),
                // An event cut off by the end of the body is not dispatched.
                None => self.ended = true,
            }
        }
        Ok(self.decoder.next_event())
    }
}

/// Polls a future once: its output if it is ready, without waiting if it is not.
async fn poll_now<F: Future>(mut f: std::pin::Pin<&mut F>) -> std::task::Poll<F::Output> {
    std::future::poll_fn(|cx| std::task::Poll::Ready(f.as_mut().poll(cx))).await
}

fn root_cause(e: &dyn std::error::Error) -> String {
    let mut last = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        last = c.to_string();
        cause = c.source();
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn openai() -> Provider {
        Provider::OpenAi {
            base_url: "https://api.openai.com/v1".into(),
        }
    }

    #[test]
    fn error_bodies_are_read_forgivingly() {
        let e = classify(
            404,
            r#"{"error":{"code":"404","message":"Resource not found"}}"#,
            &openai(),
            "sk-x",
        );
        assert_eq!(e.kind, Kind::NotFound);
        assert_eq!(e.message, "Resource not found (HTTP 404)");

        let e = classify(
            404,
            r#"{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}"#,
            &openai(),
            "sk-x",
        );
        assert_eq!(e.kind, Kind::Config);

        let e = classify(500, "<html>oops</html>", &openai(), "sk-x");
        assert_eq!(e.kind, Kind::Failed);
        assert!(e.message.contains("<html>oops</html>"), "{}", e.message);

        let e = classify(
            400,
            r#"{"error":{"message":null,"code":null}}"#,
            &openai(),
            "sk-x",
        );
        assert_eq!(e.message, "Bad Request (HTTP 400)");

        let e = classify(
            400,
            r#"{"error":{"message":"Another process is currently operating on this conversation. Please retry in a few seconds.","type":"invalid_request_error","param":"conversation","code":"conversation_locked"}}"#,
            &openai(),
            "sk-x",
        );
        assert_eq!(e.kind, Kind::Busy);

        let e = classify(
            401,
            r#"{"error":{"message":"Incorrect API key provided: sk-secret-key"}}"#,
            &openai(),
            "sk-secret-key",
        );
        assert_eq!(e.kind, Kind::Config);
        assert!(!e.message.contains("sk-secret-key"));
    }

    #[test]
    fn retry_after_headers() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after-ms", HeaderValue::from_static("150"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(150)));
        h.insert("retry-after-ms", HeaderValue::from_static("999999"));
        assert_eq!(retry_after(&h), None);
        assert!(backoff(0) <= Duration::from_millis(500));
        assert!(backoff(10) <= Duration::from_secs(8));
    }
}
