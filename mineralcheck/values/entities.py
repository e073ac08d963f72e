"""Actor and place names: the alias table (countries, capitals, agencies, demonyms) and spelling variants."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from mineralcheck.errors import ConfigError

SHIPPED_ALIASES = Path(__file__).resolve().parents[1] / "data" / "aliases.yaml"
SECTIONS = ("countries", "capitals", "demonyms", "organisations", "places", "people", "regions")


@dataclass(frozen=True)
class AliasTable:
    """Alias -> canonical name. Abbreviations (all capitals) match case-sensitively, so "US"
    and "WHO" are names while "us" and "who" are not."""

    exact: dict[str, str]
    """Key: the alias with dots removed, as written ("US", "WHO")."""
    folded: dict[str, str]
    """Key: the alias case-folded, dots removed (only aliases that are not abbreviations)."""
    canonicals: frozenset[str]
    countries: frozenset[str] = frozenset()
    """Canonical names of the "countries" and "regions" sections: places at or above the national
    level, which never narrow a figure to a district."""

    def lookup(self, name: str) -> str | None:
        key = _key(name)
        if key in self.exact:
            return self.exact[key]
        return self.folded.get(key.casefold())


def _key(name: str) -> str:
    name = name.replace("’", "'").replace(".", "").strip()
    return re.sub(r"\s+", " ", name)


def _is_abbreviation(alias: str) -> bool:
    letters = _key(alias).replace(" ", "")
    return letters.isupper() and len(letters) <= 6


def _strip_name(name: str) -> str:
    """ "the United States's" -> "United States"."""
    s = name.strip().strip("\"'“”‘’")
    s = re.sub(r"(?:'s|’s|'|’)$", "", s) if re.search(r"[A-Za-z](?:'s|’s)$|s['’]$", s) else s
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    return s.strip()


def _parse_file(path: Path) -> dict[str, dict[str, list[str]]]:
    """Read and validate one alias file; errors carry path:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the alias file ({exc.strerror or exc}).") from exc
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}:{line}: not valid YAML: {problem}.") from exc
    if root is None:
        return {}

    def where(node: yaml.Node) -> str:
        return f"{path}:{node.start_mark.line + 1}"

    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(
            f"{where(root)}: expected sections ({', '.join(SECTIONS)}) mapping canonical names to aliases."
        )
    out: dict[str, dict[str, list[str]]] = {}
    for key_node, section_node in root.value:
        section = key_node.value
        if section not in SECTIONS:
            raise ConfigError(
                f"{where(key_node)}: unknown section '{section}'; expected one of {', '.join(SECTIONS)}."
            )
        if isinstance(section_node, yaml.ScalarNode) and section_node.value in ("", "~", "null"):
            continue
        if not isinstance(section_node, yaml.MappingNode):
            raise ConfigError(
                f"{where(section_node)}: section '{section}' must map canonical names to alias lists."
            )
        entries = out.setdefault(section, {})
        for name_node, aliases_node in section_node.value:
            if not isinstance(name_node, yaml.ScalarNode) or not name_node.value.strip():
                raise ConfigError(f"{where(name_node)}: a canonical name must be a non-empty string.")
            canonical = name_node.value.strip()
            if isinstance(aliases_node, yaml.ScalarNode):
                aliases = [aliases_node.value] if aliases_node.value not in ("", "~", "null") else []
            elif isinstance(aliases_node, yaml.SequenceNode):
                aliases = []
                for item in aliases_node.value:
                    if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
                        raise ConfigError(
                            f"{where(item)}: aliases of '{canonical}' must be non-empty strings."
                        )
                    aliases.append(item.value.strip())
            else:
                raise ConfigError(
                    f"{where(aliases_node)}: aliases of '{canonical}' must be a list of strings, "
                    f"e.g. {canonical}: [alias one, alias two]."
                )
            entries.setdefault(canonical, []).extend(aliases)
    return out


def _build(files: list[dict[str, dict[str, list[str]]]]) -> AliasTable:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    canonicals: set[str] = set()
    countries: set[str] = set()
    # later files win: a user's table overrides the shipped one
    for data in files:
        for section in SECTIONS:
            for canonical, aliases in data.get(section, {}).items():
                canonicals.add(canonical)
                if section in ("countries", "regions"):
                    countries.add(canonical)
                for alias in [canonical, *aliases]:
                    alias = _strip_name(alias) or alias
                    if _is_abbreviation(alias):
                        exact[_key(alias)] = canonical
                    else:
                        folded[_key(alias).casefold()] = canonical
    return AliasTable(exact, folded, frozenset(canonicals), frozenset(countries))


