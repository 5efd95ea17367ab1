"""A Presidio recognizer built from a plain function `find(text, artifacts) -> spans`.

Most French rules need more than one regular expression (checksums, context
on the left, lists of words), so each family is a function returning
(start, end, label, score) tuples and this adapter exposes it to Presidio.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult

Span = tuple[int, int, str, float]
Finder = Callable[[str, object], Iterable[Span]]

UP = "A-ZÀ-ÖØ-ÞŒ"
LOW = "a-zß-öø-ÿœ"


class FunctionRecognizer(EntityRecognizer):
    def __init__(self, name: str, entities: list[str], finder: Finder):
        self._finder = finder
        super().__init__(supported_entities=entities, name=name, supported_language="fr")

    def load(self) -> None:  # nothing to load: rules are compiled at import
        pass

    def analyze(self, text, entities, nlp_artifacts=None):  # noqa: ANN001, D102
        return [RecognizerResult(label, start, end, score,
                                 recognition_metadata={"recognizer_name": self.name})
                for start, end, label, score in self._finder(text, nlp_artifacts)
                if label in entities]


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def left(text: str, pos: int, width: int = 40, same_line: bool = True) -> str:
    """The `width` characters before `pos` (stopping at the line start if asked)."""
    start = max(0, pos - width)
    if same_line:
        start = max(start, text.rfind("\n", 0, pos) + 1)
    return text[start:pos]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with blanks or separators."""
    while start < end and (text[start].isspace() or text[start] in ",;:–-|"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–-|"):
        end -= 1
    return start, end


def words(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)
