//! Keys and the actions they trigger: the table of actions (name, description), key names
//! as written in `[keys]`, and the live keymap built from the configuration.
//!
//! Help and status hints read this table and the live keymap, so they can never disagree
//! with the real bindings.

use crate::config::{ConfigError, LoadedConfig};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::HashMap;
use std::fmt;

/// Everything a key can ask the reader to do. Names are the `[keys]` action names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    ScrollDown,
    ScrollUp,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    NextSentence,
    PrevSentence,
    FocusNext,
    FocusPrev,
    FocusActors,
    FocusThemes,
    FocusTensions,
    FocusNotes,
    FocusText,
    Zoom,
    Select,
    NextEvidence,
    PrevEvidence,
    Search,
    SearchWord,
    JumpBack,
    JumpForward,
    ArticleList,
    NextArticle,
    PrevArticle,
    SectionFilter,
    StartSelection,
    Annotate,
    Copy,
    CopyQuote,
    ExtendWord,
    ShrinkWord,
    EditNote,
    EditNoteExternally,
    DeleteNote,
    Undo,
    Redo,
    DeletedNotes,
    RestoreNote,
    PurgeNote,
    TagFilter,
    ActorFilter,
    NotesScope,
    CorrectReject,
    CorrectRename,
    CorrectKind,
    CorrectMerge,
    CorrectSplit,
    CorrectFlip,
    CorrectSides,
    CorrectAddTension,
    CorrectThemeEvidence,
    ListUnapplied,
    Help,
    CommandPalette,
    Clear,
    Quit,
    Suspend,
    OpenUrl,
    CopyUrl,
    ListLinks,
    CorpusView,
    ToggleBookmark,
    SortList,
    GroupList,
}

/// One row of the action table: config name, default keys, help text, short hint label.
pub struct ActionInfo {
    pub action: Action,
    pub name: &'static str,
    pub defaults: &'static [&'static str],
    pub description: &'static str,
    pub hint: &'static str,
}

const fn info(
    action: Action,
    name: &'static str,
    defaults: &'static [&'static str],
    description: &'static str,
    hint: &'static str,
) -> ActionInfo {
    ActionInfo {
        action,
        name,
        defaults,
        description,
        hint,
    }
}

