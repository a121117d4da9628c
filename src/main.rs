//! The `newslens` command line: the reader by default, plus analyze, export, import, check.

use clap::{Parser, Subcommand, ValueEnum};
use newslens::analysis::Analyzer;
use newslens::commands::{self, analyze, check, export, import};
use newslens::config;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
In the reader, ? or F1 lists every key (from your configuration).

Files:
  <corpus>/.newslens/annotations/<article-id>.toml   annotations, one file per article
  <corpus>/.newslens/lock                            held while a reader has the corpus open
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
    /// Export annotations as a Markdown digest, W3C Web Annotation JSON-LD, or CSV
    Export {
        /// Corpus folders whose annotations to export [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// md: a readable digest per article; json: W3C Web Annotation JSON-LD (positions in
        /// code points); csv: one row per annotation
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
    /// Validate the configuration and the articles; list every problem; exit 1 on errors
    Check {
        /// Folders or files to check [default: as for the reader]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum AnalyzeFormat {
    Json,
    Jsonl,
    Text,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ExportFormatArg {
    Md,
    Json,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let loaded = match config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("newslens: invalid configuration: {e}");
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
        None => run_reader(&loaded, &cli.paths),
        Some(Command::Analyze { paths, format }) => run_analyze(&loaded, &paths, format),
        Some(Command::Export {
            paths,
            format,
            output,
        }) => {
            let format = match format {
                ExportFormatArg::Md => export::ExportFormat::Markdown,
                ExportFormatArg::Json => export::ExportFormat::Json,
                ExportFormatArg::Csv => export::ExportFormat::Csv,
            };
            let paths = commands::corpus_paths(&paths, &loaded.config);
            export::run(&loaded, &paths, format, output.as_deref())
        }
        Some(Command::Import { file, paths }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            import::run(&loaded, &file, &paths)
        }
        Some(Command::Check { paths }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            check::run(&loaded, &paths)
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn build_analyzer(loaded: &config::LoadedConfig) -> Option<Analyzer> {
    match Analyzer::new(&loaded.config) {
        Ok(a) => Some(a),
        Err(e) => {
            eprintln!("newslens: invalid configuration: {e}");
            None
        }
    }
}

fn run_reader(loaded: &config::LoadedConfig, paths: &[PathBuf]) -> i32 {
    let Some(analyzer) = build_analyzer(loaded) else {
        return 1;
    };
    let paths = commands::corpus_paths(paths, &loaded.config);
    let mut corpus = commands::load_corpus(&paths, &loaded.config);
    commands::open_newsboat_item_first(&mut corpus);
    match newslens::tui::run(loaded, corpus, analyzer) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("newslens: {e}");
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
        eprintln!("{p}");
    }
    if corpus.articles.is_empty() {
        eprintln!("newslens: no article could be analysed");
        return 1;
    }
    let analyses = analyze::analyze_all(&analyzer, &corpus);
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
            let _ = writeln!(io::stderr(), "newslens: cannot write the report: {e}");
            1
        }
    }
}
