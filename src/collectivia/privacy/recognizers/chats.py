"""Chat exports and SMS threads: who speaks, and a number sent in pieces.

A chat export names its speaker at the start of each message (« [08:17] Sev : ok »,
« Gégé 18:52 : … », « 07/12/2026, 08:17 - Mimi: 06 »). Speakers are people, however
they spell themselves (« titi », « Djé », « Mag »): no list of first names knows every
nickname. A thread is known by its shape — several messages from few speakers, one of
them speaking twice, or time stamps — so that a form's fields (« Nom : », « Tél : »)
and a meeting's roles (« Agent : », « Le maire : ») are never taken for speakers.

People also send a number in pieces (« 06 » then « 29 81 45 70 », « FR76 1751 5988 »
then the rest): the pieces, read in order from the end of one line to the lines that
hold nothing else, are a telephone, an IBAN or a NIR when together they are one (a NIR's
key must hold; its key may come alone after « clé »).
"""

from __future__ import annotations

import re
from collections import Counter

from collectivia.privacy.recognizers.base import Span
from collectivia.privacy.recognizers.dictated import SAID_NUMBER_WORD, only_numbers, said_digits
from collectivia.privacy.recognizers.numbers import NIR, iban_ok, nir_key_ok

_STAMP = r"(?:\[?(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?,?[ \t]+)?\d{1,2}[:h]\d{2}(?::\d{2})?\]?[ \t]*(?:[-–][ \t]*)?)"
_NAME = r"[^\W\d_][\w'’.\-]{0,20}"
MESSAGE = re.compile(rf"^[ \t]*(?P<stamp>{_STAMP})?(?P<speaker>{_NAME}(?:[ \t]{_NAME}){{0,2}})"
                     rf"(?:[ \t]+(?P<late>\d{{1,2}}[:h]\d{{2}}))?[ \t]*:[ \t]+(?P<message>.*)$", re.MULTILINE)
# Labels that are roles, form fields or headers, never somebody's name.
NOT_SPEAKERS = set("""
agent agente usager usagere moi vous client cliente appelant appelante interlocuteur interlocutrice operateur
operatrice standard accueil systeme bot assistant assistante ia chatgpt utilisateur utilisatrice user admin
support mairie rh drh dgs nom prenom prenoms adresse tel tél telephone téléphone portable mail email e-mail
courriel date objet motif ref réf lieu heure service poste grade statut matricule note notes remarque
observations observation decision décision avis conclusion resume résumé question reponse réponse q r re tr
fwd de a à cc cci pj ps nb important rappel attention urgent info infos total montant president presidente
président présidente maire secretaire secrétaire elu élu elue élue mme m monsieur madame docteur dr
sujet message texte demande requete requête contexte consigne exemple version source destinataire
expediteur expéditeur envoye envoyé participants membres groupe
""".split())
_ARTICLE = re.compile(r"(?i)^(?:le|la|les|l'|un|une|des|du|mon|ma|mes|notre|votre)\b")
THREAD_MESSAGES = 3           # fewer messages say nothing of a thread
# Without time stamps, a thread is a few one-word speakers who each speak again, on most of the
# lines: a form's labels are many, each said once per record (« Situation », « Remarques »).
UNSTAMPED_SPEAKERS = 4
MESSAGE_SHARE = 0.5


def find_chat_speakers(text: str, _artifacts: object = None) -> list[Span]:
    """The speakers of a chat thread, at each message they sign."""
    messages = [m for m in MESSAGE.finditer(text) if _may_speak(m.group("speaker"))]
    if len(messages) < THREAD_MESSAGES or not _thread(messages, text):
        return []
    return [(m.start("speaker"), m.end("speaker"), "PERSON", 0.7) for m in messages]


def _thread(messages: list[re.Match[str]], text: str) -> bool:
    if sum(bool(m.group("stamp") or m.group("late")) for m in messages) >= THREAD_MESSAGES:
        return True
    said = Counter(m.group("speaker").casefold() for m in messages)
    lines = sum(1 for line in text.splitlines() if line.strip())
    return (len(said) <= UNSTAMPED_SPEAKERS and sum(n == 1 for n in said.values()) <= 1
            and all(" " not in speaker for speaker in said) and len(messages) >= MESSAGE_SHARE * lines)


def _may_speak(label: str) -> bool:
    words = label.split()
    return not (_ARTICLE.match(label) or any(w.casefold().strip(".") in NOT_SPEAKERS for w in words))


