"""Dates as candidates write them: in letters, shortened, by season, in steps of one job.

A gap or an overlap is shown to the recruiter as a fact of the CV, to ask about at interview: it
must be there when the CV has one, and never invented from a date the screening misread.
"""

from __future__ import annotations

from collectivia.recruitment.cv import month_index, parse_cv
from collectivia.recruitment.screening import NOT_MET, date_issues
from collectivia.recruitment.written_dates import normalised

TODAY = month_index(2025, 9)


def issues(cv_text: str) -> list[tuple[str, str, str]]:
    """(kind, first month, last month) of each date issue of the CV (its first line is the name)."""
    def label(index: int) -> str:
        return f"{index % 12 + 1:02d}/{index // 12}"
    return [(i.kind, label(i.start), label(i.end)) for i in date_issues(parse_cv("Camille Martin\n" + cv_text, TODAY), TODAY)]


def test_years_in_letters_are_read_as_years():
    assert normalised("d'octobre deux mille onze à juin deux mille vingt et un", TODAY) == "d'octobre 2011 à juin 2021"
    assert normalised("de septembre mille neuf cent quatre-vingt-dix-neuf à juin deux mille", TODAY) \
        == "de septembre 1999 à juin 2000"
    assert normalised("depuis janvier deux mille dix-sept", TODAY) == "depuis janvier 2017"


def test_shortened_and_hyphenated_dates_are_read_as_months():
    assert normalised("janv.20 → juil.21 : agent EV", TODAY) == "janv. 2020 → juil. 2021 : agent EV"
    assert normalised("Avril 22 → ce jour", TODAY) == "Avril 2022 → ce jour"
    assert normalised("04-2018 → aujourd'hui", TODAY) == "04/2018 → aujourd'hui"
    assert normalised("3/18-11/19 : intérim", TODAY) == "03/18-11/19 : intérim"


def test_a_number_after_a_month_that_is_no_year_is_left_alone():
    assert normalised("mille neuf cent quatre vingt dix-huit", TODAY) == "1998"     # spaces as hyphens
    assert normalised("deux mille dix sept", TODAY) == "2017"
    for text in ("le 1er mai 22 h", "en juin 12 jours de congés", "mars 2020", "septembre 17h30-19h",
                 "janvier 20 000 usagers", "renfort élections 3/11-7/11"):
        assert normalised(text, TODAY) == text


def test_a_letter_with_years_in_letters_shows_its_gap():
    letter = ("Mon premier poste, de septembre deux mille onze à août deux mille quatorze, était à la piscine.\n"
              "Depuis janvier deux mille dix-sept, je suis maître-nageuse au stade nautique.\n")
    assert issues(letter) == [("gap", "09/2014", "12/2016")]


def test_a_break_to_raise_children_is_a_gap_not_a_job():
    letter = ("De septembre 2011 à août 2014, j'ai travaillé à la piscine de Brévanne.\n"
              "De septembre 2014 à décembre 2016, j'ai interrompu mon activité pour élever mes enfants.\n"
              "Depuis janvier 2017, je suis maître-nageuse au stade nautique.\n")
    assert issues(letter) == [("gap", "09/2014", "12/2016")]


def test_summer_seasons_are_one_job_each_year():
    cv = ("Intitulé : Professeure d'EPS contractuelle\nPériode : 09/2021 - 06/2023\n\n"
          "Intitulé : Maître-nageuse saisonnière\nPériode : saisons 2022 et 2023 (juillet-août)\n\n"
          "Intitulé : Maître-nageuse\nPériode : 10/2023 - en cours\n")
    assert issues(cv) == [("overlap", "07/2022", "08/2022")]


def test_a_promotion_inside_a_job_is_no_second_job():
    cv = ("EXPÉRIENCES\n"
          "Depuis 02/2017   Ville de Montcabrier — Centre technique municipal\n"
          "                 Agent de voirie (2017-2020), puis chef d'équipe voirie depuis 01/2021\n"
          "09/2014 – 01/2017   Routes & Réseaux de l'Ouest — Manœuvre travaux publics\n")
    assert issues(cv) == []


def test_a_table_row_that_continues_the_one_above_is_no_second_job():
    cv = ("| Période | Poste | Organisme |\n"
          "| 01/2023 – en cours | Chargé de la commande publique | Syndicat mixte |\n"
          "| 01/2023 – en cours | (suite) | idem |\n"
          "| 06/2017 – 12/2022 | Conseiller en approvisionnement | Municipalité de Saint-Aurèle |\n")
    assert issues(cv) == []


def test_studies_told_in_a_sentence_or_inline_are_no_job():
    compact = ("FORM. : M2 Droit public des contrats (alternance, 09/2024-09/2025)\n"
               "EXP. : 09/2024-auj. apprenti chargé des marchés, Ville de Bréval\n")
    assert issues(compact) == []
    letter = ("Depuis janvier 2021, je suis agente d'accueil à la mairie.\n"
              "D'octobre 2023 à mai 2024, j'ai suivi la préparation au concours de rédacteur territorial.\n")
    assert issues(letter) == []


