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
    Qdpx,
    Qdc,
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
        Some(Command::Check { paths }) => {
            let paths = commands::corpus_paths(&paths, &loaded.config);
            if let Err(code) = require_existing(&paths) {
                return code;
            }
            check::run(&loaded, &paths)
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
    let corpus = commands::load_corpus(&paths, &loaded.config);
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
