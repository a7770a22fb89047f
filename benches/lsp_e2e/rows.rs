//! Rows of the table: latencies, answer rates and notes, and the loop that measures them.

use crate::client::Server;
use crate::Options;
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Row {
    pub name: String,
    pub target: String,
    pub latencies: Vec<Duration>,
    pub non_empty: usize,
    pub correct: usize,
    pub failed: usize,
    pub note: String,
}

impl Row {
    pub fn new(name: &str, target: &str) -> Row {
        Row {
            name: name.into(),
            target: target.into(),
            ..Row::default()
        }
    }

    pub fn single(name: &str, target: &str, value: String) -> Row {
        Row {
            note: value,
            ..Row::new(name, target)
        }
    }

    pub fn percentile(&self, p: f64) -> Option<Duration> {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let n = sorted.len();
        (n > 0).then(|| sorted[((p * n as f64).ceil() as usize).clamp(1, n) - 1])
    }

    pub fn markdown(&self) -> String {
        let n = self.latencies.len() + self.failed;
        if n == 0 {
            return format!(
                "| {} | {} | | | | | | | {} |",
                self.name, self.target, self.note
            );
        }
        let pct = |k: usize| format!("{:.1}%", 100.0 * k as f64 / n as f64);
        let ms = |d: Option<Duration>| d.map_or("–".into(), fmt);
        let mut note = self.note.clone();
        if self.failed > 0 {
            note = format!("{} failed/timed out. {note}", self.failed);
        }
        format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.name,
            self.target,
            n,
            ms(self.percentile(0.50)),
            ms(self.percentile(0.95)),
            ms(self.percentile(0.99)),
            ms(self.percentile(1.0)),
            pct(self.non_empty),
            pct(self.correct),
            note.trim()
        )
    }
}

pub fn fmt(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

pub fn mb(kb: Option<u64>) -> String {
    kb.map_or("?".into(), |kb| format!("{:.0} MB", kb as f64 / 1024.0))
}

/// Runs `one` on `items` in turn (cycling) until `samples` answers or the budget is spent.
pub fn measure<T: std::fmt::Debug>(
    server: &mut Server,
    row: &mut Row,
    items: &[T],
    count: usize,
    o: &Options,
    mut one: impl FnMut(&mut Server, &T) -> Result<(Duration, bool, bool), String>,
) {
    if !o.only.is_empty() && !o.only.iter().any(|w| row.name.contains(w.as_str())) {
        row.note = "skipped (--only)".into();
        return;
    }
    if items.is_empty() {
        row.note = "no positions".into();
        return;
    }
    let started = Instant::now();
    let mut consecutive_failures = 0;
    for i in 0..count {
        if started.elapsed() > o.budget {
            row.note = format!("stopped at the {:.0} s budget", o.budget.as_secs_f64());
            break;
        }
        match one(server, &items[i % items.len()]) {
            Ok((latency, non_empty, correct)) => {
                if !correct && o.debug > 0 && row.latencies.len() - row.correct < o.debug {
                    eprintln!(
                        "lsp_e2e: {}: wrong answer at {:?}",
                        row.name,
                        items[i % items.len()]
                    );
                }
                consecutive_failures = 0;
                row.latencies.push(latency);
                row.non_empty += non_empty as usize;
                row.correct += correct as usize;
            }
            Err(e) => {
                row.failed += 1;
                consecutive_failures += 1;
                if row.failed <= 3 {
                    eprintln!("lsp_e2e: {}: {e}", row.name);
                }
                if consecutive_failures >= 3 {
                    row.note = "gave up after 3 failures in a row".into();
                    break;
                }
            }
        }
    }
}

pub struct Report {
    pub rows: Vec<Row>,
}
