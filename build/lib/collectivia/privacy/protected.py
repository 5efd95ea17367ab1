"""What the engine hands back: findings, the protected text, and its failure."""

from __future__ import annotations

from dataclasses import dataclass, field

from collectivia.core.errors import CollectiviaError

LABELS = ("PERSON", "EMAIL", "PHONE", "ADDRESS", "POSTCODE_CITY", "NIR", "IBAN",
          "DATE_OF_BIRTH", "AGENT_ID", "HEALTH", "UNION")
SENSITIVE = ("HEALTH", "UNION")
# Extra markers removed from an anonymous CV only (policy "recrutement").
CV_LABELS = ("AGE", "GENDER", "PHOTO", "FAMILY", "NATIONALITY")

LABEL_NAMES = {
    "PERSON": "nom de personne", "EMAIL": "adresse électronique", "PHONE": "numéro de téléphone",
    "ADDRESS": "adresse postale", "POSTCODE_CITY": "commune de résidence",
    "NIR": "numéro de sécurité sociale", "IBAN": "coordonnées bancaires",
    "DATE_OF_BIRTH": "date de naissance", "AGENT_ID": "matricule", "HEALTH": "donnée de santé",
    "UNION": "appartenance syndicale", "AGE": "âge", "GENDER": "mention du genre",
    "PHOTO": "mention de photo", "FAMILY": "situation familiale", "NATIONALITY": "nationalité",
}


class PrivacyFailure(CollectiviaError):
    """The detection engine failed: the text must not be sent anywhere (fail closed)."""

    status_code = 503

    def __init__(self, message: str = ("La protection des données personnelles a échoué : "
                                       "le texte n'a pas été transmis. Réessayez plus tard ou "
                                       "prévenez l'administrateur.")):
        super().__init__(message)


@dataclass(frozen=True)
class Finding:
    """One span of personal data: offsets into the original text, end excluded."""

    start: int
    end: int
    label: str
    score: float = 1.0
    source: str = ""
    replacement: str = ""


@dataclass
class ProtectedText:
    """A text safe to send or show, and what was done to it.

    `blocked` means the caller must not send `text` to a model; `explanation`
    says why in French (or what was stripped). `findings` carry offsets into
    the original text and never its values.
    """

    text: str
    policy: str
    categories: dict[str, int] = field(default_factory=dict)
    blocked: bool = False
    explanation: str = ""
    findings: list[Finding] = field(default_factory=list)
