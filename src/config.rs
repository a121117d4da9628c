//! Configuration: the documented defaults in `config.toml` (compiled in), overridden key by
//! key by a user file (`--config FILE`, else `$XDG_CONFIG_HOME/newslens/config.toml`).
//!
//! A user file is checked on its own first, so a wrong type or an unknown key is reported
//! with that file's path and line. Tables merge recursively; arrays of tables whose entries
//! carry an `id` (themes) or `name` (codebook tags) merge entry by entry; any other value
//! the user names replaces the default.

use crate::analysis::tensions::TensionLexicon;
use crate::analysis::themes::ThemeDef;
use crate::corrections::lexicon::ActorLexicon;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The documented default configuration, as shipped.
pub const DEFAULT_TOML: &str = include_str!("../config.toml");

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub corpus: CorpusConfig,
    /// Action name -> key names, e.g. `scroll_down = ["j", "Down"]`.
    pub keys: BTreeMap<String, Vec<String>>,
    /// Palette role -> colour name or `#rrggbb`.
    pub colors: BTreeMap<String, String>,
    #[serde(rename = "theme")]
    pub themes: Vec<ThemeDef>,
    pub tensions: TensionLexicon,
    pub codebook: Codebook,
    /// What the analyst knows about names (aliases, kinds, exclusions), applied after
    /// analysis to every article (see `corrections::lexicon`).
    pub actors: ActorLexicon,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CorpusConfig {
    /// Folder opened when no PATH is given on the command line.
    pub path: Option<PathBuf>,
    /// Files larger than this many bytes are reported and skipped.
    pub max_file_bytes: u64,
    /// Follow symbolic links to folders outside the corpus folder.
    pub follow_links: bool,
}

impl Default for CorpusConfig {
    fn default() -> Self {
        CorpusConfig {
            path: None,
            max_file_bytes: 8 * 1024 * 1024,
            follow_links: false,
        }
    }
}

/// Tags offered when annotating. Free tags are allowed too.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Codebook {
    #[serde(rename = "tag")]
    pub tags: Vec<CodebookTag>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CodebookTag {
    pub name: String,
    /// Colour name or `#rrggbb`.
    pub color: String,
    pub description: String,
}

/// A configuration file that cannot be used, said with its path and line.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    /// `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = match &self.path {
            Some(p) => p.display().to_string(),
            None => "built-in config.toml".to_string(),
        };
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A loaded configuration and the user file it came from, kept so later checks (key names,
/// colours) can point at the line that holds a bad value.
#[derive(Clone, Debug, Default)]
pub struct LoadedConfig {
    pub config: Config,
    /// The user file's path and text, when one was read.
    pub user_file: Option<(PathBuf, String)>,
}

impl LoadedConfig {
    /// The error to show for a bad `value` under `[section]`: with the user file's path and
    /// the line holding the value when the user file has it, else against the defaults.
    pub fn error_at(&self, section: &str, value: &str, message: String) -> ConfigError {
        if let Some((path, text)) = &self.user_file
            && let Some(line) = line_of(text, section, value)
        {
            return ConfigError {
                path: Some(path.clone()),
                line: Some(line),
                message,
            };
        }
        ConfigError {
            path: None,
            line: line_of(DEFAULT_TOML, section, value),
            message,
        }
    }
}

/// The 1-based line inside `[section]` (or its sub-tables) whose text contains `value`.
fn line_of(text: &str, section: &str, value: &str) -> Option<usize> {
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('[') {
            let name = rest
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            inside = name == section || name.starts_with(&format!("{section}."));
            continue;
        }
        if inside && line.contains(value) {
            return Some(i + 1);
        }
    }
    None
}

/// The user file to read: `explicit`, else `$XDG_CONFIG_HOME/newslens/config.toml` (or
/// `~/.config/...`) when that exists.
pub fn user_config_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    let path = base.join("newslens").join("config.toml");
    path.is_file().then_some(path)
}

