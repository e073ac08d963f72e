"""Files, folders and stdin -> Articles: decoded text, id, title, date, furniture and captions marked."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mineralcheck.errors import InputError
from mineralcheck.files import NotARegularFile, TooLarge, file_size, megabytes, read_limited
from mineralcheck.furniture import find_furniture
from mineralcheck.manifest import Manifest
from mineralcheck.models import Article, Skipped, SourceId, Span
from mineralcheck.outlets import (
    SourceMeta,
    date_from_url,
    dateline,
    front_matter,
    merge,
    outlet_from_url,
    source_line,
)
from mineralcheck.webpage import read_webpage

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_EXTENSIONS = (".html", ".htm")
HTML_TAG = re.compile(r"<[A-Za-z!/]")
HTML_TAG_SNIFF = 65536
STDIN_PATH = "-"
STDIN_ID = SourceId("stdin")

# Binary formats people drop into a news folder by mistake; the name goes into the skip reason.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "a GZIP archive"),
    (b"\xd0\xcf\x11\xe0", "an old office document"),
)
# Text files have no NUL bytes; looking at the head is enough and keeps large files cheap.
BINARY_SNIFF_BYTES = 8192

# The preferred guess where several single-byte encodings read a non-UTF-8 file equally well.
WESTERN_ENCODING = "cp1252"
ENCODING_TIE = 0.02

# BOMs, longest first: the UTF-32 LE mark starts with the UTF-16 LE mark.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

TITLE_MAX_CHARS = 200

# Size limits. The longest news features run to ~100,000 characters; a file far beyond that is a
# dump or a book, and parsing it would take many minutes (about 100 s per MB of text), so it is
# skipped with the reason instead. The byte limit is looser because HTML carries markup and scripts,
# and is checked before reading so a huge file is never loaded at all.
MAX_FILE_BYTES = 10_000_000
MAX_ARTICLE_CHARS = 300_000


@dataclass(frozen=True)
class IngestResult:
    """What reading the inputs produced."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    """Inputs that were not used, each with the reason."""
    duplicates: tuple[tuple[str, SourceId], ...]
    """(path of a file whose text repeats an earlier article, id of that article)."""


class _Skip(Exception):
    """A per-file problem: the file is reported as skipped and the run goes on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Candidate:
    path: Path | None
    """None for stdin."""
    display: str
    id_parts: tuple[str, ...]
    """Relative path parts without extension, used when file names collide."""


def load_articles(
    paths: Sequence[str], *, stdin_text: str | bytes | None = None, manifest: Manifest | None = None
) -> IngestResult:
    """Read files, folders (recursively) and "-" (stdin_text) into articles, in a deterministic order.

    Give stdin as bytes where possible: it is then decoded like a file (BOM, detected encoding,
    binary refused), not with whatever encoding the terminal's locale implies. What `manifest` says
    about a file (outlet, URL, title, date) wins over what the file says about itself.
    """
    if not paths:
        raise InputError("No inputs given: pass files or folders of articles, or - to read stdin.")
    candidates, unreadable = _collect(paths, stdin_text)
    ids = _assign_ids(candidates)

    articles: list[Article] = []
    skipped: list[Skipped] = list(unreadable)
    duplicates: list[tuple[str, SourceId]] = []
    seen_text: dict[str, SourceId] = {}
    for candidate, source_id in zip(candidates, ids, strict=True):
        given = manifest.lookup(candidate.path) if manifest is not None else None
        try:
            if candidate.path is None:
                text = _decode_stdin(stdin_text)
                html = _looks_like_html(text)
                article = _build_article(text, STDIN_PATH, source_id, html=html, given=given)
            else:
                article = _read(candidate.path, candidate.display, source_id, given)
        except _Skip as skip:
            if skip.reason == "permission denied" and len(candidates) == 1:
                raise InputError(
                    f"Cannot read {candidate.display}: permission denied (check the file's permissions)."
                ) from None
            skipped.append(Skipped(candidate.display, skip.reason))
            continue
        key = article.text.strip()
        if key in seen_text:
            duplicates.append((candidate.display, seen_text[key]))
            continue
        seen_text[key] = article.id
        articles.append(article)

    if not articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        raise InputError(
            f"No readable articles in {', '.join(paths)}: every input was skipped ({reasons}{more}); "
            "give UTF-8 text, Markdown or HTML files."
        )
    return IngestResult(tuple(articles), tuple(skipped), tuple(duplicates))


