//! Hostile servers and input: credentials never leave for another place, memory does not
//! grow with what a server or stdin sends, and nothing hangs.

use crate::responses::{answer_stream, Piece};
use crate::server::{event, named, Chunk, Reply, Server};
use crate::{asst, openai, run, KEY};
use serde_json::json;
use std::io::Write;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONV: &str = "conv_h";

fn raw(text: &str) -> Chunk {
    Chunk::Bytes(text.as_bytes().to_vec())
}

// ---- credentials ------------------------------------------------------------------------

#[test]
fn redirects_are_not_followed_and_carry_no_key_anywhere() {
    let elsewhere = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("stolen")])));
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let target = format!("{}/v1/responses?token=abc", elsewhere.url());
        let server = Server::start(move |_| {
            Reply::Raw(vec![raw(&format!(
                "HTTP/1.1 {status}\r\nlocation: {target}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            ))])
        });
        // Azure's api-key header is the one reqwest does not strip on its own.
        for provider in ["openai", "azure"] {
            let mut cmd = asst();
            if provider == "azure" {
                cmd.env("AZURE_OPENAI_ENDPOINT", server.url())
                    .env("AZURE_OPENAI_API_KEY", KEY)
                    .env("ASST_MODEL", "dep");
            } else {
                cmd.env("OPENAI_API_KEY", KEY)
                    .env("OPENAI_BASE_URL", format!("{}/v1", server.url()));
            }
            let out = run(cmd.args(["ask", "-t", CONV, "--json", "q"]));
            assert_eq!(out.code, 3, "{status} {provider}: {}", out.stderr);
            let line = out.error_line();
            assert!(
                line.contains("redirected")
                    && line.contains(&format!("{}/v1/responses", elsewhere.url())),
                "{line}"
            );
            assert!(!out.stderr.contains("token=abc"), "{}", out.stderr);
            assert_eq!(out.events().last().unwrap()["code"], "config");
        }
        assert_eq!(
            server.requests().len(),
            2,
            "{status}: one request per run, never re-sent"
        );
    }
    assert!(elsewhere.requests().is_empty(), "the redirect was followed");
}

#[test]
fn a_loopback_server_is_never_reached_through_a_proxy() {
    let proxy = Server::start(|_| Reply::Json(502, "{}".into()));
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("direct")])));
    for var in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "HTTPS_PROXY"] {
        let out = run(openai(&server)
            .env(var, proxy.url())
            .args(["ask", "-t", CONV, "q"]));
        assert_eq!(out.code, 0, "{var}: {}", out.stderr);
        assert_eq!(out.stdout, "direct\n");
    }
    assert!(
        proxy.requests().is_empty(),
        "the key went through the proxy"
    );
}

#[test]
fn keys_echoed_inside_a_stream_are_redacted() {
    let echo = format!("Incorrect API key provided: {KEY}");
    let streams = [
        // an error event, nested as real traffic has it
        vec![
            event(
                json!({"type": "response.created", "response": {"id": "resp_1", "status": "in_progress"}}),
            ),
            event(json!({"type": "error", "error": {"code": "invalid_api_key", "message": echo}})),
        ],
        // response.failed with the key in its error
        vec![event(
            json!({"type": "response.failed", "response": {"id": "resp_1", "status": "failed", "error": {"code": format!("bad {KEY}"), "message": echo}}}),
        )],
    ];
    for events in streams {
        let server = Server::start(move |_| Reply::sse(events.clone()));
        for json in [true, false] {
            let mut cmd = openai(&server);
            cmd.args(["ask", "-t", CONV, "q"]);
            if json {
                cmd.arg("--json");
            }
            let out = run(&mut cmd); // run() fails on the key anywhere in the output
            assert_ne!(out.code, 0);
            assert!(out.stderr.contains("<redacted>"), "{}", out.stderr);
        }
    }
    // an Assistants run's last_error
    let run_failed = json!({"id": "run_1", "object": "thread.run", "thread_id": "thread_h", "status": "failed",
        "last_error": {"code": "server_error", "message": echo}});
    let server =
        Server::start(move |_| Reply::sse(vec![named("thread.run.failed", run_failed.clone())]));
    for json in [true, false] {
        let mut cmd = openai(&server);
        cmd.args(["ask", "-t", "thread_h", "--assistant", "asst_1", "q"]);
        if json {
            cmd.arg("--json");
        }
        let out = run(&mut cmd);
        assert_eq!(out.code, 7, "{}", out.stderr);
        assert!(out.stderr.contains("<redacted>"), "{}", out.stderr);
    }
}

