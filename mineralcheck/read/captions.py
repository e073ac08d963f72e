"""Photo captions and credits in web-copied news: "(AP)", "Image Credit: X", "/ Agency via Photo Desk".

A caption is a fact, but second-hand: its claims are kept and marked. A credit alone is furniture.
"""

from __future__ import annotations

import re

from mineralcheck.read.line_shape import MINOR_WORDS, SENTENCE_END, SHORT_LINE_CHARS, is_label_text

# Photo credits at the end of a caption: "(AP)", "( AFP )", "(Name/Agency)", "(Photo: ...)",
# "(Getty Images)". Content that is a short all-caps agency code, holds a slash, or names the image.
# No period may follow: "(via video link)." closes a sentence, a credit closes a caption line.
CREDIT_AT_END = re.compile(r"\(\s*([^()]{1,120}?)\s*\)\s*$")
# "Name/Agency", "REUTERS/Name / Reuters": a capitalised word on the left of a slash.
CREDIT_SLASH = re.compile(r"^[A-Z][\w.'’ -]*/\s*[A-Za-z]")
CREDIT_WORDS = re.compile(
    r"\b(?:photo|photos|photograph|image|images|picture|pic|file|credit|getty|pool|via|courtesy|"
    r"handout|screengrab|screenshot|illustration|graphic|video grab|afp|reuters|ap|epa)\b",
    re.IGNORECASE,
)
AGENCY_CODE = re.compile(r"^[A-Z][A-Z&.\- ]{1,15}$")
# A line that starts with a credit label ("Photo: Name/Agency").
CREDIT_LABEL_LINE = re.compile(
    r"^[\W_]*(?:(?:file\s+)?(?:photo|image|picture|photograph|credit)s?\s*:"
    r"|(?:image|photo|picture|video|media)\s+(?:source|credit)s?\s*[:,])",
    re.IGNORECASE,
)
# A caption's own label, as some pages print it: "Image caption, Rescuers dig through the rubble".
CAPTION_LABEL_LINE = re.compile(r"^[\W_]*(?:image|photo|picture|video|media)\s+caption\s*[:,]", re.IGNORECASE)
# A credit label closing a caption: "... on Thursday. Image Credit: REUTERS", "... Photo: Jane Doe".
CREDIT_LABEL_AT_END = re.compile(
    r"(?:^|[.!?,;]\s*|\s[-–—|/]\s*)"
    r"(?P<credit>(?:(?:image|photo|picture|video)\s+)?(?:credits?|photo|image|picture|pic)\s*:\s*[^.!?:]{1,60})$",
    re.IGNORECASE,
)
# One to three capitalised words after the caption's last sentence, with no period: "... during a
# protest. Photostock", "... on Monday. Getty Images".
NAME_AFTER_SENTENCE = re.compile(
    r"[.!?][\"'”’)]?\s+([A-Z][\w&'’.-]*(?:\s+(?:via\s+)?[A-Z][\w&'’./-]*){0,3})\s*$"
)
# An agency's name closing a paragraph: "... since 1986. AGENCY".
AGENCY_AFTER_SENTENCE = re.compile(r"[.!?][\"'”’)]?\s+([A-Z]{3,}(?:\s*/\s*[A-Z]{2,})?)\s*$")
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+")
CAPTION_MAX_WORDS = 60
PRONOUN_STARTS = frozenset(
    "i he she it we they this that these those there his her its their mr mrs ms".split()
)
# A credit on a line of its own: "/ AFP via Getty Images", "Getty Images", "Image credit: Reuters".
STANDALONE_CREDIT_MAX_WORDS = 6


def _is_credit(content: str) -> bool:
    if AGENCY_CODE.match(content):
        return True
    if CREDIT_SLASH.match(content) and len(content.split()) <= 12:
        return True
    return bool(CREDIT_WORDS.search(content)) and len(content.split()) <= 12


