//! Readings of the server process from /proc: memory and CPU time.

use std::process::Command;
use std::time::{Duration, Instant};

pub fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

pub fn clock_ticks_per_second() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// CPU time the process used over `window`, in milliseconds.
pub fn idle_cpu_ms(pid: u32, window: Duration) -> Option<f64> {
    let before = cpu_ticks(pid)?;
    std::thread::sleep(window);
    let after = cpu_ticks(pid)?;
    Some((after - before) as f64 * 1000.0 / clock_ticks_per_second() as f64)
}

/// Waits (at most `limit`) until the process uses no CPU for half a second; returns how long
/// that took and the CPU milliseconds it used meanwhile.
pub fn settle(pid: u32, limit: Duration) -> (Duration, f64) {
    let started = Instant::now();
    let mut used = 0.0;
    while started.elapsed() < limit {
        match idle_cpu_ms(pid, Duration::from_millis(500)) {
            Some(ms) if ms > 10.0 => used += ms,
            _ => break,
        }
    }
    let waited = started.elapsed().saturating_sub(Duration::from_millis(500));
    if used == 0.0 {
        (Duration::ZERO, 0.0)
    } else {
        (waited, used)
    }
}
