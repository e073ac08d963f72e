"""Keep torch out of a process that does not need it: thinc (under spaCy) imports it whenever installed.

Importing torch costs seconds and hundreds of MB, and spaCy's English pipeline does not use it. While
`hidden()` is active, `import torch` raises ImportError (thinc then runs without it, as on a machine
without torch). LOCK serialises that window with any real import of torch in another thread (the
sentence-transformers embedder), which must never see the stand-in.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

LOCK = threading.Lock()
"""Held while torch is hidden, and by code that imports torch for real."""


@contextmanager
def hidden() -> Iterator[None]:
    """Within the block `import torch` fails, unless torch is already loaded (then nothing changes)."""
    with LOCK:
        if "torch" in sys.modules:
            yield
            return
        sys.modules["torch"] = None  # type: ignore[assignment]  # None makes the import fail
        try:
            yield
        finally:
            if "torch" in sys.modules and sys.modules["torch"] is None:
                del sys.modules["torch"]
