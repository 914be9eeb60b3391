"""Author bios: where a source says who its authors are, which debaters cite as qualifications.

Bios sit in an "About the author(s)" section, on a "NOTE:" line, or as a paragraph opening
"<Name> is a senior fellow …" at the end (or top) of a piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cardsmith.sources.people import clean_name
from cardsmith.sources.textlines import Line, paragraphs_of, word_count

#: Sentences of a bio kept for the cite: enough for two co-authors, not a whole CV.
MAX_BIO_SENTENCES = 4
#: A paragraph longer than this is body text, whoever it opens with.
MAX_BIO_WORDS = 150

# A bio opens "<Name> is a senior fellow …" / "<Name> directs …": the verb, then (for is/was) a role.
_BIO_VERB = re.compile(
    r"\s(?:(?:is|was)\s+(?:(?:currently|also|now|formerly)\s+)?(?:a|an|the|senior|director|professor|"
    r"associate|assistant|executive|chief|president|chair|fellow|editor|founder|co-founder|head|deputy|"
    r"lecturer|research|former|vice|managing|distinguished|adjunct|visiting|non-?resident|emeritus)\b|"
    r"(?:serves|served|has\s+served|teaches|taught|holds|leads|directs|heads)\s)",
    re.I,
)
ABOUT = re.compile(
    r"^(?:about|meet)\s+the\s+(?:authors?|contributors?|writers?)\b[:.]?\s*|^authors?\s+(?:bio|biography|"
    r"biographies|information|note)s?\b[:.]?\s*|^contributors?\s*:\s*",
    re.I,
)
_NOTE = re.compile(r"^(?:note|author'?s?\s+note|editor'?s\s+note)\s*:\s*", re.I)


@dataclass(frozen=True)
class Bio:
    """A bio's text (as cited), the person it opens with (None for "NOTE: The author is …"),
    how sure we are, and whether it may name an author when the piece has no byline (a
    profile opening a piece is about its subject, not its author)."""

    text: str
    person: str | None
    confidence: float
    names_author: bool

    @property
    def others(self) -> list[str]:
        """People whose bios follow the first one in the same block ("… Kramer is senior fellow …")."""
        names = (bio_name(s) for s in _sentences(self.text)[1:])
        return [n for n in names if n and n != self.person]


def bio_name(paragraph: str) -> str | None:
    """The person a bio paragraph opens with ("Jane Doe is a senior fellow …"), if it is one."""
    m = _BIO_VERB.search(paragraph)
    if not m or word_count(paragraph[: m.start()]) > 6:
        return None
    return clean_name(paragraph[: m.start()])


def find_bios(lines: list[Line], header: list[Line], tail: list[Line]) -> list[Bio]:
    """Bios in an "About the author(s)" section, on "NOTE:" lines, or opening a header/tail paragraph."""
    found = _about_section(lines)
    taken = {b.text for b in found}
    tail_paras = {line.para for line in tail}
    for index, para in paragraphs_of(header + tail):
        note = _NOTE.match(para)
        body = para[note.end() :] if note else para
        person = bio_name(body)
        if _bio_text(body) in taken:
            continue
        if note and (person or re.search(r"\bauthors?\b", body, re.I)):
            found.append(Bio(_bio_text(body), person, 0.85, True))
        elif person and word_count(body) <= MAX_BIO_WORDS:
            found.append(Bio(_bio_text(body), person, 0.8, index in tail_paras))
    return found


def _about_section(lines: list[Line]) -> list[Bio]:
    """The paragraphs under an "About the author(s)" heading: the first, then those that are bios."""
    at = next(
        (i for i, line in enumerate(lines) if ABOUT.match(line.text) and word_count(line.text) <= 6), None
    )
    if at is None:
        return []
    inline = ABOUT.sub("", lines[at].text)
    section = [inline] if inline else []
    after = (line for line in lines[at + 1 :] if line.para != lines[at].para)
    for i, (_, para) in enumerate(paragraphs_of(after)):
        if (i > 0 or inline) and not bio_name(para):
            break
        section.append(para)
    return [Bio(_bio_text(p), bio_name(p), 0.9, True) for p in section if word_count(p) >= 6]


def _sentences(text: str) -> list[str]:
    """Sentences of a bio; an initial ("David J. Kramer") does not end one."""
    return re.split(r"(?<!\b[A-Z]\.)(?<=[.!?])\s+(?=[A-Z])", text.strip())


def _bio_text(paragraph: str) -> str:
    return " ".join(_sentences(paragraph)[:MAX_BIO_SENTENCES])
