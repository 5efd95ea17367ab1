"""The held-out PII documents of tests/privacy/data/pii_fresh.txt, as scorer rows."""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).parent / "data" / "pii_fresh.txt"
BLIND = Path(__file__).parent / "data" / "pii_blind.txt"
MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]", re.DOTALL)


def fresh_rows(source: Path = SOURCE) -> list[dict]:
    rows = []
    lines = [l for l in source.read_text(encoding="utf-8").split("\n") if not l.startswith("#")]
    for block in "\n".join(lines).split("=== ")[1:]:
        head, body = block.split("\n", 1)
        doc_id, kind = head.split()
        text, entities, cursor = [], [], 0
        for m in MARK.finditer(body):
            text.append(body[cursor:m.start()])
            start = sum(len(t) for t in text)
            label, value = m.group(1), m.group(2)
            if label == "PERSON" and value.startswith(("M. ", "Mme ")):  # civility stays outside
                civility, value = value.split(" ", 1)
                text.append(civility + " ")
                start += len(civility) + 1
            text.append(value)
            entities.append({"start": start, "end": start + len(value), "label": label,
                             "text": value})
            cursor = m.end()
        text.append(body[cursor:])
        rows.append({"id": doc_id, "kind": kind, "text": "".join(text).rstrip("\n"),
                     "entities": entities})
    return rows
