"""Files, folders and stdin -> Articles: decoded text, id, title, date, furniture and captions marked."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mineralcheck.errors import InputError
from mineralcheck.files.reading import NotARegularFile, TooLarge, file_size, megabytes, read_limited
from mineralcheck.models import Article, CopyGroup, Skipped, SourceId, Span
from mineralcheck.read.copies import find_copies
from mineralcheck.read.decode import Skip, decode, looks_like_html
from mineralcheck.read.folders import STDIN_PATH, assign_ids, collect
from mineralcheck.read.furniture import find_furniture
from mineralcheck.read.furniture_model import FurnitureModel
from mineralcheck.read.manifest import Manifest
from mineralcheck.read.mastheads import outlet_name, stated_outlet
from mineralcheck.read.outlets import (
    SourceMeta,
    date_from_url,
    dateline,
    front_matter,
    merge,
    outlet_from_url,
    source_line,
)
from mineralcheck.read.webpage import read_webpage

HTML_EXTENSIONS = (".html", ".htm")
HTML_TAG = re.compile(r"<[A-Za-z!/]")
HTML_TAG_SNIFF = 65536
STDIN_ID = SourceId("stdin")

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
    copies: tuple[CopyGroup, ...] = ()
    """Groups of articles that run one text with edits (read.copies)."""


def load_articles(
    paths: Sequence[str],
    *,
    stdin_text: str | bytes | None = None,
    manifest: Manifest | None = None,
    furniture_model: FurnitureModel | None = None,
) -> IngestResult:
    """Read files, folders (recursively) and "-" (stdin_text) into articles, in a deterministic order.

    Give stdin as bytes where possible: it is then decoded like a file (BOM, detected encoding,
    binary refused), not with whatever encoding the terminal's locale implies. What `manifest` says
    about a file (outlet, URL, title, date) wins over what the file says about itself.
    `furniture_model` judges page furniture (default: the shipped one; bench/fit_furniture.py passes
    the model of each leave-one-event-out fold).
    """
    if not paths:
        raise InputError("No inputs given: pass files or folders of articles, or - to read stdin.")
    candidates, unreadable = collect(paths, stdin_text)
    ids = assign_ids(candidates)

    articles: list[Article] = []
    skipped: list[Skipped] = list(unreadable)
    duplicates: list[tuple[str, SourceId]] = []
    seen_text: dict[str, SourceId] = {}
    for candidate, source_id in zip(candidates, ids, strict=True):
        given = manifest.lookup(candidate.path) if manifest is not None else None
        try:
            if candidate.path is None:
                text = _decode_stdin(stdin_text)
                html = looks_like_html(text)
                article = _build_article(
                    text, STDIN_PATH, source_id, html=html, given=given, model=furniture_model
                )
            else:
                article = _read(candidate.path, candidate.display, source_id, given, furniture_model)
        except Skip as skip:
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
    return IngestResult(tuple(articles), tuple(skipped), tuple(duplicates), find_copies(articles))


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
    except Skip as skip:
        raise InputError(f"Cannot use {display_path}: {skip.reason}.") from None


# --- reading a file -----------------------------------------------------------------------------------


def _read(
    path: Path,
    display: str,
    source_id: SourceId,
    given: SourceMeta | None = None,
    model: FurnitureModel | None = None,
) -> Article:
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except NotARegularFile as exc:
        if exc.kind == "a folder":
            raise Skip("a folder, not a file") from None
        raise Skip(f"{exc.kind}, not a file: name an article file instead") from None
    except TooLarge as exc:
        size = None if exc.size is None else file_size(exc.size)
        raise Skip(_too_large(size, megabytes(MAX_FILE_BYTES))) from None
    except PermissionError:
        raise Skip("permission denied") from None
    except OSError as exc:
        raise Skip(f"cannot read ({exc.strerror or exc})") from None
    text = decode(data)
    return _build_article(text, display, source_id, html=_is_html(path, text), given=given, model=model)


def _is_html(path: Path, text: str) -> bool:
    # A .html file without a single tag is text saved under the wrong name: read it as text.
    return looks_like_html(text[:1024]) or (
        path.suffix.lower() in HTML_EXTENSIONS and HTML_TAG.search(text, 0, HTML_TAG_SNIFF) is not None
    )


def _decode_stdin(data: str | bytes | None) -> str:
    if not isinstance(data, bytes):
        return data or ""
    if len(data) > MAX_FILE_BYTES:
        raise Skip(_too_large(None, megabytes(MAX_FILE_BYTES)))
    return decode(data)


# --- building the article -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    """A decoded file read as far as furniture: its text, what the file says about its source, and the
    text furniture is looked for in."""

    text: str
    meta: SourceMeta
    lead: tuple[Span, ...]
    """Front matter and the `Source:` line: furniture, and blanks for the furniture heuristics."""
    masked: str
    """`text` with the lead blanked (offsets stay the file's)."""
    names: tuple[str, ...]
    """What the outlet is called (its name, its URL's host): a line that is only that name is its logo."""
    line_map: tuple[tuple[int, int], ...]


def _parse(text: str, *, html: bool, given: SourceMeta | None = None) -> _Parsed:
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
        raise Skip("empty file" if not html else "no text in the HTML page")
    if len(text) > MAX_ARTICLE_CHARS:
        raise Skip(_too_large(f"{len(text):,} characters", f"{MAX_ARTICLE_CHARS:,}"))

    url, url_span = source_line(text, head)
    lead = [Span(0, head)] if head else []
    lead += [url_span] if url_span else []
    meta = merge(given, front, page, SourceMeta(url=url))
    names = tuple(n for n in (meta.outlet, outlet_from_url(meta.url)) if n)
    return _Parsed(text, meta, tuple(lead), _blank(text, lead), names, line_map)


def furniture_input(path: Path) -> tuple[str, tuple[str, ...]]:
    """(text, outlet names) that find_furniture reads for the article file at `path`: how the
    furniture model's fitting (bench/fit_furniture.py) sees a page as `compare` does."""
    try:
        text = decode(read_limited(path, MAX_FILE_BYTES))
        parsed = _parse(text, html=_is_html(path, text))
    except (Skip, OSError, NotARegularFile, TooLarge) as exc:
        raise InputError(f"Cannot use {path}: {exc}.") from None
    return parsed.masked, parsed.names


def _build_article(
    text: str,
    display: str,
    source_id: SourceId,
    *,
    html: bool,
    given: SourceMeta | None = None,
    model: FurnitureModel | None = None,
) -> Article:
    """The article of a decoded file. Who published it and when comes, in this order, from `given`
    (the manifest), front matter, the page's metadata, a leading `Source:` line (its URL's domain and
    date) and a dateline at the top; never from a date in the body."""
    parsed = _parse(text, html=html, given=given)
    text, meta, lead, masked = parsed.text, parsed.meta, parsed.lead, parsed.masked
    # Furniture heuristics see the front matter and Source line as blanks, so offsets stay the file's.
    furniture, captions = find_furniture(masked, parsed.names, model)
    stated, dateline_span = dateline(masked, furniture, start=lead[-1].end if lead else 0)
    furniture = tuple(sorted((*lead, *([dateline_span] if dateline_span else []), *furniture)))

    if meta.date is None:
        meta = merge(meta, SourceMeta(date=date_from_url(meta.url)), stated)
    title = meta.title or _first_title_line(text, (*furniture, *captions))
    printed = stated_outlet(masked, furniture)
    opening = title or _lead_text(text, furniture)
    outlet = outlet_name(meta.outlet, outlet_from_url(meta.url), printed, source_id, opening)
    return Article(
        id=source_id,
        path=display,
        text=text,
        title=title,
        date=meta.date,
        time=meta.time,
        outlet=outlet,
        url=meta.url,
        furniture=furniture,
        captions=captions,
        line_map=parsed.line_map,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def _blank(text: str, spans: Sequence[Span]) -> str:
    """`text` with the characters of `spans` (but not their newlines) turned into spaces."""
    for span in spans:
        text = text[: span.start] + re.sub(r"[^\n]", " ", text[span.start : span.end]) + text[span.end :]
    return text


def _too_large(size: str | None, limit: str) -> str:
    """The skip reason; `size` is None for a stream, which is read only up to the limit."""
    measured = f"{size}; the limit is {limit}" if size else f"over the limit of {limit}"
    return f"too large for a news article ({measured}): split it into articles"


def _lead_text(text: str, furniture: tuple[Span, ...]) -> str | None:
    """The first line's text outside the furniture (a page without a headline opens with its lead)."""
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        kept = _blank(
            line,
            [Span(f.start - start, f.end - start) for f in furniture if f.overlaps(Span(start, pos - 1))],
        )
        if kept.strip():
            return " ".join(kept.split())
    return None


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
