//! The hot path of a Responses stream: delta events read without serde.
//!
//! Almost every event of an answer is a delta (`response.output_text.delta` and kin): a
//! flat JSON object of a few scalar fields, of which asst needs four (`item_id`,
//! `content_index`, `delta`, and `sequence_number`, where a background stream resumes).
//! Deserializing it with serde_json was the largest cost per event (see the README's
//! Performance section). This reader takes only the common shape: a flat object, no
//! escapes in names and ids (the text may have them, except `\u`), empty arrays or objects
//! at most, no control characters. For anything else it returns `None` and the caller uses
//! serde, so what it returns is always what serde would have read: a property test below
//! holds it to that.
//!
//! It never accepts what serde would refuse: numbers follow the JSON grammar, literals are
//! spelled out, a field asst reads may not appear twice.
//!
//! The deltas of one answer are the same bytes but for their text, sequence number and
//! padding, so a `Shape` keeps the last one read in full and reads the next by comparing
//! the stretches between those values with it, which costs a fraction of reading them.

use std::borrow::Cow;

/// The fields of a delta event that asst uses, borrowed from the event's data (or from the
/// `Shape` it was compared with).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delta<'a> {
    /// `type`; empty when absent (the SSE event name applies).
    pub kind: &'a str,
    pub item_id: Option<&'a str>,
    pub content_index: Option<u32>,
    /// Borrowed unless it had escapes (a newline, a quote).
    pub delta: Option<Cow<'a, str>>,
    /// Where the event stands in the stream, for resuming it after a cut.
    pub sequence_number: Option<u64>,
}

/// Reads `data` if it has the common shape of a delta event; `None` means "ask serde".
#[cfg(test)]
pub fn read(data: &str) -> Option<Delta<'_>> {
    read_recording(data, &mut Record::default())
}

/// Where the values of a delta event lie, as `read_recording` finds them: what a `Shape`
/// is made of.
#[derive(Debug, Default, Clone)]
struct Record {
    /// The values that change from one delta to the next, in order. More than `MAX_CUTS`
    /// and there is no shape.
    cuts: [Cut; MAX_CUTS],
    len: usize,
    overflow: bool,
    /// The text of the type and of the item id, between their quotes.
    kind: Option<(usize, usize)>,
    item_id: Option<(usize, usize)>,
}

/// A delta is some hundred bytes; a larger one is read in full rather than kept (a delta of
/// megabytes would double what it costs in memory, for no gain).
const MAX_TEMPLATE: usize = 16 * 1024;

/// At most this many values that change per event: the text, the sequence number, the
/// `obfuscation` padding, and one more string.
const MAX_CUTS: usize = 4;

/// A value of the template that is read anew in each event: its place in the template, and
/// the reader `read_recording` used for it there.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Cut {
    start: usize,
    end: usize,
    value: Value,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Value {
    #[default]
    Delta,
    SequenceNumber,
    /// A string asst skips (`obfuscation`, whose padding changes with every event).
    Skipped,
}

impl Record {
    fn cut(&mut self, start: usize, end: usize, value: Value) {
        match self.cuts.get_mut(self.len) {
            Some(c) => {
                *c = Cut { start, end, value };
                self.len += 1;
            }
            None => self.overflow = true,
        }
    }
}

/// The last delta event read in full, kept to read the next ones by comparing bytes
/// instead of parsing them: the deltas of one answer differ only in their text, their
/// sequence number and their padding. Everything between those values must be the same
/// bytes as in the template, so the reader, which reads from left to right and whose
/// state there depends only on the bytes before, would do exactly what it did with the
/// template; the values themselves are read by the very readers `read_recording` used for
/// them. An event that differs anywhere else is read in full and becomes the template.
///
/// Nor is the whole event checked for UTF-8: the stretches compared are the template's
/// (which was), cut where the values start and end (at ASCII characters), and the values
/// are checked as they are read, so an event is read by comparing only if it is UTF-8.
#[derive(Debug, Default)]
pub struct Shape {
    template: String,
    record: Record,
    content_index: Option<u32>,
}

