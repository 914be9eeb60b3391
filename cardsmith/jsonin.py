"""JSON a user gave us: every way it can be wrong becomes one :class:`CardsmithError` line.

Python's parser accepts two things the rest of cardsmith cannot handle: nesting deeper than its
stack (``[`` × 100,000 raises ``RecursionError``, not a decode error) and ``\\ud800``-style escapes
that decode to half a UTF-16 pair, which no UTF-8 writer (SQLite, Word files, JSON output) accepts.
One line of input must never cost a traceback or the rest of a batch.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cardsmith.errors import CardsmithError

#: A ``\\ud800``-``\\udfff`` escape, or a raw surrogate (json.loads decodes bytes with "surrogatepass", so
#: UTF-8-encoded surrogates ``ED A0..BF ..`` get through): the only ways JSON can hold half a pair.
_MAY_HOLD_SURROGATES = {
    False: re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]"),
    True: re.compile("\\\\u[dD][89a-fA-F]|[\ud800-\udfff]"),
}


def _may_hold_surrogates(text: str | bytes) -> bool:
    """False only when ``text`` surely holds no lone surrogate (UTF-16/32 bytes are always checked)."""
    if isinstance(text, bytes) and b"\x00" in text[:4]:
        return True
    return bool(_MAY_HOLD_SURROGATES[isinstance(text, str)].search(text))


class NotJSON(CardsmithError):
    """The text is not JSON at all (as opposed to JSON that cardsmith cannot use)."""


def parse_json(text: str | bytes) -> Any:
    """The parsed value; :class:`CardsmithError` with a one-line reason when it is not usable JSON."""
    try:
        value = json.loads(text)
        if _may_hold_surrogates(text):  # rare: check only then (card files run to 200 MB)
            json.dumps(value, ensure_ascii=False).encode("utf-8")
    except json.JSONDecodeError as err:
        raise NotJSON(f"not JSON ({err.msg} at line {err.lineno} column {err.colno})") from None
    except RecursionError:
        raise CardsmithError("JSON nested too deeply") from None
    except UnicodeError:
        raise CardsmithError("JSON text is not valid Unicode (bad UTF-8, or half of a \\ud800-\\udfff pair)") from None
    return value
