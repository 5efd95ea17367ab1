"""Helpers shared by the French recognizers.

Most French rules need more than one regular expression (checksums, context
on the left, lists of words), so each family is a plain function returning
(start, end, label, score) tuples; `engine.FunctionRecognizer` exposes them
to Presidio's registry. Nothing here imports Presidio, so importing
`collectivia.privacy` stays cheap.
"""

from __future__ import annotations

import re

Span = tuple[int, int, str, float]

UP = "A-ZÀ-ÖØ-ÞŒ"
LOW = "a-zß-öø-ÿœ"


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
