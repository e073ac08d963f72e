"""The inputs of a run: files named, folders walked (recursively, links visited once), stdin; each
with the id it is known by in every report."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mineralcheck.errors import InputError
from mineralcheck.models import Skipped, SourceId

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
STDIN_PATH = "-"


@dataclass(frozen=True)
class Candidate:
    """A file to read (or stdin) and the parts its id is made of."""

    path: Path | None
    """None for stdin."""
    display: str
    id_parts: tuple[str, ...]
    """Relative path parts without extension, used when file names collide."""


def collect(paths: Sequence[str], stdin_text: str | bytes | None) -> tuple[list[Candidate], list[Skipped]]:
    """The files to read, in order, and the folders that could not be listed (with the reason)."""
    candidates: list[Candidate] = []
    unreadable: list[Skipped] = []
    seen_files: set[Path] = set()
    for given in paths:
        if given == STDIN_PATH:
            if stdin_text is None:
                raise InputError(
                    "Input - means stdin, but nothing was piped in: pipe an article or give a path."
                )
            if not any(c.path is None for c in candidates):
                candidates.append(Candidate(None, STDIN_PATH, ("stdin",)))
            continue
        path = Path(given)
        if not os.path.lexists(path):
            raise _not_found(given)
        try:
            is_dir = path.is_dir()
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise InputError(
                    f"Input {given} is a symbolic link loop: point it at a real file or folder."
                ) from None
            raise InputError(f"Cannot open {given}: {exc.strerror} (check the path).") from None
        if not path.exists():
            raise InputError(f"Input not found: {given} is a broken symbolic link (check the path).")
        if is_dir:
            files, closed = _walk(path)
            if () in closed and len(paths) == 1:
                raise InputError(
                    f"Cannot read folder {given}: {closed[()]} (check the folder's permissions)."
                )
            unreadable.extend(Skipped(os.path.join(given, *rel), why) for rel, why in closed.items())
            found = [
                (rel, file)
                for rel, file in files
                if file.suffix.lower() in ARTICLE_EXTENSIONS and _first_visit(file, seen_files)
            ]
            if not found and not closed:
                raise InputError(f"No articles found in {given}: expected .txt, .md or .html files.")
            for rel, file in found:
                display = os.path.join(given, *rel)
                candidates.append(Candidate(file, display, _strip_ext(rel)))
        elif _first_visit(path, seen_files):
            # A file named explicitly is read whatever its extension: the user asked for it.
            parts = tuple(p for p in Path(os.path.normpath(given)).parts if p not in ("/", ".."))
            candidates.append(Candidate(path, given, _strip_ext(parts or (path.name,))))
    return candidates, unreadable


_SWITCH_VALUES = frozenset({"true", "false", "yes", "no", "on", "off"})
"""Words a user may write after a switch (`--singles true`): typer then reads them as a path."""


def _not_found(given: str) -> InputError:
    """Input not found, with what to do when the missing "path" is a web address or a switch's value."""
    if "://" in given or given.lower().startswith("www."):
        return InputError(
            f"Input {given} is a web address: mineralcheck reads saved files and never fetches a page.",
            tip="save the page as HTML (a browser's Save Page As, or `curl -o page.html URL`) and pass "
            "the file, or pipe it in: `mineralcheck compare <(curl -s URL) other.txt`",
        )
    if given.lower() in _SWITCH_VALUES:
        return InputError(
            f"Input not found: {given} (check the path).",
            tip="switches such as --singles, --no-cache or --quiet take no value: write `--singles`, "
            f"not `--singles {given}`",
        )
    return InputError(f"Input not found: {given} (check the path).")


def _first_visit(file: Path, seen: set[Path]) -> bool:
    """False when the same file was already listed (given twice, or reached through a link)."""
    try:
        key = file.resolve()
    except OSError:
        key = file.absolute()
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(root: Path) -> tuple[list[tuple[tuple[str, ...], Path]], dict[tuple[str, ...], str]]:
    """Visible files under root as (relative parts, path), sorted; symlinked folders visited once.

    Also returns the folders that could not be listed, by relative parts (() is root), with why.
    """
    out: list[tuple[tuple[str, ...], Path]] = []
    closed: dict[tuple[str, ...], str] = {}
    visited: set[Path] = set()

    def visit(folder: Path, rel: tuple[str, ...]) -> None:
        try:
            real = folder.resolve()
        except OSError:
            return  # a link loop that cannot be resolved
        if real in visited:
            return
        visited.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except PermissionError:
            closed[rel] = "permission denied"
            return
        except OSError as exc:
            closed[rel] = f"cannot list the folder ({exc.strerror or exc})"
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    visit(Path(entry.path), (*rel, entry.name))
                elif entry.is_file():
                    out.append(((*rel, entry.name), Path(entry.path)))
            except OSError:
                continue  # a dangling or looping link inside the folder

    visit(root, ())
    out.sort(key=lambda item: item[0])
    return out, closed


def _strip_ext(parts: tuple[str, ...]) -> tuple[str, ...]:
    stem = Path(parts[-1]).stem if Path(parts[-1]).suffix.lower() in ARTICLE_EXTENSIONS else parts[-1]
    return (*parts[:-1], stem)


def assign_ids(candidates: list[Candidate]) -> list[SourceId]:
    """File stem, or the relative path without extension for every file whose stem collides."""
    stems = [c.id_parts[-1] for c in candidates]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    ids = [
        stem if counts[stem] == 1 else "/".join(c.id_parts) for stem, c in zip(stems, candidates, strict=True)
    ]
    # Two folders given side by side can still yield the same relative path: number the later ones.
    used: set[str] = set()
    out: list[SourceId] = []
    for candidate_id in ids:
        unique, n = candidate_id, 1
        while unique in used:
            n += 1
            unique = f"{candidate_id}-{n}"
        used.add(unique)
        out.append(SourceId(unique))
    return out
