"""Line numbers of offsets in a text, for the scans that report where in a file they found something."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable


def line_numbers(text: str) -> Callable[[int], int]:
    """The line (from 1) of an offset in the text. Counting newlines before each match from the
    start is quadratic in a text of thousands of matches; this reads the text once."""
    starts = [m.end() for m in re.finditer("\n", text)]
    return lambda offset: bisect.bisect_right(starts, offset) + 1
