"""Community-scale import: card files parsed, embedded and stored by a Ray Data pipeline.

``cardsmith import --workers N`` (a local Ray of N cores) or ``--ray-address ADDR|auto`` (a running
cluster) goes through :func:`import_paths`; without them the import stays in one process. Both make
the same library: the workers call the library's own :func:`~cardsmith.library.card_records`, and
one writer on the driver stores each file, in input order, through
:meth:`~cardsmith.library.Library.write_cards`. Ray is imported only inside the pipeline.
"""

from __future__ import annotations

from cardsmith.ingest.inputs import Input, list_inputs
from cardsmith.ingest.pipeline import import_paths
from cardsmith.ingest.writer import Totals

__all__ = ["Input", "Totals", "import_paths", "list_inputs"]
