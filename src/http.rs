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
    /// The headers the client adds to every request (organization, project).
    defaults: HeaderMap,
    /// The credential every request carries; shared with [`Http::for_uploads`], so that a
    /// renewed one serves both.
    auth: Option<std::sync::Arc<Auth>>,
    provider: Provider,
    /// The URL each API family's paths go under, parsed once: parsing a URL (its host
    /// through IDNA) costs more than the rest of building a request.
    bases: [reqwest::Url; 2],
    max_retries: u32,
    idle_timeout: Duration,
    busy_wait: Duration,
    /// How this client's requests are spaced once the server has limited them: shared, so
    /// that questions asked side by side slow down together instead of each learning it
    /// from a 429 of its own.
    pace: std::sync::Arc<std::sync::Mutex<Pace>>,
    /// Rate limits are waited out more often than `max_retries` (`batch`).
    patient: bool,
    /// What it was made from, for [`Http::for_uploads`].
    config: Config,
}

/// The spacing of requests, learned from 429s as TCP learns a window: doubled when the
/// server refuses, eased by [`Pace::EASE`] with each request that goes through. None until
/// the server first limits, so that nothing is paced that need not be.
#[derive(Debug, Default)]
struct Pace {
    /// No request before this: a 429's `retry-after`, or a limit the headers say is spent.
    hold: Option<tokio::time::Instant>,
    interval: Duration,
    /// When the next request may go.
    next: Option<tokio::time::Instant>,
    /// Counts the changes of `interval` made by 429s: one decrease per generation, as TCP
    /// makes one per window.
    generation: u64,
}

impl Pace {
    const FIRST: Duration = Duration::from_millis(20);
    const LONGEST: Duration = Duration::from_secs(10);
    const SHORTEST: Duration = Duration::from_micros(500);
    const EASE: f64 = 0.97;
}

/// Every request's `user-agent`.
const USER_AGENT: &str = concat!("asst/", env!("CARGO_PKG_VERSION"));

/// 429s a patient client waits out for one request.
const PATIENT_RETRIES: u32 = 20;

impl Http {
    pub fn new(config: &Config) -> Result<Http> {
        Http::made(config, true)
    }

    /// A client; `keepalive`: TCP keep-alive probes on its connections, which keep a silent
    /// stream (a model thinking for minutes) alive through NATs and firewalls.
    fn made(config: &Config, keepalive: bool) -> Result<Http> {
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
        if let Provider::OpenAi { .. } = config.provider {
            if let Some(org) = &config.organization {
                add("openai-organization", org, false)?;
            }
            if let Some(project) = &config.project {
                add("openai-project", project, false)?;
            }
        }
        let base = config.provider.url();
        let mut client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            // The organization and project on every request, as the client's own (the
            // credential goes on each request: it may be renewed).
            .default_headers(headers.clone())
            .connect_timeout(config.connect_timeout)
            // An idle timer on every read, the response head's included: a server that
            // trickles is not silent, one that says nothing for this long is.
            .read_timeout(config.idle_timeout)
            // The API never redirects. Following one would send the key (reqwest strips
            // `Authorization` across hosts, not Azure's `api-key`) wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            // asst alone decides what is sent again (see `send`): reqwest's own retries,
            // of HTTP/2 refusals, would resend a POST that asst counts as sent once.
            .retry(reqwest::retry::never())
            // Below the keep-alive of common servers (uvicorn closes idle ones after 5 s),
            // so that a pooled connection is seldom one the server is closing.
            .pool_idle_timeout(Duration::from_secs(4));
        if !keepalive {
            // Four fewer system calls a connection (reqwest's keep-alive settings; the
            // user timeout, which gives up on data the peer never acknowledges, stays).
            client = client
                .tcp_keepalive(None)
                .tcp_keepalive_interval(None)
                .tcp_keepalive_retries(None);
        }
        if crate::config::is_loopback(base) {
            // As curl does: this machine is never reached through a proxy, which would
            // see a plain-http request, key included, in clear.
            client = client.no_proxy();
        }
        if base.starts_with("http://") {
            // Plain HTTP (a local server): loading the system's root certificates would
            // cost about 3 ms of every start for connections that never use TLS.
            client = client.tls_certs_only([]);
        }
        let client = client.build().map_err(|e| client_error(&e))?;
        let base = |api| {
            let url = base_of(&config.provider, api);
            reqwest::Url::parse(&url).map_err(|e| {
                Error::config(format!(
                    "'{}' is not a URL: {e}",
                    crate::config::shown_url(&url)
                ))
            })
        };
        Ok(Http {
            client,
            defaults: headers,
            auth: Auth::new(config)?.map(std::sync::Arc::new),
            bases: [base(Api::Responses)?, base(Api::Assistants)?],
            provider: config.provider.clone(),
            max_retries: config.max_retries,
            idle_timeout: config.idle_timeout,
            busy_wait: config.busy_wait,
            pace: std::sync::Arc::default(),
            patient: false,
            config: config.clone(),
        })
    }

    /// A client of its own for uploads, which are never silent (the request is being sent,
    /// then answered at once): no keep-alive probes. Its connections live on the runtime of
    /// the thread that uses it; it is paced together with this one.
    pub fn for_uploads(&self) -> Result<Http> {
        let mut http = Http::made(&self.config, false)?;
        http.pace = self.pace.clone();
        http.auth = self.auth.clone();
        http.patient = self.patient;
        Ok(http)
    }

    /// The same client, waiting out rate limits up to 20 times a request (`batch`: a
    /// question paced is better than a question failed).
    pub fn patient(mut self) -> Http {
        self.patient = true;
        self
    }

    /// Waits until this request may be sent (see [`Pace`]); the pace's generation it was
    /// sent at. A turn taken before the pace changed is given up for one at the new pace.
    async fn wait_turn(&self) -> u64 {
        let mut turn: Option<u64> = None;
        loop {
            let until = {
                let mut pace = self.pace.lock().unwrap_or_else(|e| e.into_inner());
                let now = tokio::time::Instant::now();
                match pace.hold {
                    Some(hold) if hold > now => hold,
                    _ if turn == Some(pace.generation) || pace.interval.is_zero() => {
                        return pace.generation
                    }
                    _ => {
                        let slot = pace.next.map_or(now, |n| n.max(now));
                        pace.next = Some(slot + pace.interval);
                        turn = Some(pace.generation);
                        slot
                    }
                }
            };
            tokio::time::sleep_until(until).await;
        }
    }

    /// The server limited a request sent at pace `generation`: everything waits `delay`,
    /// and requests are spaced twice as far apart, unless the request was sent before the
    /// last such change (its 429 says nothing of the pace since).
    fn limited(&self, delay: Duration, generation: u64) {
        let now = tokio::time::Instant::now();
        let until = now + delay.min(Duration::from_secs_f64(MAX_RETRY_AFTER));
        let mut pace = self.pace.lock().unwrap_or_else(|e| e.into_inner());
        if generation == pace.generation {
            pace.interval = (pace.interval * 2).clamp(Pace::FIRST, Pace::LONGEST);
            pace.generation += 1;
        }
        if pace.hold.is_none_or(|h| h < until) {
            pace.hold = Some(until);
        }
    }

    /// A request went through: the spacing shrinks a little, back to none.
    fn went_through(&self) {
        let mut pace = self.pace.lock().unwrap_or_else(|e| e.into_inner());
        if !pace.interval.is_zero() {
            pace.interval = pace.interval.mul_f64(Pace::EASE);
            if pace.interval < Pace::SHORTEST {
                pace.interval = Duration::ZERO;
                pace.next = None;
            }
        }
    }

