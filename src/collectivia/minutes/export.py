"""A compte rendu (or the transcript alone) as a Word document that says AI helped write it."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document

from collectivia.core.exports import xml_text
from collectivia.minutes.drafting import Minutes
from collectivia.minutes.models import MeetingMinutes


def ai_notice(meeting: MeetingMinutes, when: datetime) -> str:
    models = ", ".join(m for m in (meeting.transcription_model, meeting.model) if m) or "inconnu"
    edited = " puis modifié par l'agent" if meeting.edited else ""
    return (f"Document produit avec l'aide de l'intelligence artificielle (transcription et "
            f"rédaction automatiques, modèle {models}){edited}, exporté le "
            f"{when:%d/%m/%Y à %H:%M}. Relisez-le et vérifiez-le avant tout usage.")


def minutes_docx(meeting: MeetingMinutes, minutes: Minutes | None, transcript: str,
                 collectivite: str, when: datetime) -> bytes:
    if minutes is not None:           # text typed or pasted by the agent, or the model's
        minutes = minutes.with_texts([xml_text(t) for t in minutes.texts()])
    transcript = xml_text(transcript)
    document = Document()
    properties = document.core_properties
    properties.title = xml_text(meeting.title)
    properties.author = collectivite
    properties.subject = "Compte rendu de réunion produit avec l'aide de l'IA"
    properties.keywords = "IA générative; compte rendu"
    properties.comments = ai_notice(meeting, when)
    document.add_heading(f"Compte rendu : {xml_text(meeting.title)}", level=0)
    document.add_paragraph().add_run(ai_notice(meeting, when)).bold = True
    if minutes is not None:
        document.add_heading("Synthèse", level=1)
        for line in minutes.resume.splitlines() or [""]:
            document.add_paragraph(line)
        document.add_heading("Décisions", level=1)
        for decision in minutes.decisions or ["Aucune décision relevée."]:
            document.add_paragraph(decision, style="List Bullet")
        document.add_heading("Actions à mener", level=1)
        if minutes.actions:
            table = document.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, label in zip(table.rows[0].cells, ("Qui", "Quoi", "Quand"), strict=True):
                cell.text = label
            for action in minutes.actions:
                for cell, value in zip(table.add_row().cells, (action.qui, action.quoi,
                                                               action.quand), strict=True):
                    cell.text = value
        else:
            document.add_paragraph("Aucune action relevée.")
    document.add_heading("Transcription automatique", level=1)
    for line in transcript.splitlines() or [""]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
