//! The reader's colours: named roles (text, heading, mention, search hit...) each with a style
//! written as words, e.g. `"bold underline magenta"` or `"reverse"` or `"black on yellow"`.
//!
//! Defaults use modifiers and the basic ANSI colours so they read on dark and light
//! terminals alike. `[colors]` overrides roles one by one. With NO_COLOR set, colours are
//! dropped and only modifiers remain; every highlight role carries a modifier by default so
//! selection and highlights stay visible without colour.

use crate::config::{ConfigError, LoadedConfig};
use ratatui::style::{Color, Modifier, Style};
use std::str::FromStr;

/// A place in the reader that has its own style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Text,
    Heading,
    Muted,
    Border,
    BorderFocus,
    Title,
    CursorItem,
    ActiveItem,
    InSection,
    CursorSentence,
    Gutter,
    Mention,
    MentionCurrent,
    Evidence,
    SideA,
    SideB,
    Search,
    SearchCurrent,
    Status,
    StatusKey,
    Warning,
}

/// Role, config name, default style, what it colours.
pub const ROLES: &[(Role, &str, &str, &str)] = &[
    (Role::Text, "text", "", "Article text"),
    (
        Role::Heading,
        "heading",
        "bold cyan",
        "Section titles and headings",
    ),
    (
        Role::Muted,
        "muted",
        "dark_gray",
        "Secondary text: dates, sources, counts",
    ),
    (Role::Border, "border", "dark_gray", "Pane borders"),
    (
        Role::BorderFocus,
        "border_focus",
        "bold cyan",
        "Border of the focused pane",
    ),
    (Role::Title, "title", "bold", "Pane titles"),
    (
        Role::CursorItem,
        "cursor_item",
        "reverse",
        "The cursor row in the focused list",
    ),
    (
        Role::ActiveItem,
        "active_item",
        "bold magenta",
        "The selected panel item",
    ),
    (
        Role::InSection,
        "in_section",
        "green",
        "Marker of panel items present in the current section",
    ),
    (
        Role::CursorSentence,
        "cursor_sentence",
        "italic",
        "The cursor sentence",
    ),
    (
        Role::Gutter,
        "gutter",
        "yellow",
        "Gutter bar beside the cursor sentence",
    ),
    (
        Role::Mention,
        "mention",
        "bold underline magenta",
        "Mentions or evidence of the selected item",
    ),
    (
        Role::MentionCurrent,
        "mention_current",
        "reverse bold magenta",
        "The mention or evidence jumped to",
    ),
    (
        Role::Evidence,
        "evidence",
        "underline green",
        "Evidence passages of the selected theme or tension",
    ),
    (
        Role::SideA,
        "side_a",
        "bold underline red",
        "Mentions of the first side of the selected tension",
    ),
    (
        Role::SideB,
        "side_b",
        "bold italic underline blue",
        "Mentions of the second side of the selected tension",
    ),
    (Role::Search, "search", "reverse", "Search hits"),
    (
        Role::SearchCurrent,
        "search_current",
        "reverse bold yellow",
        "The search hit jumped to",
    ),
    (Role::Status, "status", "reverse", "The status line"),
    (
        Role::StatusKey,
        "status_key",
        "bold",
        "Key names in the status line and help",
    ),
    (Role::Warning, "warning", "bold red", "Problems and notices"),
];

/// Styles for every role, ready to render.
#[derive(Clone, Debug)]
pub struct Palette {
    styles: Vec<Style>,
}

impl Default for Palette {
    fn default() -> Self {
        Palette::build(&Default::default(), false).unwrap_or(Palette {
            styles: vec![Style::default(); ROLES.len()],
        })
    }
}

impl Palette {
    pub fn style(&self, role: Role) -> Style {
        self.styles.get(role as usize).copied().unwrap_or_default()
    }