def read_stdin(stdin: IO[str] | None) -> bytes:
    """What was piped into `stdin` (sys.stdin), as bytes: at most MAX_FILE_BYTES + 1 of them.

    Raises InputError when nothing can be piped in: stdin closed, or a terminal (reading would
    wait for typing, which looks like a hang).
    """
    stream = getattr(stdin, "buffer", None)
    if stdin is None or stream is None:
        raise InputError("Input - means stdin, but stdin is closed: pipe an article or give a path.")
    try:
        if stream.isatty():
            raise InputError(
                "Input - means stdin, but nothing was piped in: pipe an article or give a path.",
                tip="curl -s URL | mineralcheck compare - other.txt",
            )
        # An endless stream (yes |, < /dev/zero) stops here; load_articles skips it as too large.
        data: bytes = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:  # `< folder`, or a stream closed under us
        cause = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"Cannot read stdin: {cause}: pipe an article or give a path.") from None
    return data


def read_article(path: Path, *, display_path: str, source_id: SourceId) -> Article:
    """Read one file into an Article; raises InputError when the file cannot be used."""
    try:
        return _read(path, display_path, source_id)
    except _Skip as skip:
        raise InputError(f"Cannot use {display_path}: {skip.reason}.") from None


# --- finding the inputs -------------------------------------------------------------------------


def _collect(paths: Sequence[str], stdin_text: str | bytes | None) -> tuple[list[_Candidate], list[Skipped]]:
    """The files to read, in order, and the folders that could not be listed (with the reason)."""
    candidates: list[_Candidate] = []
    unreadable: list[Skipped] = []
    seen_files: set[Path] = set()
    for given in paths:
        if given == STDIN_PATH:
            if stdin_text is None:
                raise InputError(
                    "Input - means stdin, but nothing was piped in: pipe an article or give a path."
                )
            if not any(c.path is None for c in candidates):
                candidates.append(_Candidate(None, STDIN_PATH, ("stdin",)))
            continue
        path = Path(given)
        if not os.path.lexists(path):
            raise InputError(f"Input not found: {given} (check the path).")
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
                candidates.append(_Candidate(file, display, _strip_ext(rel)))
        elif _first_visit(path, seen_files):
            # A file named explicitly is read whatever its extension: the user asked for it.
            parts = tuple(p for p in Path(os.path.normpath(given)).parts if p not in ("/", ".."))
            candidates.append(_Candidate(path, given, _strip_ext(parts or (path.name,))))
    return candidates, unreadable


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


def _assign_ids(candidates: list[_Candidate]) -> list[SourceId]:
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


# --- decoding -----------------------------------------------------------------------------------


def _read(path: Path, display: str, source_id: SourceId, given: SourceMeta | None = None) -> Article:
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except NotARegularFile as exc:
        if exc.kind == "a folder":
            raise _Skip("a folder, not a file") from None
        raise _Skip(f"{exc.kind}, not a file: name an article file instead") from None
    except TooLarge as exc:
        size = None if exc.size is None else file_size(exc.size)
        raise _Skip(_too_large(size, megabytes(MAX_FILE_BYTES))) from None
    except PermissionError:
        raise _Skip("permission denied") from None
    except OSError as exc:
        raise _Skip(f"cannot read ({exc.strerror or exc})") from None
    text = _decode(data)
    # A .html file without a single tag is text saved under the wrong name: read it as text.
    is_html = _looks_like_html(text[:1024]) or (
        path.suffix.lower() in HTML_EXTENSIONS and HTML_TAG.search(text, 0, HTML_TAG_SNIFF) is not None
    )
    return _build_article(text, display, source_id, html=is_html, given=given)


def _decode_stdin(data: str | bytes | None) -> str:
    if not isinstance(data, bytes):
        return data or ""
    if len(data) > MAX_FILE_BYTES:
        raise _Skip(_too_large(None, megabytes(MAX_FILE_BYTES)))
    return _decode(data)


