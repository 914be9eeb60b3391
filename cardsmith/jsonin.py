"""JSON a user gave us: every way it can be wrong becomes one :class:`CardsmithError` line.

Python's parser recurses once per nesting level, so ``[`` × 100,000 raises ``RecursionError``
rather than a decode error; a line of input must never cost a traceback or the rest of a batch.
"""

from __future__ import annotations

import json
from typing import Any

from cardsmith.errors import CardsmithError


def parse_json(text: str | bytes) -> Any:
    """The parsed value; :class:`CardsmithError` with a one-line reason when it is not usable JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise CardsmithError(f"not JSON ({err.msg} at line {err.lineno} column {err.colno})") from None
    except UnicodeDecodeError as err:
        raise CardsmithError(f"not UTF-8 text ({err.reason})") from None
    except RecursionError:
        raise CardsmithError("JSON nested too deeply") from None