    /// Reads the rate-limit headers of any answer: none left means waiting for the reset.
    fn note_limits(&self, headers: &HeaderMap) {
        if let Some(wait) = exhausted(headers) {
            let until =
                tokio::time::Instant::now() + wait.min(Duration::from_secs_f64(MAX_RETRY_AFTER));
            let mut pace = self.pace.lock().unwrap_or_else(|e| e.into_inner());
            if pace.hold.is_none_or(|h| h < until) {
                pace.hold = Some(until);
            }
        }
    }

    /// The error an HTTP status and body are, as this client's requests report them.
    pub fn classify(&self, status: u16, body: &str) -> Error {
        classify(status, body, &self.provider)
    }

    /// GETs a body to read piece by piece (a Batch API output file).
    pub async fn download(&self, api: Api, path: &str) -> Result<Download> {
        let resp = self
            .send(Method::GET, |m| self.request(m, api, path, &[]))
            .await?;
        Ok(Download {
            resp,
            idle_timeout: self.idle_timeout,
        })
    }

    /// How long asst waits on a silent server; also the budget for polling a recovery.
    pub fn idle_timeout(&self) -> Duration {
        self.idle_timeout
    }

    /// Retries a failed request gets; also how many fruitless resumes of a stream.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// GETs an event stream (a background response, resumed).
    pub async fn stream_get(
        &self,
        api: Api,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<EventStream> {
        let resp = self
            .send(Method::GET, |m| {
                events_wanted(self.request(m, api, path, query))
            })
            .await?;
        self.event_stream(resp).await
    }

    /// A successful reply to a streaming request, as a stream; a web page (which the
    /// forgiving event decoder would read as a stream without events) is an error.
    async fn event_stream(&self, mut resp: reqwest::Response) -> Result<EventStream> {
        let mut decoder = Decoder::new();
        if content_type(&resp).is_some_and(is_html) {
            // A page, or events under the wrong type (a proxy's default): the first bytes
            // tell, and events are read as events all the same.
            let first = tokio::time::timeout(self.idle_timeout, resp.chunk())
                .await
                .map_err(|_| idle_error(self.idle_timeout))?
                .map_err(|e| self.transport_error(&e))?
                .unwrap_or_default();
            if first.is_empty() || first.trim_ascii_start().starts_with(b"<") {
                let ct = content_type(&resp).map(str::to_string);
                let (rest, _) = self.read_body(resp, MAX_ERROR_BODY).await?;
                let page = [&first[..], &rest].concat();
                return Err(self.not_json(&page, ct.as_deref(), None));
            }
            decoder.feed(&first);
        }
        Ok(EventStream {
            resp,
            decoder,
            ended: false,
            idle_timeout: self.idle_timeout,
        })
    }

    /// The URL a request to `path` goes to, as it may be shown: without the credentials a
    /// base URL can hold (USER:PASSWORD@).
    pub fn shown(&self, api: Api, path: &str) -> String {
        let mut url = self.url(api, path, &[]);
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.into()
    }

    /// The headers a POST to `path` would carry, for showing a request that is not sent
    /// (`ask --dry-run`): those of the request as [`Http::post`] or [`Http::stream`]
    /// builds it, with the client's own, and `credential` (a header's name and what stands
    /// for its value) in place of the one never read. The connection's own (`host`,
    /// `content-length`) are the connection's to add. `streamed`: an answer's request.
    pub fn shown_headers(
        &self,
        api: Api,
        path: &str,
        streamed: bool,
        credential: Option<&(&'static str, String)>,
    ) -> serde_json::Map<String, Value> {
        let mut req = self.request(Method::POST, api, path, &[]);
        if streamed {
            req = events_wanted(req);
        }
        let mut headers = with_json(req, &bytes::Bytes::new())
            .build()
            .map(|r| r.headers().clone())
            .unwrap_or_default();
        // reqwest makes Basic credentials of a base URL's user and password; a question
        // never sends them (beside a key they are refused, and without one so is the
        // question), and they are not shown.
        headers.remove(reqwest::header::AUTHORIZATION);
        for (name, value) in &self.defaults {
            headers.entry(name).or_insert_with(|| value.clone());
        }
        headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_static(USER_AGENT),
        );
        // reqwest's own when a request sets none.
        headers
            .entry(reqwest::header::ACCEPT)
            .or_insert_with(|| HeaderValue::from_static("*/*"));
        let mut shown: serde_json::Map<String, Value> = headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_string(), Value::from(value))
            })
            .collect();
        if let Some((name, value)) = credential {
            shown.insert(name.to_string(), Value::from(value.as_str()));
        }
        shown
    }

    /// The full URL of an API path (`/responses`, `/threads/x/runs`) for a family, with a
    /// query.
    fn url(&self, api: Api, path: &str, query: &[(&str, &str)]) -> reqwest::Url {
        let mut url = match api {
            Api::Responses => self.bases[0].clone(),
            Api::Assistants => self.bases[1].clone(),
        };
        let under = url.path().trim_end_matches('/').len();
        let mut full = String::with_capacity(under + path.len());
        full.push_str(&url.path()[..under]);
        full.push_str(path);
        url.set_path(&full);
        let api_version = match (api, &self.provider) {
            (Api::Assistants, Provider::Azure { api_version, .. }) => Some(api_version),
            _ => None,
        };
        if api_version.is_some() || !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            if let Some(v) = api_version {
                pairs.append_pair("api-version", v);
            }
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    fn request(
        &self,
        method: Method,
        api: Api,
        path: &str,
        query: &[(&str, &str)],
    ) -> RequestBuilder {
        let url = self.url(api, path, query);
        let mut req = self.client.request(method, url);
        if let Some(auth) = &self.auth {
            req = req.header(auth.name.clone(), auth.current().0);
        }
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
            .send(Method::GET, |m| self.request(m, api, path, query))
            .await?;
        self.read_json(resp).await
    }

    pub async fn post<T: DeserializeOwned>(
        &self,
        api: Api,
        path: &str,
        body: &(impl serde::Serialize + ?Sized),
    ) -> Result<T> {
        let body = json_body(body)?;
        let resp = self
            .send(Method::POST, |m| {
                with_json(self.request(m, api, path, &[]), &body)
            })
            .await?;
        self.read_json(resp).await
    }

    /// POSTs without a body (an action on an object: cancel).
    pub async fn post_empty<T: DeserializeOwned>(&self, api: Api, path: &str) -> Result<T> {
        let resp = self
            .send(Method::POST, |m| {
                self.request(m, api, path, &[])
                    .header("content-length", "0")
            })
            .await?;
        self.read_json(resp).await
    }

    /// Uploads a file as `multipart/form-data`, streamed from disk. A retry re-reads it
    /// (and counts its bytes again in `sent`, which only feeds the progress line); `whole`
    /// learns the fingerprint of what the last attempt sent.
    pub async fn upload<T: DeserializeOwned>(
        &self,
        api: Api,
        path: &str,
        fields: &[(&str, &str)],
        file: &crate::upload::LocalFile,
        sent: std::sync::Arc<std::sync::atomic::AtomicU64>,
        whole: Option<&crate::upload::Sent>,
    ) -> Result<T> {
        use crate::upload::MultipartFile;
        // Opened before the request, so that a file that cannot be read is not sent as a
        // body that breaks off; the first attempt reads it, a retry opens it again.
        let opened = std::sync::Mutex::new(Some(file.open()?));
        let resp = self
            .send(Method::POST, |m| {
                let first = opened.lock().unwrap_or_else(|e| e.into_inner()).take();
                let body = MultipartFile::new(fields, file, first, sent.clone(), whole.cloned());
                self.request(m, api, path, &[])
                    .header("content-type", MultipartFile::CONTENT_TYPE)
                    .header("content-length", body.content_length())
                    .body(reqwest::Body::wrap(body))
            })
            .await?;
        self.read_json(resp).await
    }

    /// Deletes; an empty success (204, as some compatible servers answer) is one too.
    pub async fn delete(&self, api: Api, path: &str) -> Result<()> {
        let resp = self
            .send(Method::DELETE, |m| self.request(m, api, path, &[]))
            .await?;
        if resp.status() == reqwest::StatusCode::NO_CONTENT {
            return Ok(());
        }
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
        let body = json_body(body)?;
        let resp = self
            .send(Method::POST, |m| {
                let req = self.request(m, api, path, query);
                with_json(events_wanted(req), &body)
            })
            .await?;
        self.event_stream(resp).await
    }

    async fn read_json<T: DeserializeOwned>(&self, resp: reqwest::Response) -> Result<T> {
        // Kept for an error only: a header value is shared, not copied.
        let ct = resp.headers().get(reqwest::header::CONTENT_TYPE).cloned();
        let (bytes, whole) = self.read_body(resp, MAX_JSON_BODY).await?;
        if !whole {
            return Err(Error::failed(format!(
                "the server's reply is larger than {} MiB; asst does not read it",
                MAX_JSON_BODY >> 20
            )));
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            let ct = ct.as_ref().and_then(|v| v.to_str().ok());
            self.not_json(&bytes, ct, Some(e))
        })
    }

    /// The error for a successful reply that is not the JSON asst asked for. A web page
    /// means the address is not the API's (a web app's, a proxy's login page), which no
    /// retry mends: a configuration error. Anything else says what it is, in a few words.
    fn not_json(
        &self,
        body: &[u8],
        content_type: Option<&str>,
        parse: Option<serde_json::Error>,
    ) -> Error {
        let text = String::from_utf8_lossy(body);
        let page = content_type.is_some_and(is_html) || text.trim_start().starts_with('<');
        if page {
            let title = html_title(&text).map(|t| format!(" ({})", one_line(t, 80)));
            return Error::new(
                Kind::Config,
                format!(
                    "the server answered with a web page{}, not the API's JSON",
                    title.unwrap_or_default()
                ),
            )
            .with_hint(match self.provider {
                Provider::OpenAi { .. } => "check OPENAI_BASE_URL (or --base-url): the API's address, ending in /v1, not a web app's; or a proxy in between that wants a login",
                Provider::Azure { .. } => "check AZURE_OPENAI_ENDPOINT: the resource's endpoint (https://NAME.openai.azure.com), not a web app's; or a proxy in between that wants a login",
            });
        }
        let json = content_type.is_some_and(|t| t.to_ascii_lowercase().contains("json"))
            || text.trim_start().starts_with(['{', '[']);
        match parse {
            Some(e) if json || text.trim().is_empty() => {
                Error::failed(format!("the server sent a response asst cannot read: {e}"))
            }
            _ => Error::failed(format!(
                "the server's reply is not JSON{}: {}",
                content_type.map(|t| format!(" ({t})")).unwrap_or_default(),
                one_line(&text, 120)
            )),
        }
    }

    /// Reads a body up to `limit` bytes; the flag says whether that was all of it. What is
    /// past the limit is never read (the connection is dropped with the response).
    async fn read_body(
        &self,
        mut resp: reqwest::Response,
        limit: usize,
    ) -> Result<(Vec<u8>, bool)> {
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        let room = limit - body.len();
                        body.extend_from_slice(&chunk[..room]);
                        return Ok((body, false));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok((body, true)),
                Err(e) => return Err(self.transport_error(&e)),
            }
        }
    }

    /// Sends a request, retrying connection failures and retryable statuses (408, 409, 429,
    /// 5xx) with jittered exponential backoff that honours `retry-after(-ms)`, and waiting
    /// (up to `busy_wait`) while another run holds the thread. Only a response that is not a
    /// success is retried: a stream that has started is handed over and never re-sent.
    async fn send(
        &self,
        method: Method,
        build: impl Fn(Method) -> RequestBuilder,
    ) -> Result<reqwest::Response> {
        let build = || build(method.clone());
        let mut attempt = 0;
        let mut reconnected = false;
        let mut busy_since: Option<std::time::Instant> = None;

        let mut paced = 0;
        let mut renewed = false;
        loop {
            let generation = self.wait_turn().await;
            let credential = self.auth.as_ref().map(|a| a.current().1);
            let started = std::time::Instant::now();
            let sent = build().send().await;
            if self.config.verbose {
                self.say(&method, &sent, started.elapsed());
            }
            if let Ok(resp) = &sent {
                self.note_limits(resp.headers());
                if resp.status().is_success() {
                    self.went_through();
                }
            }
            let (delay, why) = match sent {
                Ok(resp) if resp.status().is_success() => return Ok(resp),
                Ok(resp) if resp.status().is_redirection() => return Err(redirected(&resp)),
                // A refused credential from a command (a token that expired): the command
                // gives a new one, once a request, and the request, which the server did
                // nothing with, goes again.
                Ok(resp)
                    if resp.status() == StatusCode::UNAUTHORIZED
                        && !renewed
                        && self.auth.as_ref().is_some_and(|a| a.renew.is_some()) =>
                {
                    drop(resp);
                    renewed = true;
                    let (auth, seen) = (self.auth.as_ref().unwrap(), credential.unwrap_or(0));
                    // Boxed: the command's future is large, and every request's would
                    // carry it (and copy it about) otherwise.
                    Box::pin(auth.renewed(seen)).await?;
                    continue;
                }
                // A proxy's answer, in place of the server's (plain http through a proxy).
                Ok(resp) if resp.status() == StatusCode::PROXY_AUTHENTICATION_REQUIRED => {
                    let host = resp.url().host_str().unwrap_or("the server").to_string();
                    return Err(proxy_auth(&host));
                }
                Ok(resp) => {
                    let status = resp.status();
                    let retry_hint = retry_after(resp.headers());
                    let route = (status == StatusCode::NOT_FOUND)
                        .then(|| self.route_of(resp.url(), &method))
                        .flatten();
                    let request = request_id(resp.headers());
                    let body = self.body_text(resp).await;
                    let mut error = classify(status.as_u16(), &body, &self.provider)
                        .or_request(request.as_deref());
                    let fixed_token = self
                        .auth
                        .as_ref()
                        .is_some_and(|a| a.bearer && a.renew.is_none());
                    if status == StatusCode::UNAUTHORIZED
                        && fixed_token
                        && matches!(self.provider, Provider::Azure { .. })
                    {
                        error = error.with_hint("an Entra ID token lasts about an hour: ASST_AZURE_TOKEN_CMD (profile azure_token_cmd) gets a new one whenever the server refuses it");
                    }
                    if error.kind == Kind::NotFound {
                        if let Some(route) = route.filter(|r| r.names_nothing()) {
                            error = self.no_such_route(&route, error);
                        }
                    }
                    if error.kind == Kind::Busy {
                        // Poll often, at random moments, so that a freed thread is taken
                        // within about a second and waiting clients do not move in step.
                        let first = busy_since.is_none();
                        let since = *busy_since.get_or_insert_with(std::time::Instant::now);
                        let left = self.busy_wait.saturating_sub(since.elapsed());
                        if left.is_zero() {
                            return Err(error);
                        }
                        if first {
                            notice(&format!(
                                "the thread is busy; retrying for up to {}s",
                                self.busy_wait.as_secs_f64()
                            ));
                        }
                        let delay = Duration::from_secs_f64(0.2 + 0.8 * jitter());
                        tokio::time::sleep(delay.min(left)).await;
                        continue;
                    }
                    let limited = status == StatusCode::TOO_MANY_REQUESTS;
                    if limited
                        && ApiError::parse(&body).code.as_deref() == Some("insufficient_quota")
                    {
                        // Out of credit: no wait brings it back.
                        return Err(error);
                    }
                    let patient = limited && self.patient && paced < PATIENT_RETRIES;
                    if !patient && (attempt >= self.max_retries || !retryable(status)) {
                        return Err(error);
                    }
                    if let Some(wait) = retry_hint.filter(|d| d.as_secs_f64() > MAX_RETRY_AFTER) {
                        // Not worth waiting in a script; not worth hammering either.
                        let message = format!(
                            "{}; the server asks to retry after {:.0}s",
                            error.message,
                            wait.as_secs_f64()
                        );
                        return Err(Error { message, ..error });
                    }
                    let delay = retry_hint.unwrap_or_else(|| backoff(attempt));
                    if limited {
                        self.limited(delay, generation);
                    }
                    if patient {
                        // Paced, not failed: the wait is the server's, said by the caller.
                        paced += 1;
                        continue;
                    }
                    (delay, format!("HTTP {}", status.as_u16()))
                }
                Err(e) => {
                    // A server that went silent after reading the request may be working
                    // on it: it is not sent again.
                    let silent = e.is_timeout() && !e.is_connect();
                    if silent {
                        return Err(head_timeout(self.idle_timeout));
                    }
                    // A GET whose connection broke (a pooled one the server had just closed,
                    // as uvicorn does to idle keep-alives) is tried once more, quietly: it is
                    // no fault of the request. A POST is sent again only when no connection
                    // was made: once the server may have read it, a second one could start a
                    // second answer.
                    let get = method == Method::GET;
                    if get && !e.is_connect() && !reconnected {
                        reconnected = true;
                        continue;
                    }
                    let error = self.transport_error(&e);
                    // A certificate this machine does not trust stays so: not retried.
                    let transient = error.kind == Kind::Network
                        && (e.is_connect() || (get && (e.is_timeout() || e.is_request())));
                    if attempt >= self.max_retries || !transient {
                        return Err(error);
                    }
                    (backoff(attempt), error.message)
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

    /// `--verbose`: one line for a try, once it is answered (or not): what was asked, of
    /// which URL (as asst prints URLs), the status, the time to the answer's head and the
    /// server's id for the request.
    fn say(
        &self,
        method: &Method,
        sent: &std::result::Result<reqwest::Response, reqwest::Error>,
        took: Duration,
    ) {
        let ms = took.as_millis();
        let line = match sent {
            Ok(resp) => {
                let url = crate::config::shown_url(resp.url().as_str());
                let answer = format!(
                    "{method} {url}: HTTP {} after {ms} ms",
                    resp.status().as_u16()
                );
                match request_id(resp.headers()) {
                    Some(id) => format!("{answer} (request {id})"),
                    None => answer,
                }
            }
            Err(e) => {
                let url = e
                    .url()
                    .map_or_else(|| "?".to_string(), |u| crate::config::shown_url(u.as_str()));
                format!(
                    "{method} {url}: no answer after {ms} ms: {}",
                    self.transport_error(e).message
                )
            }
        };
        notice(&line);
    }

    /// The start of an error body, as text: enough for any real message, never the whole
    /// of a hostile one.
    async fn body_text(&self, resp: reqwest::Response) -> String {
        match self.read_body(resp, MAX_ERROR_BODY).await {
            Ok((bytes, _)) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => String::new(),
        }
    }

    /// A request's method and path under its API's base (`POST /conversations`).
    fn route_of(&self, url: &reqwest::Url, method: &Method) -> Option<Route> {
        let path = url.path();
        let under = self
            .bases
            .iter()
            .map(|b| b.path().trim_end_matches('/'))
            .filter(|b| path.starts_with(b))
            .max_by_key(|b| b.len())?;
        Some(Route {
            method: method.clone(),
            full: path.to_string(),
            path: path[under.len()..].to_string(),
        })
    }

    /// A 404 to a request that names no object: the server lacks the route, which no
    /// thread, store or file can be missing from.
    fn no_such_route(&self, route: &Route, e: Error) -> Error {
        Error::config(format!(
            "the server does not serve {} {}: {}",
            route.method, route.full, e.message
        ))
        .with_hint(match self.provider {
            Provider::OpenAi { .. } => "check OPENAI_BASE_URL (or --base-url): a server without the Responses and Conversations APIs cannot answer asst",
            Provider::Azure { .. } => "check AZURE_OPENAI_ENDPOINT (or --endpoint): a resource or gateway without the v1 Responses and Conversations APIs cannot answer asst",
        })
    }

    fn transport_error(&self, e: &reqwest::Error) -> Error {
        if e.is_timeout() && !e.is_connect() {
            return idle_error(self.idle_timeout);
        }
        let host = e
            .url()
            .and_then(|u| {
                u.host_str().map(|h| match u.port() {
                    Some(p) => format!("{h}:{p}"),
                    None => h.to_string(),
                })
            })
            .unwrap_or_else(|| "the server".into());
        // With a proxy, every connection is to the proxy.
        let proxy = e.url().filter(|_| e.is_connect()).and_then(proxy_for);
        let message = if let Some(p) = &proxy {
            format!(
                "cannot connect to {host} through the proxy {} ({})",
                crate::proxy::shown(&p.value),
                p.var
            )
        } else if e.is_connect() {
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
        if let Some(e) = detail
            .as_deref()
            .and_then(|d| certificate_error(d, &host).or_else(|| proxy_error(d, &host)))
        {
            return e;
        }
        let message = match detail {
            Some(d) => format!("{message}: {d}"),
            None => message,
        };
        let error = Error::network(message);
        match proxy {
            Some(p) => error.with_hint(format!(
                "check the proxy and {}, or list the host in NO_PROXY to reach it directly",
                p.var
            )),
            None => error,
        }
    }
}

/// The credential header of every request. One that came from a command is renewed by
/// running the command again when the server refuses it: once for all the requests that
/// were refused with the same value.
struct Auth {
    /// Parsed once: a header name from text is parsed again for every request.
    name: reqwest::header::HeaderName,
    bearer: bool,
    /// The value, and how many times it was renewed.
    value: std::sync::Mutex<(HeaderValue, u64)>,
    renew: Option<crate::config::SecretCmd>,
    /// Held while the command runs; holds why it failed for the value it was to renew, so
    /// that the requests refused with that value do not run it again, one by one.
    renewing: tokio::sync::Mutex<Option<(u64, Error)>>,
}

impl Auth {
    fn new(config: &Config) -> Result<Option<Auth>> {
        let (name, bearer, secret) = match &config.credential {
            Credential::Bearer(token) => ("authorization", true, token),
            Credential::ApiKey(key) => ("api-key", false, key),
            Credential::Unused => return Ok(None),
        };
        Ok(Some(Auth {
            name: reqwest::header::HeaderName::from_static(name),
            bearer,
            value: std::sync::Mutex::new((Auth::header(name, bearer, secret)?, 0)),
            renew: config.renew.clone(),
            renewing: tokio::sync::Mutex::new(None),
        }))
    }

    fn header(name: &str, bearer: bool, secret: &str) -> Result<HeaderValue> {
        let text = if bearer {
            format!("Bearer {secret}")
        } else {
            secret.to_string()
        };
        let mut v = HeaderValue::from_str(&text).map_err(|_| {
            Error::config(format!(
                "the value for the {name} header has invalid characters"
            ))
        })?;
        v.set_sensitive(true);
        Ok(v)
    }

    fn current(&self) -> (HeaderValue, u64) {
        self.value.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Renews the value the server refused (renewal `seen`), unless another request has
    /// renewed it meanwhile.
    async fn renewed(&self, seen: u64) -> Result<()> {
        let mut failed = self.renewing.lock().await;
        if self.current().1 != seen {
            return Ok(());
        }
        if let Some((at, e)) = &*failed {
            if *at == seen {
                return Err(e.clone());
            }
        }
        let Some(cmd) = &self.renew else {
            return Ok(());
        };
        let renewed = match cmd.run(false).await {
            Ok(secret) => {
                crate::output::hide(&secret);
                Auth::header(self.name.as_str(), self.bearer, &secret)
            }
            Err(e) => Err(e),
        };
        let value = match renewed {
            Ok(v) => v,
            Err(e) => {
                // Every request carries this credential: none can fare better.
                let e = e.for_all();
                *failed = Some((seen, e.clone()));
                return Err(e);
            }
        };
        *self.value.lock().unwrap_or_else(|e| e.into_inner()) = (value, seen + 1);
        notice(&format!(
            "the server refused the {} (HTTP 401); {} gave a new one, asking again",
            if self.bearer { "token" } else { "key" },
            cmd.origin()
        ));
        Ok(())
    }
}

/// A proxy that would not open the way to `host` (hyper-util's tunnel errors, for an
/// https:// URL): no retry makes it change its mind.
fn proxy_error(detail: &str, host: &str) -> Option<Error> {
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    match detail.strip_prefix("tunnel error: ")? {
        "proxy authorization required" => Some(proxy_auth(host)),
        "unsuccessful" => Some(
            Error::config(format!("the proxy would not connect to {host}")).with_hint(
                "its policy may block the host; NO_PROXY lists hosts asst reaches directly",
            ),
        ),
        _ => None,
    }
}

/// HTTP 407 from a proxy.
fn proxy_auth(host: &str) -> Error {
    Error::config(format!(
        "the proxy asks for credentials before it connects to {host} (HTTP 407)"
    ))
    .with_hint("give them in the proxy's URL: HTTPS_PROXY=http://USER:PASSWORD@PROXY:PORT")
}

/// The proxy variable that applies to `url`, when one is set and NO_PROXY does not name the
/// host (as the client reads them, see [`crate::proxy`]); never for this machine, which asst
/// always reaches directly.
fn proxy_for(url: &reqwest::Url) -> Option<crate::proxy::Proxy> {
    match crate::config::proxy_of(url.as_str())? {
        (proxy, None) => Some(proxy),
        (_, Some(_exempt)) => None,
    }
}

/// The id the server gave the request: the API's `x-request-id`, else the `apim-request-id`
/// of Azure's gateway. One that could not be an id (not printable ASCII, longer than any
/// real one) is not repeated.
fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "apim-request-id"]
        .into_iter()
        .find_map(|name| headers.get(name))
        .and_then(|v| v.to_str().ok())
        .and_then(usable_request_id)
}

/// A request id as the server gave it, if it could be one: printable ASCII without
/// spaces, at most 128 characters.
pub fn usable_request_id(id: &str) -> Option<String> {
    let id = id.trim();
    (!id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic()))
        .then(|| id.to_string())
}

/// What a request was: its method and its path under the API's base.
struct Route {
    method: Method,
    /// The URL's whole path, and the part under the base.
    full: String,
    path: String,
}

impl Route {
    /// Whether the request names no object, so that a 404 can only be about the route:
    /// creating a conversation, or listing a collection.
    fn names_nothing(&self) -> bool {
        let one_segment = !self.path.trim_start_matches('/').contains('/');
        one_segment
            && (self.method == Method::GET
                || (self.method == Method::POST && self.path == "/conversations"))
    }
}

/// A TLS handshake that failed on the server's certificate (rustls says `invalid peer
/// certificate: …` with the reason's name), said in words: a configuration error, since
/// the same certificate fails the same way however often it is tried.
fn certificate_error(detail: &str, host: &str) -> Option<Error> {
    let reason = detail.strip_prefix("invalid peer certificate: ")?;
    const TRUST: &str = "add a private or corporate CA to this machine's trust store, or name a PEM file of the CAs to trust in SSL_CERT_FILE (it replaces the system's)";
    // The reason is rustls's: a variant's name, or for some its own sentence.
    let is = |names: &[&str]| names.iter().any(|n| reason.starts_with(n));
    let (what, hint) = if is(&["UnknownIssuer"]) {
        (
            "is signed by an authority this machine does not trust".to_string(),
            Some(TRUST),
        )
    } else if is(&["NotValidForName", "certificate not valid for name"]) {
        (
            format!("is not valid for that name ({reason})"),
            Some("check the host of the base URL (or endpoint)"),
        )
    } else if is(&["NotValidYet", "certificate not valid yet"]) {
        (
            "is not valid yet".to_string(),
            Some("check this machine's clock"),
        )
    } else if is(&["Expired", "certificate expired"]) {
        ("has expired".to_string(), None)
    } else if is(&["Revoked"]) {
        ("has been revoked".to_string(), None)
    } else {
        (format!("is not accepted ({reason})"), Some(TRUST))
    };
    let error = Error::config(format!("the TLS certificate of {host} {what}"));
    Some(match hint {
        Some(h) => error.with_hint(h),
        None => error,
    })
}

/// The most of an error body that is read: real ones are a few hundred bytes.
const MAX_ERROR_BODY: usize = 64 * 1024;
/// The most of a JSON reply that is read (a stored response with its search results, a page
/// of 100 files): far above any real one.
const MAX_JSON_BODY: usize = 64 * 1024 * 1024;
/// The most of a server's message that is shown on one line.
const MAX_MESSAGE_CHARS: usize = 400;

/// The URL a family's paths go under: the base URL, or Azure's `/openai/v1` (Responses)
/// and `/openai` (Assistants, dated by `api-version`).
fn base_of(provider: &Provider, api: Api) -> String {
    let (endpoint, under) = match (provider, api) {
        (Provider::OpenAi { base_url }, _) => return base_url.clone(),
        (Provider::Azure { endpoint, .. }, Api::Responses) => (endpoint, "/openai/v1"),
        (Provider::Azure { endpoint, .. }, Api::Assistants) => (endpoint, "/openai"),
    };
    // A gateway's query stays after the path.
    match endpoint.split_once('?') {
        Some((resource, query)) => format!("{resource}{under}?{query}"),
        None => format!("{endpoint}{under}"),
    }
}

/// A redirect, which asst does not follow: where it pointed, without credentials or query.
fn redirected(resp: &reqwest::Response) -> Error {
    let target = resp
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(|l| match resp.url().join(l) {
            Ok(url) => crate::config::shown_url(url.as_str()),
            Err(_) => crate::config::shown_url(l),
        })
        .unwrap_or_else(|| "nowhere (no location)".into());
    Error::config(format!(
        "the server redirected (HTTP {}) to {target}; asst does not follow redirects",
        resp.status().as_u16()
    ))
    .with_hint(
        "the API never redirects: set the base URL (or endpoint) to the address the server means",
    )
}

/// A number in [0, 1) that differs between calls and between processes started together.
fn jitter() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0);
    let mut x = STATE.load(Ordering::Relaxed);
    if x == 0 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
        x = nanos ^ (u64::from(std::process::id()) << 32) | 1;
    }
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    STATE.store(x, Ordering::Relaxed);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// A request body as JSON, serialized once however often the request is sent.
fn json_body(body: &(impl serde::Serialize + ?Sized)) -> Result<bytes::Bytes> {
    serde_json::to_vec(body)
        .map(bytes::Bytes::from)
        .map_err(|e| Error::failed(format!("cannot write the request: {e}")))
}