/// Every action, in the order help lists them.
pub const ACTIONS: &[ActionInfo] = &[
    info(
        Action::ScrollDown,
        "scroll_down",
        &["j", "Down"],
        "Scroll down a line (or move down in a list)",
        "down",
    ),
    info(
        Action::ScrollUp,
        "scroll_up",
        &["k", "Up"],
        "Scroll up a line (or move up in a list)",
        "up",
    ),
    info(
        Action::HalfPageDown,
        "half_page_down",
        &["Ctrl-d"],
        "Scroll down half a page",
        "½page",
    ),
    info(
        Action::HalfPageUp,
        "half_page_up",
        &["Ctrl-u"],
        "Scroll up half a page",
        "½page up",
    ),
    info(
        Action::PageDown,
        "page_down",
        &["Space", "PageDown"],
        "Scroll down a page",
        "page",
    ),
    info(
        Action::PageUp,
        "page_up",
        &["PageUp"],
        "Scroll up a page",
        "page up",
    ),
    info(Action::Top, "top", &["g", "Home"], "Go to the top", "top"),
    info(
        Action::Bottom,
        "bottom",
        &["G", "End"],
        "Go to the bottom",
        "bottom",
    ),
    info(
        Action::NextSection,
        "next_section",
        &["]"],
        "Next section",
        "section",
    ),
    info(
        Action::PrevSection,
        "prev_section",
        &["["],
        "Previous section",
        "section back",
    ),
    info(
        Action::NextSentence,
        "next_sentence",
        &[")"],
        "Move the cursor to the next sentence",
        "sentence",
    ),
    info(
        Action::PrevSentence,
        "prev_sentence",
        &["("],
        "Move the cursor to the previous sentence",
        "sentence back",
    ),
    info(
        Action::FocusNext,
        "focus_next",
        &["Tab"],
        "Focus the next pane",
        "pane",
    ),
    info(
        Action::FocusPrev,
        "focus_prev",
        &["Shift-Tab"],
        "Focus the previous pane",
        "pane back",
    ),
    info(
        Action::FocusActors,
        "focus_actors",
        &["1"],
        "Focus the Actors panel",
        "actors",
    ),
    info(
        Action::FocusThemes,
        "focus_themes",
        &["2"],
        "Focus the Themes panel",
        "themes",
    ),
    info(
        Action::FocusTensions,
        "focus_tensions",
        &["3"],
        "Focus the Tensions panel",
        "tensions",
    ),
    info(
        Action::FocusNotes,
        "focus_notes",
        &["4"],
        "Focus the Notes panel (your annotations of this article)",
        "notes",
    ),
    info(
        Action::FocusText,
        "focus_text",
        &["0"],
        "Focus the article text (after a count digit: part of the count)",
        "text",
    ),
    info(
        Action::Zoom,
        "zoom",
        &["z"],
        "Hide the side panels so the text gets the whole width (again: show them)",
        "zoom",
    ),
    info(
        Action::Select,
        "select",
        &["Enter"],
        "Select: in a panel, the item (highlight its evidence, jump to it); in the text, the first actor of the cursor sentence; in the list, open the article",
        "select",
    ),
    info(
        Action::NextEvidence,
        "next_evidence",
        &["n"],
        "Next search hit, else next evidence of the selected item",
        "next",
    ),
    info(
        Action::PrevEvidence,
        "prev_evidence",
        &["N"],
        "Previous search hit, else previous evidence of the selected item",
        "prev",
    ),
    info(
        Action::Search,
        "search",
        &["/"],
        "Search in the article with a regular expression, smart case (in the list: filter the articles; in Notes: filter the notes with the query language); Up/Down in the prompt recall earlier searches",
        "search",
    ),
    info(
        Action::SearchWord,
        "search_word",
        &["*"],
        "Search for the selected actor's names, else the word at the cursor",
        "search word",
    ),
    info(
        Action::JumpBack,
        "jump_back",
        &["Ctrl-o"],
        "Go back to where the reader was before the last jump (evidence, search, section, top/bottom)",
        "jump back",
    ),
    info(
        Action::JumpForward,
        "jump_forward",
        &["Ctrl-i", "Alt-i"],
        "Go forward again in the jump list (most terminals send Ctrl-i as Tab, so Alt-i too)",
        "jump fwd",
    ),
    info(
        Action::ArticleList,
        "article_list",
        &["o", "L"],
        "Show or hide the article list",
        "articles",
    ),
    info(
        Action::NextArticle,
        "next_article",
        &["J"],
        "Open the next article",
        "next article",
    ),
    info(
        Action::PrevArticle,
        "prev_article",
        &["K"],
        "Open the previous article",
        "prev article",
    ),
    info(
        Action::SectionFilter,
        "section_filter",
        &["f"],
        "Show only the panel items of the current section (toggle)",
        "this section",
    ),
    info(
        Action::StartSelection,
        "start_selection",
        &["v"],
        "Start a selection at the cursor sentence",
        "select text",
    ),
    info(
        Action::Annotate,
        "annotate",
        &["a"],
        "Annotate the selection or the cursor sentence",
        "annotate",
    ),
    info(
        Action::Copy,
        "copy",
        &["y"],
        "Copy the selection or the cursor sentence to the clipboard",
        "copy",
    ),
    info(
        Action::CopyQuote,
        "copy_quote",
        &["Y"],
        "Copy the selection or the cursor sentence as a quote with its citation (title, source, date, URL)",
        "copy quote",
    ),
    info(
        Action::ExtendWord,
        "extend_word",
        &["w", "Shift-Right"],
        "Selection: move its end a word forward (starts one at the cursor sentence)",
        "word",
    ),
    info(
        Action::ShrinkWord,
        "shrink_word",
        &["b", "Shift-Left"],
        "Selection: move its end a word back",
        "word back",
    ),
    info(
        Action::EditNote,
        "edit_note",
        &["e"],
        "Notes: edit the selected note's tags and text",
        "edit",
    ),
    info(
        Action::EditNoteExternally,
        "edit_note_external",
        &["E"],
        "Notes: edit the selected note's text in $VISUAL/$EDITOR (in the editor popup: Ctrl-e)",
        "$EDITOR",
    ),
    info(
        Action::DeleteNote,
        "delete_note",
        &["d"],
        "Notes: delete the selected note",
        "delete",
    ),
    info(
        Action::Undo,
        "undo",
        &["u"],
        "Undo: in Actors, Themes or Tensions the last correction; else the last change to a note (new, edit, tags, delete, restore, purge), as far back as this session goes",
        "undo",
    ),
    info(
        Action::Redo,
        "redo",
        &["Ctrl-r"],
        "Notes: redo what undo took back",
        "redo",
    ),
    info(
        Action::DeletedNotes,
        "deleted_notes",
        &["D"],
        "Notes: show the deleted notes (kept in the sidecar until purged); again: the notes",
        "deleted",
    ),
    info(
        Action::RestoreNote,
        "restore_note",
        &["R"],
        "Deleted notes: restore the selected note",
        "restore",
    ),
    info(
        Action::PurgeNote,
        "purge_note",
        &["X"],
        "Deleted notes: remove the selected note for good (press twice)",
        "purge",
    ),
    info(
        Action::TagFilter,
        "tag_filter",
        &["t"],
        "Notes: show only one tag (cycles through the tags in use, then all)",
        "tag filter",
    ),
    info(
        Action::ActorFilter,
        "actor_filter",
        &["A"],
        "Notes: show only those mentioning the actor under the Actors cursor (again: all)",
        "actor filter",
    ),
    info(
        Action::NotesScope,
        "notes_scope",
        &["W"],
        "Notes: this article's notes or every note of the corpus (toggle); in the Notes panel / filters them with the query language, Enter opens the article at the note; e, d, t and A open it and act on the note there",
        "whole corpus",
    ),
    info(
        Action::CorrectReject,
        "correct_reject",
        &["x"],
        "Correct: in Actors, not an actor; in Tensions, mark the tension wrong",
        "not so",
    ),
    info(
        Action::CorrectRename,
        "correct_rename",
        &["r"],
        "Correct: rename the actor under the cursor",
        "rename",
    ),
    info(
        Action::CorrectKind,
        "correct_kind",
        &["T"],
        "Correct: change the kind of the actor under the cursor",
        "kind",
    ),
    info(
        Action::CorrectMerge,
        "correct_merge",
        &["m"],
        "Correct: merge the actor under the cursor into another (pick it by typing)",
        "merge",
    ),
    info(
        Action::CorrectSplit,
        "correct_split",
        &["s"],
        "Correct: the actor's mention in the cursor sentence is someone else (split it off)",
        "split",
    ),
    info(
        Action::CorrectFlip,
        "correct_flip",
        &["F"],
        "Correct: flip the sides of the tension under the cursor",
        "flip",
    ),
    info(
        Action::CorrectSides,
        "correct_sides",
        &["S"],
        "Correct: edit the sides of the tension under the cursor",
        "sides",
    ),
    info(
        Action::CorrectAddTension,
        "correct_add_tension",
        &["+"],
        "Correct: add a tension between two actors of the selection (its evidence)",
        "add tension",
    ),
    info(
        Action::CorrectThemeEvidence,
        "correct_theme_evidence",
        &["="],
        "Correct: the selection (or cursor sentence) is evidence of a theme",
        "theme evidence",
    ),
    info(
        Action::ListUnapplied,
        "list_unapplied_corrections",
        &["!"],
        "List the corrections that no longer apply to this article (it changed), and why",
        "not applied",
    ),
    info(
        Action::Help,
        "help",
        &["?", "F1"],
        "Show or hide this help",
        "help",
    ),
    info(
        Action::CommandPalette,
        "command_palette",
        &[":"],
        "Command palette: every action by name, type to filter, Enter runs it",
        "commands",
    ),
    info(
        Action::Clear,
        "clear",
        &["Esc"],
        "Clear the search, then the selected item; close popups",
        "clear",
    ),
    info(
        Action::Quit,
        "quit",
        &["q", "Ctrl-c"],
        "Quit (Ctrl-c works in popups and prompts too, and asks first when a note is unsaved)",
        "quit",
    ),
    info(
        Action::Suspend,
        "suspend",
        &["Ctrl-z"],
        "Suspend the reader to the shell (`fg` brings it back)",
        "suspend",
    ),
    info(
        Action::OpenUrl,
        "open_url",
        &["O"],
        "Open the article's URL (or the chosen link) with $BROWSER or the system opener",
        "open url",
    ),
    info(
        Action::CopyUrl,
        "copy_url",
        &["C"],
        "Copy the article's URL (or the chosen link) to the clipboard (OSC 52)",
        "copy url",
    ),
    info(
        Action::ListLinks,
        "list_links",
        &["U"],
        "List the links inside the article; Enter opens one",
        "links",
    ),
    info(
        Action::CorpusView,
        "corpus_view",
        &["c"],
        "Corpus screen: actors, themes, tensions and notes across the corpus (in the Actors panel: the actor under the cursor); again, q or Esc: back to the article",
        "corpus",
    ),
    info(
        Action::ToggleBookmark,
        "toggle_bookmark",
        &["B"],
        "Bookmark the article at the reading position, or remove its bookmark (kept in .newslens/state.toml)",
        "bookmark",
    ),
    info(
        Action::SortList,
        "sort_list",
        &["Ctrl-s"],
        "Sort the article list: corpus order, date, source, title, unread first",
        "sort",
    ),
    info(
        Action::GroupList,
        "group_list",
        &["Ctrl-g"],
        "Group the article list by folder, or stop",
        "group",
    ),
];

