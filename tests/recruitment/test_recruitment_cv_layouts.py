"""CVs as candidates really write them: with or without headings, as a table, a compact block or a
letter. The screening finds the career in each, and never reads who the person is.
"""

from __future__ import annotations

import pytest

from collectivia.recruitment.criteria import parse_criterion
from collectivia.recruitment.cv import month_index, parse_cv, readable_part
from collectivia.recruitment.oversight import counterfactual
from collectivia.recruitment.screening import MET, NOT_STATED, screen

TODAY = month_index(2026, 11)
CRITERIA = ["Expérience de 24 mois minimum en gestion de la paie", "Diplôme de niveau baccalauréat minimum",
            "Maîtrise d'un logiciel de paie (Ciril, Berger-Levrault, Sage…)", "Permis B"]

TABLE = """LUCIE MARTIN
Gestionnaire paie – 31 ans
Arras | 06 12 34 56 78 | lucie.martin@example.net

| Période | Poste | Employeur | Missions |
| 06/2019 – aujourd'hui | Gestionnaire paie | Centre de gestion du Pas-de-Calais | Paie de 20 collectivités, DSN |

| Logiciels | Niveau |
| Ciril RH | Confirmé |

| Diplôme | Année |
| BTS Comptabilité et gestion | 2015 |
"""

COMPACT = """Lucie MARTIN · 31 ans · Arras (62) · 06 12 34 56 78 · lucie.martin@example.net · Permis B
BTS Comptabilité et gestion (2015)
06/2019–auj. Gestionnaire paie – Centre de gestion du Pas-de-Calais : paie de 20 collectivités, logiciel Ciril RH
"""

LETTER = """Lucie Martin
31 ans – 4 rue Pasteur, 62000 Arras
06 12 34 56 78 – lucie.martin@example.net

Titulaire d'un BTS Comptabilité et gestion obtenu en 2015, je souhaite rejoindre votre service.
Depuis juin 2019, je suis gestionnaire paie au centre de gestion du Pas-de-Calais, sur le logiciel Ciril RH.
Je suis titulaire du permis B.
"""


def run(cv: str):
    return screen(cv, [parse_criterion(c) for c in CRITERIA], [], TODAY)


@pytest.mark.parametrize("cv", [TABLE, COMPACT, LETTER], ids=["tableau", "compact", "lettre"])
def test_a_cv_without_headings_is_read_like_any_other(cv):
    experience, diploma, software, _ = run(cv).results
    assert experience.status == MET and "90 mois" in experience.note      # 06/2019 to 11/2026, both included
    assert diploma.status == MET and "BTS" in diploma.evidence
    assert software.status == MET and "Ciril RH" in software.evidence


def test_identity_lines_are_never_evidence_but_a_permit_beside_them_is_read():
    screening = run(COMPACT)
    assert screening.results[3].status == MET                  # « … · Permis B » on the identity line
    assert all("@" not in (r.evidence or "") for r in screening.results[:3])
    assert readable_part("Tél. 06 12 34 56 78 – lucie.martin@example.net") is None
    assert readable_part("33 ans | Permis B | Certiphyto (2022)") == "Permis B · Certiphyto (2022)"
    assert readable_part("Jardinier confirmé – 30 ans d'expérience") is not None   # a duration, not an age


@pytest.mark.parametrize("cv", [TABLE, COMPACT, LETTER], ids=["tableau", "compact", "lettre"])
def test_the_same_cv_written_by_another_person_gets_the_same_results(cv):
    twin = counterfactual(cv)
    assert "Lucie" not in twin and "06 12 34 56 78" not in twin
    assert [r.status for r in run(cv).results] == [r.status for r in run(twin).results]


def test_a_table_header_row_opens_a_section():
    lines = {line.text.strip(): line for line in parse_cv(TABLE, TODAY).lines}
    assert lines["| BTS Comptabilité et gestion | 2015 |"].section == "education"
    assert not lines["| Période | Poste | Employeur | Missions |"].usable