/// A request for an event stream (an answer as it is written).
fn events_wanted(req: RequestBuilder) -> RequestBuilder {
    req.header("accept", "text/event-stream")
}

fn with_json(req: RequestBuilder, body: &bytes::Bytes) -> RequestBuilder {
    req.header("content-type", "application/json")
        .body(body.clone())
}

/// No response head within the idle timeout. (reqwest times the head as a whole, not per
/// read, so the message says so: a head that trickles in over a longer time is cut too.)
fn head_timeout(idle: Duration) -> Error {
    Error::network(format!(
        "the server did not answer within {}s",
        idle.as_secs_f64()
    ))
    .with_hint("raise --idle-timeout (ASST_IDLE_TIMEOUT) if the server needs longer")
}

/// Silence within a body: the idle timer, reset by every byte that arrives.
fn idle_error(idle: Duration) -> Error {
    Error::network(format!(
        "the server sent nothing for {}s",
        idle.as_secs_f64()
    ))
    .with_hint("raise --idle-timeout (ASST_IDLE_TIMEOUT) if answers take longer to start")
}

fn retryable(status: StatusCode) -> bool {
    // 501 and 505 say what the server cannot do at all (a method, an HTTP version): a
    // second try is answered the same.
    matches!(status.as_u16(), 408 | 409 | 429)
        || (status.is_server_error() && !matches!(status.as_u16(), 501 | 505))
}

