"""The inline markup in which annotated documents are written, and its reader.

Writers (people and the generator) annotate in place, which is far less
error-prone than counting offsets by hand:

    === blind-01 email
    De : [[PERSON|Olga Ivanova]] <[[EMAIL|olga.ivanova@ville-vannes.fr]]>

A file is a sequence of documents, each introduced by `=== <id> <kind>`;
lines starting with `#` are comments. `read_markup` turns a file into the
rows `collectivia eval pii` and `score_pii.py` read (`id`, `kind`, `text`,
`entities` with Python offsets, end excluded).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]", re.DOTALL)
CIVILITIES = ("M. ", "Mme ", "Mlle ", "Dr ")


class MarkupError(ValueError):
    """A document whose markup cannot be read: it must be fixed, not silently skipped."""


def parse_document(doc_id: str, kind: str, body: str, labels: tuple[str, ...] | None = None) -> dict:
    """One annotated row from a body written in the inline markup."""
    text, entities, cursor, length = [], [], 0, 0
    for m in MARK.finditer(body):
        plain = body[cursor:m.start()]
        text.append(plain)
        length += len(plain)
        label, value = m.group(1), m.group(2)
        if labels is not None and label not in labels:
            raise MarkupError(f"{doc_id}: étiquette inconnue {label!r}")
        if label == "PERSON" and value.startswith(CIVILITIES):  # civility stays outside
            civility, value = value.split(" ", 1)
            text.append(civility + " ")
            length += len(civility) + 1
        if value != value.strip() or not value:
            raise MarkupError(f"{doc_id}: span vide ou bordé de blancs {value!r}")
        text.append(value)
        entities.append({"start": length, "end": length + len(value), "label": label,
                         "text": value})
        length += len(value)
        cursor = m.end()
    text.append(body[cursor:])
    joined = "".join(text).rstrip("\n")
    if "[[" in joined or "]]" in joined:
        raise MarkupError(f"{doc_id}: balise mal fermée")
    return {"id": doc_id, "kind": kind, "text": joined, "entities": entities}


def read_markup(source: Path, labels: tuple[str, ...] | None = None) -> list[dict]:
    """Every document of a markup file, as scorer rows."""
    lines = [line for line in source.read_text(encoding="utf-8").split("\n")
             if not line.startswith("#")]
    rows = []
    for block in "\n".join(lines).split("\n=== ")[0:]:
        block = block.removeprefix("=== ")
        if not block.strip():
            continue
        head, _, body = block.partition("\n")
        parts = head.split()
        if len(parts) != 2:
            raise MarkupError(f"{source.name}: en-tête de document illisible {head[:60]!r}")
        rows.append(parse_document(parts[0], parts[1], body, labels))
    return rows


def read_rows(source: Path, labels: tuple[str, ...] | None = None) -> list[dict]:
    """Rows from a markup file (`.txt`) or a JSON Lines file (`.jsonl`)."""
    if source.suffix == ".jsonl":
        return [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    return read_markup(source, labels)

