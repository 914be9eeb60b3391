"""``cardsmith read``: source files in, cleaned text and metadata out (one result per file)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cardsmith.cli.common import SOURCE, Command, batch_exit, run_batch
from cardsmith.model import META_FIELDS, Document


def document_json(doc: Document, *, with_text: bool = True) -> dict:
    """The ``read --format json`` contract: text, paragraph texts, metadata (with year)."""
    meta = doc.metadata
    metadata = {name: getattr(meta, name) for name in META_FIELDS}
    metadata.update(year=meta.year, confidence=meta.confidence, warnings=meta.warnings)
    out: dict = {"path": doc.path}
    if with_text:
        out.update(text=doc.text, paragraphs=doc.paragraph_texts())
    out["metadata"] = metadata
    return out


def document_text(doc: Document, *, with_text: bool = True) -> str:
    """A metadata header (one ``field: value`` line each, unknowns shown as such), then paragraphs."""
    meta = doc.metadata
    lines = [f"== {doc.path}"]
    for name in ("authors", "qualifications", "date", "title", "publication", "url", "accessed"):
        value = getattr(meta, name)
        value = ", ".join(value) if isinstance(value, list) else value
        lines.append(f"{name}: {value or '(unknown)'}")
    lines += [f"warning: {w}" for w in meta.warnings]
    if with_text:
        lines += ["", "\n\n".join(doc.paragraph_texts())]
    return "\n".join(lines)


@click.command("read", cls=Command)
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a metadata header then the paragraphs; json: one object a file (text, paragraphs, metadata).")
@click.option("--no-text", is_flag=True, help="Print the metadata only.")
def read_command(sources: tuple[Path | str, ...], fmt: str, no_text: bool) -> None:
    """Read SOURCES (files or http(s) URLs) and print their cleaned text and metadata.

    Files and pages may be txt, md, html, pdf or docx.
    """
    from cardsmith.sources import read_document

    for doc in run_batch(list(sources), read_document, "reading"):
        if fmt == "json":
            click.echo(json.dumps(document_json(doc, with_text=not no_text), ensure_ascii=False))
        else:
            click.echo(document_text(doc, with_text=not no_text) + "\n")
    batch_exit()


commands = [read_command]
