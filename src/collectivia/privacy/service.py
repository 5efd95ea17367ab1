"""protect / reidentify / anonymise: the contract every other domain calls.

    protect(session, text, policy="assistant", scope="conversation:42") -> ProtectedText
    protect_texts(session, [question, attachment], policy=…, scope=…) -> [ProtectedText, …]
    reidentify(session, answer, scope="conversation:42") -> str
    anonymise(text, policy="export") -> ProtectedText
    protect_call(text, policy="assistant", pseudonyms=CallPseudonyms()) -> ProtectedText
    restore(pseudonyms.originals, answer) -> str     # one stateless call, nothing stored

Detection failing for any reason raises PrivacyFailure: the caller must not
send the text anywhere (fail closed).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import cast

from sqlalchemy import CursorResult, delete, distinct, func, select
from sqlalchemy.orm import Session

from collectivia.core.errors import InvalidInput
from collectivia.privacy.models import VaultEntry
from collectivia.privacy.policies import PSEUDONYM_BASES, REMOVED, Policy, explain, policy_named
from collectivia.privacy.protected import Finding, PrivacyFailure, ProtectedText
from collectivia.privacy.recognizers.cv import SEX as SEX_FIELD
from collectivia.privacy.recognizers.cv import neutral_form
from collectivia.privacy.pseudonyms import CallPseudonyms, MemoryNumbering, Numbering, VaultNumbering
from collectivia.privacy.vault import ScopeVault, VaultKeys
from collectivia.settings import Settings, get_settings

MAX_CHARS = 2_000_000


def protect(session: Session, text: str, *, policy: str, scope: str,
            settings: Settings | None = None) -> ProtectedText:
    """Pseudonymise `text` under `policy`, keeping the mapping encrypted in the scope's vault."""
    return protect_texts(session, [text], policy=policy, scope=scope, settings=settings)[0]


def protect_texts(session: Session, texts: list[str], *, policy: str, scope: str,
                  settings: Settings | None = None) -> list[ProtectedText]:
    """Several texts (a question and its attachment) in one scope of the vault.

    Every text is read by the engine before the first vault write: the caller's
    transaction takes the database's write lock (SQLite has one for the whole
    file) only once the slow part is over, never while a long attachment is analysed.
    """
    settings = settings or get_settings()
    chosen = _policy(policy, settings)
    if not scope or len(scope) > 120:
        raise InvalidInput("Portée de pseudonymisation invalide (ex. « conversation:42 »).")
    found = [_detect(text, chosen) for text in texts]
    if chosen.name == "export":  # irreversible by definition: nothing goes to the vault
        numbering: Numbering = MemoryNumbering()
    else:
        numbering = VaultNumbering(ScopeVault(session, scope, VaultKeys(settings)))
    return [_apply(text, findings, chosen, numbering) for text, findings in zip(texts, found, strict=True)]


def forget(session: Session, *scopes: str) -> int:
    """Erase scopes from the vault: once a conversation or a gateway call is gone, its
    pseudonyms must not stay re-identifiable. Returns the number of values erased."""
    if not scopes:
        return 0
    result = cast(CursorResult, session.execute(delete(VaultEntry).where(VaultEntry.scope.in_(scopes))))
    return result.rowcount or 0


def protect_call(text: str, *, policy: str, pseudonyms: CallPseudonyms,
                 settings: Settings | None = None) -> ProtectedText:
    """Pseudonymise `text` for one call whose mapping lives in `pseudonyms` (memory) only:
    the texts of one call share it, so a person is « Personne 1 » in all of them."""
    chosen = _policy(policy, settings or get_settings())
    return _apply(text, _detect(text, chosen), chosen, pseudonyms)


def anonymise(text: str, *, policy: str = "export", settings: Settings | None = None) -> ProtectedText:
    """Irreversible version: pseudonyms are numbered in memory and forgotten."""
    chosen = _policy(policy, settings or get_settings())
    return _apply(text, _detect(text, chosen), chosen, MemoryNumbering())