/// The longest `retry-after` asst waits for; past it, the error is reported at once.
const MAX_RETRY_AFTER: f64 = 60.0;

/// How long until a rate limit resets, when its header says that nothing is left of it:
/// `x-ratelimit-remaining-requests: 0` with `x-ratelimit-reset-requests: 1.5s`, and the
/// same for tokens.
fn exhausted(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    [
        (
            "x-ratelimit-remaining-requests",
            "x-ratelimit-reset-requests",
        ),
        ("x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens"),
    ]
    .iter()
    .filter(|(remaining, _)| text(remaining).and_then(|v| v.trim().parse::<u64>().ok()) == Some(0))
    .filter_map(|(_, reset)| text(reset).and_then(reset_duration))
    .max()
}

/// A reset as OpenAI writes it: `20ms`, `1s`, `1.5s`, `6m0s`, `1h2m3s`; or plain seconds.
fn reset_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<f64>() {
        return Duration::try_from_secs_f64(secs).ok();
    }
    let mut total = 0.0;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let n: f64 = rest[..end].parse().ok()?;
        rest = &rest[end..];
        let (unit, after) = if let Some(r) = rest.strip_prefix("ms") {
            (0.001, r)
        } else if let Some(r) = rest.strip_prefix('h') {
            (3600.0, r)
        } else if let Some(r) = rest.strip_prefix('m') {
            (60.0, r)
        } else if let Some(r) = rest.strip_prefix('s') {
            (1.0, r)
        } else {
            return None;
        };
        total += n * unit;
        rest = after;
    }
    Duration::try_from_secs_f64(total).ok()
}

