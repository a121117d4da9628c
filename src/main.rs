//! The `newslens` command line: the reader by default, plus analyze, export, import, check.

use clap::{Parser, Subcommand, ValueEnum};
use newslens::analysis::Analyzer;
use newslens::commands::{self, analyze, check, correct, export, import, syntax};
use newslens::config;
use newslens::index::search::Counting;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
In the reader, ? or F1 lists every key (from your configuration).

Files:
  <corpus>/.newslens/annotations/<article-id>.toml   annotations, one file per article
  <corpus>/.newslens/corrections.toml                your corrections (reader, `newslens correct`)
  <corpus>/.newslens/lock                            held while a reader has the corpus open
  <corpus>/.newslens/index.sqlite                    the corpus index (a cache; see README)
  $XDG_DATA_HOME/newslens/newsboat/.newslens/         annotations of newsboat items (--newsboat)
  $XDG_CONFIG_HOME/newslens/config.toml              user configuration (see config.toml)

Environment:
  NO_COLOR            any value: no colours; highlights use bold, reverse and underline
  RAYON_NUM_THREADS   threads used to analyse articles (default: all cores)
  VISUAL, EDITOR      editor for notes (the E key)
  XDG_CONFIG_HOME     where the user configuration is looked for (default: ~/.config)";