def test_ongoing_jobs_written_short_and_months_sharing_a_year_are_dated():
    cv = parse_cv("X\n\nEXPÉRIENCE\n03/2024–auj. : Vendeuse\n[ 01/09/2025 – ACTUEL ] Agent d'accueil\n"
                  "J'ai suivi de janvier à septembre 2024 une formation de technicienne.\n", TODAY)
    periods = [(a.start, a.end) for a in cv.activities]
    assert (month_index(2024, 3), TODAY) in periods and (month_index(2025, 9), TODAY) in periods
    assert (month_index(2024, 1), month_index(2024, 9)) in periods


def test_two_periods_on_one_line_are_two_activities_a_period_inside_another_is_not():
    seasons = parse_cv("X\n\nEXPÉRIENCE\n05/2023–09/2023 et 05/2022–09/2022 Agent saisonnier espaces verts\n", TODAY)
    assert len(seasons.activities) == 2
    tenured = parse_cv("X\n\nEXPÉRIENCE\n12/2019 – aujourd'hui : Gardien-brigadier (titulaire depuis 12/2020)\n", TODAY)
    assert len(tenured.activities) == 1


def test_a_declared_break_is_a_gap_not_a_job():
    cv = ("X\n\nEXPÉRIENCE\n[ 01/2024 – ACTUEL ] Agente d'accueil\n"
          "[ 01/09/2020 – 31/12/2023 ] Disponibilité pour convenances personnelles\n"
          "[ 01/09/2008 – 31/08/2020 ] Gardienne de la paix\n")
    screening = screen(cv, [], [], TODAY)
    assert [(i.kind, i.months) for i in screening.date_issues] == [("gap", 40)]    # 09/2020 to 12/2023


def test_an_interruption_told_in_a_comment_is_a_gap_and_an_ats_end_left_empty_is_the_current_job():
    cv = ("--- EXPÉRIENCES ---\n[Expérience 1]\nIntitulé du poste : Acheteuse publique\n"
          "Date de début : 2022-02\nDate de fin :\nPoste actuel : Oui\n"
          "[Expérience 2]\nIntitulé du poste : Gestionnaire marchés publics\n"
          "Date de début : 2012-09\nDate de fin : 2019-06\n"
          "--- COMMENTAIRE DU CANDIDAT ---\n"
          "Interruption d'activité de juillet 2019 à janvier 2022 (congé parental, puis suivi de conjoint).\n")
    screening = screen(cv, [], [], TODAY)
    assert [(i.kind, i.start, i.end) for i in screening.date_issues] == [
        ("gap", month_index(2019, 7), month_index(2022, 1))]
    # an end left empty, without « Poste actuel : Oui », is not read as ongoing
    unknown = cv.replace("Poste actuel : Oui\n", "")
    assert month_index(2022, 2) not in [a.start for a in parse_cv(unknown, TODAY).activities]


def test_periods_are_read_whatever_separates_start_and_end():
    cv = parse_cv("X\n\nEXPÉRIENCE\n04/2022 → aujourd'hui | Agente technique | Lycée, Annonay\n"
                  "09/2019  | en cours | ATSEM titulaire, école maternelle\n"
                  "POSTE_1: Électricien | Adecco BTP | DEBUT: 02/2023 | FIN: 08/2023\n", TODAY)
    periods = [(a.start, a.end) for a in cv.activities]
    assert periods == [(month_index(2022, 4), TODAY), (month_index(2019, 9), TODAY),
                       (month_index(2023, 2), month_index(2023, 8))]


def test_a_job_told_in_a_sentence_is_dated_from_its_start_to_its_end():
    cv = parse_cv("X\n\nParcours\nJ'ai été recruté en septembre 2013 comme agent technique à la mairie "
                  "de Roques (contrat), poste que j'ai occupé jusqu'en août 2024 : entretien des écoles.\n",
                  TODAY)
    assert [(a.start, a.end) for a in cv.activities] == [(month_index(2013, 9), month_index(2024, 8))]


