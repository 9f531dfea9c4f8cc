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
    // A second handle on fd 1, so writes skip std's line buffer (asst does its own). If it
    // cannot be had, the failure is reported at the first write. (A stdout closed by the
    // shell, `>&-`, is not seen: Rust's start-up opens /dev/null read-write on a closed
    // standard stream, which looks just like an inherited /dev/null, Python's DEVNULL say.)
    match io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(Tracked(std::fs::File::from(fd))),
        Err(e) => Box::new(Closed(e.kind(), e.to_string())),
    }
}

/// A standard output that could not be opened.
struct Closed(io::ErrorKind, String);

impl Write for Closed {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(self.0, self.1.clone()))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Standard output that remembers whether its last byte ended a line, for notices.
struct Tracked<W: Write>(W);

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.0.write(buf)?;
        if n > 0 {
            MID_LINE.store(buf[n - 1] != b'\n', Ordering::Relaxed);
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// True while the text on stdout does not end with a newline.
static MID_LINE: AtomicBool = AtomicBool::new(false);

/// Whether stdout and stderr are one terminal, where a notice would land mid-line.
fn shared_terminal() -> bool {
    use std::io::IsTerminal;
    static SHARED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SHARED.get_or_init(|| io::stdout().is_terminal() && io::stderr().is_terminal())
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

/// The most characters of an error's message (or hint) shown.
const MAX_ERROR_CHARS: usize = 1_000;

/// An error's text as one readable line: one that repeats a huge input (a thread id of
/// 100 kB, a variable's value) keeps its start and its end, and says how much is left out
/// between them.
pub fn bounded(text: &str) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= MAX_ERROR_CHARS {
        return Cow::Borrowed(text);
    }
    let (head, tail) = (600, 300);
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    Cow::Owned(format!(
        "{start}… ({} characters left out) …{end}",
        count - head - tail
    ))
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

std::thread_local! {
    /// What the notices of the work being polled are about (a batch's question), if any.
    static ABOUT: std::cell::RefCell<Option<std::rc::Rc<str>>> = const { std::cell::RefCell::new(None) };
}

/// A future whose notices say what they are about (`asst: question 7: HTTP 503; …`), for
/// work done side by side on one thread.
pub struct About<F> {
    label: std::rc::Rc<str>,
    inner: std::pin::Pin<Box<F>>,
}

pub fn about<F: std::future::Future>(label: &str, inner: F) -> About<F> {
    About {
        label: label.into(),
        inner: Box::pin(inner),
    }
}

impl<F: std::future::Future> std::future::Future for About<F> {
    type Output = F::Output;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        let label = self.label.clone();
        let before = ABOUT.with(|a| a.replace(Some(label)));
        let polled = self.inner.as_mut().poll(cx);
        ABOUT.with(|a| *a.borrow_mut() = before);
        polled
    }
}

/// Writes one diagnostic line to stderr, `asst: ` first, secrets redacted; a closed stderr
/// is ignored.
pub fn notice(line: &str) {
    let about = ABOUT.with(|a| a.borrow().clone());
    // A server's words (an error message) never drive the terminal.
    let line = on_screen(line);
    let line: String = match about {
        Some(label) => format!("{label}: {}", redact(&line)),
        None => redact(&line).into_owned(),
    };
    let mut err = io::stderr().lock();
    let clear = if PROGRESS_LINE.swap(false, Ordering::Relaxed) {
        "\r\x1b[K"
    } else if MID_LINE.load(Ordering::Relaxed) && shared_terminal() {
        // The answer's line is open on the same screen: the notice gets a line of its own.
        MID_LINE.store(false, Ordering::Relaxed);
        "\n"
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

/// Text from a server as a terminal should show it: a control character that would drive
/// the terminal (an escape sequence that moves the cursor, clears the screen, sets the
/// title or writes the clipboard, a bell, a backspace or a lone carriage return that hides
/// what came before) is shown escaped (`\u{1b}`), as `gh` does with what an API says. Line
/// ends and tabs stay. Text without such a character is not copied.
pub fn on_screen(text: &str) -> Cow<'_, str> {
    let drives = |c: char, next: Option<char>| match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        c => c.is_control(),
    };
    let mut chars = text.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if drives(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if drives(c, chars.peek().copied()) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
