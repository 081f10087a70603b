//! The time and memory one document's extraction may take, checked from
//! inside it.
//!
//! A PDF is parsed in a worker process that is killed past `--pdf-timeout`
//! or `--pdf-memory`. Extraction runs in the batch's own threads, where
//! nothing can be killed, so its budget is cooperative: [`within`] sets a
//! deadline and a memory ceiling for the current thread, and the loops whose
//! count grows with the text call [`check`], which unwinds back to [`within`]
//! once the deadline has passed or the thread holds more than its memory
//! limit. The unwinding is `resume_unwind`, which runs no panic hook (nothing
//! printed) and which `within` tells from a real panic by its payload
//! ([`TimedOut`] or [`OverMemory`]).
//!
//! Where it is checked: before each rule's search and at each place a finder
//! proposes (`rules`), and for each mention the signatory and place
//! extractors judge. Those are the loops that grow with the number of
//! matches; between two checks the work is one probe or regex search over
//! the text, linear in its length (see `rules/pattern.rs`). So the budget is
//! overrun by at most that much: a fraction of a second on a text under
//! `--max-bytes`, and for memory what one such step allocates, which is at
//! most linear in the text (one search's matches, one copy of a span).
//!
//! # Memory
//!
//! The memory counted is the net number of bytes this thread has allocated
//! since [`within`] was entered: what it allocated less what it freed. This
//! crate cannot see allocations by itself: the program's global allocator
//! must report each one to [`allocated`] and [`freed`] (the `ctg` binary's
//! does, see its `src/counting.rs`). Without such an allocator the count
//! never moves, and the memory limit is inert: nothing is ever stopped for
//! memory (the time limit still holds). Memory that the thread frees but
//! another thread allocated (or the reverse) moves the count of the thread
//! that frees (or allocates); extraction allocates and frees on its own
//! thread, so its count is its own.
//!
//! Between two [`check`]s the memory can overrun the limit by what one step
//! allocates (see above): linear in the text, but not small. On 5 MB of
//! "12/12/2012 ..." the extraction holds 392 MiB at its last check and
//! 607 MiB at its peak, in the choice of the fields and the record built
//! after the last search (docs/reliability.md). And the count is of bytes
//! asked of the allocator, not of the pages it holds: the process's
//! resident memory is higher by the allocator's own room, the text as read,
//! and what other threads hold.

use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    /// Calls to [`check`], to read the clock on some only.
    static CALLS: Cell<u32> = const { Cell::new(0) };
    /// Bytes this thread allocated less those it freed, as the global
    /// allocator reports them. Const-initialised and without a destructor,
    /// so that the allocator can update it at any moment of a thread's life
    /// (even while its thread-locals are being destroyed) without
    /// allocating or registering anything.
    static NET: Cell<isize> = const { Cell::new(0) };
    /// The value of [`NET`] past which [`check`] unwinds; `isize::MAX`: none.
    static CEILING: Cell<isize> = const { Cell::new(isize::MAX) };
}

/// [`check`] reads the clock once in this many calls: reading it at every
/// place a finder proposes was 6% of a run's time.
const CLOCK_EVERY: u32 = 64;

/// For the global allocator: this thread was given `bytes` more. Never
/// panics, never allocates.
#[inline]
pub fn allocated(bytes: usize) {
    // `try_with` cannot fail on a const thread-local without a destructor;
    // `wrapping_add`: no overflow check that could panic in a debug build
    let _ = NET.try_with(|net| net.set(net.get().wrapping_add(bytes as isize)));
}

/// For the global allocator: this thread gave back `bytes`. Never panics,
/// never allocates.
#[inline]
pub fn freed(bytes: usize) {
    let _ = NET.try_with(|net| net.set(net.get().wrapping_sub(bytes as isize)));
}

/// Bytes this thread allocated less those it freed since it started, as
/// reported to [`allocated`] and [`freed`] (always 0 without a global
/// allocator that reports them).
pub fn net_allocated() -> isize {
    NET.get()
}

/// What one document's extraction may take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// Time, from the call to [`within`] (`None`: no limit).
    pub time: Option<Duration>,
    /// Bytes the thread may hold beyond what it held at the call to
    /// [`within`] (`None`: no limit; inert without a counting allocator, see
    /// the module's documentation).
    pub memory: Option<usize>,
}

/// Why [`within`] stopped its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// Past the time limit.
    Time,
    /// Past the memory limit.
    Memory,
}

/// The payload of the unwinding past a deadline: the deadline that passed.
#[derive(Debug)]
pub struct TimedOut(Instant);

/// The payload of the unwinding past a memory limit: the value of the
/// thread's count that was exceeded.
#[derive(Debug)]
pub struct OverMemory(isize);

/// Runs `f` on this thread within `limits`: `Err` when a [`check`] inside
/// it found the time spent or the memory exceeded. A panic of `f` goes on
/// unwinding. A nested call cannot outlast the one around it, nor hold more
/// than it; the call whose limit was reached is the one that returns `Err`.
pub fn within<T>(limits: Limits, f: impl FnOnce() -> T) -> Result<T, Exceeded> {
    let outer_deadline = DEADLINE.get();
    let mine = limits
        .time
        .and_then(|limit| Instant::now().checked_add(limit));
    let deadline = match (outer_deadline, mine) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let outer_ceiling = CEILING.get();
    let my_ceiling = limits.memory.map(|bytes| {
        NET.get()
            .saturating_add(isize::try_from(bytes).unwrap_or(isize::MAX))
    });
    let ceiling = my_ceiling.map_or(outer_ceiling, |c| c.min(outer_ceiling));
    DEADLINE.set(deadline);
    CEILING.set(ceiling);
    let result = catch_unwind(AssertUnwindSafe(f));
    DEADLINE.set(outer_deadline);
    CEILING.set(outer_ceiling);
    match result {
        Ok(value) => Ok(value),
        Err(payload) => match payload.downcast::<TimedOut>() {
            Ok(timed_out) if Some(timed_out.0) == mine => Err(Exceeded::Time),
            Ok(timed_out) => resume_unwind(timed_out),
            Err(payload) => match payload.downcast::<OverMemory>() {
                Ok(over) if Some(over.0) == my_ceiling => Err(Exceeded::Memory),
                Ok(over) => resume_unwind(over),
                Err(payload) => resume_unwind(payload),
            },
        },
    }
}

