"""The write stage: one writer on the driver stores each file's records in input order.

Each file is one transaction (as in the in-process import); the content hashes of the files done
are recorded a batch at a time. A file stored but not yet recorded when the import is killed is
stored again by the re-run, which changes nothing: its cards are known and its origin with them.
"""

from __future__ import annotations

import pickle
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cardsmith.errors import CardsmithError, DiskFull
from cardsmith.ingest.parse import FAILED, SKIPPED

if TYPE_CHECKING:
    from cardsmith.library import Library

#: Files whose hashes are recorded in one transaction.
MARK_EVERY = 16


@dataclass
class Totals:
    """What an import did, and where its time went (seconds summed over workers for parse and embed)."""

    files: int = 0
    skipped: int = 0
    failed: int = 0
    cards: int = 0
    added: int = 0
    duplicates: int = 0
    parse_s: float = 0.0
    embed_s: float = 0.0
    write_s: float = 0.0
    wall_s: float = 0.0
    rows: list[dict] = field(default_factory=list)


class Writer:
    """Stores the rows the pipeline yields; ``report`` gets one line per failed file."""

    def __init__(self, library: Library, report: Callable[[str], None]) -> None:
        self.library = library
        self.report = report
        self.totals = Totals()
        self._model: str | None = None
        self._marks: list[tuple[str, str]] = []

    def write_all(self, rows: Iterable[dict], *, total: int | None, progress: bool) -> Totals:
        """Write every row, with a bar of files, cards, cards/s and time left when ``progress``."""
        start = time.perf_counter()
        bar = _bar(total) if progress else None
        if bar is not None:  # a failure's line is printed above the bar, which is drawn again below it
            report, self.report = self.report, lambda line: _above(bar, report, line)
        try:
            for row in rows:
                self.write(row)
                if bar is not None:
                    elapsed = time.perf_counter() - start
                    bar.update(1)
                    rate = f"{self.totals.cards / elapsed:.1f}"
                    bar.set_postfix(cards=self.totals.cards, cards_s=rate, refresh=False)
        finally:
            if bar is not None:
                bar.close()
            self.flush()
            self.totals.wall_s = time.perf_counter() - start
        return self.totals

    def write(self, row: dict) -> None:
        totals = self.totals
        if row["status"] == FAILED:
            totals.failed += 1
            self.report(row["message"])
            return
        if row["status"] == SKIPPED:
            totals.skipped += 1
            return
        if self._model != row["model"]:
            self.library.claim_model(row["model"])  # a library of another encoder's vectors is refused
            self._model = row["model"]
        records, layout = pickle.loads(row["records"])
        start = time.perf_counter()
        try:
            stats = self.library.write_cards(records, row["origin"], layout)
        except DiskFull as err:
            raise DiskFull(f"{row['shown']}: {err}; stopped here, the files before it are stored") from err
        except CardsmithError as err:
            totals.failed += 1
            self.report(str(err))
            return
        except Exception as err:  # a bug must not cost the rest of the import, nor print a traceback
            totals.failed += 1
            self.report(f"{row['shown']}: unexpected error ({type(err).__name__}: {err}); please report it")
            return
        finally:
            totals.write_s += time.perf_counter() - start
        totals.files += 1
        totals.cards += row["cards"]
        totals.added += stats.added
        totals.duplicates += stats.duplicates
        totals.parse_s += row["parse_s"]
        totals.embed_s += row["embed_s"]
        totals.rows.append({"path": row["shown"], "cards": row["cards"], "added": stats.added,
                            "duplicates": stats.duplicates})
        self._marks.append((row["hash"], row["origin"]))
        if len(self._marks) >= MARK_EVERY:
            self.flush()

    def flush(self) -> None:
        """Record the hashes of the files stored since the last flush."""
        if self._marks:
            start = time.perf_counter()
            self.library.store.mark_imported(self._marks)
            self.totals.write_s += time.perf_counter() - start
            self._marks = []


def _above(bar: object, report: Callable[[str], None], line: str) -> None:
    with bar.external_write_mode(file=sys.stderr):  # type: ignore[attr-defined]
        report(line)


def _bar(total: int | None):  # noqa: ANN202 (tqdm is imported only for a terminal)
    from tqdm import tqdm

    return tqdm(total=total, desc="importing", unit="file", file=sys.stderr, leave=False)