def is_standalone_credit(text: str) -> bool:
    """A photo credit on a line of its own: "/ AFP via Getty Images", "Image credit: Reuters"."""
    content = text.strip(" /|-–—·•")
    if not content or len(content.split()) > STANDALONE_CREDIT_MAX_WORDS or SENTENCE_END.search(content):
        return False
    if CAPTION_LABEL_LINE.match(content):
        return False
    label = CREDIT_LABEL_LINE.match(content)
    if label and re.search(r"source|credit", label.group(0), re.IGNORECASE):
        return True
    rest = content[label.end() :] if label else content
    # Every word a credit word, a capitalised name or a figure ("Photo: Outlet 24"), brackets and
    # slashes aside: "AFP via Getty Images", "Photo: Jane Doe/Reuters", "(Agency Photo/Jane Doe)(Agency)";
    # "Photo: Rescuers dig" is a short caption.
    words = [w.strip("()[]/") for w in rest.split()]
    if not all(not w or CREDIT_WORDS.fullmatch(w) or w[:1].isupper() or w.isdigit() for w in words):
        return False
    return bool(label) or bool(CREDIT_WORDS.search(rest)) or bool(CREDIT_SLASH.match(rest))


def is_caption_line(text: str) -> bool:
    """True where a line ends with (or is only) a photo credit, or starts "Photo:"."""
    if (CREDIT_LABEL_LINE.match(text) or CAPTION_LABEL_LINE.match(text)) and len(text) < SHORT_LINE_CHARS:
        return True
    match = CREDIT_AT_END.search(text)
    if match is not None and _is_credit(match.group(1)):
        return True
    if len(text.split()) > CAPTION_MAX_WORDS:
        return False
    if CREDIT_LABEL_AT_END.search(text):
        return True
    return _credit_after_sentence(text) is not None


def _credit_after_sentence(text: str) -> re.Match[str] | None:
    """One to four capitalised words after the last sentence that are a credit: "... Getty Images"."""
    after = NAME_AFTER_SENTENCE.search(text)
    if after is None:
        return None
    credit = after.group(1)
    if len(credit.split()) == 1:
        # "... said. The" is a cut sentence, not a credit.
        return after if credit.lower() not in MINOR_WORDS | PRONOUN_STARTS else None
    return after if _is_credit(credit) else None


def trailing_credit(text: str) -> tuple[int, int] | None:
    """(start, end) of the photo credit that closes a caption line: "(Jane Doe/Agency)", "(Image credit:
    Agency)", "Picture: Agency / Jane Doe", "... on Monday. Getty Images"; None when there is none."""
    start = None
    rest = text.rstrip()
    # Credits may follow each other: "(Agency Photo/Jane Doe)(Agency)".
    while (match := CREDIT_AT_END.search(rest)) is not None and _is_credit(match.group(1)):
        start = match.start()
        rest = rest[:start].rstrip()
    if start is None and len(text.split()) <= CAPTION_MAX_WORDS:
        label = CREDIT_LABEL_AT_END.search(rest)
        after = _credit_after_sentence(rest)
        if label is not None:
            start = label.start("credit")
        elif after is not None:
            start = after.start(1)
    if start is None:
        return None
    run_on = run_on_caption(text, start)
    return (run_on if run_on is not None else start), len(text.rstrip())


def run_on_caption(text: str, credit: int | None = None) -> int | None:
    """Where a caption that names who is pictured starts, run on after a paragraph: "... on Saturday.
    Region Governor Jane Doe (AGENCY)": the name goes with its credit. None when there is none."""
    if credit is None:
        match = CREDIT_AT_END.search(text.rstrip())
        if match is None or not _is_credit(match.group(1)):
            return None
        credit = match.start()
    ends = list(SENTENCE_BREAK.finditer(text, 0, credit))
    if ends and is_label_text(text[ends[-1].end() : credit].strip()):
        return ends[-1].end()
    return None


def wire_credit(text: str) -> tuple[int, int] | None:
    """(start, end) of an agency's name in capitals after a paragraph's last sentence: "... in 1986.
    AGENCY"; None when there is none."""
    match = AGENCY_AFTER_SENTENCE.search(text)
    return (match.start(1), match.end(1)) if match else None
