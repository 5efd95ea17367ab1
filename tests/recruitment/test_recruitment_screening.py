"""The model-free screening aid, on postings and CVs it was not tuned on.

Each test reads like a recruiter's check: a criterion, a CV, and what the aid
must say about it (met / not met / not stated, with the CV line quoted).
"""

from __future__ import annotations

from collectivia.recruitment.criteria import parse_criterion
from collectivia.recruitment.cv import month_index
from collectivia.recruitment.screening import MET, NOT_MET, NOT_STATED, screen

TODAY = month_index(2025, 9)


def run(cv: str, *criteria: str, definitions: dict | None = None):
    parsed = [parse_criterion(c, (definitions or {}).get(c, "")) for c in criteria]
    return screen(cv, parsed, [], TODAY)


MARCHES = """Claire DUVAL
12 rue des Lilas, 31000 Toulouse
Née le 02/03/1990

EXPÉRIENCE PROFESSIONNELLE
01/2019 - 12/2020 : Acheteuse publique - Mairie de Muret
- Rédaction des DCE et analyse des offres des marchés publics
03/2020 - 06/2021 : Chargée de la commande publique - Communauté de communes du Volvestre
- Passation des marchés publics de travaux
09/2022 - à ce jour : Assistante de direction - Société Privée SA
- Accueil et courrier

FORMATION
2015 : Licence professionnelle Métiers des achats - Université Toulouse 1
2012 : Baccalauréat STMG

COMPÉTENCES
- QGIS : notions
- Anglais courant (C1)
- Permis B
"""


def test_experience_counts_overlapping_jobs_once():
    result = run(MARCHES, "Expérience en marchés publics d'au moins 3 ans").results[0]
    # 01/2019-12/2020 (24 months) and 03/2020-06/2021 (16) overlap 10 months: 30 months, not 40
    assert result.status == NOT_MET
    assert "30 mois" in result.note and "somme brute avec chevauchement = 40 mois" in result.note
    assert result.evidence in MARCHES


def test_experience_met_when_the_union_reaches_the_threshold():
    result = run(MARCHES, "Expérience en marchés publics d'au moins 2 ans").results[0]
    assert result.status == MET
    assert result.evidence == "01/2019 - 12/2020 : Acheteuse publique - Mairie de Muret"


def test_diploma_levels_from_the_national_framework():
    screening = run(MARCHES, "Diplôme de niveau 6 (licence) minimum", "Bac+5 exigé")
    assert screening.results[0].status == MET
    assert "Licence professionnelle" in screening.results[0].evidence
    assert screening.results[1].status == NOT_MET


def test_diploma_in_progress_or_niveau_bac_is_not_enough():
    cv = "X\n\nFORMATION\n2025 : BTS Comptabilité (en cours)\n2010 : Niveau bac (non obtenu)\n"
    result = run(cv, "Diplôme de niveau 5 (bac+2)").results[0]
    assert result.status == NOT_MET
    assert result.evidence == "2025 : BTS Comptabilité (en cours)"


def test_foreign_diploma_counts():
    cv = "X\n\nFORMATION\n2011 : Baccalauréat (Maroc), série sciences économiques\n"
    assert run(cv, "Baccalauréat exigé").results[0].status == MET


def test_skill_level_weak_mention_is_quoted_as_not_met():
    result = run(MARCHES, "Maîtrise de QGIS").results[0]
    assert result.status == NOT_MET and result.evidence == "- QGIS : notions"


def test_skill_not_mentioned_is_not_stated():
    result = run(MARCHES, "Maîtrise d'Excel (tableaux croisés dynamiques)").results[0]
    assert result.status == NOT_STATED and result.evidence is None


def test_permit_and_language():
    screening = run(MARCHES, "Permis B", "Anglais courant")
    assert [r.status for r in screening.results] == [MET, MET]


def test_software_of_a_category():
    cv = "X\n\nEXPÉRIENCE\n2019 - 2020\n02/2018 - 01/2020 : Instructeur ADS - Ville de Blagnac\n" \
         "- Instruction des permis de construire sous Cart@ds\n"
    assert run(cv, "Pratique d'un logiciel d'urbanisme").results[0].status == MET
    assert run(cv, "Pratique d'un logiciel de paie").results[0].status == NOT_STATED


