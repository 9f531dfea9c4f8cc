//! Turns an answer's raw text and its file citations, as either API family reports them,
//! into the events asst prints: text deltas with `[n]` markers where citations belong, and
//! a `citation` event right after each marker.
//!
//! The two families place citations differently:
//! - Responses gives a zero-width position (`index`, a character offset into the final text)
//!   and puts no marker in the text;
//! - Assistants puts its own marker text in the answer (`【4:0†source】`) and gives the
//!   character range it occupies (`start_index..end_index`), which asst replaces.
//!
//! Both are a replacement of the raw range `start..end` by a marker, so one mechanism
//! serves both. Citations may arrive before their position is streamed (held until the text
//! gets there), exactly on time, or late (placed at the current position).

use crate::events::{Citation, Event};
use std::collections::VecDeque;

/// Receives the composed events.
pub trait Sink {
    fn event(&mut self, event: Event) -> std::io::Result<()>;

    /// A delta event, borrowed: renderers write it without building the event (one per
    /// token, the hot path).
    fn delta(&mut self, text: &str) -> std::io::Result<()> {
        self.event(Event::Delta {
            text: text.to_string(),
        })
    }
}

impl Sink for Vec<Event> {
    fn event(&mut self, event: Event) -> std::io::Result<()> {
        self.push(event);
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file_id: String,
    pub filename: Option<String>,
}

#[derive(Debug)]
struct Pending {
    start: usize,
    end: usize,
    file_id: String,
    filename: Option<String>,
}

#[derive(Debug)]
pub struct Answer {
    markers: bool,
    sources: Vec<Source>,
    /// Characters printed so far, over the whole answer.
    printed: usize,
    /// Characters of raw text received in the current part.
    raw: usize,
    /// Raw characters still to be dropped because a marker replaced them.
    skip_until: usize,
    pending: VecDeque<Pending>,
    part_has_text: bool,
    /// A hash of the current part's raw text so far, so that a recovery can tell whether
    /// the stored answer begins with what was printed (without keeping the text).
    raw_hash: u64,
    last_citation: Option<(usize, usize)>,
}

impl Answer {
    /// `markers: false` (`--no-citations`) prints no `[n]` markers; citation events are
    /// still produced, with the offset where the marker would have been.
    pub fn new(markers: bool) -> Self {
        Answer {
            markers,
            sources: Vec::new(),
            printed: 0,
            raw: 0,
            skip_until: 0,
            pending: VecDeque::new(),
            part_has_text: false,
            raw_hash: FNV_START,
            last_citation: None,
        }
    }

    #[cfg(test)]
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Starts a new part (another message or content part). Pending citations of the
    /// previous part are placed at its end, and parts are separated by a blank line.
    pub fn new_part(&mut self, sink: &mut dyn Sink) -> std::io::Result<()> {
        self.end_part(sink)?;
        if self.part_has_text {
            self.emit("\n\n", sink)?;
        }
        self.part_has_text = false;
        self.raw = 0;
        self.raw_hash = FNV_START;
        self.skip_until = 0;
        Ok(())
    }

    /// Places every citation still waiting for its position (the text ended first).
    pub fn end_part(&mut self, sink: &mut dyn Sink) -> std::io::Result<()> {
        while let Some(p) = self.pending.pop_front() {
            self.place(p.file_id, p.filename, sink)?;
        }
        Ok(())
    }

    /// A file citation replacing raw characters `start..end` of the current part
    /// (`start == end` for an insertion).
    pub fn cite(
        &mut self,
        start: usize,
        end: usize,
        file_id: String,
        filename: Option<String>,
        sink: &mut dyn Sink,
    ) -> std::io::Result<()> {
        let end = end.max(start);
        if start <= self.raw {
            // On time or late: the marker goes where the text is now.
            self.skip_until = self.skip_until.max(end);
            return self.place(file_id, filename, sink);
        }
        let at = self.pending.partition_point(|p| p.start <= start);
        self.pending.insert(
            at,
            Pending {
                start,
                end,
                file_id,
                filename,
            },
        );
        Ok(())
    }

