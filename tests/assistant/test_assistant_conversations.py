"""What agents do with their conversations besides asking: read answers formatted, regenerate,
edit and resend, rename, search, export to Word. Each only ever on their own conversations."""

from __future__ import annotations

import io

import pytest
from docx import Document
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant_support import ask, audit_events
from collectivia.assistant.models import Conversation
from collectivia.core.roles import Role
from support import csrf_of, login_as, text_of

LABEL = "Rédigé avec l'aide de l'IA — modèle redaction — à relire"


def conversation_id(response) -> int:
    return int(response.headers["location"].split("/")[-1].split("#")[0])


def titles(database, login_name: str | None = None) -> list[str]:
    with database.session() as session:
        return list(session.execute(select(Conversation.title).order_by(Conversation.id)).scalars())


def post(client, path: str, **data):
    return client.post(path, data={"csrf_token": csrf_of(client, "/assistant"), **data},
                       follow_redirects=False)


@pytest.fixture
def other_client(app):
    """A second browser, signed in as someone else (the HR manager)."""
    with TestClient(app, base_url="http://testserver") as c:
        login_as(c, Role.GESTIONNAIRE_RH)
        yield c


def test_an_answer_written_in_markdown_is_shown_formatted_and_its_html_stays_inert(
        client, login, upstream):
    login(client, Role.AGENT)
    response = ask(client, "Plan de la note.\n\n## Horaires\n\n- **lundi** : 8 h\n- mardi\n\n"
                           "<script>alert('pirate')</script>\n\n<img src=x onerror=alert(1)>")
    html = client.get(response.headers["location"]).text
    assert "<h4>Horaires</h4>" in html
    assert "<li><strong>lundi</strong> : 8 h</li>" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;pirate&#39;)&lt;/script&gt;" in html  # shown, as text


def test_personal_data_found_in_the_question_and_its_attachment_is_noted_once(
        client, login, upstream):
    login(client, Role.GESTIONNAIRE_RH)
    response = ask(client, "Résume le courrier de Mme Sophie LEMAIRE.",
                   files={"piece_jointe": ("courrier.txt", b"Courrier de M. Jean-Pierre MARTIN, "
                                           b"joignable au 06 72 18 45 93.")})
    page = text_of(client.get(response.headers["location"]))
    assert page.count("Données personnelles remplacées avant envoi") == 1


def test_regenerate_asks_the_last_question_again_and_replaces_its_answer(
        client, login, upstream, demo_database):
    login(client, Role.AGENT)
    first = ask(client, "Rédige une annonce pour la fête de la musique.")
    number = conversation_id(first)
    response = post(client, "/assistant", conversation=str(number), regenerer="1")
    assert response.status_code == 303
    assert upstream.requests[1]["messages"] == upstream.requests[0]["messages"]
    page = text_of(client.get(response.headers["location"]))
    assert page.count('class="message message-user"') == 1
    assert page.count('class="message message-ai"') == 1 and page.count(LABEL) == 1
    assert [e.get("reprise") for e in audit_events(demo_database, "assistant.appel")] == [
        None, "regeneration"]


def test_an_edited_question_replaces_itself_and_everything_after_it(client, login, upstream):
    login(client, Role.AGENT)
    first = ask(client, "Rédige une annonce pour la fête de la musique.")
    number = conversation_id(first)
    ask(client, "Ajoute les horaires.", conversation=number)
    page = text_of(client.get(f"/assistant/conversations/{number}"))
    question = int(page.split('name="remplace" value="')[1].split('"')[0])   # the first one
    response = post(client, "/assistant", conversation=str(number), remplace=str(question),
                    message="Rédige une annonce pour la fête du sport.")
    assert response.status_code == 303
    assert [m["role"] for m in upstream.requests[-1]["messages"]] == ["system", "user"]
    page = text_of(client.get(response.headers["location"]))
    assert "Réponse : Rédige une annonce pour la fête du sport." in page
    assert "fête de la musique" not in page.split("<main")[1].split('id="fil"')[1]
    assert "Ajoute les horaires" not in page


def test_an_agent_renames_a_conversation_and_an_empty_title_is_refused(
        client, login, upstream, demo_database):
    login(client, Role.AGENT)
    number = conversation_id(ask(client, "Rédige une annonce pour la fête de la musique."))
    response = post(client, f"/assistant/conversations/{number}/renommer",
                    titre="  Fête de la musique  2026 ")
    assert response.status_code == 303
    page = text_of(client.get(response.headers["location"]))
    assert "La conversation a été renommée." in page
    assert titles(demo_database) == ["Fête de la musique 2026"]
    refused = text_of(client.get(post(client, f"/assistant/conversations/{number}/renommer",
                                      titre="   ").headers["location"]))
    assert "Donnez un titre à la conversation." in refused
    assert titles(demo_database) == ["Fête de la musique 2026"]


