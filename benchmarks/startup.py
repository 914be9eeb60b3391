"""Wall time of short commands, as a user starting `cardsmith` feels it (process start included).

Each command runs as a fresh process; the median and the best of N runs are printed, with the
targets of the hardening issue beside them (`--version`/`--help` 0.3 s, `read` of a small text 0.5 s).

Run: .venv/bin/python benchmarks/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CARDSMITH = Path(sys.executable).parent / "cardsmith"
COMMANDS = {
    "--version": (["--version"], 0.3),
    "--help": (["--help"], 0.3),
    "read --help": (["read", "--help"], 0.3),
    "read small .txt": (["read", str(ROOT / "samples" / "grid-storage.txt")], 0.5),
}


def wall_times(args: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([str(CARDSMITH), *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    print(f"{'command':<18} {'median':>8} {'best':>8} {'target':>8}")
    for name, (args, target) in COMMANDS.items():
        times = wall_times(args, repeat)
        print(f"{name:<18} {statistics.median(times):>7.3f}s {min(times):>7.3f}s {target:>7.1f}s")


if __name__ == "__main__":
    main()