impl Shape {
    /// What `read` would return for `data` if it is UTF-8; `None` if it is not.
    pub fn read<'a>(&'a mut self, data: &'a [u8]) -> Option<Delta<'a>> {
        if self.record.len > 0 {
            if let Some(mut d) = self.compare(data) {
                // The type and the item id are the template's, which were compared.
                let text = |range: Option<(usize, usize)>| {
                    range.and_then(|(start, end)| self.template.get(start..end))
                };
                d.kind = text(self.record.kind).unwrap_or_default();
                d.item_id = text(self.record.item_id);
                return Some(d);
            }
        }
        let data = std::str::from_utf8(data).ok()?;
        let mut record = Record::default();
        let d = read_recording(data, &mut record)?;
        if !record.overflow && record.len > 0 && data.len() <= MAX_TEMPLATE {
            self.template.clear();
            self.template.push_str(data);
            self.record = record;
            self.content_index = d.content_index;
        }
        Some(d)
    }

    /// The values of `data`, if it is the template but for them (the type and the item id
    /// left for `read` to fill in).
    fn compare<'a>(&self, data: &'a [u8]) -> Option<Delta<'a>> {
        let t = self.template.as_bytes();
        let mut r = Reader {
            s: None,
            b: data,
            i: 0,
        };
        let mut d = Delta {
            content_index: self.content_index,
            ..Delta::default()
        };
        let mut from = 0;
        for cut in &self.record.cuts[..self.record.len] {
            let same = t.get(from..cut.start)?;
            if !data.get(r.i..)?.starts_with(same) {
                return None;
            }
            r.i += same.len();
            match cut.value {
                Value::Delta => d.delta = r.optional(Reader::text)?,
                Value::SequenceNumber => d.sequence_number = r.optional(Reader::u64)?,
                // A string in the template: anything else is read in full.
                Value::Skipped => r.skip_string()?,
            }
            from = cut.end;
        }
        (data.get(r.i..)? == t.get(from..)?).then_some(d)
    }
}

/// `read`, noting in `record` where the values lie.
fn read_recording<'a>(data: &'a str, record: &mut Record) -> Option<Delta<'a>> {
    let b = data.as_bytes();
    let mut r = Reader {
        s: Some(data),
        b,
        i: 0,
    };
    let mut d = Delta::default();
    let mut seen = 0u8;
    r.spaces();
    r.expect(b'{')?;
    r.spaces();
    if r.peek() == Some(b'}') {
        r.i += 1;
    } else {
        loop {
            let name = r.name()?;
            r.spaces();
            r.expect(b':')?;
            r.spaces();
            let start = r.i;
            let bit = match name {
                Name::Type => {
                    d.kind = r.plain_string()?;
                    record.kind = Some((start + 1, r.i - 1));
                    1
                }
                Name::ItemId => {
                    d.item_id = r.optional(Reader::plain_string)?;
                    record.item_id = d.item_id.map(|_| (start + 1, r.i - 1));
                    2
                }
                Name::ContentIndex => {
                    d.content_index = r.optional(Reader::u32)?;
                    4
                }
                Name::Delta => {
                    d.delta = r.optional(Reader::text)?;
                    record.cut(start, r.i, Value::Delta);
                    8
                }
                Name::SequenceNumber => {
                    d.sequence_number = r.optional(Reader::u64)?;
                    record.cut(start, r.i, Value::SequenceNumber);
                    16
                }
                Name::ForSerde => return None,
                Name::Other => {
                    let string = r.peek() == Some(b'"');
                    r.skip_value()?;
                    if string {
                        record.cut(start, r.i, Value::Skipped);
                    }
                    0
                }
            };
            if seen & bit != 0 {
                return None; // serde refuses a duplicate field
            }
            seen |= bit;
            r.spaces();
            match r.next()? {
                b',' => r.spaces(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    r.spaces();
    (r.i == b.len()).then_some(d)
}

// The scans below look at eight bytes at a time in a u64 ("SWAR"): per-call set-up of a
// vector search costs more than it saves on strings this short.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` that are less than `n` (at most 128), marked by their high bit. Only
/// the lowest mark is certain to be exact (a borrow can mark a byte above it), which is
/// all that finding the first one, or any, needs.
fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * n as u64) & !w & HIGHS
}

fn word(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.try_into().unwrap_or_default())
}

