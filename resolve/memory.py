"""Giving freed memory back to the operating system between the stages of a run.

glibc's malloc keeps the memory a process frees for its own reuse: after the matching
rounds have let go of their partitions, and after each output table is written, the
freed heap stays in the process's resident size although nothing uses it, and the
next stage's allocations land beside it.  `give_back` asks malloc to return the free
pages (`malloc_trim`), so the peak of a run is what it holds, not what it once held.
Elsewhere (another C library, another platform) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def give_back() -> bool:
    """Return the process's free heap pages to the system; True when it could be asked."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
