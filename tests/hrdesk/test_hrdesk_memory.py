"""What the training questions tell the re-ranker about a new question.

The nearest training questions vote for the articles that answer them, by
meaning (e5) and by the words they share: a rare word ("jumeaux") points to
the few questions on the same subject when e5 finds every HR question alike.
How often an article answers agents at all is evidence too. None of it is an
answer: these are features of the re-ranker.
"""

from __future__ import annotations

import numpy as np

from collectivia.hrdesk.memory import QuestionMemory, Words, load

SAME_MEANING = np.full(384, 1 / np.sqrt(384), dtype=np.float32)   # e5 finds them all alike


def memory() -> QuestionMemory:
    vectors = np.tile(SAME_MEANING, (3, 1))
    return QuestionMemory(vectors, [("L515-3", "L515-4"), ("L621-1",), ()], Words.fit([
        ["conge", "parental", "jumeau"], ["conge", "annuel", "report"], ["ifse", "montant"]]))


def test_a_rare_word_shared_with_a_training_question_votes_for_its_article():
    evidence = memory().evidence(SAME_MEANING, ["conge", "parental", "jumeau", "quand"])
    assert evidence.words.votes("L515-3") > evidence.words.votes("L621-1") > 0
    assert evidence.words.similarity("L515-3") > 0.8
    assert evidence.votes("L515-3") == evidence.votes("L621-1")     # by meaning: a tie


def test_articles_agents_often_ask_about_weigh_more_than_those_never_asked():
    evidence = memory().evidence(SAME_MEANING, ["conge"])
    assert evidence.prior("L515-3") > 0 and evidence.prior("L999-1") == 0
    assert evidence.chapter_prior("L515-12") > 0    # same chapter as L515-3


def test_a_training_question_does_not_vote_for_itself():
    evidence = memory().without(0).evidence(SAME_MEANING, ["conge", "parental", "jumeau"])
    assert evidence.words.votes("L515-3") == 0 and evidence.prior("L515-3") == 0


def test_the_shipped_memory_reads_back_the_stems_it_was_trained_with(tmp_path):
    questions = memory()
    questions.save(tmp_path / "memory.npz")
    back = load(tmp_path / "memory.npz")
    assert back.articles == questions.articles
    assert back.words.vocabulary == questions.words.vocabulary
    assert np.allclose(back.words.matrix, questions.words.matrix)