/// Where a string that starts `b` stops being plain: the first `"`, `\` or control
/// character (which JSON forbids in strings; outside them, only as whitespace, which real
/// streams do not send: serde's business either way).
fn string_stop(b: &[u8]) -> Option<usize> {
    let special = |c: &u8| *c == b'"' || *c == b'\\' || *c < 0x20;
    let mut chunks = b.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let w = word(chunk);
        let marks = below(w ^ (ONES * b'"' as u64), 1)
            | below(w ^ (ONES * b'\\' as u64), 1)
            | below(w, 0x20);
        if marks != 0 {
            return Some(n * 8 + marks.trailing_zeros() as usize / 8);
        }
    }
    let done = b.len() - chunks.remainder().len();
    chunks
        .remainder()
        .iter()
        .position(special)
        .map(|i| done + i)
}

/// What a field's name means to this reader.
enum Name {
    Type,
    ItemId,
    ContentIndex,
    Delta,
    SequenceNumber,
    /// A field the serde type reads for events other than deltas: serde's business.
    ForSerde,
    Other,
}

/// `std::str::from_utf8` for the short strings of a delta, at a fraction of its cost per
/// call (which is made for long ones).
fn utf8(b: &[u8]) -> Option<&str> {
    match b.utf8_chunks().next() {
        None => Some(""),
        Some(c) if c.invalid().is_empty() && c.valid().len() == b.len() => Some(c.valid()),
        Some(_) => None,
    }
}

