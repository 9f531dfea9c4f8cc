//! The thread registry: a SQLite file of the threads asst created or used, because the
//! Conversations API cannot list conversations. It feeds `thread list`, `ask -c`, names,
//! and an Assistants thread's assistant.
//!
//! It never breaks an ask: WAL mode and a busy timeout let many asst processes record at
//! once, and a registry that cannot be opened or written (read-only, locked for too long,
//! corrupt) costs one warning on stderr, never the answer. It holds no key or token: the
//! endpoint is kept as `config::shown_url` prints it.

use crate::error::{Error, Result};
use crate::events::Api;
use crate::output::notice;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema this build writes. Older files are migrated forward when opened.
const SCHEMA: i64 = 2;

/// Why there is no registry when no variable says where it would be.
const NO_PLACE: &str = "none of ASST_STATE_DIR, XDG_STATE_HOME and HOME is set";

/// The hint of a registry file that SQLite cannot read.
const DAMAGED: &str = "move it aside and asst makes a new one (thread names and -c start over), or set ASST_STATE_DIR to another folder";

/// The hint of a registry that cannot be made or written where it is.
const ELSEWHERE: &str =
    "set ASST_STATE_DIR to a folder asst may write (the registry is threads.db in it)";

/// How long a write waits for another asst process holding the file.
const BUSY: Duration = Duration::from_secs(5);

/// A title is the first prompt's first line, this long at most.
const TITLE_CHARS: usize = 80;

/// Where the registry is: `$ASST_STATE_DIR/threads.db`, else
/// `$XDG_STATE_HOME/asst/threads.db`, else `~/.local/state/asst/threads.db`.
pub fn default_path() -> Option<PathBuf> {
    let env = |k| crate::config::env(k).map(PathBuf::from);
    if let Some(dir) = env("ASST_STATE_DIR") {
        return Some(dir.join("threads.db"));
    }
    if let Some(dir) = crate::config::xdg_dir("XDG_STATE_HOME") {
        return Some(dir.join("asst/threads.db"));
    }
    env("HOME").map(|h| h.join(".local/state/asst/threads.db"))
}

/// Which server a thread lives on: the provider and its endpoint or base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub provider: &'static str,
    pub endpoint: String,
    pub profile: Option<String>,
}

/// One thread as the registry knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub api: Api,
    pub provider: String,
    pub endpoint: String,
    pub profile: Option<String>,
    pub assistant: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
    pub created: i64,
    pub last_used: i64,
    pub last_response: Option<String>,
    pub asks: i64,
}

pub struct Registry {
    db: Connection,
}

