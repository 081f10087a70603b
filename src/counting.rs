//! The global allocator: mimalloc, telling `ctg_core::budget` how many bytes
//! each thread allocates and frees, which is what `--extract-memory` limits
//! (see `crates/core/src/budget.rs`).
//!
//! Each call adds or subtracts its size to a counter of the calling thread
//! (a const-initialised thread-local without a destructor: reading it never
//! allocates nor registers anything, at any moment of the thread's life),
//! and does nothing else: no check, no panic, no unwinding in here, which
//! would be undefined behaviour. The budget compares the counter with its
//! limit at its own checks, outside the allocator. The cost, a few
//! instructions per call, is lost in the noise of a batch (measured in
//! docs/reliability.md).

use ctg_core::budget;
use std::alloc::{GlobalAlloc, Layout};

/// An allocator that reports each allocation's size to `ctg_core::budget`.
pub struct Counting<A>(pub A);

// SAFETY: every call is passed on unchanged to `A`, which upholds the
// contract; the counting around it never fails, allocates or unwinds.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees, passed on
        let ptr = unsafe { self.0.alloc(layout) };
        if !ptr.is_null() {
            budget::allocated(layout.size());
        }
        ptr
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees, passed on
        let ptr = unsafe { self.0.alloc_zeroed(layout) };
        if !ptr.is_null() {
            budget::allocated(layout.size());
        }
        ptr
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's guarantees, passed on
        unsafe { self.0.dealloc(ptr, layout) };
        budget::freed(layout.size());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's guarantees, passed on
        let moved = unsafe { self.0.realloc(ptr, layout, new_size) };
        // on failure the old block is kept, as it was counted
        if !moved.is_null() {
            if new_size >= layout.size() {
                budget::allocated(new_size - layout.size());
            } else {
                budget::freed(layout.size() - new_size);
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use ctg_core::budget::{self, Exceeded, Limits};
    use std::hint::black_box;

    #[test]
    fn each_thread_counts_what_it_holds() {
        let before = budget::net_allocated();
        let mut held: Vec<u8> = black_box(Vec::with_capacity(10 << 20));
        let after = budget::net_allocated() - before;
        assert!((10 << 20..11 << 20).contains(&after), "{after}");
        // growth by realloc
        held.extend(std::iter::repeat_n(1, 30 << 20));
        let grown = budget::net_allocated() - before;
        assert!((30 << 20..61 << 20).contains(&grown), "{grown}");
        held.truncate(1 << 20);
        held.shrink_to_fit();
        let shrunk = budget::net_allocated() - before;
        assert!((1 << 20..2 << 20).contains(&shrunk), "{shrunk}");
        drop(black_box(held));
        // what another thread allocates is its own
        std::thread::spawn(|| black_box(vec![0u8; 50 << 20]).len())
            .join()
            .unwrap();
        let back = budget::net_allocated() - before;
        assert!(back.abs() < 1 << 20, "{back}");
    }

    #[test]
    fn an_extraction_that_holds_more_than_its_limit_is_stopped() {
        let limits = Limits {
            time: None,
            memory: Some(8 << 20),
        };
        // bounded: 100 MB held in all if nothing stops it
        let result = budget::within(limits, || {
            let mut held = Vec::new();
            for _ in 0..100 {
                held.push(black_box(vec![1u8; 1 << 20]));
                budget::check();
            }
            held.len()
        });
        assert_eq!(result, Err(Exceeded::Memory));
        // and the same work with room enough goes through
        let limits = Limits {
            time: None,
            memory: Some(200 << 20),
        };
        let result = budget::within(limits, || {
            let held: Vec<Vec<u8>> = (0..100).map(|_| black_box(vec![1u8; 1 << 20])).collect();
            budget::check();
            held.len()
        });
        assert_eq!(result, Ok(100));
    }
}