# The end of a line a number starts on (« son fixe à lui c 01 64 », « FR76 1751 5988 »), and a
# line holding only the rest of one, after its speaker if any.
_TAIL = re.compile(r"(?:\b[A-Z]{2}\d{2}(?:[ \t]+[A-Z0-9]+)*+|(?<![\w+,.])(?:\+|00)?\d(?:[\d \t.\-]|(?<=2)[AB]\b)*+)$")
PIECES = 3
# A message's header on its own line, its text below (« Moi  10:06 », « Nora Benyahia 09:15 »,
# « Maman ❤️ 08:06 »): no piece of a number, so the next piece is looked for after it.
HEADER_ONLY = re.compile(r"(?![^\n]*\b(?:à|a|pour|vers|ok|rdv|demain|ce soir|réunion)\b)[^\d\n]{1,40}?[ \t]\d{1,2}:\d{2}[ \t]*",
                         re.IGNORECASE)


def find_split_numbers(text: str, _artifacts: object = None) -> list[Span]:
    """Telephones, IBANs and NIRs typed or said over two or three consecutive lines."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    found: list[Span] = []
    for i, (start, line) in enumerate(lines):
        if HEADER_ONLY.fullmatch(line):
            continue              # its minutes are no piece of a number
        content, offset = _content(line)
        tail = _TAIL.search(content.rstrip(" \t.,"))
        head = _said_tail(content) if tail is None else (tail.start(), tail.end())
        if head is None:
            continue
        pieces = [(start + offset + head[0], start + offset + head[1])]
        if _number_of([text[pieces[0][0]:pieces[0][1]]]):
            continue          # whole on its line: the patterns' job
        following = [(s, line) for s, line in lines[i + 1:i + 1 + 2 * PIECES] if not HEADER_ONLY.fullmatch(line)]
        for next_start, next_line in following[:PIECES - 1]:
            rest, rest_offset = _content(next_line)
            lead = _LEAD.match(rest)
            if lead is None or not re.search(r"\d", said_digits(lead.group(1)) or lead.group(1)):
                break
            said = re.sub(r"(?i)(?:[ \t,.…\-]+(?:et|euh))+$", "", lead.group(1))   # « … quatre-vingt-deux. Et mon »
            pieces.append((next_start + rest_offset + lead.start(1),
                           next_start + rest_offset + lead.start(1) + len(said)))
            label = _number_of([text[s:e] for s, e in pieces])
            if label:
                found += [(s, e, label, 0.8) for s, e in pieces]
                break
            if lead.end() < len(rest.rstrip()):      # words after it: the number ends there
                break
    return found


# The start of a line that goes on with a number: digit groups (an IBAN's too) or numbers said.
# Pieces are separated (« 45 09 », « 7048 8041 », « trente-huit 70 »); possessive: no backtracking.
_PIECE = rf"(?:(?=[A-Z]*\d)[A-Z0-9]+(?![\w,-])|(?i:{SAID_NUMBER_WORD})(?![\w-]))"
_LEAD = re.compile(rf"[ \t]*(?:(?:\.{{2,3}}|…)[ \t]*)?(?:(?i:la[ \t]+)?(?i:cl[ée]f?)[ \t]*:?[ \t]*)?"
                   rf"({_PIECE}(?:[ \t,.…\-]+{_PIECE})*+)")     # « ... 93 10 pardon »: the rest, after dots


def _content(line: str) -> tuple[str, int]:
    """A line without its speaker label, and where the rest starts."""
    m = MESSAGE.match(line)
    return (m.group("message"), m.start("message")) if m else (line, 0)


def _said_tail(content: str) -> tuple[int, int] | None:
    """The numbers said at the end of a line (« ah. zéro six »), word by word from the end."""
    words = list(re.finditer(r"[^\s,.…]+", content))
    k = len(words)
    while k and (words[k - 1].group().lower() == "et" or only_numbers(words[k - 1].group())):
        k -= 1
    if k == len(words):
        return None
    start, end = words[k].start(), words[-1].end()
    return (start, end) if only_numbers(content[start:end]) else None


def _number_of(pieces: list[str]) -> str | None:
    """PHONE, IBAN or NIR if the pieces, read in order, spell one."""
    joined = " ".join(pieces)
    if re.match(r"[A-Z]{2}\d{2}", joined.strip()):
        return "IBAN" if iban_ok(re.sub(r"[^A-Za-z0-9]", "", joined)) else None
    digits = said_digits(joined)
    if (nir := NIR.fullmatch(digits)) and nir_key_ok(nir):
        return "NIR"
    if joined.strip().startswith(("+33", "0033")):
        digits = "0" + digits[2:] if digits.startswith("33") else "0" + digits[4:]
    return "PHONE" if len(digits) == 10 and digits[0] == "0" and digits[1] != "0" else None
