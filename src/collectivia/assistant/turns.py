"""One exchange with the assistant, in three steps that never hold a transaction during a call.

1. `prepare_turn` (short transaction): rights, charter, model, attachment, privacy,
   context size and quota are all checked; nothing of the turn is stored yet. An
   attachment is read before, with no transaction open (`read_attachment`, up to a
   minute for a hostile PDF), between `check_turn` and `prepare_turn`.
2. The caller asks the model (complete or stream) with `prepared.messages`.
3. `finish_turn` (short transaction): the answer is re-identified and the two
   messages, the usage and the audit event are stored together.
A failure between 1 and 3 leaves nothing half-stored.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from collectivia.assistant import prompts
from collectivia.assistant.conversations import own_conversation
from collectivia.assistant.models import Conversation, Message
from collectivia.assistant.protection import Protection, protect_all, reidentify
from collectivia.core import audit, clock
from collectivia.core.errors import Forbidden, InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES, ensure_role
from collectivia.llm import ChatMessage, Completion, ContextTooLong, Router
from collectivia.llm.types import estimate_prompt_tokens
from collectivia.llm.admission import Admission
from collectivia.llm.usage import admit_call, record_call
from collectivia.settings import Settings

MAX_MESSAGE_CHARS = 20_000
DEFAULT_MAX_TOKENS = 1024


def ai_label(model: str) -> str:
    return f"Rédigé avec l'aide de l'IA — modèle {model} — à relire"


def conversation_title(question: str, limit: int = 80) -> str:
    """The question's first line without Markdown marks, cut on a word: what the list shows."""
    line = next((x for x in question.splitlines() if x.strip()), "")
    line = " ".join(re.sub(r"^\s*(?:#+|[-*+>]|\d+[.)])\s+", "", line).replace("**", "").split())
    if len(line) <= limit:
        return line
    return line[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def charter_url(session: Session, user: User) -> str | None:
    """The charter page the user must accept first, if the governance module asks for one."""
    from collectivia.governance import charter_required

    return charter_required(session, user)


def ensure_charter(session: Session, user: User) -> None:
    url = charter_url(session, user)
    if url:
        raise Forbidden("Avant d'utiliser l'assistant, prenez connaissance de la charte d'usage "
                        f"de l'IA de la collectivité et acceptez-la : {url}")


@dataclass
class Attachment:
    """A file joined to a question, as uploaded."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class ReadAttachment:
    """An attachment's text, as `read_attachment` extracted it."""

    filename: str
    kind: str
    text: str


@dataclass
class PreparedTurn:
    user_id: int
    scope: str
    model: str
    task: str
    conversation_id: int | None
    user_text: str
    user_sent: str
    attachment_name: str
    messages: list[ChatMessage]
    protection: Protection
    max_tokens: int = DEFAULT_MAX_TOKENS
    warnings: list[str] = field(default_factory=list)
    reservation: Admission | None = None       # what it holds: quota, budget, model limits
    replaced: list[int] = field(default_factory=list)  # messages the new exchange replaces
    rewind: str = ""                            # "regeneration" | "modification" | ""

    @property
    def blocked(self) -> bool:
        return self.protection.blocked


def read_attachment(attachment: Attachment, settings: Settings) -> ReadAttachment:
    """Extract an attachment's text in the sandbox. Needs no database session and must be
    called with none open: on SQLite an open transaction holds every other user's writes."""
    from collectivia.core.documents import extract_text

    extracted = extract_text(attachment.data, attachment.filename,
                             max_bytes=settings.max_upload_bytes)
    if extracted.kind not in {"texte", "markdown", "pdf", "docx", "html"}:
        raise InvalidInput("Seuls les fichiers texte, PDF et Word (DOCX) peuvent être joints.")
    limit = settings.assistant_max_attachment_chars
    if len(extracted.text) > limit:
        raise InvalidInput(f"La pièce jointe est trop longue pour l'assistant ({len(extracted.text)} "
                           f"caractères ; limite {limit}). Joignez un extrait.")
    return ReadAttachment(attachment.filename, extracted.kind, extracted.text)


def check_turn(session: Session, user: User, *, text: str, conversation_id: int | None = None,
               replace_from: int | None = None, regenerate: bool = False,
               with_attachment: bool = False) -> bool:
    """What `prepare_turn` checks before an attachment matters (rights, charter, conversation,
    the question's length), so that a refused turn reads no file: True when the attachment is
    to be read (a regenerated question replays the one it was asked with)."""
    _, _, _, replay = _checked_request(session, user, conversation_id, replace_from, regenerate)
    if replay is not None:
        return False
    _checked_text(text, with_attachment)
    return with_attachment


def prepare_turn(session: Session, user: User, settings: Settings, router: Router, *,
                 text: str, task: str = "libre", model: str | None = None,
                 conversation_id: int | None = None, attachment: ReadAttachment | None = None,
                 replace_from: int | None = None, regenerate: bool = False) -> PreparedTurn:
    """Check everything and build the protected prompt. Records the audit event of a refusal.

    `replace_from` (a question of the conversation, edited) and `regenerate` (the last
    question, asked again) rewind the conversation: the model sees only what came
    before, and `finish_turn` replaces the rewound messages by the new exchange.
    """
    conversation, kept, replaced, replay = _checked_request(session, user, conversation_id,
                                                            replace_from, regenerate)
    if conversation is not None:
        task, model = conversation.task, conversation.model
    info = router.model_info(model or None)
    task = task if task in prompts.TASKS_BY_KEY else "libre"
    scope = conversation.scope if conversation else f"conversation:{uuid.uuid4().hex}"
    if replay is not None:
        # the question as it was protected then: the same pseudonyms, the same attachment
        text, user_sent, attachment_name = replay.content, replay.sent_text, replay.attachment_name
        protection = Protection(texts=[user_sent], notes=[replay.privacy_note])
    else:
        text, user_sent, protection = _protected_question(session, settings, router, info.alias,
                                                          scope, text, attachment)
        attachment_name = attachment.filename[:200] if attachment else ""
    history = [ChatMessage(m.role, m.sent_text) for m in kept]
    system = prompts.system_message(prompts.instructions_for(session, task),
                                    settings.collectivite_name)
    prepared = PreparedTurn(
        user_id=user.id, scope=scope, model=info.alias, task=task,
        conversation_id=conversation.id if conversation else None, user_text=text,
        user_sent=user_sent, attachment_name=attachment_name,
        messages=[system, *history, ChatMessage("user", user_sent)], protection=protection,
        max_tokens=min(DEFAULT_MAX_TOKENS, info.context // 4), replaced=replaced,
        rewind="regeneration" if regenerate else ("modification" if replaced else ""))
    if prepared.blocked:
        audit.record(session, "assistant.refus", actor=user, object_type="conversation",
                     object_id=prepared.conversation_id or "", outcome="refusé",
                     details={"modele": info.alias, "categories": protection.categories,
                              "bloque": True, "source": "assistant"})
        return prepared
    _fit_history(router, prepared)
    prepared.reservation = admit_call(session, user, router, prepared.model,
                                      estimate_prompt_tokens(prepared.messages),
                                      prepared.max_tokens)
    return prepared


def _checked_request(session: Session, user: User, conversation_id: int | None,
                     replace_from: int | None, regenerate: bool
                     ) -> tuple[Conversation | None, list[Message], list[int], Message | None]:
    """(conversation, then what `_rewind` gives), once the user may ask in it."""
    ensure_role(user, *ALL_ROLES, action="utiliser l'assistant")
    ensure_charter(session, user)
    conversation = own_conversation(session, user, conversation_id) if conversation_id else None
    return conversation, *_rewind(conversation, replace_from, regenerate)


def _rewind(conversation: Conversation | None, replace_from: int | None, regenerate: bool
            ) -> tuple[list[Message], list[int], Message | None]:
    """(messages kept as history, ids of those the new exchange replaces, question replayed)."""
    messages = list(conversation.messages) if conversation else []
    if not (replace_from or regenerate):
        return messages, [], None
    questions = [m for m in messages if m.role == "user"]
    cut: Message | None
    if regenerate:
        if not questions:
            raise InvalidInput("Cette conversation n'a pas encore de réponse à régénérer.")
        cut = questions[-1]
    else:
        cut = next((m for m in questions if m.id == replace_from), None)
        if cut is None:
            raise NotFound("Cette demande n'existe pas ou a été supprimée.")
    kept = [m for m in messages if m.id < cut.id]
    replaced = [m.id for m in messages if m.id >= cut.id]
    return kept, replaced, cut if regenerate else None


def _checked_text(text: str, with_attachment: bool) -> str:
    """The question as typed, once it is neither empty (without attachment) nor too long."""
    text = (text or "").replace("\r\n", "\n").strip()      # browsers send a textarea's CRLF
    if not text and not with_attachment:
        raise InvalidInput("Écrivez votre demande (ou joignez un document) avant d'envoyer.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidInput(f"Votre message est trop long ({len(text)} caractères ; limite "
                           f"{MAX_MESSAGE_CHARS}). Joignez plutôt le texte comme document.")
    return text


def _protected_question(session: Session, settings: Settings, router: Router, model: str,
                        scope: str, text: str, attachment: ReadAttachment | None
                        ) -> tuple[str, str, Protection]:
    """(question as typed, question as the model will see it, what protecting it found)."""
    text = _checked_text(text, attachment is not None)
    attachment_text, kind = (attachment.text, attachment.kind) if attachment else ("", "")
    # an oversized prompt is refused before spending the privacy engine's time on it
    router.check([ChatMessage("user", text + attachment_text)], model, 1)
    protection = protect_all(session, [text, attachment_text], scope, settings)
    user_sent = protection.texts[0] or "Traite la pièce jointe selon la tâche demandée."
    if attachment is not None:
        user_sent += "\n\n" + prompts.wrap_attachment(kind, protection.texts[1])
    return text, user_sent, protection


def _fit_history(router: Router, prepared: PreparedTurn) -> None:
    """Drop the oldest exchanges of a long conversation until the prompt fits the model.

    The new message itself is never cut: if it does not fit alone, ContextTooLong says so.
    """
    while True:
        try:
            router.check(prepared.messages, prepared.model, prepared.max_tokens)
            return
        except ContextTooLong:
            system, *history, last = prepared.messages
            if not history:
                raise
            prepared.messages = [system, *history[2:], last]


def finish_turn(session: Session, user: User, settings: Settings, router: Router,
                prepared: PreparedTurn, completion: Completion, source: str = "assistant"
                ) -> tuple[Conversation, Message]:
    """Store the exchange, its usage and its audit event (one transaction)."""
    answer = reidentify(session, completion.text, prepared.scope, settings)
    now = clock.now()
    if prepared.conversation_id is None:
        task = prompts.TASKS_BY_KEY[prepared.task]
        title = conversation_title(prepared.user_text) or prepared.attachment_name[:80] \
            or task.label
        conversation = Conversation(user_id=user.id, scope=prepared.scope, title=title,
                                    task=prepared.task, model=prepared.model, created_at=now,
                                    updated_at=now)
        session.add(conversation)
        session.flush()
    else:
        conversation = own_conversation(session, user, prepared.conversation_id)
        conversation.updated_at = now
        for message in [m for m in conversation.messages if m.id in prepared.replaced]:
            conversation.messages.remove(message)     # delete-orphan: gone at the flush
    session.add(Message(conversation_id=conversation.id, role="user",
                        content=prepared.user_text or "(pièce jointe seule)",
                        sent_text=prepared.user_sent, attachment_name=prepared.attachment_name,
                        privacy_note=prepared.protection.note, created_at=now))
    reply = Message(conversation_id=conversation.id, role="assistant", content=answer,
                    sent_text=completion.text, model=completion.model,
                    prompt_tokens=completion.prompt_tokens,
                    completion_tokens=completion.completion_tokens, created_at=now)
    session.add(reply)
    record_call(session, user, completion, source, router, settings, prepared.reservation)
    audit.record(session, "assistant.appel", actor=user, object_type="conversation",
                 object_id=conversation.id,
                 details={"modele": completion.model, "moteur": completion.backend,
                          "jetons_prompt": completion.prompt_tokens,
                          "jetons_reponse": completion.completion_tokens,
                          "categories": prepared.protection.categories, "bloque": False,
                          "tache": prepared.task, "piece_jointe": bool(prepared.attachment_name),
                          "source": source,
                          **({"reprise": prepared.rewind} if prepared.rewind else {})})
    session.flush()
    return conversation, reply
