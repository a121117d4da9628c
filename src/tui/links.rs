//! Links out of the reader: open the article's URL in a browser, copy it, and list the
//! links inside an article made from HTML in a popup to open one.
//!
//! `App::update` stays pure: an action here only records what to do ([`Pending`]) and
//! returns [`Effect::Link`]; the event loop then calls [`perform`], which spawns the
//! browser (`$BROWSER`, else `xdg-open` / `open`, detached, its output discarded so it can
//! never draw over the reader) or writes the OSC 52 escape that puts text on the clipboard.

use super::app::{App, Effect};
use super::keymap::Action;
use super::palette::Role;
use crate::corpus::Link;
use crate::sanitize::clean_line;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};
use std::io::Write;
use std::process::{Command, Stdio};

/// The links popup and the side effect waiting for the event loop.
#[derive(Clone, Debug, Default)]
pub struct Links {
    /// The popup is open, with its cursor on this link.
    pub popup: Option<usize>,
    pub pending: Option<Pending>,
}

/// What the event loop must do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    Open(String),
    Copy(String),
}

impl App {
    /// Handle the link actions, and every action while the popup is open. `None` when the
    /// action is not this module's.
    pub(super) fn links_action(&mut self, action: Action) -> Option<Effect> {
        let links: &[Link] = self.article().map_or(&[], |a| a.meta.links.as_slice());
        let count = links.len();
        if let Some(cursor) = self.links.popup {
            let url = links.get(cursor).map(|l| l.url.clone());
            match action {
                Action::ScrollDown => {
                    self.links.popup = Some((cursor + 1).min(count.saturating_sub(1)))
                }
                Action::ScrollUp => self.links.popup = Some(cursor.saturating_sub(1)),
                Action::Top => self.links.popup = Some(0),
                Action::Bottom => self.links.popup = Some(count.saturating_sub(1)),
                Action::Select | Action::OpenUrl => {
                    self.links.popup = None;
                    if let Some(url) = url {
                        self.links.pending = Some(Pending::Open(url));
                        return Some(Effect::Link);
                    }
                }
                Action::CopyUrl => {
                    if let Some(url) = url {
                        self.links.pending = Some(Pending::Copy(url));
                        return Some(Effect::Link);
                    }
                }
                Action::Clear | Action::Quit | Action::ListLinks => self.links.popup = None,
                _ => {}
            }
            return Some(Effect::None);
        }
        let url = self.article().and_then(|a| a.meta.url.clone());
        match action {
            Action::OpenUrl | Action::CopyUrl => {
                let Some(url) = url else {
                    self.message = Some("this article has no URL".into());
                    return Some(Effect::None);
                };
                self.links.pending = Some(if action == Action::OpenUrl {
                    Pending::Open(url)
                } else {
                    Pending::Copy(url)
                });
                Some(Effect::Link)
            }
            Action::ListLinks => {
                if count == 0 {
                    self.message = Some("no links in this article".into());
                } else {
                    self.links.popup = Some(0);
                }
                Some(Effect::None)
            }
            _ => None,
        }
    }
}

/// Do what the last action asked and say how it went in the status line.
pub fn perform(app: &mut App) {
    let Some(pending) = app.links.pending.take() else {
        return;
    };
    let said = match pending {
        Pending::Open(url) => match open(&url) {
            Ok(how) => format!("opened {} with {how}", clean_line(&url)),
            Err(e) => e,
        },
        Pending::Copy(url) => match copy_osc52(&url) {
            Ok(()) => format!("copied {} (OSC 52)", clean_line(&url)),
            Err(e) => format!("cannot copy: {e}"),
        },
    };
    app.message = Some(said);
}

/// Schemes handed to a browser; anything else (`javascript:`, `file:` on a shared page)
/// is refused.
const SCHEMES: &[&str] = &["http://", "https://", "mailto:", "gopher://", "gemini://"];

