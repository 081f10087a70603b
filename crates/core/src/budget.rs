//! The time one document's extraction may take, checked from inside it.
//!
//! A PDF is parsed in a worker process that is killed past `--pdf-timeout`.
//! Extraction runs in the batch's own threads, where nothing can be killed,
//! so its budget is cooperative: [`within`] sets a deadline for the current
//! thread, and the loops whose count grows with the text call [`check`],
//! which unwinds back to [`within`] once the deadline has passed. The
//! unwinding is `resume_unwind`, which runs no panic hook (nothing printed)
//! and which `within` tells from a real panic by its payload.
//!
//! Where it is checked: before each rule's search and at each place a finder
//! proposes (`rules`), and for each mention the signatory and place
//! extractors judge. Those are the loops that grow with the number of
//! matches; between two checks the work is one probe or regex search over
//! the text, linear in its length (see `rules/pattern.rs`). So the budget is
//! overrun by at most that much, a fraction of a second on a text under
//! `--max-bytes`.

use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    /// Calls to [`check`] under a deadline, to read the clock on some only.
    static CALLS: Cell<u32> = const { Cell::new(0) };
}

/// [`check`] reads the clock once in this many calls: reading it at every
/// place a finder proposes was 6% of a run's time.
const CLOCK_EVERY: u32 = 64;

/// The payload of the unwinding past a deadline.
#[derive(Debug)]
pub struct TimedOut;

/// Runs `f` on this thread with at most `limit` of time (`None`: no limit);
/// `Err(TimedOut)` when a [`check`] inside it found the time spent. A panic
/// of `f` goes on unwinding.
pub fn within<T>(limit: Option<Duration>, f: impl FnOnce() -> T) -> Result<T, TimedOut> {
    let outer = DEADLINE.get();
    let mine = limit.and_then(|limit| Instant::now().checked_add(limit));
    // a nested budget cannot outlast the one around it
    let deadline = match (outer, mine) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    DEADLINE.set(deadline);
    let result = catch_unwind(AssertUnwindSafe(f));
    DEADLINE.set(outer);
    match result {
        Ok(value) => Ok(value),
        Err(payload) if payload.is::<TimedOut>() && mine.is_some() => Err(TimedOut),
        Err(payload) => resume_unwind(payload),
    }
}

/// Unwinds to the enclosing [`within`] if its deadline has passed (seen at
/// one call in [`CLOCK_EVERY`]).
pub fn check() {
    let Some(deadline) = DEADLINE.get() else {
        return;
    };
    let calls = CALLS.get().wrapping_add(1);
    CALLS.set(calls);
    if calls.is_multiple_of(CLOCK_EVERY) && Instant::now() >= deadline {
        resume_unwind(Box::new(TimedOut));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_that_checks_stops_at_the_deadline() {
        let started = Instant::now();
        let result = within(Some(Duration::from_millis(50)), || loop {
            check();
            std::hint::spin_loop();
        });
        assert!(matches!(result, Err(TimedOut)));
        assert!(started.elapsed() < Duration::from_secs(5));
        // and the deadline is gone afterwards
        check();
    }

    #[test]
    fn work_within_the_budget_gives_its_value() {
        assert_eq!(within(Some(Duration::from_secs(60)), || 6 * 7).unwrap(), 42);
        assert_eq!(within(None, || "no limit").unwrap(), "no limit");
    }

    #[test]
    fn a_real_panic_is_not_a_timeout() {
        let caught = catch_unwind(|| within(Some(Duration::from_secs(60)), || panic!("boom")));
        let payload = caught.expect_err("the panic goes on");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
    }
}
