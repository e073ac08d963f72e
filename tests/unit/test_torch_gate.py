"""torch stays out of a process that does not need it: hidden while spaCy loads, importable afterwards."""

from __future__ import annotations

import subprocess
import sys

HIDDEN = """
import importlib.util, sys
from mineralcheck import torch_gate
with torch_gate.hidden():
    try:
        import torch
    except ImportError:
        pass
    else:
        raise SystemExit("torch imported while hidden")
assert "torch" not in sys.modules  # the stand-in is gone...
assert importlib.util.find_spec("torch") is not None  # ...and torch can be imported again
print("ok")
"""

PARSER = """
import sys
from mineralcheck.claims.parse import UNUSED_COMPONENTS, load_parser
nlp = load_parser()
heavy = [m for m in sys.modules if m == "torch" or m.startswith(("torch.", "transformers"))]
assert not heavy, heavy
assert not set(UNUSED_COMPONENTS) & set(nlp.component_names)
assert {"tagger", "parser", "attribute_ruler", "lemmatizer", "ner"} <= set(nlp.pipe_names)
print("ok")
"""


def test_torch_cannot_be_imported_while_hidden_and_can_afterwards() -> None:
    out = subprocess.run([sys.executable, "-c", HIDDEN], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_the_parser_loads_without_torch_and_with_what_extraction_reads() -> None:
    out = subprocess.run([sys.executable, "-c", PARSER], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