    /// Build from `[colors]`; `no_color` drops every colour and keeps modifiers.
    /// Errors are (config name, message) pairs.
    pub fn build(
        colors: &std::collections::BTreeMap<String, String>,
        no_color: bool,
    ) -> Result<Palette, Vec<(String, String)>> {
        let mut errors = Vec::new();
        for name in colors.keys() {
            if !ROLES.iter().any(|r| r.1 == name) {
                errors.push((
                    name.clone(),
                    format!("unknown colour role `{name}` in [colors]"),
                ));
            }
        }
        let mut styles = Vec::with_capacity(ROLES.len());
        for (i, (role, name, default, _)) in ROLES.iter().enumerate() {
            debug_assert_eq!(*role as usize, i);
            let spec = colors.get(*name).map_or(*default, String::as_str);
            match parse_style(spec) {
                Ok(mut s) => {
                    if no_color {
                        s.fg = None;
                        s.bg = None;
                    }
                    styles.push(s);
                }
                Err(msg) => {
                    errors.push((spec.to_string(), format!("{msg} for colour role `{name}`")));
                    styles.push(Style::default());
                }
            }
        }
        if errors.is_empty() {
            Ok(Palette { styles })
        } else {
            Err(errors)
        }
    }

    /// From the loaded config and the environment (NO_COLOR: any non-empty value).
    pub fn from_config(loaded: &LoadedConfig) -> Result<Palette, Vec<ConfigError>> {
        Palette::build(&loaded.config.colors, no_color()).map_err(|errs| {
            errs.into_iter()
                .map(|(value, msg)| loaded.error_at("colors", &value, msg))
                .collect()
        })
    }
}

/// Whether NO_COLOR asks for a colourless reader (https://no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `"bold underline magenta"`, `"reverse"`, `"black on yellow"`, `"#ff8800"`, `""`.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = spec.split_whitespace();
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reverse" | "reversed" => Some(Modifier::REVERSED),
            "strikethrough" | "crossed_out" => Some(Modifier::CROSSED_OUT),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if lower == "on" {
            let Some(bg) = words.next() else {
                return Err(format!("`on` without a colour in `{spec}`"));
            };
            style.bg = Some(parse_color(bg)?);
        } else {
            style.fg = Some(parse_color(word)?);
        }
    }
    Ok(style)
}

fn parse_color(word: &str) -> Result<Color, String> {
    if matches!(word.to_ascii_lowercase().as_str(), "default" | "reset") {
        return Ok(Color::Reset);
    }
    Color::from_str(word).map_err(|_| {
        format!(
            "unknown colour `{word}` (use a name like `red` or `dark_gray`, `#rrggbb`, or 0-255)"
        )
    })
}

/// Every problem in `[colors]`: unknown roles and unreadable styles. `newslens check` calls this.
pub fn validate_colors(loaded: &LoadedConfig) -> Vec<ConfigError> {
    Palette::from_config(loaded).err().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn styles_parse_from_words() {
        let s = parse_style("bold underline magenta on #102030").unwrap();
        assert_eq!(s.fg, Some(Color::Magenta));
        assert_eq!(s.bg, Some(Color::Rgb(0x10, 0x20, 0x30)));
        assert!(
            s.add_modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
        assert!(parse_style("bold purpleish").is_err());
        assert!(parse_style("on").is_err());
    }

    #[test]
    fn no_color_keeps_modifiers_and_drops_colours() {
        let p = Palette::build(&BTreeMap::new(), true).unwrap();
        for (role, ..) in ROLES {
            let s = p.style(*role);
            assert_eq!((s.fg, s.bg), (None, None));
        }
        // Highlights stay visible without colour, and the two sides differ.
        for role in [
            Role::Mention,
            Role::MentionCurrent,
            Role::Evidence,
            Role::Search,
            Role::CursorItem,
        ] {
            assert!(!p.style(role).add_modifier.is_empty(), "{role:?}");
        }
        assert_ne!(p.style(Role::SideA), p.style(Role::SideB));
    }

    #[test]
    fn unknown_roles_and_colours_are_errors() {
        let mut colors = BTreeMap::new();
        colors.insert("mention".to_string(), "bold chartreuse".to_string());
        colors.insert("frame".to_string(), "red".to_string());
        let errs = Palette::build(&colors, false).unwrap_err();
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn defaults_in_config_toml_match_the_table() {
        let config = crate::config::defaults();
        for (_, name, default, _) in ROLES {
            assert_eq!(
                config.colors.get(*name).map(String::as_str),
                Some(*default),
                "{name}"
            );
        }
    }
}
