"""JSON a user gave us: every way it can be wrong becomes one :class:`CardsmithError` line.

Python's parser accepts two things the rest of cardsmith cannot handle: nesting deeper than its
stack (``[`` × 100,000 raises ``RecursionError``, not a decode error) and ``\\ud800``-style escapes
that decode to half a UTF-16 pair, which no UTF-8 writer (SQLite, Word files, JSON output) accepts.
One line of input must never cost a traceback or the rest of a batch.
"""

from __future__ import annotations

import json
from typing import Any

from cardsmith.errors import CardsmithError


class NotJSON(CardsmithError):
    """The text is not JSON at all (as opposed to JSON that cardsmith cannot use)."""


def parse_json(text: str | bytes) -> Any:
    """The parsed value; :class:`CardsmithError` with a one-line reason when it is not usable JSON."""
    try:
        value = json.loads(text)
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except json.JSONDecodeError as err:
        raise NotJSON(f"not JSON ({err.msg} at line {err.lineno} column {err.colno})") from None
    except RecursionError:
        raise CardsmithError("JSON nested too deeply") from None
    except UnicodeError:
        raise CardsmithError("JSON text is not valid Unicode (bad UTF-8, or half of a \\ud800-\\udfff pair)") from None
    return value
