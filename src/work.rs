//! Counts of work done, for tests that guard complexity without a clock
//! (docs/performance.md, "Tests that count"): a test runs a call under
//! [`measure`] and asserts how many events it reached and how many bytes of
//! source text it scanned, which do not depend on the machine's speed or
//! load. Timing belongs in the benchmarks.
//!
//! The counts are per thread, so tests running side by side do not mix
//! theirs. They exist only with the `work` feature, which the tests turn on
//! (Cargo.toml): the program is built without them, so its loops carry no
//! counting, and a test that counts does not compile without them, so it
//! cannot pass by counting nothing.

use std::cell::Cell;

/// What [`measure`] counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Events reached through the model ([`crate::model::Trip::events`]
    /// yields one, [`crate::model::Trip::event`] resolves one).
    pub events: u64,
    /// Bytes of source text scanned for lines (indexing a text's lines,
    /// quoting a line in a diagnostic).
    pub text: u64,
    /// Keys compared while a tree is built, to find a table's entry by a
    /// scan (`load::tree`).
    pub keys: u64,
}

thread_local! {
    static DONE: Cell<Tally> = const {
        Cell::new(Tally {
            events: 0,
            text: 0,
            keys: 0,
        })
    };
}

/// Counts `n` events reached.
pub fn events(n: usize) {
    DONE.with(|d| {
        let mut t = d.get();
        t.events = t.events.wrapping_add(n as u64);
        d.set(t);
    });
}

/// Counts `n` bytes of text scanned.
pub fn text(n: usize) {
    DONE.with(|d| {
        let mut t = d.get();
        t.text = t.text.wrapping_add(n as u64);
        d.set(t);
    });
}

/// Counts `n` keys compared.
pub fn keys(n: usize) {
    DONE.with(|d| {
        let mut t = d.get();
        t.keys = t.keys.wrapping_add(n as u64);
        d.set(t);
    });
}

/// Runs `f` and returns what it gave and the work it did on this thread.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Tally) {
    let before = DONE.with(Cell::get);
    let out = f();
    let after = DONE.with(Cell::get);
    let tally = Tally {
        events: after.events.wrapping_sub(before.events),
        text: after.text.wrapping_sub(before.text),
        keys: after.keys.wrapping_sub(before.keys),
    };
    (out, tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_the_call_did_and_nothing_before_it() {
        events(5);
        let ((), t) = measure(|| {
            events(2);
            text(10);
            events(1);
        });
        assert_eq!(
            t,
            Tally {
                events: 3,
                text: 10,
                keys: 0
            }
        );
    }

    #[test]
    fn another_thread_counts_apart() {
        let ((), t) = measure(|| {
            std::thread::spawn(|| events(7)).join().unwrap();
        });
        assert_eq!(t, Tally::default());
    }
}
