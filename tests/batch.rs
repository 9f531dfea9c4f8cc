//! `asst batch` and structured answers (`--schema`): many questions against a fake of the
//! Responses API that answers each one after a pause, fails the ones asked to fail, limits
//! the rate as a token bucket does (429 with `retry-after-ms`), and serves the Batch API's
//! files and jobs.

use crate::server::{event, Chunk, Reply, Request, Server};
use crate::{openai, run, Output};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A token bucket: `rate` requests a second, at most `burst` at once.
struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn new(rate: f64, burst: f64) -> Bucket {
        Bucket {
            rate,
            burst,
            tokens: burst,
            at: Instant::now(),
        }
    }

    /// Takes a token, or says how long until one is there.
    fn take(&mut self) -> Result<(), Duration> {
        let now = Instant::now();
        self.tokens =
            (self.tokens + now.duration_since(self.at).as_secs_f64() * self.rate).min(self.burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / self.rate))
        }
    }
}

#[derive(Default)]
struct Sim {
    responses: AtomicUsize,
    live: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
    limited: AtomicUsize,
    bucket: Mutex<Option<Bucket>>,
    /// Prompts that fail the first time they are asked (then answer).
    flaky: Mutex<Vec<String>>,
    /// Uploaded files by id: (purpose, content).
    files: Mutex<HashMap<String, (String, Vec<u8>)>>,
    batches: Mutex<HashMap<String, Value>>,
    pause: Duration,
}

/// What the fake answers to a prompt: a text that names it.
fn answer_text(prompt: &str) -> String {
    format!("Answer to {prompt}.")
}

impl Sim {
    fn handle(&self, r: &Request) -> Reply {
        // Azure serves the same API under /openai/v1.
        let path = r.path().strip_prefix("/openai").unwrap_or(r.path());
        match (r.method.as_str(), path) {
            ("POST", "/v1/responses") => self.respond(r),
            ("POST", "/v1/conversations") => {
                Reply::ok(r#"{"id":"conv_made","object":"conversation"}"#)
            }
            ("POST", "/v1/files") => {
                let (name, content, purpose) = crate::store::multipart(r);
                assert_eq!(name, "asst-batch.jsonl");
                let mut files = self.files.lock().unwrap();
                let id = format!("file-in{}", files.len() + 1);
                files.insert(id.clone(), (purpose, content));
                Reply::ok(json!({"id": id, "object": "file", "purpose": "batch"}).to_string())
            }
            ("POST", "/v1/batches") => {
                let body = r.json();
                for key in body.as_object().unwrap().keys() {
                    assert!(
                        ["input_file_id", "endpoint", "completion_window", "metadata"]
                            .contains(&key.as_str()),
                        "the API does not take {key}"
                    );
                }
                assert_eq!(body["endpoint"], "/v1/responses");
                assert_eq!(body["completion_window"], "24h");
                let input = body["input_file_id"].as_str().unwrap().to_string();
                let (purpose, _) = self.files.lock().unwrap()[&input].clone();
                assert_eq!(purpose, "batch");
                let mut batches = self.batches.lock().unwrap();
                let id = format!("batch_{}", batches.len() + 1);
                let job = json!({"id": id, "object": "batch", "endpoint": "/v1/responses",
                    "input_file_id": input, "completion_window": "24h", "status": "validating",
                    "created_at": 1764633600, "request_counts": {"total": 0, "completed": 0, "failed": 0}});
                batches.insert(id, job.clone());
                Reply::ok(job.to_string())
            }
            ("POST", p) if p.starts_with("/v1/batches/") && p.ends_with("/cancel") => {
                assert_eq!(r.body, "", "cancel takes no body");
                let lengths = r
                    .headers
                    .iter()
                    .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                    .count();
                assert!(lengths <= 1, "{:?}", r.headers);
                let id = p
                    .trim_start_matches("/v1/batches/")
                    .trim_end_matches("/cancel");
                let mut batches = self.batches.lock().unwrap();
                let job = batches.get_mut(id).unwrap();
                job["status"] = json!("cancelling");
                Reply::ok(job.to_string())
            }
            ("GET", p) if p.starts_with("/v1/batches/") => {
                let id = p.trim_start_matches("/v1/batches/");
                match self.batches.lock().unwrap().get(id) {
                    Some(job) => Reply::ok(job.to_string()),
                    None => Reply::Json(404, json!({"error": {"message": format!("No batch found with id '{id}'."), "type": "invalid_request_error", "param": null, "code": null}}).to_string()),
                }
            }
            ("GET", p) if p.starts_with("/v1/files/") && p.ends_with("/content") => {
                let id = p
                    .trim_start_matches("/v1/files/")
                    .trim_end_matches("/content");
                let files = self.files.lock().unwrap();
                let (_, content) = &files[id];
                Reply::JsonWith(200, vec![], String::from_utf8(content.clone()).unwrap())
            }
            other => panic!("unexpected request {other:?}"),
        }
    }

    fn respond(&self, r: &Request) -> Reply {
        if let Some(bucket) = self.bucket.lock().unwrap().as_mut() {
            if let Err(wait) = bucket.take() {
                self.limited.fetch_add(1, Ordering::SeqCst);
                let ms = wait.as_millis().max(1).to_string();
                let body = json!({"error": {"message": "Rate limit reached for requests per min. Please try again shortly.", "type": "requests", "param": null, "code": "rate_limit_exceeded"}});
                return Reply::JsonWith(429, vec![("retry-after-ms".into(), ms)], body.to_string());
            }
        }
        let body = r.json();
        for key in body.as_object().unwrap().keys() {
            assert!(
                [
                    "model",
                    "input",
                    "instructions",
                    "tools",
                    "conversation",
                    "stream",
                    "text",
                    "metadata",
                    "include",
                    "background",
                    "max_output_tokens",
                    "reasoning",
                    "temperature"
                ]
                .contains(&key.as_str()),
                "unexpected field {key}"
            );
        }
        let prompt = body["input"].as_str().unwrap().to_string();
        if prompt.contains("FAIL") {
            return Reply::Json(400, json!({"error": {"message": "Invalid prompt: this one is meant to fail.", "type": "invalid_request_error", "param": "input", "code": null}}).to_string());
        }
        {
            let mut flaky = self.flaky.lock().unwrap();
            if let Some(i) = flaky.iter().position(|p| *p == prompt) {
                flaky.remove(i);
                return Reply::Json(500, json!({"error": {"message": "The server had an error while processing your request.", "type": "server_error", "param": null, "code": null}}).to_string());
            }
        }
        let n = self.responses.fetch_add(1, Ordering::SeqCst) + 1;
        let id = format!("resp_{n}");
        let structured = body["text"]["format"]["type"] == "json_schema";
        let mut events = vec![event(
            json!({"type": "response.created", "sequence_number": 0, "response": {"id": id, "status": "in_progress"}}),
        )];
        let (kind, text) = if structured && prompt.contains("REFUSE") {
            (
                "response.refusal.delta",
                "I can't help with that.".to_string(),
            )
        } else if structured && !prompt.contains("NOTJSON") {
            (
                "response.output_text.delta",
                json!({"answer": answer_text(&prompt)}).to_string(),
            )
        } else {
            ("response.output_text.delta", answer_text(&prompt))
        };
        let (first, second) = text.split_at(text.len() / 2);
        events.push(event(json!({"type": kind, "item_id": "msg_1", "output_index": 0, "content_index": 0, "delta": first, "sequence_number": 1})));
        let mut chunks: Vec<Chunk> = events
            .into_iter()
            .map(|e| Chunk::Bytes(e.into_bytes()))
            .collect();
        chunks.push(Chunk::Pause(self.pause));
        let mut rest = vec![event(
            json!({"type": kind, "item_id": "msg_1", "output_index": 0, "content_index": 0, "delta": second, "sequence_number": 2}),
        )];
        if body["tools"][0]["type"] == "file_search" {
            rest.push(event(json!({"type": "response.output_text.annotation.added", "item_id": "msg_1", "output_index": 0, "content_index": 0, "annotation_index": 0, "sequence_number": 3, "annotation": {"type": "file_citation", "file_id": "file-hb", "filename": "handbook.md", "index": text.chars().count()}})));
        }
        rest.push(event(json!({"type": "response.completed", "sequence_number": 4, "response": {"id": id, "status": "completed", "usage": {"input_tokens": 10, "output_tokens": 5, "total_tokens": 15}}})));
        chunks.extend(rest.into_iter().map(|e| Chunk::Bytes(e.into_bytes())));
        // In flight from here until the stream's end.
        let now = self.live.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        let live = self.live.clone();
        chunks.push(Chunk::Call(Box::new(move || {
            live.fetch_sub(1, Ordering::SeqCst);
        })));
        Reply::Stream {
            chunks,
            drop: false,
        }
    }

    /// Runs a submitted job as the Batch API would: every input line answered into an
    /// output file, a failed one into an error file.
    fn finish_batches(&self) {
        let mut batches = self.batches.lock().unwrap();
        let mut files = self.files.lock().unwrap();
        for job in batches.values_mut() {
            let input = job["input_file_id"].as_str().unwrap();
            let content = String::from_utf8(files[input].1.clone()).unwrap();
            let (mut out, mut err, mut done, mut failed) = (String::new(), String::new(), 0, 0);
            for (i, line) in content.lines().enumerate() {
                let req: Value = serde_json::from_str(line).unwrap();
                assert_eq!(req["method"], "POST");
                assert_eq!(req["url"], "/v1/responses");
                let body = &req["body"];
                assert!(
                    body.get("stream").is_none() && body.get("conversation").is_none(),
                    "{body}"
                );
                let prompt = body["input"].as_str().unwrap();
                if prompt.contains("FAIL") {
                    failed += 1;
                    err.push_str(&json!({"id": format!("batch_req_{i}"), "custom_id": req["custom_id"], "response": {"status_code": 400, "request_id": "req_x", "body": {"error": {"message": "Invalid prompt: this one is meant to fail.", "type": "invalid_request_error", "param": "input", "code": null}}}, "error": null}).to_string());
                    err.push('\n');
                    continue;
                }
                done += 1;
                let text = answer_text(prompt);
                let response = json!({"id": format!("resp_b{i}"), "object": "response", "status": "completed",
                    "model": body["model"], "text": body.get("text").cloned().unwrap_or(json!({"format": {"type": "text"}})),
                    "output": [{"type": "message", "id": format!("msg_{i}"), "role": "assistant", "status": "completed",
                        "content": [{"type": "output_text", "text": text, "annotations": [{"type": "file_citation", "file_id": "file-hb", "filename": "handbook.md", "index": text.chars().count()}]}]}],
                    "usage": {"input_tokens": 7, "output_tokens": 3, "total_tokens": 10}});
                out.push_str(&json!({"id": format!("batch_req_{i}"), "custom_id": req["custom_id"], "response": {"status_code": 200, "request_id": "req_y", "body": response}, "error": null}).to_string());
                out.push('\n');
            }
            let id = job["id"].as_str().unwrap().to_string();
            files.insert(
                format!("file-out-{id}"),
                ("batch_output".into(), out.into_bytes()),
            );
            job["output_file_id"] = json!(format!("file-out-{id}"));
            if failed > 0 {
                files.insert(
                    format!("file-err-{id}"),
                    ("batch_output".into(), err.into_bytes()),
                );
                job["error_file_id"] = json!(format!("file-err-{id}"));
            }
            job["status"] = json!("completed");
            job["request_counts"] =
                json!({"total": done + failed, "completed": done, "failed": failed});
        }
    }
}

fn start(pause: Duration) -> (Server, Arc<Sim>) {
    let sim = Arc::new(Sim {
        pause,
        ..Sim::default()
    });
    let s = sim.clone();
    (Server::start(move |r| s.handle(r)), sim)
}

fn questions(lines: &[&str]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut f, (lines.join("\n") + "\n").as_bytes()).unwrap();
    f
}

