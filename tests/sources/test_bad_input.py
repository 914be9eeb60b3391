"""Every way a user can hand over a bad file ends in one SourceError naming the file."""

import os
import random
import zipfile

import pytest

from cardsmith.errors import SourceError
from cardsmith.sources import read_document
from tests.conftest import FIXTURES
from tests.sources.make import make_pdf

HTML = (FIXTURES / "sources" / "article.html").read_bytes()


def fails(path, reason: str, **kwargs) -> SourceError:
    with pytest.raises(SourceError, match=reason) as caught:
        read_document(path, **kwargs)
    err = caught.value
    assert str(err).startswith(str(path)) and "\n" not in str(err)
    return err


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path):
    fails(tmp_path / "nope.txt", "no such file")


def test_directory(tmp_path):
    fails(tmp_path, "is a directory")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty(tmp_path, data):
    fails(write(tmp_path, "empty.txt", data), "empty")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs a device file")
def test_device_is_refused():
    fails("/dev/null", "not a regular file")


def test_too_big(tmp_path):
    fails(write(tmp_path, "big.txt", b"word " * 100), "too large", max_bytes=100)


def test_binary_garbage(tmp_path):
    fails(write(tmp_path, "noise.txt", random.Random(1).randbytes(4000)), "binary")


def test_garbage_without_nul_bytes(tmp_path):
    rng = random.Random(2)
    data = bytes(rng.choice([*range(1, 9), *range(0x80, 0x100)]) for _ in range(4000))
    fails(write(tmp_path, "noise.txt", data), "unknown text encoding|binary")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "legacy"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"PK\x03\x04 not really a zip", "damaged ZIP"),
    ],
)
def test_known_binary_formats(tmp_path, data, reason):
    fails(write(tmp_path, "file.docx", data), reason)


def test_zip_that_is_not_docx(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    fails(path, "not a Word")


def test_encrypted_pdf(tmp_path):
    path = make_pdf(tmp_path / "locked.pdf", [["secret words"]], password="user")
    fails(path, "encrypted")


def test_broken_pdf(tmp_path):
    fails(write(tmp_path, "broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n"), "damaged")


def test_pdf_without_text(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    fails(write(tmp_path, "scan.pdf", bytes(pdf.output())), "no text layer")


def test_html_without_content(tmp_path):
    page = b"<!DOCTYPE html><html><head><title></title></head><body></body></html>"
    fails(write(tmp_path, "blank.html", page), "no readable text")


def test_only_junk_left(tmp_path):
    fails(write(tmp_path, "debris.txt", "f\n\nG+\n\n✉\n\nin\n".encode()), "no readable text")


def test_html_named_pdf_is_read_as_html_with_warning(tmp_path):
    doc = read_document(write(tmp_path, "article.pdf", HTML))
    assert "Freight trains are running again" in doc.text
    assert any("named PDF" in w and "HTML" in w for w in doc.metadata.warnings)


def test_text_named_docx_is_read_as_text_with_warning(tmp_path):
    doc = read_document(write(tmp_path, "notes.docx", b"Plain words in a file with the wrong name."))
    assert doc.text == "Plain words in a file with the wrong name."
    assert doc.metadata.warnings[0].startswith("file is named Word .docx")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_other_encodings(tmp_path, encoding):
    text = "Le café du coin a fermé ses portes après trente années de service à la clientèle fidèle. " * 3
    doc = read_document(write(tmp_path, "fr.txt", text.encode(encoding)))
    assert doc.text == text.strip()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", b"words")
    path.chmod(0)
    fails(path, "permission denied")


def test_nothing_written(tmp_path):
    path = write(tmp_path, "a.txt", b"A short note about ferries.")
    before = sorted(p.name for p in tmp_path.iterdir())
    read_document(path)
    with pytest.raises(SourceError):
        read_document(write(tmp_path, "b.pdf", b"%PDF-1.4 broken"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [*before, "b.pdf"]
