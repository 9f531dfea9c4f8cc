//! Renderers turn events into stdout. They never do HTTP; backends never print.
//!
//! - [`Text`]: the answer as it streams, `[n]` markers in place, then a blank line and the
//!   cited sources (`[1] handbook.pdf`); transcripts as `User:` / `Assistant:` blocks.
//! - [`JsonLines`]: every event or message as one JSON object per line.

use crate::answer::Sink;
use crate::error::Error;
use crate::events::{Citation, Event, Message, Utc};
use crate::output::{notice, redact};
use std::io::{self, Write};

/// How output looks: decided by `settings` for each command, applied here alone.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub json: bool,
    /// `[n]` markers and source lists (off with `--no-citations`).
    pub markers: bool,
    /// What text mode prints for the command.
    pub view: View,
    /// `--quiet`: no progress and no notices about skipped files.
    pub quiet: bool,
    /// Draw a progress line in place (stderr is a terminal, or `ASST_FORCE_TTY=1`).
    pub terminal: bool,
    /// stdout is a terminal (or `ASST_FORCE_TTY=1`): text from a server is shown without
    /// the control characters that would drive the terminal (see
    /// [`crate::output::on_screen`]).
    pub screen: bool,
}

impl Default for Look {
    /// Text, as for an answer (before a command line is understood).
    fn default() -> Look {
        Look {
            json: false,
            markers: true,
            view: View::Answer,
            quiet: false,
            terminal: false,
            screen: false,
        }
    }
}

/// What text mode prints for a command's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// `ask` and `thread show`: the answer or transcript.
    Answer,
    /// `thread new`, `store create`: the new object's id alone, for `X=$(asst …)`.
    Id,
    /// `store show`, `store list`, `store rm`: tab-separated rows.
    Rows,
    /// `store add`, `response cancel`: nothing on stdout.
    Nothing,
    /// `ask --detach`: the response id alone, once it exists.
    ResponseId,
    /// `store sync`: one summary line.
    Sync,
    /// `store sync --dry-run`: the plan's lines, then one summary line of what it would do.
    Plan,
    /// `store search`: each chunk found, under a line that says where it is from.
    Chunks,
}

pub trait Render: Sink {
    /// One message of a transcript.
    fn message(&mut self, message: &Message) -> io::Result<()>;
    /// The last output of a run that failed.
    fn error(&mut self, error: &Error) -> io::Result<()>;
    /// Pushes everything rendered so far to the reader.
    fn flush(&mut self) -> io::Result<()>;
}

pub struct Text<W: Write> {
    out: W,
    markers: bool,
    /// What the command's text output is (an answer, an id, rows, nothing).
    view: View,
    /// `--quiet`: no notices about skipped files.
    quiet: bool,
    /// An id has been printed (the `Id` view prints one, the first).
    printed_id: bool,
    /// What `store sync` did, by action, for its summary line.
    tally: [usize; 6],
    /// Files skipped as already in a store: a notice for the first [`SKIPPED_NAMED`], then
    /// one line that counts the rest (and the store they are in).
    skipped: usize,
    skipped_store: Option<String>,
    /// Source labels by number, for the list after the answer.
    sources: Vec<String>,
    wrote: bool,
    at_line_start: bool,
    messages: usize,
    screen: bool,
    /// On a screen, a carriage return that ended the last text: whether it ends a line
    /// depends on what comes next.
    held_cr: bool,
}

impl<W: Write> Text<W> {
    pub fn new(out: W, look: Look) -> Self {
        Text {
            out,
            markers: look.markers,
            view: look.view,
            quiet: look.quiet,
            printed_id: false,
            tally: [0; 6],
            skipped: 0,
            skipped_store: None,
            sources: Vec::new(),
            wrote: false,
            at_line_start: true,
            messages: 0,
            screen: look.screen,
            held_cr: false,
        }
    }

