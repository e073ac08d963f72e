"""Reading: files, folders and stdin -> Articles (text, outlet, title, date, furniture and captions
marked), then each article's sentences.

    folders.py    which files a run reads, and the id of each
    decode.py     bytes -> text (byte order marks, encodings, binary files refused)
    webpage.py    a saved web page's main text and metadata, like a browser's reader view
    outlets.py    who published an article and when: front matter, Source line, dateline
    manifest.py   the same from a sources manifest (--sources), which wins
    mastheads.py  the same as the page prints it (a masthead), or a label from the headline
    furniture.py  page furniture (menus, bylines, promos) and photo captions, wiring:
      furniture_lines.py   what is furniture on any page, line by line
      line_features.py     what the furniture model sees of a line: shape, place, neighbours
      furniture_model.py   the model fitted by `make fit` (data/furniture_model.json)
      furniture_inline.py  furniture inside a content line (credits, datelines, link labels)
      captions.py          photo captions and credits
    copies.py     articles that run one text (copies of an agency story)
    ingest.py     all of the above -> Article: load_articles(), the stage's entry point
    sentences.py  an article's sentences with exact offsets, outside its furniture
"""

from mineralcheck.read.folders import ARTICLE_EXTENSIONS, STDIN_PATH
from mineralcheck.read.ingest import IngestResult, load_articles, read_article, read_stdin
from mineralcheck.read.sentences import split_sentences

__all__ = [
    "ARTICLE_EXTENSIONS",
    "STDIN_PATH",
    "IngestResult",
    "load_articles",
    "read_article",
    "read_stdin",
    "split_sentences",
]
