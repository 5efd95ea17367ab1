"""The training data behind the detector: readable, varied, and kept apart from the blind set."""

from __future__ import annotations

from collections import Counter

import pytest

from collectivia.privacy.protected import LABELS
from collectivia.privacy.training.generator import GENRES, generate
from collectivia.privacy.training.markup import MarkupError, parse_document, read_markup
from collectivia.privacy.training.train import DATASETS, is_calibration


def test_markup_gives_offsets_of_the_marked_text_with_civilities_outside():
    row = parse_document("d1", "email", "Bonjour [[PERSON|Mme Awa Diallo]], tél. [[PHONE|06 12 34 56 78]]")
    assert row["text"] == "Bonjour Mme Awa Diallo, tél. 06 12 34 56 78"
    assert [(row["text"][e["start"]:e["end"]], e["label"]) for e in row["entities"]] == [
        ("Awa Diallo", "PERSON"), ("06 12 34 56 78", "PHONE")]


@pytest.mark.parametrize("body", ["[[PERSON| Awa]]", "[[PERSON|Awa", "[[NAME|Awa]]"])
def test_broken_markup_is_refused_not_skipped(body):
    with pytest.raises(MarkupError):
        parse_document("d1", "email", body, LABELS)


def test_generated_documents_cover_every_genre_and_label(tmp_path):
    source = tmp_path / "gen.txt"
    source.write_text(generate(140, seed=11), encoding="utf-8")
    rows = read_markup(source, LABELS)
    assert Counter(r["kind"] for r in rows) == {genre: 10 for genre in GENRES}
    assert len(GENRES) >= 12
    labels = Counter(e["label"] for r in rows for e in r["entities"])
    assert set(labels) == set(LABELS)
    for row in rows:
        for e in row["entities"]:
            assert row["text"][e["start"]:e["end"]] == e["text"]


def test_generation_is_reproducible_from_its_seed():
    assert generate(20, seed=3) == generate(20, seed=3)
    assert generate(20, seed=3) != generate(20, seed=4)


def test_hand_written_sets_are_readable_and_large_enough():
    written = [row for path in sorted((DATASETS / "written").glob("*.txt"))
               for row in read_markup(path, LABELS)]
    blind = [row for path in sorted((DATASETS / "blind").glob("*.txt"))
             for row in read_markup(path, LABELS)]
    # counts only in the message: a failure must never print a blind document
    assert len(written) >= 300 and len(blind) >= 150, (len(written), len(blind))
    assert not {r["id"] for r in written} & {r["id"] for r in blind}
    calibration = [r for r in written if is_calibration(r["id"])]
    assert 0.1 < len(calibration) / len(written) < 0.3