    fn write(&mut self, text: &str) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        self.wrote = true;
        self.at_line_start = text.ends_with('\n');
        if self.screen {
            let joined;
            let mut text = text;
            if std::mem::take(&mut self.held_cr) {
                joined = format!("\r{text}");
                text = &joined;
            }
            if let Some(before) = text.strip_suffix('\r') {
                self.held_cr = true;
                text = before;
            }
            return self
                .out
                .write_all(crate::output::on_screen(text).as_bytes());
        }
        self.out.write_all(text.as_bytes())
    }

    fn end_line(&mut self) -> io::Result<()> {
        if !self.at_line_start {
            self.write("\n")?;
        }
        Ok(())
    }

    /// The `Id` view's one line: the first id, alone, for `X=$(asst …)`.
    fn id(&mut self, id: &str) -> io::Result<()> {
        if std::mem::replace(&mut self.printed_id, true) {
            return Ok(());
        }
        self.write(id)?;
        self.write("\n")
    }

    fn source_list(&mut self, sources: &[String]) -> io::Result<()> {
        if !self.markers || sources.is_empty() {
            return Ok(());
        }
        self.write("\n")?;
        for (i, label) in sources.iter().enumerate() {
            self.write(&format!("[{}] {label}\n", i + 1))?;
        }
        Ok(())
    }
}

/// How many files skipped as already in a store get a notice each.
const SKIPPED_NAMED: usize = 10;

/// A store's file counts, as its row shows them: `12 files, 10 completed, 2 in progress`.
fn counted(c: &crate::events::FileCounts) -> String {
    let mut counts = plural(c.total, "file");
    for (n, what) in [
        (c.completed, "completed"),
        (c.in_progress, "in progress"),
        (c.failed, "failed"),
        (c.cancelled, "cancelled"),
    ] {
        if n > 0 && n != c.total {
            counts.push_str(&format!(", {n} {what}"));
        }
    }
    counts
}

/// `1 file`, `3 files`.
pub fn plural(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Whether every byte is printable ASCII (0x20 to 0x7e) other than a backslash. It may say
/// no to such text (a carry between bytes), never yes to other text.
fn printable_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Any byte below 0x20, at or above 0x7f, or equal to a backslash sets its high bit here.
    let odd = |x: u64| {
        let below = x.wrapping_sub(ONES * 0x20) & !x;
        let above = x.wrapping_add(ONES) | x;
        let y = x ^ (ONES * u64::from(b'\\'));
        let backslash = y.wrapping_sub(ONES) & !y;
        (below | above | backslash) & HIGH != 0
    };
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        if odd(u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]))) {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) && b != b'\\')
}

