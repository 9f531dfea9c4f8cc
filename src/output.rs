//! The guarded standard streams.
//!
//! stdout is written through one buffer that is flushed when the input at hand has been
//! rendered (after every network read while streaming), so deltas reach the reader at once
//! and bursts coalesce into one write. A closed pipe is not an error worth a message: callers
//! see `BrokenPipe` and exit quietly. Nothing here panics on a closed stream, unlike
//! `print!`/`eprintln!`.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Standard output, buffered by asst (not by std's line buffering).
pub struct Stdout {
    inner: BufWriter<Box<dyn Write>>,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            inner: BufWriter::with_capacity(64 * 1024, raw_stdout()),
        }
    }
}

impl Default for Stdout {
    fn default() -> Self {
        Self::new()
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(unix)]
fn raw_stdout() -> Box<dyn Write> {
    use std::os::fd::AsFd;
    // A second handle on fd 1, so writes skip std's line buffer (asst does its own).
    match io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::fs::File::from(fd)),
        Err(_) => Box::new(io::stdout()),
    }
}

#[cfg(not(unix))]
fn raw_stdout() -> Box<dyn Write> {
    Box::new(io::stdout())
}

/// True while a progress line is drawn on stderr (a terminal), so that a notice clears it
/// first instead of being written into the middle of it.
static PROGRESS_LINE: AtomicBool = AtomicBool::new(false);

/// The secrets of this run (the key or token, a password in the base URL): nothing asst
/// prints may contain them, whatever a server echoes back.
static SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Adds a secret to hide from every diagnostic and error event. Too short to be a secret
/// (under 4 characters), it would only mangle the text.
pub fn hide(secret: &str) {
    if secret.len() >= 4 {
        let mut all = SECRETS.lock().unwrap_or_else(|e| e.into_inner());
        if !all.iter().any(|s| s == secret) {
            all.push(secret.to_string());
        }
    }
}

/// The text with every secret replaced by `<redacted>`.
pub fn redact(text: &str) -> Cow<'_, str> {
    let all = SECRETS.lock().unwrap_or_else(|e| e.into_inner());
    let mut text = Cow::Borrowed(text);
    for secret in all.iter() {
        if text.contains(secret.as_str()) {
            text = Cow::Owned(text.replace(secret.as_str(), "<redacted>"));
        }
    }
    text
}

/// Writes one diagnostic line to stderr, `asst: ` first, secrets redacted; a closed stderr
/// is ignored.
pub fn notice(line: &str) {
    let line = redact(line);
    let mut err = io::stderr().lock();
    let clear = if PROGRESS_LINE.swap(false, Ordering::Relaxed) {
        "\r\x1b[K"
    } else {
        ""
    };
    let _ = writeln!(err, "{clear}asst: {line}");
}

/// Redraws the progress line in place (the caller decides when stderr is a terminal).
pub fn progress_line(line: &str) {
    let mut err = io::stderr().lock();
    let _ = write!(err, "\r\x1b[K{line}");
    let _ = err.flush();
    PROGRESS_LINE.store(true, Ordering::Relaxed);
}

/// Ends the progress line, leaving its last state on screen.
pub fn end_progress_line() {
    if PROGRESS_LINE.swap(false, Ordering::Relaxed) {
        let _ = writeln!(io::stderr().lock());
    }
}