def _decode(data: bytes) -> str:
    """Bytes -> text with \\n newlines; raises _Skip for binary, empty or undecodable data."""
    text: str | None = None
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise _Skip(f"not valid {encoding.upper()} despite its byte order mark") from None
            break
    if text is None:
        for magic, name in MAGIC_NUMBERS:
            if data.startswith(magic):
                raise _Skip(f"binary file (looks like {name}), not an article")
        if b"\x00" in data[:BINARY_SNIFF_BYTES]:
            text = _utf16_without_bom(data)
            if text is None:
                raise _Skip("binary file (contains NUL bytes), not an article")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data)
    # Universal newlines, as Python's read_text shows the file: offsets refer to this text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _Skip("empty file")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte order mark, told from binary data by where its NUL bytes fall.

    Text in Latin script has a NUL as every second byte (the high byte of each character), and
    none in between; binary data has them anywhere. The decoded head must also be printable text.
    """
    head = data[:BINARY_SNIFF_BYTES]
    if len(data) % 2 or len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for encoding, highs, lows in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if highs.count(0) < len(highs) // 2 or lows.count(0) > len(lows) // 100:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(c.isprintable() or c.isspace() for c in text[: BINARY_SNIFF_BYTES // 2]):
            return text
    return None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    best = from_bytes(data).best()
    if best is None:
        raise _Skip("could not detect the text encoding; save it as UTF-8")
    # Several single-byte code pages often decode a file equally well and the detector then picks
    # one by name. News in English that is not UTF-8 is nearly always Windows-1252 (Latin-1 plus
    # curly quotes), so it wins every tie.
    western = from_bytes(data, cp_isolation=[WESTERN_ENCODING]).best()
    if (
        western is not None
        and western.chaos <= best.chaos + ENCODING_TIE
        and western.coherence >= best.coherence - ENCODING_TIE
    ):
        return str(western)
    return str(best)


def _looks_like_html(text: str | None) -> bool:
    head = (text or "")[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


# --- building the article -----------------------------------------------------------------------


def _build_article(
    text: str, display: str, source_id: SourceId, *, html: bool, given: SourceMeta | None = None
) -> Article:
    """The article of a decoded file. Who published it and when comes, in this order, from `given`
    (the manifest), front matter, the page's metadata, a leading `Source:` line (its URL's domain and
    date) and a dateline at the top; never from a date in the body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    page: SourceMeta | None = None
    front: SourceMeta | None = None
    head = 0
    line_map: tuple[tuple[int, int], ...] = ()
    if html:
        webpage = read_webpage(text)
        text, page, line_map = webpage.text, webpage.meta, webpage.line_map
    else:
        front, head = front_matter(text)
    if not text.strip():
        raise _Skip("empty file" if not html else "no text in the HTML page")
    if len(text) > MAX_ARTICLE_CHARS:
        raise _Skip(_too_large(f"{len(text):,} characters", f"{MAX_ARTICLE_CHARS:,}"))

    url, url_span = source_line(text, head)
    lead = [Span(0, head)] if head else []
    lead += [url_span] if url_span else []
    meta = merge(given, front, page, SourceMeta(url=url))
    # Furniture heuristics see the front matter and Source line as blanks, so offsets stay the file's.
    masked = _blank(text, lead)
    names = [n for n in (meta.outlet, outlet_from_url(meta.url)) if n]
    furniture, captions = find_furniture(masked, names)
    stated, dateline_span = dateline(masked, furniture, start=lead[-1].end if lead else 0)
    furniture = tuple(sorted((*lead, *([dateline_span] if dateline_span else []), *furniture)))

    if meta.date is None:
        meta = merge(meta, SourceMeta(date=date_from_url(meta.url)), stated)
    title = meta.title or _first_title_line(text, (*furniture, *captions))
    return Article(
        id=source_id,
        path=display,
        text=text,
        title=title,
        date=meta.date,
        time=meta.time,
        outlet=meta.outlet or outlet_from_url(meta.url) or source_id,
        url=meta.url,
        furniture=furniture,
        captions=captions,
        line_map=line_map,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def _blank(text: str, spans: list[Span]) -> str:
    """`text` with the characters of `spans` (but not their newlines) turned into spaces."""
    for span in spans:
        text = text[: span.start] + re.sub(r"[^\n]", " ", text[span.start : span.end]) + text[span.end :]
    return text


def _too_large(size: str | None, limit: str) -> str:
    """The skip reason; `size` is None for a stream, which is read only up to the limit."""
    measured = f"{size}; the limit is {limit}" if size else f"over the limit of {limit}"
    return f"too large for a news article ({measured}): split it into articles"


def _first_title_line(text: str, furniture: tuple[Span, ...]) -> str | None:
    """Best effort: the first short line outside the furniture (and captions) that is not a sentence
    with a period."""
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        span = Span(start + lead, start + lead + len(stripped))
        if any(f.overlaps(span) for f in furniture):
            continue
        if len(stripped) < TITLE_MAX_CHARS and not stripped.endswith("."):
            return stripped.lstrip("#").strip() or None
        return None
    return None
