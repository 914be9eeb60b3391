"""Time `read_document` on the seed articles (when ../shared is present) and on a synthetic
5,000-word article written as .txt, .md, .html and .pdf. Prints one line per document.

Run: .venv/bin/python benchmarks/read.py [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, SHARED  # noqa: E402
from fpdf import FPDF  # noqa: E402

from cardsmith.sources import read_document  # noqa: E402

SEEDS = SHARED / "seeds"
VOCAB = [
    "grid", "storage", "battery", "coast", "water", "policy", "council", "board", "market", "price", "region",
    "season", "report", "growth", "cost", "supply", "demand", "district", "farm", "river", "plant", "energy",
]


def synthetic_paragraphs(words: int = 5000, seed: int = 0) -> list[str]:
    """Deterministic filler prose: ~60-word paragraphs with a few numbers and note markers."""
    rng = random.Random(seed)
    paras, left = [], words
    while left > 0:
        n = min(left, rng.randint(40, 80))
        tokens = [rng.choice(VOCAB) for _ in range(n)]
        tokens[rng.randrange(n)] += f" in {rng.randint(1990, 2024)}"
        sentences = [" ".join(tokens[i:i + 12]).capitalize() + "." for i in range(0, n, 12)]
        paras.append(" ".join(sentences))
        left -= n
    return paras


def write_synthetic(folder: Path) -> list[Path]:
    paras = synthetic_paragraphs()
    debris = "\n\nf\n\n🐦\n\nin\n\n"
    txt = folder / "synthetic.txt"
    txt.write_text("Synthetic Article Title\n\nBy Test Author\n\n" + debris.join(
        "\n\n".join(paras[i:i + 10]) for i in range(0, len(paras), 10)) + "\n\nLeave a Reply\n")
    md = folder / "synthetic.md"
    md.write_text("# Synthetic\n\n" + "\n\n".join(f"**Point.** {p} Cost \\$5." for p in paras))
    html = folder / "synthetic.html"
    head = "<html><head><title>Synthetic</title><meta name=author content='Test Author'></head>"
    body = "".join(f"<p>{p}</p>" for p in paras)
    html.write_text(f"{head}<body><article><h1>Synthetic</h1>{body}</article></body></html>")
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    lines = [line for p in paras for line in [*textwrap.wrap(p, 95), ""]]
    for start in range(0, len(lines), 50):
        pdf.add_page()
        pdf.cell(0, 5, "Synthetic Review", new_x="LMARGIN", new_y="NEXT")
        for line in lines[start:start + 50]:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 5, str(start // 50 + 1), align="C")
    path = folder / "synthetic.pdf"
    path.write_bytes(bytes(pdf.output()))
    return [txt, md, html, path]


def timed(path: Path, repeat: int) -> tuple[float, int]:
    times, words = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        doc = read_document(path)
        times.append(time.perf_counter() - start)
        words = len(doc.text.split())
    return statistics.median(times), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per document (median is shown)")
    args = parser.parse_args()
    read_document(ROOT / "tests" / "fixtures" / "sources" / "article.html")  # warm imports and caches
    paths = sorted(SEEDS.glob("00[1-4]_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        print("(../shared/seeds absent: seed timings skipped)")
    with tempfile.TemporaryDirectory() as tmp:
        paths += write_synthetic(Path(tmp))
        print(f"{'document':<34} {'words':>6} {'read ms':>8}")
        for path in paths:
            seconds, words = timed(path, args.repeat)
            print(f"{path.name[:34]:<34} {words:>6} {seconds * 1000:>8.1f}")


if __name__ == "__main__":
    main()
