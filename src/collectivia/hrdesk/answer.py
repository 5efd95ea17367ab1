"""What Questions RH gives back for a question: one of three outcomes, its text and what it cites.

Its own module because both ways of answering make one: `answering` (the FAQ,
the extractive answer, the abstention) and `generative` (the model's answer,
which `answering` calls).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collectivia.hrdesk.models import FaqEntry
from collectivia.knowledge.retrieval import Passage


@dataclass
class Answer:
    question: str
    outcome: str
    text: str
    cited: list[Passage] = field(default_factory=list)
    retrieved: list[Passage] = field(default_factory=list)     # re-ranked, best first
    related: list[Passage] = field(default_factory=list)       # to read, not the answer
    reason: str = ""
    mode: str = "extractif"
    model: str = ""
    flagged: bool = False
    removed: list[str] = field(default_factory=list)
    faq: FaqEntry | None = None
    latency_ms: int = 0
    probability: float = 0.0    # the re-ranker's probability that the best article answers
