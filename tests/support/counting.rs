//! A global allocator that counts: the system allocator plus the bytes
//! live now and their peak. A test or bench binary installs it with
//! `#[global_allocator]` and measures a call with [`memory`]; counts are
//! exact and do not depend on the machine's speed. Only meaningful while
//! nothing else in the process allocates.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes live now and their peak.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Blocks allocated (a growing realloc counts as one more).
static CALLS: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    CALLS.fetch_add(1, Relaxed);
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

fn shrank(bytes: usize) {
    LIVE.fetch_sub(bytes, Relaxed);
}

// SAFETY: every call forwards to `System` with the same arguments; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // Count the new block before freeing the old: a moving realloc
            // holds both for a moment.
            grew(new_size);
            shrank(layout.size());
        }
        p
    }
}

/// Peak heap bytes above what was live before `f`, and the bytes its
/// result keeps.
pub fn memory<T>(f: impl FnOnce() -> T) -> (usize, usize) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let value = black_box(f());
    let peak = PEAK.load(Relaxed) - before;
    let kept = LIVE.load(Relaxed).saturating_sub(before);
    drop(value);
    (peak, kept)
}

/// How many blocks `f` allocates (each allocation, and each realloc), and
/// its result.
#[allow(dead_code)]
pub fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = CALLS.load(Relaxed);
    let value = black_box(f());
    (CALLS.load(Relaxed) - before, value)
}