impl Registry {
    /// Opens (creating and migrating) the registry at `path`.
    pub fn open(path: &Path) -> Result<Registry> {
        let error = |e: &dyn std::fmt::Display| {
            Error::config(format!("the thread registry {}: {e}", path.display()))
        };
        // A file that is no SQLite database (or a damaged one) is not fixed by another folder.
        let fail = |e: &rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                error(e).with_hint(DAMAGED)
            }
            _ => error(e).with_hint(ELSEWHERE),
        };
        if let Some(dir) = path.parent() {
            make_private_dir(dir).map_err(|e| error(&e).with_hint(ELSEWHERE))?;
        }
        make_private_file(path);
        let db = Connection::open(path).map_err(|e| fail(&e))?;
        db.busy_timeout(BUSY).map_err(|e| fail(&e))?;
        // WAL: readers never block the writer, and writers queue on the busy timeout. (It is
        // kept in the file: set once, when the file is new.)
        let mode: String = db
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(|e| fail(&e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // Switching a new file to WAL answers "locked" at once, without the busy
            // timeout, while another process first opens it: tried again within that time.
            let started = std::time::Instant::now();
            loop {
                match db.pragma_update(None, "journal_mode", "WAL") {
                    Ok(()) => break,
                    Err(e)
                        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                            && started.elapsed() < BUSY =>
                    {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(e) => return Err(fail(&e)),
                }
            }
        }
        let mut registry = Registry { db };
        registry.migrate().map_err(|e| fail(&e))?;
        Ok(registry)
    }

    /// Brings an older file to [`SCHEMA`], one version at a time, in one transaction. A file
    /// already at it costs one read (no write lock).
    fn migrate(&mut self) -> rusqlite::Result<()> {
        let current: i64 = self
            .db
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= SCHEMA {
            return Ok(());
        }
        let tx = self
            .db
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version < 1 {
            // The first schema: a thread, where it lives, and when.
            tx.execute_batch(
                "CREATE TABLE threads (
                    id TEXT NOT NULL,
                    api TEXT NOT NULL,
                    endpoint TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    last_used INTEGER NOT NULL,
                    PRIMARY KEY (endpoint, id)
                );",
            )?;
        }
        if version < 2 {
            // Names, titles, the assistant, the profile, the last answer and a count.
            tx.execute_batch(
                "ALTER TABLE threads ADD COLUMN provider TEXT NOT NULL DEFAULT 'openai';
                 ALTER TABLE threads ADD COLUMN profile TEXT;
                 ALTER TABLE threads ADD COLUMN assistant TEXT;
                 ALTER TABLE threads ADD COLUMN title TEXT;
                 ALTER TABLE threads ADD COLUMN name TEXT;
                 ALTER TABLE threads ADD COLUMN last_response TEXT;
                 ALTER TABLE threads ADD COLUMN asks INTEGER NOT NULL DEFAULT 0;
                 CREATE UNIQUE INDEX threads_name ON threads (endpoint, name) WHERE name IS NOT NULL;
                 CREATE INDEX threads_recent ON threads (endpoint, last_used);",
            )?;
        }
        if version < SCHEMA {
            tx.pragma_update(None, "user_version", SCHEMA)?;
        }
        tx.commit()
    }

    /// Records that asst created or used a thread: its first prompt becomes its title, the
    /// count of asks grows, and it becomes the most recently used.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &self,
        place: &Place,
        id: &str,
        api: Api,
        assistant: Option<&str>,
        prompt: Option<&str>,
        response: Option<&str>,
        asked: bool,
    ) -> rusqlite::Result<()> {
        let now = now();
        let title = prompt.map(title);
        self.db.execute(
            "INSERT INTO threads (id, api, endpoint, created, last_used, provider, profile,
                                  assistant, title, last_response, asks)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (endpoint, id) DO UPDATE SET
                last_used = excluded.last_used,
                assistant = COALESCE(excluded.assistant, assistant),
                title = COALESCE(title, excluded.title),
                last_response = COALESCE(excluded.last_response, last_response),
                asks = asks + excluded.asks",
            params![
                id,
                api.name(),
                place.endpoint,
                now,
                place.provider,
                place.profile,
                assistant,
                title,
                response,
                i64::from(asked),
            ],
        )?;
        Ok(())
    }

    /// Gives a thread a name (unique on its endpoint); a thread asst does not know yet is
    /// recorded with it.
    pub fn name(&self, place: &Place, id: &str, api: Api, name: &str) -> Result<()> {
        check_name(name)?;
        if let Some(other) = self.find_name(place, name).map_err(db_error)? {
            if other.id != id {
                return Err(Error::usage(format!(
                    "the name '{name}' is taken by {} on this endpoint",
                    other.id
                )));
            }
        }
        self.record(place, id, api, None, None, None, false)
            .map_err(db_error)?;
        self.db
            .execute(
                "UPDATE threads SET name = ?1 WHERE endpoint = ?2 AND id = ?3",
                params![name, place.endpoint, id],
            )
            .map_err(db_error)?;
        Ok(())
    }

    pub fn find_name(&self, place: &Place, name: &str) -> rusqlite::Result<Option<Entry>> {
        self.one("endpoint = ?1 AND name = ?2", params![place.endpoint, name])
    }

    pub fn find_id(&self, place: &Place, id: &str) -> rusqlite::Result<Option<Entry>> {
        self.one("endpoint = ?1 AND id = ?2", params![place.endpoint, id])
    }

    /// The most recently used thread of this provider, endpoint and profile.
    pub fn latest(&self, place: &Place) -> rusqlite::Result<Option<Entry>> {
        self.one(
            "endpoint = ?1 AND provider = ?2 AND profile IS ?3 ORDER BY last_used DESC, rowid DESC",
            params![place.endpoint, place.provider, place.profile],
        )
    }

    /// Threads, newest first: of this endpoint, or (`place: None`) every one.
    pub fn list(&self, place: Option<&Place>, limit: usize) -> rusqlite::Result<Vec<Entry>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut sql = format!("SELECT {COLUMNS} FROM threads");
        if place.is_some() {
            sql.push_str(" WHERE endpoint = ?1");
        }
        sql.push_str(" ORDER BY last_used DESC, rowid DESC LIMIT ");
        sql.push_str(&limit.to_string());
        let mut statement = self.db.prepare(&sql)?;
        let rows = match place {
            Some(p) => statement.query_map(params![p.endpoint], entry)?,
            None => statement.query_map([], entry)?,
        };
        rows.collect()
    }

    pub fn forget(&self, place: &Place, id: &str) -> rusqlite::Result<bool> {
        let n = self.db.execute(
            "DELETE FROM threads WHERE endpoint = ?1 AND id = ?2",
            params![place.endpoint, id],
        )?;
        Ok(n > 0)
    }

    fn one(&self, filter: &str, args: impl rusqlite::Params) -> rusqlite::Result<Option<Entry>> {
        let sql = format!("SELECT {COLUMNS} FROM threads WHERE {filter} LIMIT 1");
        self.db.query_row(&sql, args, entry).optional()
    }
}

