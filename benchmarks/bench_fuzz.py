"""Fuzz every reader for a fixed time and count what breaks.

    python benchmarks/bench_fuzz.py [SECONDS_PER_READER] [READER ...]

Default: 60 s for each of the readers argmap, graphml, apx, tgf, af. Inputs come from
hypothesis strategies (tests/io/test_bad_files.py): byte flips, insertions, cuts, truncations
and repeats of a valid file of each format, random bytes, and for .argmap documents with one
value anywhere replaced by a random JSON value. The property is the test suite's: a reader
returns a map that saves (as .argmap and as GraphML, real files) and loads back equal, or
raises an ArgmapError with a one-line message.

A crash is any other exception; a failed round trip is an accepted input that then failed to
save or reload equal (issue 12); a hang is an input that takes more than 10 s (SIGALRM
interrupts it). Prints one line per reader: inputs tried and accepted, crashes, failed round
trips, hangs and the slowest input; writes each failing input to fuzz-crashes/ under the temp
directory.
"""

from __future__ import annotations

import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests.io.test_bad_files import (  # noqa: E402
    READERS,
    SEEDS,
    RoundTripFailed,
    check_input,
    strategy_for,
)

HANG_SECONDS = 10.0


class Hang(Exception):
    """Raised by the alarm when one input runs past HANG_SECONDS."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def fuzz(reader: str, seconds: float, out: Path) -> dict[str, object]:
    """Run hypothesis on one reader until `seconds` pass; crashes are recorded, not raised,
    so that the run goes on and counts them all."""
    tried = accepted = round_trips = 0
    crashes: dict[str, int] = {}
    hangs = 0
    slowest = 0.0
    tmp = Path(tempfile.mkdtemp(prefix=f"fuzz-{reader}-"))
    deadline = time.monotonic() + seconds

    @settings(
        max_examples=500,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy_for(reader, SEEDS[reader]))
    def one(data: bytes) -> None:
        nonlocal tried, accepted, round_trips, hangs, slowest
        if time.monotonic() > deadline:
            return
        tried += 1
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
        try:
            accepted += check_input(reader, data, tmp)
        except RoundTripFailed as exc:
            round_trips += 1
            accepted += 1
            (out / f"{reader}-round-trip-{round_trips}.bin").write_bytes(data)
            print(f"  {reader}: {str(exc)[:200]}", flush=True)
        except Hang:
            hangs += 1
            (out / f"{reader}-hang-{hangs}.bin").write_bytes(data)
        except Exception as exc:  # noqa: BLE001 - counting crashes is the point
            where = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
            if key not in crashes:
                (out / f"{reader}-crash-{len(crashes) + 1}.bin").write_bytes(data)
                print(f"  {reader}: {key}: {str(exc)[:200]}", flush=True)
            crashes[key] = crashes.get(key, 0) + 1
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        slowest = max(slowest, time.perf_counter() - start)

    while time.monotonic() < deadline:
        one()
    return {
        "tried": tried,
        "accepted": accepted,
        "round_trips": round_trips,
        "crashes": sum(crashes.values()),
        "kinds": len(crashes),
        "hangs": hangs,
        "slowest": slowest,
    }


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    readers = sys.argv[2:] or list(READERS)
    out = Path(tempfile.gettempdir()) / "fuzz-crashes"
    out.mkdir(exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    print(f"fuzzing {', '.join(readers)} for {seconds:g} s each (hang = over {HANG_SECONDS} s)")
    for reader in readers:
        r = fuzz(reader, seconds, out)
        print(
            f"{reader:8} {r['tried']:>7,} inputs in {seconds:g} s ({r['accepted']:,} accepted): "
            f"{r['crashes']} crashes ({r['kinds']} kinds), {r['round_trips']} accepted but failed "
            f"to save or reload, {r['hangs']} over {HANG_SECONDS:g} s, "
            f"slowest input {r['slowest']:.3f} s",
            flush=True,
        )
    print(f"crashing inputs, if any, are in {out}")


if __name__ == "__main__":
    main()