/// The result lines by id.
fn results(text: &str) -> HashMap<String, Value> {
    text.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            (v["id"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

fn batch(server: &Server, args: &[&str]) -> Output {
    run(openai(server).arg("batch").args(args))
}

#[test]
fn every_line_is_answered_in_parallel_and_written_as_one_result_line() {
    let (server, sim) = start(Duration::from_millis(300));
    let input = questions(&[
        "What is our refund policy?",
        "",
        r#"{"id": "eu", "prompt": "and for EU customers?", "model": "gpt-5-mini", "vector_stores": ["vs_hb"]}"#,
        r#"{"id": 70, "prompt": "in a thread", "thread": "conv_abc", "instructions": "Be brief.", "metadata": {"run": "nightly"}}"#,
        "fourth question",
        "fifth question",
        "sixth question",
    ]);
    let out = batch(
        &server,
        &[
            input.path().to_str().unwrap(),
            "-j",
            "3",
            "--model",
            "gpt-4.1",
        ],
    );
    assert_eq!(out.code, 0, "{}{}", out.stderr, out.stdout);
    assert_eq!(
        out.stderr, "",
        "quiet when all went well and stderr is not a terminal"
    );
    let r = results(&out.stdout);
    let mut ids: Vec<&str> = r.keys().map(String::as_str).collect();
    ids.sort();
    assert_eq!(ids, ["1", "5", "6", "7", "70", "eu"], "{}", out.stdout);
    let first = &r["1"];
    assert_eq!(first["type"], "result");
    assert_eq!(first["status"], "completed");
    assert_eq!(first["text"], answer_text("What is our refund policy?"));
    assert_eq!(first["error"], Value::Null);
    assert_eq!(
        first["thread"],
        Value::Null,
        "a question without a thread makes none"
    );
    assert!(first["response"].as_str().unwrap().starts_with("resp_"));
    assert_eq!(first["usage"]["total_tokens"], 15);
    let eu = &r["eu"];
    assert_eq!(
        eu["text"],
        format!("{}[1]", answer_text("and for EU customers?"))
    );
    assert_eq!(eu["citations"][0]["filename"], "handbook.md");
    assert_eq!(r["70"]["thread"], "conv_abc");

    let requests = server.requests();
    assert!(
        !requests.iter().any(|q| q.path() == "/v1/conversations"),
        "no conversation is made for a batch question"
    );
    let body_of = |prompt: &str| {
        requests
            .iter()
            .map(Request::json)
            .find(|b| b["input"] == prompt)
            .unwrap()
    };
    let eu = body_of("and for EU customers?");
    assert_eq!(eu["model"], "gpt-5-mini", "a line's model over the flag");
    assert_eq!(eu["tools"][0]["vector_store_ids"], json!(["vs_hb"]));
    assert!(eu.get("conversation").is_none());
    let threaded = body_of("in a thread");
    assert_eq!(threaded["conversation"], "conv_abc");
    assert_eq!(threaded["instructions"], "Be brief.");
    assert_eq!(threaded["metadata"], json!({"run": "nightly"}));
    assert_eq!(threaded["model"], "gpt-4.1");
    assert_eq!(requests.len(), 6, "one request per question");

    let peak = sim.peak.load(Ordering::SeqCst);
    assert!(peak <= 3, "at most -j 3 in flight, saw {peak}");
    assert!(
        peak >= 2,
        "questions are asked side by side, saw {peak} at once"
    );
}

#[test]
fn a_failed_question_stops_none_of_the_others_and_the_exit_code_says_some_failed() {
    let (server, _) = start(Duration::from_millis(10));
    let input = questions(&[
        "first",
        "please FAIL",
        "{not json",
        r#"{"id": "a", "promt": "a typo"}"#,
        r#"{"id": "dup", "prompt": "one"}"#,
        r#"{"id": "dup", "prompt": "two"}"#,
        r#"{"id": "bad-thread", "prompt": "x", "thread": "conv_"}"#,
        "last",
    ]);
    let out = batch(&server, &[input.path().to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 11, "{}", out.stderr);
    assert!(
        out.stderr.contains("5 of 8 questions failed"),
        "{}",
        out.stderr
    );
    let lines: Vec<Value> = out.events();
    let last = lines.last().unwrap();
    assert_eq!(last["type"], "error", "--json ends with the error event");
    assert_eq!(last["exit_code"], 11);
    assert_eq!(last["code"], "partial");
    let r = results(
        &lines[..lines.len() - 1]
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert_eq!(r["1"]["status"], "completed");
    assert_eq!(
        r["8"]["status"], "completed",
        "the last line is answered after failures"
    );
    let failed = &r["2"];
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["error"]["exit_code"], 1);
    assert!(
        failed["error"]["message"]
            .as_str()
            .unwrap()
            .contains("meant to fail"),
        "{failed}"
    );
    assert_eq!(r["3"]["error"]["code"], "usage");
    assert!(r["a"]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("promt"));
    assert_eq!(
        r["dup"]["status"], "completed",
        "the first of two ids is asked"
    );
    assert!(out.stdout.contains("given twice"));
    assert_eq!(r["bad-thread"]["error"]["exit_code"], 2);
    let asked: Vec<String> = server
        .requests()
        .iter()
        .map(|q| q.json()["input"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        asked.len(),
        4,
        "only the good lines and the failing prompt: {asked:?}"
    );
}

#[test]
fn a_rerun_with_output_asks_only_what_is_not_answered_yet() {
    let (server, sim) = start(Duration::from_millis(10));
    sim.flaky.lock().unwrap().push("second".into());
    let dir = tempfile::tempdir().unwrap();
    let results_path = dir.path().join("results.jsonl");
    let input = questions(&["first", "second", "third"]);
    let args = [
        input.path().to_str().unwrap(),
        "--output",
        results_path.to_str().unwrap(),
        "--max-retries",
        "0",
    ];
    let out = batch(&server, &args);
    assert_eq!(out.code, 11, "{}", out.stderr);
    assert_eq!(out.stdout, "", "results go to the file");
    assert!(
        out.stderr.contains("1 of 3 questions failed"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("again"),
        "says a rerun helps: {}",
        out.stderr
    );
    let written = std::fs::read_to_string(&results_path).unwrap();
    assert_eq!(written.lines().count(), 3);
    assert_eq!(results(&written)["2"]["error"]["code"], "failed");

    // A crash mid-line leaves a cut line: it is not taken for an answer.
    let mut text = std::fs::read_to_string(&results_path).unwrap();
    text.push_str(r#"{"type":"result","id":"3","status":"compl"#);
    std::fs::write(&results_path, &text).unwrap();
    let before = server.requests().len();
    let out = batch(&server, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let asked: Vec<String> = server.requests()[before..]
        .iter()
        .map(|q| q.json()["input"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(asked, ["second"], "the answered ones are skipped");
    let written = std::fs::read_to_string(&results_path).unwrap();
    let last: Value = serde_json::from_str(written.lines().last().unwrap()).unwrap();
    assert_eq!(
        (last["id"].as_str(), last["status"].as_str()),
        (Some("2"), Some("completed"))
    );
    assert!(
        written.contains("\"compl\n{"),
        "the cut line stays a line of its own"
    );
}

#[test]
fn rate_limits_slow_the_questions_down_instead_of_failing_them() {
    let (server, sim) = start(Duration::from_millis(20));
    *sim.bucket.lock().unwrap() = Some(Bucket::new(40.0, 4.0));
    let lines: Vec<String> = (1..=40).map(|i| format!("question {i}")).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let input = questions(&refs);
    let out = batch(&server, &[input.path().to_str().unwrap(), "-j", "16"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = results(&out.stdout);
    assert_eq!(r.len(), 40);
    assert!(r.values().all(|v| v["status"] == "completed"));
    let limited = sim.limited.load(Ordering::SeqCst);
    // 16 sent at once meet a bucket of 4: those 12 are refused. After that the client
    // paces itself: a few more refusals as it finds the rate, not one per question.
    assert!(limited <= 12 + 8, "{limited} refusals for 40 questions");
    assert!(
        !out.stderr.contains("retrying"),
        "pacing is not a retry to announce: {}",
        out.stderr
    );
}

#[test]
fn an_interrupt_lets_the_questions_in_flight_finish_and_starts_no_new_one() {
    let (server, _) = start(Duration::from_millis(800));
    let dir = tempfile::tempdir().unwrap();
    let results_path = dir.path().join("r.jsonl");
    let input = questions(&["q1", "q2", "q3", "q4", "q5", "q6"]);
    let child = crate::spawn(
        &server,
        &[
            "batch",
            input.path().to_str().unwrap(),
            "-j",
            "2",
            "-o",
            results_path.to_str().unwrap(),
        ],
        &[],
    );
    std::thread::sleep(Duration::from_millis(400));
    rustix_kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(crate::shell_status(&out.status), 130);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("waiting for the 2 in flight"), "{stderr}");
    let written = std::fs::read_to_string(&results_path).unwrap();
    let r = results(&written);
    assert_eq!(r.len(), 2, "the two in flight finished: {written}");
    assert!(r.values().all(|v| v["status"] == "completed"));
    assert_eq!(server.requests().len(), 2, "nothing new was asked");
}

#[test]
fn a_second_interrupt_abandons_the_questions_in_flight_and_names_them() {
    let (server, _) = start(Duration::from_secs(5));
    let input = questions(&[
        r#"{"id": "slow-1", "prompt": "a"}"#,
        r#"{"id": "slow-2", "prompt": "b"}"#,
        "c",
    ]);
    let child = crate::spawn(
        &server,
        &["batch", input.path().to_str().unwrap(), "-j", "2"],
        &[],
    );
    std::thread::sleep(Duration::from_millis(400));
    rustix_kill(child.id(), "INT");
    std::thread::sleep(Duration::from_millis(200));
    rustix_kill(child.id(), "INT");
    let started = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "it did not wait for the answers"
    );
    assert_eq!(crate::shell_status(&out.status), 130);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("abandoned 2 question(s)") && stderr.contains("slow-1, slow-2"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

/// Sends a signal by name with kill(1), as a user would.
fn rustix_kill(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

/// A line searches its own way: `filter` (one expression or a list, as --filter takes
/// them), `max_results` and `score_threshold` over the flags'.
#[test]
fn a_line_sets_its_own_search_filter_and_limits() {
    let (server, _) = start(Duration::ZERO);
    let long_metadata =
        json!({"id": "meta", "prompt": "meta", "metadata": {"k": "é".repeat(513)}}).to_string();
    let input = questions(&[
        "plain",
        r#"{"id": "one", "prompt": "one", "filter": "team=eu"}"#,
        r#"{"id": "many", "prompt": "many", "filter": ["team=eu", "year>=2025"], "max_results": 3, "score_threshold": 0.4}"#,
        r#"{"id": "bad", "prompt": "bad", "filter": "team"}"#,
        r#"{"id": "far", "prompt": "far", "max_results": 51}"#,
        r#"{"id": "low", "prompt": "low", "score_threshold": -1}"#,
        r#"{"id": "odd", "prompt": "odd", "filter": 3}"#,
        &long_metadata,
    ]);
    let out = batch(
        &server,
        &[
            input.path().to_str().unwrap(),
            "--vector-store",
            "vs_hb",
            "--filter",
            "team=docs",
            "--max-results",
            "8",
        ],
    );
    assert_eq!(out.code, 11, "{}{}", out.stderr, out.stdout);
    let requests = server.requests();
    let tool_of = |prompt: &str| {
        requests
            .iter()
            .map(Request::json)
            .find(|b| b["input"] == prompt)
            .map(|b| b["tools"][0].clone())
    };
    let plain = tool_of("plain").unwrap();
    assert_eq!(
        plain["filters"],
        json!({"type": "eq", "key": "team", "value": "docs"})
    );
    assert_eq!(plain["max_num_results"], 8);
    let one = tool_of("one").unwrap();
    assert_eq!(
        one["filters"],
        json!({"type": "eq", "key": "team", "value": "eu"})
    );
    assert_eq!(
        one["max_num_results"], 8,
        "what a line leaves out is the flag's"
    );
    let many = tool_of("many").unwrap();
    assert_eq!(
        many["filters"],
        json!({"type": "and", "filters": [
            {"type": "eq", "key": "team", "value": "eu"},
            {"type": "gte", "key": "year", "value": 2025}
        ]})
    );
    assert_eq!(many["max_num_results"], 3);
    assert_eq!(many["ranking_options"], json!({"score_threshold": 0.4}));
    let r = results(&out.stdout);
    for id in ["bad", "far", "low", "odd", "meta"] {
        assert_eq!(r[id]["error"]["exit_code"], 2, "{id}: {}", r[id]);
        assert!(tool_of(id).is_none(), "{id} is not sent");
    }
    assert!(
        r["bad"]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("team"),
        "{}",
        r["bad"]
    );
    let odd = r["odd"]["error"]["message"].as_str().unwrap();
    assert!(odd.contains("\"filter\" is an expression"), "{odd}");
}

/// A line sets its own token limit, reasoning effort and temperature over the flags'; a
/// bad one fails that line alone, unsent, as a bad flag fails `ask`.
#[test]
fn a_line_sets_its_own_token_limit_effort_and_temperature() {
    let (server, _) = start(Duration::ZERO);
    let input = questions(&[
        "plain",
        r#"{"id": "own", "prompt": "own", "max_output_tokens": 64, "reasoning_effort": "high", "temperature": 0}"#,
        r#"{"id": "nulls", "prompt": "nulls", "max_output_tokens": null, "temperature": null}"#,
        r#"{"id": "few", "prompt": "few", "max_output_tokens": 15}"#,
        r#"{"id": "hot", "prompt": "hot", "temperature": 2.5}"#,
        r#"{"id": "hgih", "prompt": "hgih", "reasoning_effort": "hgih"}"#,
        r#"{"id": "text", "prompt": "text", "max_output_tokens": "lots"}"#,
    ]);
    let out = batch(
        &server,
        &[
            input.path().to_str().unwrap(),
            "--max-output-tokens",
            "500",
            "--reasoning-effort",
            "low",
            "--temperature",
            "0.7",
        ],
    );
    assert_eq!(out.code, 11, "{}{}", out.stderr, out.stdout);
    let r = results(&out.stdout);
    let requests = server.requests();
    let body_of = |prompt: &str| {
        requests
            .iter()
            .map(Request::json)
            .find(|b| b["input"] == prompt)
    };
    let plain = body_of("plain").unwrap();
    assert_eq!(plain["max_output_tokens"], 500);
    assert_eq!(plain["reasoning"], json!({"effort": "low"}));
    assert_eq!(plain["temperature"], 0.7);
    let own = body_of("own").unwrap();
    assert_eq!(own["max_output_tokens"], 64, "the line's over the flag's");
    assert_eq!(own["reasoning"], json!({"effort": "high"}));
    assert_eq!(own["temperature"], 0.0);
    let nulls = body_of("nulls").unwrap();
    assert_eq!(nulls["max_output_tokens"], 500, "null leaves the flag's");
    assert_eq!(nulls["temperature"], 0.7);
    for (id, says) in [
        ("few", "at least 16"),
        ("hot", "from 0 to 2"),
        ("hgih", "high"),
        ("text", "max_output_tokens"),
    ] {
        let e = &r[id]["error"];
        assert_eq!(e["exit_code"], 2, "{id}: {e}");
        assert!(e["message"].as_str().unwrap().contains(says), "{id}: {e}");
        assert!(body_of(id).is_none(), "{id} is not sent");
    }
    assert_eq!(requests.len(), 3);
}

#[test]
fn batch_input_errors_are_usage_errors_before_anything_is_sent() {
    let (server, _) = start(Duration::ZERO);
    let out = batch(&server, &["/nonexistent/questions.jsonl"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("cannot read /nonexistent/questions.jsonl"),
        "{}",
        out.stderr
    );
    let input = questions(&["x"]);
    let path = input.path().to_str().unwrap();
    let out = batch(&server, &[path, "--output", path]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = batch(&server, &[path, "-j", "0"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // A folder is no place for results: said before any question is asked, or any job
    // is read.
    let folder = tempfile::tempdir().unwrap();
    let folder = folder.path().to_str().unwrap();
    for args in [
        &[path, "-o", folder][..],
        &["results", "batch_1", "-o", folder],
    ] {
        let out = batch(&server, args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("is a folder"), "{}", out.stderr);
    }
    assert!(server.requests().is_empty());
}

#[test]
fn structured_answers_print_the_json_alone_and_fail_with_their_own_code() {
    let (server, _) = start(Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let schema_path = dir.path().join("verdict.json");
    let schema = json!({"title": "Verdict v2", "type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"], "additionalProperties": false});
    std::fs::write(&schema_path, schema.to_string()).unwrap();
    let schema_arg = schema_path.to_str().unwrap();

    let out = run(openai(&server).args([
        "ask",
        "--schema",
        schema_arg,
        "--vector-store",
        "vs_hb",
        "Is it refundable?",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let printed: Value =
        serde_json::from_str(&out.stdout).expect("text mode prints the JSON alone");
    assert_eq!(printed["answer"], answer_text("Is it refundable?"));
    assert!(
        !out.stdout.contains("[1]"),
        "no markers nor sources in JSON"
    );
    let sent = server.requests().last().unwrap().json();
    assert_eq!(
        sent["text"],
        json!({"format": {"type": "json_schema", "name": "Verdict_v2", "schema": schema, "strict": true}})
    );

    let out = run(openai(&server).args([
        "ask",
        "--json",
        "--schema",
        schema_arg,
        "--vector-store",
        "vs_hb",
        "Is it?",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.events().iter().any(|e| e["type"] == "citation"),
        "citations still come as events"
    );
    let _: Value = serde_json::from_str(&out.deltas()).unwrap();

    let out = run(openai(&server).args(["ask", "--schema", schema_arg, "NOTJSON please"]));
    assert_eq!(out.code, 10, "{}", out.stderr);
    assert!(out.stderr.contains("not valid JSON"), "{}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        answer_text("NOTJSON please"),
        "what the server said is printed"
    );

    let out = run(openai(&server).args(["ask", "--schema", schema_arg, "REFUSE this"]));
    assert_eq!(out.code, 10, "{}", out.stderr);
    assert!(
        out.stderr.contains("refused") && out.stderr.contains("I can't help with that."),
        "{}",
        out.stderr
    );

    // A schema on a batch line: inline, or a file; a line without one is plain text.
    let input = questions(&[
        &json!({"id": "s", "prompt": "structured", "schema": schema}).to_string(),
        &json!({"id": "f", "prompt": "from a file", "schema": schema_arg}).to_string(),
        &json!({"id": "r", "prompt": "REFUSE it", "schema": schema}).to_string(),
        "plain",
    ]);
    let out = batch(&server, &[input.path().to_str().unwrap()]);
    assert_eq!(out.code, 11, "{}", out.stderr);
    let r = results(&out.stdout);
    let s: Value = serde_json::from_str(r["s"]["text"].as_str().unwrap()).unwrap();
    assert_eq!(s["answer"], answer_text("structured"));
    assert!(r["f"]["error"].is_null(), "{}", r["f"]);
    assert_eq!(r["r"]["error"]["exit_code"], 10);
    assert_eq!(r["4"]["text"], answer_text("plain"));

    for (schema, says) in [("[1,2]", "not a JSON object"), ("{", "not JSON")] {
        std::fs::write(&schema_path, schema).unwrap();
        let before = server.requests().len();
        let out = run(openai(&server).args(["ask", "--schema", schema_arg, "x"]));
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains(says), "{}", out.stderr);
        assert_eq!(server.requests().len(), before);
    }
    let out = run(openai(&server).args(["ask", "--schema", "/nonexistent.json", "x"]));
    assert_eq!(out.code, 2);
}

#[test]
fn the_batch_api_takes_the_questions_as_one_job_and_gives_back_the_same_result_lines() {
    let (server, sim) = start(Duration::ZERO);
    let input = questions(&[
        r#"{"id": "a", "prompt": "first", "vector_stores": ["vs_hb"]}"#,
        "second",
        "please FAIL",
    ]);
    let out = batch(
        &server,
        &[
            input.path().to_str().unwrap(),
            "--via",
            "batch-api",
            "--model",
            "gpt-4.1",
            "--max-output-tokens",
            "800",
            "--reasoning-effort",
            "low",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "batch_1\n", "the job's id alone");
    let (purpose, content) = sim.files.lock().unwrap()["file-in1"].clone();
    assert_eq!(purpose, "batch");
    let lines: Vec<Value> = String::from_utf8(content)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["custom_id"], "a");
    assert_eq!(lines[1]["custom_id"], "2");
    assert_eq!(lines[0]["body"]["model"], "gpt-4.1");
    for line in &lines {
        assert_eq!(line["body"]["max_output_tokens"], 800);
        assert_eq!(line["body"]["reasoning"], json!({"effort": "low"}));
    }
    assert_eq!(
        lines[0]["body"]["tools"][0]["vector_store_ids"],
        json!(["vs_hb"])
    );

    let out = batch(&server, &["status", "batch_1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "batch_1\tvalidating\t0\t0\t0\n");
    let out = batch(&server, &["results", "batch_1"]);
    assert_eq!(out.code, 9, "not finished yet: {}", out.stderr);
    assert!(out.stderr.contains("validating"), "{}", out.stderr);
    let out = batch(&server, &["status", "batch_404"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("batch batch_404 not found"),
        "{}",
        out.stderr
    );

    sim.finish_batches();
    let out = batch(&server, &["status", "batch_1", "--json"]);
    let status = &out.events()[0];
    assert_eq!(
        (status["type"].as_str(), status["status"].as_str()),
        (Some("batch"), Some("completed"))
    );
    assert_eq!(status["request_counts"]["completed"], 2);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    let out = batch(
        &server,
        &["results", "batch_1", "-o", path.to_str().unwrap()],
    );
    assert_eq!(out.code, 11, "one failed: {}", out.stderr);
    let written = std::fs::read_to_string(&path).unwrap();
    let r = results(&written);
    assert_eq!(r["a"]["text"], format!("{}[1]", answer_text("first")));
    assert_eq!(r["a"]["citations"][0]["filename"], "handbook.md");
    assert_eq!(r["a"]["response"], "resp_b0");
    assert_eq!(r["a"]["usage"]["total_tokens"], 10);
    assert_eq!(r["2"]["status"], "completed");
    assert_eq!(r["3"]["status"], "failed");
    assert!(r["3"]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("meant to fail"));
    // The id the API gave the failed request, which its support asks for.
    assert_eq!(r["3"]["error"]["request_id"], "req_x");
    assert_eq!(r["2"]["request_id"], "req_y");
    // Run again: nothing new is written for what the file has.
    batch(
        &server,
        &["results", "batch_1", "-o", path.to_str().unwrap()],
    );
    let again = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        again.lines().count(),
        4,
        "only the failed one again: {again}"
    );

    let out = batch(&server, &["cancel", "batch_1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("batch_1\tcancelling\t"),
        "{}",
        out.stdout
    );

    // What the Batch API cannot do is said before anything is sent.
    let before = server.requests().len();
    for (line, says) in [
        (
            r#"{"prompt": "x", "thread": "conv_abc"}"#,
            "cannot continue a thread",
        ),
        (r#"{"prompt": "x", "model": "other"}"#, "one model"),
    ] {
        let input = questions(&["first", line]);
        let out = batch(
            &server,
            &[input.path().to_str().unwrap(), "--via", "batch-api"],
        );
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains(says), "{}", out.stderr);
    }
    assert_eq!(server.requests().len(), before);
}

#[test]
fn a_spent_rate_limit_in_the_headers_holds_the_next_question_until_its_reset() {
    let arrivals: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let seen = arrivals.clone();
    let server = Server::start(move |r| {
        assert_eq!(r.path(), "/v1/responses");
        let mut seen = seen.lock().unwrap();
        seen.push(Instant::now());
        let n = seen.len();
        let response = json!({"id": format!("resp_{n}"), "object": "response", "status": "completed",
            "output": [{"type": "message", "id": "msg_1", "role": "assistant",
                "content": [{"type": "output_text", "text": format!("answer {n}"), "annotations": []}]}]});
        // The first answer spends the last request of the window; it resets in 700 ms.
        let remaining = if n == 1 { "0" } else { "50" };
        Reply::JsonWith(
            200,
            vec![
                ("x-ratelimit-limit-requests".into(), "60".into()),
                ("x-ratelimit-remaining-requests".into(), remaining.into()),
                ("x-ratelimit-reset-requests".into(), "700ms".into()),
            ],
            response.to_string(),
        )
    });
    let input = questions(&["one", "two", "three"]);
    let out = batch(&server, &[input.path().to_str().unwrap(), "-j", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(results(&out.stdout).len(), 3);
    let at = arrivals.lock().unwrap().clone();
    assert_eq!(at.len(), 3, "no request was refused or sent again");
    let waited = at[1].duration_since(at[0]);
    assert!(
        waited >= Duration::from_millis(650),
        "the second went after {waited:?}"
    );
    assert!(
        at[2].duration_since(at[1]) < Duration::from_millis(500),
        "then no more waiting"
    );
}

#[test]
fn on_azure_the_batch_api_is_under_openai_v1_with_the_api_key_header() {
    let (server, _) = start(Duration::ZERO);
    let input = questions(&["first", "second"]);
    let out = run(crate::asst()
        .env("AZURE_OPENAI_ENDPOINT", server.url())
        .env("AZURE_OPENAI_API_KEY", crate::KEY)
        .args(["batch", "--via", "batch-api", "--model", "my-deployment"])
        .arg(input.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "batch_1\n");
    let requests = server.requests();
    assert_eq!(
        server.lines(),
        ["POST /openai/v1/files", "POST /openai/v1/batches"]
    );
    for r in &requests {
        assert_eq!(r.header("api-key"), Some(crate::KEY));
        assert!(r.header("authorization").is_none());
        assert!(!r.target.contains("api-version"), "{}", r.target);
    }
}

#[test]
fn the_turns_of_one_thread_are_asked_one_after_the_other_in_input_order() {
    // The API refuses a second response on a conversation that is answering one.
    let live: Arc<Mutex<HashMap<String, bool>>> = Arc::default();
    let order: Arc<Mutex<Vec<String>>> = Arc::default();
    let refused = Arc::new(AtomicUsize::new(0));
    let (l, o, x) = (live.clone(), order.clone(), refused.clone());
    let server = Server::start(move |r| {
        let body = r.json();
        let prompt = body["input"].as_str().unwrap().to_string();
        let conv = body["conversation"].as_str().unwrap_or("").to_string();
        if !conv.is_empty() {
            let mut live = l.lock().unwrap();
            if live.get(&conv) == Some(&true) {
                x.fetch_add(1, Ordering::SeqCst);
                return Reply::Json(400, json!({"error": {"message": "Another process is currently operating on this conversation. Please retry in a few seconds.", "type": "invalid_request_error", "param": "conversation", "code": "conversation_locked"}}).to_string());
            }
            live.insert(conv.clone(), true);
            o.lock().unwrap().push(prompt.clone());
        }
        let l = l.clone();
        let text = answer_text(&prompt);
        let events = vec![
            event(
                json!({"type": "response.created", "sequence_number": 0, "response": {"id": "resp_t", "status": "in_progress"}}),
            ),
            event(
                json!({"type": "response.output_text.delta", "item_id": "msg_1", "content_index": 0, "delta": text, "sequence_number": 1}),
            ),
            event(
                json!({"type": "response.completed", "sequence_number": 2, "response": {"id": "resp_t", "status": "completed"}}),
            ),
        ];
        let mut chunks: Vec<Chunk> = vec![Chunk::Pause(Duration::from_millis(100))];
        chunks.extend(events.into_iter().map(|e| Chunk::Bytes(e.into_bytes())));
        chunks.push(Chunk::Call(Box::new(move || {
            l.lock().unwrap().insert(conv, false);
        })));
        Reply::Stream {
            chunks,
            drop: false,
        }
    });
    let input = questions(&[
        r#"{"prompt": "turn 1", "thread": "conv_a"}"#,
        r#"{"prompt": "turn 2", "thread": "conv_a"}"#,
        "on its own",
        r#"{"prompt": "turn 3", "thread": "conv_a"}"#,
        r#"{"prompt": "other thread", "thread": "conv_b"}"#,
    ]);
    let out = batch(
        &server,
        &[
            input.path().to_str().unwrap(),
            "-j",
            "4",
            "--busy-wait",
            "0",
        ],
    );
    assert_eq!(out.code, 0, "{}{}", out.stderr, out.stdout);
    assert_eq!(
        refused.load(Ordering::SeqCst),
        0,
        "no question was sent to a busy thread"
    );
    let order = order.lock().unwrap().clone();
    let turns: Vec<&String> = order.iter().filter(|p| p.starts_with("turn")).collect();
    assert_eq!(turns, ["turn 1", "turn 2", "turn 3"]);
    assert_eq!(results(&out.stdout).len(), 5);
}

#[test]
fn a_notice_about_one_question_names_it() {
    let (server, sim) = start(Duration::ZERO);
    sim.flaky.lock().unwrap().push("second".into());
    let input = questions(&["first", r#"{"id": "q-2", "prompt": "second"}"#]);
    let out = batch(&server, &[input.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("asst: question q-2: HTTP 500; retrying in"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

#[test]
fn a_bad_schema_filter_or_metadata_is_found_before_the_key_command_runs() {
    let (server, _) = start(Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let ran = dir.path().join("key-command-ran");
    let key_cmd = format!("touch {} && echo sk-from-cmd", ran.display());
    let input = questions(&["x"]);
    let long_key = format!("{}=v", "k".repeat(65));
    let long_value = format!("k={}", "é".repeat(513));
    for args in [
        vec!["ask", "--schema", "/nonexistent/schema.json", "q"],
        vec!["ask", "--filter", "year>>2", "q"],
        vec!["ask", "-m", "novalue", "q"],
        // the API's Metadata: keys of up to 64 characters, values of up to 512
        vec!["ask", "-m", &long_key, "q"],
        vec!["ask", "-m", &long_value, "q"],
        vec!["thread", "new", "--metadata", &long_value],
        vec![
            "batch",
            "--schema",
            "/nonexistent/schema.json",
            input.path().to_str().unwrap(),
        ],
    ] {
        let out = run(crate::asst()
            .env("OPENAI_BASE_URL", format!("{}/v1", server.url()))
            .env("ASST_API_KEY_CMD", &key_cmd)
            .args(&args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            !ran.exists(),
            "{args:?}: the key command ran for a bad request"
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn batch_api_commands_end_at_once_on_an_interrupt() {
    // Through a key command asst listens for signals from the start; a Batch API command
    // waiting on the server must still end on Ctrl-C, not at the idle timeout.
    let server = Server::start(|r| {
        match (r.method.as_str(), r.path()) {
        ("POST", "/v1/files") => Reply::ok(
            json!({"id": "file-in1", "object": "file", "purpose": "batch", "bytes": 10, "filename": "asst-batch.jsonl"})
                .to_string(),
        ),
        _ => Reply::Hang,
    }
    });
    let input = questions(&["one"]);
    let key_cmd = format!("echo {}", crate::KEY);
    let env = [
        ("ASST_IDLE_TIMEOUT", "5"),
        ("OPENAI_API_KEY", ""),
        ("ASST_API_KEY_CMD", key_cmd.as_str()),
    ];
    let file = input.path().to_str().unwrap();
    for (args, line, error) in [
        (
            vec!["batch", "status", "batch_1"],
            "GET /v1/batches/batch_1",
            "asst: error: interrupted\n".to_string(),
        ),
        (
            vec!["batch", "--via", "batch-api", file],
            "POST /v1/batches",
            "asst: error: interrupted while the job was made; the questions were uploaded as file-in1\nasst: hint: the server may have made the job all the same: its list of batches (GET /batches) shows it\n".to_string(),
        ),
    ] {
        let child = crate::spawn(&server, &args, &env);
        let sent = || server.lines().iter().any(|l| l == line);
        let crate::Stopped {
            status,
            stderr,
            took,
            ..
        } = crate::signal_when(child, "INT", line, sent);
        assert_eq!(status, 130, "{args:?}: {stderr}");
        assert!(took < Duration::from_secs(2), "{args:?}: took {took:?}");
        assert_eq!(stderr, error, "{args:?}");
    }
}

/// A file saved as "UTF-8 with BOM" (Notepad, PowerShell 5's `Out-File`, a spreadsheet's
/// CSV/text export) starts with U+FEFF. It is no part of the first question: a JSON line
/// behind it is still JSON, and a plain one is asked without it.
#[test]
fn a_byte_order_mark_before_the_first_line_is_not_part_of_it() {
    let (server, _) = start(Duration::ZERO);
    for (first, id, prompt) in [
        (
            r#"{"id": "eu", "prompt": "and for EU customers?"}"#,
            "eu",
            "and for EU customers?",
        ),
        (
            "What is our refund policy?",
            "1",
            "What is our refund policy?",
        ),
    ] {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut f, format!("\u{feff}{first}\r\nsecond\r\n").as_bytes())
            .unwrap();
        let out = batch(&server, &[f.path().to_str().unwrap()]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let r = results(&out.stdout);
        assert_eq!(r[id]["status"], "completed", "{}", out.stdout);
        assert!(
            server
                .requests()
                .iter()
                .any(|q| q.path() == "/v1/responses" && q.json()["input"] == prompt),
            "{prompt:?} asked as it is"
        );
    }
}

/// `--output` that is not a regular file (a device, a FIFO) has no results to resume from,
/// and reading one could go on for ever: `/dev/full` reads as endless zeros (asst spun on
/// them at 100% CPU), a FIFO or `/dev/tty` waits for a writer or a typist.
#[cfg(target_os = "linux")]
#[test]
fn an_output_that_is_not_a_regular_file_is_written_not_read() {
    let (server, _) = start(Duration::ZERO);
    let input = questions(&["one", "two"]);
    let started = std::time::Instant::now();
    let out = batch(
        &server,
        &[input.path().to_str().unwrap(), "-o", "/dev/full"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot write /dev/full"),
        "{}",
        out.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    let out = batch(
        &server,
        &[input.path().to_str().unwrap(), "-o", "/dev/null"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A key the server refuses (or a quota that is spent) fails every question alike: the
/// batch stops sending new ones at the first such answer, instead of sending all of them
/// with a key it knows is refused, and says how many it did not ask. A rerun with the same
/// --output asks them.
#[test]
fn a_refused_key_stops_the_batch_instead_of_sending_every_question() {
    for (status, body, code) in [
        (
            401,
            r#"{"error":{"message":"Incorrect API key provided: sk-x.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#,
            3,
        ),
        (
            429,
            r#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#,
            5,
        ),
    ] {
        let server = Server::start(move |_| Reply::Json(status, body.into()));
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("q.txt");
        std::fs::write(
            &input,
            (1..=200).map(|i| format!("q{i}\n")).collect::<String>(),
        )
        .unwrap();
        let output = dir.path().join("out.jsonl");
        let out = batch(
            &server,
            &[
                input.to_str().unwrap(),
                "-j",
                "4",
                "-o",
                output.to_str().unwrap(),
            ],
        );
        assert_eq!(out.code, code, "{}", out.stderr);
        let asked = server.requests().len();
        assert!(asked <= 4, "{asked} questions sent with a refused key");
        let line = out.error_line();
        assert!(
            line.contains(&format!("{} questions were not asked", 200 - asked)),
            "{line}"
        );
        // what was asked has its result line, and a rerun would ask the rest
        let written = std::fs::read_to_string(&output).unwrap();
        assert_eq!(written.lines().count(), asked);
    }
}

/// Questions read from a pipe, which may never end, are not read on after such a stop: the
/// error names the last line read, so that `tail -n +N` gives what was not asked.
#[test]
fn a_stop_on_a_pipe_names_the_line_to_go_on_from() {
    let refused = r#"{"error":{"message":"Incorrect API key provided: sk-x.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#;
    let server = Server::start(move |_| Reply::Json(401, refused.into()));
    let questions: String = (1..=200).map(|i| format!("q{i}\n")).collect();
    let out = run(openai(&server)
        .args(["batch", "-j", "4"])
        .write_stdin(questions));
    assert_eq!(out.code, 3, "{}", out.stderr);
    let asked = server.requests().len();
    assert!(asked <= 4, "{asked} questions sent with a refused key");
    let line = out.error_line();
    assert!(
        line.contains(&format!(
            "the questions after line {asked} were not asked (tail -n +{} gives them)",
            asked + 1
        )),
        "{line}"
    );
}

/// A mistyped --model (or deployment) is refused for every question that uses it: the batch
/// stops there too. A line that names a model of its own fails alone.
#[test]
fn a_model_the_server_does_not_know_stops_the_batch_unless_a_line_named_it() {
    let not_found = r#"{"error":{"message":"The model `gpt-nope` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#;
    let server = Server::start(move |r| {
        if r.json()["model"] == "gpt-nope" {
            Reply::Json(404, not_found.into())
        } else {
            Reply::sse(crate::responses::answer_stream(&[
                crate::responses::Piece::Text("ok"),
            ]))
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("q.txt");
    std::fs::write(
        &input,
        (1..=100).map(|i| format!("q{i}\n")).collect::<String>(),
    )
    .unwrap();
    let out = batch(
        &server,
        &[input.to_str().unwrap(), "-j", "4", "--model", "gpt-nope"],
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    let asked = server.requests().len();
    assert!(
        asked <= 4,
        "{asked} questions sent with a model the server does not know"
    );
    assert!(
        out.error_line()
            .contains(&format!("{} questions were not asked", 100 - asked)),
        "{}",
        out.stderr
    );
    // the same model named by one line: that line fails, the others are answered
    std::fs::write(
        &input,
        "first\n{\"id\": \"typo\", \"prompt\": \"second\", \"model\": \"gpt-nope\"}\nthird\nfourth\n",
    )
    .unwrap();
    let out = batch(&server, &[input.to_str().unwrap(), "-j", "1"]);
    assert_eq!(out.code, 11, "{}", out.stderr);
    let r = results(&out.stdout);
    assert_eq!(r.len(), 4);
    assert_eq!(r["typo"]["error"]["code"], "config");
    assert_eq!(r["4"]["status"], "completed");
}

/// `batch --dry-run` checks every line as the batch would and prints the request each
/// question would be (a `request` event with the question's id), sending nothing and
/// reading no key: a pull request's check can run it on a file of questions. The bodies are
/// those the real batch sends; with --via batch-api, the lines its job's input file holds.
#[test]
fn a_batch_can_be_planned_without_a_server_or_a_key() {
    let (server, sim) = start(Duration::ZERO);
    let tmp = tempfile::tempdir().unwrap();
    let marker = tmp.path().join("key-command-ran");
    let offline = || crate::keyless(&server, &marker);
    let good = [
        r#"{"id": "a", "prompt": "first", "vector_stores": ["vs_hb"], "filter": "team=eu"}"#,
        "second",
    ];
    let input = questions(&[good[0], good[1], r#"{"id": "c", "promt": "typo"}"#]);
    let path = input.path().to_str().unwrap();
    let flags = ["--model", "gpt-4.1", "--max-output-tokens", "800"];

    // Direct: a request per question, the bad line's failed result, exit 2.
    let out = run(offline().args(["batch", "--dry-run", path]).args(flags));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("1 of 3 questions cannot be asked"),
        "{}",
        out.stderr
    );
    let events = out.events();
    let planned: Vec<&Value> = events.iter().filter(|e| e["type"] == "request").collect();
    let ids: Vec<&Value> = planned.iter().map(|e| &e["id"]).collect();
    assert_eq!(ids, [&json!("a"), &json!("2")], "{}", out.stdout);
    let refused: Vec<&Value> = events.iter().filter(|e| e["type"] == "result").collect();
    assert_eq!(refused.len(), 1, "{}", out.stdout);
    assert_eq!(refused[0]["id"], "c");
    assert_eq!(refused[0]["error"]["code"], "usage");
    assert!(server.requests().is_empty(), "a dry run sends nothing");
    assert!(!marker.exists(), "a dry run needs no key");

    // What the real batch sends, question for question.
    let out = batch(&server, &[&[path][..], &flags].concat());
    assert_eq!(out.code, 11, "{}", out.stderr);
    let sent: HashMap<String, Value> = server
        .requests()
        .iter()
        .filter(|r| r.target == "/v1/responses")
        .map(|r| (r.json()["input"].as_str().unwrap().to_string(), r.json()))
        .collect();
    assert_eq!(sent.len(), 2);
    for p in &planned {
        let prompt = p["body"]["input"].as_str().unwrap();
        assert_eq!(p["body"], sent[prompt], "{prompt}");
        assert_eq!(p["method"], "POST");
        assert_eq!(p["url"], format!("{}/v1/responses", server.url()));
    }
    assert_eq!(planned[0]["body"]["tools"][0]["filters"]["key"], "team");

    // With --output, what it answered already is left out, and the file is only read.
    let results_file = tmp.path().join("results.jsonl");
    let out = batch(&server, &[path, "-o", results_file.to_str().unwrap()]);
    assert_eq!(out.code, 11, "{}", out.stderr);
    let before = std::fs::read(&results_file).unwrap();
    let sent = server.requests().len();
    let out = run(offline()
        .args(["batch", "--dry-run", path, "-o"])
        .arg(&results_file));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let events = out.events();
    assert!(
        events.iter().all(|e| e["type"] == "result"),
        "{}",
        out.stdout
    );
    assert_eq!(events.len(), 1, "only the bad line is left: {}", out.stdout);
    assert_eq!(std::fs::read(&results_file).unwrap(), before, "not written");
    let none = tmp.path().join("none.jsonl");
    let valid = questions(&good);
    let valid = valid.path().to_str().unwrap();
    let out = run(offline()
        .args(["batch", "--dry-run", valid, "-o"])
        .arg(&none));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.events().len(), 2, "{}", out.stdout);
    assert!(!none.exists(), "a dry run makes no output file");
    assert_eq!(server.requests().len(), sent, "a dry run sends nothing");

    // The Batch API: the lines of the job's input file, as the real job's file has them.
    let out = run(offline()
        .args(["batch", "--dry-run", "--via", "batch-api", valid])
        .args(flags));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let planned = out.events();
    assert_eq!(server.requests().len(), sent, "a dry run sends nothing");
    let out = batch(
        &server,
        &[&[valid, "--via", "batch-api"][..], &flags].concat(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (_, content) = sim.files.lock().unwrap()["file-in1"].clone();
    let lines: Vec<Value> = String::from_utf8(content)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), planned.len());
    for (line, p) in lines.iter().zip(&planned) {
        let as_line = json!({"custom_id": p["id"], "method": p["method"], "url": p["url"], "body": p["body"]});
        assert_eq!(&as_line, line);
    }
    // A line the Batch API cannot take stops its dry run, as it stops the job.
    let out = run(offline().args(["batch", "--dry-run", "--via", "batch-api", path]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("line 3"), "{}", out.stderr);
    assert!(!marker.exists(), "no dry run needed the key");
}

#[test]
fn reading_questions_from_a_pipe_ends_on_a_signal() {
    // A pipe that stays open (`tail -f`, a producer that hangs) keeps the questions coming;
    // Ctrl-C or `timeout`'s SIGTERM must still end the command while it waits for the
    // next line, whichever way it asks: a dry run, or a Batch API job being written (with
    // a key command, asst listens for signals from the start). The job's spool file goes
    // with it.
    let server = Server::start(|_| Reply::Hang);
    let marker = tempfile::tempdir().unwrap();
    for (args, signal, error, printed) in [
        (vec!["batch", "--dry-run"], "TERM", "terminated", 1),
        (
            vec!["batch", "--dry-run", "--via", "batch-api"],
            "INT",
            "interrupted",
            1,
        ),
        (vec!["batch", "--via", "batch-api"], "TERM", "terminated", 0),
    ] {
        let spool = tempfile::tempdir().unwrap();
        // A key command that gives the key: asst listens for signals from its first run.
        let key_cmd = format!(
            "touch '{}' && printf %s {}",
            marker.path().join("ran").display(),
            crate::KEY
        );
        let mut cmd = crate::piped(env!("CARGO_BIN_EXE_asst"), &server);
        cmd.env_remove("OPENAI_API_KEY")
            .env("ASST_API_KEY_CMD", &key_cmd)
            .env("TMPDIR", spool.path())
            .args(&args);
        let (child, stdin) = crate::fed(cmd, b"What is our refund policy?\n");
        std::thread::sleep(Duration::from_millis(300));
        crate::kill(&child, signal);
        let out = crate::ended_within(child, Duration::from_secs(5), &format!("{args:?}"));
        drop(stdin);
        let status = if signal == "TERM" { 143 } else { 130 };
        assert_eq!(out.code, status, "{args:?}: {}", out.stderr);
        assert_eq!(
            out.error_line(),
            format!("asst: error: {error}"),
            "{args:?}"
        );
        // What a dry run printed of the line it read is whole.
        let lines: Vec<Value> = out
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), printed, "{args:?}: {}", out.stdout);
        let left: Vec<_> = std::fs::read_dir(spool.path()).unwrap().collect();
        assert!(left.is_empty(), "{args:?}: left behind {left:?}");
    }
    assert!(server.requests().is_empty());
}
