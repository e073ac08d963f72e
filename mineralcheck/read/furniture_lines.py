"""What one line of a web-copied page is on its own: interface text, promo, byline, widget, label.

The words here are how web pages are built in general (menus, share bars, "Read also", "Next story",
newsletter boxes, comment forms, stock widgets); none names an outlet, event or place.
"""

from __future__ import annotations

import re

from mineralcheck.read.line_shape import (
    FUNCTION_WORDS,
    SENTENCE_END,
    SHORT_LINE_CHARS,
    Line,
    is_sentence,
)
from mineralcheck.values.dates import find_temporal

# Interface words that web pages show on a line of their own (menus, share bars, paywalls, author
# boxes). A line that is only one of these, optionally behind a bullet and before a colon, carries no fact.
UI_LINE = re.compile(
    r"""^[\W_]*(?:
        language|languages|search|menu|main\ menu|navigation|home|share|share\ this|share\ this\ article|
        share\ on\ \w+|tweet|email|e-mail|print|copy\ link|link\ copied|comments?|\d+\ comments?|
        comments?\s*\(\d+\)|advertisement|advertising|ad|sponsored|sponsored\ content|
        skip\ to\ (?:main\ )?content|
        skip\ to\ navigation|sign\ in|sign\ up|log\ in|login|logout|log\ out|register|subscribe|
        subscribe\ now|close|next|previous|prev|back\ to\ top|top\ stories|trending|latest|latest\ news|
        most\ read|most\ popular|listen|listen\ to\ this\ article|watch|play|video|audio|gallery|
        photos|more|see\ more|show\ more|load\ more|related|related\ articles|related\ stories|
        recommended|also\ read|read\ more|read\ next|you\ may\ also\ like|accept|accept\ cookies|
        cookie\ settings|terms\ of\ use|terms\ of\ service|privacy\ policy|contact\ us|about\ us|
        follow\ us|newsletter|newsletters|topics|tags|filed\ under|breaking|breaking\ news|live|
        edition|choose\ edition|opinion|world|business|politics|sports?|news|world\ news|
        posts|all\ posts|view\ all\ posts|see\ all\ posts|more\ posts|website|author|about\ the\ author|
        stock\ chart\ icon|view\ (?:the\ )?full\ chart|(?:get\ (?:a\ )?)?quotes?|stock\ quotes?|
        in\ this\ article|watch\ now|hide\ content|show\ chart|market\ data|create\ free\ account|
        continue\ reading|loading|text\ size|font\ size|reading\ mode|dark\ mode|donate|donate\ now|
        leave\ a\ (?:reply|comment)|post\ a\ comment|no\ comments|add\ (?:a\ )?comment|
        (?:see|read|view)\ (?:the\ )?full\ (?:story|article|coverage)|print\ friendly.{0,20}|
        opens?\ in\ (?:a\ )?new\ (?:window|tab)|like\ this|like\ loading.{0,5}|reading\ time.{0,20}|
        staff(?:\ and\ agencies)?|agencies|agency\ report|(?:web|news|online|digital|city|foreign)\ desk|
        staff\ (?:reporter|writer|correspondent)|our\ (?:correspondent|reporter|bureau)|
        (?:in\ [\w .'’-]{1,40}\ )?(?:and|with)\ agencies|story\ highlights|highlights|key\ points|
        latest\ (?:developments|updates)|live\ updates|send\ feedback|e-?mail\ (?:this\ )?(?:article|story)|
        today['’]s\ paper|e-?paper|print\ (?:this\ )?(?:article|story|page)|share\ (?:article|story)
    )\s*:?[\W_]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Promotions and calls to action. They may be long and end in a period, so they win over the
# "long sentence is content" guard; they are anchored at the line start (after an optional short
# "Label:") so that a sentence merely mentioning, say, a newsletter is not caught.
PROMO_LINE = re.compile(
    r"""^(?:[\w .&'’-]{1,30}:\s*)?[\W_]*(?:
        click\ here\b|tap\ here\b|for\ the\ rest\ of\ (?:this|the)\ (?:article|story)\b|
        (?:[\w&'’.-]+\s+){1,3}is\ (?:now\ )?streaming\ live\b|
        click\ to\ (?:share|print|email|open|read|subscribe)\b|
        (?:read|see|view)\ the\ full\ (?:story|article)\b|
        get\ (?:the\ )?latest\b.*\bnews\b|
        get\ (?:the|our)\b.{0,60}\b(?:stories|news|headlines|newsletter|briefing|updates)\b|
        sign\ up\b.*\b(?:newsletter|alerts?|updates|briefing|inbox|emails?)\b|
        subscribe\ (?:to|for|now)\b|
        download\ (?:the|our)\b.*\bapp\b|
        follow\ us\b|
        join\ (?:us|our)\b.*\b(?:channel|whatsapp|telegram|community)\b|
        join\ the\ conversation\b|
        follow\b.{0,40}\bon\ (?:twitter|x|facebook|instagram|linkedin|threads|youtube|tiktok|google\ news|
            whatsapp|telegram)\b|
        for\ (?:the\ )?(?:latest|more)\b.{0,60}\b(?:follow|visit|subscribe|download|click)\b|
        (?:story|article|content)\ continues\b|scroll\ (?:down\ )?to\ continue\b|
        advertisement\b.{0,30}\bcontinue\b|(?:please\ )?enable\ javascript\b|
        support\ (?:our|independent|quality)\ journalism\b|become\ a\ (?:member|subscriber|supporter)\b|
        your\ email\ address\ will\ not\ be\ published\b|required\ fields\ are\ marked\b|
        cover\ (?:picture|image|photo)\ for\b|
        (?:log\ in|sign\ in|register)\b.{0,30}\bto\ comment\b|
        this\ (?:article|story)\ (?:was|has\ been)\ (?:first\ )?published\b|
        (?:we|this\ site)\ use(?:s)?\ cookies\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Link labels in front of another article's headline ("Read more: ...", "Related: ..."). The colon
# is required: "Related charges were filed" is a sentence.
LINK_LABEL_LINE = re.compile(
    r"""^[\W_]*(?:read|read\ more|read\ next|read\ also|also\ read|see\ also|also\ see|related(?:\ \w+)?|
        recommended|suggested|more|more\ news|more\ from\ [\w ]{1,30}|more\ on\ this|don['’]t\ miss|
        must\ read|watch|listen|sponsored|advertisement|trending(?:\ now)?|top\ stories|editor['’]s\ picks?|
        tags?|tagged|tag\ archives?|topics?|filed\ under|categor(?:y|ies)|keywords)\s*(?:[:|–—]|\s-\s)""",
    re.IGNORECASE | re.VERBOSE,
)

# A line that announces a list of links to other stories ("Previous Story", "Latest from Business",
# "You might also like"): the short lines after it are those links, not this article.
NAV_MARKER = re.compile(
    r"""^[\W_]*(?:
        (?:previous|prev|next|older|newer)\ (?:story|article|post|page|stories|articles|posts)|
        related(?:\ (?:articles?|stories|story|posts?|news|content|coverage|reading|links))?|
        (?:latest|more|also|top|popular|trending|most\ read|more\ stories)\ (?:from|in|on)
            (?:\s+[\w&'’-]+){1,4}|
        (?:more|other|latest|top|popular|recent|similar)\ (?:stories|articles|news|posts|headlines)|
        you\ (?:may|might|could|will|'ll)\ also\ (?:like|enjoy|be\ interested\ in)|
        (?:we\ )?recommended(?:\ for\ you|\ stories|\ reading|\ articles)?|
        most\ (?:read|popular|viewed|shared|watched)(?:\ (?:stories|articles|news))?|
        trending(?:\ now|\ stories|\ news|\ topics)?|read\ (?:next|more|also)|also\ read|see\ also|up\ next|
        keep\ reading|don['’]t\ miss|must\ read|editor['’]s\ picks?|what\ to\ read\ next
    )\s*:?[\W_]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Reading-time badges ("2 Min Read", "5 min read", "3-minute read", "Section1 min read").
READ_TIME = re.compile(r"(?<![\d.,])\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)

# Time-stamp lines ("Updated 3 hours ago", "Published: Mar 12, 2024, 10:04 IST", "5 hours ago").
TIMESTAMP_LINE = re.compile(
    r"^[\W_]*(?:updated|published|posted|last updated|first published|last modified|modified|date|dated)\b",
    re.IGNORECASE,
)
AGO_BADGE = re.compile(
    r"^[\W_]*(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago\W*$", re.IGNORECASE
)

# Copyright lines. "copyright" alone is not enough: "sued for copyright infringement" is news.
COPYRIGHT_LINE = re.compile(r"©|\(c\)\s*\d{4}|^[\W_]*copyright\b|\ball rights reserved\b", re.IGNORECASE)
# Footer links, recognised only on short lines without a sentence end.
FOOTER_LINE = re.compile(
    r"\bterms (?:of|and) (?:use|service|conditions)\b|\bprivacy policy\b|\bcookie (?:policy|settings)\b"
    r"|\bcontact us\b|\babout us\b",
    re.IGNORECASE,
)
FOOTER_MAX_WORDS = 12

# Bylines: "By Jane Doe", "By Jane Doe and John Roe, Agency", "Written by ...", "Reporting by ...".
# Two capitalised words must follow, so "By Monday, rescuers had ..." is not a byline.
BYLINE = re.compile(
    r"^[\W_]*(?i:by|written by|reporting by|reported by|edited by|words by|story by|posted by|compiled by|"
    r"reviewed by|fact[- ]checked by|photos? by)\s*:?\s+"
    r"[A-Z][\w'’.-]*\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’.-]*"
)
# "By AFP", "By Reuters", "By Station - Staff": an agency or a desk alone after "By".
SHORT_BYLINE = re.compile(r"^[\W_]*(?i:by)\s*:?\s+[A-Z][\w'’.&-]*(?:\s+[-–—|]\s+[A-Z][\w'’.&-]*)?\W*$")
# A media credit: "Source: Agency", "04:17 - Source: Broadcaster" under a video.
MEDIA_SOURCE = re.compile(r"^(?:\d{1,2}:\d{2}\s*[-–—|]\s*)?(?i:source)\s*:\s*[A-Z][\w .&/-]{0,40}$")
MEDIA_SOURCE_MAX_WORDS = 6
# A line wholly in square brackets: an editor's note ("[Updated 7:45 p.m.]") or a placeholder.
EDITOR_NOTE = re.compile(r"^\[[^\[\]]{1,120}\]$")
# A bare link, or a link behind a few words ("For more: https://..."): a pointer, never a statement.
URL = re.compile(r"https?://\S+|www\.\S+")
LINK_LINE_MAX_WORDS = 8
# A page's tags or keywords: many short items between commas, nothing else ("Floods, Floods news,
# Rescue, River levels, Weather").
TAG_LIST_MIN_ITEMS = 5
TAG_MAX_WORDS = 4
# "Author: Jane Doe", "Reporter: Jane Doe".
ROLE_LABEL = re.compile(r"^[\W_]*(?i:authors?|reporters?|correspondents?|editors?|writers?)\s*:\s*[A-Z]")

# Notes about the reporting rather than the news: "Jane Doe's reporting is part of ...", "Tom Roe
# contributed reporting", "This story has been updated", "This is a developing story".
AUTHOR_NOTE = re.compile(
    r"""^[\W_]*(?:
        (?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w-]*['’]s?\s+(?:reporting|coverage|work|research)\s+
            (?:is|was|are)\s+(?:part\ of|supported\ by|funded\ by|made\ possible)|
        this\ (?:article|story|piece|page|content)\ (?:is|was|has\ been)\ (?:part\ of|produced|
            supported|funded|updated|translated|automatically|generated|originally)|
        this\ is\ a\ (?:developing|breaking)\ (?:story|news\ story)|
        this\ (?:article|story|piece|content)\b.{0,40}\b
            (?:syndicated\ feed|auto-?generated|not\ been\ edited)|
        disclaimer\s*:|
        \(?with\ (?:additional\ )?inputs?\ from\b|\(?with\ (?:agency|wire)\ inputs\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
CONTRIBUTED = re.compile(r"\bcontributed (?:reporting|to this (?:report|story|article))\b", re.IGNORECASE)

# Widgets that credit the service behind them: "Powered by X", "Audio by X".
WIDGET_CREDIT = re.compile(
    r"^[\W_]*(?:powered|audio|narrated|voiced|translated|translation|presented|brought\ to\ you)\ by\b",
    re.IGNORECASE | re.VERBOSE,
)
WIDGET_MAX_WORDS = 8

# A line that is only a person-like name: two or three capitalised words (initials allowed).
NAME_LINE = re.compile(
    r"^[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){1,2}(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?$"
)
"""A person-like name, optionally with where they report from ("Jane Doe in London")."""

# Separators between an outlet and a section ("Outlet | Section", "Outlet / world").
SECTION_SEPARATOR = re.compile(r"\s*\|\s*|\s[/»›•·>]\s")

# Wire-service credits at the foot of a story: "(Reporting by A in X; Editing by B)".
WIRE_CREDIT = re.compile(
    r"^\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b.*\)\W*$"
    # ... and without brackets: "Reporting by A in X; Editing by B".
    r"|^(?:additional\s+)?(?:reporting|writing)\s+by\b[^.]{0,120};\s*(?:additional\s+reporting|editing|writing)\s+by\b",
    re.IGNORECASE,
)

# Promotions that do not open their line: "Don't miss ... - sign up to our free newsletter here".
PROMO_ANYWHERE = re.compile(
    r"\b(?:sign\ up|subscribe)\b.{0,60}\bour\b.{0,30}\bnewsletters?\b|\bour\ free\ newsletters?\b",
    re.IGNORECASE | re.VERBOSE,
)

# A sentence in which the page speaks about itself ("Listen to our special on Thursday", "Our
# newsroom will follow the campaign", "We have reached out to X for comment and will update this"):
# marked on its own, so a fact in the same line stays.
SELF_PROMO_SENTENCE = re.compile(
    r"""^[-–—•*\s]*(?:
        (?:listen|tune\ in|watch|read|follow|subscribe|download|join)\b[^.!?"“”]{0,60}\bour\b|
        (?:the|our)\s+(?:[A-Z][\w'’-]*\s+){0,3}newsroom\s+(?:will|is\ following|continues)\b|
        stay\ tuned\b|
        we(?:['’]ve|\ have)?\ (?:reached\ out|contacted|asked)\b[^.!?]{0,80}\bfor\ (?:further\ )?comment\b|
        we(?:['’]ll|\ will)\ update\ this\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")

# Contact lines ("Got a story? Email newsdesk@... or message us on WhatsApp"): news prose seldom
# prints an e-mail address.
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")

# An image's file name left in the text ("flood-1712345678901", "IMG_2041.jpg").
# Judged token by token, and only on tokens of a file name's length: a regex over a 100,000-character
# token (an inlined image) would backtrack for minutes.
FILE_NAME = re.compile(r"[\w-]*\d{6,}[\w-]*|[\w-]+\.(?:jpe?g|png|gif|webp|avif|svg|tiff?)", re.IGNORECASE)
FILE_NAME_MAX_WORDS = 6
FILE_NAME_MAX_CHARS = 120

# A stock widget: tickers, prices and changes and nothing else ("AAPL 189.20 +1.3%", "NYSE: ABC").
TICKER_TOKEN = re.compile(
    r"[(\[]?(?:[A-Z][A-Za-z&]{0,20}(?:[.:-][A-Z]{1,4})?:?|[+\-−▲▼]?[$€£]?\d[\d.,]*%?|[+\-−▲▼])[)\]]?"
)
# The change that makes it a quote: "+1.3%", "-0.52", "▲".
PRICE_CHANGE = re.compile(r"[(\[]?(?:[+\-−▲▼][$€£]?\d[\d.,]*%?|[▲▼])[)\]]?")
# Exchange and ticker codes: "(NYSE:", "ABC)", "7203.T".
TICKER_CODE = re.compile(r"[(\[]?[A-Z]{1,6}(?:[.-][A-Z]{1,4})?:?[)\]]?")
TICKER_MAX_TOKENS = 12

# A link to a stock's chart or quote page ("Example Corp stock chart", "ABC share price today").
# A chart's own title ("Example Corp stock over the past year") and its icon ("Stock chart icon").
STOCK_LINK = re.compile(
    r"\b(?:stock|share)\s+(?:price|chart|quote)s?(?:\s+(?:icon|today|live|now|history))?\W*$"
    r"|\b(?:stock|shares?)\s+(?:price\s+)?(?:over|in)\s+the\s+(?:past|last)\s+(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?|sessions?)\W*$"
    r"|stock\s*chart\s*icon",
    re.IGNORECASE,
)
STOCK_LINK_MAX_WORDS = 12
# Share buttons in a row, one word each ("Facebook Twitter WhatsApp Email").
SHARE_BUTTON = re.compile(
    r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|e-?mail|print|reddit|pinterest|messenger|instagram|"
    r"youtube|tiktok|threads|flipboard|pocket|sms|viber|copy|link|share|tweet|comment|comments|save)",
    re.IGNORECASE,
)

# A ranked list of other headlines ("1. Town promoted after late winner"): numbered, no sentence end.
LIST_HEADLINE = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
LIST_HEADLINE_MAX_WORDS = 14

# Several interface words on one line, set apart by wide spaces or bullets ("Menu  Search  Sign in").
UI_SEPARATOR = re.compile(r"\s{2,}|\s*[•·|]\s*")


def is_file_name_line(line: Line) -> bool:
    if len(line.words) > FILE_NAME_MAX_WORDS:
        return False
    return any(len(w) <= FILE_NAME_MAX_CHARS and FILE_NAME.fullmatch(w.strip("()[],;")) for w in line.words)


def is_ticker_line(line: Line) -> bool:
    """Tickers (or index names), prices and changes only: "ABC 189.20 +1.3%", "(NYSE: ABC)"."""
    tokens = line.words
    if not 2 <= len(tokens) <= TICKER_MAX_TOKENS:
        return False
    if not all(TICKER_TOKEN.fullmatch(t) for t in tokens):
        return False
    # A change ("+1.3%", "▼"), or codes only with an exchange ("NYSE: ABC"): "NRP 41.8%" alone may be a
    # result table, "US - China" or "Floods: No Let-Up" a heading.
    if any(PRICE_CHANGE.fullmatch(t) for t in tokens):
        return True
    return all(TICKER_CODE.fullmatch(t) for t in tokens) and any(t.rstrip(")]").endswith(":") for t in tokens)


def is_tag_list(text: str) -> bool:
    """ "Floods, Floods news, Rescue, River levels, Weather": names and nouns between commas, no
    sentence ("A, B, C and D were called for No" has function words)."""
    items = [item.strip() for item in text.split(",")]
    return len(items) >= TAG_LIST_MIN_ITEMS and not SENTENCE_END.search(text) and all(map(is_tag, items))


def is_tag(item: str) -> bool:
    """A tag: a few words, none of them a function word ("in", "the", "said")."""
    words = item.split()
    return 0 < len(words) <= TAG_MAX_WORDS and not any(w.lower() in FUNCTION_WORDS for w in words)


def is_nav_marker(text: str) -> bool:
    """ "Previous Story", "Related", "Latest from Business": a heading over links to other stories."""
    return NAV_MARKER.match(text) is not None and not SENTENCE_END.search(text)


def is_single_token(line: Line) -> bool:
    """One word alone on a line (a logo, an agency, a drop cap): never a fact on its own.

    Only for scripts that put spaces between words: a line of Chinese is one "word" but many."""
    return len(line.words) == 1 and len(line.text) <= 30 and all(ord(c) < 0x2E80 for c in line.text)


def is_dateline(text: str) -> bool:
    """A line that is a date with at most a few other words (weekday, place, time)."""
    values, _ = find_temporal(text, None)
    dates = [v for v in values if v.kind == "date" and v.unit == "day"]
    if not dates:
        return False
    rest = (text[: dates[0].start] + " " + text[dates[0].end :]).split()
    return len(rest) <= 4 and not SENTENCE_END.search(text)


def is_section_line(text: str) -> bool:
    """ "Outlet | Section" or "Outlet / world": short parts joined by separators, no sentence."""
    if SENTENCE_END.search(text):
        return False
    parts = [p.strip() for p in SECTION_SEPARATOR.split(text)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return False
    return all(len(p.split()) <= 5 for p in parts)


def is_name_line(line: Line) -> bool:
    text = line.text
    if NAME_LINE.match(text):
        return True
    words = line.words
    half = len(words) // 2
    # "Jane Doe Jane Doe": a name printed twice by a copied author box.
    return len(words) % 2 == 0 and 2 <= len(words) <= 8 and words[:half] == words[half:]


def self_promo_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) within `text` of each sentence in which the page promotes itself."""
    spans = []
    start = 0
    for match in [*SENTENCE_SPLIT.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        if SELF_PROMO_SENTENCE.match(piece):
            spans.append((start, start + len(piece.rstrip())))
        if match:
            start = match.end()
    return spans


def is_furniture_line(line: Line) -> bool:
    """Patterns that mark a line whatever its place on the page, including the first line."""
    if _announces_itself(line):
        return True
    return not is_sentence(line) and (_is_widget(line) or _is_interface(line))


def _announces_itself(line: Line) -> bool:
    """Promos, link labels, credits and notes about the page: furniture even as full sentences."""
    text = line.text
    if PROMO_LINE.match(text) or LINK_LABEL_LINE.match(text) or WIRE_CREDIT.match(text):
        return True
    if len(text) >= SHORT_LINE_CHARS:
        return False
    # Copyright, contact and author lines may be full sentences; their opening or an address gives
    # them away.
    if re.match(r"^[\W_]*(?:©|copyright\b)", text, re.IGNORECASE) or EMAIL.search(text):
        return True
    if PROMO_ANYWHERE.search(text) or AUTHOR_NOTE.match(text) or CONTRIBUTED.search(text):
        return True
    return self_promo_sentences(text) == [(0, len(text))]


def _is_widget(line: Line) -> bool:
    """A word alone, an image's file name, a stock quote or chart link, share buttons, a byline."""
    text, words = line.text, line.words
    if not any(c.isalpha() for c in text) and len(words) <= 3:
        return True  # a date in figures, a counter, a lone bullet or rule
    if is_single_token(line) or is_file_name_line(line) or is_ticker_line(line):
        return True
    if len(words) <= STOCK_LINK_MAX_WORDS and STOCK_LINK.search(text):
        return True
    if len(words) >= 2 and all(SHARE_BUTTON.fullmatch(w.strip(",|•·")) for w in words):
        return True
    if len(words) <= WIDGET_MAX_WORDS and WIDGET_CREDIT.match(text):
        return True
    if len(words) <= 5 and SHORT_BYLINE.match(text):
        return True
    if len(words) <= MEDIA_SOURCE_MAX_WORDS and MEDIA_SOURCE.match(text):
        return True
    if EDITOR_NOTE.match(text):
        return True
    if URL.search(text) and len(URL.sub(" ", text).split()) <= LINK_LINE_MAX_WORDS:
        return True
    if is_tag_list(text):
        return True
    return len(words) <= 8 and ROLE_LABEL.match(text) is not None


def _is_interface(line: Line) -> bool:
    """Menus, navigation, badges, time stamps, footers, bylines, datelines, "Outlet | Section"."""
    text, words = line.text, line.words
    short = len(text) < SHORT_LINE_CHARS
    parts = [p for p in UI_SEPARATOR.split(text) if p.strip()]
    if len(parts) >= 2 and all(UI_LINE.match(p) or SHARE_BUTTON.fullmatch(p.strip()) for p in parts):
        return True
    if LIST_HEADLINE.match(text) and len(words) <= LIST_HEADLINE_MAX_WORDS and not SENTENCE_END.search(text):
        return True
    if not any(c.isalnum() for c in text) or UI_LINE.match(text) or is_nav_marker(text):
        return True
    if short and len(words) <= 8 and READ_TIME.search(text):
        return True
    if short and ((len(words) <= 12 and TIMESTAMP_LINE.match(text)) or AGO_BADGE.match(text)):
        return True
    if short and COPYRIGHT_LINE.search(text):
        return True
    if len(words) <= FOOTER_MAX_WORDS and FOOTER_LINE.search(text) and not SENTENCE_END.search(text):
        return True
    if short and len(words) <= 10 and BYLINE.match(text) and not SENTENCE_END.search(text):
        return True
    if short and is_dateline(text):
        return True
    return short and is_section_line(text)
