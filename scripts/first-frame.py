#!/usr/bin/env python3
"""Time from process start to the browser's first frame, in a pseudo-terminal.

    cargo build --release
    scripts/first-frame.py [BINARY] [-- ARGS...]

Starts BINARY (default target/release/itinerary: the bundled trip) on a
fresh 80x24 pty, and stops the clock when the end of its first synchronized
update (ESC [ ? 2026 l) arrives on the pty: the whole first frame has been
written by then. The clock starts just before the fork, so the time is an
upper bound that includes fork and exec. It then sends `q` and waits for
the exit. Prints the minimum, median and maximum of RUNS runs (env RUNS,
default 30); the target is 30 ms.
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import termios
import time

END_OF_FRAME = b"\x1b[?2026l"
TIMEOUT = 5.0


def first_frame(argv, cols=80, rows=24):
    """Seconds from just before the fork to the end of the first frame."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([master], [], [], TIMEOUT)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if END_OF_FRAME in seen:
                elapsed = time.perf_counter() - start
                break
        os.write(master, b"q")
        # Drain until the child closes the pty, so it never blocks on output.
        while True:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                break
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
        proc.wait(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    if elapsed is None:
        sys.exit(f"error: no complete frame within {TIMEOUT} s; output began {seen[:200]!r}")
    return elapsed


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        i = args.index("--")
        args, extra = args[:i], args[i + 1 :]
    binary = args[0] if args else os.path.join(
        os.environ.get("CARGO_TARGET_DIR", "target"), "release", "itinerary"
    )
    runs = int(os.environ.get("RUNS", "30"))
    times = sorted(first_frame([binary, *extra]) * 1000 for _ in range(runs))
    print(
        f"first frame of {binary} {' '.join(extra)}: "
        f"min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, "
        f"max {times[-1]:.1f} ms over {runs} runs (target: 30 ms)"
    )


if __name__ == "__main__":
    main()