/// A name from a server or a disk as one field of a line: control characters (a newline,
/// a tab) and backslashes escaped as in Rust or C (`\n`, `\t`, `\\`), so a row stays a row.
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII without a backslash, the common case, is seen eight bytes at a time;
    // otherwise a byte scan for ASCII controls and backslashes, and only for text that is not
    // all ASCII, a look for the C1 controls (U+0080 to U+009F).
    let plain = printable_ascii(text.as_bytes())
        || (!text.bytes().any(|b| b < 0x20 || b == b'\\' || b == 0x7f)
            && (text.is_ascii() || !text.chars().any(char::is_control)));
    if plain {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn label(c: &Citation) -> String {
    c.filename.clone().unwrap_or_else(|| c.file_id.clone())
}

impl<W: Write> Sink for Text<W> {
    fn delta(&mut self, text: &str) -> io::Result<()> {
        self.write(text)
    }

    fn event(&mut self, event: Event) -> io::Result<()> {
        match event {
            Event::Thread { id, created, .. } => {
                if self.view == View::Id {
                    return self.id(&id);
                }
                if created {
                    notice(&format!("thread {id}"));
                }
                Ok(())
            }
            Event::Delta { text } => self.write(&text),
            Event::Citation(c) => {
                if c.n > self.sources.len() {
                    self.sources.push(label(&c));
                }
                Ok(())
            }
            Event::Done(_) => {
                if self.wrote {
                    self.end_line()?;
                }
                let sources = std::mem::take(&mut self.sources);
                self.source_list(&sources)
            }
            Event::Search(r) if self.view == View::Chunks => {
                let gap = if self.wrote { "\n" } else { "" };
                let score = r.score.map_or_else(|| "-".into(), |s| format!("{s:.2}"));
                let name = r.filename.as_deref().unwrap_or("-");
                let text = r.text.trim_end_matches('\n');
                let line = format!(
                    "{gap}{score}\t{}\t{}\n{}\n",
                    escaped(name),
                    escaped(if r.file_id.is_empty() {
                        "-"
                    } else {
                        &r.file_id
                    }),
                    text
                );
                self.write(&line)
            }
            Event::Search(r) => {
                let snippet: String = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let snippet: String = snippet.chars().take(160).collect();
                let score = r.score.map(|s| format!(" {s:.2}")).unwrap_or_default();
                let name = r.filename.as_deref().unwrap_or(&r.file_id);
                notice(&format!("search{score} {name}: {snippet}"));
                Ok(())
            }
            Event::Setting(s) => {
                let value = s.value.as_deref().unwrap_or("-");
                let line = format!("{}\t{}\t{}\n", s.name, escaped(value), escaped(&s.source));
                self.write(&line)
            }
            Event::Listed(t) => {
                let label = t.name.as_deref().or(t.title.as_deref()).unwrap_or("-");
                self.wrote = true;
                self.at_line_start = true;
                writeln!(
                    self.out,
                    "{}\t{}\t{}\t{}",
                    escaped(&t.id),
                    t.last_used,
                    t.asks,
                    escaped(label)
                )
            }
            Event::Request {
                method,
                url,
                headers,
                body,
                ..
            } => {
                let body = serde_json::to_string_pretty(&body).map_err(io::Error::other)?;
                // As an HTTP message is written (and `xh --offline` shows one): the request
                // line, the headers, a blank line, the body.
                let mut text = format!("{method} {url}\n");
                if let Some(headers) = headers {
                    for (name, value) in &headers {
                        let value = value.as_str().unwrap_or_default();
                        text.push_str(&format!("{name}: {}\n", escaped(value)));
                    }
                    text.push('\n');
                }
                text.push_str(&body);
                text.push('\n');
                self.write(&text)
            }
            Event::Response { id, .. } if self.view == View::ResponseId => self.id(&id),
            Event::Response { .. } => Ok(()),
            // A dry run's row: what it would do, and the path.
            Event::File(f) if self.view == View::Plan => {
                let line = format!(
                    "{}\t{}\n",
                    f.action.as_deref().unwrap_or(""),
                    escaped(f.path.as_deref().or(f.name.as_deref()).unwrap_or("-"))
                );
                self.write(&line)
            }
            // What a sync did, counted for its summary line.
            Event::File(f) if self.view == View::Sync => {
                let slot = match (f.action.as_deref().unwrap_or(""), f.status.as_str()) {
                    (_, "failed" | "cancelled") => 4,
                    ("added", _) => 0,
                    ("replaced", _) => 1,
                    ("removed", _) => 2,
                    ("updated", _) => 5,
                    _ => 3,
                };
                self.tally[slot] += 1;
                Ok(())
            }
            // A dry run's summary; attributes updated in place are named only when there
            // would be any.
            Event::Plan(p) if p.store_deleted => {
                let store = escaped(p.store.as_deref().unwrap_or("the store"));
                let line = match (p.remove, p.keep) {
                    (0, 0) => format!("would delete {store}; it holds no files\n"),
                    (0, 1) => format!("would delete {store}; its 1 file stays in the Files list (--with-files deletes it too)\n"),
                    (0, keep) => format!("would delete {store}; its {keep} files stay in the Files list (--with-files deletes them too)\n"),
                    (remove, _) => format!("would delete {store} and its {}\n", plural(remove as u64, "file")),
                };
                self.write(&line)
            }
            Event::Plan(p) => {
                let (add, replace, remove, keep) = (p.add, p.replace, p.remove, p.keep);
                let line = match p.update {
                    0 => format!("would add {add}, replace {replace}, remove {remove}; {keep} unchanged\n"),
                    update => format!("would add {add}, replace {replace}, update {update}, remove {remove}; {keep} unchanged\n"),
                };
                self.write(&line)
            }
            // After a dry run's plan, the store as it is: nothing more to say.
            Event::Store(_) if self.view == View::Plan => Ok(()),
            Event::Store(_) if self.view == View::Sync => {
                let [added, replaced, removed, unchanged, failed, updated] = self.tally;
                let line = match updated {
                    0 => format!("added {added}, replaced {replaced}, removed {removed}, unchanged {unchanged}, failed {failed}\n"),
                    _ => format!("added {added}, replaced {replaced}, updated {updated}, removed {removed}, unchanged {unchanged}, failed {failed}\n"),
                };
                self.tally = [0; 6];
                self.write(&line)
            }
            Event::Store(s) if self.skipped > SKIPPED_NAMED => {
                let more = std::mem::take(&mut self.skipped) - SKIPPED_NAMED;
                if !self.quiet {
                    notice(&format!(
                        "and {} already in {}, skipped",
                        plural(more as u64, "more file"),
                        escaped(self.skipped_store.as_deref().unwrap_or("the store"))
                    ));
                }
                if self.view == View::Id {
                    self.id(&s.id)
                } else {
                    Ok(())
                }
            }
            Event::Store(s) if self.view == View::Id => self.id(&s.id),
            Event::Store(s) if self.view == View::Rows => {
                let counts = s.file_counts.as_ref().map_or_else(|| "-".into(), counted);
                // Rows are for scripts: one line each, fields without tabs or newlines, bytes
                // as a number (human units are for notices). The expiry (`-`: never) comes
                // last, so that the older columns keep their places.
                let line = format!(
                    "{}\t{}\t{}\t{counts}\t{}\t{}\n",
                    escaped(&s.id),
                    escaped(s.name.as_deref().unwrap_or("-")),
                    escaped(s.status.as_deref().unwrap_or("-")),
                    s.usage_bytes.map_or_else(|| "-".into(), |b| b.to_string()),
                    s.expires_at
                        .map_or_else(|| "-".into(), |at| Utc(at.saturating_mul(1000)).to_string()),
                );
                self.write(&line)
            }
            Event::File(f) if f.status == "skipped" => {
                self.skipped += 1;
                if !self.quiet && self.skipped <= SKIPPED_NAMED {
                    notice(&format!(
                        "{}: already in {}, skipped",
                        escaped(f.path.as_deref().or(f.name.as_deref()).unwrap_or("-")),
                        escaped(f.store.as_deref().unwrap_or("the store"))
                    ));
                }
                self.skipped_store = f.store.clone();
                Ok(())
            }
            Event::File(f)
                if self.view == View::Nothing
                    && f.action.as_deref() == Some("updated")
                    && f.status != "failed" =>
            {
                if !self.quiet {
                    notice(&format!(
                        "{}: attributes updated in {}",
                        escaped(f.path.as_deref().or(f.name.as_deref()).unwrap_or("-")),
                        escaped(f.store.as_deref().unwrap_or("the store"))
                    ));
                }
                Ok(())
            }
            Event::File(f) if self.view == View::Rows => {
                let mut line = format!(
                    "  {}\t{}\t{}\t{}",
                    escaped(f.file_id.as_deref().unwrap_or("-")),
                    escaped(&f.status),
                    f.bytes.map_or_else(|| "-".into(), |b| b.to_string()),
                    // Its path says which of two files of the same name it is.
                    escaped(f.path.as_deref().or(f.name.as_deref()).unwrap_or("-")),
                );
                if let Some(e) = &f.error {
                    line.push_str(&format!("\t{}", escaped(e)));
                }
                line.push('\n');
                self.write(&line)
            }
            Event::Batch(b) if self.view == View::Id => self.id(&b.id),
            Event::Batch(b) => {
                let c = &b.request_counts;
                let line = format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    escaped(&b.id),
                    escaped(b.status.as_deref().unwrap_or("-")),
                    c.completed,
                    c.failed,
                    c.total
                );
                self.write(&line)?;
                for e in &b.errors {
                    notice(&format!("{}: {}", escaped(&b.id), escaped(e)));
                }
                Ok(())
            }
            // Other views show no store rows; deletions and errors say nothing on stdout.
            Event::Store(_) | Event::File(_) | Event::Deleted { .. } | Event::Error { .. } => {
                Ok(())
            }
        }
    }
}