#[test]
fn passwords_in_a_base_url_are_never_printed() {
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env(
            "OPENAI_BASE_URL",
            "http://user:hunter2-pass@example.invalid/v1",
        )
        .args(["ask", "--json", "q"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("example.invalid"), "{}", out.stderr);
    for leak in ["hunter2-pass", "user:"] {
        assert!(!out.stderr.contains(leak), "{}", out.stderr);
        assert!(!out.stdout.contains(leak), "{}", out.stdout);
    }
}

// ---- bounded memory -----------------------------------------------------------------------

/// Runs asst with a writer thread feeding stdin until asst stops reading.
fn endless_stdin(server: &Server, piece: &'static [u8]) -> (i32, String, Duration) {
    let start = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_asst"))
        .env_clear()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", format!("{}/v1", server.url()))
        .args(["ask", "-t", CONV])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let block = piece.repeat(64 * 1024 / piece.len());
        let deadline = Instant::now() + Duration::from_secs(8);
        while Instant::now() < deadline && stdin.write_all(&block).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        start.elapsed(),
    )
}

#[test]
fn endless_stdin_stops_one_character_past_the_limit() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("no")])));
    for piece in [&b"y\n"[..], &b"\0"[..], "\u{1F600}".as_bytes()] {
        let (code, stderr, took) = endless_stdin(&server, piece);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("more than 10485760 characters"), "{stderr}");
        assert!(took < Duration::from_secs(15), "{took:?}");
    }
    assert!(server.requests().is_empty());
}

#[test]
fn an_event_larger_than_the_cap_is_refused_not_buffered_without_end() {
    // 40 MiB of one data line, never ended: asst gives up at the cap (16 MiB) with exit 7.
    let line = vec![b'x'; 1024 * 1024];
    let server = Server::start(move |_| {
        let mut chunks = vec![
            raw(&event(
                json!({"type": "response.created", "response": {"id": "resp_1", "status": "in_progress"}}),
            )),
            raw("data: \""),
        ];
        for _ in 0..40 {
            chunks.push(Chunk::Bytes(line.clone()));
        }
        Reply::Stream {
            chunks,
            drop: false,
        }
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("larger than 16 MiB"), "{}", out.stderr);
    assert!(out.stderr.contains("resp_1"), "{}", out.stderr);
    assert_eq!(out.events().last().unwrap()["code"], "failed");
}

#[test]
fn error_bodies_are_read_and_shown_only_in_part() {
    let huge = "A".repeat(8 * 1024 * 1024);
    let body = json!({"error": {"message": huge, "code": "too_big"}}).to_string();
    let html = format!("<html><body>{}</body></html>", "B".repeat(8 * 1024 * 1024));
    let replies = Arc::new(std::sync::Mutex::new(vec![
        Reply::Json(400, body),
        Reply::Json(400, html),
    ]));
    let r = replies.clone();
    let server = Server::start(move |_| r.lock().unwrap().remove(0));
    for _ in 0..2 {
        let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
        assert_eq!(out.code, 1, "{}", &out.stderr[..out.stderr.len().min(300)]);
        assert!(
            out.stderr.len() < 2_000,
            "stderr is {} bytes",
            out.stderr.len()
        );
        assert!(
            out.stdout.len() < 2_000,
            "stdout is {} bytes",
            out.stdout.len()
        );
        assert_eq!(out.events().last().unwrap()["type"], "error");
    }
}

#[test]
fn a_config_file_that_is_not_a_regular_file_of_sensible_size_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "# padding\n".repeat(300_000)).unwrap();
    for path in [std::path::Path::new("/dev/zero"), &fifo, &big, dir.path()] {
        let start = Instant::now();
        let out = run(asst()
            .env("OPENAI_API_KEY", KEY)
            .env("ASST_CONFIG", path)
            .args(["ask", "q"]));
        assert_eq!(out.code, 3, "{}: {}", path.display(), out.stderr);
        assert!(
            out.stderr.contains(&path.display().to_string()),
            "{}",
            out.stderr
        );
        assert!(start.elapsed() < Duration::from_secs(10));
    }
}

