"""Quality on documents written for these tests (not the shared dev set): no regression."""

from __future__ import annotations

from fresh_set import fresh_rows

from collectivia.privacy.engine import detect
from collectivia.privacy.scoring import score


def test_engine_keeps_its_quality_on_the_fresh_documents(capsys):
    rows = fresh_rows()
    for row in rows:
        for entity in row["entities"]:
            assert row["text"][entity["start"]:entity["end"]] == entity["text"]
    predictions = [{"id": row["id"], "entities": [
        {"start": f.start, "end": f.end, "label": f.label} for f in detect(row["text"])]}
        for row in rows]
    score("pii_fresh", rows, "engine", predictions)
    last = capsys.readouterr().out.splitlines()[-1]
    micro_f1, leak_rate = (float(part.split("=")[1]) for part in last.split())
    assert micro_f1 >= 0.95 and leak_rate <= 0.01, last