def test_a_start_told_in_a_sentence_still_running_is_dated_to_today():
    cv = parse_cv("X\n\nJ'ai été maître-nageuse à Dole de juillet-août 2016, puis j'ai rejoint en "
                  "janvier 2021 le centre aquatique de Lons, où je surveille les bassins.\n", TODAY)
    assert [(a.start, a.end) for a in cv.activities] == [(month_index(2016, 7), month_index(2016, 8)),
                                                         (month_index(2021, 1), TODAY)]
    told_after = parse_cv("X\n\nJ'ai rejoint en janvier 2024 la médiathèque de Pradines. J'y utilise Decalog.\n",
                          TODAY)
    assert [(a.start, a.end) for a in told_after.activities] == [(month_index(2024, 1), TODAY)]
    left = parse_cv("X\n\nRecrutée en mars 2015 par la mairie de Niort, j'y ai travaillé deux ans.\n", TODAY)
    assert left.activities == []     # nothing says it still runs: no period is made up
    last = parse_cv("X\n\nDe mars 2004 à octobre 2024, j'ai été libraire à Toulouse.\nAprès une période de "
                    "recherche d'emploi, j'ai rejoint en juin 2025 la médiathèque, en CDD.\n", TODAY)
    assert (month_index(2025, 6), TODAY) in [(a.start, a.end) for a in last.activities]  # the last start told
    earlier = parse_cv("X\n\nJ'ai rejoint en juin 2015 la médiathèque de Pau.\n"
                       "De mars 2018 à octobre 2024, j'ai été libraire à Toulouse.\n", TODAY)
    assert [(a.start, a.end) for a in earlier.activities] == [(month_index(2018, 3), month_index(2024, 10))]


def test_a_years_start_with_a_months_end_an_exports_du_au_and_a_journey_are_read():
    told = parse_cv("X\n\nDe 1988 jusqu'en juin 2008, j'ai travaillé en restauration traditionnelle.\n", TODAY)
    assert [(a.start, a.end) for a in told.activities] == [(month_index(1988, 12), month_index(2008, 6))]
    export = parse_cv("X\n\nExpérience :\n- Poste : Acheteur | Entreprise : SEM | Du : 03/2013 | Au : 12/2024\n",
                      TODAY)
    assert [(a.start, a.end) for a in export.activities] == [(month_index(2013, 3), month_index(2024, 12))]
    journey = parse_cv("X\n\nEXPÉRIENCE\nOct. 2019 – déc. 2021 : voyage en Amérique latine\n", TODAY)
    assert [a.kind for a in journey.activities] == ["break"]


def test_since_when_a_diploma_is_held_is_no_job():
    cv = parse_cv("X\n\nTitulaire du BPJEPS AAN depuis juin 2017, j'ai été maître-nageur à Vierzon de "
                  "septembre 2017 à décembre 2019. Habilitée B0 depuis mars 2025.\n", TODAY)
    assert [(a.start, a.end) for a in cv.activities] == [(month_index(2017, 9), month_index(2019, 12))]


def test_an_ats_export_with_its_dates_on_two_lines_gives_one_job_per_block():
    export = ("Nom : X\nExpérience 1\nPoste : Gestionnaire carrière\nEmployeur : Mairie de Niort\n"
              "Début : 10/2021\nFin : en cours\nDescription : arrêtés, avancements\n"
              "Expérience 2\nTitre : Secrétaire de mairie\nSociété : Commune de Aiffres\n"
              "Date de début : 2017-06\nDate de fin : 2021-09\n"
              "Formation 1\nDiplôme : BTS Assistant de gestion\nDébut : 09/2015\nFin : 06/2017\n")
    cv = parse_cv(export, TODAY)
    assert [(a.kind, a.start, a.end) for a in cv.activities] == [
        ("job", month_index(2021, 10), TODAY), ("job", month_index(2017, 6), month_index(2021, 9)),
        ("training", month_index(2015, 9), month_index(2017, 6))]
    assert [a.label for a in cv.activities[:2]] == ["Gestionnaire carrière, Mairie de Niort",
                                                    "Secrétaire de mairie, Commune de Aiffres"]


def test_a_job_search_is_a_gap_and_studies_overlap_no_job():
    parental = ("X\n\nDe septembre 2016 à août 2019, j'ai été animatrice.\nDe septembre 2019 à août 2023, "
                "j'ai pris un congé parental.\nDepuis septembre 2023, je suis animatrice périscolaire.\n")
    assert [(i.kind, i.months) for i in screen(parental, [], [], TODAY).date_issues] == [("gap", 48)]
    searching = ("X\n\nDe septembre 2013 à février 2024, j'ai été assistante maternelle.\n"
                 "Depuis mars 2024, je me consacre à ma recherche d'emploi.\n")
    assert [(i.kind, i.months) for i in screen(searching, [], [], TODAY).date_issues] == [("gap", 33)]
    studies = ("X\n\nEXPÉRIENCE\n09/2022–06/2024 Licence STAPS, UFR de Dijon\n"
               "07/2023–08/2023 Surveillante de baignade, lac de Vaux\n")
    assert all(issue.kind != "overlap" for issue in screen(studies, [], [], TODAY).date_issues)