    /// Raw text of the current part, as the server streamed it.
    pub fn text(&mut self, mut text: &str, sink: &mut dyn Sink) -> std::io::Result<()> {
        self.raw_hash = fnv(self.raw_hash, text.as_bytes());
        while !text.is_empty() {
            if self.skip_until > self.raw {
                let (n, bytes) = prefix(text, self.skip_until - self.raw);
                self.raw += n;
                text = &text[bytes..];
                continue;
            }
            let Some(next) = self.pending.front() else {
                let chars = text.chars().count();
                self.raw += chars;
                return self.emit_counted(text, chars, sink);
            };
            let until = next.start;
            if until <= self.raw {
                if let Some(p) = self.pending.pop_front() {
                    self.skip_until = self.skip_until.max(p.end);
                    self.place(p.file_id, p.filename, sink)?;
                }
                continue;
            }
            let (n, bytes) = prefix(text, until - self.raw);
            self.raw += n;
            self.emit(&text[..bytes], sink)?;
            text = &text[bytes..];
        }
        Ok(())
    }

    /// Whether any of the answer has been printed (a delta may come empty).
    pub fn printed_any(&self) -> bool {
        self.printed > 0
    }

    /// Characters of raw text received so far in the current part.
    pub fn raw_position(&self) -> usize {
        self.raw
    }

    /// Whether `text` begins with the raw text received so far in the current part.
    pub fn continues(&self, text: &str) -> bool {
        let end = match text.char_indices().nth(self.raw) {
            Some((i, _)) => i,
            None if text.chars().count() == self.raw => text.len(),
            None => return false, // shorter than what was printed
        };
        fnv(FNV_START, &text.as_bytes()[..end]) == self.raw_hash
    }

    fn place(
        &mut self,
        file_id: String,
        filename: Option<String>,
        sink: &mut dyn Sink,
    ) -> std::io::Result<()> {
        let n = match self.sources.iter().position(|s| s.file_id == file_id) {
            Some(i) => {
                if self.sources[i].filename.is_none() {
                    self.sources[i].filename = filename.clone();
                }
                i + 1
            }
            None => {
                self.sources.push(Source {
                    file_id: file_id.clone(),
                    filename: filename.clone(),
                });
                self.sources.len()
            }
        };
        // The same file cited twice at one place shows one marker.
        if self.last_citation == Some((n, self.printed)) {
            return Ok(());
        }
        let offset = self.printed;
        if self.markers {
            self.emit(&format!("[{n}]"), sink)?;
            self.last_citation = Some((n, self.printed));
        } else {
            self.last_citation = Some((n, offset));
        }
        let filename = filename.or_else(|| self.sources[n - 1].filename.clone());
        sink.event(Event::Citation(Citation {
            n,
            file_id,
            filename,
            offset,
        }))
    }

    fn emit(&mut self, text: &str, sink: &mut dyn Sink) -> std::io::Result<()> {
        self.emit_counted(text, text.chars().count(), sink)
    }