impl<W: Write> Render for Text<W> {
    fn message(&mut self, m: &Message) -> io::Result<()> {
        if self.messages > 0 {
            self.write("\n")?;
        }
        self.messages += 1;
        let mut role = m.role.clone();
        if let Some(first) = role.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        self.write(&format!("{role}:\n"))?;
        self.write(&m.text)?;
        self.end_line()?;
        let mut sources: Vec<String> = Vec::new();
        for c in &m.citations {
            if c.n > sources.len() {
                sources.push(label(c));
            }
        }
        self.source_list(&sources)
    }

    fn error(&mut self, _: &Error) -> io::Result<()> {
        // A partial answer ends its line, so the shell prompt does not follow it.
        self.end_line()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

pub struct JsonLines<W: Write> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    pub fn new(out: W) -> Self {
        JsonLines { out }
    }

    fn line<T: serde::Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        self.out.write_all(b"\n")
    }
}

impl<W: Write> Sink for JsonLines<W> {
    fn event(&mut self, mut event: Event) -> io::Result<()> {
        // A reason is the server's word: it may echo a secret back.
        if let Event::Done(done) = &mut event {
            if let Some(reason) = &mut done.reason {
                *reason = redact(reason).into_owned();
            }
        }
        self.line(&event)
    }

    /// The line serde would write, without building the event; text that needs no
    /// escaping (a quote, a backslash, a control character) is copied as it is.
    fn delta(&mut self, text: &str) -> io::Result<()> {
        if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            self.out.write_all(br#"{"type":"delta","text":"#)?;
            serde_json::to_writer(&mut self.out, text)?;
            self.out.write_all(b"}\n")
        } else {
            self.out.write_all(br#"{"type":"delta","text":""#)?;
            self.out.write_all(text.as_bytes())?;
            self.out.write_all(b"\"}\n")
        }
    }
}

impl<W: Write> Render for JsonLines<W> {
    fn message(&mut self, m: &Message) -> io::Result<()> {
        self.line(m)
    }

