//! Faults, interrupts and bad input: retries before a stream starts, never a second POST
//! after it, recovery of a cut stream, timeouts, busy threads, signals, closed pipes.

use crate::responses::{answer_stream, Piece};
use crate::server::{named, Chunk, Reply, Server};
use crate::{openai, run, Output, KEY};
use serde_json::json;
use std::io::Read;
use std::process::Child;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONV: &str = "conv_r";
const THREAD: &str = "thread_r";

fn posts(server: &Server, path: &str) -> usize {
    server
        .lines()
        .iter()
        .filter(|l| *l == &format!("POST {path}"))
        .count()
}

/// A stream of `pieces` cut after `keep` events: dropped (`drop`) or ended cleanly.
fn cut_stream(pieces: &[Piece], keep: usize, drop: bool) -> Reply {
    let mut events = answer_stream(pieces);
    events.truncate(keep);
    Reply::Stream {
        chunks: events
            .into_iter()
            .map(|e| Chunk::Bytes(e.into_bytes()))
            .collect(),
        drop,
    }
}

/// The stored response as `GET /responses/{id}` returns it once complete.
fn stored_response(status: &str, text: &str, annotations: serde_json::Value) -> Reply {
    Reply::ok(json!({"id": "resp_1", "object": "response", "status": status, "output": [
        {"id": "rs_0", "type": "reasoning", "summary": []},
        {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": text, "annotations": annotations}]}
    ], "usage": {"input_tokens": 3, "output_tokens": 4, "total_tokens": 7}}).to_string())
}

#[test]
fn retryable_statuses_are_retried_before_the_stream_starts() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let server = Server::start(move |_| match c.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::JsonWith(
            503,
            vec![("retry-after-ms".into(), "20".into())],
            r#"{"error":{"message":"overloaded"}}"#.into(),
        ),
        1 => Reply::JsonWith(
            429,
            vec![("retry-after".into(), "0".into())],
            r#"{"error":{"message":"slow down","code":"rate_limit_exceeded"}}"#.into(),
        ),
        _ => Reply::sse(answer_stream(&[Piece::Text("ok")])),
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(posts(&server, "/v1/responses"), 3);
    assert_eq!(
        out.stderr,
        "asst: HTTP 503; retrying in 0.0s (1/2)\nasst: HTTP 429; retrying in 0.0s (2/2)\n"
    );
    assert_eq!(out.deltas(), "ok"); // every stdout line is an event: no notices there
}

#[test]
fn the_retry_budget_is_configurable_and_then_the_error_stands() {
    let server = Server::start(|_| {
        Reply::JsonWith(
            500,
            vec![("retry-after-ms".into(), "1".into())],
            r#"{"error":{"message":"boom","type":"server_error"}}"#.into(),
        )
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 7);
    assert_eq!(posts(&server, "/v1/responses"), 3);
    assert!(
        out.stderr.ends_with(&format!(
            "asst: error: the server failed: boom (HTTP 500) (request {})\n",
            crate::server::request_id(2)
        )),
        "{}",
        out.stderr
    );
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "0")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 7);
    assert_eq!(posts(&server, "/v1/responses"), 4);
    // 400s are not retried
    let bad = Server::start(|_| Reply::Json(400, r#"{"error":{"message":"no"}}"#.into()));
    run(openai(&bad).args(["ask", "-t", CONV, "q"]));
    assert_eq!(bad.requests().len(), 1);
}

#[test]
fn connection_failures_are_retried_then_reported_as_network_errors() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = run(crate::asst()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", format!("http://127.0.0.1:{port}/v1"))
        .args(["--max-retries", "1", "ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains("retrying in"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("asst: error: cannot connect to 127.0.0.1:{port}")),
        "{}",
        out.stderr
    );
}

#[test]
fn a_dropped_stream_is_recovered_without_sending_the_post_again() {
    for drop in [true, false] {
        let server = Server::start(move |r| match (r.method.as_str(), r.path()) {
            ("GET", "/v1/responses/resp_1") => stored_response(
                "completed",
                "Refunds take 30 days.",
                json!([{"type": "file_citation", "file_id": "file-h", "filename": "handbook.pdf", "index": 20}]),
            ),
            _ => cut_stream(
                &[
                    Piece::Text("Refunds "),
                    Piece::Text("take"),
                    Piece::Text(" 30 days."),
                ],
                4,
                drop,
            ),
        });
        // Only a background response goes on after its connection drops (an ordinary one
        // is cancelled: see background.rs).
        let out = run(openai(&server).args(["ask", "--background", "-t", CONV, "q"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stdout, "Refunds take 30 days[1].\n\n[1] handbook.pdf\n");
        assert!(
            out.stderr
                .contains("recovered the rest of the answer from response resp_1"),
            "{}",
            out.stderr
        );
        assert_eq!(
            server.lines(),
            ["POST /v1/responses", "GET /v1/responses/resp_1"]
        );

        let out = run(openai(&server).args(["ask", "--background", "-t", CONV, "--json", "q"]));
        assert_eq!(out.deltas(), "Refunds take 30 days[1].");
        let done = out.events().pop().unwrap();
        assert_eq!(
            (done["type"].as_str(), done["status"].as_str()),
            (Some("done"), Some("completed"))
        );
        assert_eq!(done["usage"]["total_tokens"], 7);
        assert_eq!(posts(&server, "/v1/responses"), 2);
    }
}

#[test]
fn recovery_polls_until_the_response_is_done() {
    let polls = Arc::new(AtomicUsize::new(0));
    let p = polls.clone();
    let server = Server::start(move |r| match r.method.as_str() {
        "GET" if p.fetch_add(1, Ordering::SeqCst) < 2 => {
            stored_response("in_progress", "Part", json!([]))
        }
        "GET" => stored_response("incomplete", "Partial answer", json!([])),
        _ => cut_stream(&[Piece::Text("Part"), Piece::Text("ial")], 3, true),
    });
    let out = run(openai(&server).args(["ask", "--background", "-t", CONV, "q"]));
    assert_eq!(out.code, 8, "{}", out.stderr);
    assert_eq!(out.stdout, "Partial answer\n");
    assert_eq!(polls.load(Ordering::SeqCst), 3);
}

#[test]
fn an_unrecoverable_cut_names_the_ids_to_look_up_later() {
    let server = Server::start(|r| match r.method.as_str() {
        "GET" => Reply::Json(
            404,
            r#"{"error":{"message":"Response with id 'resp_1' not found."}}"#.into(),
        ),
        _ => cut_stream(&[Piece::Text("Half an ans"), Piece::Text("wer")], 3, true),
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert_eq!(out.deltas(), "Half an ans");
    let err = out.events().pop().unwrap();
    assert_eq!(err["code"], "network");
    let message = err["message"].as_str().unwrap();
    // An ordinary response the server no longer knows after the cut: lost with it.
    assert!(
        message.contains("connection was lost") && message.contains("resp_1 in conv_r"),
        "{message}"
    );

    // cut before the response had an id: nothing to look up, and still one POST
    let early = Server::start(|_| cut_stream(&[Piece::Text("x")], 0, true));
    let out = run(openai(&early).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert_eq!(early.lines(), ["POST /v1/responses"]);
}

#[test]
fn a_silent_server_times_out_instead_of_hanging() {
    let server = Server::start(|_| Reply::Hang);
    let started = Instant::now();
    let out = run(openai(&server).args([
        "--idle-timeout",
        "0.5",
        "--max-retries",
        "0",
        "ask",
        "-t",
        CONV,
        "q",
    ]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("the server did not answer within 0.5s"),
        "{}",
        out.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(20));

    // stalls mid-answer: recovered from the stored response
    let stall = Server::start(|r| match r.method.as_str() {
        "GET" => stored_response("completed", "Slow answer.", json!([])),
        _ => {
            let mut events = answer_stream(&[Piece::Text("Slow"), Piece::Text(" answer.")]);
            let tail = events.split_off(3);
            let mut chunks: Vec<Chunk> = events
                .into_iter()
                .map(|e| Chunk::Bytes(e.into_bytes()))
                .collect();
            chunks.push(Chunk::Pause(Duration::from_secs(3)));
            chunks.extend(tail.into_iter().map(|e| Chunk::Bytes(e.into_bytes())));
            Reply::Stream {
                chunks,
                drop: false,
            }
        }
    });
    let out = run(openai(&stall).args([
        "--idle-timeout",
        "0.5",
        "ask",
        "--background",
        "-t",
        CONV,
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Slow answer.\n");
    assert_eq!(
        stall.lines(),
        ["POST /v1/responses", "GET /v1/responses/resp_1"]
    );
}

#[test]
fn an_assistants_run_cut_mid_answer_is_recovered_from_the_run_and_its_messages() {
    let server = Server::start(|r| {
        match (r.method.as_str(), r.path()) {
        ("GET", p) if p.ends_with("/runs/run_1") => Reply::ok(json!({"id": "run_1", "thread_id": THREAD, "status": "completed", "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}).to_string()),
        ("GET", p) if p.ends_with("/messages") => {
            assert!(r.query().contains("run_id=run_1"), "{}", r.query());
            let marker = "【4:0†source】";
            Reply::ok(json!({"data": [{"id": "msg_1", "role": "assistant", "content": [{"type": "text", "text": {"value": format!("Cake{marker}."), "annotations": [{"type": "file_citation", "text": marker, "start_index": 4, "end_index": 4 + marker.chars().count(), "file_citation": {"file_id": "file-f"}}]}}]}], "has_more": false}).to_string())
        }
        ("GET", "/v1/files/file-f") => Reply::ok(r#"{"id":"file-f","filename":"foods.txt"}"#),
        _ => Reply::Stream {
            chunks: vec![
                Chunk::Bytes(named("thread.run.created", json!({"id": "run_1", "thread_id": THREAD, "status": "queued"})).into_bytes()),
                Chunk::Bytes(named("thread.message.delta", json!({"id": "msg_1", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": "Ca"}}]}})).into_bytes()),
            ],
            drop: true,
        },
    }
    });
    let out = run(openai(&server)
        .env("ASSISTANT_ID", "asst_1")
        .args(["ask", "-t", THREAD, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Cake[1].\n\n[1] foods.txt\n");
    assert_eq!(posts(&server, &format!("/v1/threads/{THREAD}/runs")), 1);
    assert!(
        out.stderr
            .contains("recovered the rest of the answer from run run_1"),
        "{}",
        out.stderr
    );
}

/// "Good answer" printed, and the two events that could not be read counted (exit 7).
fn good_answer_but_two_events_unread(out: &Output) {
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert_eq!(out.stdout, "Good answer\n");
    assert!(
        out.stderr
            .contains("2 event(s) of the stream could not be read"),
        "{}",
        out.stderr
    );
}

/// Deltas of one shape are read by comparing each with the last; one whose text or padding
/// is not UTF-8 is still an event that could not be read, not text.
#[test]
fn a_delta_that_is_not_utf8_is_not_read_beside_ones_of_its_shape() {
    let server = Server::start(|_| {
        let events = answer_stream(&[
            Piece::Text("Good "),
            Piece::Text("b-d"),
            Piece::Text("!"),
            Piece::Text("answer"),
        ]);
        let chunks = events
            .into_iter()
            .map(|e| {
                let mut bytes = e.into_bytes();
                let spoil = |bytes: &mut Vec<u8>, what: &[u8]| {
                    if let Some(at) = bytes.windows(what.len()).position(|w| w == what) {
                        bytes[at + what.len() - 2] = 0xff;
                    }
                };
                spoil(&mut bytes, b"\"b-d\"");
                let exclaims = br#""delta":"!""#;
                if bytes.windows(exclaims.len()).any(|w| w == exclaims) {
                    spoil(&mut bytes, b"\"xyz\"");
                }
                Chunk::Bytes(bytes)
            })
            .collect();
        Reply::Stream {
            chunks,
            drop: false,
        }
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    good_answer_but_two_events_unread(&out);
}

#[test]
fn malformed_stream_data_never_panics() {
    let server = Server::start(|_| {
        let mut events = answer_stream(&[Piece::Text("Good "), Piece::Text("answer")]);
        events.insert(
            3,
            "event: response.output_text.delta\ndata: {not json\n\n".into(),
        );
        events.insert(3, "data: line one\ndata: line two\n\n".into());
        events.insert(3, "retry: 10\nid: 5\nfield-without-colon\n\n".into());
        Reply::sse(events)
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    good_answer_but_two_events_unread(&out);
    assert!(!out.stderr.contains("panicked"));
}

#[test]
fn a_busy_thread_is_waited_for_then_reported() {
    let locked = r#"{"error":{"message":"Another process is currently operating on this conversation. Please retry in a few seconds.","type":"invalid_request_error","param":"conversation","code":"conversation_locked"}}"#;
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let server = Server::start(move |_| match c.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::Json(400, locked.into()),
        _ => Reply::sse(answer_stream(&[Piece::Text("ok")])),
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "asst: the thread is busy; retrying for up to 10s\n"
    );
    assert_eq!(posts(&server, "/v1/responses"), 2);

    let always = Server::start(move |_| Reply::Json(400, locked.into()));
    let out = run(openai(&always).args(["--busy-wait", "0", "ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 9, "{}", out.stderr);
    assert_eq!(always.requests().len(), 1);
    assert!(
        out.stderr
            .contains("Another process is currently operating"),
        "{}",
        out.stderr
    );
}

/// A running asst whose stdout is read by a thread.
struct Running {
    child: Child,
    seen: String,
    rest: std::thread::JoinHandle<Vec<u8>>,
}

/// Spawns asst on a stream that sends one delta and then holds; returns once it is on stdout.
fn spawn_waiting(server: &Server, args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut child = crate::spawn(server, args, env);
    let mut stdout = child.stdout.take().unwrap();
    let seen = crate::read_until(&mut stdout, "Partial");
    let rest = std::thread::spawn(move || {
        let mut more = Vec::new();
        let _ = stdout.read_to_end(&mut more);
        more
    });
    Running { child, seen, rest }
}

fn signal(running: &Running, name: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{name}"), &running.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn finish(running: Running) -> Output {
    let out = running.child.wait_with_output().unwrap();
    let rest = running.rest.join().unwrap();
    Output {
        code: crate::shell_status(&out.status),
        stdout: running.seen + &String::from_utf8_lossy(&rest),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn held_stream() -> Reply {
    let mut events = answer_stream(&[Piece::Text("Partial")]);
    events.pop();
    let mut chunks: Vec<Chunk> = events
        .into_iter()
        .map(|e| Chunk::Bytes(e.into_bytes()))
        .collect();
    chunks.push(Chunk::Pause(Duration::from_secs(15)));
    Reply::Stream {
        chunks,
        drop: false,
    }
}

#[test]
fn ctrl_c_keeps_what_was_printed_and_exits_130() {
    let server = Server::start(|_| held_stream());
    let asst = spawn_waiting(&server, &["ask", "-t", CONV, "--json", "q"], &[]);
    signal(&asst, "INT");
    let out = finish(asst);
    assert_eq!(out.code, 130, "{}", out.stderr);
    let events = out.events();
    assert_eq!(out.deltas(), "Partial");
    let done = &events[events.len() - 2];
    assert_eq!(
        (
            done["type"].as_str(),
            done["status"].as_str(),
            done["reason"].as_str()
        ),
        (Some("done"), Some("cancelled"), Some("interrupted"))
    );
    assert_eq!(done["response"], "resp_1");
    assert_eq!(events.last().unwrap()["exit_code"], 130);
    assert_eq!(posts(&server, "/v1/responses"), 1);

    let asst = spawn_waiting(&server, &["ask", "-t", CONV, "q"], &[]);
    signal(&asst, "TERM");
    let out = finish(asst);
    assert_eq!(out.code, 143, "{}", out.stderr);
    assert_eq!(out.stdout, "Partial\n");
    assert_eq!(out.stderr, "asst: error: terminated\n");
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_asst_by_the_signal_so_that_a_loop_around_it_stops() {
    // Ctrl-C reaches the whole foreground process group: the script's shell and asst. A
    // shell goes on with its loop when the command it waited for exited by itself (130 or
    // any other code): the command handled the interrupt, it assumes. asst ends by the
    // signal itself once it has cleaned up, as the default action would, so the loop ends
    // on the first Ctrl-C, not one per question.
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let server = Server::start(|_| held_stream());
    let script = format!(
        "for q in one two; do '{}' ask -t {CONV} \"$q\"; echo \"after $q\"; done",
        env!("CARGO_BIN_EXE_asst")
    );
    let mut child = crate::piped("bash", &server)
        .args(["-c", &script])
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .process_group(0)
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = crate::read_until(&mut stdout, "Partial");
    let group = format!("-{}", child.id());
    let sent = std::process::Command::new("kill")
        .args(["-INT", "--", &group])
        .status()
        .unwrap();
    assert!(sent.success());
    let _ = stdout.read_to_string(&mut seen);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    assert!(!seen.contains("after"), "the loop went on: {seen}{stderr}");
    assert_eq!(posts(&server, "/v1/responses"), 1, "{stderr}");
    assert_eq!(status.signal(), Some(2), "{status:?}: {stderr}");
    // asst itself still says what happened, and ends by SIGINT: a shell reports 130
    let asst = spawn_waiting(&server, &["ask", "-t", CONV, "q"], &[]);
    signal(&asst, "INT");
    let out = asst.child.wait_with_output().unwrap();
    assert_eq!(out.status.signal(), Some(2), "{:?}", out.status);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "asst: error: interrupted\n"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_any_command_at_once_even_after_a_key_command_ran() {
    // A key command makes asst listen for signals (to end the command's group), and a
    // signal that nobody listens for afterwards used to be swallowed: thread show, store
    // show or a sync's listing then went on until the server answered.
    let server = Server::start(|_| Reply::Hang);
    for args in [
        &["thread", "show", CONV][..],
        &["store", "show", "vs_1"],
        &["thread", "new"],
        &["store", "sync", "vs_1", "."],
    ] {
        let key_cmd = format!("printf %s {KEY}");
        let child = crate::spawn(
            &server,
            args,
            &[("OPENAI_API_KEY", ""), ("ASST_API_KEY_CMD", &key_cmd)],
        );
        let before = server.requests().len();
        let out = crate::signal_when(child, "INT", "a request", || {
            server.requests().len() > before
        });
        assert!(
            out.took < Duration::from_secs(2),
            "{args:?}: took {:?}",
            out.took
        );
        assert_eq!(out.by_signal, Some(2), "{args:?}: {}", out.status);
        assert_eq!(out.stderr, "asst: error: interrupted\n", "{args:?}");
    }
}

/// An Assistants run that streams "Partial", then " more" a moment later, then holds.
fn assistants_held_run(cancel_delay: Duration) -> Server {
    Server::start(move |r| {
        if r.path().ends_with("/cancel") {
            std::thread::sleep(cancel_delay);
            return Reply::ok(r#"{"id":"run_1","status":"cancelling"}"#);
        }
        Reply::Stream {
            chunks: vec![
                Chunk::Bytes(named("thread.run.created", json!({"id": "run_1", "thread_id": THREAD, "status": "queued"})).into_bytes()),
                Chunk::Bytes(named("thread.message.delta", json!({"id": "msg_1", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": "Partial"}}]}})).into_bytes()),
                Chunk::Pause(Duration::from_millis(300)),
                Chunk::Bytes(named("thread.message.delta", json!({"id": "msg_1", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": " more"}}]}})).into_bytes()),
                Chunk::Pause(Duration::from_secs(15)),
            ],
            drop: false,
        }
    })
}

#[test]
fn ctrl_c_cancels_an_assistants_run_and_a_second_one_does_not_wait() {
    let server = assistants_held_run(Duration::ZERO);
    let asst = spawn_waiting(
        &server,
        &["ask", "-t", THREAD, "q"],
        &[("ASSISTANT_ID", "asst_1")],
    );
    signal(&asst, "INT");
    let out = finish(asst);
    assert_eq!(out.code, 130, "{}", out.stderr);
    assert!(
        out.stdout == "Partial\n" || out.stdout == "Partial more\n",
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("cancelled run run_1"), "{}", out.stderr);
    assert_eq!(
        server.lines().last().unwrap(),
        &format!("POST /v1/threads/{THREAD}/runs/run_1/cancel")
    );

    // the cancel request hangs: a second Ctrl-C ends asst at once
    let slow = assistants_held_run(Duration::from_secs(4));
    let asst = spawn_waiting(
        &slow,
        &["ask", "-t", THREAD, "q"],
        &[("ASSISTANT_ID", "asst_1")],
    );
    signal(&asst, "INT");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !slow.lines().iter().any(|l| l.ends_with("/cancel")) {
        assert!(Instant::now() < deadline, "no cancel request");
        std::thread::sleep(Duration::from_millis(20));
    }
    let started = Instant::now();
    signal(&asst, "INT");
    let out = finish(asst);
    assert_eq!(out.code, 130, "{}", out.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "waited {:?} after the second Ctrl-C",
        started.elapsed()
    );
}

#[test]
fn a_closed_stdout_cancels_an_assistants_run() {
    let server = assistants_held_run(Duration::ZERO);
    let mut child = crate::spawn(
        &server,
        &["ask", "-t", THREAD, "q"],
        &[("ASSISTANT_ID", "asst_1")],
    );
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 3];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    // asst notices the closed pipe at its next write, " more", and cancels the run.
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
            .iter()
            .any(|l| l.ends_with("/runs/run_1/cancel")),
        "{:?}",
        server.lines()
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "a closed pipe is not worth a word"
    );
}

#[test]
fn thread_show_into_a_closed_pipe_exits_quietly() {
    let data: Vec<_> = (0..100).map(|i| json!({"id": format!("msg_{i}"), "type": "message", "role": "user", "content": [{"type": "input_text", "text": "line ".repeat(200)}]})).collect();
    let page = json!({"data": data, "has_more": false}).to_string();
    let server = Server::start(move |_| Reply::ok(page.clone()));
    let mut child = crate::spawn(&server, &["thread", "show", CONV], &[]);
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 5];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(crate::shell_status(&out.status), 0);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let server = Server::start(|r| match r.path() {
        p if p.starts_with("/v1/threads/") => Reply::Json(
            404,
            format!(
                r#"{{"error":{{"message":"No thread found with id '{THREAD}'.","type":"invalid_request_error"}}}}"#
            ),
        ),
        _ => Reply::sse(answer_stream(&[Piece::Text("ok")])),
    });
    let long = "x".repeat(256_001);
    let out = run(openai(&server)
        .env("ASSISTANT_ID", "asst_1")
        .args(["ask", "-t", THREAD])
        .write_stdin(long));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "the prompt has 256001 characters; the Assistants API accepts at most 256000"
        ),
        "{}",
        out.stderr
    );
    let out = run(openai(&server).args(["ask", "--vector-store", "", "-t", CONV, "q"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--vector-store needs an id"),
        "{}",
        out.stderr
    );
    let out = run(openai(&server).args(["ask", "--vector-store", "vs 1", "-t", CONV, "q"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(server.requests().is_empty(), "{:?}", server.lines());

    // a thread that does not exist
    let out = run(openai(&server)
        .env("ASSISTANT_ID", "asst_1")
        .args(["ask", "-t", THREAD, "q"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("thread {THREAD} not found")),
        "{}",
        out.stderr
    );
    let out = run(openai(&server).args(["thread", "show", THREAD]));
    assert_eq!(out.code, 4, "{}", out.stderr);
}

/// Mutated recordings (flipped bytes, cut lines, repeated and dropped events, random
/// splits) never make asst panic: it answers, or fails with a documented exit code.
#[test]
fn mangled_streams_never_panic() {
    let recordings = [
        crate::fixture("openai-dotnet_ResponsesFileSearchCallStreaming.sse"),
        crate::fixture("openai-dotnet_FileSearchStreamingWorks.sse"),
    ];
    let mut state: u64 = 0xA076_1D64_78BD_642F;
    let mut rand = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let mut cases = Vec::new();
    for round in 0..24 {
        let mut bytes = recordings[round % 2].clone().into_bytes();
        for _ in 0..1 + rand(6) {
            if bytes.is_empty() {
                break;
            }
            let i = rand(bytes.len());
            let alphabet = b"{}\":,[]\n\r x\xff";
            match rand(4) {
                0 => bytes[i] = alphabet[rand(alphabet.len())],
                1 => bytes.truncate(i),
                2 => {
                    let j = (i + rand(400)).min(bytes.len());
                    let copy = bytes[i..j].to_vec();
                    bytes.splice(i..i, copy);
                }
                _ => {
                    let j = (i + rand(200)).min(bytes.len());
                    bytes.drain(i..j);
                }
            }
        }
        // served in random pieces, some splitting UTF-8 sequences and lines
        let mut chunks = Vec::new();
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            let n = 1 + rand(rest.len().min(300));
            chunks.push(rest[..n].to_vec());
            rest = &rest[n..];
        }
        cases.push((round % 2, chunks));
    }
    for (family, chunks) in cases {
        let server = Server::start(move |r| {
            if r.method == "GET" {
                return Reply::Json(404, "{}".into());
            }
            Reply::Stream {
                chunks: chunks.iter().map(|c| Chunk::Bytes(c.clone())).collect(),
                drop: false,
            }
        });
        let thread = if family == 0 { CONV } else { THREAD };
        let out = run(openai(&server)
            .env("ASSISTANT_ID", "asst_1")
            .args(["ask", "-t", thread, "--json", "q"]));
        assert!(
            [0, 5, 6, 7, 8].contains(&out.code),
            "exit {}: {}",
            out.code,
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        let events = out.events(); // every stdout line is still one JSON event
        if out.code != 0 {
            assert_eq!(events.last().unwrap()["type"], "error");
        }
    }
}

#[test]
fn a_thread_id_malformed_for_its_family_is_refused_before_any_request() {
    let server = Server::start(|_| Reply::Json(404, r#"{"error":{"message":"nope"}}"#.into()));
    for id in [
        "bad_id",
        "conv_",
        "CONV_abc",
        "vs_demo",
        "thread_",
        "conv_a/../b",
    ] {
        for args in [
            vec!["thread", "show", id],
            vec!["ask", "-t", id, "q"],
            vec!["--json", "thread", "show", id],
        ] {
            let out = run(openai(&server).args(&args));
            assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
            assert!(
                out.stderr.contains("not a valid thread id"),
                "{}",
                out.stderr
            );
        }
    }
    assert!(server.requests().is_empty(), "{:?}", server.lines());
}

#[test]
#[cfg(unix)]
fn a_hangup_that_was_ignored_at_start_stays_ignored() {
    // Under nohup (or `trap '' HUP`) a closed terminal must not stop asst: the answer is
    // still streamed to its end.
    let (open, gate) = std::sync::mpsc::channel::<()>();
    let gate = std::sync::Mutex::new(Some(gate));
    let server = Server::start(move |_| {
        let mut events = answer_stream(&[Piece::Text("Partial")]);
        let last = events.pop().unwrap();
        let mut chunks: Vec<Chunk> = events
            .into_iter()
            .map(|e| Chunk::Bytes(e.into_bytes()))
            .collect();
        if let Some(gate) = gate.lock().unwrap().take() {
            chunks.push(Chunk::WaitFor(gate));
        }
        chunks.push(Chunk::Bytes(last.into_bytes()));
        Reply::Stream {
            chunks,
            drop: false,
        }
    });
    let mut child = crate::piped("/bin/sh", &server)
        .args(["-c", "trap '' HUP; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_asst"))
        .args(["ask", "-t", CONV, "q"])
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let seen = crate::read_until(&mut stdout, "Partial");
    crate::kill(&child, "HUP");
    std::thread::sleep(Duration::from_millis(300));
    open.send(()).unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        crate::shell_status(&out.status),
        0,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(seen + &rest, "Partial\n");
}

#[test]
fn an_interrupt_after_the_reader_left_still_ends_by_the_signal() {
    // `asst ask q | head -c 7` and Ctrl-C: head is gone, so the answer's last write fails;
    // asst must still end by the signal, or a loop around the pipeline goes on. (A closed
    // terminal, SIGHUP, fails the same write with EIO.)
    let server = Server::start(|_| held_stream());
    for mode in [&["ask"][..], &["ask", "--json"]] {
        let args: Vec<&str> = mode.iter().copied().chain(["-t", CONV, "q"]).collect();
        let mut child = crate::spawn(&server, &args, &[]);
        let mut stdout = child.stdout.take().unwrap();
        crate::read_until(&mut stdout, "Partial");
        drop(stdout);
        std::thread::sleep(Duration::from_millis(100));
        crate::kill(&child, "INT");
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(crate::shell_status(&out.status), 130, "{mode:?}: {stderr}");
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&out.status),
            Some(2),
            "{mode:?}: {stderr}"
        );
    }
}
