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

`tests/privacy/test_lean_french.py` checks that tokens and detections are the
same as with `spacy.lang.fr` on the written documents.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

LANG = "collectivia_fr"


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
        stop_words = french_stop_words()

    @spacy.registry.languages(LANG)
    class LeanFrench(Language):
        lang = LANG
        Defaults = LeanFrenchDefaults

    return LANG


def load(path: Path):  # noqa: ANN201
    """The pipeline at `path` on the lean French class (its tokenizer read from its own file)."""
    import spacy

    return spacy.load(path, config={"nlp": {"lang": register()}})