    fn emit_counted(
        &mut self,
        text: &str,
        chars: usize,
        sink: &mut dyn Sink,
    ) -> std::io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        self.printed += chars;
        self.part_has_text = true;
        sink.delta(text)
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, continued over `bytes`.
fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The first `chars` characters of `text`: how many there are, and their length in bytes.
fn prefix(text: &str, chars: usize) -> (usize, usize) {
    match text.char_indices().nth(chars) {
        Some((bytes, _)) => (chars, bytes),
        None => (text.chars().count(), text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(events: &[Event]) -> String {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Delta { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn citations(events: &[Event]) -> Vec<(usize, usize)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Citation(c) => Some((c.n, c.offset)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn insertion_on_time_early_and_late() {
        // on time: the citation arrives when the text has reached its index
        let mut out = Vec::new();
        let mut a = Answer::new(true);
        a.text("Pizza", &mut out).unwrap();
        a.cite(5, 5, "f1".into(), Some("a.txt".into()), &mut out)
            .unwrap();
        a.text(".", &mut out).unwrap();
        assert_eq!(joined(&out), "Pizza[1].");
        assert_eq!(citations(&out), vec![(1, 5)]);

        // early: held until the text reaches it, even inside one delta
        let mut out = Vec::new();
        let mut a = Answer::new(true);
        a.cite(3, 3, "f1".into(), None, &mut out).unwrap();
        a.cite(5, 5, "f2".into(), None, &mut out).unwrap();
        a.text("héllo wörld", &mut out).unwrap();
        assert_eq!(joined(&out), "hél[1]lo[2] wörld");
        assert_eq!(citations(&out), vec![(1, 3), (2, 8)]);

        // late: placed where the text is now
        let mut out = Vec::new();
        let mut a = Answer::new(true);
        a.text("abcdef", &mut out).unwrap();
        a.cite(2, 2, "f1".into(), None, &mut out).unwrap();
        assert_eq!(joined(&out), "abcdef[1]");
    }

    #[test]
    fn replacement_of_a_marker_split_across_deltas() {
        let marker = "【4:0†favorite_foods.txt】";
        let mut out = Vec::new();
        let mut a = Answer::new(true);
        a.text("Filip's favorite food is cake", &mut out).unwrap();
        a.cite(29, 29 + marker.chars().count(), "f".into(), None, &mut out)
            .unwrap();
        let (x, y) = marker.split_at(marker.char_indices().nth(4).unwrap().0);
        a.text(x, &mut out).unwrap();
        a.text(y, &mut out).unwrap();
        a.text(".", &mut out).unwrap();
        assert_eq!(joined(&out), "Filip's favorite food is cake[1].");
        assert_eq!(citations(&out), vec![(1, 29)]);
    }

    #[test]
    fn numbers_are_per_distinct_file_and_repeats_collapse() {
        let mut out = Vec::new();
        let mut a = Answer::new(true);
        a.text("a", &mut out).unwrap();
        a.cite(1, 1, "x".into(), None, &mut out).unwrap();
        a.cite(1, 1, "x".into(), None, &mut out).unwrap();
        a.cite(1, 1, "y".into(), Some("y.md".into()), &mut out)
            .unwrap();
        a.text(" b", &mut out).unwrap();
        a.cite(3, 3, "x".into(), Some("x.md".into()), &mut out)
            .unwrap();
        assert_eq!(joined(&out), "a[1][2] b[1]");
        assert_eq!(a.sources().len(), 2);
        assert_eq!(a.sources()[0].filename.as_deref(), Some("x.md"));
    }

    #[test]
    fn without_markers_offsets_still_point_into_the_text() {
        let mut out = Vec::new();
        let mut a = Answer::new(false);
        a.cite(2, 4, "x".into(), None, &mut out).unwrap();
        a.text("abXYcd", &mut out).unwrap();
        assert_eq!(joined(&out), "abcd");
        assert_eq!(citations(&out), vec![(1, 2)]);
    }

    /// Splitting the text anywhere, and announcing citations early, on time or in between,
    /// gives the same answer as inserting the markers into the whole text at once.
    #[test]
    fn any_split_gives_the_reference_answer() {
        let text: Vec<char> = "Ünïcödé text ☕ with 😀 emoji and plain words."
            .chars()
            .collect();
        let mut rng = crate::testing::Rng::new(0x2545_F491_4F6C_DD1D);
        let mut rand = |n: usize| rng.below(n);
        for _ in 0..500 {
            let mut points: Vec<usize> = (0..rand(4)).map(|_| rand(text.len() + 1)).collect();
            points.sort();
            // reference: markers inserted into the whole text; one file per point, a repeat
            // of the same point shows one marker per file
            let mut expected = String::new();
            let mut n = 0;
            for (i, c) in text.iter().enumerate() {
                for _ in points.iter().filter(|&&p| p == i) {
                    n += 1;
                    expected.push_str(&format!("[{n}]"));
                }
                expected.push(*c);
            }
            for _ in points.iter().filter(|&&p| p == text.len()) {
                n += 1;
                expected.push_str(&format!("[{n}]"));
            }

            let mut out = Vec::new();
            let mut a = Answer::new(true);
            let mut sent = 0;
            let mut cites = points.iter().enumerate().peekable();
            while sent < text.len() {
                // announce every citation whose point the text has not passed yet, sometimes
                while let Some(&(k, &p)) = cites.peek() {
                    if p < sent || rand(2) == 0 && p > sent {
                        break;
                    }
                    a.cite(p, p, format!("f{k}"), None, &mut out).unwrap();
                    cites.next();
                }
                let take = 1 + rand(text.len() - sent);
                let next = match cites.peek() {
                    Some(&(_, &p)) if p > sent => take.min(p - sent),
                    _ => take,
                };
                let piece: String = text[sent..sent + next].iter().collect();
                a.text(&piece, &mut out).unwrap();
                sent += next;
            }
            for (k, &p) in cites {
                a.cite(p, p, format!("f{k}"), None, &mut out).unwrap();
            }
            a.end_part(&mut out).unwrap();
            assert_eq!(joined(&out), expected, "points {points:?}");
        }
    }

    #[test]
    fn pending_citations_are_placed_when_the_part_ends() {
        let mut out = Vec::new();
        let mut a = Answer::new(true);
        a.cite(99, 99, "x".into(), None, &mut out).unwrap();
        a.text("short", &mut out).unwrap();
        a.new_part(&mut out).unwrap();
        a.text("next", &mut out).unwrap();
        assert_eq!(joined(&out), "short[1]\n\nnext");
    }
}
