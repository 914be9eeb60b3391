"""Verbatim import/export over the real caselist files: coverage, losslessness and speed.

    .venv/bin/python benchmarks/verbatim.py [DIR] [--limit N]
    .venv/bin/python benchmarks/verbatim.py --fidelity [DIR ...] [--limit N]

DIR defaults to ../shared/data/caselist-pf. Prints a Markdown summary table (files, cards,
analytics, failures with reasons, word count in == out, round-trip equality of marks) and import
speed. Words "in" are counted straight from document.xml (every w:t outside deletions and text
boxes), independently of the reader, so anything the reader drops shows up as a mismatch.

``--fidelity`` (DIRs default to the three caselist sets) compares input and output files character
by character for two paths: ``export file.docx`` and import -> library -> export of every card.
Non-space characters are aligned paragraph by paragraph (difflib within paragraphs that differ);
a character keeps its text when aligned, and its formatting when underline kind, bold, italic,
highlight colour (a ``w:highlight`` name and an equal shading fill count the same), font size and
heading level, all resolved through styles, are equal. The library path uses a hashed bag-of-words
encoder (tests/library/conftest.py) instead of the embedding model, which only affects speed.
"""

from __future__ import annotations

import argparse
import difflib
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
from cardsmith.formats.verbatim.ooxml import read_paragraphs  # noqa: E402
from cardsmith.model import HIGHLIGHT_RGB, Card, Cite, Heading, Marks  # noqa: E402

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


#: Word's highlight colour names (as compared: lower case) as RGB, so a highlight and an equal
#: shading fill compare the same.
_HIGHLIGHT_RGB = {name.lower(): rgb for name, rgb in HIGHLIGHT_RGB.items()}
PROPERTIES = ("underline", "bold", "italic", "highlight", "size", "heading")
DATA_SETS = ("caselist-pf", "caselist-pf-other", "hs-2026")


def visible_lines(path: Path) -> list[list[tuple[str, tuple]]]:
    """Per paragraph, its non-space characters with what Word shows for each (see PROPERTIES)."""
    lines = []
    for para in read_paragraphs(path):
        chars, pos = [], 0
        for length, fmt in para.formats:
            colour = (fmt.highlight or "").lower()
            props = (
                fmt.underline, fmt.bold, fmt.italic, _HIGHLIGHT_RGB.get(colour, colour.lstrip("#").upper()),
                fmt.size, para.heading,
            )
            chars.extend((ch, props) for ch in para.text[pos : pos + length] if not ch.isspace())
            pos += length
        if chars:
            lines.append(chars)
    return lines


def _chars(block: list[list[tuple[str, tuple]]]) -> list[tuple[str, tuple]]:
    return [c for line in block for c in line]


def compare(before: list[list[tuple[str, tuple]]], after: list[list[tuple[str, tuple]]]) -> Counter:
    """Counts: ``chars`` in the input, ``text`` aligned in the output, ``same`` also formatted alike,
    and per property how many aligned characters changed it."""
    counts: Counter = Counter(chars=sum(map(len, before)))
    keys = ["".join(ch for ch, _ in line) for line in before], ["".join(ch for ch, _ in line) for line in after]
    pairs: list[tuple[tuple, tuple]] = []
    matcher = difflib.SequenceMatcher(None, keys[0], keys[1], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = _chars(before[i1:i2]), _chars(after[j1:j2])
        if op == "equal":
            pairs.extend(zip(left, right, strict=True))
            continue
        inner = difflib.SequenceMatcher(
            None, "".join(c for c, _ in left), "".join(c for c, _ in right), autojunk=False
        )
        for a, b, size in inner.get_matching_blocks():
            pairs.extend(zip(left[a : a + size], right[b : b + size], strict=True))
    for (_, old), (_, new) in pairs:
        counts["text"] += 1
        counts["same"] += old == new
        for name, x, y in zip(PROPERTIES, old, new, strict=True):
            counts[name] += x != y
    return counts


def library_export(items: list, out: Path, tmp: Path) -> None:
    """Import a file into a fresh library and export every card, as ``cardsmith import`` and
    ``cardsmith export --library`` do."""
    from cardsmith.formats import render_cards
    from cardsmith.library import Library
    from tests.library.conftest import HashEncoder

    with Library.open(tmp / f"{out.stem}.db", encoder=HashEncoder()) as library:
        library.add_file(items, origin=str(out))
        stored = library.export_items()
    out.write_bytes(render_cards(stored, "docx"))


def fidelity(directories: list[Path], limit: int) -> None:
    """The --fidelity report: one row per data set and path."""
    print("| data set | path | files imported | characters | text kept | text+formatting kept | characters lost | "
          + " | ".join(f"{p} changed" for p in PROPERTIES) + " |")
    print("|---|---|---|---|---|---|---|" + "---|" * len(PROPERTIES))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for directory in directories:
            totals = {"export file.docx": Counter(), "import -> library -> export": Counter()}
            measured = 0
            worst: dict[str, tuple[float, str]] = {}
            files = sorted(directory.glob("*.docx"))[: limit or None]
            for path in files:
                try:
                    items = read_verbatim(path)
                except CardsmithError:
                    continue  # not a Verbatim file: import refuses it, so there is nothing to compare
                measured += 1
                before = visible_lines(path)
                exported, stored = tmp / "export.docx", tmp / "library.docx"
                write_verbatim(items, exported)
                library_export(items, stored, tmp)
                for name, out in (("export file.docx", exported), ("import -> library -> export", stored)):
                    counts = compare(before, visible_lines(out))
                    totals[name].update(counts)
                    share = counts["same"] / max(counts["chars"], 1)
                    worst[name] = min(worst.get(name, (2.0, "")), (share, path.name))
                for db in tmp.glob("*.db*"):
                    db.unlink()
            for name, counts in totals.items():
                chars = max(counts["chars"], 1)
                print(
                    f"| {directory.name} | {name} | {measured}/{len(files)} | {counts['chars']} "
                    f"| {100 * counts['text'] / chars:.2f}% | {100 * counts['same'] / chars:.2f}% "
                    f"| {counts['chars'] - counts['text']} | "
                    + " | ".join(str(counts[p]) for p in PROPERTIES) + " |"
                )
            for name, (share, file) in worst.items():
                print(f"worst {directory.name} {name}: {file} {100 * share:.1f}%", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="*")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--fidelity", action="store_true", help="character-level formatting comparison")
    args = parser.parse_args()
    if args.fidelity:
        default = [ROOT.parent / "shared/data" / name for name in DATA_SETS]
        fidelity([Path(d) for d in args.directory] or default, args.limit)
        return
    directory = args.directory[0] if args.directory else str(ROOT.parent / "shared/data/caselist-pf")
    files = sorted(Path(directory).glob("*.docx"))[: args.limit or None]
    if not files:
        sys.exit(f"no .docx files in {directory}")
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
