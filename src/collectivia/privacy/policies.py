"""What each use does with what was found.

- "assistant": reversible pseudonyms for every identifier (kept in the vault of
  the conversation); health and union data block the message, or are stripped
  when `privacy_sensitive_mode` is "retirer".
- "recrutement": the anonymous CV. Names become pseudonyms (the recruiter may
  re-identify later); contact details, dates of birth, age, sex markers,
  photo, family situation and nationality are removed for good; health and
  union data are stripped.
- "export": irreversible anonymisation, nothing kept anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from collectivia.privacy.protected import CV_LABELS, LABEL_NAMES, LABELS, SENSITIVE

PSEUDONYM_BASES = {
    "PERSON": "Personne", "EMAIL": "courriel", "PHONE": "téléphone", "ADDRESS": "adresse",
    "POSTCODE_CITY": "commune", "NIR": "NIR", "IBAN": "IBAN", "DATE_OF_BIRTH": "date de naissance",
    "AGENT_ID": "matricule",
}
REMOVED = {
    "PERSON": "[nom retiré]", "EMAIL": "[courriel retiré]", "PHONE": "[téléphone retiré]",
    "ADDRESS": "[adresse retirée]", "POSTCODE_CITY": "[commune retirée]", "NIR": "[NIR retiré]",
    "IBAN": "[IBAN retiré]", "DATE_OF_BIRTH": "[date de naissance retirée]",
    "AGENT_ID": "[matricule retiré]", "HEALTH": "[donnée de santé retirée]",
    "UNION": "[appartenance syndicale retirée]", "AGE": "[âge retiré]",
    "PHOTO": "\x00",  # removed with its separators: even its mention is a signal
    "FAMILY": "[situation familiale retirée]",
    "NATIONALITY": "[nationalité retirée]", "GENDER": "", "SEX": "[genre retiré]",
}
SENSITIVE_MODES = ("bloquer", "retirer")


@dataclass(frozen=True)
class Policy:
    name: str
    labels: tuple[str, ...]
    reversible: tuple[str, ...]       # pseudonymised through the vault (or in memory)
    removed: tuple[str, ...]          # replaced by a "[... retiré]" marker
    block_sensitive: bool


def policy_named(name: str, sensitive_mode: str = "bloquer") -> Policy:
    identifiers = tuple(label for label in LABELS if label not in SENSITIVE)
    if name == "assistant":
        block = sensitive_mode != "retirer"
        return Policy(name, LABELS, identifiers, SENSITIVE, block)
    if name == "recrutement":
        return Policy(name, LABELS + CV_LABELS, ("PERSON",),
                      tuple(label for label in LABELS + CV_LABELS if label != "PERSON"), False)
    if name == "export":
        return Policy(name, LABELS, identifiers, SENSITIVE, False)
    raise ValueError(f"politique de confidentialité inconnue : {name!r} "
                     "(attendu : assistant, recrutement ou export)")


def explain(policy: Policy, categories: dict[str, int]) -> tuple[bool, str]:
    """Whether the text is blocked, and the French explanation shown to the user."""
    sensitive = {label: n for label, n in categories.items() if label in SENSITIVE}
    if not sensitive:
        if not categories:
            return False, ""
        return False, ("Données personnelles remplacées avant envoi : "
                       + _enumerate(categories) + ".")
    found = _enumerate(sensitive)
    if policy.block_sensitive:
        return True, (f"Message bloqué : il contient des données sensibles ({found}). "
                      "La charte de la collectivité interdit de transmettre des données de santé "
                      "ou une appartenance syndicale à un modèle d'IA (RGPD, article 9). "
                      "Reformulez sans ces informations ; pour une situation individuelle, "
                      "adressez-vous au service des ressources humaines ou au médecin du travail.")
    return False, (f"Données sensibles retirées du texte ({found}) : elles ne sont ni transmises "
                   "ni conservées. Les autres données personnelles ont été remplacées.")


def _enumerate(categories: dict[str, int]) -> str:
    return ", ".join(f"{LABEL_NAMES.get(label, label)} × {n}" for label, n in sorted(categories.items()))
