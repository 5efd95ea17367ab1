"""An agent asks, reads a cited answer, opens the article; unknown answers go to the HR service."""

from __future__ import annotations

import re

from collectivia.core.roles import Role
from support import csrf_of, text_of


def ask(client, question: str):
    return client.post("/questions-rh", data={"question": question, "csrf_token": csrf_of(client, "/questions-rh")})


def test_an_agent_gets_an_answer_citing_the_article_and_can_read_it_in_full(client, login):
    login(client, Role.AGENT)
    response = ask(client, "Formation syndicale : combien de jours par an ?")
    page = text_of(response)
    assert response.status_code == 200 and "/questions-rh/reponses/" in str(response.url)
    assert "« L'agent public en activité a droit à un congé pour formation syndicale" in page
    assert "douze jours ouvrables par an. » [L215-1, version en vigueur au 15/01/2024]" in page
    assert "aucun modèle d'IA générative" in page and "Articles cités" in page
    link = re.search(r'href="(/questions-rh/articles/\d+)">Lire l\'article L215-1', response.text)
    article = text_of(client.get(link.group(1)))
    assert "Article L215-1" in article and "version en vigueur au 15/01/2024" in article
    assert "Code général de la fonction publique" in article


def test_the_bot_abstains_on_an_amount_and_the_hr_service_answers_and_publishes(client, login):
    login(client, Role.AGENT)
    response = ask(client, "C'est combien l'IFSE pour un adjoint administratif ?")
    page = text_of(response)
    assert "Les textes ne répondent pas à votre question" in page and "[L" not in page
    answer_url = str(response.url)
    token = csrf_of(client, "/questions-rh")
    handed = client.post(answer_url + "/transmettre", data={"precisions": "Je suis en catégorie C.",
                                                            "csrf_token": token})
    assert "transmise au service RH" in text_of(handed)

    client.post("/deconnexion", data={"csrf_token": token})
    login(client, Role.GESTIONNAIRE_RH)
    queue = text_of(client.get("/questions-rh/demandes"))
    assert "IFSE" in queue and "Camille Durand" in queue
    ticket_url = re.search(r'href="(/questions-rh/demandes/\d+)"', client.get("/questions-rh/demandes").text).group(1)
    token = csrf_of(client, ticket_url)
    bad = client.post(ticket_url, data={"reponse": "x", "articles": "L999-9", "csrf_token": token})
    assert bad.status_code == 404 and "L999-9" in text_of(bad)
    done = client.post(ticket_url, data={
        "reponse": "L'IFSE est fixée par délibération : 150 € par mois pour un adjoint administratif.",
        "articles": "L. 714-4", "publier": "oui", "question_faq": "Quel est le montant de l'IFSE ?",
        "csrf_token": token})
    assert "publiée dans la FAQ" in text_of(done)
    assert "Quel est le montant de l'IFSE ?" in text_of(client.get("/questions-rh/faq"))

    client.post("/deconnexion", data={"csrf_token": csrf_of(client, "/questions-rh")})
    login(client, Role.AGENT)
    assert "150 € par mois" in text_of(client.get(answer_url))
    again = text_of(ask(client, "Quel est le montant de l'IFSE ?"))
    assert "Réponse du service RH (FAQ)" in again and "150 € par mois" in again


def test_feedback_is_recorded_and_shown_on_the_hr_dashboard_with_its_export(client, login):
    login(client, Role.AGENT)
    answer_url = str(ask(client, "Le télétravail, c'est un droit ?").url)
    ask(client, "Combien coûte un abonnement de bus ?")
    token = csrf_of(client, "/questions-rh")
    client.post(answer_url + "/avis", data={"utile": "non", "commentaire": "Trop général",
                                            "csrf_token": token})
    assert "Votre avis : pas utile" in text_of(client.get(answer_url))
    client.post("/deconnexion", data={"csrf_token": token})
    login(client, Role.GESTIONNAIRE_RH)
    board = text_of(client.get("/questions-rh/tableau-de-bord"))
    assert "abonnement de bus" in board and "Trop général" in board
    export = client.get("/questions-rh/tableau-de-bord/export.csv")
    assert export.headers["content-type"].startswith("text/csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("mois;questions;repondues_textes")
    assert lines[-1].startswith("total;2;")
    gaps = client.get("/questions-rh/tableau-de-bord/sans-reponse.csv").content.decode("utf-8-sig")
    assert "abonnement de bus" in gaps and "Camille" not in gaps


def test_bad_questions_get_clear_french_messages_and_nothing_is_recorded(client, login):
    login(client, Role.AGENT)
    cases = {"": "Votre question est vide",
             "x" * 20_000: "Votre question est trop longue (20\u202f000 caractères",
             "How many days of annual leave do I get as a civil servant?": "posez votre question en français",
             "???": "aucun mot"}
    for question, message in cases.items():
        response = ask(client, question)
        assert response.status_code == 422 and message in text_of(response), message
    assert "Mes dernières questions" not in text_of(client.get("/questions-rh"))


def test_an_agent_cannot_open_someone_elses_question(client, login):
    login(client, Role.AGENT)
    answer_url = str(ask(client, "Le télétravail, c'est un droit ?").url)
    client.post("/deconnexion", data={"csrf_token": csrf_of(client, "/questions-rh")})
    login(client, Role.RECRUTEUR)
    assert client.get(answer_url).status_code == 404
    assert client.get("/questions-rh/demandes/1").status_code == 403


def test_a_published_faq_answer_comes_before_the_texts(client, login):
    login(client, Role.AGENT)
    page = text_of(ask(client, "J'ai combien de jours de congé par an ?"))
    assert "Réponse du service RH (FAQ)" in page and "25 jours ouvrés" in page
    assert "Lire l'article L621-1 en entier" in page
    other = text_of(ask(client, "Combien de jours de congé de paternité ?"))
    assert "Réponse du service RH (FAQ)" not in other


def test_when_no_article_surely_answers_the_closest_are_offered_below_an_honest_no(client, login):
    login(client, Role.AGENT)
    response = ask(client, "Est-ce que la mairie doit me donner un ordinateur pour le télétravail ?")
    page = text_of(response)
    assert "Les textes ne répondent pas à votre question" in page
    assert "Textes proches, qui ne répondent pas à votre question" in page
    assert "[L" not in page and "Articles cités" not in page
    assert "Lire l'article L430-1 en entier" in page and "Transmettre au service RH" in page
    home = text_of(client.get("/questions-rh"))
    assert "sans réponse dans les textes" in home
