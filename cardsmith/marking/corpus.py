"""Real marked cards for training and benchmarks: DebateSum records and Verbatim .docx files.

Splits are by year (DebateSum: 2013–16 train, 2017 dev), by team for the PF caselist files (a stable
hash of the school and debaters in the file name) and by file for ``hs-2026``, so no card of a dev
or held-out file is ever trained on. Each card carries the *style* (event) it was cut for, read
from where it comes from: the PF folders are Public Forum, DebateSum is policy, and an ``hs-2026``
file is PF when its name is a PF round (``-Pro-`` / ``-Con-``), Lincoln-Douglas when it is dated by
month (LD topics change every two months; policy topics last a year), else policy.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cardsmith.model import Span

#: The events a card can be marked for; each has its own learned densities.
STYLES = ("policy", "ld", "pf")
#: The Verbatim folders of ``../shared/data`` and how each splits its files.
VERBATIM_SETS = ("caselist-pf", "caselist-pf-other", "hs-2026")
_MONTH = re.compile(
    r"(?i)(?<![a-z])(jan(uary)?|feb(ruary)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|nocember)(?![a-z])"
)
_PF_ROUND = re.compile(r"-(Pro|Con)-")


@dataclass
class Example:
    """One marked card: what the marker sees (tag, body) and what the debater marked."""

    tag: str
    body: str
    underline: list[Span]
    highlight: list[Span] | None
    group: str
    emphasis: list[Span] | None = None
    style: str = "policy"


def debatesum(path: Path) -> Iterator[Example]:
    """DebateSum cards: tag = Abstract, body = Full-Document, underline = the selection spans."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            src = rec["source_sample"]
            spans = [(s["start_pos"], s["end_pos"]) for s in rec["selections"][0]["selections"]]
            yield Example(src["Abstract"], src["Full-Document"], spans, None, str(src.get("Year", "")))


def pf_team(path: Path) -> str:
    """The school and debaters of a caselist file ("001_School-AbCd-Pro-..." -> "School-AbCd").

    A team reuses its cards in every round, so splitting by file would leak cards into dev/test.
    """
    return "-".join(path.stem.split("_", 1)[-1].split("-")[:2])


def _split(key: str) -> str:
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 100
    return "train" if h < 70 else "dev" if h < 85 else "test"


def pf_split(path: Path) -> str:
    """``train`` (70%), ``dev`` (15%) or ``test`` (15%, held out for the benchmark), by team."""
    return _split(pf_team(path))


def file_split(path: Path) -> str:
    """The split of a Verbatim file: by team in the caselist folders, by file name elsewhere."""
    return pf_split(path) if path.parent.name.startswith("caselist") else _split(path.name)


def file_style(path: Path) -> str:
    """The event a Verbatim file's cards were cut for (see the module docstring)."""
    if path.parent.name.startswith("caselist") or _PF_ROUND.search(path.name):
        return "pf"
    return "ld" if _MONTH.search(path.name) else "policy"


def verbatim_cards(path: Path) -> Iterator[Example]:
    """Cards with a body and some underline from a Verbatim file (unreadable files yield nothing)."""
    from cardsmith.errors import CardsmithError
    from cardsmith.formats.verbatim import read_verbatim
    from cardsmith.model import Card

    try:
        items = read_verbatim(path)
    except CardsmithError:
        return
    style = file_style(path)
    for item in items:
        if isinstance(item, Card) and item.body.strip() and item.marks.underline:
            m = item.marks
            yield Example(item.tag, item.body, list(m.underline), list(m.highlight), path.name, list(m.emphasis), style)


def body_key(body: str) -> str:
    """What identifies a card across files (copies differ in whitespace only)."""
    return " ".join(body.split())[:300]


def verbatim_examples(
    folders: list[Path], split: Callable[[Path], str] = file_split, keep: Callable[[Path], bool] | None = None
) -> dict[str, list[Example]]:
    """Cards of ``folders`` by split, each card once: a body found in several splits goes to the
    most held-out (teams share cards, so the same body can sit in train and test files; keeping
    it only in ``test``, else ``dev``, keeps the held-out figures honest). ``keep`` picks files."""
    rank = {"test": 0, "dev": 1, "train": 2}
    seen: dict[str, tuple[str, Example]] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.docx")):
            if keep is not None and not keep(path):
                continue
            where = split(path)
            for ex in verbatim_cards(path):
                key = body_key(ex.body)
                if key not in seen or rank[where] < rank[seen[key][0]]:
                    seen[key] = (where, ex)
    out: dict[str, list[Example]] = {"train": [], "dev": [], "test": []}
    for where, ex in seen.values():
        out[where].append(ex)
    return out


def pf_examples(folder: Path) -> dict[str, list[Example]]:
    """The PF caselist cards of ``folder`` by split (see :func:`verbatim_examples`)."""
    return verbatim_examples([folder], pf_split)