/// The program and arguments that would open `url`: the first of `$BROWSER`'s
/// `:`-separated commands (`%s` replaced by the URL, else the URL appended), else the
/// system opener.
pub fn opener(url: &str, browser: Option<&str>) -> Result<(String, Vec<String>), String> {
    let lower = url.to_ascii_lowercase();
    if !SCHEMES.iter().any(|s| lower.starts_with(s)) || url.chars().any(char::is_control) {
        return Err(format!(
            "not opened: {} is not an http, https or mailto link",
            clean_line(url)
        ));
    }
    let command = browser
        .and_then(|b| b.split(':').map(str::trim).find(|c| !c.is_empty()))
        .map(str::to_string);
    let command = match command {
        Some(c) => c,
        None if cfg!(target_os = "macos") => "open".to_string(),
        None => "xdg-open".to_string(),
    };
    let mut words = command.split_whitespace().map(str::to_string);
    let program = words.next().unwrap_or_default();
    let mut args: Vec<String> = words.collect();
    if args.iter().any(|a| a.contains("%s")) {
        for a in &mut args {
            *a = a.replace("%s", url);
        }
    } else {
        args.push(url.to_string());
    }
    Ok((program, args))
}

fn open(url: &str) -> Result<String, String> {
    let browser = std::env::var("BROWSER").ok();
    let (program, args) = opener(url, browser.as_deref())?;
    let mut child = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            format!("cannot open the link with {program}: {e} (set BROWSER to your browser)")
        })?;
    // Reaped in the background so a long-lived browser never becomes a zombie.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(program)
}

/// Put `text` on the clipboard through the terminal: the OSC 52 escape, which terminals
/// (and tmux with `set-clipboard on`) pass to the clipboard of the machine the reader is at.
fn copy_osc52(text: &str) -> std::io::Result<()> {
    let clean = clean_line(text);
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(clean.as_bytes()))?;
    out.flush()
}

/// Standard base64 with padding (RFC 4648), for the OSC 52 payload.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The links popup over the reader, when open.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (Some(cursor), Some(article), Some(popup)) =
        (app.links.popup, app.article(), popup_area(app, area))
    else {
        return;
    };
    let links = &article.meta.links;
    let p = &app.palette;
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_style(p.style(Role::Title))
        .title(Line::styled(
            format!(" Links ({}) · Enter opens · Esc closes ", links.len()),
            p.style(Role::Title),
        ));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let rows = usize::from(inner.height);
    let first = cursor.saturating_sub(rows.saturating_sub(1));
    for (row, (i, link)) in links.iter().enumerate().skip(first).take(rows).enumerate() {
        let text = clean_line(link.span.text(&article.body)).into_owned();
        let line = format!("{}  {}", text, clean_line(&link.url));
        let mut style = p.style(Role::Text);
        if i == cursor {
            style = style.add_modifier(Modifier::REVERSED);
        }
        buf.set_stringn(
            inner.x,
            inner.y + row as u16,
            &line,
            usize::from(inner.width),
            style,
        );
    }
}

/// Where the links popup is drawn in the frame `area`, while it is open.
pub fn popup_area(app: &App, area: Rect) -> Option<Rect> {
    app.links.popup?;
    let count = app.article()?.meta.links.len();
    let w = area.width.saturating_sub(4).min(100);
    let h = (u16::try_from(count).unwrap_or(u16::MAX).saturating_add(2))
        .min(area.height.saturating_sub(2))
        .max(3);
    Some(Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height.saturating_sub(h)) / 2,
        w,
        h,
    ))
}

/// The link drawn at screen row `y` of the popup (for the mouse), if any.
pub fn link_at(app: &App, area: Rect, x: u16, y: u16) -> Option<usize> {
    let popup = popup_area(app, area)?;
    let inner = Block::bordered().inner(popup);
    if !inner.contains(ratatui::layout::Position::new(x, y)) {
        return None;
    }
    let count = app.article()?.meta.links.len();
    let rows = usize::from(inner.height);
    let first = app.links.popup?.saturating_sub(rows.saturating_sub(1));
    let i = first + usize::from(y - inner.y);
    (i < count).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"https://a.example/"), "aHR0cHM6Ly9hLmV4YW1wbGUv");
    }

    #[test]
    fn browser_commands() {
        let (p, a) = opener("https://x.example/", Some("firefox --new-tab:lynx")).unwrap();
        assert_eq!(
            (p.as_str(), a),
            (
                "firefox",
                vec!["--new-tab".to_string(), "https://x.example/".into()]
            )
        );
        let (p, a) = opener("https://x.example/", Some("w3m %s")).unwrap();
        assert_eq!(
            (p.as_str(), a),
            ("w3m", vec!["https://x.example/".to_string()])
        );
        assert!(opener("javascript:alert(1)", None).is_err());
    }
}