def test_search_finds_words_of_titles_and_answers_in_ones_own_conversations_only(
        client, login, other_client, upstream):
    login(client, Role.AGENT)
    ask(client, "Rédige une annonce pour la fête de la musique.")
    ask(client, "Prépare une réponse sur les badges d'accès.")
    ask(other_client, "Note sur la fête de la musique côté RH.")
    page = text_of(client.get("/assistant", params={"q": "MUSIQUE"}))
    assert "Résultats pour « MUSIQUE » : 1" in page
    assert "Rédige une annonce pour la fête de la musique." in page
    assert "côté RH" not in page and "badges" not in page
    assert "Résultats pour « accès » : 1" in text_of(client.get("/assistant?q=accès"))
    nothing = text_of(client.get("/assistant", params={"q": "100%_"}))
    assert "Aucune de vos conversations ne contient ce texte." in nothing


def test_a_conversation_exports_to_word_with_the_ai_mention_and_the_export_is_audited(
        client, login, upstream, demo_database):
    login(client, Role.AGENT)
    number = conversation_id(ask(client, "Rédige une note.\n\n| Jour | Horaire |\n|---|---|\n"
                                         "| lundi | 8 h |"))
    ask(client, "Ajoute une conclusion.", conversation=number)
    response = client.get(f"/assistant/conversations/{number}/export.docx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "texte généré par l'intelligence artificielle (modèle redaction)" in text
    assert text.count(LABEL) == 2
    assert "Réponse : Ajoute une conclusion." in text
    assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [
        ["Jour", "Horaire"], ["lundi", "8 h"]]
    assert "modèle redaction" in document.core_properties.comments
    [export] = audit_events(demo_database, "export")
    assert export["conversation"] == number and export["lignes"] == 4


def test_one_answer_exports_with_the_question_it_answers(client, login, upstream):
    login(client, Role.AGENT)
    number = conversation_id(ask(client, "Rédige une note."))
    ask(client, "Ajoute une conclusion.", conversation=number)
    page = client.get(f"/assistant/conversations/{number}").text
    link = page.split('href="/assistant/conversations/')[-1].split('"')[0]
    assert link.endswith("/export.docx") and "/reponses/" in link
    document = Document(io.BytesIO(client.get(f"/assistant/conversations/{link}").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.count("Demande du") == 1 and "Réponse : Ajoute une conclusion." in text
    assert "Réponse : Rédige une note." not in text
    assert LABEL in text


def test_nobody_else_reads_renames_searches_regenerates_edits_or_exports_a_conversation(
        client, login, other_client, upstream, demo_database):
    login(client, Role.AGENT)
    number = conversation_id(ask(client, "Rédige un courrier confidentiel sur le dossier 42."))
    answer = client.get(f"/assistant/conversations/{number}").text
    answer_id = answer.split("/reponses/")[1].split("/")[0]
    question = answer.split('name="remplace" value="')[1].split('"')[0]
    calls = len(upstream.requests)
    for intruder in (other_client, login(TestClient(other_client.app), Role.ADMIN)):
        assert intruder.get(f"/assistant/conversations/{number}").status_code == 404
        assert intruder.get(f"/assistant/conversations/{number}/export.docx").status_code == 404
        assert intruder.get(f"/assistant/conversations/{number}/reponses/{answer_id}/export.docx"
                            ).status_code == 404
        assert post(intruder, f"/assistant/conversations/{number}/renommer",
                    titre="Piraté").status_code == 404
        assert post(intruder, "/assistant", conversation=str(number),
                    regenerer="1").status_code == 404
        assert post(intruder, "/assistant/flux", conversation=str(number), regenerer="1",
                    ).status_code == 404
        assert post(intruder, "/assistant", conversation=str(number), remplace=question,
                    message="Montre-moi la réponse précédente.").status_code == 404
        assert "dossier 42" not in text_of(intruder.get("/assistant", params={"q": "dossier"}))
    assert len(upstream.requests) == calls
    assert titles(demo_database) == ["Rédige un courrier confidentiel sur le dossier 42."]
    assert audit_events(demo_database, "export") == []


def test_a_new_conversation_is_named_after_the_first_line_of_its_question():
    from collectivia.assistant.turns import conversation_title

    assert conversation_title("Plan de la note.\n\n## Horaires\n\n- lundi") == "Plan de la note."
    assert conversation_title("## Horaires d'été de la **mairie**") == "Horaires d'été de la mairie"
    long = conversation_title("Rédige " + "une très longue demande " * 10)
    assert len(long) <= 80 and long.endswith("demande…")
