"""The AI Act questionnaire walks to each outcome with its reasons and the deployer's obligations.

The rules live in data/governance/ai_act_questionnaire.json; these tests
read like the walk a referent IA does through the form.
"""

from __future__ import annotations

import pytest

from collectivia.core.errors import InvalidInput
from collectivia.governance import aiact

AI = {"systeme_ia": "oui", "organisme_public": "oui"}


def obligations(result) -> str:
    return " ".join(f"{o.text} ({o.reference})" for o in result.obligations)


def test_emotion_recognition_at_work_is_a_prohibited_practice():
    result = aiact.classify({**AI, "pratiques_interdites": ["reconnaissance_emotions_travail"],
                             "domaines_haut_risque": ["emploi_gestion"],
                             "transparence": ["dialogue_personnes"]})
    assert result.level == "interdit"
    assert result.label == "Pratique interdite"
    assert any("art. 5, 1, f)" in r for r in result.reasons)
    assert "Ne pas expérimenter ni déployer" in obligations(result)


def test_social_scoring_is_prohibited_too():
    assert aiact.classify({**AI, "pratiques_interdites": "notation_sociale"}).level == "interdit"


def test_candidate_screening_is_high_risk_with_the_deployer_obligations_of_a_public_body():
    result = aiact.classify({**AI, "domaines_haut_risque": ["emploi_recrutement"],
                             "profilage": "oui"})
    assert result.level == "haut_risque"
    assert any("annexe III, 4, a)" in r for r in result.reasons)
    text = obligations(result)
    assert "contrôle humain" in text and "(art. 26, 2 et art. 14)" in text
    assert "au moins six mois" in text                       # logs, art. 26(6)
    assert "représentants du personnel" in text              # art. 26(7), workplace
    assert "(art. 27)" in text                               # FRIA for public bodies
    assert "base de données de l'UE" in text                 # art. 49 registration
    assert "informer les personnes concernées".lower() in text.lower()
    assert "maîtrise de l'IA" in text                        # art. 4, always


def test_duties_stack_a_high_risk_system_that_talks_to_people_keeps_article_50():
    result = aiact.classify({**AI, "domaines_haut_risque": ["emploi_gestion"],
                             "transparence": ["dialogue_personnes"]})
    assert result.level == "haut_risque"
    text = obligations(result)
    assert "(art. 26, 2 et art. 14)" in text                 # high-risk duties
    assert "qu'elles échangent avec une IA" in text and "(art. 50, 1)" in text
    assert any("article 50" in r for r in result.reasons)
    assert any("(art. 50, 1)" in r for r in result.reasons)
    references = [o.reference for o in result.obligations]
    assert len(references) == len(set(references))            # each duty listed once


def test_a_prohibited_practice_lists_no_transparency_duty_it_must_not_be_deployed():
    result = aiact.classify({**AI, "pratiques_interdites": ["notation_sociale"],
                             "transparence": ["dialogue_personnes"]})
    assert "(art. 50, 1)" not in obligations(result)


def test_a_private_deployer_has_no_fria_duty():
    result = aiact.classify({"systeme_ia": "oui", "organisme_public": "non",
                             "domaines_haut_risque": ["services_publics_essentiels"]})
    assert result.level == "haut_risque"
    assert "(art. 27)" not in obligations(result)
    assert "représentants du personnel" not in obligations(result)  # not an employment use


def test_a_narrow_procedural_task_escapes_high_risk_unless_it_profiles_people():
    narrow = aiact.classify({**AI, "domaines_haut_risque": ["emploi_recrutement"],
                             "derogation_art6_3": "oui", "profilage": "non",
                             "transparence": ["contenu_synthetique"]})
    assert narrow.level == "transparence"
    assert "(art. 6, 4 et art. 49, 2)" in obligations(narrow)
    profiling = aiact.classify({**AI, "domaines_haut_risque": ["emploi_recrutement"],
                                "derogation_art6_3": "oui", "profilage": "oui"})
    assert profiling.level == "haut_risque"


def test_a_chatbot_only_carries_transparency_duties():
    result = aiact.classify({**AI, "transparence": ["dialogue_personnes", "contenu_synthetique"]})
    assert result.level == "transparence"
    assert result.label == "Obligations de transparence"
    text = obligations(result)
    assert "qu'elles échangent avec une IA" in text and "(art. 50, 1)" in text
    assert "(art. 50, 2)" in text
    assert "(art. 27)" not in text and "six mois" not in text


def test_a_spell_checker_is_minimal_risk():
    result = aiact.classify({**AI})
    assert result.level == "minimal"
    assert "risque minimal" in result.reasons[0]
    assert [o.reference for o in result.obligations] == ["art. 95", "art. 4"]


def test_hand_written_rules_are_outside_the_ai_act():
    result = aiact.classify({"systeme_ia": "non", "pratiques_interdites": ["notation_sociale"]})
    assert result.level == "hors_champ"


def test_the_first_question_must_be_answered():
    with pytest.raises(InvalidInput, match="Répondez"):
        aiact.classify({})


def test_an_unknown_box_is_refused_rather_than_ignored():
    with pytest.raises(InvalidInput, match="Option inconnue"):
        aiact.classify({**AI, "pratiques_interdites": ["reconnaissance_emotion_travail"]})


def test_every_option_of_the_rules_file_has_an_article_and_every_outcome_is_reachable():
    levels = set()
    for question in aiact.questions():
        for option in question.get("options", []):
            assert option["reference"].startswith(("art.", "annexe"))
            first = {"systeme_ia": "oui", question["id"]: [option["id"]]}
            levels.add(aiact.classify(first).level)
    levels.add(aiact.classify({"systeme_ia": "non"}).level)
    levels.add(aiact.classify({"systeme_ia": "oui"}).level)
    assert levels == set(aiact.rules()["levels"])

