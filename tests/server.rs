//! A small HTTP/1.1 server on loopback for the integration tests: it answers each request
//! with what the test's handler says (JSON, or a server-sent event stream written chunk by
//! chunk with pauses), can hang or drop the connection mid-stream, and records every
//! request it received so tests can assert on method, path, headers and body.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent (`/v1/responses?x=1`).
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    pub fn query(&self) -> &str {
        self.target.split_once('?').map(|(_, q)| q).unwrap_or("")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.body))
    }

    /// `"POST /v1/responses"`, for compact assertions on the request sequence.
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.path())
    }
}

/// One piece of a streamed body.
pub enum Chunk {
    Bytes(Vec<u8>),
    Pause(Duration),
    /// Blocks the stream until the test sends on (or drops) the channel's sender.
    WaitFor(Receiver<()>),
    /// Runs when the stream gets there (for example: the conversation is free again).
    Call(Box<dyn FnOnce() + Send>),
}

pub enum Reply {
    Json(u16, String),
    /// A JSON body with extra response headers.
    JsonWith(u16, Vec<(String, String)>, String),
    /// `text/event-stream`, chunked; `drop` closes the connection without ending the body.
    Stream {
        chunks: Vec<Chunk>,
        drop: bool,
    },
    /// Reads the request and never answers.
    Hang,
    /// Bytes written to the socket as they are, no HTTP framing added, then the connection
    /// is closed: redirects, trickled or malformed heads, bodies of any size.
    Raw(Vec<Chunk>),
}

impl Reply {
    pub fn ok(body: impl Into<String>) -> Reply {
        Reply::Json(200, body.into())
    }

    pub fn sse(events: Vec<String>) -> Reply {
        Reply::Stream {
            chunks: events
                .into_iter()
                .map(|e| Chunk::Bytes(e.into_bytes()))
                .collect(),
            drop: false,
        }
    }
}

type Handler = Box<dyn Fn(&Request) -> Reply + Send + Sync>;

pub struct Server {
    pub port: u16,
    requests: Arc<Mutex<Vec<Request>>>,
    /// Panics of the handler (a failed assertion inside it), raised again when the server
    /// is dropped so that the test that caused them fails.
    panics: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_limited(usize::MAX, handler)
    }

    /// A server behind a proxy that takes request bodies of `limit` bytes at most, as
    /// nginx's `client_max_body_size` does (1 MB unless set): a longer one, by its
    /// content-length, is answered `413` with nginx's page as soon as its head is read,
    /// and the rest of its body read and dropped before the connection is closed (nginx's
    /// lingering close, which lets the client read the answer). Its request is recorded,
    /// without a body.
    pub fn start_limited(
        limit: usize,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let panics = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(Box::new(handler));
        let (log, caught) = (requests.clone(), panics.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (log, handler, caught) = (log.clone(), handler.clone(), caught.clone());
                thread::spawn(move || {
                    let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        serve(conn, &log, &**handler, limit)
                    }));
                    if let Err(p) = served {
                        let text = p
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_else(|| "a panic".into());
                        caught.lock().unwrap_or_else(|e| e.into_inner()).push(text);
                    }
                });
            }
        });
        Server {
            port,
            requests,
            panics,
        }
    }

    /// A server that keeps connections alive: it answers the first request of each
    /// connection (JSON replies only) and closes the connection, unanswered, when a second
    /// request arrives on it.
    pub fn start_keep_alive(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        let handler = Arc::new(handler);
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (log, handler) = (log.clone(), handler.clone());
                thread::spawn(move || {
                    let mut reader = BufReader::new(conn.try_clone().unwrap());
                    let Some(request) = read_request(&mut reader) else {
                        return;
                    };
                    log.lock().unwrap().push(request.clone());
                    if let Reply::Json(status, body) = handler(&request) {
                        let mut conn = conn;
                        let _ = write!(conn, "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}", body.len());
                        let _ = conn.flush();
                        if let Some(again) = read_request(&mut reader) {
                            log.lock().unwrap().push(again);
                        }
                        let _ = conn.shutdown(std::net::Shutdown::Both);
                    }
                });
            }
        });
        Server {
            port,
            requests,
            panics: Arc::new(Mutex::new(Vec::new())),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// The request lines received, in order.
    pub fn lines(&self) -> Vec<String> {
        self.requests().iter().map(Request::line).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let panics = std::mem::take(&mut *self.panics.lock().unwrap_or_else(|e| e.into_inner()));
        if !panics.is_empty() && !thread::panicking() {
            panic!("the test server's handler panicked: {}", panics.join("; "));
        }
    }
}