def test_knowledge_criterion_matches_key_terms_not_the_target_job_line():
    cv = ("Léa MARTIN\nObjet : candidature - Gestionnaire carrière et paie\n\nEXPÉRIENCE\n"
          "03/2019 - 08/2025 : Comptable - Société Y\n- Saisie des factures\n")
    result = run(cv, "Connaissance du statut de la fonction publique territoriale (carrière, avancement)")
    assert result.results[0].status == NOT_STATED


def test_date_gaps_and_overlaps():
    screening = run(MARCHES, "Permis B")
    messages = [i.message for i in screening.date_issues]
    assert any(m.startswith("Chevauchement de 10 mois (03/2020 à 12/2020)") for m in messages)
    assert any(m.startswith("Période sans activité de 14 mois entre 06/2021") for m in messages)
    assert len(messages) == 2


def test_last_activity_long_ago_is_a_gap_up_to_today():
    cv = "X\n\nEXPÉRIENCE\n01/2015 - 12/2024 : Agent d'accueil - Mairie de Z\n"
    issues = run(cv, "Permis B").date_issues
    assert [i.months for i in issues] == [9]


def test_studies_starting_only_this_month_have_not_ended_the_gap_yet():
    cv = ("X\n\nEXPÉRIENCE\n09/2022 - 10/2024 : Chargé de communication - Syndicat mixte\n"
          "FORMATION\nDepuis 09/2025 : Master 1 Communication numérique (en cours)\n")
    gap = run(cv, "Permis B").date_issues[0]
    assert (gap.kind, gap.start, gap.end) == ("gap", month_index(2024, 11), TODAY)


def test_groups_follow_the_share_of_required_criteria():
    screening = run(MARCHES, "Permis B", "Anglais courant", "Maîtrise de QGIS")
    assert screening.group == "B"          # 2 of 3 met: more than half
    assert screening.questions and "QGIS" in screening.questions[0]


def test_interview_questions_read_as_french_whatever_the_criterion_names():
    questions = run(MARCHES, "Maîtrise d'un CMS (WordPress, Drupal)", "Excel avancé").questions
    assert "votre pratique d'un CMS (WordPress, Drupal) : niveau atteint et usages ?" in questions[0]
    assert "votre pratique d'Excel avancé" in questions[1]
    assert not any("pratique de un" in q for q in questions)


def test_identity_never_changes_the_results():
    twin = MARCHES.replace("Claire DUVAL", "Karim BENALI").replace("Née le 02/03/1990", "Né le 02/03/1960") \
        .replace("12 rue des Lilas, 31000 Toulouse", "3 cité des Fleurs, 93200 Saint-Denis")
    criteria = ("Expérience en marchés publics d'au moins 2 ans", "Diplôme de niveau 6 (licence) minimum",
                "Permis B", "Maîtrise de QGIS")
    a, b = run(MARCHES, *criteria), run(twin, *criteria)
    assert [r.status for r in a.results] == [r.status for r in b.results]
    assert a.group == b.group


CRECHE = """CURRICULUM VITAE

INFORMATIONS PERSONNELLES
Nom : MARTIN
Prénom(s) : Julie
Date de naissance : 04/05/1995

EXPÉRIENCE PROFESSIONNELLE
Dates : de sept. 2019 à août 2021 | Employeur : Multi-accueil Les Lutins, Pau
Fonction ou poste occupé : Auxiliaire de puériculture
Principales activités et responsabilités : Accueil des enfants et des familles ; soins d'hygiène

Dates : depuis mars 2023 | Employeur : Mairie de Lescar
Fonction ou poste occupé : Agent d'animation périscolaire
Principales activités et responsabilités : Animation d'ateliers pour les enfants de 3 à 6 ans

ÉDUCATION ET FORMATION
Date : 2019 | Établissement : IFAP de Pau
Intitulé du diplôme : Diplôme d'État d'auxiliaire de puériculture
Permis de conduire : Permis B
"""


