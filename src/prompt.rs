//! The prompt of `ask`: its arguments, standard input, or both.

use crate::error::{Error, Result};
use std::io::{IsTerminal, Read};

/// Builds the prompt from the arguments and, unless it is a terminal or `no_stdin` is set,
/// standard input: arguments first, then a blank line, then stdin. Empty is a usage error.
pub fn read(args: &[String], no_stdin: bool) -> Result<String> {
    let from_args = args.join(" ");
    let stdin = std::io::stdin();
    let from_stdin = if no_stdin || stdin.is_terminal() {
        String::new()
    } else {
        let mut bytes = Vec::new();
        stdin
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::usage(format!("cannot read standard input: {e}")))?;
        String::from_utf8(bytes).map_err(|e| {
            Error::usage(format!(
                "standard input is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
        })?
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