/// A terminal reader for news analysis: actors, themes and tensions beside the text.
///
/// With no command, opens the reader on PATH (folders of .md and .txt articles, searched
/// recursively), else the config's [corpus] path, else ./articles.
#[derive(Parser, Debug)]
#[command(
    name = "newslens",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true,
    after_long_help = AFTER_HELP
)]
struct Cli {
    /// A user config file; it overrides only the keys it names
    /// [default: $XDG_CONFIG_HOME/newslens/config.toml when it exists]
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Read newsboat's cache too, read-only, one folder per feed (works with every command)
    /// [default CACHE.db: ~/.newsboat/cache.db, else $XDG_DATA_HOME/newsboat/cache.db]
    #[arg(
        long,
        global = true,
        value_name = "CACHE.db",
        num_args = 0..=1,
        default_missing_value = ""
    )]
    newsboat: Option<PathBuf>,

    /// Folders or files to open in the reader
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Analyse articles and print actors, themes and tensions with their evidence
    ///
    /// Runs on all cores; set RAYON_NUM_THREADS=1 for one. Offsets in JSON are UTF-8 byte
    /// offsets into each article's "body". Unreadable files are reported on stderr and the
    /// rest still analysed; exits 1 only when no article could be analysed.
    Analyze {
        /// Folders or files to analyse [default: the config's corpus, else ./articles]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// json: one object {"articles": [...]}; jsonl: one article per line; text: for people
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Json)]
        format: AnalyzeFormat,
    },
    /// Export annotations as a Markdown digest, W3C Web Annotation JSON-LD, CSV, or REFI-QDA
    Export {
        /// Corpus folders whose annotations to export [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// md: a readable digest per article; json: W3C Web Annotation JSON-LD (positions in
        /// code points); csv: one row per annotation; qdpx: a REFI-QDA project for QualCoder,
        /// ATLAS.ti, MAXQDA or NVivo (needs --output); qdc: the REFI-QDA codebook alone
        #[arg(long, value_enum)]
        format: ExportFormatArg,
        /// Write here instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import W3C Web Annotation JSON (as written by `export --format json`) into a corpus
    Import {
        /// The JSON file to read
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The corpus folder to import into [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Build or update the corpus index (<corpus>/.newslens/index.sqlite), with progress
    ///
    /// Only new and changed files are analysed (on all cores); deleted files are removed.
    /// The index is a cache: deleting it loses nothing.
    Index {
        /// Corpus folders to index [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Delete the index first and analyse every article again
        #[arg(long)]
        rebuild: bool,
    },
    /// Articles matching a query, best first, with snippets (updates the index first)
    ///
    /// QUERY: free words (ranked full text; "a phrase", prefix*), actor:NAME, kind:KIND,
    /// theme:ID, tension:SIDE/SIDE, tag:TAG, note:WORDS, source:WORDS,
    /// date:2025-01..2025-06; -TERM negates; all terms must hold. Exits 1 when nothing
    /// matches, 2 on a bad query.
    Search {
        /// The query (quote it for the shell)
        #[arg(value_name = "QUERY")]
        query: String,
        /// Corpus folders to search [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// text: for people; json: one document {"query", "total", "articles": [...]}
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Most articles listed
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// How far to count the matches: up to N ("more than N" beyond), or `exact`
        #[arg(long, value_name = "N|exact", default_value = "1000", value_parser = parse_counting)]
        count: Counting,
    },
    /// Actors, themes and tensions across the corpus, by month, and who appears with whom
    Corpus {
        /// The corpus folder [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// text: for people; json: one document
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// How many actors, themes, tensions and pairs to list
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// One actor's timeline and who appears with it (a name, surname or alias)
        #[arg(long, value_name = "NAME")]
        actor: Option<String>,
    },
    /// Add a correction to the corpus's corrections file (what the engine got wrong)
    ///
    /// Names match an actor's name or any alias, case and accents ignored, and are checked
    /// against the analysis (unknown names are refused with the closest ones, exit 2).
    /// Without --article the correction applies to every article of the corpus.
    Correct {
        /// The corpus folder [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only this article (its id: the path under the corpus without extension)
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        #[command(flatten)]
        correction: CorrectionArgs,
    },
    /// List the corpus's corrections and those that no longer apply, or (--format toml)
    /// write the corpus-wide ones as a config fragment to keep in your own config
    Corrections {
        /// The corpus folder [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CorrectionsFormat::Text)]
        format: CorrectionsFormat,
    },
    /// Validate the configuration and the articles; list every problem; exit 1 on errors
    Check {
        /// Folders or files to check [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print each sentence's tokens, part-of-speech tags and dependency tree
    ///
    /// CoNLL-U columns: ID, FORM, LEMMA (_), UPOS, XPOS (_), FEATS (_), HEAD, DEPREL, DEPS
    /// (_), MISC (Span=START:END, byte offsets into the article body). A .conllu file keeps
    /// its own sentences and tokens, which are tagged and parsed afresh.
    Syntax {
        /// Folders or files of articles, or .conllu files [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// conllu: CoNLL-U; text: an indented tree per sentence
        #[arg(long, value_enum, default_value_t = SyntaxFormatArg::Conllu)]
        format: SyntaxFormatArg,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SyntaxFormatArg {
    Conllu,
    Text,
}

/// The one correction `correct` makes.
#[derive(clap::Args, Debug)]
#[group(required = true, multiple = false)]
struct CorrectionArgs {
    /// NAME is not an actor
    #[arg(long, value_name = "NAME")]
    reject_actor: Option<String>,
    /// The actor NAME is of KIND (person, organization, country, place, region, group)
    #[arg(long, value_name = "NAME=KIND")]
    kind: Option<String>,
    /// NAME is the actor INTO (mentions and aliases join it)
    #[arg(long, value_name = "NAME=INTO")]
    merge: Option<String>,
    /// Show the actor NAME as NEW
    #[arg(long, value_name = "NAME=NEW")]
    rename: Option<String>,
    /// No tension between actors A and B
    #[arg(long, value_name = "A/B")]
    reject_tension: Option<String>,
    /// A tension between actors A and B (evidence: the sentences naming both)
    #[arg(long, value_name = "A/B")]
    add_tension: Option<String>,
}

impl CorrectionArgs {
    fn request(self) -> correct::Request {
        use correct::Request as R;
        let c = self;
        c.reject_actor
            .map(R::RejectActor)
            .or(c.kind.map(R::Kind))
            .or(c.merge.map(R::Merge))
            .or(c.rename.map(R::Rename))
            .or(c.reject_tension.map(R::RejectTension))
            .or(c.add_tension.map(R::AddTension))
            .unwrap_or(R::RejectActor(String::new()))
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CorrectionsFormat {
    Text,
    Toml,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum AnalyzeFormat {
    Json,
    Jsonl,
    Text,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

/// `--count`: a number of matches to count up to, or `exact`.
fn parse_counting(s: &str) -> Result<Counting, String> {
    if s.eq_ignore_ascii_case("exact") {
        return Ok(Counting::Exact);
    }
    s.replace(',', "")
        .parse::<usize>()
        .map(Counting::UpTo)
        .map_err(|_| format!("expected a number of matches or `exact`, not `{s}`"))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ExportFormatArg {
    Md,
    Json,
    Csv,
    Qdpx,
    Qdc,
}

fn main() -> ExitCode {
    let _ = newslens::tui::startup::STARTED.set(std::time::Instant::now());
    let cli = Cli::parse();
    let loaded = match config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            newslens::sanitize::eprint_line(format_args!("newslens: invalid configuration: {e}"));
            return ExitCode::from(1);
        }
    };
    if let Some(cache) = &cli.newsboat {
        match commands::newsboat_cache(cache) {
            Ok(cache) => commands::read_newsboat(cache),
            Err(e) => {
                eprintln!("newslens: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let code = match cli.command {
        None => {
            let paths = commands::corpus_paths(&cli.paths, &loaded.config);
            if let Err(code) = require_existing(&paths) {
                return code;
            }
            run_reader(&loaded, &paths)
        }
        Some(Command::Analyze { paths, format }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            if let Err(code) = require_existing(&paths) {
                return code;
            }
            run_analyze(&loaded, &paths, format)
        }
        Some(Command::Export {
            paths,
            format,
            output,
        }) => {
            let format = match format {
                ExportFormatArg::Md => export::ExportFormat::Markdown,
                ExportFormatArg::Json => export::ExportFormat::Json,
                ExportFormatArg::Csv => export::ExportFormat::Csv,
                ExportFormatArg::Qdpx => export::ExportFormat::Qdpx,
                ExportFormatArg::Qdc => export::ExportFormat::Qdc,
            };
            let paths = commands::corpus_paths(&paths, &loaded.config);
            if let Err(code) = require_existing(&paths) {
                return code;
            }
            export::run(&loaded, &paths, format, output.as_deref())
        }
        Some(Command::Import { file, paths }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            if let Err(code) = require_existing(&[std::slice::from_ref(&file), &paths[..]].concat())
            {
                return code;
            }
            import::run(&loaded, &file, &paths)
        }
        Some(Command::Index { paths, rebuild }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            commands::index::run(&loaded, &paths, rebuild)
        }
        Some(Command::Search {
            query,
            paths,
            format,
            limit,
            count,
        }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            let format = match format {
                ReportFormat::Text => commands::search::SearchFormat::Text,
                ReportFormat::Json => commands::search::SearchFormat::Json,
            };
            commands::search::run(&loaded, &query, &paths, format, limit, count)
        }
        Some(Command::Corpus {
            paths,
            format,
            top,
            actor,
        }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            let format = match format {
                ReportFormat::Text => commands::corpus_report::CorpusFormat::Text,
                ReportFormat::Json => commands::corpus_report::CorpusFormat::Json,
            };
            commands::corpus_report::run(&loaded, &paths, format, top, actor.as_deref())
        }
        Some(Command::Correct {
            paths,
            article,
            correction,
        }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            correct::run_correct(&loaded, &paths, article.as_deref(), &correction.request())
        }
        Some(Command::Corrections { paths, format }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            let format = match format {
                CorrectionsFormat::Text => correct::ListFormat::Text,
                CorrectionsFormat::Toml => correct::ListFormat::Toml,
            };
            correct::run_list(&loaded, &paths, format)
        }
        Some(Command::Check { paths }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            if let Err(code) = require_existing(&paths) {
                return code;
            }
            check::run(&loaded, &paths)
        }
        Some(Command::Syntax { paths, format }) => {
            let format = match format {
                SyntaxFormatArg::Conllu => syntax::SyntaxFormat::Conllu,
                SyntaxFormatArg::Text => syntax::SyntaxFormat::Text,
            };
            syntax::run(&loaded, &paths, format)
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Exit status for a command line naming a path that does not exist (a usage error).
const EXIT_USAGE: u8 = 2;

/// Every path must exist before anything runs (and before the reader touches the terminal):
/// each missing one is said on stderr, then the command fails with [`EXIT_USAGE`].
fn require_existing(paths: &[PathBuf]) -> Result<(), ExitCode> {
    let mut missing = false;
    for p in paths {
        if p.exists() {
            continue;
        }
        missing = true;
        let why = if p.symlink_metadata().is_ok() {
            "is a symbolic link to something that does not exist"
        } else {
            "does not exist"
        };
        let shown = newslens::sanitize::clean(&p.display().to_string()).into_owned();
        eprintln!("newslens: {shown}: {why}");
    }
    if missing {
        Err(ExitCode::from(EXIT_USAGE))
    } else {
        Ok(())
    }
}

fn build_analyzer(loaded: &config::LoadedConfig) -> Option<Analyzer> {
    match Analyzer::new(&loaded.config) {
        Ok(a) => Some(a),
        Err(e) => {
            newslens::sanitize::eprint_line(format_args!("newslens: invalid configuration: {e}"));
            None
        }
    }
}

fn run_reader(loaded: &config::LoadedConfig, paths: &[PathBuf]) -> i32 {
    let paths = commands::corpus_paths(paths, &loaded.config);
    let result = match paths.as_slice() {
        // One folder: the reader starts from its index and keeps it up to date; the engine
        // is built behind the first frame.
        [root] if root.is_dir() && !commands::newsboat_requested() => {
            newslens::tui::run_folder(loaded, root, || {
                commands::load_corpus(&paths, &loaded.config)
            })
        }
        _ => {
            let Some(analyzer) = build_analyzer(loaded) else {
                return 1;
            };
            let mut corpus = commands::load_corpus(&paths, &loaded.config);
            commands::open_newsboat_item_first(&mut corpus);
            newslens::tui::run(loaded, corpus, analyzer)
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            newslens::sanitize::eprint_line(format_args!("newslens: {e}"));
            1
        }
    }
}

fn run_analyze(loaded: &config::LoadedConfig, paths: &[PathBuf], format: AnalyzeFormat) -> i32 {
    let Some(analyzer) = build_analyzer(loaded) else {
        return 1;
    };
    let paths = commands::corpus_paths(paths, &loaded.config);
    let corpus = commands::load_corpus(&paths, &loaded.config);
    for p in &corpus.problems {
        newslens::sanitize::eprint_line(format_args!("{p}"));
    }
    if corpus.articles.is_empty() {
        newslens::sanitize::eprint_line(format_args!("newslens: no article could be analysed"));
        return 1;
    }
    let (analyses, messages) = analyze::analyze_corrected(&analyzer, &corpus);
    for m in &messages {
        newslens::sanitize::eprint_line(format_args!("newslens: {m}"));
    }
    let format = match format {
        AnalyzeFormat::Json => analyze::OutputFormat::Json,
        AnalyzeFormat::Jsonl => analyze::OutputFormat::JsonLines,
        AnalyzeFormat::Text => analyze::OutputFormat::Text,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match analyze::write_report(&mut out, &corpus.articles, &analyses, format) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            newslens::sanitize::eprint_line(format_args!("newslens: cannot write the report: {e}"));
            1
        }
    }
}
