//! Integration tests: the real `asst` binary against a loopback server (`server.rs`).
//! One test binary for all of them (faster to link), one module per area.

mod server;

mod assistants;
mod background;
mod batch;
mod config;
mod docs;
mod gaps;
mod hostile;
mod layout;
mod registry;
mod reliability;
mod responses;
mod store;
mod tls;
mod truthful;

use assert_cmd::Command;
use std::time::Duration;

/// A key that must never appear in any output.
pub const KEY: &str = "sk-test-SECRET-4f9c2a";

/// The binary with a clean environment: no user config, no proxies, no real keys, and no
/// thread registry (registry.rs turns it on, in a folder of its own).
pub fn asst() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_asst"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", "/nonexistent/asst-test-home")
        .env("ASST_HISTORY", "0")
        .timeout(Duration::from_secs(30));
    cmd
}

/// The binary set up for OpenAI against the test server.
pub fn openai(server: &server::Server) -> Command {
    let mut cmd = asst();
    cmd.env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", format!("{}/v1", server.url()));
    cmd
}

/// The binary set up for OpenAI against the test server with a key command that leaves
/// `marker` behind when it runs: for dry runs, which must never ask for the key.
pub fn keyless(server: &server::Server, marker: &std::path::Path) -> Command {
    let mut cmd = asst();
    cmd.env(
        "ASST_API_KEY_CMD",
        format!("touch '{}' && printf %s {KEY}", marker.display()),
    )
    .env("OPENAI_BASE_URL", format!("{}/v1", server.url()));
    cmd
}

/// The binary started against the test server with stdout and stderr piped, for tests that
/// read its output while it runs, close its stdout, or signal it.
pub fn spawn(server: &server::Server, args: &[&str], env: &[(&str, &str)]) -> std::process::Child {
    piped(env!("CARGO_BIN_EXE_asst"), server)
        .envs(env.iter().copied())
        .args(args)
        .spawn()
        .expect("start asst")
}

/// `program` (asst, or a shell that runs it) to be spawned against `server`: nothing of
/// this environment but the key and the URL, no history, stdin empty, stdout and stderr
/// piped.
pub fn piped(program: &str, server: &server::Server) -> std::process::Command {
    use std::process::Stdio;
    let mut cmd = std::process::Command::new(program);
    cmd.env_clear()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", format!("{}/v1", server.url()))
        .env("ASST_HISTORY", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Sends `signal` (`INT`, `TERM`…) to a child, as `kill` does.
pub fn kill(child: &std::process::Child, signal: &str) {
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -{signal} failed");
}

/// Waits up to `limit` for a child to end; kills it (and fails, saying `what`) if it
/// does not.
pub fn ended_within(mut child: std::process::Child, limit: Duration, what: &str) -> Output {
    let deadline = std::time::Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running {limit:?} after the signal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Output::from(child.wait_with_output().unwrap())
}

/// Starts `cmd` with its stdin a pipe that stays open, `first` written to it: a producer
/// that stalls. The pipe's end is returned, to hold until the child has ended.
pub fn fed(
    mut cmd: std::process::Command,
    first: &[u8],
) -> (std::process::Child, std::process::ChildStdin) {
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("start asst");
    let mut stdin = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut stdin, first).unwrap();
    (child, stdin)
}

/// How a child ended after a signal: its status as a shell reports it, its stderr, and how
/// long it took after the signal.
pub struct Stopped {
    pub status: i32,
    /// The signal that ended it, if one did (asst ends by the one it handled).
    pub by_signal: Option<i32>,
    pub stderr: String,
    pub took: Duration,
}

/// Once `ready` holds (10 s at most, or the test fails saying that `what` never came),
/// sends `signal` to the child and waits for it to end.
pub fn signal_when(
    child: std::process::Child,
    signal: &str,
    what: &str,
    ready: impl Fn() -> bool,
) -> Stopped {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !ready() {
        assert!(std::time::Instant::now() < deadline, "{what} never came");
        std::thread::sleep(Duration::from_millis(20));
    }
    let signalled = std::time::Instant::now();
    kill(&child, signal);
    let out = child.wait_with_output().unwrap();
    #[cfg(unix)]
    let by_signal = std::os::unix::process::ExitStatusExt::signal(&out.status);
    #[cfg(not(unix))]
    let by_signal = None;
    Stopped {
        status: shell_status(&out.status),
        by_signal,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: signalled.elapsed(),
    }
}

/// Reads a running child's stdout until `needle` has appeared (10 s at most); what was read.
pub fn read_until(stdout: &mut std::process::ChildStdout, needle: &str) -> String {
    use std::io::Read;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&seen).contains(needle) {
        assert!(
            std::time::Instant::now() < deadline,
            "no {needle:?} on stdout"
        );
        let n = stdout.read(&mut buf).expect("read stdout");
        assert!(n > 0, "stdout closed before {needle:?}");
        seen.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&seen).into_owned()
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Output {
    fn from(out: std::process::Output) -> Output {
        Output {
            code: shell_status(&out.status),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Output {
    /// The `asst: error: …` line on stderr (empty when there is none).
    pub fn error_line(&self) -> &str {
        self.stderr
            .lines()
            .find(|l| l.starts_with("asst: error:"))
            .unwrap_or_default()
    }

    /// Every stdout line parsed as JSON.
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect()
    }

    /// One field of each `file` event of `--json` output, as text.
    pub fn of_files(&self, field: &str) -> Vec<String> {
        self.events()
            .iter()
            .filter(|e| e["type"] == "file")
            .map(|e| e[field].as_str().unwrap_or("-").to_string())
            .collect()
    }

    /// The concatenated `delta` texts of `--json` output.
    pub fn deltas(&self) -> String {
        self.events()
            .iter()
            .filter(|e| e["type"] == "delta")
            .map(|e| e["text"].as_str().unwrap().to_string())
            .collect()
    }

    /// Fails when the key shows up anywhere.
    pub fn assert_no_key(&self) {
        assert!(
            !self.stdout.contains(KEY),
            "key leaked on stdout: {}",
            self.stdout
        );
        assert!(
            !self.stderr.contains(KEY),
            "key leaked on stderr: {}",
            self.stderr
        );
    }
}

/// What a shell's `$?` says of how a process ended: its exit code, or 128 and the signal
/// that ended it (asst ends by SIGINT or SIGTERM once it has handled one).
pub fn shell_status(status: &std::process::ExitStatus) -> i32 {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return 128 + signal;
        }
    }
    status.code().unwrap_or(-1)
}

pub fn run(cmd: &mut Command) -> Output {
    let o = Output::from(cmd.output().expect("run asst"));
    o.assert_no_key();
    o
}