const COLUMNS: &str = "id, api, provider, endpoint, profile, assistant, title, name, created, last_used, last_response, asks";

fn entry(row: &rusqlite::Row) -> rusqlite::Result<Entry> {
    // Compared where it lies, without a string of its own.
    let assistants = matches!(
        row.get_ref(1)?,
        rusqlite::types::ValueRef::Text(b"assistants")
    );
    Ok(Entry {
        id: row.get(0)?,
        api: if assistants {
            Api::Assistants
        } else {
            Api::Responses
        },
        provider: row.get(2)?,
        endpoint: row.get(3)?,
        profile: row.get(4)?,
        assistant: row.get(5)?,
        title: row.get(6)?,
        name: row.get(7)?,
        created: row.get(8)?,
        last_used: row.get(9)?,
        last_response: row.get(10)?,
        asks: row.get(11)?,
    })
}

/// The registry's folder: one asst makes is its owner's alone (what it holds are the first
/// lines of questions); one that exists is left as it is.
fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        done => done,
    }
}

/// A new registry file, made readable by its owner alone before SQLite first opens it
/// (SQLite gives its journal files the mode of the database). An existing file is left as
/// it is, and one that cannot be made here is SQLite's to report.
fn make_private_file(path: &Path) {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let _ = options.open(path);
}

fn db_error(e: rusqlite::Error) -> Error {
    Error::config(format!("the thread registry: {e}"))
}

/// A name is a word for people: it may not look like a thread id (a name never shadows an
/// id) and goes on one line.
pub fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() || name.chars().any(char::is_control) || name.len() > 200 {
        return Err(Error::usage(format!(
            "'{name}' is not a usable thread name"
        )));
    }
    if name.starts_with("conv_") || name.starts_with("thread_") {
        return Err(Error::usage(format!(
            "'{name}' looks like a thread id; a name may not start with conv_ or thread_"
        )));
    }
    Ok(())
}

/// The first line of a prompt, at most [`TITLE_CHARS`] characters.
fn title(prompt: &str) -> String {
    let line = prompt
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut t: String = line.chars().take(TITLE_CHARS).collect();
    if line.chars().count() > TITLE_CHARS {
        t.push('…');
    }
    t
}

/// Milliseconds since 1970: "most recently used" must tell apart asks in the same second.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The registry as a command uses it: opened when first needed (a plain `ask` opens it only
/// after its answer, to record it), absent when history is off, and when it cannot be
/// opened or written, one warning and the command goes on.
pub struct History {
    path: Option<PathBuf>,
    /// Recording is on (`--no-history`, `ASST_HISTORY=0`, profile `history = false` turn
    /// it off; reading for names and `-c` still works).
    pub record: bool,
    opened: Option<Option<Registry>>,
    /// Why the registry could not be opened, once that was tried.
    why: Option<Error>,
    warned: bool,
    /// Where threads of this command live.
    pub place: Place,
}

impl History {
    pub fn new(path: Option<PathBuf>, record: bool, place: Place) -> History {
        History {
            path,
            record,
            opened: None,
            why: None,
            warned: false,
            place,
        }
    }