/// Unwinds to the enclosing [`within`] if the thread holds more than its
/// memory limit, or if its deadline has passed (seen at one call in
/// [`CLOCK_EVERY`]). Inlined: it is called at each place a finder proposes,
/// and a call that stops nothing costs a few loads and two comparisons.
#[inline]
pub fn check() {
    let calls = CALLS.get().wrapping_add(1);
    CALLS.set(calls);
    if NET.get() > CEILING.get() || calls.is_multiple_of(CLOCK_EVERY) {
        stop_if_past();
    }
}

/// [`check`]'s rare path: which limit, if any, is passed.
#[cold]
#[inline(never)]
fn stop_if_past() {
    let ceiling = CEILING.get();
    if NET.get() > ceiling {
        resume_unwind(Box::new(OverMemory(ceiling)));
    }
    if let Some(deadline) = DEADLINE.get() {
        if Instant::now() >= deadline {
            resume_unwind(Box::new(TimedOut(deadline)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: Limits = Limits {
        time: None,
        memory: None,
    };

    fn time(limit: Duration) -> Limits {
        Limits {
            time: Some(limit),
            ..NONE
        }
    }

    fn memory(bytes: usize) -> Limits {
        Limits {
            memory: Some(bytes),
            ..NONE
        }
    }

    #[test]
    fn a_loop_that_checks_stops_at_the_deadline() {
        let started = Instant::now();
        let result = within(time(Duration::from_millis(50)), || loop {
            check();
            std::hint::spin_loop();
        });
        assert_eq!(result, Err::<(), _>(Exceeded::Time));
        assert!(started.elapsed() < Duration::from_secs(5));
        // and the deadline is gone afterwards
        check();
    }

    #[test]
    fn work_within_the_budget_gives_its_value() {
        assert_eq!(within(time(Duration::from_secs(60)), || 6 * 7), Ok(42));
        assert_eq!(within(NONE, || "no limit"), Ok("no limit"));
        assert_eq!(within(memory(1 << 20), || "small"), Ok("small"));
    }

    #[test]
    fn a_real_panic_is_not_a_timeout() {
        let caught = catch_unwind(|| within(time(Duration::from_secs(60)), || panic!("boom")));
        let payload = caught.expect_err("the panic goes on");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
    }

    // The test binary of this crate has no counting allocator: the counts
    // are reported here by hand, as the `ctg` binary's allocator reports
    // them (its own test, in `src/counting.rs`, allocates for real).

    #[test]
    fn a_loop_that_checks_stops_past_the_memory_limit() {
        let reported = Cell::new(0);
        // bounded, so that a check that misses the limit fails the test
        let result = within(memory(1000), || {
            for _ in 0..100 {
                check();
                allocated(300);
                reported.set(reported.get() + 300);
            }
        });
        assert_eq!(result, Err::<(), _>(Exceeded::Memory));
        // stopped at the first check past 1000 bytes: within one step
        assert_eq!(reported.get(), 1200);
        freed(reported.get());
        // and the limit is gone afterwards
        allocated(1 << 40);
        check();
        freed(1 << 40);
    }

    #[test]
    fn memory_is_counted_from_the_entry_and_net_of_what_is_freed() {
        // held before: not counted
        allocated(5000);
        let result = within(memory(1000), || {
            for _ in 0..100 {
                allocated(900);
                check();
                freed(900);
                check();
            }
            "done"
        });
        freed(5000);
        assert_eq!(result, Ok("done"));
    }

    #[test]
    fn without_reports_the_memory_limit_is_inert() {
        // no allocator reports to this thread's count here: a limit of 0
        // stops nothing, whatever is allocated
        let result = within(memory(0), || {
            let held: Vec<Vec<u8>> = (0..100).map(|_| vec![1; 10_000]).collect();
            check();
            held.len()
        });
        assert_eq!(result, Ok(100));
    }

    #[test]
    fn the_limit_that_is_reached_is_the_one_that_stops() {
        let start = net_allocated();
        let back = || freed((net_allocated() - start) as usize);
        // the inner limit is reached: the inner call stops, the outer goes on
        let outer = within(memory(10_000), || {
            let inner = within(memory(100), || {
                for _ in 0..100 {
                    allocated(50);
                    check();
                }
            });
            back();
            inner
        });
        assert_eq!(outer, Ok(Err(Exceeded::Memory)));
        // the outer limit is the smaller: it stops both
        let outer = within(memory(100), || {
            within(memory(10_000), || {
                for _ in 0..100 {
                    allocated(50);
                    check();
                }
            })
        });
        back();
        assert_eq!(outer, Err(Exceeded::Memory));
        // the same for time
        let outer = within(time(Duration::from_millis(20)), || {
            within(time(Duration::from_secs(60)), || loop {
                check();
            })
        });
        assert_eq!(outer, Err(Exceeded::Time));
    }
}