impl Action {
    pub fn info(self) -> &'static ActionInfo {
        // ACTIONS lists every variant; the tests check it.
        ACTIONS
            .iter()
            .find(|i| i.action == self)
            .unwrap_or(&ACTIONS[ACTIONS.len() - 1])
    }

    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS.iter().find(|i| i.name == name).map(|i| i.action)
    }
}

/// A key with its modifiers, normalised so that what the terminal sends and what a config
/// names compare equal (`G` is `G`, whether or not the terminal adds Shift).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // Shift is already in the character.
            KeyCode::Char(_) => {
                mods.remove(KeyModifiers::SHIFT);
                code
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                code
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    /// Parse a key name as written in `[keys]`: `j`, `G`, `?`, `Down`, `Ctrl-d`, `Alt-x`,
    /// `Shift-Tab`, `Space`, `PageDown`, `F1`, `Enter`, `Esc`.
    pub fn parse(name: &str) -> Result<Key, String> {
        if name.is_empty() {
            return Err("an empty key name".into());
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        // A lone "-" is a key, not a separator.
        while rest.len() > 1 {
            let Some((prefix, tail)) = rest.split_once('-') else {
                break;
            };
            if tail.is_empty() {
                break;
            }
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => mods |= KeyModifiers::CONTROL,
                "alt" | "a" | "m" => mods |= KeyModifiers::ALT,
                "shift" | "s" => mods |= KeyModifiers::SHIFT,
                _ => return Err(format!("unknown modifier `{prefix}` in key `{name}`")),
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) && c.is_alphabetic() {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
                } else if mods.contains(KeyModifiers::CONTROL) && c.is_ascii_uppercase() {
                    // Terminals cannot tell Ctrl-D from Ctrl-d.
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "minus" => KeyCode::Char('-'),
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(format!("unknown key name `{name}`")),
                },
                _ => return Err(format!("unknown key name `{name}`")),
            },
        };
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The live bindings: key -> action, and for each action its keys in configured order.
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    by_action: HashMap<Action, Vec<Key>>,
}

