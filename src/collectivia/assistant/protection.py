"""The privacy engine in front of every model call made by the assistant and the gateway.

Fail closed: if the privacy engine fails or blocks a text, nothing is sent.
Answers come back pseudonymised and are re-identified for the user only;
while streaming, re-identification must never show half a pseudonym, so the
tail that could still be part of one is held back until it is settled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from collectivia import privacy
from collectivia.core.errors import CollectiviaError
from collectivia.privacy import CallPseudonyms
from collectivia.settings import Settings

POLICY = "assistant"
HOLD_BACK = 40          # characters: longer than any pseudonym ("adresse postale 12")
EMIT_EVERY = 24         # re-identify at most every this many new characters


class _Unavailable(CollectiviaError):
    status_code = 503


@dataclass
class Protection:
    """What protecting a set of texts gave: the safe texts and what was found."""

    texts: list[str]
    categories: dict[str, int] = field(default_factory=dict)
    blocked: bool = False
    explanation: str = ""   # why it is blocked (French), empty otherwise
    notes: list[str] = field(default_factory=list)
    pseudonyms: CallPseudonyms | None = None   # a stateless call's in-memory mapping (`protect_call`)

    @property
    def note(self) -> str:
        """A French line for the user: what was replaced before sending."""
        return " ".join(dict.fromkeys(self.notes)) or "Aucune donnée personnelle détectée."


def protect_all(session: Session, texts: Iterable[str], scope: str, settings: Settings
                ) -> Protection:
    """Protect each text in one pseudonym scope of the vault (a conversation, which later turns
    and the user's reading of it re-identify); `blocked` if any of them must not leave."""
    texts = list(texts)
    return _gathered(privacy.protect_texts(session, texts, policy=POLICY, scope=scope,
                                           settings=settings), settings)


def protect_call(texts: Iterable[str], settings: Settings) -> Protection:
    """Protect the texts of one stateless call (the gateway): the mapping stays in memory for
    the call's own answer (`restore_call`), nothing reaches the vault."""
    pseudonyms = CallPseudonyms()
    result = _gathered([privacy.protect_call(text, policy=POLICY, pseudonyms=pseudonyms, settings=settings)
                        for text in texts], settings)
    result.pseudonyms = pseudonyms
    return result


def restore_call(protection: Protection, text: str) -> str:
    """The call's answer with the original values back, for the user who sent them."""
    if protection.pseudonyms is None:
        raise ValueError("restore_call needs the Protection of protect_call (its in-memory mapping)")
    return privacy.restore(protection.pseudonyms.originals, text)


def _gathered(protected_texts: list, settings: Settings) -> Protection:
    """One Protection from each text's ProtectedText: categories summed, one note."""
    result = Protection(texts=[])
    for protected in protected_texts:
        result.texts.append(protected.text)
        for label, count in (protected.categories or {}).items():
            result.categories[label] = result.categories.get(label, 0) + count
        if protected.explanation:
            result.notes.append(protected.explanation)
        result.blocked = result.blocked or protected.blocked
    if len(result.notes) > 1:
        # one note for the whole message: the question and its attachment are protected
        # separately, and each used to add its own "Données personnelles remplacées…"
        from collectivia.privacy.policies import explain, policy_named

        merged = explain(policy_named(POLICY, settings.privacy_sensitive_mode), result.categories)[1]
        result.notes = [merged] if merged else result.notes
    if result.blocked:
        result.explanation = " ".join(dict.fromkeys(result.notes)) or (
            "Ce texte contient des données que la politique de la collectivité interdit "
            "d'envoyer à un modèle d'IA.")
    return result


def forget(session: Session, *scopes: str) -> None:
    """Drop the scopes' pseudonym mappings (conversation deleted, gateway call finished)."""
    privacy.forget(session, *scopes)


def reidentify(session: Session, text: str, scope: str, settings: Settings) -> str:
    return privacy.reidentify(session, text, scope=scope, settings=settings)


def reidentified_stream(pieces: Iterable[str], restore: Callable[[str], str]) -> Iterator[str]:
    """Re-identified text, piece by piece, never showing a pseudonym cut in two.

    `restore` re-identifies a whole text. At each step the settled part (all but
    the last HOLD_BACK characters, cut on a space) is restored; it is only sent if
    the restored whole text starts with it, i.e. if no pseudonym straddles the cut.
    """
    raw = ""
    sent = ""
    since = 0
    for piece in pieces:
        raw += piece
        since += len(piece)
        if since < EMIT_EVERY:
            continue
        since = 0
        cut = raw.rfind(" ", 0, max(0, len(raw) - HOLD_BACK))
        if cut <= 0:
            continue
        settled = restore(raw[:cut])
        if settled.startswith(sent) and restore(raw).startswith(settled) and len(settled) > len(sent):
            yield settled[len(sent):]
            sent = settled
    final = restore(raw)
    if final.startswith(sent):
        if len(final) > len(sent):
            yield final[len(sent):]
    else:  # cannot happen with a prefix-stable restore; never show a wrong text silently
        raise _Unavailable("La réponse n'a pas pu être ré-identifiée proprement : relancez la demande.")
