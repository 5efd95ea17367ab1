"""spaCy's French for the shipped detector, without building French tokenizer exceptions at import.

Importing `spacy.lang.fr` builds its tokenizer exceptions (thousands of
hyphenated and elided forms) in Python: 1.8 s on an idle 2-core machine, 3.5 s
on a busy one, the largest part of the privacy engine's load, paid by every
web process and worker at start. The shipped pipeline does not need them from
the language: its `tokenizer` file, written by training from spaCy's French,
already holds the exceptions and the prefix, suffix and infix patterns, and
`from_disk` restores them. What the tokenizer file does not hold is what a
language class gives its lexemes: the stop-word flag (`is_stop`), read from
spaCy's own French list, loaded as a plain file so that the package (and its
exceptions) is not imported; and `like_num`, which neither the model's
features (NORM, PREFIX, SUFFIX, SHAPE, LOWER) nor any recognizer read.

The other cost is the tokenizer's `token_match`, the pattern that keeps
French hyphenated and elided words whole (« porte-monnaie », « aujourd'hui »):
266 alternatives, most of them a short head followed by the same long Unicode
letter classes, 1.4 MB of pattern that `re` takes 2 to 4 s to compile. The
alternatives sharing the same tail are regrouped as `^(?:head|head…)tail`,
which matches exactly the strings one of them matches (each alternative is
anchored at both ends and the tokenizer only asks whether it matches), and
compiles several times faster.

`tests/privacy/test_privacy_lean_french.py` checks that tokens and detections
are the same as with `spacy.lang.fr` on the written documents, and that the
regrouped pattern accepts exactly the words the original one accepts.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

LANG = "collectivia_fr"
_BIG_CLASS = 200          # a character class this long is one of spaCy's Unicode letter classes


@lru_cache(maxsize=1)
def french_stop_words() -> frozenset[str]:
    """spaCy's French stop words, read from its file without importing `spacy.lang.fr`."""
    import spacy

    path = Path(spacy.__file__).parent / "lang" / "fr" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("_collectivia_fr_stop_words", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@lru_cache(maxsize=1)
def register() -> str:
    """Register the lean French class with spaCy (once) and return its name for `spacy.load`."""
    import spacy
    from spacy.language import BaseDefaults, Language

    class LeanFrenchDefaults(BaseDefaults):
        stop_words = french_stop_words()  # type: ignore[assignment]  # a frozenset: spaCy only reads it

    @spacy.registry.languages(LANG)
    class LeanFrench(Language):
        lang = LANG
        Defaults = LeanFrenchDefaults

    return LANG


def _alternatives(body: str) -> list[str]:
    """The top-level alternatives of a pattern (escapes and character classes respected)."""
    current: list[str] = []
    parts, depth, escaped, in_class = [], 0, False, False
    for char in body:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


_ANCHORED = re.compile(r"\(\?:\^(?P<inner>.*)\$\)", re.DOTALL)
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")


def regrouped(pattern: str) -> str:
    """`pattern` with the alternatives `(?:^head tail$)` that share a tail written once.

    The head is what comes before the first long letter class, provided it holds no group;
    alternatives of another shape are kept as they are."""
    flags = re.match(r"\(\?[a-zA-Z]+\)", pattern)
    prefix = flags.group(0) if flags else ""
    groups: dict[str, list[str]] = {}
    kept = []
    for alternative in _alternatives(pattern[len(prefix):]):
        anchored = _ANCHORED.fullmatch(alternative)
        big = next((m for m in _CLASS.finditer(anchored.group("inner")) if len(m.group(0)) >= _BIG_CLASS),
                   None) if anchored else None
        head = anchored.group("inner")[:big.start()] if big else ""  # type: ignore[union-attr]  # big implies anchored
        if not big or "(" in head or ")" in head or "|" in head:
            kept.append(alternative)
            continue
        groups.setdefault(anchored.group("inner")[big.start():], []).append(head)  # type: ignore[union-attr]  # as above
    kept += [f"(?:^(?:{'|'.join(heads)}){tail}$)" for tail, heads in groups.items()]
    return prefix + "|".join(kept)


def _tokenizer_bytes(path: Path) -> tuple[bytes, Callable | None]:
    """The tokenizer file without its `token_match`, and that matcher regrouped and compiled."""
    import srsly

    data = srsly.msgpack_loads((path / "tokenizer").read_bytes())
    pattern = data.pop("token_match", None)
    return srsly.msgpack_dumps(data), re.compile(regrouped(pattern)).match if pattern else None


def load(path: Path):  # noqa: ANN201
    """The pipeline at `path` on the lean French class (its tokenizer read from its own file)."""
    import spacy

    nlp = spacy.util.load_model_from_config(
        spacy.util.load_config(path / "config.cfg", overrides={"nlp.lang": register()}),
        meta=spacy.util.get_model_meta(path))
    nlp.from_disk(path, exclude=["tokenizer"])
    data, token_match = _tokenizer_bytes(path)
    nlp.tokenizer.from_bytes(data)  # type: ignore[union-attr]  # spaCy types it as any callable: a Tokenizer here
    nlp.tokenizer.token_match = token_match  # type: ignore[union-attr]
    return nlp
