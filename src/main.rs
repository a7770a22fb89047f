//! The `notes-lsp` binary: an LSP server on stdio, or the command-line tools.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "notes-lsp",
    version,
    about = "A language server for markdown study notes"
)]
struct Args {
    /// Serve LSP on stdin/stdout (the default when no command is given).
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the diagnostics the editor would show, for every note under DIR.
    Check {
        /// The notes folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: notes_lsp::cli::Format,
    },
    /// Print the answer the notes under DIR hold for TERM, as the editor's hover shows it.
    Define {
        /// The term, e.g. GIL, "CAP theorem", Шардирование.
        term: String,
        /// The notes folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// The study report of the notes under DIR: per note and section, questions answered and
    /// open, each open one with where another note answers it. Exits 0 whatever it finds.
    Gaps {
        /// The notes folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: notes_lsp::cli::ReportFormat,
    },
    /// Full-text search over the notes under DIR: ranked hits as `path:line: heading — snippet`.
    Search {
        /// Words to find (the last one may be a prefix), English or Russian.
        query: String,
        /// The notes folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Most hits to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "notes_lsp=info".into()),
        )
        .init();
    match args.command {
        None => notes_lsp::server::serve_stdio(),
        Some(Command::Check { dir, format }) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(notes_lsp::cli::check(&dir, format, &mut out))
        }
        Some(Command::Define { term, dir }) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(notes_lsp::cli::define(&term, &dir, &mut out))
        }
        Some(Command::Gaps { dir, format }) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(notes_lsp::cli::gaps(&dir, format, &mut out))
        }
        Some(Command::Search { query, dir, limit }) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(notes_lsp::cli::search(&query, &dir, limit, &mut out))
        }
    }
}
