//! An incremental decoder for server-sent events.
//!
//! Bytes go in as they arrive from the network, in chunks split anywhere; complete events
//! come out. It follows the WHATWG rules that matter here: lines end in `\n` or `\r\n`, a
//! blank line ends an event, `:` starts a comment (keep-alive), `data:` may repeat and its
//! values join with `\n`, one space after the colon is dropped, unknown fields are ignored.
//! A lone `\r` as a line end is not supported (neither API sends it).
//!
//! It never re-sends or reconnects anything: it only decodes.

use std::collections::VecDeque;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SseEvent {
    /// The `event:` field; empty when the event had none.
    pub event: String,
    /// The `data:` lines joined by `\n`.
    pub data: String,
}

#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes of an unfinished line.
    partial: Vec<u8>,
    event: String,
    data: String,
    has_data: bool,
    ready: VecDeque<SseEvent>,
}

impl Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds a chunk of the body. Complete events become available from [`Decoder::next_event`].
    pub fn feed(&mut self, mut chunk: &[u8]) {
        while let Some(pos) = chunk.iter().position(|&b| b == b'\n') {
            let (head, rest) = (&chunk[..pos], &chunk[pos + 1..]);
            if self.partial.is_empty() {
                self.line(head);
            } else {
                let mut line = std::mem::take(&mut self.partial);
                line.extend_from_slice(head);
                self.line(&line);
                line.clear();
                self.partial = line;
            }
            chunk = rest;
        }
        self.partial.extend_from_slice(chunk);
    }

    /// The next complete event, in the order they arrived.
    pub fn next_event(&mut self) -> Option<SseEvent> {
        self.ready.pop_front()
    }

    /// True when a complete event is waiting in [`Decoder::next_event`].
    pub fn has_ready(&self) -> bool {
        !self.ready.is_empty()
    }

    /// True when the body ended in the middle of an event (bytes or fields not yet
    /// dispatched). A well-formed stream ends on a blank line.
    pub fn has_unfinished_event(&self) -> bool {
        !self.partial.is_empty() || self.has_data
    }

    fn line(&mut self, line: &[u8]) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            self.dispatch();
            return;
        }
        if line[0] == b':' {
            return; // comment: keep-alive
        }
        let (name, value) = match line.iter().position(|&b| b == b':') {
            Some(i) => {
                let v = &line[i + 1..];
                (&line[..i], v.strip_prefix(b" ").unwrap_or(v))
            }
            None => (line, &b""[..]),
        };
        match name {
            b"data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(&String::from_utf8_lossy(value));
                self.has_data = true;
            }
            b"event" => {
                self.event.clear();
                self.event.push_str(&String::from_utf8_lossy(value));
            }
            _ => {} // id, retry and unknown fields: nothing asst needs
        }
    }

    fn dispatch(&mut self) {
        if self.has_data {
            self.ready.push_back(SseEvent {
                event: std::mem::take(&mut self.event),
                data: std::mem::take(&mut self.data),
            });
        } else {
            self.event.clear();
        }
        self.has_data = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(input: &[u8]) -> Vec<SseEvent> {
        let mut d = Decoder::new();
        d.feed(input);
        std::iter::from_fn(|| d.next_event()).collect()
    }

    fn ev(event: &str, data: &str) -> SseEvent {
        SseEvent {
            event: event.into(),
            data: data.into(),
        }
    }

    #[test]
    fn fields_comments_and_line_endings() {
        let input = b": keep-alive\r\nevent: a\r\ndata: {\"x\":1}\r\n\r\nid: 7\ndata:no-space\ndata:  two\n\nevent: empty\n\n";
        assert_eq!(
            decode_all(input),
            vec![ev("a", "{\"x\":1}"), ev("", "no-space\n two")]
        );
    }

    #[test]
    fn event_name_does_not_leak_into_next_event() {
        let input = b"event: one\ndata: 1\n\ndata: 2\n\n";
        assert_eq!(decode_all(input), vec![ev("one", "1"), ev("", "2")]);
    }

    #[test]
    fn unfinished_event_is_reported_not_dispatched() {
        let mut d = Decoder::new();
        d.feed(b"event: x\ndata: partial");
        assert!(d.next_event().is_none());
        assert!(d.has_unfinished_event());
        d.feed(b"\n\n");
        assert_eq!(d.next_event(), Some(ev("x", "partial")));
        assert!(!d.has_unfinished_event());
    }

    #[test]
    fn every_split_point_gives_the_same_events() {
        let input = "event: response.output_text.delta\r\ndata: {\"delta\":\"caf\u{e9} \u{1F600}\"}\r\n\r\n: ping\n\ndata: a\ndata: b\n\n"
            .as_bytes();
        let whole = decode_all(input);
        assert_eq!(whole.len(), 2);
        for i in 0..=input.len() {
            for j in i..=input.len() {
                let mut d = Decoder::new();
                d.feed(&input[..i]);
                d.feed(&input[i..j]);
                d.feed(&input[j..]);
                let got: Vec<_> = std::iter::from_fn(|| d.next_event()).collect();
                assert_eq!(got, whole, "split at {i} and {j}");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A small deterministic generator: no dependency needed for a smoke fuzz.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let alphabet = b"data: event:\r\n:{}\"\xff\xfe\xc3";
        for _ in 0..2000 {
            let mut d = Decoder::new();
            let len = (state % 64) as usize;
            let mut bytes = Vec::with_capacity(len);
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                bytes.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            d.feed(&bytes);
            while d.next_event().is_some() {}
        }
    }
}
