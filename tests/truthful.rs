//! Every failure told truthfully: the server's own words, the exit code of what really
//! happened, and never a success for an answer that is not whole.

use crate::responses::{answer_stream, Piece};
use crate::server::{named, Chunk, Reply, Server};
use crate::{asst, openai, run, KEY};
use serde_json::json;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONV: &str = "conv_t";
const THREAD: &str = "thread_t";

fn assistants_run(name: &str, status: &str, extra: serde_json::Value) -> String {
    let mut run =
        json!({"id": "run_t", "object": "thread.run", "thread_id": THREAD, "status": status});
    for (k, v) in extra.as_object().unwrap() {
        run[k] = v.clone();
    }
    named(name, run)
}

fn assistants_delta(id: &str, text: &str) -> String {
    named(
        "thread.message.delta",
        json!({"id": id, "object": "thread.message.delta", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": text}}]}}),
    )
}

fn ask_assistants(server: &Server, json: bool) -> crate::Output {
    let mut cmd = openai(server);
    cmd.args(["ask", "-t", THREAD, "--assistant", "asst_1", "q"]);
    if json {
        cmd.arg("--json");
    }
    run(&mut cmd)
}

// ---- wrong success ----------------------------------------------------------------------

#[test]
fn an_assistants_answer_cut_short_in_the_older_shape_is_incomplete() {
    // As real 2024 traffic has it: the message ends incomplete, then the run "completes"
    // with incomplete_details.
    let stream = vec![
        assistants_run("thread.run.created", "queued", json!({})),
        assistants_delta("msg_t", "The answer is cu"),
        named(
            "thread.message.incomplete",
            json!({"id": "msg_t", "object": "thread.message", "status": "incomplete", "incomplete_details": {"reason": "max_tokens"}}),
        ),
        assistants_run(
            "thread.run.completed",
            "completed",
            json!({"incomplete_details": {"reason": "max_prompt_tokens"}}),
        ),
    ];
    let server = Server::start(move |_| Reply::sse(stream.clone()));
    let out = ask_assistants(&server, true);
    assert_eq!(out.code, 8, "{}", out.stderr);
    let events = out.events();
    let done = &events[events.len() - 2];
    assert_eq!(done["status"], "incomplete");
    assert_eq!(done["reason"], "max_prompt_tokens");
    // a message that ended incomplete alone is enough
    let stream = vec![
        assistants_delta("msg_t", "cut"),
        named(
            "thread.message.incomplete",
            json!({"id": "msg_t", "status": "incomplete", "incomplete_details": {"reason": "content_filter"}}),
        ),
        assistants_run("thread.run.completed", "completed", json!({})),
    ];
    let server = Server::start(move |_| Reply::sse(stream.clone()));
    let out = ask_assistants(&server, false);
    assert_eq!(out.code, 8, "{}", out.stderr);
    assert!(out.stderr.contains("content_filter"), "{}", out.stderr);
}

#[test]
fn a_recovered_answer_that_disagrees_with_what_was_printed_is_an_error() {
    for stored in ["Hello", "Goodbye, world."] {
        let server = Server::start(move |r| {
            match r.method.as_str() {
            "GET" => Reply::ok(json!({"id": "resp_1", "status": "completed", "output": [
                {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": stored, "annotations": []}]}
            ]}).to_string()),
            _ => {
                let mut events = answer_stream(&[Piece::Text("Hello"), Piece::Text(" wor")]);
                events.pop();
                Reply::Stream {
                    chunks: events.into_iter().map(|e| Chunk::Bytes(e.into_bytes())).collect(),
                    drop: true,
                }
            }
        }
        });
        let out = run(openai(&server).args(["ask", "--background", "-t", CONV, "q"]));
        assert_eq!(out.code, 7, "{stored}: {}", out.stderr);
        assert!(out.stderr.contains("does not match"), "{}", out.stderr);
        assert!(
            out.stderr.contains("resp_1") && out.stderr.contains(CONV),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn an_assistants_recovery_reads_only_this_runs_messages() {
    let server = Server::start(|r| {
        if r.method == "GET" && r.path().ends_with("/runs/run_t") {
            return Reply::ok(
                json!({"id": "run_t", "thread_id": THREAD, "status": "completed"}).to_string(),
            );
        }
        if r.method == "GET" && r.path().ends_with("/messages") {
            assert!(r.query().contains("run_id=run_t"), "{}", r.query());
            // A server that does not filter: another run's message is in the list.
            return Reply::ok(json!({"data": [
                {"id": "msg_old", "role": "assistant", "run_id": "run_other", "content": [{"type": "text", "text": {"value": "An older answer.", "annotations": []}}]},
                {"id": "msg_t", "role": "assistant", "run_id": "run_t", "content": [{"type": "text", "text": {"value": "Partial and the rest.", "annotations": []}}]}
            ]}).to_string());
        }
        Reply::Stream {
            chunks: vec![
                Chunk::Bytes(
                    assistants_run("thread.run.created", "queued", json!({})).into_bytes(),
                ),
                Chunk::Bytes(assistants_delta("msg_t", "Partial").into_bytes()),
            ],
            drop: true,
        }
    });
    let out = ask_assistants(&server, false);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Partial and the rest.\n");
}

#[test]
fn a_part_stored_under_another_id_does_not_start_the_answer_over() {
    let server = Server::start(|r| {
        if r.method == "GET" && r.path().ends_with("/runs/run_t") {
            return Reply::ok(
                json!({"id": "run_t", "thread_id": THREAD, "status": "completed"}).to_string(),
            );
        }
        if r.method == "GET" && r.path().ends_with("/messages") {
            return Reply::ok(json!({"data": [
                {"id": "msg_stored", "role": "assistant", "run_id": "run_t", "content": [{"type": "text", "text": {"value": "Partial and the rest.", "annotations": []}}]}
            ]}).to_string());
        }
        Reply::Stream {
            chunks: vec![
                Chunk::Bytes(
                    assistants_run("thread.run.created", "queued", json!({})).into_bytes(),
                ),
                Chunk::Bytes(assistants_delta("msg_streamed", "Partial").into_bytes()),
            ],
            drop: true,
        }
    });
    let out = ask_assistants(&server, true);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.deltas(), "Partial and the rest.");
}

#[test]
fn a_dev_null_opened_read_write_is_an_ordinary_stdout() {
    // As Python's subprocess.DEVNULL and systemd's StandardOutput=null give it.
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("fine")])));
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' ask -t {CONV} q 1<>/dev/null",
            env!("CARGO_BIN_EXE_asst")
        ))
        .env_clear()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", format!("{}/v1", server.url()))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- the server's own words -----------------------------------------------------------