impl Keymap {
    /// The built-in defaults (the action table), used by tests and as a fallback.
    pub fn defaults() -> Keymap {
        let mut map = Keymap::default();
        for i in ACTIONS {
            for name in i.defaults {
                if let Ok(key) = Key::parse(name) {
                    map.bind(key, i.action);
                }
            }
        }
        map
    }

    fn bind(&mut self, key: Key, action: Action) {
        self.by_key.insert(key, action);
        self.by_action.entry(action).or_default().push(key);
    }

    /// Build from `[keys]`: actions the config does not name keep their defaults. Every
    /// unknown action, bad key name and key bound twice is returned as an error pointing at
    /// the user file's line.
    pub fn from_config(loaded: &LoadedConfig) -> Result<Keymap, Vec<ConfigError>> {
        let mut errors = Vec::new();
        let keys = &loaded.config.keys;
        for name in keys.keys() {
            if Action::from_name(name).is_none() {
                errors.push(loaded.error_at(
                    "keys",
                    name,
                    format!("unknown action `{name}` in [keys]"),
                ));
            }
        }
        let mut map = Keymap::default();
        let mut owner: HashMap<Key, &'static str> = HashMap::new();
        for i in ACTIONS {
            let names: Vec<&str> = match keys.get(i.name) {
                Some(list) => list.iter().map(String::as_str).collect(),
                None => i.defaults.to_vec(),
            };
            for key_name in names {
                match Key::parse(key_name) {
                    Ok(key) => {
                        if let Some(other) = owner.insert(key, i.name) {
                            errors.push(error_at(
                                loaded,
                                key_name,
                                format!(
                                    "key `{key_name}` is bound to both `{other}` and `{}`",
                                    i.name
                                ),
                            ));
                        } else {
                            map.bind(key, i.action);
                        }
                    }
                    Err(msg) => errors.push(error_at(
                        loaded,
                        key_name,
                        format!("{msg} for action `{}`", i.name),
                    )),
                }
            }
        }
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(errors)
        }
    }

    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        self.by_key.get(&Key::from_event(ev)).copied()
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first key of `action` as a user would type it, or `None` when unbound.
    pub fn first(&self, action: Action) -> Option<String> {
        self.keys(action).first().map(Key::to_string)
    }

    /// All keys of `action`, `/`-separated (for help).
    pub fn describe(&self, action: Action) -> String {
        let keys: Vec<String> = self.keys(action).iter().map(Key::to_string).collect();
        if keys.is_empty() {
            "(unbound)".into()
        } else {
            keys.join(" / ")
        }
    }
}

