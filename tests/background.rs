//! Answers that survive a dropped connection: background responses, resumed streams,
//! server-side cancel, detach and `asst response`.
//!
//! The server here keeps the real service's rules for a stream's connection (see
//! `shared/PROTOCOL.md`): an ordinary response is cancelled when its connection goes away;
//! a background one goes on, can be streamed again after any sequence number, and cancelled.

use crate::server::{Chunk, Reply, Request, Server};
use crate::{openai, run, Output};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CONV: &str = "conv_bg";

/// How the network treats the streams of one test.
#[derive(Clone, Default)]
struct Network {
    /// Events the POST's stream delivers before the connection drops (`None`: all).
    post_cut: Option<usize>,
    /// For each resumed stream in turn: events it delivers before dropping.
    resume_cuts: Vec<usize>,
    /// The server refuses to stream a response again (400).
    refuse_resume: bool,
    /// The response stays queued after `response.created` (a known failure).
    stuck_queued: bool,
    /// The POST's stream holds after its cut point instead of dropping (for signals).
    hold: bool,
    /// With `hold`: after a pause, three more events come before the stream holds, so that
    /// asst writes again while the response is still going (a closed stdout is seen then).
    more_after_pause: bool,
    /// With `more_after_pause`: the pause lasts until the test opens this gate.
    gate: Arc<Mutex<Option<std::sync::mpsc::Receiver<()>>>>,
    /// How long a background response takes to finish on the server.
    takes: Duration,
    /// A resumed stream starts this many events before the one asked for, which asst has
    /// handled already.
    resume_from_back: i64,
}

struct Stored {
    events: Vec<Value>,
    background: bool,
    status: String,
    created: Instant,
    /// The text an ordinary response had when its connection went away.
    partial: Option<String>,
}

#[derive(Default)]
struct Sim {
    network: Network,
    responses: HashMap<String, Stored>,
    resumes: usize,
}

/// The answer the server gives: text with a citation in the middle, so that numbering
/// across a cut is seen.
fn timeline(id: &str, status_created: &str) -> Vec<Value> {
    let mut seq = 0;
    let mut next = |mut v: Value| {
        v["sequence_number"] = json!(seq);
        seq += 1;
        v
    };
    let mut events = vec![
        next(
            json!({"type": "response.created", "response": {"id": id, "status": status_created, "conversation": {"id": CONV}}}),
        ),
        next(
            json!({"type": "response.in_progress", "response": {"id": id, "status": "in_progress"}}),
        ),
        next(
            json!({"type": "response.output_item.added", "output_index": 0, "item": {"id": "msg_bg", "type": "message", "role": "assistant", "content": []}}),
        ),
    ];
    for piece in ["Refunds ", "take ", "thirty", " days"] {
        events.push(next(json!({"type": "response.output_text.delta", "item_id": "msg_bg", "output_index": 0, "content_index": 0, "delta": piece})));
    }
    events.push(next(json!({"type": "response.output_text.annotation.added", "item_id": "msg_bg", "output_index": 0, "content_index": 0, "annotation_index": 0, "annotation": {"type": "file_citation", "file_id": "file-h", "filename": "handbook.pdf", "index": 24}})));
    for piece in [", in ", "writing."] {
        events.push(next(json!({"type": "response.output_text.delta", "item_id": "msg_bg", "output_index": 0, "content_index": 0, "delta": piece})));
    }
    events.push(next(json!({"type": "response.completed", "response": {"id": id, "status": "completed", "usage": {"input_tokens": 5, "output_tokens": 9, "total_tokens": 14}}})));
    events
}

const FULL: &str = "Refunds take thirty days, in writing.";

fn sse(events: &[Value]) -> Vec<Chunk> {
    events
        .iter()
        .map(|e| {
            Chunk::Bytes(
                format!("event: {}\ndata: {e}\n\n", e["type"].as_str().unwrap()).into_bytes(),
            )
        })
        .collect()
}

fn text_of(events: &[Value]) -> String {
    events
        .iter()
        .filter(|e| e["type"] == "response.output_text.delta")
        .map(|e| e["delta"].as_str().unwrap())
        .collect()
}

