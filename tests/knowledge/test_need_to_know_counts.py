"""Need-to-know covers counts as well as passages.

Whether a word "appears in the texts", how rare it is and how BM25 weighs it
are measured on the documents the asker may read, never on the whole index:
otherwise an agent could ask « Zorglubovitch dépression … » and, from the
share of unknown words or from whether the chatbot cites or abstains, learn
that a DPO-only note names that person with that illness.
"""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from collectivia.core.errors import InvalidInput
from collectivia.core.users import find_by_login
from collectivia.hrdesk import policy, reranker
from collectivia.hrdesk.answering import ranked_candidates, respond
from collectivia.hrdesk.questions import clean_question
from collectivia.knowledge import embeddings, retrieval, vocabulary
from collectivia.knowledge.access import readable_document_ids
from collectivia.knowledge.chunking import chunk_document
from collectivia.knowledge.index import HybridIndex, tokens
from collectivia.knowledge.models import KnowledgeChunk
from collectivia.knowledge.service import ReadUpload, UploadForm, ingest
from collectivia.workspaces import answering as workspace_answering
from collectivia.workspaces import service as workspaces
from collectivia.workspaces.models import Workspace

QUESTION = ("M. Zorglubovitch est en arrêt pour dépression depuis six mois : a-t-il droit à un "
            "congé de longue maladie ?")
DPO_NOTE = ("# Suivi des situations individuelles\n\nArticle 1 : M. Zorglubovitch\n\n"
            "M. Zorglubovitch, jardinier, est suivi pour une dépression sévère ; son congé de "
            "longue maladie court jusqu'en juin.\n")


def add_dpo_only_note(session, settings, text: str = DPO_NOTE) -> None:
    ingest(session, find_by_login(session, "rh"), settings, data=text.encode(),
           filename="suivi.md", form=UploadForm(title="Suivi des situations individuelles",
                                                audience="restreint", roles=["dpo"]))
    session.flush()


def what_the_asker_observes(session, login: str) -> dict:
    """Everything a question shows or decides: the answer, its citations, the related texts,
    the share of unknown words, the re-ranker's probability and the decision to cite."""
    asker = find_by_login(session, login)
    answer = respond(session, asker, QUESTION, use_model=False)
    text = clean_question(QUESTION)
    query = reranker.shipped_glossary().query(text, vocabulary.local_glossary(session))
    context, ranked = ranked_candidates(session, asker, text, query)
    decision = policy.shipped().decide(context.kind, ranked)
    return {"outcome": answer.outcome, "text": answer.text, "probability": answer.probability,
            "retrieved": [(p.citation, p.bm25) for p in answer.retrieved],
            "related": [p.citation for p in answer.related],
            "unknown_share": context.unknown_share, "cite": decision.cite,
            "weights": [context.weight(s) for s in context.stems]}


def test_a_restricted_note_naming_someone_changes_nothing_an_agent_sees(session, settings):
    before = what_the_asker_observes(session, "agent")
    assert before["unknown_share"] > 0            # « zorglubovitch » is in no text the agent reads
    dpo_before = what_the_asker_observes(session, "dpo")
    add_dpo_only_note(session, settings)
    assert what_the_asker_observes(session, "agent") == before
    # the DPO may read the note: for them the name is a word of the texts now
    assert what_the_asker_observes(session, "dpo")["unknown_share"] < dpo_before["unknown_share"]


def test_an_agents_scores_are_those_of_an_index_of_what_they_may_read(session, settings):
    add_dpo_only_note(session, settings)
    agent = find_by_login(session, "agent")
    readable = readable_document_ids(session, agent)
    rows = session.execute(select(KnowledgeChunk).where(KnowledgeChunk.document_id.in_(readable))
                           .order_by(KnowledgeChunk.id)).scalars().all()
    alone = HybridIndex([embeddings.passage_text(r.heading, r.ref, r.text, r.is_article)
                         for r in rows], None)
    view = retrieval.readable(session, readable)
    order = np.argsort(view.index.chunk_ids[:view.rows][view.mask])
    stems = tokens(QUESTION)
    assert np.array_equal(view.bm25_scores(stems)[view.mask][order], alone.bm25_scores(stems))
    assert view.size == alone.size
    assert not view.known("zorglubovitch")


def test_the_vocabulary_check_does_not_see_a_private_workspace(session, settings):
    agent, rh = find_by_login(session, "agent"), find_by_login(session, "rh")
    workspace = workspaces.create(session, agent, "Cellule de reclassement")
    note = "# Reclassements\n\nLe dossier Tartempionnade est suivi par la cellule.\n"
    workspaces.store_document(session, agent, None, workspace.id, ReadUpload(
        data=note.encode(), filename="reclassements.md", kind="markdown",
        drafts=chunk_document(note), version_date=None), "Reclassements")
    session.flush()
    with pytest.raises(InvalidInput, match="ne figure dans les textes de référence"):
        vocabulary.add_term(session, rh, "le dossier T", "Tartempionnade")
    # the same word in a note the HR service reads (restricted to the DPO, but HR reads all)
    add_dpo_only_note(session, settings, DPO_NOTE + "\nVoir le dossier Tartempionnade.\n")
    assert vocabulary.add_term(session, rh, "le dossier T", "Tartempionnade").wording == (
        "Tartempionnade")


def test_a_workspace_quotes_the_same_sentences_whatever_the_hr_texts_hold(session, settings):
    demo = session.execute(select(Workspace).where(
        Workspace.name == "Accueil des usagers")).scalar_one()
    member = find_by_login(session, "agent")
    question = "Quel est le délai de réponse à une réclamation d'un usager ?"
    ids = workspaces.document_ids(session, demo.id)

    def quoted() -> str:
        prepared = workspace_answering.prepare(session, member, question, ids, scope="t")
        return workspace_answering.finish(session, prepared, None, None).text

    before = quoted()
    assert "quinze jours ouvrés" in before
    add_dpo_only_note(session, settings, "# Réclamations\n\n" + "Délai de réponse à une "
                      "réclamation d'un usager : réponse, délai, usager, réclamation.\n" * 40)
    assert quoted() == before