/// The error for a bad key name: the line holding it quoted (most precise), else any line
/// in `[keys]` that mentions it.
fn error_at(loaded: &LoadedConfig, key_name: &str, message: String) -> ConfigError {
    let quoted = loaded.error_at("keys", &format!("\"{key_name}\""), message.clone());
    if quoted.path.is_some() || loaded.user_file.is_none() {
        return quoted;
    }
    loaded.error_at("keys", key_name, message)
}

/// Every problem in `[keys]`: unknown actions, bad key names, keys bound twice. Empty when
/// the keys are usable. `newslens check` calls this.
pub fn validate_keys(loaded: &LoadedConfig) -> Vec<ConfigError> {
    Keymap::from_config(loaded).err().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_in_the_table_once() {
        for (i, a) in ACTIONS.iter().enumerate() {
            assert_eq!(a.action.info().name, a.name);
            assert!(ACTIONS[i + 1..].iter().all(|b| b.name != a.name));
        }
    }

    #[test]
    fn key_names_parse_and_print_back() {
        for name in [
            "j",
            "G",
            "?",
            "Down",
            "Ctrl-d",
            "Shift-Tab",
            "Space",
            "PageDown",
            "F1",
            "Enter",
            "Esc",
            "Alt-x",
            "-",
            "]",
        ] {
            let key = Key::parse(name).unwrap();
            assert_eq!(key.to_string(), name);
        }
        assert_eq!(Key::parse("Shift-g").unwrap(), Key::parse("G").unwrap());
        assert!(Key::parse("Hyper-x").is_err());
        assert!(Key::parse("Dwn").is_err());
        assert!(Key::parse("F99").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn terminal_events_match_config_names() {
        let map = Keymap::defaults();
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(&shifted_g), Some(Action::Bottom));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(map.action(&backtab), Some(Action::FocusPrev));
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(map.action(&ctrl_d), Some(Action::HalfPageDown));
    }

    #[test]
    fn defaults_in_config_toml_match_the_table() {
        let config = crate::config::defaults();
        for i in ACTIONS {
            let want: Vec<String> = i.defaults.iter().map(|s| s.to_string()).collect();
            assert_eq!(config.keys.get(i.name), Some(&want), "{}", i.name);
        }
        assert_eq!(config.keys.len(), ACTIONS.len());
    }
}