def test_a_break_told_about_oneself_is_a_gap_but_a_colleagues_leave_is_not():
    told = ("X\n\nParcours\nDe septembre 2012 à août 2020, j'ai travaillé à la trésorerie d'Auch.\n"
            "J'ai ensuite été placé en disponibilité pour convenances personnelles de septembre 2020 à "
            "février 2022.\nDepuis mars 2022, je suis au service de gestion comptable de Mirande.\n")
    assert [(i.kind, i.months) for i in screen(told, [], [], TODAY).date_issues] == [("gap", 18)]
    replacing = parse_cv("X\n\nEXPÉRIENCE\n01/2021 – 12/2022 : Remplacement d'une agente en congé "
                         "parental, crèche\n", TODAY)
    assert [a.kind for a in replacing.activities] == ["job"]


def test_a_year_only_period_counts_only_the_months_it_proves():
    cv = "X\n\nEXPÉRIENCE\n2018 – 2021 : Gestionnaire paie, Mairie de Lens\n"
    result = screen(cv, [parse_criterion("Expérience de 24 mois minimum en gestion de la paie")], [], TODAY)
    assert result.results[0].status == MET and "26 mois" in result.results[0].note   # 12/2018 to 01/2021
    assert result.date_issues == []        # too coarse for a gap or an overlap


def test_a_criterion_the_cv_is_silent_on_stays_not_stated():
    assert run(TABLE).results[3].status == NOT_STATED      # no permit written: not « non rempli »


def test_an_employers_place_on_a_job_line_is_read_a_candidates_town_is_not():
    job = "09/2020 – aujourd'hui : Gardien-brigadier – Police municipale de Vienne (38), 12 rue de la Paix, 38200 Vienne"
    assert readable_part(job) == job
    assert readable_part("Administrateur systèmes · Cognac (16) · Permis B") == "Administrateur systèmes · Permis B"


@pytest.mark.parametrize("heading", ["[FORMATIONS]", "=== FORMATION ===", "--- Formation ---", "## Formation"])
def test_a_decorated_heading_opens_its_section(heading):
    """An export's « [FORMATIONS] »: the evening course below it is a training, not a second job
    overlapping the first."""
    cv = parse_cv("X\n[EXPERIENCES]\n03/2019 - 06/2023 | Assistante comptable | Agence du Centre\n"
                  f"{heading}\n09/2022 - 06/2023 | DAEU A, obtenu | Université de Reims\n", month_index(2025, 9))
    assert [line.section for line in cv.usable_lines() if "DAEU" in line.text] == ["education"]
    assert len(cv.jobs) == 1


def test_a_double_dash_bullet_is_no_heading():
    cv = parse_cv("X\nEXPÉRIENCE\n2015 - 2020 : Gestionnaire paie, Mairie de Brest\n-- Formation des agents au logiciel\n"
                  "2020 - 2025 : Gestionnaire paie, CCAS de Brest\n", month_index(2025, 9))
    assert len(cv.jobs) == 2


def test_a_noun_before_de_keeps_its_e_so_the_domain_is_still_seen():
    """Feminine titles are folded (« commise de cuisine » is « commis »), not the nouns around them."""
    cv = "X\n\nEXPÉRIENCE\n09/2014 – aujourd'hui : Agent de maintenance des bâtiments, Commune de Lanvéroux\n"
    criterion = parse_criterion("3 ans d'expérience en maintenance ou travaux du bâtiment")
    assert screen(cv, [criterion], [], TODAY).results[0].status == MET



def test_a_line_repeating_titulaire_is_read_at_once():
    """The « since when a diploma is held » check looks a bounded way back: a hostile line stays linear."""
    cv = parse_cv("X\n\n" + "titulaire " * 20_000 + "depuis mars 2020\n", TODAY)
    assert cv.activities == []