fn serve(
    conn: TcpStream,
    log: &Mutex<Vec<Request>>,
    handler: &(dyn Fn(&Request) -> Reply + Send + Sync),
    limit: usize,
) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let Some((mut request, len)) = read_head(&mut reader) else {
        return;
    };
    let mut conn = conn;
    if len > limit {
        log.lock().unwrap().push(request);
        let page = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        let _ = write!(
            conn,
            "HTTP/1.1 413 Request Entity Too Large\r\nserver: nginx\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
            page.len()
        );
        let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = std::io::copy(&mut reader.take(len as u64), &mut std::io::sink());
        return;
    }
    let mut body = vec![0; len];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    request.body = String::from_utf8_lossy(&body).into_owned();
    let index = {
        let mut log = log.lock().unwrap();
        log.push(request.clone());
        log.len() - 1
    };
    let _ = respond(&mut conn, handler(&request), &request_id(index));
}

/// The `x-request-id` the server gives its `index`th request (from 0), as the API gives one
/// to every request it answers (`req_` and 32 hex digits).
pub fn request_id(index: usize) -> String {
    format!("req_{index:032x}")
}

/// One request from the connection, or `None` when it closes first.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let (mut request, len) = read_head(reader)?;
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    request.body = String::from_utf8_lossy(&body).into_owned();
    Some(request)
}

/// A request's head, and the length of the body that follows it.
fn read_head(reader: &mut BufReader<TcpStream>) -> Option<(Request, usize)> {
    let mut first = String::new();
    if reader.read_line(&mut first).unwrap_or(0) == 0 {
        return None;
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let len = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let request = Request {
        method,
        target,
        headers,
        body: String::new(),
    };
    Some((request, len))
}

fn respond(conn: &mut TcpStream, reply: Reply, id: &str) -> std::io::Result<()> {
    let own_id = ("x-request-id".to_string(), id.to_string());
    match reply {
        Reply::Json(status, body) => write_json(conn, status, &[own_id], &body),
        // A reply that gives its own id (or `x-request-id: ""`, none) keeps it.
        Reply::JsonWith(status, mut headers, body) => {
            match headers.iter().position(|(k, _)| k == "x-request-id") {
                Some(at) if headers[at].1.is_empty() => {
                    headers.remove(at);
                }
                Some(_) => {}
                None => headers.push(own_id),
            }
            write_json(conn, status, &headers, &body)
        }
        Reply::Hang => {
            thread::sleep(Duration::from_secs(30));
            Ok(())
        }
        Reply::Raw(chunks) => {
            for chunk in chunks {
                match chunk {
                    Chunk::Bytes(b) => {
                        conn.write_all(&b)?;
                        conn.flush()?;
                    }
                    other => wait(other),
                }
            }
            conn.shutdown(std::net::Shutdown::Both)
        }
        Reply::Stream { chunks, drop } => {
            write!(
                conn,
                "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\nconnection: close\r\nx-request-id: {id}\r\n\r\n",
            )?;
            conn.flush()?;
            for chunk in chunks {
                match chunk {
                    Chunk::Bytes(b) if b.is_empty() => {}
                    Chunk::Bytes(b) => {
                        write!(conn, "{:x}\r\n", b.len())?;
                        conn.write_all(&b)?;
                        conn.write_all(b"\r\n")?;
                        conn.flush()?;
                    }
                    other => wait(other),
                }
            }
            if drop {
                return conn.shutdown(std::net::Shutdown::Both);
            }
            conn.write_all(b"0\r\n\r\n")?;
            conn.flush()
        }
    }
}

/// The chunks that are not bytes: a pause, a wait for the test, a call.
fn wait(chunk: Chunk) {
    match chunk {
        Chunk::Bytes(_) => {}
        Chunk::Pause(d) => thread::sleep(d),
        Chunk::WaitFor(rx) => {
            let _ = rx.recv_timeout(Duration::from_secs(20));
        }
        Chunk::Call(f) => f(),
    }
}

fn write_json(
    conn: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    conn.write_all(head.as_bytes())?;
    conn.write_all(body.as_bytes())?;
    conn.flush()
}

/// Splits a recorded SSE body into its events (each with its blank line), one chunk each.
pub fn sse_events(recording: &str) -> Vec<String> {
    recording
        .split_inclusive("\n\n")
        .filter(|e| !e.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// One Responses event as the API streams it: `event:` equal to the data's `type`.
pub fn event(data: serde_json::Value) -> String {
    let name = data["type"].as_str().unwrap_or("message").to_string();
    format!("event: {name}\ndata: {data}\n\n")
}

/// An Assistants event: the name is only in `event:`.
pub fn named(name: &str, data: serde_json::Value) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}
