"""The detector loads without building spaCy's French tokenizer exceptions, and reads text the same."""

from __future__ import annotations

import subprocess
import sys

import spacy

from collectivia.privacy import lean_french
from collectivia.privacy.engine import MODEL_DIR, load_model

from fresh_set import BLIND, fresh_rows


def test_the_engine_never_imports_spacys_french_package():
    """Its exceptions cost about 2 s of every process start; the shipped tokenizer holds them."""
    code = ("import sys; from collectivia.privacy import engine; engine.analyzer(); "
            "assert engine.detect('Mme Awa Diallo, 06 12 34 56 78'); "
            "print('spacy.lang.fr' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tokens_stop_words_and_entities_are_those_of_spacys_french():
    lean, reference = load_model(), spacy.load(MODEL_DIR)
    assert lean.lang == lean_french.LANG and reference.lang == "fr"
    for row in fresh_rows() + fresh_rows(BLIND):
        ours, theirs = lean(row["text"]), reference(row["text"])
        assert [(t.text, t.is_stop, t.norm_) for t in ours] == [(t.text, t.is_stop, t.norm_) for t in theirs]
        assert [(e.start_char, e.end_char, e.label_) for e in ours.ents] == \
            [(e.start_char, e.end_char, e.label_) for e in theirs.ents]


def test_the_regrouped_word_pattern_accepts_exactly_the_words_the_original_accepts():
    """« porte-monnaie », « aujourd'hui », « Jean-Pierre »: kept whole, as by spaCy's French."""
    from spacy.lang.fr.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    original, regrouped = spacy.load(MODEL_DIR).tokenizer.token_match, load_model().tokenizer.token_match
    words = {w for row in fresh_rows() + fresh_rows(BLIND) for w in row["text"].split()}
    words |= set(TOKENIZER_EXCEPTIONS) | {"vis-à-vis", "Saint-Étienne", "anti-inflammatoire", "abc"}
    assert [w for w in words if bool(original(w)) != bool(regrouped(w))] == []
    assert regrouped("porte-monnaie") and not regrouped("porte monnaie")