struct Reader<'a> {
    /// The data as text, when it is known to be UTF-8; else each string is checked as it
    /// is taken from `b`.
    s: Option<&'a str>,
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    /// The text from `start` to `end`, which lie on ASCII characters.
    fn text_at(&self, start: usize, end: usize) -> Option<&'a str> {
        match self.s {
            Some(s) => s.get(start..end),
            None => utf8(self.b.get(start..end)?),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i + word.len();
        (self.b.get(self.i..end)? == word).then(|| self.i = end)
    }

    /// A field's name. The names of a delta event, and those the serde type reads, are
    /// recognised whole, closing quote included, by one comparison instead of a scan. (Each
    /// literal is compared where it is written, so its length is known when this is
    /// compiled: a few word comparisons, not a call to memcmp.)
    fn name(&mut self) -> Option<Name> {
        self.expect(b'"')?;
        let rest = &self.b[self.i..];
        let (name, len) = match rest.first()? {
            b't' if rest.starts_with(b"type\"") => (Name::Type, 5),
            b'i' if rest.starts_with(b"item_id\"") => (Name::ItemId, 8),
            b'c' if rest.starts_with(b"content_index\"") => (Name::ContentIndex, 14),
            b'd' if rest.starts_with(b"delta\"") => (Name::Delta, 6),
            b's' if rest.starts_with(b"sequence_number\"") => (Name::SequenceNumber, 16),
            b'o' if rest.starts_with(b"output_index\"") => (Name::Other, 13),
            b'o' if rest.starts_with(b"obfuscation\"") => (Name::Other, 12),
            b'l' if rest.starts_with(b"logprobs\"") => (Name::Other, 9),
            b'a' if rest.starts_with(b"annotation\"") => (Name::ForSerde, 11),
            b'r' if rest.starts_with(b"response\"") => (Name::ForSerde, 9),
            b'i' if rest.starts_with(b"item\"") => (Name::ForSerde, 5),
            b'e' if rest.starts_with(b"error\"") => (Name::ForSerde, 6),
            b'c' if rest.starts_with(b"code\"") => (Name::ForSerde, 5),
            b'm' if rest.starts_with(b"message\"") => (Name::ForSerde, 8),
            b't' if rest.starts_with(b"text\"") => (Name::ForSerde, 5),
            _ => {
                let end = string_stop(rest)?;
                (rest[end] == b'"').then_some((Name::Other, end + 1))?
            }
        };
        self.i += len;
        Some(name)
    }

    /// A string without escapes, borrowed. Its ends are ASCII quotes, so the data (a
    /// `str`) can be sliced there.
    fn plain_string(&mut self) -> Option<&'a str> {
        let (start, end) = self.plain_bytes()?;
        self.text_at(start, end)
    }

    /// A string without escapes that is not kept: checked for UTF-8 all the same (a
    /// padding string is nearly always ASCII, which is quicker to see).
    fn skip_string(&mut self) -> Option<()> {
        let (start, end) = self.plain_bytes()?;
        let b = self.b.get(start..end)?;
        (self.s.is_some() || b.is_ascii() || utf8(b).is_some()).then_some(())
    }

    /// Where the text of a string without escapes lies, between its quotes.
    fn plain_bytes(&mut self) -> Option<(usize, usize)> {
        self.expect(b'"')?;
        let start = self.i;
        let rest = &self.b[start..];
        // The type of a delta event, recognised whole as names are.
        const DELTA: &[u8] = b"response.output_text.delta\"";
        if rest.starts_with(DELTA) {
            self.i = start + DELTA.len();
            return Some((start, self.i - 1));
        }
        let end = start + string_stop(rest)?;
        if self.b[end] != b'"' {
            return None;
        }
        self.i = end + 1;
        Some((start, end))
    }

    /// A string whose escapes are decoded, except `\u` (serde's business), borrowed
    /// when it has none.
    fn text(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let mut owned: Option<String> = None;
        let mut from = self.i;
        loop {
            let at = self.i + string_stop(&self.b[self.i..])?;
            let piece = self.text_at(from, at)?;
            if self.b[at] < 0x20 {
                return None;
            }
            if self.b[at] == b'"' {
                self.i = at + 1;
                return Some(match owned {
                    None => Cow::Borrowed(piece),
                    Some(mut text) => {
                        text.push_str(piece);
                        Cow::Owned(text)
                    }
                });
            }
            let text = owned.get_or_insert_with(String::new);
            text.push_str(piece);
            text.push(match *self.b.get(at + 1)? {
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                _ => return None,
            });
            self.i = at + 2;
            from = self.i;
        }
    }

    /// `null` or what `read` reads.
    fn optional<T>(&mut self, read: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            return Some(None);
        }
        read(self).map(Some)
    }

    /// A JSON integer that fits a `u32`, as serde reads it.
    fn u32(&mut self) -> Option<u32> {
        let start = self.i;
        self.number()?;
        self.text_at(start, self.i)?.parse().ok()
    }

    /// A JSON integer that fits a `u64`, as serde reads it. (A sequence number on every
    /// delta: plain digits are summed as they are read; anything else goes through the
    /// grammar and `parse`.)
    fn u64(&mut self) -> Option<u64> {
        let start = self.i;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.i += 1;
        }
        let plain = self.i > start
            && (self.i - start == 1 || self.b[start] != b'0')
            && !matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        if plain {
            return Some(n);
        }
        self.i = start;
        self.number()?;
        self.text_at(start, self.i)?.parse().ok()
    }

    /// A number by the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.some_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            self.some_digits()?;
        }
        Some(())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }

    fn some_digits(&mut self) -> Option<()> {
        let start = self.i;
        self.digits();
        (self.i > start).then_some(())
    }

    /// Skips a value asst does not read: a plain string, number, literal, `[]` or `{}`.
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.plain_string().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'[' | b'{' => {
                let close = if self.next()? == b'[' { b']' } else { b'}' };
                self.spaces();
                self.expect(close)
            }
            _ => self.number(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whenever the reader answers, serde (with the type the stream is read with) agrees.
    /// Every field the serde type reads is one the fast reader knows by name: either it
    /// reads it, or it leaves the event to serde. A field added to `StreamEvent` fails here
    /// until `Reader::name` learns it.
    #[test]
    fn the_fast_reader_knows_every_field_of_the_serde_type() {
        let fields = super::super::responses::stream_event_fields();
        assert!(
            fields.contains(&"delta") && fields.contains(&"annotation"),
            "{fields:?}"
        );
        for field in fields {
            let quoted = format!("\"{field}\"");
            let mut r = Reader {
                s: Some(&quoted),
                b: quoted.as_bytes(),
                i: 0,
            };
            let known = !matches!(r.name(), Some(Name::Other) | None);
            assert!(
                known,
                "delta.rs does not know StreamEvent's field '{field}'"
            );
        }
        // and a name it does not know is Other, so the test above can fail
        let mut r = Reader {
            s: Some("\"new_field\""),
            b: b"\"new_field\"",
            i: 0,
        };
        assert!(matches!(r.name(), Some(Name::Other)));
    }

    fn agrees(data: &str) -> bool {
        let Some(d) = read(data) else { return false };
        let (kind, item_id, content_index, delta, sequence_number) =
            super::super::responses::serde_delta(data)
                .unwrap_or_else(|e| panic!("the reader accepted what serde refuses ({e}): {data}"));
        assert_eq!(d.sequence_number, sequence_number, "{data}");
        assert_eq!(d.kind, kind, "{data}");
        assert_eq!(d.item_id, item_id.as_deref(), "{data}");
        assert_eq!(d.content_index, content_index, "{data}");
        assert_eq!(d.delta.as_deref(), delta.as_deref(), "{data}");
        true
    }

    #[test]
    fn word_scans_agree_with_byte_scans() {
        let mut rng = crate::testing::Rng::new(0x2545_F491_4F6C_DD1D);
        // Bytes near the borders that matter: controls, space, quote, backslash, high.
        let alphabet = b"\x00\x1f\x20\x21\x22\x5c\x5d\x7f\x80\xff ab";
        for _ in 0..20_000 {
            let len = rng.below(40);
            let b: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            assert_eq!(
                string_stop(&b),
                b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20),
                "{b:?}"
            );
        }
    }

    #[test]
    fn every_recorded_delta_takes_the_fast_path() {
        let sse =
            include_str!("../../tests/fixtures/openai-dotnet_ResponsesFileSearchCallStreaming.sse");
        let deltas: Vec<&str> = sse
            .lines()
            .filter_map(|l| l.strip_prefix("data: "))
            .filter(|d| d.contains(r#""type":"response.output_text.delta""#))
            .collect();
        assert!(deltas.len() >= 8, "{} deltas", deltas.len());
        for d in deltas {
            assert!(agrees(d), "not read: {d}");
        }
    }

    #[test]
    fn the_uncommon_goes_to_serde() {
        for data in [
            r#"{"delta":"\u00e9"}"#,             // a \u escape
            r#"{"item_id":"a\nb"}"#,             // an escape in an id
            r#"{"delta":"a","delta":"b"}"#,      // a duplicate field
            r#"{"delta":"a","logprobs":[{}]}"#,  // a nested value
            r#"{"delta":"a","message":"x"}"#,    // a field of another event
            "{\"delta\":\"a\tb\"}",              // a control character
            "{\"x\":\"\u{1}\",\"delta\":\"a\"}", // one in a string asst skips
            r#"{"content_index":-1}"#,           // not a u32
            r#"{"content_index":4294967296}"#,   // not a u32
            r#"{"content_index":1.0}"#,          // not an integer
            r#"{"sequence_number":01}"#,         // not a JSON number
            r#"{"delta":"a"} x"#,                // trailing data
            r#"{"type":null}"#,                  // serde refuses it
            r#"{"delta":"a",}"#,                 // a trailing comma
        ] {
            assert_eq!(read(data), None, "{data}");
        }
        assert!(agrees(
            r#" { "type" : "t" , "delta" : null , "x" : [ ] , "y" : -0.5e+3 } "#
        ));
        assert!(agrees(r#"{}"#));
        assert!(agrees(
            r#"{"delta":"two\nlines, a \"quote\", \\ \/ \t\r\b\f"}"#
        ));
    }

    #[test]
    fn deltas_of_one_answer_are_read_against_the_first() {
        let sse =
            include_str!("../../tests/fixtures/openai-dotnet_ResponsesFileSearchCallStreaming.sse");
        let mut shape = Shape::default();
        let mut compared = 0;
        for d in sse.lines().filter_map(|l| l.strip_prefix("data: ")) {
            let by_comparing = shape.record.len > 0 && shape.compare(d.as_bytes()).is_some();
            compared += by_comparing as usize;
            assert_eq!(shape.read(d.as_bytes()), read(d), "{d}");
        }
        // Every text delta but the first of its item (the fixture has one item of text).
        let deltas = sse
            .matches("data: {\"type\":\"response.output_text.delta\"")
            .count();
        assert!(deltas >= 8, "{deltas}");
        assert_eq!(compared, deltas - 1);
    }

    #[test]
    fn a_large_delta_is_not_kept() {
        let mut shape = Shape::default();
        let small = r#"{"type":"response.output_text.delta","delta":"a","sequence_number":1}"#;
        let large = small.replace(r#""a""#, &format!("\"{}\"", "a".repeat(MAX_TEMPLATE)));
        assert!(shape.read(large.as_bytes()).is_some());
        assert_eq!((shape.record.len, shape.template.capacity()), (0, 0));
        assert!(shape.read(small.as_bytes()).is_some());
        assert_eq!(shape.template, small);
        // and a large one of the same shape is still read by comparing, with no copy
        assert!(shape.compare(large.as_bytes()).is_some());
    }

    /// Events made from a few templates, their values and any byte changed at random: read
    /// one after another against the shape of the last, each is read as `read` reads it
    /// alone (which the test below holds to serde).
    #[test]
    fn reading_against_a_shape_is_reading_in_full() {
        const TEMPLATES: &[&str] = &[
            r#"{"type":"response.output_text.delta","content_index":0,"delta":"Tr","item_id":"msg_0838","logprobs":[],"obfuscation":"838XF07I","output_index":1,"sequence_number":9}"#,
            r#"{"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_68f0","output_index":0,"content_index":0,"delta":"Bench","logprobs":[],"obfuscation":"q8XkLm2"}"#,
            r#" { "delta" : "a" , "sequence_number" : 3 , "x" : "y" , "z" : "w" , "item_id" : null } "#,
            r#"{"type":"response.refusal.delta","delta":"no","a":"1","b":"2","c":"3","d":"4"}"#,
            r#"{"delta":null,"type":"response.output_text.delta"}"#,
            r#"{"type":"response.output_text.delta","item_id":"msg_é☕","delta":"délta ☕","obfuscation":"ü"}"#,
        ];
        const VALUES: &[&str] = &[
            r#""""#,
            r#"" wörd ☕""#,
            r#""a\"b""#,
            r#""line\n\ttab \\ \/ \r\b\f end""#,
            r#""bad \x""#,
            r#""\u00e9""#,
            "\"a\tb\"",
            "0",
            "17",
            "-3",
            "1e5",
            "01",
            "18446744073709551616",
            "null",
            "true",
            "[]",
            "{}",
            r#"{"a":1}"#,
            r#""response.output_text.delta""#,
            r#""msg_0838""#,
        ];
        let mut rng = crate::testing::Rng::new(0x51_7CC1_B727_220A);
        let mut shape = Shape::default();
        let (mut compared, mut fast) = (0, 0);
        let mut template = TEMPLATES[0];
        for _ in 0..50_000 {
            // An answer's deltas come in runs of one shape.
            if rng.below(20) == 0 {
                template = TEMPLATES[rng.below(TEMPLATES.len())];
            }
            // A value replaced: the n-th quoted string or number after a colon.
            let mut s = template.to_string();
            for _ in 0..rng.below(3) {
                let colons: Vec<usize> = s.match_indices(':').map(|(i, _)| i).collect();
                let at = colons[rng.below(colons.len())] + 1;
                let rest = &s[at..];
                let skip = rest.len() - rest.trim_start().len();
                let mut r = Reader {
                    s: Some(&rest[skip..]),
                    b: &rest.as_bytes()[skip..],
                    i: 0,
                };
                if r.skip_value().is_none() {
                    continue;
                }
                let end = at + skip + r.i;
                s.replace_range(at + skip..end, VALUES[rng.below(VALUES.len())]);
            }
            // And now and then a byte changed, which may leave it not UTF-8.
            let mut bytes = s.into_bytes();
            if rng.below(5) == 0 {
                let at = rng.below(bytes.len());
                const NOISE: &[u8] = b"{}[]\":,\\ 0en-x\xff\xc3\x80";
                bytes[at] = NOISE[rng.below(NOISE.len())];
            }
            let text = std::str::from_utf8(&bytes).ok();
            let alone = text.and_then(read);
            if alone.is_some() {
                assert!(text.is_some_and(agrees));
            }
            compared += (shape.record.len > 0 && shape.compare(&bytes).is_some()) as usize;
            let against_shape = shape.read(&bytes);
            fast += against_shape.is_some() as usize;
            assert_eq!(against_shape, alone, "{}", String::from_utf8_lossy(&bytes));
        }
        // A third of what is read is read by comparing: the test reaches that path.
        assert!(compared > 5_000 && fast > compared, "{compared} of {fast}");
    }

    #[test]
    fn never_disagrees_with_serde() {
        const KEYS: &[&str] = &[
            r#""type""#,
            r#""item_id""#,
            r#""content_index""#,
            r#""delta""#,
            r#""sequence_number""#,
            r#""logprobs""#,
            r#""obfuscation""#,
            r#""message""#,
            r#""response""#,
            r#""annotation""#,
            r#""item""#,
            r#""code""#,
            r#""error""#,
            r#""types""#,
            r#""item_""#,
            r#""del\u0074a""#,
            r#""dé""#,
        ];
        const VALUES: &[&str] = &[
            r#""response.output_text.delta""#,
            r#""msg_1""#,
            r#"" wörd ☕""#,
            r#""a\"b""#,
            r#""line\n\ttab \\ \/ \r\b\f end""#,
            r#""bad \x""#,
            r#""\ud83d\ude00""#,
            r#""""#,
            "0",
            "7",
            "-3",
            "12.5e-3",
            "4294967295",
            "99999999999",
            "01",
            "1.",
            "null",
            "true",
            "false",
            "nul",
            "[]",
            "[ ]",
            "{}",
            "[1]",
            r#"{"a":1}"#,
        ];
        let mut rng = crate::testing::Rng::new(0x9E37_79B9_7F4A_7C15);
        let mut rand = |n: usize| rng.below(n);
        let mut read_fast = 0;
        for _ in 0..50_000 {
            let mut s = String::from("{");
            for f in 0..rand(6) {
                if f > 0 {
                    s.push_str([",", " , ", ",,"][rand(3) * rand(2) * rand(2)]);
                }
                s.push_str(KEYS[rand(KEYS.len())]);
                s.push_str([":", " : ", ""][rand(3) * rand(2) * rand(2)]);
                s.push_str(VALUES[rand(VALUES.len())]);
            }
            s.push_str(["}", " } ", "", "}}"][rand(4) * rand(2) * rand(2)]);
            // And now and then a byte changed at random.
            if rand(4) == 0 {
                let mut bytes = s.into_bytes();
                let at = rand(bytes.len());
                const NOISE: &[u8] = b"{}[]\":,\\ \t0en-";
                bytes[at] = NOISE[rand(NOISE.len())];
                s = String::from_utf8_lossy(&bytes).into_owned();
            }
            read_fast += agrees(&s) as usize;
        }
        // The generator makes plenty of the common shape: the fast path must take it.
        assert!(read_fast > 5_000, "only {read_fast} read without serde");
    }
}