def periods(text: str) -> list[tuple[str, str]]:
    from collectivia.recruitment.cv import month_label
    return [(month_label(a.start), month_label(a.end)) for a in parse_cv(text, TODAY).activities]


def test_year_month_dates_joined_by_a_slash_are_a_period():
    """An export's « 2014-05 / 2018-08 » and « 2018-09 / auj. » (one CV's whole career was unread)."""
    cv = ("X\n2018-09 / auj.     Chauffeur PL – Terrassements Brémaud, Cholet\n"
          "2014-05 / 2018-08  Chauffeur de BOM et ripeur – SIVOM des Mauges-Sud\n")
    assert periods(cv) == [("09/2018", "11/2026"), ("05/2014", "08/2018")]


def test_two_months_of_one_year_joined_by_et_are_a_period():
    cv = "X\nJ'ai découvert le métier de ripeur en juillet et août 2022, lors d'un remplacement d'été.\n"
    assert periods(cv) == [("07/2022", "08/2022")]


def test_a_training_told_in_a_sentence_is_no_job():
    """« je suis en formation au permis C » runs beside the jobs: its lines are no job experience."""
    cv = parse_cv("X\nDepuis avril 2025, je suis en formation au permis C au centre Ardennes Conduite Pro.\n", TODAY)
    assert [a.kind for a in cv.activities] == ["training"]


def test_volunteering_beside_a_job_is_no_overlap_of_two_jobs():
    cv = ("X\nEXPERIENCES\n* 2017-09 / 2020-12 | Vendeur multimédia | Culturama SAS\n"
          "* 2016-01 / 2019-06 | Bénévole | Bibliothèque associative Lire à Naintré\n")
    assert [i.kind for i in screen(cv, [], [], TODAY).date_issues if i.kind == "overlap"] == []


def test_a_break_written_like_a_job_line_is_still_a_gap():
    """« Avr. 2016 – août 2018 · Congé parental », « Depuis décembre 2023 : en recherche d'emploi », and a
    Europass period alone on its line with « Congé parental » below it are periods without activity."""
    for cv in ("X\nExpérience\nSept. 2018 – févr. 2021 · Électricienne · Lebrun Électricité\n"
               "Avr. 2016 – août 2018 · Congé parental\nSept. 2010 – mars 2016 · Technicienne · Eiffage\n",
               "X\nEXPÉRIENCES\nDepuis mars 2021 : en recherche d'emploi (fin de CDD)\n"
               "Juin 2018 – février 2021 : Électricien de maintenance\n",
               "X\nExpérience professionnelle\n10/2016 – présent\nRédactrice territoriale\n"
               "07/2014 – 09/2016\nCongé parental\n03/2006 – 06/2014\nAdjointe administrative\n"):
        assert [a.kind for a in parse_cv(cv, TODAY).activities if a.kind == "break"] == ["break"], cv


def test_months_with_two_digit_years_are_read_as_the_ends_of_a_period():
    cv = ("X\nEXPÉRIENCE\n09/18 – auj.   Gestionnaire comptable, Mairie de Chantereine\n"
          "01/10 – 08/18  Agent administratif des finances publiques\nFORMATION\n09/07 – 06/09  BTS CGO\n")
    assert periods(cv) == [("09/2018", "11/2026"), ("01/2010", "08/2018"), ("09/2007", "06/2009")]
    assert [(i.kind, i.months) for i in screen(cv, [], [], TODAY).date_issues] == [("gap", 6)]


def test_a_career_told_from_a_year_to_a_month_and_a_diploma_prepared_in_continuing_education():
    cv = ("X\nJ'ai travaillé de 2008 à mai 2023 comme vendeur en magasin de bricolage.\n"
          "Depuis octobre 2024, je prépare en formation continue le BPA Travaux des aménagements paysagers.\n")
    activities = parse_cv(cv, TODAY).activities
    assert [(a.kind, a.period_label()) for a in activities] == [("job", "12/2008-05/2023"),
                                                                  ("training", "10/2024-11/2026")]
    # « je prépare les rapports d'analyse des offres » is a job's task, not a training
    job = parse_cv("X\nDepuis septembre 2024, je suis gestionnaire des marchés : je prépare les rapports.\n", TODAY)
    assert [a.kind for a in job.activities] == ["job"]
