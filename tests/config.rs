//! Configuration: profiles, precedence (flag > env > profile > default), bad config, secrets.

use crate::responses::{answer_stream, Piece};
use crate::server::{Reply, Server};
use crate::{asst, openai, run, KEY};
use std::path::PathBuf;

/// A folder of the test's own, removed when it ends (`tmp` lives as long as the test).
fn temp_dir(tmp: &tempfile::TempDir, name: &str) -> PathBuf {
    let dir = tmp.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_config(tmp: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = temp_dir(tmp, name).join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

const CONFIG: &str = r#"
default_profile = "work"

[profiles.work]
model = "profile-model"
instructions = "From the profile."
vector_stores = ["vs_profile"]

[profiles.other]
model = "other-model"
api_key_cmd = "printf 'sk-from-command\n'"
"#;

#[test]
fn profile_values_with_flag_over_env_over_profile() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let config = write_config(&tmp, "precedence", CONFIG);
    let body = |i: usize| server.requests()[i].json();

    run(openai(&server)
        .env("ASST_CONFIG", &config)
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(body(0)["model"], "profile-model");
    assert_eq!(body(0)["instructions"], "From the profile.");
    assert_eq!(
        body(0)["tools"][0]["vector_store_ids"],
        serde_json::json!(["vs_profile"])
    );

    run(openai(&server)
        .env("ASST_CONFIG", &config)
        .env("ASST_MODEL", "env-model")
        .env("ASST_VECTOR_STORES", "vs_a,vs_b")
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(body(1)["model"], "env-model");
    assert_eq!(
        body(1)["tools"][0]["vector_store_ids"],
        serde_json::json!(["vs_a", "vs_b"])
    );

    run(openai(&server)
        .env("ASST_CONFIG", &config)
        .env("ASST_MODEL", "env-model")
        .args(["ask", "--model", "flag-model", "-t", "conv_1", "q"]));
    assert_eq!(body(2)["model"], "flag-model");

    // another profile, chosen by flag; its key command supplies the key
    let out = run(asst()
        .env("OPENAI_BASE_URL", format!("{}/v1", server.url()))
        .env("ASST_CONFIG", &config)
        .args(["--profile", "other", "ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(body(3)["model"], "other-model");
    assert_eq!(
        server.requests()[3].header("authorization"),
        Some("Bearer sk-from-command")
    );
}

#[test]
fn config_file_is_found_under_xdg_config_home() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let dir = temp_dir(&tmp, "xdg");
    std::fs::create_dir_all(dir.join("asst")).unwrap();
    std::fs::write(
        dir.join("asst/config.toml"),
        "[profiles.default]\nmodel = \"xdg-model\"\n",
    )
    .unwrap();
    let out = run(openai(&server)
        .env("XDG_CONFIG_HOME", &dir)
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(server.requests()[0].json()["model"], "xdg-model");
}

#[test]
fn bad_configuration_is_a_clear_error_before_any_request() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let bad_toml = write_config(
        &tmp,
        "bad-toml",
        "[profiles.work]\nmodel = \"x\"\nvector_stores = [unquoted]\n",
    );
    let unknown_key = write_config(&tmp, "unknown-key", "[profiles.work]\nmodle = \"x\"\n");
    // (environment, flags, exit code, text expected on stderr)
    type Case<'a> = (Vec<(&'a str, String)>, Vec<&'a str>, i32, String);
    let cases: Vec<Case> = vec![
        (
            vec![("ASST_CONFIG", bad_toml.display().to_string())],
            vec!["-p", "work"],
            3,
            format!("{}, line 3", bad_toml.display()),
        ),
        (
            vec![("ASST_CONFIG", unknown_key.display().to_string())],
            vec!["-p", "work"],
            3,
            "unknown field `modle`".into(),
        ),
        (
            vec![(
                "ASST_CONFIG",
                write_config(&tmp, "known", CONFIG).display().to_string(),
            )],
            vec!["-p", "nope"],
            3,
            "no profile 'nope'".into(),
        ),
        (
            vec![("ASST_CONFIG", "/nonexistent/asst.toml".into())],
            vec![],
            3,
            "cannot read config file /nonexistent/asst.toml".into(),
        ),
        (
            vec![("OPENAI_BASE_URL", "not a url".into())],
            vec![],
            3,
            "the base URL 'not a url' is not a URL".into(),
        ),
        // Without its scheme, as a resource's host name is often copied: the hint writes it.
        (
            vec![
                (
                    "AZURE_OPENAI_ENDPOINT",
                    "my-resource.openai.azure.com".into(),
                ),
                ("AZURE_OPENAI_API_KEY", KEY.into()),
            ],
            vec![],
            3,
            "asst: hint: write it with its scheme: https://my-resource.openai.azure.com\n".into(),
        ),
        (
            vec![("OPENAI_BASE_URL", "localhost:8080/v1".into())],
            vec![],
            3,
            "asst: hint: write it with its scheme: http://localhost:8080/v1\n".into(),
        ),
        (
            vec![("OPENAI_BASE_URL", "http://asst-test.invalid/v1".into())],
            vec![],
            3,
            "refusing to send credentials in clear text".into(),
        ),
        (
            vec![],
            vec!["--idle-timeout", "0"],
            2,
            "--idle-timeout must be a number of seconds above 0".into(),
        ),
        // out of range: a usage error, never a panic
        (
            vec![],
            vec!["--idle-timeout", "1e30"],
            2,
            "--idle-timeout must be a number of seconds above 0, at most 1000000".into(),
        ),
        (
            vec![],
            vec!["--busy-wait", "1e20"],
            2,
            "--busy-wait must be a number of seconds from 0 to 1000000".into(),
        ),
        (
            vec![],
            vec!["--connect-timeout", "NaN"],
            2,
            "--connect-timeout must be".into(),
        ),
        (
            vec![],
            vec!["--max-retries", "5000"],
            2,
            "'5000' for '--max-retries <N>': 5000 is not in 0..=100".into(),
        ),
        (
            vec![("ASST_MAX_RETRIES", "-1".into())],
            vec![],
            2,
            "ASST_MAX_RETRIES=\"-1\" is not a valid value for --max-retries: -1 is not in 0..=100"
                .into(),
        ),
        (
            vec![("ASST_KEY_CMD_TIMEOUT", "forever".into())],
            vec![],
            3,
            "ASST_KEY_CMD_TIMEOUT must be a number of seconds".into(),
        ),
        // from a profile: a config error that names the key
        (
            vec![(
                "ASST_CONFIG",
                write_config(&tmp, "zero-idle", "[profiles.default]\nidle_timeout = 0\n")
                    .display()
                    .to_string(),
            )],
            vec![],
            3,
            "idle_timeout in the profile must be a number of seconds above 0".into(),
        ),
        (
            vec![],
            vec!["--provider", "gcp"],
            2,
            "invalid value 'gcp'".into(),
        ),
    ];
    for (env, flags, code, text) in cases {
        let mut cmd = openai(&server);
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let out = run(cmd.args(&flags).args(["ask", "-t", "conv_1", "q"]));
        assert_eq!(out.code, code, "{env:?} {flags:?}: {}", out.stderr);
        assert!(
            out.stderr.contains(&text),
            "{env:?} {flags:?}: expected {text:?} in {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
    assert!(server.requests().is_empty());
}

#[test]
fn help_never_shows_secret_values() {
    for args in [
        vec!["--help"],
        vec!["ask", "--help"],
        vec!["thread", "new", "--help"],
    ] {
        let out = run(asst()
            .env("OPENAI_API_KEY", KEY)
            .env("AZURE_OPENAI_API_KEY", KEY)
            .env("ASST_INSTRUCTIONS", KEY)
            .env("OPENAI_BASE_URL", format!("https://user:{KEY}@example.com"))
            .env("ASSISTANT_ID", KEY)
            .args(&args));
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("Usage: asst"), "{}", out.stdout);
    }
}

#[test]
fn version_prints_the_package_version() {
    let out = run(asst().arg("--version"));
    assert_eq!(out.stdout, format!("asst {}\n", env!("CARGO_PKG_VERSION")));
}

/// A key read from a file written on Windows ends in `\r`; one pasted from a web page may
/// carry a character that only looks like a hyphen. White space around a key is no part
/// of it; a character no key has is named by its variable and place, never shown.
#[test]
fn keys_are_trimmed_and_a_character_no_key_has_is_named() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    for (var, value) in [
        ("OPENAI_API_KEY", format!("{KEY}\r")),
        ("OPENAI_API_KEY", format!(" {KEY}\n")),
        ("AZURE_OPENAI_API_KEY", format!("{KEY}\r\n")),
    ] {
        let mut cmd = asst();
        if var.starts_with("AZURE") {
            cmd.env("AZURE_OPENAI_ENDPOINT", server.url())
                .env("ASST_MODEL", "dep");
        } else {
            cmd.env("OPENAI_BASE_URL", format!("{}/v1", server.url()));
        }
        let out = run(cmd.env(var, &value).args(["ask", "-t", "conv_1", "q"]));
        assert_eq!(out.code, 0, "{var}={value:?}: {}", out.stderr);
    }
    let sent: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| {
            r.header("authorization")
                .or(r.header("api-key"))
                .map(str::to_string)
        })
        .collect();
    let bearer = format!("Bearer {KEY}");
    assert_eq!(
        sent,
        [Some(bearer.clone()), Some(bearer), Some(KEY.to_string())]
    );

    for (value, said) in [
        (format!("{KEY}\u{1}"), "a control character"),
        (format!("sk\u{2011}{KEY}"), "a character that is not ASCII"),
    ] {
        let out = run(openai(&server)
            .env("OPENAI_API_KEY", &value)
            .args(["ask", "-t", "conv_1", "q"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        let line = out.stderr.lines().next().unwrap();
        assert!(
            line.contains("OPENAI_API_KEY has") && line.contains(said),
            "{line}"
        );
        assert!(!out.stderr.contains(&value), "the key is never shown");
    }
    assert_eq!(server.requests().len(), 3);
}

/// Values the parser reads itself (numbers, choices, paths) are forgiven the same white
/// space as the rest, and an empty one counts as unset, as the README says of every setting.
#[test]
fn parsed_settings_from_the_environment_are_trimmed_and_empty_means_unset() {
    let server = Server::start(|_| {
        Reply::Json(
            503,
            r#"{"error":{"message":"overloaded","type":"server_error"}}"#.into(),
        )
    });
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", " 0\r")
        .env("ASST_PROVIDER", "openai\r")
        .env("ASST_API", "responses ")
        .env("ASST_CONNECT_TIMEOUT", "")
        .env("ASST_IDLE_TIMEOUT", " ")
        .env("ASST_BUSY_WAIT", "\r\n")
        .env("ASST_PROFILE", "")
        .env("ASST_CONFIG", " ")
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert_eq!(server.requests().len(), 1, "no retry: {}", out.stderr);
    // Help still names the variable.
    let out = run(asst().env("ASST_MAX_RETRIES", " 0").args(["ask", "--help"]));
    assert!(
        out.stdout.contains("[env: ASST_MAX_RETRIES]"),
        "{}",
        out.stdout
    );

    // Still checked, and the variable named, with the value as it was given.
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "two\r")
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("asst: error: ASST_MAX_RETRIES=\"two\\r\" is not a valid value"),
        "{}",
        out.stderr
    );
    // A flag typed is never trimmed for it.
    let out = run(openai(&server).args(["--max-retries", " 1", "ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(server.requests().len(), 1);
}

/// An Entra ID token lasts about an hour, and a batch, a sync or a long wait can outlast it.
/// A token (or key) from a command is renewed by running the command again when the server
/// refuses it (401), once for all the requests that were refused with it, and each of those
/// is sent again with the new one: the server did nothing with them.
#[test]
fn a_refused_token_from_a_command_is_renewed_once_and_the_request_sent_again() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let tmp = tempfile::tempdir().unwrap();
    let counter = tmp.path().join("runs");
    let cmd = format!(
        "n=$(cat '{c}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{c}'; echo tok-$n",
        c = counter.display()
    );
    // tok-1 is good for the first answer only, as if it expired then.
    let answered = Arc::new(AtomicUsize::new(0));
    let seen = answered.clone();
    let server = Server::start(move |r| {
        let token = r.header("authorization").unwrap_or("").to_string();
        if token == "Bearer tok-1" && seen.load(Ordering::SeqCst) >= 1 {
            return Reply::Json(
                401,
                r#"{"error":{"code":"401","message":"Access token has expired or is not yet valid."}}"#.into(),
            );
        }
        if token == "Bearer tok-never" {
            return Reply::Json(401, r#"{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}"#.into());
        }
        seen.fetch_add(1, Ordering::SeqCst);
        Reply::sse(answer_stream(&[Piece::Text("ok")]))
    });
    // asst on the server above, as an Azure deployment, with `var` (a token or its command)
    let on_azure = |value: &str, var: &str| {
        let mut cmd = asst();
        cmd.env("AZURE_OPENAI_ENDPOINT", server.url())
            .env(var, value)
            .env("ASST_MODEL", "dep");
        cmd
    };
    let input = tmp.path().join("q.txt");
    std::fs::write(&input, "one\ntwo\nthree\n").unwrap();
    let out = run(on_azure(&cmd, "ASST_AZURE_TOKEN_CMD")
        .args(["batch", "-j", "1"])
        .arg(&input));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 3);
    assert_eq!(
        std::fs::read_to_string(&counter).unwrap().trim(),
        "2",
        "run once more"
    );
    let tokens: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or("").to_string())
        .collect();
    assert_eq!(
        tokens,
        [
            "Bearer tok-1",
            "Bearer tok-1",
            "Bearer tok-2",
            "Bearer tok-2"
        ]
    );
    assert!(
        out.stderr.contains("ASST_AZURE_TOKEN_CMD gave a new one"),
        "{}",
        out.stderr
    );

    // Four refused at once: one renewal serves them all.
    std::fs::remove_file(&counter).unwrap();
    answered.store(0, Ordering::SeqCst);
    std::fs::write(&input, "1\n2\n3\n4\n5\n6\n7\n8\n9\n").unwrap();
    let out = run(on_azure(&cmd, "ASST_AZURE_TOKEN_CMD")
        .args(["batch", "-j", "4"])
        .arg(&input));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 9);
    assert_eq!(std::fs::read_to_string(&counter).unwrap().trim(), "2");

    // A command that fails to renew is not run again for each question refused with the
    // same token: once, and they all fail with its error.
    std::fs::remove_file(&counter).unwrap();
    answered.store(0, Ordering::SeqCst);
    let failing = format!(
        "n=$(cat '{c}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{c}'; [ $n = 1 ] && echo tok-1 || exit 1",
        c = counter.display()
    );
    let out = run(on_azure(&failing, "ASST_AZURE_TOKEN_CMD")
        .args(["batch", "-j", "2"])
        .arg(&input));
    // (and as every question would fail the same way, the batch asks no more)
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&counter).unwrap().trim(), "2");
    let failed = out
        .stdout
        .lines()
        .filter(|l| l.contains("ASST_AZURE_TOKEN_CMD failed"))
        .count();
    assert!((1..=2).contains(&failed), "{}", out.stdout);
    assert!(
        out.stderr.contains("questions were not asked"),
        "{}",
        out.stderr
    );

    // A new token that is refused as well: the request is not sent a third time.
    let before = server.requests().len();
    let out =
        run(on_azure("echo tok-never", "ASST_AZURE_TOKEN_CMD").args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("rejected the credentials"),
        "{}",
        out.stderr
    );
    assert_eq!(server.requests().len() - before, 2);

    // A token given as it is cannot be renewed: the hint says what can.
    let out =
        run(on_azure("tok-never", "AZURE_OPENAI_AD_TOKEN").args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("asst: hint: an Entra ID token lasts about an hour: ASST_AZURE_TOKEN_CMD"),
        "{}",
        out.stderr
    );
    assert_eq!(server.requests().len() - before, 3);
}

/// A request refused for what it asks (a usage error, a thread name nobody gave) runs no
/// key command: a password manager's prompt, or a token fetched from a cloud, for a
/// command that cannot go ahead is a cost, and at a terminal a question for nothing.
#[test]
fn a_request_refused_for_its_input_runs_no_key_command() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let marker = tmp.path().join("key-command-ran");
    let key_cmd = format!("touch '{}' && printf %s {KEY}", marker.display());
    let state = temp_dir(&tmp, "state");
    let questions = tmp.path().join("questions.txt");
    std::fs::write(&questions, "q\n").unwrap();
    let mut attach: Vec<String> = Vec::new();
    for i in 0..501 {
        let p = tmp.path().join(format!("f{i}.md"));
        std::fs::write(&p, "x").unwrap();
        attach.extend(["--attach".into(), p.display().to_string()]);
    }
    let many: Vec<&str> = attach.iter().map(String::as_str).collect();
    // Each one usage error (exit 2), found after the configuration is read.
    let history = ("ASST_HISTORY", "1");
    let cases: Vec<(Vec<&str>, (&str, &str))> = vec![
        (
            [&["ask", "-t", "conv_1"][..], &many, &["q"]].concat(),
            history,
        ),
        (
            vec!["ask", "--api", "assistants", "--background", "q"],
            ("ASSISTANT_ID", "asst_1"),
        ),
        (vec!["ask", "-t", "handbook", "q"], history),
        (vec!["ask", "-c", "q"], history),
        (vec!["thread", "show", "handbook"], history),
        (vec!["ask", "-t", "conv_1", "q"], ("ASST_TEMPERATURE", "9")),
        (
            vec!["batch", questions.to_str().unwrap()],
            ("ASST_TEMPERATURE", "9"),
        ),
    ];
    for (args, (var, value)) in cases {
        let out = run(openai(&server)
            .env("OPENAI_API_KEY", "")
            .env("ASST_API_KEY_CMD", &key_cmd)
            .env("ASST_STATE_DIR", &state)
            .env(var, value)
            .args(&args));
        let shown = &args[..args.len().min(4)];
        assert_eq!(out.code, 2, "{shown:?}: {}", out.stderr);
        assert!(!marker.exists(), "{shown:?}: the key command ran");
    }
    assert!(server.requests().is_empty());
    // The same command with nothing wrong runs it, once.
    let out = run(openai(&server)
        .env("OPENAI_API_KEY", "")
        .env("ASST_API_KEY_CMD", &key_cmd)
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(marker.exists());
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
}

/// `asst config` says what the next command would use and where each value comes from
/// (flag, variable, profile, default), as `aws configure list` does: for a cron job that
/// reaches the wrong endpoint. It never shows a key and runs no key command.
#[test]
fn config_shows_each_setting_and_where_it_comes_from() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = tmp.path().join("key-command-ran");
    let file = write_config(
        &tmp,
        "shown",
        &format!(
            "default_profile = \"work\"\n[profiles.work]\nmodel = \"profile-model\"\nvector_stores = [\"vs_p\"]\napi_key_cmd = \"touch '{}'; echo {KEY}\"\n",
            marker.display()
        ),
    );
    let rows = |cmd: &mut assert_cmd::Command| -> Vec<(String, String, String)> {
        let out = run(cmd.arg("config"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
            .lines()
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                assert_eq!(f.len(), 3, "{l}");
                (f[0].into(), f[1].into(), f[2].into())
            })
            .collect()
    };
    let row = |rows: &[(String, String, String)], name: &str| {
        let r = rows
            .iter()
            .find(|r| r.0 == name)
            .unwrap_or_else(|| panic!("no {name}: {rows:?}"));
        (r.1.clone(), r.2.clone())
    };
    let shown = rows(
        asst()
            .env("ASST_CONFIG", &file)
            .env(
                "OPENAI_BASE_URL",
                "https://user:pw@gw.example/v1?key=secret",
            )
            .env("ASST_MODEL", "env-model"),
    );
    let path = file.display().to_string();
    assert_eq!(
        row(&shown, "config_file"),
        (path.clone(), "ASST_CONFIG".into())
    );
    assert_eq!(
        row(&shown, "profile"),
        ("work".into(), format!("default_profile in {path}"))
    );
    assert_eq!(row(&shown, "provider"), ("openai".into(), "default".into()));
    assert_eq!(
        row(&shown, "base_url"),
        (
            "https://gw.example/v1".into(),
            "OPENAI_BASE_URL; refused: its USER:PASSWORD@ would be a second Authorization header beside the bearer credential".into()
        )
    );
    assert_eq!(
        row(&shown, "model"),
        ("env-model".into(), "ASST_MODEL".into())
    );
    assert_eq!(
        row(&shown, "vector_stores"),
        ("vs_p".into(), "profile work".into())
    );
    assert_eq!(row(&shown, "api"), ("responses".into(), "default".into()));
    assert_eq!(
        row(&shown, "credential"),
        ("key command".into(), "api_key_cmd in profile work".into())
    );
    assert!(!marker.exists(), "the key command ran");
    // A flag over the variable; a key from the environment over the command.
    let shown = rows(
        asst()
            .env("ASST_CONFIG", &file)
            .env("OPENAI_BASE_URL", "https://gw.example/v1")
            .env("OPENAI_API_KEY", KEY)
            .args([
                "--base-url",
                "https://other.example/v1",
                "--api",
                "assistants",
                "--connect-timeout",
                "2.5",
            ]),
    );
    assert_eq!(
        row(&shown, "connect_timeout"),
        ("2.5 s".into(), "--connect-timeout".into())
    );
    assert_eq!(
        row(&shown, "base_url"),
        ("https://other.example/v1".into(), "--base-url".into())
    );
    assert_eq!(row(&shown, "api"), ("assistants".into(), "--api".into()));
    assert_eq!(
        row(&shown, "credential"),
        ("key".into(), "OPENAI_API_KEY".into())
    );
    assert_eq!(row(&shown, "background"), ("off".into(), "default".into()));
    assert_eq!(row(&shown, "organization"), ("-".into(), "none".into()));
    assert_eq!(
        row(&shown, "idle_timeout"),
        ("300 s".into(), "default".into())
    );
    assert_eq!(row(&shown, "temperature"), ("-".into(), "none".into()));
    assert_eq!(
        row(&shown, "model"),
        ("profile-model".into(), "profile work".into())
    );
    // Azure by its endpoint; its model has no default.
    let shown = rows(
        asst()
            .env("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com")
            .env("AZURE_OPENAI_API_KEY", KEY),
    );
    assert_eq!(
        row(&shown, "provider"),
        ("azure".into(), "AZURE_OPENAI_ENDPOINT is set".into())
    );
    assert_eq!(
        row(&shown, "endpoint"),
        (
            "https://r.openai.azure.com".into(),
            "AZURE_OPENAI_ENDPOINT".into()
        )
    );
    assert_eq!(
        row(&shown, "credential"),
        ("key".into(), "AZURE_OPENAI_API_KEY".into())
    );
    assert_eq!(row(&shown, "model").0, "-");
    assert_eq!(row(&shown, "profile"), ("-".into(), "none".into()));
    // A URL a key would not be sent to says so; a yes or no reads as on or off.
    let shown = rows(
        asst()
            .env("OPENAI_BASE_URL", "http://gw.example/v1")
            .env("ASST_BACKGROUND", "true")
            .env("ASST_TEMPERATURE", "0.2"),
    );
    assert_eq!(
        row(&shown, "temperature"),
        ("0.2".into(), "ASST_TEMPERATURE".into())
    );
    assert_eq!(
        row(&shown, "background"),
        ("on".into(), "ASST_BACKGROUND".into())
    );
    assert_eq!(
        row(&shown, "base_url"),
        (
            "http://gw.example/v1".into(),
            "OPENAI_BASE_URL; refused: plain http to another machine (ASST_ALLOW_HTTP=1 allows it)"
                .into()
        )
    );
    // --json: one object per setting.
    let out = run(asst().env("ASST_CONFIG", &file).args(["config", "--json"]));
    let events = out.events();
    assert!(
        events.iter().all(|e| e["type"] == "setting"),
        "{}",
        out.stdout
    );
    assert!(events.iter().any(|e| e["name"] == "model"
        && e["value"] == "profile-model"
        && e["source"] == "profile work"));
    assert!(!marker.exists());
}

/// The README's `asst config` example is what asst prints for the README's own profile.
#[test]
fn the_readme_shows_what_config_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = |start: &str| -> String {
        let at = readme
            .find(start)
            .unwrap_or_else(|| panic!("no {start:?} in the README"));
        let end = at + readme[at..].find("```").unwrap();
        readme[at..end].to_string()
    };
    let toml = block("default_profile = \"work\"");
    let shown = block("$ asst config\n");
    let shown = shown.trim_start_matches("$ asst config\n");
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("me");
    std::fs::create_dir_all(home.join(".config/asst")).unwrap();
    std::fs::write(home.join(".config/asst/config.toml"), toml).unwrap();
    let out = run(asst()
        .env("HOME", &home)
        .env_remove("ASST_HISTORY")
        .arg("config"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.replace(home.to_str().unwrap(), "/home/me"),
        shown
    );
}

/// `asst config` names the proxy the requests would go through and its variable (without
/// its password), one that is set but not used and why, and one that would be refused.
#[test]
fn config_names_the_proxy_and_whether_it_is_used() {
    let proxy_row = |env: &[(&str, &str)]| -> String {
        let out = run(asst().envs(env.iter().copied()).arg("config"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
            .lines()
            .find(|l| l.starts_with("proxy\t"))
            .unwrap_or_else(|| panic!("no proxy row: {}", out.stdout))
            .to_string()
    };
    assert_eq!(proxy_row(&[]), "proxy\t-\tnone");
    assert_eq!(
        proxy_row(&[("HTTPS_PROXY", "http://me:hunter2@proxy.corp:3128")]),
        "proxy\thttp://proxy.corp:3128\tHTTPS_PROXY"
    );
    // The scheme's own variable before ALL_PROXY; an empty one is not set.
    assert_eq!(
        proxy_row(&[
            ("https_proxy", ""),
            ("ALL_PROXY", "socks5h://127.0.0.1:1080")
        ]),
        "proxy\tsocks5h://127.0.0.1:1080\tALL_PROXY"
    );
    assert_eq!(
        proxy_row(&[("HTTPS_PROXY", "ftp://proxy.corp")]),
        "proxy\tftp://proxy.corp\tHTTPS_PROXY; refused: not a proxy asst can use (scheme ftp, where a proxy's is one of http, https, socks4, socks4a, socks5, socks5h)"
    );
    assert_eq!(
        proxy_row(&[
            ("HTTPS_PROXY", "http://proxy.corp:3128"),
            ("no_proxy", "localhost,.openai.com")
        ]),
        "proxy\t-\tno_proxy names the host (HTTPS_PROXY not used)"
    );
    assert_eq!(
        proxy_row(&[
            ("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1"),
            ("HTTP_PROXY", "http://proxy.corp:3128")
        ]),
        "proxy\t-\tthis machine, reached directly (HTTP_PROXY not used)"
    );
}