impl Sim {
    fn handle(sim: &Arc<Mutex<Sim>>, r: &Request) -> Reply {
        let mut s = sim.lock().unwrap();
        let net = s.network.clone();
        let id = "resp_bg".to_string();
        match (r.method.as_str(), r.path()) {
            ("POST", "/v1/responses") => {
                let body = r.json();
                let background = body["background"] == json!(true);
                let events = timeline(
                    &id,
                    if net.stuck_queued {
                        "queued"
                    } else {
                        "in_progress"
                    },
                );
                let cut = net.post_cut.unwrap_or(events.len()).min(events.len());
                // An ordinary response lives as long as its connection.
                let cancelled = !background && cut < events.len();
                let partial = cancelled.then(|| text_of(&events[..cut]));
                let status = if cancelled {
                    "cancelled"
                } else if net.stuck_queued {
                    "queued"
                } else {
                    "in_progress"
                };
                let mut chunks = sse(&events[..cut]);
                s.responses.insert(
                    id,
                    Stored {
                        events,
                        background,
                        status: status.into(),
                        created: Instant::now(),
                        partial,
                    },
                );
                if net.hold {
                    if net.more_after_pause {
                        let stored = &s.responses["resp_bg"];
                        match net.gate.lock().unwrap().take() {
                            Some(rx) => chunks.push(Chunk::WaitFor(rx)),
                            None => chunks.push(Chunk::Pause(Duration::from_millis(800))),
                        }
                        chunks.extend(sse(
                            &stored.events[cut..(cut + 3).min(stored.events.len() - 1)]
                        ));
                    }
                    chunks.push(Chunk::Pause(Duration::from_secs(15)));
                }
                Reply::Stream {
                    chunks,
                    drop: net.post_cut.is_some() && !net.hold,
                }
            }
            ("GET", path) if path.starts_with("/v1/responses/") => {
                let id = path.trim_start_matches("/v1/responses/").to_string();
                let Some(stored) = s.responses.get_mut(&id) else {
                    return Reply::Json(404, json!({"error": {"message": format!("Response with id '{id}' not found.")}}).to_string());
                };
                if stored.background
                    && stored.status == "in_progress"
                    && stored.created.elapsed() >= net.takes
                {
                    stored.status = "completed".into();
                }
                if r.query().contains("stream=true") {
                    if !stored.background || net.refuse_resume {
                        return Reply::Json(400, json!({"error": {"message": "This response cannot be streamed: it was not created with background=true and stream=true.", "type": "invalid_request_error"}}).to_string());
                    }
                    let after: i64 = r
                        .query()
                        .split('&')
                        .find_map(|kv| kv.strip_prefix("starting_after="))
                        .map_or(-1, |n| n.parse().unwrap());
                    if net.stuck_queued {
                        return Reply::Stream {
                            chunks: vec![Chunk::Pause(Duration::from_secs(20))],
                            drop: false,
                        };
                    }
                    let rest: Vec<Value> = stored
                        .events
                        .iter()
                        .filter(|e| {
                            e["sequence_number"].as_i64().unwrap() > after - net.resume_from_back
                        })
                        .cloned()
                        .collect();
                    let n = s.resumes;
                    s.resumes += 1;
                    return match net.resume_cuts.get(n) {
                        Some(&cut) => Reply::Stream {
                            chunks: sse(&rest[..cut.min(rest.len())]),
                            drop: true,
                        },
                        None => Reply::Stream {
                            chunks: sse(&rest),
                            drop: false,
                        },
                    };
                }
                let text = stored.partial.clone().unwrap_or_else(|| {
                    if stored.status == "completed" {
                        FULL.to_string()
                    } else {
                        String::new()
                    }
                });
                let annotations = if text == FULL {
                    json!([{"type": "file_citation", "file_id": "file-h", "filename": "handbook.pdf", "index": 24}])
                } else {
                    json!([])
                };
                Reply::ok(json!({"id": id, "object": "response", "status": stored.status, "background": stored.background, "conversation": {"id": CONV},
                    "output": [{"id": "msg_bg", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": text, "annotations": annotations}]}],
                    "usage": {"input_tokens": 5, "output_tokens": 9, "total_tokens": 14}}).to_string())
            }
            ("POST", path) if path.ends_with("/cancel") => {
                let id = path
                    .trim_start_matches("/v1/responses/")
                    .trim_end_matches("/cancel");
                match s.responses.get_mut(id) {
                    Some(stored) if stored.background => {
                        stored.status = "cancelled".into();
                        Reply::ok(json!({"id": id, "object": "response", "status": "cancelled"}).to_string())
                    }
                    Some(_) => Reply::Json(400, json!({"error": {"message": "Only background responses can be cancelled."}}).to_string()),
                    None => Reply::Json(404, json!({"error": {"message": "not found"}}).to_string()),
                }
            }
            _ => Reply::Json(
                404,
                json!({"error": {"message": "Invalid URL"}}).to_string(),
            ),
        }
    }
}

fn start(network: Network) -> (Server, Arc<Mutex<Sim>>) {
    let sim = Arc::new(Mutex::new(Sim {
        network,
        ..Sim::default()
    }));
    let s = sim.clone();
    (Server::start(move |r| Sim::handle(&s, r)), sim)
}

fn ask(server: &Server, flags: &[&str]) -> Output {
    run(openai(server)
        .args(["ask", "-t", CONV])
        .args(flags)
        .arg("refunds?"))
}

fn citations(out: &Output) -> Vec<Value> {
    out.events()
        .into_iter()
        .filter(|e| e["type"] == "citation")
        .collect()
}

/// What an answer looks like when nothing goes wrong, in text and JSON.
fn reference() -> (String, String, Vec<Value>) {
    let (server, _) = start(Network::default());
    let text = ask(&server, &["--background"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let json = ask(&server, &["--background", "--json"]);
    (text.stdout, json.deltas(), citations(&json))
}

#[test]
fn a_background_answer_survives_cuts_anywhere_exactly_as_if_uncut() {
    let (text, deltas, cites) = reference();
    assert_eq!(
        text,
        "Refunds take thirty days[1], in writing.\n\n[1] handbook.pdf\n"
    );
    // cut right after response.created, mid-answer, between the annotation and the text
    // that follows it, and again during the resume
    for (post_cut, resume_cuts) in [
        (1, vec![]),
        (5, vec![]),
        (8, vec![]),
        (4, vec![2]),
        (3, vec![0, 1, 3]),
    ] {
        let net = Network {
            post_cut: Some(post_cut),
            resume_cuts: resume_cuts.clone(),
            ..Network::default()
        };
        let (server, _) = start(net.clone());
        let out = ask(&server, &["--background"]);
        assert_eq!(
            out.code, 0,
            "cut at {post_cut} then {resume_cuts:?}: {}",
            out.stderr
        );
        assert_eq!(out.stdout, text, "cut at {post_cut} then {resume_cuts:?}");
        assert!(
            out.stderr.contains("resumed it after event"),
            "{}",
            out.stderr
        );
        let (server, _) = start(net);
        let out = ask(&server, &["--background", "--json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(
            out.deltas(),
            deltas,
            "cut at {post_cut} then {resume_cuts:?}"
        );
        assert_eq!(citations(&out), cites);
        let posts = server
            .requests()
            .iter()
            .filter(|r| r.method == "POST")
            .count();
        assert_eq!(posts, 1, "never sent twice");
        let body = server.requests()[0].json();
        assert_eq!(
            (body["background"].clone(), body["stream"].clone()),
            (json!(true), json!(true))
        );
    }
}

/// A server that resumes from further back than asked sends events asst has handled:
/// they are not handled again.
#[test]
fn a_resume_from_further_back_prints_nothing_twice() {
    let (text, deltas, _) = reference();
    for post_cut in [4, 6, 9] {
        let net = Network {
            post_cut: Some(post_cut),
            resume_from_back: 3,
            ..Network::default()
        };
        let (server, _) = start(net.clone());
        let out = ask(&server, &["--background"]);
        assert_eq!(
            (out.code, &out.stdout),
            (0, &text),
            "cut at {post_cut}: {}",
            out.stderr
        );
        let (server, _) = start(net);
        let out = ask(&server, &["--background", "--json"]);
        assert_eq!(out.deltas(), deltas, "cut at {post_cut}");
    }
}

#[test]
fn a_refused_resume_falls_back_to_the_stored_response_and_polls_it() {
    let (text, _, _) = reference();
    let (server, _) = start(Network {
        post_cut: Some(5),
        refuse_resume: true,
        takes: Duration::from_millis(600),
        ..Network::default()
    });
    let out = ask(&server, &["--background"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, text);
    let gets: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.target.clone())
        .collect();
    assert!(gets[0].contains("stream=true&starting_after=4"), "{gets:?}");
    assert!(gets.len() >= 3, "polled while in progress: {gets:?}");
}

#[test]
fn a_response_left_queued_ends_within_the_idle_budget_with_the_ids() {
    let (server, _) = start(Network {
        post_cut: Some(1),
        stuck_queued: true,
        ..Network::default()
    });
    let start = Instant::now();
    let out = run(openai(&server).args([
        "--idle-timeout",
        "1",
        "ask",
        "--background",
        "-t",
        CONV,
        "q",
    ]));
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("resp_bg") && out.stderr.contains(CONV),
        "{}",
        out.stderr
    );
}

#[test]
fn an_ordinary_response_cut_is_reported_lost_not_recovered() {
    let (server, sim) = start(Network {
        post_cut: Some(5),
        ..Network::default()
    });
    let out = ask(&server, &["--json"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert_eq!(out.deltas(), "Refunds take ", "what arrived stays");
    let events = out.events();
    let done = &events[events.len() - 2];
    assert_eq!(
        (done["status"].as_str(), done["reason"].as_str()),
        (Some("cancelled"), Some("connection_lost"))
    );
    let message = events.last().unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("lost") && message.contains("resp_bg") && message.contains("--background"),
        "{message}"
    );
    assert_eq!(sim.lock().unwrap().responses["resp_bg"].status, "cancelled");
    assert!(
        !server.requests()[0].body.contains("background"),
        "off by default"
    );
}

#[test]
fn an_interrupt_cancels_a_background_response_on_the_server() {
    // SIGHUP too: the terminal or the ssh connection closed, and nobody reads the answer.
    for (signal, status) in [("INT", 130), ("HUP", 129)] {
        interrupted_background(signal, status);
    }
}

fn interrupted_background(signal: &str, status: i32) {
    let (server, sim) = start(Network {
        post_cut: Some(5),
        hold: true,
        ..Network::default()
    });
    let mut child = crate::spawn(&server, &["ask", "--background", "-t", CONV, "q"], &[]);
    let mut stdout = child.stdout.take().unwrap();
    crate::read_until(&mut stdout, "take");
    crate::kill(&child, signal);
    let out = child.wait_with_output().unwrap();
    assert_eq!(crate::shell_status(&out.status), status, "{signal}");
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&out.status),
        Some(if signal == "HUP" { 1 } else { 2 }),
        "ends by the signal"
    );
    assert!(
        server
            .lines()
            .contains(&"POST /v1/responses/resp_bg/cancel".to_string()),
        "{:?}",
        server.lines()
    );
    assert_eq!(sim.lock().unwrap().responses["resp_bg"].status, "cancelled");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cancelled response resp_bg"));
}

#[test]
fn detach_then_wait_from_another_process() {
    let (text, deltas, _) = reference();
    let (server, _) = start(Network {
        takes: Duration::from_millis(500),
        ..Network::default()
    });
    let started = ask(&server, &["--detach"]);
    assert_eq!(started.code, 0, "{}", started.stderr);
    assert_eq!(started.stdout, "resp_bg\n");
    let out = run(openai(&server).args(["response", "wait", "resp_bg"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, text, "rendered exactly as ask renders it");
    let out = run(openai(&server).args(["response", "wait", "--json", "resp_bg"]));
    assert_eq!(out.deltas(), deltas);
    assert_eq!(out.events()[0]["type"], "thread");
    // --json detach: the thread, then the response
    let json = ask(&server, &["--detach", "--json"]);
    let kinds: Vec<String> = json
        .events()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["thread", "response"]);
    assert_eq!(json.events()[1]["id"], "resp_bg");
    // show and cancel
    std::thread::sleep(Duration::from_millis(600));
    let out = run(openai(&server).args(["response", "show", "resp_bg"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, text);
    let out = run(openai(&server).args(["response", "cancel", "--json", "resp_bg"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.events()[0]["status"], "cancelled");
    let out = run(openai(&server).args(["response", "show", "nope_1"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
}

#[test]
fn background_is_a_setting_with_flag_over_environment_over_profile() {
    let (server, _) = start(Network::default());
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.toml");
    std::fs::write(&config, "[profiles.default]\nbackground = true\n").unwrap();
    let body = |flags: &[&str], env: &[(&str, &str)]| -> Value {
        let mut cmd = openai(&server);
        cmd.env("ASST_CONFIG", &config);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = run(cmd.args(["ask", "-t", CONV]).args(flags).arg("q"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        server.requests().last().map(|r| r.json()).unwrap()
    };
    assert_eq!(body(&[], &[])["background"], json!(true), "the profile");
    assert_eq!(
        body(&[], &[("ASST_BACKGROUND", "0")]).get("background"),
        None,
        "env over profile"
    );
    assert_eq!(
        body(&["--no-background"], &[("ASST_BACKGROUND", "1")]).get("background"),
        None
    );
    assert_eq!(
        body(&["--background"], &[("ASST_BACKGROUND", "0")])["background"],
        json!(true)
    );
    let out = run(openai(&server).args([
        "ask",
        "--background",
        "-t",
        "thread_x",
        "--assistant",
        "asst_1",
        "q",
    ]));
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn a_closed_stdout_cancels_a_background_response_on_the_server() {
    let (open, gate) = std::sync::mpsc::channel();
    let (server, sim) = start(Network {
        post_cut: Some(5),
        hold: true,
        more_after_pause: true,
        gate: Arc::new(Mutex::new(Some(gate))),
        ..Network::default()
    });
    let mut child = crate::spawn(&server, &["ask", "--background", "-t", CONV, "q"], &[]);
    let mut stdout = child.stdout.take().unwrap();
    crate::read_until(&mut stdout, "take");
    drop(stdout); // the reader goes away while the answer goes on, as `| head` does
    open.send(()).unwrap(); // then more of the answer comes
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        server
            .lines()
            .contains(&"POST /v1/responses/resp_bg/cancel".to_string()),
        "{:?} {}",
        server.lines(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sim.lock().unwrap().responses["resp_bg"].status, "cancelled");
}