def reidentify(session: Session, text: str, *, scope: str,
               settings: Settings | None = None) -> str:
    """Put the original values back in place of the scope's pseudonyms."""
    vault = ScopeVault(session, scope, VaultKeys(settings or get_settings()))
    originals: dict[str, str] = {}
    for entry in vault.entries:
        value = vault.clear_value(entry)
        if len(value) > len(originals.get(entry.pseudonym, "")):
            originals[entry.pseudonym] = value
    return restore(originals, text)


def restore(originals: dict[str, str], text: str) -> str:
    """`text` with each pseudonym of `originals` (in any case or spacing) put back."""
    if not originals or not text:
        return text
    by_key = {_pseudonym_key(p): v for p, v in originals.items()}
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s?")
                            for p in sorted(originals, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])(?!\s?\d)", re.IGNORECASE)
    return pattern.sub(lambda m: by_key.get(_pseudonym_key(m.group()), m.group()), text)


def _pseudonym_key(pseudonym: str) -> str:
    """« Personne 1 », « personne1 », « PERSONNE  1 » are the same pseudonym."""
    return re.sub(r"\s+", "", pseudonym).casefold()


def vault_summary(session: Session) -> VaultSummary:
    """How many values the vault holds, in how many scopes (never the values)."""
    entries, scopes = session.execute(
        select(func.count(VaultEntry.id), func.count(distinct(VaultEntry.scope)))).one()
    return VaultSummary(entries=entries, scopes=scopes)


@dataclass(frozen=True)
class VaultSummary:
    entries: int
    scopes: int


def _policy(name: str, settings: Settings) -> Policy:
    try:
        return policy_named(name, settings.privacy_sensitive_mode)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc


def _detect(text: str, policy: Policy) -> list[Finding]:
    if not isinstance(text, str):
        raise InvalidInput("Le texte à protéger doit être une chaîne de caractères.")
    if len(text) > MAX_CHARS:
        raise InvalidInput(f"Texte trop long pour la pseudonymisation ({len(text):,} caractères ; "
                           f"maximum {MAX_CHARS:,}).".replace(",", " "))
    if not text.strip():
        return []
    try:
        from collectivia.privacy import engine  # Presidio and spaCy load on first use only

        return engine.detect(text, policy.labels)
    except Exception as exc:  # fail closed: nothing leaves unprotected
        raise PrivacyFailure() from exc


def _replacement(finding: Finding, value: str, policy: Policy, numbering: Numbering) -> str:
    if finding.label in policy.reversible:
        number = numbering.number(finding.label, value)
        return f"{PSEUDONYM_BASES[finding.label]} {number}"
    if finding.label == "GENDER":
        return neutral_form(value) if not SEX_FIELD.match(value) else REMOVED["SEX"]
    return REMOVED.get(finding.label, "[donnée retirée]")


def _tidy_removals(text: str) -> str:
    """Drop what removed markers leave behind: the marker, its separator, an emptied line."""
    lines = [line for line in text.split("\n") if not re.fullmatch(r"[\s,;|–\-\x00]*\x00[\s,;|–\-\x00]*", line)]
    text = re.sub(r"[ \t]*[,;|–-]?[ \t]*\x00", "", "\n".join(lines))
    text = re.sub(r"(?m)^([ \t]*)[,;|–-][ \t]*", r"\1", text)
    return re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text)


def _apply(text: str, findings: list[Finding], policy: Policy, numbering: Numbering) -> ProtectedText:
    parts, done, cursor = [], [], 0
    for finding in findings:
        value = text[finding.start:finding.end]
        replacement = _replacement(finding, value, policy, numbering)
        parts += [text[cursor:finding.start], replacement]
        cursor = finding.end
        done.append(Finding(finding.start, finding.end, finding.label, finding.score,
                            finding.source, replacement))
    parts.append(text[cursor:])
    protected = "".join(parts)
    if any(f.label in ("GENDER", "PHOTO") for f in done):
        protected = _tidy_removals(protected)
    categories = dict(Counter(f.label for f in done))
    blocked, explanation = explain(policy, categories)
    return ProtectedText(text=protected, policy=policy.name, categories=categories,
                         blocked=blocked, explanation=explanation, findings=done)