/// A body read piece by piece, each read within the idle timeout.
pub struct Download {
    resp: reqwest::Response,
    idle_timeout: Duration,
}

impl Download {
    /// The next piece; `None` at the end.
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>> {
        tokio::time::timeout(self.idle_timeout, self.resp.chunk())
            .await
            .map_err(|_| idle_error(self.idle_timeout))?
            .map_err(|e| Error::network(format!("the connection broke: {}", root_cause(&e))))
    }
}

/// The server's requested delay: `retry-after-ms`, or `retry-after` in seconds or as an HTTP
/// date (a date in the past is no delay).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name| headers.get(name)?.to_str().ok().map(str::trim);
    let secs = match text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        Some(ms) => ms / 1000.0,
        None => {
            let v = text("retry-after")?;
            match v.parse::<f64>() {
                Ok(s) => s,
                Err(_) => {
                    let at = http_date(v)?;
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .ok()?
                        .as_secs_f64();
                    (at as f64 - now).max(0.0)
                }
            }
        }
    };
    (0.0..1e12)
        .contains(&secs)
        .then(|| Duration::from_secs_f64(secs))
}

/// Unix seconds of an HTTP date in its preferred form (RFC 9110's IMF-fixdate,
/// `Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date(text: &str) -> Option<i64> {
    let mut words = text.split_whitespace();
    let (_weekday, day, month, year, time, zone) = (
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
    );
    if zone != "GMT" || words.next().is_some() {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let mut hms = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    // Days since 1970-01-01 of a civil date (the proleptic Gregorian calendar).
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// 0.5 s, 1 s, 2 s … up to 8 s, less up to a quarter at random, so parallel scripts spread out.
fn backoff(attempt: u32) -> Duration {
    let base = (0.5 * 2f64.powi(attempt.min(4) as i32)).min(8.0);
    Duration::from_secs_f64(base * (1.0 - 0.25 * jitter()))
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
            message: text("message")
                .or_else(|| e.as_str().map(str::to_string))
                .or_else(|| detail(e)),
            code: text("code"),
            kind: text("type"),
        }
    }

    pub fn parse(body: &str) -> ApiError {
        match serde_json::from_str::<Value>(body) {
            Ok(v) => ApiError::from_value(&v),
            Err(_) => {
                // An HTML page (a gateway's or a portal's) says what it is in its title.
                let title = html_title(body);
                let snippet = one_line(title.unwrap_or(body), 200);
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

/// The words of error bodies in other shapes than OpenAI's: FastAPI's `{"detail": "…"}` or
/// its list of validation errors, and problem+json's `title` and `detail` (RFC 9457).
fn detail(e: &Value) -> Option<String> {
    let title = e
        .get("title")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty());
    let detail = match e.get("detail")? {
        Value::String(d) => Some(d.clone()),
        Value::Array(items) => {
            let each: Vec<String> = items
                .iter()
                .map(|item| {
                    let loc: Vec<String> = item
                        .get("loc")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .map(|p| match p {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                        .collect();
                    let msg = item.get("msg").and_then(Value::as_str).unwrap_or("invalid");
                    if loc.is_empty() {
                        msg.to_string()
                    } else {
                        format!("{}: {msg}", loc.join("."))
                    }
                })
                .collect();
            (!each.is_empty()).then(|| each.join("; "))
        }
        _ => None,
    };
    match (title, detail) {
        (Some(t), Some(d)) if t != d => Some(format!("{t}: {d}")),
        (_, Some(d)) => Some(d),
        (Some(t), None) => Some(t.to_string()),
        (None, None) => None,
    }
}

/// A reply's content type, as sent.
fn content_type(resp: &reqwest::Response) -> Option<&str> {
    resp.headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

/// Whether a content type is a web page's.
fn is_html(content_type: &str) -> bool {
    let t = content_type.trim_start().to_ascii_lowercase();
    t.starts_with("text/html") || t.starts_with("application/xhtml")
}

/// The text of an HTML document's `<title>`, if it has one.
fn html_title(body: &str) -> Option<&str> {
    let lower = body.get(..body.len().min(8192))?.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    Some(body[start..end].trim()).filter(|t| !t.is_empty())
}

/// Text on one line (runs of white space, newlines included, become one space), cut to
/// `max` characters with an ellipsis.
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, word) in text.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > max * 4 {
            break;
        }
    }
    if out.chars().count() > max {
        out = out.chars().take(max).collect::<String>() + "…";
    }
    out
}

/// Maps an HTTP error status and body to an error with the right exit code.
pub fn classify(status: u16, body: &str, provider: &Provider) -> Error {
    let e = ApiError::parse(body);
    let mut message = e.message.clone().unwrap_or_else(|| {
        StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("error")
            .to_string()
    });
    message = one_line(message.trim_end_matches('.'), MAX_MESSAGE_CHARS);
    let code = e.code.as_deref().unwrap_or("");
    let detail = if code.is_empty() || code == status.to_string() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}, {code}")
    };
    let text = format!("{message} ({detail})");
    let html = body.trim_start().starts_with('<');
    let key_hint = match provider {
        Provider::OpenAi { .. } => "check OPENAI_API_KEY (or the key command) and OPENAI_BASE_URL; asst config shows where each comes from",
        Provider::Azure { .. } => {
            "check AZURE_OPENAI_API_KEY (or the token) and AZURE_OPENAI_ENDPOINT; asst config shows where each comes from"
        }
    };
    let lower = message.to_ascii_lowercase();
    // A key the server knows but that may not do this (a restricted key without the scope,
    // an Azure identity without the role): OpenAI answers 401 or 403 with this wording.
    let not_allowed = [
        "insufficient permission",
        "missing scope",
        "lacks the required",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || code.eq_ignore_ascii_case("PermissionDenied");
    let about_credentials = ["key", "token", "credential", "unauthorized", "authenticat"]
        .iter()
        .any(|w| lower.contains(w));
    let error = match status {
        // (The credentials' refusals are every request's: `for_all`.)
        401 | 403 if not_allowed => Error::new(
            Kind::Config,
            format!("the key is not allowed to do this: {text}"),
        )
        .with_hint(match provider {
            Provider::OpenAi { .. } => "give the key the permission the message names (a restricted key's scopes, the project role of its owner), or use another key",
            Provider::Azure { .. } => "give the key the permission the message names (a role on the resource that allows it), or use another key",
        })
        .for_all(),
        401 | 403 if status == 401 || about_credentials => Error::new(
            Kind::Config,
            format!("the server rejected the credentials: {text}"),
        )
        .with_hint(key_hint)
        .for_all(),
        // Refused for another reason (a region, an organisation's policy): no key would help.
        403 => Error::new(Kind::Config, format!("the server refused the request: {text}")).for_all(),
        // A path the server does not have: the Assistants API (retired), or a base URL
        // without its /v1.
        404 if message.starts_with("Invalid URL") && (message.contains("/threads") || message.contains("/assistants")) => {
            Error::new(
                Kind::Config,
                format!("the server does not serve the Assistants API: {text}"),
            )
            .with_hint("OpenAI and Azure retired the Assistants API on 2026-08-26: use --api responses (Responses + Conversations; see the README's migration section)")
        }
        404 if message.starts_with("Invalid URL") && !message.contains("/v1/") => Error::new(
            Kind::Config,
            format!("the base URL is probably missing /v1: {text}"),
        )
        .with_hint("set OPENAI_BASE_URL (or --base-url) to the server's address ending in /v1"),
        // OpenAI's words for a route it does not have, whatever object the path names: not a
        // missing store or thread, which a script may take as "make one".
        404 if message.starts_with("Invalid URL") => Error::new(
            Kind::Config,
            format!("the server does not serve this request: {text}"),
        ),
        // An unknown model or deployment, also as a gateway words it: not a missing thread.
        404 if code == "model_not_found"
            || code == "DeploymentNotFound"
            || (lower.contains("model") || lower.contains("deployment"))
                && !lower.contains("conversation")
                && !lower.contains("thread") =>
        {
            Error::new(Kind::Config, text)
                .with_hint("check --model (ASST_MODEL); on Azure it is the deployment name")
        }
        404 => Error::new(Kind::NotFound, text),
        _ if code == "insufficient_quota" => Error::new(Kind::RateLimited, text).for_all(),
        429 => Error::new(Kind::RateLimited, text),
        _ if e.is_busy() => Error::new(Kind::Busy, text),
        _ if code == "rate_limit_exceeded" => Error::new(Kind::RateLimited, text),
        408 => Error::new(Kind::Network, text),
        // Most often a proxy's limit, not the API's (nginx takes 1 MB unless told otherwise):
        // sent again, it would be refused again.
        413 => Error::new(Kind::Other, format!("the request is too large for the server: {text}"))
            .with_hint("a proxy or gateway in front of the API limits the size of a request (nginx: client_max_body_size): raise the limit, or send less"),
        500..=599 => Error::new(Kind::Failed, format!("the server failed: {text}")),
        _ => Error::new(Kind::Other, text),
    };
    if html && error.hint.is_none() {
        return error.with_hint("the server answered with an HTML page, not the API's JSON: check the base URL, or a proxy or gateway in between");
    }
    error
}

/// The largest event asst reads. The largest real one is `response.completed`, which repeats
/// the whole answer with its search results: a few hundred kilobytes.
pub const MAX_EVENT: usize = 16 * 1024 * 1024;

/// Server-sent events of one streaming response, read as they arrive.
pub struct EventStream {
    resp: reqwest::Response,
    decoder: Decoder,
    ended: bool,
    idle_timeout: Duration,
}

impl EventStream {
    /// The same stream with another idle timeout (a resumed stream gets what is left of the
    /// recovery's budget).
    pub fn with_idle_timeout(mut self, idle: Duration) -> EventStream {
        self.idle_timeout = idle;
        self
    }

    /// The id the server gave the request that this stream answers.
    pub fn request_id(&self) -> Option<String> {
        request_id(self.resp.headers())
    }

    /// Whether the server answered with an event stream. (A missing content type is taken
    /// for one; compatible servers do not always send it.)
    pub fn is_sse(&self) -> bool {
        content_type(&self.resp).is_none_or(|t| {
            !t.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        })
    }

    /// The whole body of a reply that is not an event stream (bounded like any JSON reply).
    pub async fn whole(self) -> Result<Vec<u8>> {
        let mut body = Vec::new();
        let mut resp = self.resp;
        loop {
            let chunk = tokio::time::timeout(self.idle_timeout, resp.chunk())
                .await
                .map_err(|_| idle_error(self.idle_timeout))?
                .map_err(|e| Error::network(format!("the connection broke: {}", root_cause(&e))))?;
            match chunk {
                Some(bytes) if body.len() + bytes.len() > MAX_JSON_BODY => {
                    return Err(Error::failed(format!(
                        "the server's reply is larger than {} MiB; asst does not read it",
                        MAX_JSON_BODY >> 20
                    )))
                }
                Some(bytes) => body.extend_from_slice(&bytes),
                None => return Ok(body),
            }
        }
    }

    /// Whether the next event is at hand without waiting on the network (most arrive many
    /// to a read): then `take` returns what `next` would, without building its future.
    pub fn at_hand(&mut self) -> bool {
        self.decoder.prepare()
    }

    /// The event at hand (see `at_hand`).
    pub fn take(&mut self) -> Option<SseEvent<'_>> {
        self.decoder.next_event()
    }

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
                if e.is_timeout() {
                    idle_error(self.idle_timeout)
                } else {
                    Error::network(format!(
                        "the connection broke during the answer: {}",
                        root_cause(&e)
                    ))
                }
            })? {
                Some(bytes) => {
                    self.decoder.feed(&bytes);
                    if self.decoder.held() > MAX_EVENT && !self.decoder.prepare() {
                        return Err(Error::failed(format!(
                            "an event of the stream is larger than {} MiB; asst stopped reading it",
                            MAX_EVENT >> 20
                        )));
                    }
                }
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

/// Why no client could be made: nearly always the CA certificates, from the variables
/// that name them (a typo, a file not mounted yet) or from a system that has none.
fn client_error(e: &reqwest::Error) -> Error {
    let cause = root_cause(e);
    let var = |name: &'static str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(|v| (name, std::path::PathBuf::from(v)))
    };
    let given: Vec<_> = [var("SSL_CERT_FILE"), var("SSL_CERT_DIR")]
        .into_iter()
        .flatten()
        .collect();
    // What is wrong with the file or folder a variable names, if that can be seen.
    let problem = |name: &str, path: &std::path::Path| {
        let folder = path.is_dir();
        match (name, std::fs::read(path)) {
            ("SSL_CERT_FILE", _) if folder => {
                Some("it is a folder (SSL_CERT_DIR names one)".to_string())
            }
            ("SSL_CERT_DIR", _) if folder => None,
            (_, Err(e)) => Some(format!("cannot read it ({e})")),
            ("SSL_CERT_FILE", Ok(pem)) if !pem.windows(11).any(|w| w == b"-----BEGIN ") => {
                Some("it holds no PEM certificate".to_string())
            }
            ("SSL_CERT_DIR", Ok(_)) => Some("it is not a folder".to_string()),
            _ => None,
        }
    };
    let found = given
        .iter()
        .find_map(|(name, path)| problem(name, path).map(|why| (*name, path, why)));
    let Some((name, path, why)) =
        found.or_else(|| given.first().map(|(n, p)| (*n, p, cause.clone())))
    else {
        let e = Error::config(format!("cannot set up the HTTP client: {cause}"));
        return if cause.contains("CA certificates") {
            e.with_hint("install the system's CA certificates (the ca-certificates package), or name a PEM file of them in SSL_CERT_FILE")
        } else {
            e
        };
    };
    Error::config(format!(
        "{name}={} gives no CA certificate to check servers with: {why}",
        path.display()
    ))
    .with_hint("SSL_CERT_FILE names a PEM file of the CAs to trust (SSL_CERT_DIR a folder of them), in place of the system's; unset it to use the system's")
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
    #[test]
    fn what_a_second_try_could_change_is_tried_again() {
        use reqwest::StatusCode;
        for (status, again) in [
            (500, true),
            (502, true),
            (503, true),
            (504, true),
            (429, true),
            (408, true),
            (501, false),
            (505, false),
            (400, false),
            (404, false),
        ] {
            assert_eq!(
                super::retryable(StatusCode::from_u16(status).unwrap()),
                again,
                "{status}"
            );
        }
    }

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
        );
        assert_eq!(e.kind, Kind::NotFound);
        assert_eq!(e.message, "Resource not found (HTTP 404)");

        let e = classify(
            404,
            r#"{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}"#,
            &openai(),
        );
        assert_eq!(e.kind, Kind::Config);

        let e = classify(500, "<html>oops</html>", &openai());
        assert_eq!(e.kind, Kind::Failed);
        assert!(e.message.contains("<html>oops</html>"), "{}", e.message);

        let e = classify(400, r#"{"error":{"message":null,"code":null}}"#, &openai());
        assert_eq!(e.message, "Bad Request (HTTP 400)");

        let e = classify(
            400,
            r#"{"error":{"message":"Another process is currently operating on this conversation. Please retry in a few seconds.","type":"invalid_request_error","param":"conversation","code":"conversation_locked"}}"#,
            &openai(),
        );
        assert_eq!(e.kind, Kind::Busy);

        let e = classify(
            401,
            r#"{"error":{"message":"Incorrect API key provided"}}"#,
            &openai(),
        );
        assert_eq!(e.kind, Kind::Config);

        let page = "<!DOCTYPE html>\n<HTML><head><Title>502 Bad Gateway</title></head>\n<body>\n<h1>nginx</h1>\n</body></html>";
        let e = classify(502, page, &openai());
        assert_eq!(e.message, "the server failed: 502 Bad Gateway (HTTP 502)");
        let e = classify(
            400,
            &format!("{{\"error\":{{\"message\":\"{}\"}}}}", "x ".repeat(5000)),
            &openai(),
        );
        assert!(
            e.message.chars().count() < MAX_MESSAGE_CHARS + 20,
            "{}",
            e.message
        );
    }

    #[test]
    fn rate_limit_headers_say_when_to_go_on() {
        assert_eq!(reset_duration("20ms"), Some(Duration::from_millis(20)));
        assert_eq!(reset_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(reset_duration("6m0s"), Some(Duration::from_secs(360)));
        assert_eq!(reset_duration("1h2m3s"), Some(Duration::from_secs(3723)));
        assert_eq!(reset_duration("2"), Some(Duration::from_secs(2)));
        assert_eq!(reset_duration("soon"), None);
        assert_eq!(reset_duration("5x"), None);
        let mut h = HeaderMap::new();
        h.insert(
            "x-ratelimit-remaining-requests",
            HeaderValue::from_static("3"),
        );
        h.insert("x-ratelimit-reset-requests", HeaderValue::from_static("1s"));
        assert_eq!(exhausted(&h), None, "some are left");
        h.insert(
            "x-ratelimit-remaining-requests",
            HeaderValue::from_static("0"),
        );
        assert_eq!(exhausted(&h), Some(Duration::from_secs(1)));
        h.insert(
            "x-ratelimit-remaining-tokens",
            HeaderValue::from_static("0"),
        );
        h.insert("x-ratelimit-reset-tokens", HeaderValue::from_static("2s"));
        assert_eq!(
            exhausted(&h),
            Some(Duration::from_secs(2)),
            "the later reset"
        );
    }

    #[test]
    fn retry_after_headers() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after-ms", HeaderValue::from_static("150"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(150)));
        h.insert("retry-after-ms", HeaderValue::from_static("999999"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(999_999)));
        let mut h = HeaderMap::new();
        h.insert(
            "retry-after",
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO), "a date in the past");
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Tue, 29 Feb 2028 12:00:00 GMT"),
            Some(1_835_438_400)
        );
        for bad in [
            "",
            "tomorrow",
            "Sun, 06 Nov 1994 08:49:37 CET",
            "Sun, 32 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(http_date(bad), None, "{bad}");
        }
        assert!(backoff(0) <= Duration::from_millis(500));
        assert!(backoff(10) <= Duration::from_secs(8));
    }
}