    /// The registry, opened now if it was not; `None` if it cannot be (a write then warns
    /// once; [`History::missing`] says why to a command that needs it).
    pub fn get(&mut self) -> Option<&Registry> {
        if self.opened.is_none() {
            let opened = match self.path.as_deref().map(Registry::open) {
                Some(Ok(r)) => Some(r),
                Some(Err(e)) => {
                    self.why = Some(e);
                    None
                }
                // (A service started without HOME, say.)
                None => {
                    self.why = Some(
                        Error::config(format!("no thread registry: {NO_PLACE}"))
                            .with_hint(ELSEWHERE),
                    );
                    None
                }
            };
            self.opened = Some(opened);
        }
        self.opened.as_ref().and_then(Option::as_ref)
    }

    /// The registry for a lookup: `None` when its file does not exist yet, which holds no
    /// thread, so nothing is created to find nothing in (with the history off, asst writes
    /// no file). [`History::missing`] if there is no place for it.
    pub fn lookup(&mut self) -> Result<Option<&Registry>> {
        let absent = self.path.as_deref().is_some_and(|p| !p.exists());
        if self.opened.is_none() && absent {
            return Ok(None);
        }
        self.needed().map(Some)
    }

    /// The registry, for a command that cannot do without it: [`History::missing`] if there
    /// is none.
    pub fn needed(&mut self) -> Result<&Registry> {
        if self.get().is_none() {
            return Err(self.missing());
        }
        Ok(self.get().expect("opened above"))
    }

    /// What a command that needs the registry says when there is none (after [`History::get`]
    /// found none).
    fn missing(&self) -> Error {
        self.why.clone().unwrap_or_else(|| {
            Error::config("no thread registry: it could not be opened").with_hint(ELSEWHERE)
        })
    }

    /// Runs a write when recording is on, warning (once) instead of failing.
    pub fn write(&mut self, what: impl FnOnce(&Registry, &Place) -> rusqlite::Result<()>) {
        if !self.record {
            return;
        }
        let place = self.place.clone();
        if self.get().is_none() {
            let why = self
                .why
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_default();
            self.warn(&why);
            return;
        }
        let Some(r) = self.get() else { return };
        if let Err(e) = what(r, &place) {
            self.warn(&format!("the thread registry: {e}"));
        }
    }

    fn warn(&mut self, message: &str) {
        if !std::mem::replace(&mut self.warned, true) {
            notice(&format!(
                "warning: {message}; the thread is not recorded (--no-history turns the registry off)"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> Place {
        Place {
            provider: "openai",
            endpoint: "https://api.openai.com/v1".into(),
            profile: None,
        }
    }

    #[test]
    fn records_names_and_finds_the_latest() {
        let tmp = tempfile::tempdir().unwrap();
        let r = Registry::open(&tmp.path().join("t.db")).unwrap();
        let p = place();
        r.record(
            &p,
            "conv_a",
            Api::Responses,
            None,
            Some("\n  What is our refund policy?\nmore"),
            Some("resp_1"),
            true,
        )
        .unwrap();
        r.record(
            &p,
            "conv_a",
            Api::Responses,
            None,
            Some("second"),
            Some("resp_2"),
            true,
        )
        .unwrap();
        let a = r.find_id(&p, "conv_a").unwrap().unwrap();
        assert_eq!(a.title.as_deref(), Some("What is our refund policy?"));
        assert_eq!((a.asks, a.last_response.as_deref()), (2, Some("resp_2")));
        r.record(
            &p,
            "thread_b",
            Api::Assistants,
            Some("asst_1"),
            None,
            None,
            false,
        )
        .unwrap();
        r.name(&p, "thread_b", Api::Assistants, "work").unwrap();
        assert!(
            r.name(&p, "conv_a", Api::Responses, "work").is_err(),
            "names are unique"
        );
        assert!(
            r.name(&p, "conv_a", Api::Responses, "conv_x").is_err(),
            "no id-like names"
        );
        assert_eq!(
            r.find_name(&p, "work")
                .unwrap()
                .unwrap()
                .assistant
                .as_deref(),
            Some("asst_1")
        );
        let long = "x".repeat(100);
        assert_eq!(title(&long).chars().count(), TITLE_CHARS + 1);
    }
}