    fn error(&mut self, e: &Error) -> io::Result<()> {
        // Cut after the secrets are taken out, so that no cut leaves half of one.
        let shown = |text: &str| crate::output::bounded(&redact(text)).into_owned();
        let mut message = shown(&e.message);
        if let Some(hint) = &e.hint {
            message = format!("{message} ({})", shown(hint));
        }
        self.line(&Event::Error {
            code: e.kind.code(),
            exit_code: e.kind.exit_code(),
            message,
            request_id: e.request.clone(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_at_a_time_scan_agrees_with_a_byte_scan() {
        let simple = |b: &[u8]| b.iter().all(|&c| (0x20..0x7f).contains(&c) && c != b'\\');
        for len in 0..20 {
            for at in 0..len.max(1) {
                for byte in 0..=255u8 {
                    let mut text = vec![b'a'; len];
                    if len > 0 {
                        text[at] = byte;
                        // a neighbour that could carry into it
                        text[(at + 1) % len] = if byte % 2 == 0 { 0xff } else { b'~' };
                    }
                    let plain = printable_ascii(&text);
                    if plain {
                        assert!(simple(&text), "{text:?}");
                    }
                    if simple(&text) && !text.contains(&b'~') {
                        assert!(plain, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_store_deletion_planned_says_what_becomes_of_its_files() {
        let said = |remove, keep| {
            let look = Look {
                json: false,
                markers: true,
                view: View::Plan,
                quiet: false,
                terminal: false,
                screen: false,
            };
            let mut text = Text::new(Vec::new(), look);
            let plan = crate::events::PlanInfo {
                store: Some("vs_1".into()),
                add: 0,
                replace: 0,
                update: 0,
                remove,
                keep,
                store_deleted: true,
            };
            text.event(Event::Plan(plan)).unwrap();
            String::from_utf8(text.out).unwrap()
        };
        assert_eq!(said(0, 0), "would delete vs_1; it holds no files\n");
        assert_eq!(
            said(0, 3),
            "would delete vs_1; its 3 files stay in the Files list (--with-files deletes them too)\n"
        );
        assert_eq!(said(2, 0), "would delete vs_1 and its 2 files\n");
    }

    #[test]
    fn names_in_rows_and_notices_stay_on_one_line() {
        assert_eq!(escaped("plain.md"), "plain.md");
        assert_eq!(escaped("a\tb\nc\rd\\e\u{7}"), "a\\tb\\nc\\rd\\\\e\\u{7}");
        assert_eq!(plural(1, "file"), "1 file");
        assert_eq!(plural(0, "file"), "0 files");
    }

    #[test]
    fn a_delta_line_is_the_line_serde_writes() {
        for text in [
            "",
            " word",
            "Ünïcödé ☕ 😀",
            "two\nlines",
            "a \"quote\" and a \\ backslash",
            "\u{0}\u{1f}\u{7f}\t\r",
            "</script> & 'single'",
        ] {
            let mut fast = JsonLines::new(Vec::new());
            fast.delta(text).unwrap();
            let event = Event::Delta { text: text.into() };
            let expected = serde_json::to_string(&event).unwrap() + "\n";
            assert_eq!(String::from_utf8(fast.out).unwrap(), expected);
        }
    }
}
