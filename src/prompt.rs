//! The prompt of `ask`: its arguments, standard input, or both.

use crate::error::{Error, Result};
use std::io::{IsTerminal, Read};

/// The longest prompt any API family accepts (Responses), in characters: standard input is
/// read no further than one character past it, so `yes | asst ask` cannot fill memory.
pub const MAX_CHARS: usize = 10_485_760;

/// Builds the prompt from the arguments and, unless it is a terminal or `no_stdin` is set,
/// standard input: arguments first, then a blank line, then stdin. Empty is a usage error.
pub fn read(args: &[String], no_stdin: bool) -> Result<String> {
    let from_args = args.join(" ");
    let from_stdin = if no_stdin {
        String::new()
    } else {
        stdin_text()?
    };
    let prompt = match (from_args.trim().is_empty(), from_stdin.trim().is_empty()) {
        (false, false) => format!("{from_args}\n\n{from_stdin}"),
        (false, true) => from_args,
        (true, false) => from_stdin,
        (true, true) => {
            return Err(Error::usage("the prompt is empty")
                .with_hint("give it as arguments or on standard input: asst ask \"question\""))
        }
    };
    Ok(prompt)
}

/// Standard input as text (at most [`MAX_CHARS`] and a character), unless it is a
/// terminal: then nothing.
pub fn stdin_text() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(String::new());
    }
    let bytes = read_bounded(&mut stdin.lock(), MAX_CHARS)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::usage(format!(
            "standard input is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(without_bom(text))
}

/// Text without the U+FEFF that a file saved as "UTF-8 with BOM" (Notepad, PowerShell 5)
/// starts with: it is no part of what the file says.
pub fn without_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// Reads until the end, or until more than `max` characters (UTF-8 lead bytes) were read,
/// which is a usage error.
fn read_bounded(input: &mut dyn Read, max: usize) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut chars = 0;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::usage(format!("cannot read standard input: {e}"))),
        };
        chars += buf[..n].iter().filter(|&&b| (b as i8) >= -0x40).count();
        if chars > max {
            return Err(Error::usage(format!(
                "standard input has more than {max} characters, the most a prompt may have"
            )));
        }
        bytes.extend_from_slice(&buf[..n]);
    }
}

/// Rejects a prompt longer than the API accepts, instead of letting it be cut or refused later.
pub fn check_length(prompt: &str, max_chars: usize, api: &str) -> Result<()> {
    let chars = prompt.chars().count();
    if chars > max_chars {
        return Err(Error::usage(format!(
            "the prompt has {chars} characters; the {api} API accepts at most {max_chars}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_read_to_one_character_past_the_limit() {
        let text = "é😀a".repeat(10);
        assert_eq!(
            read_bounded(&mut text.as_bytes(), 30).unwrap(),
            text.as_bytes()
        );
        let err = read_bounded(&mut text.as_bytes(), 29).unwrap_err();
        assert!(
            err.message.contains("more than 29 characters"),
            "{}",
            err.message
        );
        // an endless input stops
        let mut zeros = std::io::repeat(0);
        assert!(read_bounded(&mut zeros, 1_000_000).is_err());
    }
}
