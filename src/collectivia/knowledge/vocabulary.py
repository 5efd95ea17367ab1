"""The collectivité's own vocabulary: words the HR service teaches the search.

The shipped glossary knows the fonction publique's common words; it cannot
know that agents of Admiville say "prime de Noël" for the avantages
collectivement acquis, or "la CAP de février" for the tableau d'avancement.
The HR service adds such terms with the code's (or its own texts') wording;
the search then reads a question containing the term as if that wording were
written next to it. A wording none of whose words appear in the texts the HR
service reads is refused: it could not help any search. A shared workspace's
documents are not among them (only its members read them): checked against
them, the form would tell whether a word appears in a private workspace.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.knowledge.index import fold, tokens
from collectivia.knowledge.models import LocalTerm
from collectivia.knowledge.access import readable_document_ids
from collectivia.knowledge.retrieval import readable

MANAGERS = (Role.GESTIONNAIRE_RH,)
MAX_TERMS = 500
TERM_CHARS = (2, 80)
WORDING_CHARS = (3, 300)


def terms(session: Session) -> list[LocalTerm]:
    return list(session.execute(select(LocalTerm).order_by(LocalTerm.key)).scalars())


def local_glossary(session: Session) -> dict[str, str]:
    """Folded term -> wording, what `glossary.expand` adds to questions."""
    return dict(session.execute(select(LocalTerm.key, LocalTerm.wording)).all())


def add_term(session: Session, user: User, term: str, wording: str) -> LocalTerm:
    ensure_role(user, *MANAGERS, action="enrichir le vocabulaire de la recherche")
    term, wording = " ".join(term.split()), " ".join(wording.split())
    key = " ".join(re.findall(r"[a-z0-9]+", fold(term)))
    if not TERM_CHARS[0] <= len(term) <= TERM_CHARS[1] or not 2 <= len(key) <= TERM_CHARS[1]:
        raise InvalidInput(f"Le terme doit compter de {TERM_CHARS[0]} à {TERM_CHARS[1]} "
                           "caractères, lettres ou chiffres (par exemple « prime de Noël »).")
    if not WORDING_CHARS[0] <= len(wording) <= WORDING_CHARS[1]:
        raise InvalidInput(f"L'équivalent doit compter de {WORDING_CHARS[0]} à "
                           f"{WORDING_CHARS[1]} caractères : les mots des textes qui désignent "
                           "la même chose.")
    view = readable(session, readable_document_ids(session, user))
    if not any(view.known(stem) for stem in tokens(wording)):
        raise InvalidInput(f"Aucun mot de « {wording} » ne figure dans les textes de référence : "
                           "reprenez les mots du code ou de vos notes, sinon la recherche n'en "
                           "tirerait rien.")
    if session.execute(select(LocalTerm.id).where(LocalTerm.key == key)).first():
        raise InvalidInput(f"« {term} » figure déjà dans le vocabulaire : retirez-le d'abord pour "
                           "le modifier.")
    if session.execute(select(func.count(LocalTerm.id))).scalar_one() >= MAX_TERMS:
        raise InvalidInput(f"Le vocabulaire compte déjà {MAX_TERMS} termes, le maximum : "
                           "retirez ceux qui ne servent plus.")
    entry = LocalTerm(term=term, key=key, wording=wording, created_by_id=user.id)
    try:
        with session.begin_nested():          # two HR managers adding the same term at once
            session.add(entry)
            session.flush()
    except IntegrityError as exc:
        raise InvalidInput(f"« {term} » vient d'être ajouté par quelqu'un d'autre.") from exc
    audit.record(session, "knowledge.term_added", actor=user, object_type="knowledge_local_term",
                 object_id=entry.id, details={"terme": term, "équivalent": wording})
    return entry


def remove_term(session: Session, user: User, term_id: int) -> str:
    ensure_role(user, *MANAGERS, action="enrichir le vocabulaire de la recherche")
    entry = session.get(LocalTerm, term_id)
    if entry is None:
        raise NotFound("Ce terme n'existe pas ou a déjà été retiré.")
    term = entry.term
    session.delete(entry)
    session.flush()
    audit.record(session, "knowledge.term_removed", actor=user,
                 object_type="knowledge_local_term", object_id=term_id, details={"terme": term})
    return term