@functools.lru_cache(maxsize=8)
def _cached(extra: str | None) -> AliasTable:
    files = [_parse_file(SHIPPED_ALIASES)]
    if extra is not None:
        files.append(_parse_file(Path(extra)))
    return _build(files)


def load_aliases(extra: Path | None = None) -> AliasTable:
    """The shipped alias table merged with a user file of the same shape (user entries win).

    Raises ConfigError naming file:line when the user file is malformed.
    """
    return _cached(str(extra) if extra is not None else None)


def canonical_entity(name: str, table: AliasTable | None = None) -> str:
    """Canonical name of an actor or place ("U.K." -> "United Kingdom", "Madrid" -> "Spain").

    Unknown names come back stripped of "the " and a possessive "'s", in their original case.
    """
    table = table or load_aliases()
    stripped = _strip_name(name)
    for candidate in (stripped, name.strip()):
        found = table.lookup(candidate)
        if found is not None:
            return found
    # plural demonyms and forms: "Canadians", "Peru's"
    if stripped.endswith("s") and len(stripped) > 3:
        found = table.lookup(stripped[:-1])
        if found is not None:
            return found
    return stripped


# --- spelling variants ----------------------------------------------------------------------

_PHONETIC_RULES = (
    (r"tch", "ch"),
    (r"ph", "f"),
    (r"ck", "k"),
    (r"q", "k"),
    (r"c(?=[aou]|$)", "k"),
    (r"([bcdgjkpt])h", r"\1"),  # aspirated consonants in transliterations: Kathmandu/Katmandu
    (r"d", "t"),
    (r"l", "r"),
    (r"z", "s"),
    (r"w", "v"),
    (r"[aeiouy]+", "a"),
)


# Initial letters that transliterations swap (Gaddafi/Qaddafi, Tchaikovsky/Chaikovsky).
_FIRST_CLASS = {"g": "k", "q": "k", "c": "k", "b": "p", "v": "f", "z": "s"}


@functools.lru_cache(maxsize=16384)
def _fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z ]", "", s).strip()


@functools.lru_cache(maxsize=16384)
def phonetic(name: str) -> str:
    """A rough sound key for transliterated names: consonant classes merged, vowels collapsed."""
    s = _fold(name)
    for pattern, repl in _PHONETIC_RULES:
        s = re.sub(pattern, repl, s)
    s = _FIRST_CLASS.get(s[:1], s[:1]) + s[1:]
    return re.sub(r"(.)\1+", r"\1", s)


@functools.lru_cache(maxsize=16384)
def _skeleton(name: str) -> str:
    """Consonants of a name, first letter kept (similar sounds folded): Ostvale and Oostvale -> "ostvr"."""
    s = _fold(name)
    for pattern, repl in _PHONETIC_RULES[:-1]:
        s = re.sub(pattern, repl, s)
    return _FIRST_CLASS.get(s[:1], s[:1]) + re.sub(r"[aeiouy ]", "", s[1:])


def is_country(name: str, table: AliasTable | None = None) -> bool:
    """True for a country, a name standing for one ("Madrid", "U.K.", "Canadian"), or a continent or
    world region: places at or above the national level."""
    table = table or load_aliases()
    return canonical_entity(name, table) in table.countries


def same_name(a: str, b: str, table: AliasTable | None = None) -> bool:
    """True when a and b are spelling variants of one name (Kathmandu/Katmandu), not two names."""
    fa, fb = _fold(_strip_name(a)), _fold(_strip_name(b))
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    table = table or load_aliases()
    ca, cb = table.lookup(_strip_name(a)), table.lookup(_strip_name(b))
    if ca is not None and cb is not None:
        return ca == cb  # two known names (Niger, Nigeria) are different even if they sound alike
    if ca is not None or cb is not None:
        known = ca or cb
        if known == (cb if ca else ca):
            return True
    pa, pb = phonetic(fa), phonetic(fb)
    if pa[:1] != pb[:1]:
        return False
    if min(len(fa), len(fb)) < 4:
        return False
    ratio_phonetic = fuzz.ratio(pa, pb)
    ratio_raw = fuzz.ratio(fa, fb)
    if pa == pb and ratio_raw >= 60:
        return True
    sa, sb = _skeleton(fa), _skeleton(fb)
    if sa == sb and len(sa) >= 4 and ratio_raw >= 70:
        return True
    return ratio_phonetic >= 90 and ratio_raw >= 80
