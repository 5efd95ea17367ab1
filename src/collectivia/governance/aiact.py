"""AI Act classification: a guided questionnaire whose rules live in a data file.

The questions, the outcomes (in the order the regulation applies them:
outside scope, prohibited, high-risk, transparency, minimal) and the
deployer's obligations are all in `data/governance/ai_act_questionnaire.json`.
This module only reads answers, checks them against the questions, and walks
the outcomes with a tiny condition interpreter, so that a lawyer can correct
the rules without touching code.

The level is the first outcome that holds, but duties stack: a high-risk
system that also talks to people keeps the article 50 duties. An outcome
that says `"stacks_onto": [levels]` adds its reasons and obligations to a
result of those levels whenever its own condition holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from collectivia.core.errors import InvalidInput
from collectivia.governance.reference import DATA_DIR

RULES_FILE = DATA_DIR / "ai_act_questionnaire.json"


@dataclass(frozen=True)
class Obligation:
    text: str
    reference: str


@dataclass
class Classification:
    level: str
    label: str
    reasons: list[str] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "label": self.label, "reasons": self.reasons,
                "obligations": [{"text": o.text, "reference": o.reference}
                                for o in self.obligations]}


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


def questions() -> list[dict[str, Any]]:
    return rules()["questions"]


def level_label(level: str | None) -> str:
    if not level:
        return "Non classé"
    return rules()["levels"].get(level, {}).get("label", level)


def level_rank(level: str | None) -> int:
    return rules()["levels"].get(level or "", {}).get("rank", -1)


def _question(qid: str) -> dict[str, Any]:
    for question in questions():
        if question["id"] == qid:
            return question
    raise KeyError(qid)


def normalise_answers(raw: dict[str, Any]) -> dict[str, Any]:
    """Answers checked against the questionnaire: yes/no as bools, choices as known ids.

    Accepts what an HTML form sends ("oui"/"non", lists of option ids) and
    what JSON sends (booleans). Unknown options are refused, not ignored: a
    silently dropped box could turn a prohibited practice into "minimal".
    """
    answers: dict[str, Any] = {}
    for question in questions():
        qid = question["id"]
        value = raw.get(qid)
        if question["type"] == "yes_no":
            if value in (True, "oui", "true", "1", 1):
                answers[qid] = True
            elif value in (False, "non", "false", "0", 0):
                answers[qid] = False
            elif value in (None, ""):
                if "default" not in question:
                    raise InvalidInput(f"Répondez à la question « {question['text'][:90]}… ».")
                answers[qid] = question["default"]
            else:
                raise InvalidInput(f"Réponse « {str(value)[:30]} » non reconnue (oui ou non attendu).")
        else:
            chosen = [value] if isinstance(value, str) else list(value or [])
            known = {o["id"] for o in question["options"]}
            unknown = [c for c in chosen if c not in known]
            if unknown:
                raise InvalidInput(f"Option inconnue dans le questionnaire : « {str(unknown[0])[:40]} ».")
            answers[qid] = [o["id"] for o in question["options"] if o["id"] in chosen]
    return answers


def _holds(condition: dict[str, Any], answers: dict[str, Any]) -> bool:
    """Interpret one condition of the rules file (always / answer-is / selected / all / any)."""
    if condition.get("always"):
        return True
    if "answer" in condition:
        return answers.get(condition["answer"]) is condition["is"]
    if "any_selected" in condition:
        return bool(answers.get(condition["any_selected"]))
    if "selected" in condition:
        qid, option = condition["selected"]
        return option in answers.get(qid, [])
    if "all" in condition:
        return all(_holds(c, answers) for c in condition["all"])
    if "any" in condition:
        return any(_holds(c, answers) for c in condition["any"])
    raise ValueError(f"condition inconnue dans {RULES_FILE.name}: {condition}")


def _selected_options(qid: str, answers: dict[str, Any]) -> list[dict[str, Any]]:
    chosen = set(answers.get(qid, []))
    return [o for o in _question(qid)["options"] if o["id"] in chosen]


def _outcome_duties(outcome: dict[str, Any], answers: dict[str, Any]
                    ) -> tuple[list[str], list[Obligation]]:
    """The reasons and obligations one outcome contributes, its chosen options included."""
    reasons = [outcome["reason"]]
    obligations = [Obligation(o["text"], o["reference"]) for o in outcome["obligations"]]
    for qid in outcome.get("reasons_from", []):
        reasons += [f"{o['label']} ({o['reference']})" for o in _selected_options(qid, answers)]
    for qid in outcome.get("obligations_from", []):
        obligations += [Obligation(o["obligation"], o["reference"])
                        for o in _selected_options(qid, answers) if "obligation" in o]
    return reasons, obligations


def classify(raw_answers: dict[str, Any]) -> Classification:
    """The risk level, why, and every duty the collectivité has as a deployer."""
    answers = normalise_answers(raw_answers)
    data = rules()
    holding = [o for o in data["outcomes"] if _holds(o["when"], answers)]
    if not holding:
        raise ValueError(f"{RULES_FILE.name}: aucune issue ne s'applique "
                         "(la dernière doit être « always »)")
    level = holding[0]["level"]
    reasons, obligations = _outcome_duties(holding[0], answers)
    for stacked in holding[1:]:
        if level in stacked.get("stacks_onto", []):
            more_reasons, more_obligations = _outcome_duties(stacked, answers)
            reasons += more_reasons
            obligations += [o for o in more_obligations if o not in obligations]
    for extra in data["additional_obligations"]:
        if level in extra["levels"] and _holds(extra["when"], answers):
            obligations.append(Obligation(extra["text"], extra["reference"]))
    return Classification(level, level_label(level), reasons, obligations)