#[test]
fn error_bodies_of_other_shapes_keep_their_text() {
    let cases = [
        (
            400,
            "application/json",
            r#"{"detail":"Invalid value for 'conversation_id': must match format 'conv_' followed by 48 lowercase hex characters"}"#,
            "must match format 'conv_'",
        ),
        (
            422,
            "application/json",
            r#"{"detail":[{"loc":["body","model"],"msg":"field required","type":"value_error.missing"}]}"#,
            "body.model: field required",
        ),
        (
            403,
            "application/problem+json",
            r#"{"type":"about:blank","title":"Forbidden","status":403,"detail":"Subscription key is invalid"}"#,
            "Forbidden: Subscription key is invalid",
        ),
    ];
    for (status, _, body, expected) in cases {
        let server = Server::start(move |_| Reply::Json(status, body.into()));
        let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
        assert!(out.stderr.contains(expected), "{body}: {}", out.stderr);
        assert!(out.events().last().unwrap()["message"]
            .as_str()
            .unwrap()
            .contains(expected));
    }
}

#[test]
fn an_html_error_page_is_one_line_with_its_title_and_a_hint() {
    let page = "<!DOCTYPE html>\n<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>\n<center><h1>503 Service Temporarily Unavailable</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";
    let server = Server::start(move |_| Reply::Json(503, page.into()));
    let out = run(openai(&server).args(["--max-retries", "0", "ask", "-t", CONV, "--json", "q"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("asst: error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].contains("503 Service Temporarily Unavailable (HTTP 503)"),
        "{}",
        errors[0]
    );
    assert!(
        out.stderr.contains("asst: hint:") && out.stderr.contains("HTML"),
        "{}",
        out.stderr
    );
    let message = out.events().last().unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        !message.contains('\n') && !message.contains("<center>"),
        "{message}"
    );
}

/// A reply with status 200 and a body of `content_type`, as a web app or a proxy's login
/// page sends for any path.
fn ok_with(content_type: &'static str, body: &'static str) -> Reply {
    Reply::Raw(vec![Chunk::Bytes(
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )])
}

#[test]
fn a_web_page_answered_with_200_blames_the_base_url_not_the_server() {
    // OPENAI_BASE_URL at a web app's address (or a proxy's login page): every path is its
    // index page, with 200. No JSON parser's words ("expected value at line 1 column 1").
    let page = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Open WebUI</title></head>\n<body><div id=\"app\"></div></body></html>\n";
    let server = Server::start(move |_| ok_with("text/html; charset=utf-8", page));
    for args in [
        &["ask", "-t", CONV, "q"][..],
        &["thread", "new"],
        &["store", "list"],
    ] {
        let out = run(openai(&server).args(args));
        assert_eq!(out.code, 3, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {}", out.stderr);
        assert_eq!(
            lines[0],
            "asst: error: the server answered with a web page (Open WebUI), not the API's JSON",
            "{args:?}"
        );
        assert!(
            lines[1].starts_with("asst: hint: check OPENAI_BASE_URL"),
            "{args:?}: {}",
            lines[1]
        );
    }
    assert_eq!(server.requests().len(), 3, "each sent once, none retried");
    // Events under the wrong type (a proxy's default) are still read as events.
    let events: String = answer_stream(&[Piece::Text("Streamed anyway.")]).concat();
    let events: &'static str = Box::leak(events.into_boxed_str());
    let mislabelled = Server::start(move |_| ok_with("text/html", events));
    let out = run(openai(&mislabelled).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Streamed anyway.\n");
    // Not JSON, not a page: what it is, in a few words.
    let text = Server::start(|_| ok_with("text/plain", "OK\n"));
    let out = run(openai(&text).args(["thread", "new"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "asst: error: the server's reply is not JSON (text/plain): OK\n"
    );
}

#[test]
fn a_delete_answered_with_204_and_no_body_is_done() {
    // Some compatible servers answer a DELETE with 204 No Content rather than the deletion
    // object: the thread or store is gone all the same.
    let server = Server::start(|r| {
        assert_eq!(r.method, "DELETE", "{}", r.line());
        Reply::Raw(vec![Chunk::Bytes(
            b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n".to_vec(),
        )])
    });
    let out = run(openai(&server).args(["thread", "rm", CONV]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(openai(&server).args(["store", "rm", "vs_1"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_404_blames_what_it_is_about() {
    let cases: Vec<(&str, &str, i32, &str)> = vec![
        // an unknown model: a config error, not a missing conversation
        (
            "/v1/responses",
            r#"{"error":{"message":"The model `gpt-nope` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#,
            3,
            "gpt-nope",
        ),
        // a gateway's 404 about its upstream
        (
            "/v1/responses",
            r#"{"error":{"message":"upstream model deployment not found"}}"#,
            3,
            "upstream model",
        ),
        // a base URL without /v1
        (
            "/conversations",
            r#"{"error":{"message":"Invalid URL (POST /conversations)","type":"invalid_request_error","param":null,"code":null}}"#,
            3,
            "/v1",
        ),
    ];
    for (_, body, code, expected) in cases {
        let server = Server::start(move |_| Reply::Json(404, body.into()));
        let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
        assert_eq!(out.code, code, "{body}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{}", out.stderr);
        assert!(
            !out.stderr
                .contains(&format!("conversation {CONV} not found")),
            "{}",
            out.stderr
        );
    }
    // the thread itself: still exit 4, named
    let server = Server::start(|_| {
        Reply::Json(404, r#"{"error":{"message":"Conversation with id 'conv_t' not found.","type":"invalid_request_error","param":"conversation","code":null}}"#.into())
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("conversation conv_t not found"),
        "{}",
        out.stderr
    );
    // a server that no longer serves Assistants
    let server = Server::start(|r| {
        Reply::Json(404, json!({"error": {"message": format!("Invalid URL (POST {})", r.path()), "type": "invalid_request_error"}}).to_string())
    });
    for args in [
        &["ask", "--assistant", "asst_1", "q"][..],
        &["ask", "-t", THREAD, "--assistant", "asst_1", "q"],
    ] {
        let out = run(openai(&server).args(args));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(
            out.stderr.contains("2026-08-26") && out.stderr.contains("--api responses"),
            "{}",
            out.stderr
        );
    }
}

/// A server without the Conversations API (a self-hosted one that only has chat
/// completions, or a wrong base URL) answers 404 to `POST /conversations`, which names
/// no object: nothing can be missing but the route, so it is not exit 4 (a thread that
/// does not exist), which a script may take as "start a new thread".
#[test]
fn a_404_to_a_request_that_names_nothing_is_about_the_server() {
    for body in [
        r#"{"detail":"Not Found"}"#,
        r#"{"error":{"code":"404","message":"Resource not found"}}"#,
        "404 page not found",
    ] {
        let server = Server::start(move |_| Reply::Json(404, body.into()));
        for args in [&["thread", "new"][..], &["ask", "q"], &["store", "list"]] {
            let out = run(openai(&server).args(args));
            assert_eq!(out.code, 3, "{args:?} {body}: {}", out.stderr);
            let line = out.stderr.lines().next().unwrap();
            assert!(
                line.starts_with("asst: error: the server does not serve ")
                    && (line.contains("/v1/conversations") || line.contains("/v1/vector_stores")),
                "{line}"
            );
            assert!(out.stderr.contains("OPENAI_BASE_URL"), "{}", out.stderr);
        }
    }
}

/// OpenAI's "Invalid URL (METHOD /path)" 404 is about the route, whatever object the path
/// names: a server without store search is not a store that does not exist (exit 4, which
/// a script may take as "make the store").
#[test]
fn an_invalid_url_404_is_about_the_route_not_the_object() {
    let server = Server::start(|r| {
        Reply::Json(
            404,
            json!({"error": {"message": format!("Invalid URL ({} {})", r.method, r.path()), "type": "invalid_request_error", "param": null, "code": null}}).to_string(),
        )
    });
    for args in [
        &["store", "search", "vs_1", "q"][..],
        &["store", "update", "vs_1", "--name", "x"],
    ] {
        let out = run(openai(&server).args(args));
        assert_eq!(out.code, 3, "{args:?}: {}", out.stderr);
        let line = out.stderr.lines().next().unwrap();
        assert!(
            line.starts_with("asst: error: the server does not serve this request: Invalid URL (POST /v1/vector_stores/vs_1"),
            "{line}"
        );
        assert!(!line.contains("not found"), "{line}");
    }
}

/// A proxy that wants credentials (407) or will not connect to the host (its policy) says
/// so, as a configuration error tried once; one that cannot be reached is named as the
/// likely place of the failure, not the API's host alone.
#[test]
fn a_proxy_that_refuses_is_blamed_and_not_retried() {
    let cases: [(u16, &str, &str, &str); 3] = [
        (
            407,
            "https",
            "the proxy asks for credentials before it connects to api.example.com",
            "USER:PASSWORD@",
        ),
        (
            407,
            "http",
            "the proxy asks for credentials before it connects to api.example.com",
            "USER:PASSWORD@",
        ),
        (
            403,
            "https",
            "the proxy would not connect to api.example.com",
            "NO_PROXY",
        ),
    ];
    for (status, scheme, said, hint) in cases {
        let proxy = Server::start(move |_| {
            Reply::JsonWith(
                status,
                vec![("proxy-authenticate".into(), "Basic realm=\"corp\"".into())],
                "{}".into(),
            )
        });
        let out = run(asst()
            .env("OPENAI_API_KEY", KEY)
            .env("OPENAI_BASE_URL", format!("{scheme}://api.example.com/v1"))
            .env("ASST_ALLOW_HTTP", "1")
            .env(format!("{}_PROXY", scheme.to_uppercase()), proxy.url())
            .args(["thread", "new"]));
        assert_eq!(out.code, 3, "{status} {scheme}: {}", out.stderr);
        let line = out.stderr.lines().next().unwrap();
        assert!(line.starts_with(&format!("asst: error: {said}")), "{line}");
        assert!(out.stderr.contains(hint), "{}", out.stderr);
        assert_eq!(proxy.requests().len(), 1, "not tried again: {}", out.stderr);
    }
    // A proxy that is not there.
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", "https://api.example.com/v1")
        .env("HTTPS_PROXY", "http://127.0.0.1:1")
        .env("ASST_MAX_RETRIES", "0")
        .args(["thread", "new"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("through the proxy http://127.0.0.1:1 (HTTPS_PROXY)"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_json_reply_to_a_streaming_request_is_read_for_what_it_is() {
    let whole = json!({"id": "resp_1", "object": "response", "status": "completed", "output": [
        {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Not streamed.", "annotations": []}]}
    ], "usage": {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3}}).to_string();
    let server = Server::start(move |_| Reply::ok(whole.clone()));
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Not streamed.\n");
    assert!(out.stderr.contains("did not stream"), "{}", out.stderr);
    let other = Server::start(|_| Reply::ok(r#"{"ok":true}"#));
    let out = run(openai(&other).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("did not stream"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("stream ended before"),
        "{}",
        out.stderr
    );
}

#[test]
fn retry_after_as_a_date_is_honoured_and_past_the_cap_fails_at_once() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let server = Server::start(move |_| {
        if c.fetch_add(1, Ordering::SeqCst) == 0 {
            // a date in the past: retry at once
            return Reply::JsonWith(
                429,
                vec![("retry-after".into(), "Wed, 21 Oct 2015 07:28:00 GMT".into())],
                r#"{"error":{"message":"slow down"}}"#.into(),
            );
        }
        Reply::sse(answer_stream(&[Piece::Text("ok")]))
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("retrying in 0.0s"), "{}", out.stderr);
    for wait in ["3600", "Fri, 01 Jan 2100 00:00:00 GMT"] {
        let server = Server::start(move |_| {
            Reply::JsonWith(
                429,
                vec![("retry-after".into(), wait.into())],
                r#"{"error":{"message":"quota window"}}"#.into(),
            )
        });
        let start = Instant::now();
        let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
        assert_eq!(out.code, 5, "{}", out.stderr);
        assert_eq!(server.requests().len(), 1, "no hammering");
        assert!(start.elapsed() < Duration::from_secs(5));
        assert!(out.stderr.contains("retry after"), "{}", out.stderr);
    }
}

#[test]
fn a_post_is_never_sent_again_once_the_server_answered_anything() {
    for head in [
        "HTTP/1.1 200 OK\r\ncontent-type text/event-stream\r\n\r\n",
        "NOT HTTP AT ALL\r\n\r\n",
    ] {
        let server =
            Server::start(move |_| Reply::Raw(vec![Chunk::Bytes(head.as_bytes().to_vec())]));
        let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
        assert_ne!(out.code, 0);
        assert_eq!(server.requests().len(), 1, "{head:?}: {}", out.stderr);
    }
    // an oversized head
    let server = Server::start(|_| {
        let mut head = b"HTTP/1.1 200 OK\r\n".to_vec();
        for i in 0..2000 {
            head.extend_from_slice(format!("x-pad-{i}: {}\r\n", "a".repeat(100)).as_bytes());
        }
        Reply::Raw(vec![Chunk::Bytes(head)])
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_ne!(out.code, 0);
    assert_eq!(server.requests().len(), 1, "{}", out.stderr);
}

#[test]
fn a_reused_connection_the_server_closed_is_not_a_fault_of_the_request() {
    // Each connection serves one request and is closed when a second one arrives on it: what
    // a client sees when uvicorn closes an idle keep-alive connection as it is reused.
    let server = Server::start_keep_alive(|r| {
        let page = if r.query().contains("after=") {
            json!({"data": [{"id": "msg_2", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "two", "annotations": []}]}], "has_more": false})
        } else {
            json!({"data": [{"id": "msg_1", "type": "message", "role": "user", "content": [{"type": "input_text", "text": "one"}]}], "has_more": true, "last_id": "msg_1"})
        };
        Reply::ok(page.to_string())
    });
    let out = run(openai(&server).args(["thread", "show", CONV]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "User:\none\n\nAssistant:\ntwo\n");
    assert_eq!(out.stderr, "", "no retry notice for it");
}

// ---- the error contract everywhere ------------------------------------------------------

#[test]
fn usage_errors_from_the_parser_follow_the_contract() {
    let out = run(asst().args(["ask", "--bogus", "q"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("asst: error: "), "{}", out.stderr);
    let out = run(asst().args(["--json", "ask", "--bogus", "q"]));
    assert_eq!(out.code, 2);
    let last = out.events().last().unwrap().clone();
    assert_eq!(
        (last["type"].as_str(), last["code"].as_str()),
        (Some("error"), Some("usage"))
    );
    // The one line says all that clap said on several: what is missing, what is valid;
    // the hint is the command's usage.
    let out = run(asst().args(["store", "sync", "vs_1"]));
    assert_eq!(out.code, 2);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "asst: error: the following required arguments were not provided: <DIR>...",
            "asst: hint: usage: asst store sync <STORE> <DIR>...",
        ],
        "{}",
        out.stderr
    );
    // A command that needs a subcommand names them, not the first line of its help.
    let out = run(asst().args(["thread"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr.lines().collect::<Vec<_>>(),
        [
            "asst: error: 'asst thread' needs a command: new, show, list, name or rm",
            "asst: hint: usage: asst thread [OPTIONS] <COMMAND>; 'asst thread --help' says more",
        ]
    );
    let out = run(asst().args(["--provider", "x", "thread", "list"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr.lines().next(),
        Some(
            "asst: error: invalid value 'x' for '--provider <PROVIDER>' (expected openai or azure)"
        ),
        "{}",
        out.stderr
    );
    let out = run(asst().args(["--json", "thread", "name", "conv_1"]));
    assert_eq!(out.code, 2);
    let last = out.events().last().unwrap().clone();
    assert_eq!(
        last["message"],
        "the following required arguments were not provided: <NAME> (usage: asst thread name <THREAD> <NAME>)"
    );
    // help and version stay as they are
    let out = run(asst().arg("--version"));
    assert_eq!(out.code, 0);
}

#[test]
fn an_error_from_the_environment_names_the_variable() {
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("ASST_API", "bogus")
        .args(["ask", "q"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ASST_API"), "{}", out.stderr);
    assert!(!out.stderr.contains("'--api"), "{}", out.stderr);
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("ASST_IDLE_TIMEOUT", "soon")
        .args(["ask", "q"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ASST_IDLE_TIMEOUT"), "{}", out.stderr);
    // The same beside an argument that is not UTF-8 (a Latin-1 file name), which asst
    // looks past rather than panic on.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let out = run(asst()
            .env("OPENAI_API_KEY", KEY)
            .env("ASST_API", "bogus")
            .args(["ask", "--attach"])
            .arg(std::ffi::OsStr::from_bytes(b"/tmp/caf\xe9.md"))
            .arg("q"));
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("ASST_API=\"bogus\""), "{}", out.stderr);
    }
}

#[test]
fn empty_environment_values_mean_unset_and_lists_forgive_spaces() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.toml");
    std::fs::write(
        &config,
        "[profiles.default]\nvector_stores = [\"vs_profile\"]\n",
    )
    .unwrap();
    let out = run(openai(&server)
        .env("ASST_MODEL", "")
        .env("ASST_INSTRUCTIONS", "")
        .env("ASST_CONFIG", &config)
        .env("ASST_VECTOR_STORES", "")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let body = server.requests()[0].json();
    assert_eq!(body["model"], "gpt-4o-mini");
    assert!(body.get("instructions").is_none(), "{body}");
    assert!(
        body.get("tools").is_none(),
        "ASST_VECTOR_STORES= clears the profile's: {body}"
    );
    let out = run(openai(&server)
        .env("ASST_VECTOR_STORES", " vs_a , vs_b,")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let body = server.requests()[1].json();
    assert_eq!(
        body["tools"][0]["vector_store_ids"],
        json!(["vs_a", "vs_b"])
    );
}

#[test]
fn a_responses_transcript_names_its_non_text_parts() {
    let server = Server::start(|_| {
        Reply::ok(
            json!({"data": [
            {"id": "msg_1", "type": "message", "role": "user", "content": [
                {"type": "input_text", "text": "look"},
                {"type": "input_image", "file_id": "file-img1", "detail": "auto"},
                {"type": "input_image", "image_url": "https://example.invalid/cat.png"},
                {"type": "input_file", "file_id": "file-doc1", "filename": "report.pdf"}
            ]}
        ], "has_more": false})
            .to_string(),
        )
    });
    let out = run(openai(&server).args(["thread", "show", CONV]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for part in [
        "[input_image: file-img1]",
        "[input_image: https://example.invalid/cat.png]",
        "[input_file: report.pdf]",
    ] {
        assert!(out.stdout.contains(part), "{part}: {}", out.stdout);
    }
}

#[test]
fn a_second_interrupt_names_the_run_that_may_still_be_active() {
    let server = Server::start(|r| {
        if r.path().ends_with("/cancel") {
            std::thread::sleep(Duration::from_secs(10));
            return Reply::ok("{}");
        }
        let mut chunks = vec![
            Chunk::Bytes(assistants_run("thread.run.created", "queued", json!({})).into_bytes()),
            Chunk::Bytes(assistants_delta("msg_t", "Partial").into_bytes()),
        ];
        chunks.push(Chunk::Pause(Duration::from_secs(15)));
        Reply::Stream {
            chunks,
            drop: false,
        }
    });
    let mut child = crate::spawn(
        &server,
        &["ask", "-t", THREAD, "--assistant", "asst_1", "q"],
        &[],
    );
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    let _ = std::io::Read::read(&mut stdout, &mut buf);
    let kill = |sig: &str| {
        std::process::Command::new("kill")
            .args([sig, &child.id().to_string()])
            .status()
            .unwrap();
    };
    kill("-INT");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.lines().iter().any(|l| l.ends_with("/cancel")) {
        assert!(Instant::now() < deadline, "no cancel was sent");
        std::thread::sleep(Duration::from_millis(20));
    }
    kill("-INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(crate::shell_status(&out.status), 130);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("run_t may still be active"), "{stderr}");
}

#[test]
fn a_notice_starts_on_its_own_line_when_stdout_and_stderr_share_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no script(1) to give asst a terminal");
        return;
    }
    // The stream is cut after a partial line; the recovery notice must not land in it.
    let server = Server::start(|r| {
        match r.method.as_str() {
        "GET" => Reply::ok(json!({"id": "resp_1", "status": "completed", "output": [
            {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Half a line, then the rest.", "annotations": []}]}
        ]}).to_string()),
        _ => {
            let mut events = answer_stream(&[Piece::Text("Half a line")]);
            events.pop();
            Reply::Stream { chunks: events.into_iter().map(|e| Chunk::Bytes(e.into_bytes())).collect(), drop: true }
        }
    }
    });
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("'{}' ask -t {CONV} q", env!("CARGO_BIN_EXE_asst")),
            "/dev/null",
        ])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", format!("{}/v1", server.url()))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(
        screen.contains("Half a line\nasst: the stream was cut"),
        "{screen:?}"
    );
}

/// A SOCKS5 proxy on loopback that takes one method (no authentication) and `CONNECT`
/// by name or address, records the host and port each connection asks for, and joins it
/// to `to`, this machine's port, whatever was asked.
fn socks5_proxy(to: u16) -> (u16, Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let asked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = asked.clone();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { return };
            let seen = seen.clone();
            std::thread::spawn(move || -> std::io::Result<()> {
                let mut head = [0u8; 2];
                client.read_exact(&mut head)?;
                let mut methods = vec![0u8; head[1] as usize];
                client.read_exact(&mut methods)?;
                client.write_all(&[5, 0])?;
                let mut request = [0u8; 4];
                client.read_exact(&mut request)?;
                let host = match request[3] {
                    3 => {
                        let mut len = [0u8; 1];
                        client.read_exact(&mut len)?;
                        let mut name = vec![0u8; len[0] as usize];
                        client.read_exact(&mut name)?;
                        String::from_utf8_lossy(&name).into_owned()
                    }
                    1 => {
                        let mut ip = [0u8; 4];
                        client.read_exact(&mut ip)?;
                        std::net::Ipv4Addr::from(ip).to_string()
                    }
                    _ => return Ok(()),
                };
                let mut port = [0u8; 2];
                client.read_exact(&mut port)?;
                seen.lock()
                    .unwrap()
                    .push(format!("{host}:{}", u16::from_be_bytes(port)));
                let upstream = std::net::TcpStream::connect(("127.0.0.1", to))?;
                client.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0])?;
                let (mut up_read, mut up_write) = (upstream.try_clone()?, upstream);
                let (mut down_read, mut down_write) = (client.try_clone()?, client);
                std::thread::spawn(move || std::io::copy(&mut up_read, &mut down_write));
                std::io::copy(&mut down_read, &mut up_write)?;
                Ok(())
            });
        }
    });
    (port, asked)
}

/// `ALL_PROXY=socks5h://…` (an ssh tunnel's `-D`, a corporate SOCKS gateway) is used as
/// curl uses it: the request goes through the tunnel, the proxy resolving the name.
#[test]
fn a_socks_proxy_carries_the_requests() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("through")])));
    let (proxy, asked) = socks5_proxy(server.port);
    for var in ["ALL_PROXY", "HTTP_PROXY"] {
        let out = run(asst()
            .env("OPENAI_API_KEY", KEY)
            .env("OPENAI_BASE_URL", "http://api.asst-test.invalid/v1")
            .env("ASST_ALLOW_HTTP", "1")
            .env(var, format!("socks5h://127.0.0.1:{proxy}"))
            .args(["ask", "-t", "conv_1", "q"]));
        assert_eq!(out.code, 0, "{var}: {}", out.stderr);
        assert_eq!(out.stdout, "through\n");
    }
    assert_eq!(
        *asked.lock().unwrap(),
        ["api.asst-test.invalid:80", "api.asst-test.invalid:80"]
    );
    assert_eq!(server.requests().len(), 2);
}

/// A proxy variable the client cannot use (not a URL, a scheme it has no client for, no
/// host) is refused before anything is sent, and before the key command runs. reqwest
/// would skip it without a word and connect directly, sending the key around the proxy
/// the user set (or through `ALL_PROXY`, when the scheme's own variable is the bad one).
#[test]
fn a_proxy_variable_that_cannot_be_used_is_refused_not_gone_around() {
    let tmp = tempfile::tempdir().unwrap();
    let ran = tmp.path().join("key-command-ran");
    let key_cmd = format!("touch {} && echo {KEY}", ran.display());
    for (var, value, why) in [
        ("HTTP_PROXY", "http://[::1", "not a URL"),
        ("HTTP_PROXY", "ftp://proxy.example:21", "scheme ftp"),
        (
            "http_proxy",
            "socks9://me:hunter2@proxy.example:1",
            "scheme socks9",
        ),
        ("ALL_PROXY", "http://me@:3128", "no host"),
    ] {
        let out = run(asst()
            .env("ASST_API_KEY_CMD", &key_cmd)
            .env("OPENAI_BASE_URL", "http://api.asst-test.invalid/v1")
            .env("ASST_ALLOW_HTTP", "1")
            .env("ALL_PROXY", "socks5h://127.0.0.1:9")
            .env(var, value)
            .args(["--max-retries", "0", "ask", "-t", "conv_1", "q"]));
        assert_eq!(out.code, 3, "{var}={value}: {}", out.stderr);
        assert!(out.stderr.contains(var), "{var}={value}: {}", out.stderr);
        assert!(out.stderr.contains(why), "{var}={value}: {}", out.stderr);
        assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
        assert!(!ran.exists(), "{var}={value}: the key command ran");
    }
    // One that does not apply is not in the way: NO_PROXY names the host, or the base URL
    // is this machine's.
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("direct")])));
    let out = run(openai(&server)
        .env("HTTP_PROXY", "ftp://proxy.example:21")
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", "http://api.asst-test.invalid/v1")
        .env("ASST_ALLOW_HTTP", "1")
        .env("HTTP_PROXY", "ftp://proxy.example:21")
        .env("NO_PROXY", "asst-test.invalid")
        .args(["--max-retries", "0", "ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
}

/// A proxy written without a scheme, as many set it (`proxy.corp:3128`), is an HTTP proxy
/// to the client, and is used: the request reaches the proxy, whose refusal is the error.
#[test]
fn a_proxy_without_a_scheme_is_used_as_http() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let asked = Arc::new(std::sync::Mutex::new(String::new()));
    let seen = asked.clone();
    std::thread::spawn(move || {
        use std::io::{BufRead, Write};
        if let Ok((client, _)) = listener.accept() {
            let mut line = String::new();
            let _ = std::io::BufReader::new(&client).read_line(&mut line);
            *seen.lock().unwrap() = line;
            let _ = (&client).write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n",
            );
        }
    });
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", "http://api.asst-test.invalid/v1")
        .env("ASST_ALLOW_HTTP", "1")
        .env("HTTP_PROXY", format!("127.0.0.1:{port}"))
        .args(["--max-retries", "0", "thread", "new"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("407"), "{}", out.stderr);
    assert!(
        asked
            .lock()
            .unwrap()
            .starts_with("POST http://api.asst-test.invalid/v1/conversations "),
        "{:?}",
        asked.lock().unwrap()
    );
}

/// When a proxy applies, every connection is to the proxy: a connection that fails says
/// so, naming the proxy (without its password) and its variable, not the API's host alone.
#[test]
fn a_connection_that_fails_through_a_proxy_names_the_proxy() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", "http://api.asst-test.invalid/v1")
        .env("ASST_ALLOW_HTTP", "1")
        .env("HTTP_PROXY", format!("http://me:hunter2@127.0.0.1:{port}"))
        .args(["--max-retries", "0", "thread", "new"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    let first = out.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!(
            "asst: error: cannot connect to api.asst-test.invalid through the proxy http://127.0.0.1:{port} (HTTP_PROXY): "
        )),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
    assert!(out.stderr.contains("NO_PROXY"), "{}", out.stderr);
}

/// A user name and password in the URL are sent as `Authorization: Basic`, so beside a key
/// or token sent as `Authorization: Bearer` they would make two Authorization headers, of
/// which a server reads one: refused before anything is sent or a key command runs. Beside
/// Azure's `api-key` header they are a gateway's own, and go as its one Authorization.
#[test]
fn credentials_in_the_url_are_not_a_second_authorization_header() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let tmp = tempfile::tempdir().unwrap();
    let ran = tmp.path().join("key-command-ran");
    let with_user = server.url().replace("http://", "http://gw:hunter2@");
    for credential in [
        ("OPENAI_API_KEY", KEY.to_string()),
        (
            "ASST_API_KEY_CMD",
            format!("touch {} && echo {KEY}", ran.display()),
        ),
    ] {
        let out = run(asst()
            .env(credential.0, &credential.1)
            .env("OPENAI_BASE_URL", format!("{with_user}/v1"))
            .args(["ask", "-t", CONV, "q"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(out.stderr.contains("OPENAI_BASE_URL"), "{}", out.stderr);
        assert!(out.stderr.contains("Authorization"), "{}", out.stderr);
        assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
        assert!(!ran.exists(), "the key command ran");
    }
    let out = run(asst()
        .env("AZURE_OPENAI_ENDPOINT", format!("{with_user}/"))
        .env("ASST_AZURE_TOKEN_CMD", "echo entra-token")
        .env("ASST_MODEL", "dep")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        server.requests().is_empty(),
        "sent: {:?}",
        server.requests()[0].headers
    );
    let out = run(asst()
        .env("AZURE_OPENAI_ENDPOINT", format!("{with_user}/"))
        .env("AZURE_OPENAI_API_KEY", KEY)
        .env("ASST_MODEL", "dep")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sent = &server.requests()[0];
    let authorizations: Vec<&str> = sent
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(authorizations, ["Basic Z3c6aHVudGVyMg=="]);
    assert_eq!(sent.header("api-key"), Some(KEY));
}

/// The API gives every request an id (`x-request-id`; before Azure OpenAI, its gateway's
/// `apim-request-id`), which its support asks for. A request the server refused or failed
/// names it: at the end of the error line, and as the `error` event's `request_id`; an
/// answer that fails in its stream, its POST's; a batch's result line, its question's.
#[test]
fn a_failed_request_names_the_id_the_server_gave_it() {
    use crate::server::{event, request_id};
    let failed = vec![event(
        json!({"type": "response.failed", "sequence_number": 1,
        "response": {"id": "resp_1", "status": "failed",
        "error": {"code": "server_error", "message": "The model broke"}}}),
    )];
    let server = Server::start(move |r| match r.path() {
        "/v1/conversations" => Reply::Json(
            500,
            r#"{"error":{"message":"The server had an error","type":"server_error"}}"#.into(),
        ),
        _ => Reply::sse(failed.clone()),
    });
    let out = run(openai(&server).args(["--max-retries", "0", "thread", "new"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    let first = out.stderr.lines().next().unwrap();
    assert!(
        first.ends_with(&format!(
            "The server had an error (HTTP 500) (request {})",
            request_id(0)
        )),
        "{first}"
    );
    let out = run(openai(&server).args(["--max-retries", "0", "thread", "new", "--json"]));
    let error = out.events().pop().unwrap();
    assert_eq!(error["type"], "error");
    assert_eq!(error["request_id"], request_id(1));
    assert!(
        !error["message"].as_str().unwrap().contains("req_"),
        "{error}"
    );
    // In the stream.
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("(request {})", request_id(2))),
        "{}",
        out.stderr
    );
    // A batch's result line.
    let out = run(openai(&server).arg("batch").write_stdin("q\n"));
    assert_eq!(out.code, 11, "{}", out.stderr);
    let line = out.events().pop().unwrap();
    assert_eq!(line["error"]["request_id"], request_id(3), "{line}");

    // Azure's gateway id when there is no other; an id that is not one (too long, not
    // printable) is not shown.
    let served = Arc::new(AtomicUsize::new(0));
    let count = served.clone();
    let apim = Server::start(move |_| {
        let id = match count.fetch_add(1, Ordering::SeqCst) {
            0 => (
                "apim-request-id",
                "8f3c3b52-3f7b-4a4e-9d7e-1f6a0e6b2c11".to_string(),
            ),
            1 => ("x-request-id", "r".repeat(300)),
            _ => ("x-request-id", "req_1 \u{e9}".to_string()),
        };
        Reply::JsonWith(
            400,
            vec![("x-request-id".into(), String::new()), (id.0.into(), id.1)],
            r#"{"error":{"message":"Bad thing","type":"invalid_request_error"}}"#.into(),
        )
    });
    let lines: Vec<String> = (0..3)
        .map(|_| {
            let out = run(asst()
                .env("AZURE_OPENAI_ENDPOINT", apim.url())
                .env("AZURE_OPENAI_API_KEY", KEY)
                .env("ASST_MODEL", "dep")
                .args(["thread", "new"]));
            assert_eq!(out.code, 1, "{}", out.stderr);
            out.stderr.lines().next().unwrap().to_string()
        })
        .collect();
    assert!(
        lines[0].ends_with("Bad thing (HTTP 400) (request 8f3c3b52-3f7b-4a4e-9d7e-1f6a0e6b2c11)"),
        "{}",
        lines[0]
    );
    assert!(lines[1].ends_with("Bad thing (HTTP 400)"), "{}", lines[1]);
    assert!(lines[2].ends_with("Bad thing (HTTP 400)"), "{}", lines[2]);
}

/// `--verbose` (`ASST_VERBOSE=1`) says each request on stderr once it is answered: the
/// method, the URL as asst prints URLs (no credentials, no query), the status, the time
/// to the answer's head and the server's request id; never a header or a body. Each try
/// is a line of its own, a failed connection too.
#[test]
fn verbose_says_each_request_and_how_it_was_answered() {
    use crate::server::request_id;
    let tries = Arc::new(AtomicUsize::new(0));
    let seen = tries.clone();
    let server = Server::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::JsonWith(
                500,
                vec![("retry-after-ms".into(), "1".into())],
                r#"{"error":{"message":"boom","type":"server_error"}}"#.into(),
            )
        } else {
            Reply::sse(answer_stream(&[Piece::Text("ok")]))
        }
    });
    let secret_url = format!(
        "{}?subscription-key=hunter2",
        server.url().replace("http://", "http://gw:pw-hunter2@")
    );
    let ask = |verbose: &[(&str, &str)], args: &[&str]| {
        run(asst()
            .env("AZURE_OPENAI_ENDPOINT", &secret_url)
            .env("AZURE_OPENAI_API_KEY", KEY)
            .env("ASST_MODEL", "dep")
            .envs(verbose.iter().copied())
            .args(args))
    };
    let out = ask(&[], &["--verbose", "ask", "-t", CONV, "q"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "ok\n");
    let said: Vec<&str> = out.stderr.lines().collect();
    let base = format!("{}/openai/v1/responses", server.url());
    assert!(
        said[0].starts_with(&format!("asst: POST {base}: HTTP 500 after ")),
        "{}",
        out.stderr
    );
    assert!(
        said[0].ends_with(&format!(" ms (request {})", request_id(0))),
        "{}",
        out.stderr
    );
    assert!(said[1].contains("retrying"), "{}", out.stderr);
    assert!(
        said[2].starts_with(&format!("asst: POST {base}: HTTP 200 after ")),
        "{}",
        out.stderr
    );
    assert!(
        said[2].ends_with(&format!(" ms (request {})", request_id(1))),
        "{}",
        out.stderr
    );
    assert_eq!(said.len(), 3, "{}", out.stderr);
    assert!(!out.stderr.contains("hunter2") && !out.stderr.contains(KEY));
    // The variable; a value that is not a yes or no is refused, naming it.
    let out = ask(&[("ASST_VERBOSE", "1")], &["ask", "-t", CONV, "q"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with(&format!("asst: POST {base}: HTTP 200 after ")),
        "{}",
        out.stderr
    );
    let out = ask(&[("ASST_VERBOSE", "loud")], &["ask", "-t", CONV, "q"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("ASST_VERBOSE"), "{}", out.stderr);
    // Without it, nothing of the kind.
    let out = ask(&[], &["ask", "-t", CONV, "q"]);
    assert_eq!(out.stderr, "", "{}", out.stderr);
    // A connection that fails.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", format!("http://127.0.0.1:{port}/v1"))
        .args(["--verbose", "--max-retries", "0", "thread", "new"]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(&format!(
            "asst: POST http://127.0.0.1:{port}/v1/conversations: no answer after "
        )),
        "{}",
        out.stderr
    );
}

/// An answer's `done` event and a batch's result line carry the id the server gave the
/// request that answered it, for the logs that OpenAI asks to keep of them.
#[test]
fn an_answer_carries_the_id_of_the_request_that_answered_it() {
    use crate::server::request_id;
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let done = out
        .events()
        .into_iter()
        .find(|e| e["type"] == "done")
        .unwrap();
    assert_eq!(done["request_id"], request_id(0), "{done}");
    let out = run(openai(&server).arg("batch").write_stdin("q\n"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = out.events().pop().unwrap();
    assert_eq!(line["request_id"], request_id(1), "{line}");
}