def test_a_job_still_held_says_so_in_many_ways():
    assert issues("| 04/2017 – en poste | ASVP | Commune de Saint-Orens |\n") == []
    letter = ("De septembre 2016 à juin 2019, j'ai été agente d'entretien à la maison de retraite.\n"
              "Après une période de chômage, j'ai repris en mai 2020 comme agente polyvalente, où je suis toujours.\n")
    assert issues(letter) == [("gap", "07/2019", "04/2020")]


def test_volunteering_does_not_fill_a_gap():
    letter = ("De mars 2014 à août 2023, j'ai été conseiller de vente.\n"
              "Depuis janvier 2024, j'anime bénévolement un atelier smartphone à l'association.\n"
              "Depuis juin 2025, je suis en formation Conseiller numérique au Greta.\n")
    assert issues(letter) == [("gap", "09/2023", "05/2025")]


def test_a_certificate_is_dated_by_its_own_item_of_a_list():
    from collectivia.recruitment.criteria import parse_criterion
    from collectivia.recruitment.screening import screen
    afgsu = parse_criterion("AFGSU niveau 2 en cours de validité",
                            "Rempli si l'AFGSU de niveau 2 est obtenue ou recyclée en 10/2021 ou après (validité 4 ans).",
                            True)
    cv = "Camille Martin\nFORMATION\nFORM. CONTINUE : AFGSU niv. 2 (04/2021) · Motricité libre (2022)\n"
    assert screen(cv, [afgsu], [], TODAY).results[0].status == NOT_MET
    caces = parse_criterion("CACES R482 catégorie A en cours de validité",
                            "CACES R482 A ou ancien R372m catégorie 1, obtenu ou recyclé en 10/2015 ou après.", True)
    letter = ("Camille Martin\nJ'ai passé le CACES R372m catégorie 1 (mini-pelle) en juin deux mille quinze.\n")
    assert screen(letter, [caces], [], TODAY).results[0].status == NOT_MET
    sst = parse_criterion("Certificat SST en cours de validité", "", True)
    renewed = "Camille Martin\nFORMATION\nCertificat SST obtenu en 03/2025 (à renouveler en 03/2027)\n"
    assert screen(renewed, [sst], [], TODAY).results[0].met      # the date it is due, not a lapse


def test_a_driving_licence_without_category_is_the_car_licence():
    from collectivia.recruitment.criteria import parse_criterion
    from collectivia.recruitment.screening import screen
    permit = parse_criterion("Permis B", "", True)
    assert screen("Camille Martin\nLangues : anglais B1\nPermis de conduire\n", [permit], [], TODAY).results[0].met
    for below in ("Non", "En cours – examen prévu en novembre 2025", "A2 (moto) uniquement"):
        heading = f"Camille Martin\nPERMIS DE CONDUIRE\n{below}\n"
        assert not screen(heading, [permit], [], TODAY).results[0].met, below


def test_a_job_told_beside_children_studies_or_volunteers_stays_a_job():
    assert issues("De septembre 2016 à juin 2019, j'ai travaillé à mi-temps comme secrétaire de mairie, "
                  "pour m'occuper de mes enfants.\nDepuis juillet 2019, je suis adjointe à la mairie de Lormont.\n") == []
    assert issues("J'ai arrêté mon activité de libraire en mars 2018 et j'ai été recrutée en avril 2018 "
                  "à la médiathèque, où je travaille toujours.\n") == []
    assert issues("03/2016 – 08/2023  Coordinatrice des bénévoles, Restos du Cœur (CDI)\n"
                  "09/2023 – en cours  Chargée de mission, Mairie de Lormont\n") == []
    assert parse_cv("Camille Martin\nDe mars 2016 à juin 2020, j'ai été agent d'entretien au collège, "
                    "où j'ai suivi une formation HACCP.\n", TODAY).activities[0].kind == "job"


def test_studies_taken_up_again_are_no_second_job():
    letter = ("J'ai repris mes études en septembre 2023 à l'université de Bordeaux, où je suis toujours inscrite.\n"
              "Depuis octobre 2023, je suis aussi caissière le week-end.\n")
    assert issues(letter) == []


def test_several_steps_inside_one_job_and_a_concurrent_row_marked_idem():
    steps = ("Depuis 02/2015   Ville de Montcabrier\n"
             "                 Agent de voirie de 02/2015 à 12/2018\n"
             "                 Chef d'équipe de 01/2019 à 12/2021\n"
             "                 Responsable de secteur depuis 01/2022\n")
    assert issues(steps) == []
    table = ("| 01/2015 – en cours | Animatrice | Mairie de Lormont |\n"
             "| 03/2018 – 06/2019 | Animatrice périscolaire (cumul) | idem |\n")
    assert issues(table) == [("overlap", "03/2018", "06/2019")]


def test_a_season_still_running_runs_to_today():
    cv = ("01/2020 – 04/2024 Agent d'accueil, Office de tourisme\n"
          "Agent d'accueil du camping municipal, saisons 2024 et 2025 (mai à octobre)\n")
    assert issues(cv) == [("gap", "11/2024", "04/2025")]


def test_long_lists_of_years_are_read_in_linear_time():
    import time
    started = time.perf_counter()
    parse_cv("Camille Martin\n" + "2019, " * 20000, TODAY)
    assert time.perf_counter() - started < 5
