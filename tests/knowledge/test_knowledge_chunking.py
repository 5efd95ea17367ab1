"""Legal texts are cut one chunk per article, with the article's exact id and its place in the code."""

from __future__ import annotations

from collectivia.knowledge import corpus
from collectivia.knowledge.chunking import chunk_document, normalise_article_id, units_of


def test_the_shipped_code_gives_one_chunk_per_article_with_exact_ids():
    drafts = corpus.shipped_drafts()
    refs = [d.ref for d in drafts]
    assert len(drafts) == 1284 and len(set(refs)) == len(refs)
    assert {"L1", "L621-1", "L135-6 A", "L114-5-1"} <= set(refs)
    article = drafts[refs.index("L621-1")]
    assert article.text == "Le fonctionnaire en activité a droit à un congé annuel avec traitement."
    assert article.section[0].startswith("Livre VI : TEMPS DE TRAVAIL ET CONGÉS")
    assert article.section[-1] == "Section 1 : Congés annuels"
    assert article.heading() == ("Congés annuels, jours fériés et autorisations d'absence — "
                                 "Congés annuels et jours fériés — Congés annuels")


def test_the_shipped_code_carries_its_version_date_and_precomputed_vectors():
    assert corpus.code_version().isoformat() == "2024-01-15"
    texts = [corpus.draft_passage(d) for d in corpus.shipped_drafts()]
    vectors = corpus.shipped_vectors(texts)
    assert vectors is not None and vectors.shape == (1284, 384)


def test_a_note_with_articles_is_cut_on_its_articles():
    text = ("# Règlement intérieur\n\n## Titre I : Temps de travail\n\n"
            "Article 1 : Horaires\n\nLes horaires sont fixés de 8 h 30 à 17 h.\n\n"
            "Article 2 - Télétravail\n\nLe télétravail est possible deux jours par semaine.\n")
    drafts = chunk_document(text)
    assert [d.ref for d in drafts] == ["1", "2"]
    assert drafts[1].text.startswith("Télétravail\n\nLe télétravail est possible deux jours")
    assert drafts[1].section == ["Règlement intérieur", "Titre I : Temps de travail"]


def test_a_note_without_articles_is_cut_on_headings_and_paragraphs():
    text = "# Note de service\n\nPremier paragraphe.\n\n## Repas\n\n" + "Une phrase. " * 200
    drafts = chunk_document(text)
    assert drafts[0].ref == "§1" and drafts[0].text == "Premier paragraphe."
    assert all(len(d.text) <= 1500 for d in drafts) and len(drafts) >= 3
    assert drafts[-1].section == ["Note de service", "Repas"]


def test_enumerations_stay_with_the_sentence_that_introduces_them():
    units = units_of("Le fonctionnaire perçoit :\n\n1° Pendant trois mois, son traitement ;\n\n"
                     "2° Pendant neuf mois, la moitié.\n\nIl conserve ses droits. Il est informé.")
    assert units[0].startswith("Le fonctionnaire perçoit :\n1° Pendant trois mois")
    assert units[0].endswith("2° Pendant neuf mois, la moitié.")
    assert units[1:] == ["Il conserve ses droits.", "Il est informé."]


def test_article_ids_are_normalised_like_the_eval_readme_says():
    assert normalise_article_id("L. 621-1") == "L621-1"
    assert normalise_article_id("art. L621-1") == "L621-1"
    assert normalise_article_id("L135-6 A") == "L135-6 A"
