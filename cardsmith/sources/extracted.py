"""What a format reader hands to cleaning: the source text, a markup-free view of it, hints."""

from __future__ import annotations

from dataclasses import dataclass, field

from cardsmith.sources.mapped import Mapped


@dataclass
class Extracted:
    """``source_text`` is what offsets point into; ``mapped`` is it minus markup (md), if any.

    ``hints`` are metadata the container states (HTML meta tags, PDF info, docx properties):
    keys ``title``, ``authors`` (list), ``date``, ``publication``, ``url``.
    """

    source_text: str
    hints: dict = field(default_factory=dict)
    mapped: Mapped | None = None

    def view(self) -> Mapped:
        return self.mapped if self.mapped is not None else Mapped.identity(self.source_text)
