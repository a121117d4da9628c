//! Copying to the clipboard: what `y` and `Y` copy (the passage, or the quote with its
//! citation) and how it gets there.
//!
//! Locally a clipboard program is used when one is installed (wl-copy on Wayland, xclip or
//! xsel on X11, pbcopy on macOS); over SSH, or with none, the text goes to the terminal as
//! an OSC 52 escape, which most terminals (and tmux with `set-clipboard on`) put on the
//! clipboard of the machine the reader sits at. The text is sanitised first, so a file can
//! never smuggle control characters through the clipboard or the escape.

use super::app::{App, Effect};
use crate::corpus::Span;
use crate::sanitize;
use base64::Engine;
use std::io::{self, Write};
use std::process::{Command, Stdio};

/// Where copied text goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A clipboard program reading the text on its standard input.
    Program { program: String, args: Vec<String> },
    /// The OSC 52 escape to the terminal.
    Osc52,
    /// Nowhere (tests, and before the terminal reader starts).
    Off,
}

impl Target {
    /// How the status line names it.
    pub fn name(&self) -> String {
        match self {
            Target::Program { program, .. } => program.clone(),
            Target::Osc52 => "the terminal (OSC 52)".into(),
            Target::Off => "nowhere (no clipboard)".into(),
        }
    }
}

/// OSC 52 payloads past this are refused by many terminals; longer text is cut there.
pub const OSC52_MAX: usize = 74_994;

/// Pick the target from the environment (`var`) and the programs on PATH (`installed`).
/// `NEWSLENS_CLIPBOARD=osc52` forces the escape; over SSH it is the only one that reaches
/// the reader's own clipboard.
pub fn choose(
    var: &dyn Fn(&str) -> Option<String>,
    installed: &dyn Fn(&str) -> bool,
    macos: bool,
) -> Target {
    let set = |k: &str| var(k).is_some_and(|v| !v.is_empty());
    if var("NEWSLENS_CLIPBOARD").as_deref() == Some("osc52")
        || set("SSH_TTY")
        || set("SSH_CONNECTION")
        || set("SSH_CLIENT")
    {
        return Target::Osc52;
    }
    let program = |p: &str, args: &[&str]| Target::Program {
        program: p.into(),
        args: args.iter().map(|a| a.to_string()).collect(),
    };
    if set("WAYLAND_DISPLAY") && installed("wl-copy") {
        return program("wl-copy", &[]);
    }
    if set("DISPLAY") {
        if installed("xclip") {
            return program("xclip", &["-selection", "clipboard"]);
        }
        if installed("xsel") {
            return program("xsel", &["--clipboard", "--input"]);
        }
    }
    if macos && installed("pbcopy") {
        return program("pbcopy", &[]);
    }
    Target::Osc52
}

/// [`choose`] with the real environment and PATH.
pub fn detect() -> Target {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let installed = |name: &str| {
        std::env::split_paths(&path).any(|dir| {
            let p = dir.join(name);
            p.is_file()
        })
    };
    choose(
        &|k| std::env::var(k).ok(),
        &installed,
        cfg!(target_os = "macos"),
    )
}

/// The OSC 52 escape setting the clipboard to `text` (already sanitised), cut to
/// [`OSC52_MAX`] bytes at a character boundary. Returns the escape and whether it was cut.
pub fn osc52(text: &str) -> (String, bool) {
    let mut end = text.len().min(OSC52_MAX);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let payload = base64::engine::general_purpose::STANDARD.encode(&text[..end]);
    (format!("\x1b]52;c;{payload}\x07"), end < text.len())
}

/// Send `text` to `target`; `out` is the terminal (for OSC 52). Says where it went.
pub fn deliver(target: &Target, text: &str, out: &mut dyn Write) -> io::Result<String> {
    match target {
        Target::Off => Ok(target.name()),
        Target::Osc52 => {
            let (escape, cut) = osc52(text);
            out.write_all(escape.as_bytes())?;
            out.flush()?;
            Ok(if cut {
                format!("{} (cut to {OSC52_MAX} bytes)", target.name())
            } else {
                target.name()
            })
        }
        Target::Program { program, args } => {
            let mut child = Command::new(program)
                .args(args)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| io::Error::new(e.kind(), format!("cannot run {program}: {e}")))?;
            if let Some(mut stdin) = child.stdin.take() {
                stdin.write_all(text.as_bytes())?;
            }
            let status = child.wait()?;
            if status.success() {
                Ok(program.clone())
            } else {
                Err(io::Error::other(format!("{program} failed ({status})")))
            }
        }
    }
}

/// Text from an article made safe to copy: control characters replaced as on screen,
/// newlines kept, surrounding blank space trimmed.
pub fn clean_for_copy(text: &str) -> String {
    sanitize::clean(text).trim().to_string()
}