/// Load the defaults and, if any, the user file. An explicit `--config` file that cannot be
/// read is an error; so is any invalid value. Never returns a half-applied configuration.
pub fn load(explicit: Option<&Path>) -> Result<LoadedConfig, ConfigError> {
    let defaults = parse_value(DEFAULT_TOML, None)?;
    let Some(path) = user_config_path(explicit) else {
        let config = typed(DEFAULT_TOML, None)?;
        validate(&config, None)?;
        return Ok(LoadedConfig {
            config,
            user_file: None,
        });
    };
    let bytes = std::fs::read(&path).map_err(|e| ConfigError {
        path: Some(path.clone()),
        line: None,
        message: format!("cannot read the config file: {e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ConfigError {
        path: Some(path.clone()),
        line: Some(line_at(&e.as_bytes()[..e.utf8_error().valid_up_to()])),
        message: "the config file is not valid UTF-8".into(),
    })?;
    let user = parse_value(&text, Some(&path))?;
    // Typed check of the user file alone: wrong types and unknown keys get its line numbers.
    typed(&text, Some(&path))?;
    let merged = merge(defaults, user);
    let config = Config::deserialize(merged).map_err(|e| ConfigError {
        path: Some(path.clone()),
        line: None,
        message: e.to_string(),
    })?;
    validate(&config, Some(&path))?;
    Ok(LoadedConfig {
        config,
        user_file: Some((path, text)),
    })
}

/// The built-in defaults alone. They are tested, so failing here is a build defect.
pub fn defaults() -> Config {
    match typed(DEFAULT_TOML, None) {
        Ok(c) => c,
        Err(e) => panic!("the built-in config.toml is invalid: {e}"),
    }
}

fn line_at(prefix: &[u8]) -> usize {
    prefix.iter().filter(|&&b| b == b'\n').count() + 1
}

fn toml_error(text: &str, path: Option<&Path>, e: toml::de::Error) -> ConfigError {
    let line = e
        .span()
        .map(|s| line_at(&text.as_bytes()[..s.start.min(text.len())]));
    ConfigError {
        path: path.map(Path::to_path_buf),
        line,
        message: e.message().trim().to_string(),
    }
}

fn parse_value(text: &str, path: Option<&Path>) -> Result<toml::Value, ConfigError> {
    toml::from_str::<toml::Table>(text)
        .map(toml::Value::Table)
        .map_err(|e| toml_error(text, path, e))
}

fn typed(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
    toml::from_str::<Config>(text).map_err(|e| toml_error(text, path, e))
}

/// Checks that need the merged whole: themes need an id, a label and cues.
fn validate(config: &Config, path: Option<&Path>) -> Result<(), ConfigError> {
    let fail = |message: String| ConfigError {
        path: path.map(Path::to_path_buf),
        line: None,
        message,
    };
    let mut seen = std::collections::HashSet::new();
    for theme in &config.themes {
        if theme.id.trim().is_empty() {
            return Err(fail("a [[theme]] has no id".into()));
        }
        if !seen.insert(theme.id.as_str()) {
            return Err(fail(format!("theme `{}` is defined twice", theme.id)));
        }
        if theme.label.trim().is_empty() {
            return Err(fail(format!("theme `{}` has no label", theme.id)));
        }
        if theme.cues.is_empty() {
            return Err(fail(format!("theme `{}` has no cues", theme.id)));
        }
    }
    for tag in &config.codebook.tags {
        if tag.name.trim().is_empty() {
            return Err(fail("a [[codebook.tag]] has no name".into()));
        }
    }
    Ok(())
}

/// The key an array-of-tables entry is matched on when merging, if it has one.
fn entry_key(v: &toml::Value) -> Option<&str> {
    let t = v.as_table()?;
    t.get("id").or_else(|| t.get("name"))?.as_str()
}

/// `user` over `base`: tables recursively, keyed arrays of tables entry by entry.
fn merge(base: toml::Value, user: toml::Value) -> toml::Value {
    use toml::Value;
    match (base, user) {
        (Value::Table(mut b), Value::Table(u)) => {
            for (k, uv) in u {
                let merged = match b.remove(&k) {
                    Some(bv) => merge(bv, uv),
                    None => uv,
                };
                b.insert(k, merged);
            }
            Value::Table(b)
        }
        (Value::Array(b), Value::Array(u))
            if !u.is_empty() && b.iter().chain(u.iter()).all(|v| entry_key(v).is_some()) =>
        {
            let mut out = b;
            for uv in u {
                let key = entry_key(&uv).map(str::to_string);
                match out
                    .iter()
                    .position(|bv| entry_key(bv).map(str::to_string) == key)
                {
                    Some(i) => {
                        let bv = out.remove(i);
                        out.insert(i, merge(bv, uv));
                    }
                    None => out.push(uv),
                }
            }
            Value::Array(out)
        }
        (_, u) => u,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn user_file(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    #[test]
    fn built_in_defaults_are_valid() {
        let c = defaults();
        assert!(validate(&c, None).is_ok());
    }

    #[test]
    fn user_file_overrides_only_what_it_names() {
        let f = user_file("[corpus]\npath = \"/tmp/news\"\n[keys]\nquit = [\"x\"]\n");
        let loaded = load(Some(f.path())).unwrap();
        let c = loaded.config;
        assert_eq!(c.corpus.path, Some(PathBuf::from("/tmp/news")));
        assert_eq!(c.corpus.max_file_bytes, defaults().corpus.max_file_bytes);
        assert_eq!(c.keys.get("quit"), Some(&vec!["x".to_string()]));
        assert_eq!(c.themes, defaults().themes);
        // Other keys keep their defaults.
        for (action, keys) in &defaults().keys {
            if action != "quit" {
                assert_eq!(c.keys.get(action), Some(keys), "{action}");
            }
        }
    }

    #[test]
    fn themes_merge_by_id() {
        let f = user_file(
            "[[theme]]\nid = \"sport\"\nlabel = \"Games\"\n\n[[theme]]\nid = \"space\"\nlabel = \"Space\"\ncues = [\"orbit\", \"rocket\"]\n",
        );
        let c = load(Some(f.path())).unwrap().config;
        let d = defaults();
        let sport = c.themes.iter().find(|t| t.id == "sport").unwrap();
        let default_sport = d.themes.iter().find(|t| t.id == "sport");
        assert_eq!(sport.label, "Games");
        if let Some(ds) = default_sport {
            assert_eq!(sport.cues, ds.cues, "cues kept from the default");
        }
        assert!(c.themes.iter().any(|t| t.id == "space"));
        assert_eq!(
            c.themes.len(),
            d.themes.len() + 1 - usize::from(default_sport.is_none())
        );
    }

    #[test]
    fn unknown_key_is_reported_with_path_and_line() {
        let f = user_file("[corpus]\npath = \"x\"\n\n[colours]\ntext = \"red\"\n");
        let e = load(Some(f.path())).unwrap_err();
        assert_eq!(e.path.as_deref(), Some(f.path()));
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("colours"), "{e}");
    }

    #[test]
    fn wrong_type_and_bad_syntax_are_reported_with_line() {
        let f = user_file("[corpus]\nmax_file_bytes = \"big\"\n");
        let e = load(Some(f.path())).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let f = user_file("[keys]\nquit = [\"q\"\n");
        let e = load(Some(f.path())).unwrap_err();
        assert!(e.line.is_some(), "{e}");
        assert!(e.to_string().starts_with(&f.path().display().to_string()));
    }

    #[test]
    fn missing_explicit_file_and_non_utf8_are_errors() {
        let e = load(Some(Path::new("/nonexistent/newslens.toml"))).unwrap_err();
        assert!(e.message.contains("cannot read"), "{e}");
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(b"[corpus]\npath = \"\xff\"\n").unwrap();
        let e = load(Some(f.path())).unwrap_err();
        assert!(e.message.contains("UTF-8"), "{e}");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn a_theme_without_cues_is_rejected_by_name() {
        let f = user_file("[[theme]]\nid = \"space\"\nlabel = \"Space\"\n");
        let e = load(Some(f.path())).unwrap_err();
        assert!(e.message.contains("`space`"), "{e}");
    }

    #[test]
    fn error_at_points_into_the_user_file() {
        let f = user_file("[keys]\nquit = [\"Ctrl-Q-Z\"]\n");
        let loaded = load(Some(f.path())).unwrap();
        let e = loaded.error_at("keys", "Ctrl-Q-Z", "unknown key name `Ctrl-Q-Z`".into());
        assert_eq!(e.line, Some(2));
        assert_eq!(e.path.as_deref(), Some(f.path()));
    }
}