// ---- nothing hangs ------------------------------------------------------------------------

fn gone(pid_file: &std::path::Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    let pid = loop {
        if let Ok(p) = std::fs::read_to_string(pid_file) {
            if p.ends_with('\n') {
                break p.trim().to_string();
            }
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    while Instant::now() < deadline {
        // Gone, or a zombie that nobody has reaped yet (PID 1 of a container may not).
        let alive = std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            !stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        });
        if !alive {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn a_key_command_that_does_not_return_is_timed_out_and_ended() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("no")])));
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let cmd = format!("sleep 300 & echo $! > {}; wait", pid.display());
    for var in ["ASST_API_KEY_CMD", "ASST_AZURE_TOKEN_CMD"] {
        let _ = std::fs::remove_file(&pid);
        let start = Instant::now();
        let mut c = asst();
        c.env(var, &cmd).env("ASST_KEY_CMD_TIMEOUT", "1");
        if var == "ASST_AZURE_TOKEN_CMD" {
            c.env("AZURE_OPENAI_ENDPOINT", server.url())
                .env("ASST_MODEL", "d");
        } else {
            c.env("OPENAI_BASE_URL", format!("{}/v1", server.url()));
        }
        let out = run(c.args(["ask", "--json", "-t", CONV, "q"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(
            out.stderr.contains("did not finish within 1s"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains(var), "{}", out.stderr);
        assert!(start.elapsed() < Duration::from_secs(8));
        assert!(gone(&pid), "the command's process group was left running");
    }
    assert!(server.requests().is_empty());
}

#[test]
fn a_key_command_is_done_when_it_exits_even_if_a_child_keeps_its_output() {
    let server = Server::start(|r| {
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        Reply::sse(answer_stream(&[Piece::Text("ok")]))
    });
    let start = Instant::now();
    let out = run(asst()
        .env(
            "ASST_API_KEY_CMD",
            format!("echo {KEY}; sleep 30 2>/dev/null &"),
        )
        .env("OPENAI_BASE_URL", format!("{}/v1", server.url()))
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "ok\n");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_signal_during_the_key_command_ends_it_and_exits_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    for (signal, code, name) in [("INT", 130, "interrupted"), ("TERM", 143, "terminated")] {
        let pid = dir.path().join(format!("pid-{signal}"));
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_asst"))
            .env_clear()
            .env(
                "ASST_API_KEY_CMD",
                format!("sleep 300 & echo $! > {}; wait", pid.display()),
            )
            .env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
            .args(["ask", "--json", "-t", CONV, "q"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !std::fs::read_to_string(&pid).is_ok_and(|p| p.ends_with('\n')) {
            assert!(Instant::now() < deadline, "the command never started");
            std::thread::sleep(Duration::from_millis(20));
        }
        crate::kill(&child, signal);
        let out = child.wait_with_output().unwrap();
        assert_eq!(crate::shell_status(&out.status), code);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("asst: error: {name}")), "{stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
        assert_eq!(last["exit_code"], code);
        assert!(gone(&pid), "the command's process group was left running");
    }
}

#[test]
fn an_error_object_without_a_type_ends_the_answer_with_the_servers_words() {
    let polls = Arc::new(AtomicUsize::new(0));
    let p = polls.clone();
    let server = Server::start(move |r| {
        if r.method == "GET" {
            p.fetch_add(1, Ordering::SeqCst);
            return Reply::ok(r#"{"id":"resp_1","status":"in_progress"}"#);
        }
        Reply::sse(vec![
            event(
                json!({"type": "response.created", "response": {"id": "resp_1", "status": "in_progress"}}),
            ),
            format!(
                "data: {}\n\n",
                json!({"error": {"message": "Model 'nope' not found", "code": "model_not_found"}})
            ),
        ])
    });
    let start = Instant::now();
    let out = run(openai(&server).args(["--idle-timeout", "20", "ask", "-t", CONV, "--json", "q"]));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("Model 'nope' not found"),
        "{}",
        out.stderr
    );
    assert_eq!(polls.load(Ordering::SeqCst), 0);
    let events = out.events();
    assert_eq!(events[events.len() - 2]["status"], "failed");
}

#[test]
fn pagination_that_does_not_advance_is_an_error_not_a_loop() {
    let page = json!({"object": "list", "data": [{"id": "msg_1", "type": "message", "role": "user", "content": [{"type": "input_text", "text": "hi"}]}], "first_id": "msg_1", "last_id": "msg_1", "has_more": true}).to_string();
    let files = json!({"object": "list", "data": [{"id": "file-1", "status": "completed"}], "last_id": "file-1", "has_more": true}).to_string();
    let server = Server::start(move |r| {
        if r.path().ends_with("/files") {
            Reply::ok(files.clone())
        } else if r.path() == "/v1/vector_stores/vs_1" {
            Reply::ok(r#"{"id":"vs_1","status":"completed"}"#)
        } else {
            Reply::ok(page.clone())
        }
    });
    for args in [
        &["thread", "show", CONV][..],
        &["store", "show", "vs_1"],
        &["store", "list"],
    ] {
        let out = run(openai(&server).args(args));
        assert_eq!(out.code, 7, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("repeated"), "{}", out.stderr);
        assert!(out.stdout.lines().count() < 5, "{}", out.stdout);
    }
}

#[test]
fn the_idle_timeout_is_an_idle_timer_in_a_body_and_a_deadline_for_the_head() {
    // A body whose events come slower than the timeout in all, but never that far apart.
    let server = Server::start(|_| {
        let mut chunks = Vec::new();
        for e in answer_stream(&[
            Piece::Text("slow "),
            Piece::Text("but "),
            Piece::Text("steady"),
        ]) {
            chunks.push(Chunk::Pause(Duration::from_millis(250)));
            chunks.push(Chunk::Bytes(e.into_bytes()));
        }
        Reply::Stream {
            chunks,
            drop: false,
        }
    });
    let out = run(openai(&server).args(["--idle-timeout", "0.6", "ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "slow but steady\n");
    assert_eq!(
        server.lines(),
        ["POST /v1/responses"],
        "no recovery was needed"
    );
    // A head that trickles in for longer than the timeout is cut, and the message says how.
    let body = answer_stream(&[Piece::Text("late")]).concat();
    let trickle = Server::start(move |_| {
        let mut chunks = vec![raw("HTTP/1.1 200 OK\r\nx-pad: ")];
        for _ in 0..8 {
            chunks.push(Chunk::Pause(Duration::from_millis(150)));
            chunks.push(raw("a"));
        }
        chunks.push(raw(&format!(
            "\r\ncontent-type: text/event-stream\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )));
        Reply::Raw(chunks)
    });
    let out = run(openai(&trickle).args(["--idle-timeout", "0.6", "ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("did not answer within 0.6s"),
        "{}",
        out.stderr
    );
    assert_eq!(
        trickle.requests().len(),
        1,
        "a POST the server has read is not sent again"
    );
}

#[test]
fn many_asks_on_one_busy_conversation_all_get_their_turn() {
    let locked = r#"{"error":{"message":"Another process is currently operating on this conversation. Please retry in a few seconds.","type":"invalid_request_error","param":"conversation","code":"conversation_locked"}}"#;
    let busy = Arc::new(AtomicBool::new(false));
    let b = busy.clone();
    let server = Server::start(move |_| {
        if b.swap(true, Ordering::SeqCst) {
            return Reply::Json(400, locked.into());
        }
        let free = b.clone();
        let mut chunks: Vec<Chunk> = answer_stream(&[Piece::Text("turn")])
            .into_iter()
            .map(|e| Chunk::Bytes(e.into_bytes()))
            .collect();
        let last = chunks.pop().unwrap();
        chunks.push(Chunk::Pause(Duration::from_millis(100)));
        // The conversation is free once the response is complete, as on the real service.
        chunks.push(Chunk::Call(Box::new(move || {
            free.store(false, Ordering::SeqCst)
        })));
        chunks.push(last);
        Reply::Stream {
            chunks,
            drop: false,
        }
    });
    let children: Vec<_> = (0..20)
        .map(|_| crate::spawn(&server, &["--busy-wait", "40", "ask", "-t", CONV, "q"], &[]))
        .collect();
    let mut ok = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        if out.status.code() == Some(0) {
            ok += 1;
        } else {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        }
    }
    assert_eq!(ok, 20, "every ask gets its turn");
    let streams = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert!(streams >= 20);
}

/// A model that was talked into it (a prompt injection in a searched document), or a
/// server, can put escape sequences in an answer, a file name or an error message: on a
/// terminal they would set its title, clear it, rewrite what is shown or write the
/// clipboard (OSC 52). On a terminal they are shown escaped, as `gh` does; into a pipe the
/// answer stays as the server sent it, and JSON escapes them anyway.
#[test]
fn escape_sequences_from_a_server_do_not_reach_a_terminal() {
    let hostile = "Safe\u{1b}]52;c;cm0gLXJmIH4=\u{7} answer\u{1b}[2J\r\n";
    let server = Server::start(move |_| {
        Reply::sse(answer_stream(&[
            Piece::Text(hostile),
            Piece::Cite("file-1", "evil\u{1b}]0;title\u{7}.md", 4),
        ]))
    });
    let screen = run(openai(&server)
        .env("ASST_FORCE_TTY", "1")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(screen.code, 0, "{}", screen.stderr);
    assert!(
        !screen.stdout.contains('\u{1b}') && !screen.stdout.contains('\u{7}'),
        "{:?}",
        screen.stdout
    );
    assert!(
        screen
            .stdout
            .starts_with("Safe\\u{1b}]52;c;cm0gLXJmIH4=\\u{7} answer\\u{1b}[2J\r\n"),
        "{:?}",
        screen.stdout
    );
    assert!(
        screen.stdout.contains("[1] evil\\u{1b}]0;title\\u{7}.md"),
        "{:?}",
        screen.stdout
    );
    // into a pipe: the answer as it was sent
    let piped = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert!(piped.stdout.starts_with(hostile), "{:?}", piped.stdout);

    // A line's end split between two deltas is a line's end; a carriage return that is not
    // followed by one, at the end of a delta or not, is shown escaped.
    let split = Server::start(|_| {
        Reply::sse(answer_stream(&[
            Piece::Text("one\r"),
            Piece::Text("\ntwo\r"),
            Piece::Text("three\r"),
        ]))
    });
    let screen = run(openai(&split)
        .env("ASST_FORCE_TTY", "1")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(screen.code, 0, "{}", screen.stderr);
    assert_eq!(
        screen.stdout, "one\r\ntwo\\u{d}three\r\n",
        "{:?}",
        screen.stdout
    );

    // an error message, on stderr, whatever stderr is
    let failing = Server::start(|_| {
        Reply::Json(
            400,
            json!({"error": {"message": "bad\u{1b}]0;owned\u{7} request", "type": "invalid_request_error"}}).to_string(),
        )
    });
    let out = run(openai(&failing).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
    assert!(
        out.stderr.contains("bad\\u{1b}]0;owned\\u{7} request"),
        "{:?}",
        out.stderr
    );
}

/// An error that repeats its input (a thread id, a variable's value) repeats it cut: one
/// line of at most about a thousand characters, its start and end kept, however much was
/// given; in JSON too.
#[test]
fn an_error_line_stays_a_line_whatever_it_repeats() {
    let huge = "a".repeat(100_000);
    for json in [false, true] {
        let mut cmd = asst();
        cmd.env("OPENAI_API_KEY", KEY)
            .args(["thread", "show", &huge]);
        if json {
            cmd.arg("--json");
        }
        let out = run(&mut cmd);
        assert_eq!(out.code, 2, "{}", &out.stderr[..200]);
        for line in out.stderr.lines().chain(out.stdout.lines()) {
            assert!(line.chars().count() <= 1_100, "{} characters", line.len());
        }
        assert!(out.stderr.contains("characters left out"), "{}", out.stderr);
        assert!(out
            .stderr
            .lines()
            .next()
            .unwrap()
            .starts_with("asst: error: 'aaa"));
        if json {
            let error = out.events().pop().unwrap();
            assert!(error["message"]
                .as_str()
                .unwrap()
                .contains("characters left out"));
        }
    }
    // A batch's result line, for a line that names a huge store.
    let line = json!({"id": "x", "prompt": "q", "vector_stores": [format!("vs_{huge}")]});
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
        .arg("batch")
        .write_stdin(format!("{line}\n")));
    let result = out.events().pop().unwrap();
    let message = result["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("characters left out"),
        "{}",
        &message[..100]
    );
    assert!(message.chars().count() <= 1_100);
}