def test_an_unseen_posting_in_early_childhood():
    screening = run(CRECHE, "Expérience auprès de jeunes enfants (2 ans minimum)",
                    "Diplôme d'État d'auxiliaire de puériculture exigé", "Permis B",
                    "Diplôme d'État d'infirmier exigé")
    experience, deap, permit, nurse = screening.results
    assert experience.status == MET and "55 mois" in experience.note   # 24 + 31 months
    assert deap.status == MET and deap.evidence == "Intitulé du diplôme : Diplôme d'État d'auxiliaire de puériculture"
    assert permit.status == MET
    assert nurse.status == NOT_STATED
    assert [i.months for i in screening.date_issues] == [18]          # 09/2021 to 02/2023


def test_a_plain_tool_mention_is_enough_unless_features_are_listed():
    cv = "X\n\nCOMPÉTENCES\n- Logiciels : QGIS, AutoCAD\n- Excel\n"
    assert run(cv, "Maîtrise de QGIS").results[0].status == MET
    assert run(cv, "Maîtrise d'Excel (tableaux croisés dynamiques)").results[0].status == NOT_MET


def test_day_dates_and_year_only_periods():
    cv = ("X\n\nEXPÉRIENCE\nDu 1er mars 2019 au 31 août 2020 : Gestionnaire paie - Mairie de A\n"
          "du 01/09/2020 au 30/06/2021 : Comptable - Société B\n2016 - 2018 : Gestionnaire paie - Ville de C\n")
    screening = run(cv, "Expérience en paie d'au moins 2 ans")
    # 18 months (day dates) + 14 months: « 2016 - 2018 » proves December 2016 to January 2018, no more
    assert screening.results[0].status == MET and "32 mois" in screening.results[0].note
    assert run(cv, "Expérience en paie d'au moins 3 ans").results[0].status == NOT_MET
    # year-only periods are too coarse for gaps and overlaps; the 51-month gap since 06/2021 is real
    assert [(i.kind, i.months) for i in screening.date_issues] == [("gap", 51)]
    assert "Comptable, Société B" in screening.date_issues[0].message


def test_knowledge_of_local_government_is_evidenced_by_a_job_there():
    screening = run(MARCHES, "Connaissance de l'environnement territorial",
                    "Connaissance des règles de la comptabilité publique (M14, M57)")
    territorial, accounting = screening.results
    assert territorial.status == MET and "Mairie de Muret" in territorial.evidence
    assert accounting.status == NOT_STATED     # "règles" alone is not the subject


def test_excel_features_are_evidence_even_without_the_word_excel():
    cv = "X\n\nEXPÉRIENCE\n01/2020 - 08/2025 : Gestionnaire paie - Mairie de Y\n- Contrôles par TCD et RECHERCHEV\n"
    result = run(cv, "Maîtrise d'Excel (formules, tableaux croisés dynamiques)").results[0]
    assert result.status == MET and result.evidence == "- Contrôles par TCD et RECHERCHEV"


def test_eligibility_as_civil_servant_or_laureate():
    criterion = "Fonctionnaire du cadre d'emplois des rédacteurs ou lauréat du concours de rédacteur"
    laureate = "X\n\nFORMATION\n2023 : Lauréate du concours de rédacteur territorial\n"
    other = "X\n\nEXPÉRIENCE\n01/2020 - 08/2025 : Adjoint administratif (titulaire) - Mairie de Y\n"
    nothing = "X\n\nEXPÉRIENCE\n01/2020 - 08/2025 : Comptable (contractuel) - Mairie de Y\n"
    assert run(laureate, criterion).results[0].status == MET
    assert run(other, criterion).results[0].status == NOT_MET
    assert run(nothing, criterion).results[0].status == NOT_STATED


def test_since_when_a_diploma_or_a_registration_is_held_is_no_job():
    from collectivia.recruitment.cv import month_index, parse_cv
    cv = parse_cv("Madame, Monsieur,\nJe suis auxiliaire de puériculture diplômée d'État depuis juin 2012.\n"
                  "Je suis inscrite à l'Ordre national des infirmiers depuis mars 2018.\n", month_index(2025, 9))
    assert cv.jobs == []
