"""The compte rendu a chat model writes from a pseudonymised transcript, as checked JSON.

The model only ever sees the pseudonymised transcript (« Personne 1 », « téléphone 1 »)
and answers with one JSON object; anything else is refused rather than shown. The
same structure is what the agent edits and what the DOCX export prints.
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, Field, ValidationError

from collectivia.core.errors import CollectiviaError
from collectivia.llm import ChatMessage

MAX_ANSWER_TOKENS = 1500

SYSTEM = """Tu rédiges le compte rendu d'une réunion d'une collectivité territoriale française à
partir de sa transcription automatique. Les noms et coordonnées y sont remplacés par des
pseudonymes (« Personne 1 », « téléphone 1 »…) : garde-les tels quels, n'invente aucun nom.
Réponds uniquement par un objet JSON, sans texte autour, de la forme :
{"resume": "synthèse en quelques phrases",
 "decisions": ["une décision prise par phrase"],
 "actions": [{"qui": "responsable", "quoi": "action à mener", "quand": "échéance ou vide"}]}
N'écris que ce que la transcription dit ; une liste vide si rien n'a été décidé."""


class ActionItem(BaseModel):
    qui: str = Field(default="", max_length=300)
    quoi: str = Field(min_length=1, max_length=2000)
    quand: str = Field(default="", max_length=200)


class Minutes(BaseModel):
    resume: str = Field(default="", max_length=20_000)
    decisions: list[str] = Field(default_factory=list, max_length=200)
    actions: list[ActionItem] = Field(default_factory=list, max_length=200)

    def texts(self) -> list[str]:
        """Every text of the compte rendu, in a fixed order (`with_texts` puts them back)."""
        return [self.resume, *self.decisions,
                *(part for a in self.actions for part in (a.qui, a.quoi, a.quand))]

    def with_texts(self, texts: list[str]) -> Minutes:
        decisions = texts[1:1 + len(self.decisions)]
        rest = texts[1 + len(self.decisions):]
        actions = [ActionItem(qui=rest[3 * i], quoi=rest[3 * i + 1], quand=rest[3 * i + 2])
                   for i in range(len(self.actions))]
        return Minutes(resume=texts[0], decisions=decisions, actions=actions)


class UnreadableMinutes(CollectiviaError):
    status_code = 502


def messages_for(transcript: str) -> list[ChatMessage]:
    return [ChatMessage("system", SYSTEM),
            ChatMessage("user", f"Transcription de la réunion :\n\n{transcript}")]


def parse(answer: str) -> Minutes:
    """The model's answer as a compte rendu; a fenced or surrounded JSON object is accepted."""
    match = re.search(r"\{.*\}", answer, re.DOTALL)
    try:
        raw = json.loads(match.group(0) if match else answer)
        minutes = Minutes.model_validate(raw)
    except (ValueError, ValidationError) as exc:
        raise UnreadableMinutes("Le modèle n'a pas rendu un compte rendu lisible (JSON attendu) : "
                                "la transcription reste disponible ; relancez la rédaction.") from exc
    minutes.decisions = [d.strip() for d in minutes.decisions if d.strip()]
    return minutes


def loads(stored: str) -> Minutes | None:
    return Minutes.model_validate_json(stored) if stored else None
