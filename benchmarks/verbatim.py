"""Verbatim import/export over the real caselist files: coverage, losslessness and speed.

    .venv/bin/python benchmarks/verbatim.py [DIR] [--limit N]

DIR defaults to ../shared/data/caselist-pf. Prints a Markdown summary table (files, cards,
analytics, failures with reasons, word count in == out, round-trip equality of marks) and import
speed. Words "in" are counted straight from document.xml (every w:t outside deletions and text
boxes), independently of the reader, so anything the reader drops shows up as a mismatch.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardsmith.errors import CardsmithError  # noqa: E402
from cardsmith.formats.spans import marked_words  # noqa: E402
from cardsmith.formats.verbatim import read_verbatim, write_verbatim  # noqa: E402
from cardsmith.model import Card, Cite, Heading, Marks  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD = re.compile(r"\w+")
_TEXT_NODES = etree.XPath(
    "//w:t[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"
    " | //w:tab[ancestor::w:r] | //w:br | //w:cr | //w:noBreakHyphen",
    namespaces={"w": W[1:-1]},
)


def words_in(path: Path) -> int:
    """Words in the file as Word shows them, paragraph by paragraph."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    paragraphs: dict[etree._Element, list[str]] = {}
    for node in _TEXT_NODES(root):
        para = next(node.iterancestors(W + "p"), None)
        text = node.text or "" if node.tag == W + "t" else "-" if node.tag == W + "noBreakHyphen" else " "
        paragraphs.setdefault(para, []).append(text)
    return sum(len(WORD.findall("".join(parts))) for parts in paragraphs.values())


def words_out(items: list) -> int:
    total = 0
    for item in items:
        text = item.text if isinstance(item, Heading) else f"{item.tag} {item.cite.text} {item.body}"
        total += len(WORD.findall(text))
    return total


def signature(items: list) -> list:
    """What must survive a round trip: structure, text, and the words each mark covers."""
    out = []
    for item in items:
        if isinstance(item, Heading):
            out.append((item.level, item.text))
        else:
            m = item.marks
            out.append(
                (
                    item.tag,
                    item.cite.short,
                    item.cite.full,
                    item.body,
                    *(marked_words(item.body, spans) for spans in (m.underline, m.emphasis, m.highlight)),
                )
            )
    return out


def synthetic_speed(tmp: Path, count: int = 250) -> float:
    """Seconds to import a generated file of ``count`` marked cards (about 2,500 characters each)."""
    words = [f"word{i % 97}" for i in range(400)]
    body = " ".join(words)
    spans = [(i, i + 40) for i in range(0, len(body) - 40, 90)]
    card = Card(
        tag="A generated tag",
        cite=Cite(short="Doe 24", full="Jane Doe, 2024, Generated"),
        body=body,
        marks=Marks(underline=spans, highlight=spans[::2], emphasis=spans[1::4]),
    )
    path = tmp / "synthetic.docx"
    write_verbatim([Heading(1, "Generated")] + [card] * count, path)
    start = time.perf_counter()
    items = read_verbatim(path)
    assert sum(isinstance(i, Card) for i in items) == count
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(ROOT.parent / "shared/data/caselist-pf"))
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    files = sorted(Path(args.directory).glob("*.docx"))[: args.limit or None]
    if not files:
        sys.exit(f"no .docx files in {args.directory}")
    totals: Counter = Counter()
    failures: list[str] = []
    word_mismatch: list[str] = []
    trip_mismatch: list[str] = []
    read_time, slowest, biggest = 0.0, (0.0, ""), (0, 0.0, "")
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            start = time.perf_counter()
            try:
                items = read_verbatim(path)
            except CardsmithError as err:
                failures.append(str(err))
                continue
            elapsed = time.perf_counter() - start
            read_time += elapsed
            slowest = max(slowest, (elapsed, path.name))
            cards = [i for i in items if isinstance(i, Card)]
            analytics = sum(c.is_analytic for c in cards)
            biggest = max(biggest, (len(cards) - analytics, elapsed, path.name))
            totals.update(
                files=1, cards=len(cards) - analytics, analytics=analytics, headings=len(items) - len(cards)
            )
            w_in, w_out = words_in(path), words_out(items)
            totals.update(words_in=w_in, words_out=w_out)
            if w_in != w_out:
                word_mismatch.append(f"{path.name}: {w_in} in, {w_out} out")
            out = Path(tmp) / path.name
            write_verbatim(items, out)
            again = read_verbatim(out)
            if signature(again) != signature(items):
                trip_mismatch.append(path.name)
            else:
                totals.update(trip_ok=1)
        synthetic = synthetic_speed(Path(tmp))
    print(
        "| files | imported | failed | cards | analytics | headings | words in | words out "
        "| word-count mismatches | round trip identical |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {len(files)} | {totals['files']} | {len(failures)} | {totals['cards']} | {totals['analytics']} "
        f"| {totals['headings']} | {totals['words_in']} | {totals['words_out']} | {len(word_mismatch)} "
        f"| {totals['trip_ok']}/{totals['files']} |"
    )
    for line in failures:
        print(f"failed: {line}")
    for line in word_mismatch:
        print(f"word count: {line}")
    for name in trip_mismatch:
        print(f"round trip differs: {name}")
    cards_total = totals["cards"] + totals["analytics"]
    print(
        f"\nimport speed: {totals['files'] / read_time:.1f} files/s, {cards_total / read_time:.0f} cards/s "
        f"(cards+analytics), {read_time:.1f} s total; slowest {slowest[1]} {slowest[0]:.2f} s; "
        f"most cards {biggest[2]} ({biggest[0]} cards) {biggest[1]:.2f} s"
    )
    print(f"generated 250-card file (about 2,500 characters and 20 marks a card): {synthetic:.2f} s")


if __name__ == "__main__":
    main()