/// A quote with its citation: `“text” — Title, Source, Date. URL`, each part only when
/// known; the quote on one line.
pub fn citation(
    quote: &str,
    title: &str,
    source: Option<&str>,
    date: Option<&str>,
    url: Option<&str>,
) -> String {
    let one_line = |s: &str| {
        sanitize::clean_line(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut parts: Vec<String> = Vec::new();
    for p in [Some(title), source, date].into_iter().flatten() {
        let p = one_line(p);
        if !p.is_empty() {
            parts.push(p);
        }
    }
    let mut out = format!("“{}”", one_line(quote));
    if !parts.is_empty() {
        out.push_str(" — ");
        out.push_str(&parts.join(", "));
        out.push('.');
    }
    if let Some(u) = url.map(one_line).filter(|u| !u.is_empty()) {
        out.push(' ');
        out.push_str(&u);
    }
    out
}

impl App {
    /// The passage `y` copies: the selection, else the cursor sentence.
    pub fn copy_span(&self) -> Option<Span> {
        self.notebook
            .selection
            .map(|s| s.span())
            .or_else(|| self.cursor_sentence())
    }

    /// `y` / `Y`: put the text to copy in [`App::copied`] for the event loop.
    pub(super) fn copy(&mut self, quote: bool) -> Effect {
        let (Some(span), Some(article)) = (self.copy_span(), self.article()) else {
            self.message = Some("nothing to copy yet: the article is being analysed".into());
            return Effect::None;
        };
        let Some(text) = article.body.get(span.start..span.end) else {
            return Effect::None;
        };
        let text = if quote {
            let m = &article.meta;
            citation(
                text,
                &article.title,
                m.source.as_deref(),
                m.date.as_deref(),
                m.url.as_deref(),
            )
        } else {
            clean_for_copy(text)
        };
        if text.is_empty() {
            self.message = Some("nothing to copy: the passage is blank".into());
            return Effect::None;
        }
        // Copying a selection ends it, as in vim.
        self.notebook.selection = None;
        self.copied = Some(text);
        Effect::Copy
    }

    /// After the loop delivered (or failed to deliver) [`App::copied`].
    pub fn copy_done(&mut self, result: io::Result<String>) {
        let chars = self.copied.as_deref().map_or(0, |t| t.chars().count());
        self.message = Some(match result {
            Ok(to) => format!("copied {chars} characters to {to}"),
            Err(e) => format!("copy failed: {e}"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn pick(vars: &[(&str, &str)], installed: &[&str], macos: bool) -> Target {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        choose(
            &|k| vars.get(k).cloned(),
            &|p| installed.contains(&p),
            macos,
        )
    }

    #[test]
    fn the_clipboard_program_follows_the_session() {
        let all = ["wl-copy", "xclip", "xsel", "pbcopy"];
        let name = |t: Target| match t {
            Target::Program { program, .. } => program,
            other => format!("{other:?}"),
        };
        assert_eq!(
            name(pick(
                &[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":0")],
                &all,
                false
            )),
            "wl-copy"
        );
        assert_eq!(name(pick(&[("DISPLAY", ":0")], &all, false)), "xclip");
        assert_eq!(name(pick(&[("DISPLAY", ":0")], &["xsel"], false)), "xsel");
        assert_eq!(name(pick(&[], &all, true)), "pbcopy");
        // No display or no program: the terminal.
        assert_eq!(pick(&[], &all, false), Target::Osc52);
        assert_eq!(pick(&[("DISPLAY", ":0")], &[], false), Target::Osc52);
        // Over SSH the local programs would fill the remote machine's clipboard.
        assert_eq!(
            pick(&[("SSH_TTY", "/dev/pts/3"), ("DISPLAY", ":0")], &all, false),
            Target::Osc52
        );
        assert_eq!(
            pick(&[("SSH_CONNECTION", "1 2 3 4")], &all, true),
            Target::Osc52
        );
        assert_eq!(
            pick(
                &[("NEWSLENS_CLIPBOARD", "osc52"), ("DISPLAY", ":0")],
                &all,
                false
            ),
            Target::Osc52
        );
    }

    #[test]
    fn osc52_is_base64_of_the_text_between_the_escape_bytes() {
        let (esc, cut) = osc52("Togo, “France”\nRussia");
        assert!(!cut);
        let payload = esc
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        assert_eq!(
            String::from_utf8(decoded).unwrap(),
            "Togo, “France”\nRussia"
        );
        assert_eq!(osc52("hi").0, "\x1b]52;c;aGk=\x07");
        // Long text is cut at a character boundary.
        let long = "é".repeat(OSC52_MAX);
        let (esc, cut) = osc52(&long);
        assert!(cut && esc.len() < OSC52_MAX * 2);
        let mut out = Vec::new();
        assert_eq!(
            deliver(&Target::Osc52, "hi", &mut out).unwrap(),
            "the terminal (OSC 52)"
        );
        assert_eq!(out, b"\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn copied_text_is_sanitised_and_citations_skip_what_is_unknown() {
        assert_eq!(clean_for_copy("  a\x1b[31mb\x07\n c "), "a␛[31mb␇\n c");
        assert_eq!(
            citation(
                "Togo  said\nno.",
                "Togo's choice",
                Some("Wire"),
                Some("2025-07-15"),
                Some("https://x.org/t")
            ),
            "“Togo said no.” — Togo's choice, Wire, 2025-07-15. https://x.org/t"
        );
        assert_eq!(citation("q", "T", None, None, None), "“q” — T.");
        assert_eq!(citation("q", "", None, None, Some("u\x1b")), "“q” u␛");
    }

    #[test]
    fn a_missing_program_is_a_readable_error() {
        let t = Target::Program {
            program: "newslens-no-such-clipboard".into(),
            args: vec![],
        };
        let err = deliver(&t, "x", &mut Vec::new()).unwrap_err();
        assert!(
            err.to_string()
                .contains("cannot run newslens-no-such-clipboard")
        );
    }
}
