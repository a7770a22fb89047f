//! `cargo run --release --example gen-vault -- DIR --notes N --seed S [--profile dense]`: writes
//! a deterministic vault of generated study notes (about 5 KB each: question headings, bold and
//! outline definitions in English and Russian, code fences, links across notes with a few broken
//! anchors, wiki links, `f` gaps), the same one the benchmarks use; `--profile dense` writes the
//! link-dense shape. Try `notes-lsp check DIR` on it.

#[path = "../benches/vault/mod.rs"]
mod vault;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "gen-vault", about = "Write a generated vault of study notes")]
struct Args {
    /// Folder to write into (created if missing).
    dir: PathBuf,
    /// How many notes.
    #[arg(long, default_value_t = 10_000)]
    notes: usize,
    /// Seed: the same notes and seed give the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The vault's shape: `standard`, or `dense` (many links, hub notes, long shared headings).
    #[arg(long, default_value = "standard", value_parser = parse_profile)]
    profile: vault::Profile,
}

fn parse_profile(name: &str) -> Result<vault::Profile, String> {
    vault::Profile::named(name).ok_or_else(|| format!("no profile {name:?} (standard, dense)"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    match vault::generate_profile(&args.dir, args.notes, args.seed, args.profile) {
        Ok(v) => {
            println!(
                "{} in {:.2?}: {}",
                args.dir.display(),
                started.elapsed(),
                vault::summary(&v)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-vault: {}: {e}", args.dir.display());
            ExitCode::from(2)
        }
    }
}
