"""Shadow AI: a proxy log becomes monthly counts by direction and service, never per person."""

from __future__ import annotations

import gzip
import io
import random
from collections import Counter, defaultdict

import pytest
from sqlalchemy import select

from collectivia.core.confidentiality import MIN_GROUP
from collectivia.core.errors import Forbidden, InvalidInput
from collectivia.core.models import Service
from collectivia.core.roles import Role
from collectivia.core.users import UserForm, create_user, find_by_login
from collectivia.governance import shadow, shadow_report
from collectivia.governance.models import ShadowCount, ShadowImport
from support import csrf_of, others_write_while_files_are_read, text_of

AI_HOSTS = {"chatgpt.com": "ChatGPT (OpenAI)", "www.chatgpt.com": "ChatGPT (OpenAI)",
            "chat.mistral.ai": "Le Chat (Mistral AI)", "gemini.google.com": "Gemini (Google)",
            "www.perplexity.ai": "Perplexity"}
OTHER_HOSTS = ["www.service-public.fr", "google.com", "mail.google.com", "notchatgpt.com",
               "chatgpt.com.evil.example", "intranet.admiville.fr"]
BAD_LINES = ["pas de séparateur ici", "2026-13-01T10:00:00;agent;chatgpt.com",
             "hier à midi;agent;chatgpt.com", "2026-03-01T10:00:00;;chatgpt.com",
             "2026-03-01T10:00:00;agent"]


def add_staff(session, direction_code: str, service_name: str, prefix: str, count: int) -> list[str]:
    service = session.execute(select(Service).where(Service.name == service_name)).scalar_one()
    assert service.direction.code == direction_code
    logins = []
    for i in range(count):
        login = f"{prefix}{i}"
        create_user(session, None, UserForm(login=login, full_name=f"Agent {prefix} {i}", role="agent",
                                            service_id=service.id, email=f"{login}@admiville.fr",
                                            password="mot-de-passe-solide"), system=True)
        logins.append(login)
    return logins


def generated_log(session, lines: int = 20_000, seed: int = 3):
    """A log with known answers: (bytes, expected connections by (month, direction), malformed)."""
    rng = random.Random(seed)
    culture = add_staff(session, "CUL", "Médiathèque", "culture", 6)
    police = add_staff(session, "PM", "Police municipale", "police", 2)
    people = ([(login, "Culture") for login in culture]
              + [(f"{login}@admiville.fr", "Police municipale") for login in police]
              + [("ADMIVILLE\\agent", "Accueil-population"), ("Inconnu.Externe", "Direction inconnue")]
              + [(f"10.0.0.{i}", "Direction inconnue") for i in range(1, 11)])
    expected = Counter()
    by_service = Counter()
    users = defaultdict(set)
    out = ["date;utilisateur;hote"]
    malformed = 0
    for n in range(lines):
        if n % 997 == 0:
            out.append(BAD_LINES[malformed % len(BAD_LINES)])
            malformed += 1
            continue
        month = rng.choice(["2026-03", "2026-04"])
        who, direction = rng.choice(people)
        stamp = f"{month}-{rng.randint(10, 28)}T{rng.randint(10, 19)}:00:00"
        if rng.random() < 0.3:
            host = rng.choice(sorted(AI_HOSTS))
            expected[(month, direction)] += 1
            by_service[(month, AI_HOSTS[host])] += 1
            users[(month, direction)].add(who)
            host = rng.choice([host, f"https://{host}/c/123", f"{host}:443", host.upper()])
        else:
            host = rng.choice(OTHER_HOSTS)
        out.append(f"{stamp};{who};{host}")
    return ("\n".join(out) + "\n").encode(), expected, by_service, users, malformed


def stored(session, record, kind):
    return {(c.month, c.label): (c.connections, c.distinct_users) for c in session.execute(
        select(ShadowCount).where(ShadowCount.import_id == record.id, ShadowCount.kind == kind)
    ).scalars()}


def test_a_generated_log_gives_exact_counts_by_month_direction_and_service(session):
    data, expected, by_service, users, malformed = generated_log(session)
    referent = find_by_login(session, "referent")
    record = shadow.import_log(session, referent, io.BytesIO(data), "proxy.csv")
    assert record.lines_total == 20_000
    assert record.lines_malformed == malformed
    assert record.lines_matched == sum(expected.values())
    by_direction = stored(session, record, "direction")
    assert {k: v[0] for k, v in by_direction.items()} == dict(expected)
    assert {k: v[1] for k, v in by_direction.items()} == {k: len(v) for k, v in users.items()}
    assert {k: v[0] for k, v in stored(session, record, "service").items()} == dict(by_service)


def test_the_report_never_shows_a_group_of_fewer_than_five_people(session):
    data, expected, *_ = generated_log(session)
    record = shadow.import_log(session, find_by_login(session, "referent"), io.BytesIO(data), "p.csv")
    _, months = shadow_report.report(session, find_by_login(session, "representant"), record.id)
    march = next(m for m in months if m.month == "2026-03")
    labels = {r.label: r for r in march.rows}
    assert labels["Direction inconnue"].connections == expected[("2026-03", "Direction inconnue")]
    assert labels["Direction inconnue"].users == 11
    assert all(r.users >= MIN_GROUP for r in march.rows)
    # Police (2 people) and Accueil (1) make only 3: Culture (6), the next smallest, joins them
    assert set(labels) == {"Direction inconnue", "Autres directions regroupées"}
    merged = labels["Autres directions regroupées"]
    assert (merged.users, merged.merged) == (9, 3)
    assert merged.connections == sum(expected[("2026-03", d)] for d in
                                     ("Culture", "Police municipale", "Accueil-population"))
    assert march.total_connections == sum(v for (m, _), v in expected.items() if m == "2026-03")


def test_small_groups_are_merged_until_the_merge_itself_is_large_enough():
    rows = shadow_report.protect_small_groups([("A", 100, 12), ("B", 40, 6), ("C", 9, 1), ("D", 3, 2)],
                                       "Autres")
    assert [(r.label, r.connections, r.users, r.merged) for r in rows] == [
        ("A", 100, 12, 0), ("Autres", 52, 9, 3)]
    alone = shadow_report.protect_small_groups([("A", 7, 2), ("B", 5, 1)], "Autres")
    assert [(r.label, r.connections, r.users) for r in alone] == [("Autres", None, None)]


def test_a_small_commune_is_reported_as_a_whole_with_the_month_trend_and_the_reason(session):
    """Three agents per direction and most lines logged by IP: a direction table would say nothing."""
    add_staff(session, "CUL", "Médiathèque", "culture", 3)
    lines = ["date;utilisateur;hote"]
    for month, repeat in (("2026-03", 2), ("2026-04", 3)):
        for i in range(1, 10):            # nine workstations known only by their IP address
            lines += [f"{month}-10T10:00:00;10.0.0.{i};chatgpt.com"] * repeat
        lines += [f"{month}-11T10:00:00;culture{i};chat.mistral.ai" for i in range(3)] * repeat
        lines += [f"{month}-12T10:00:00;agent;chatgpt.com"] * repeat
    record = shadow.import_log(session, find_by_login(session, "referent"),
                               io.BytesIO("\n".join(lines).encode()), "commune.csv")
    _, months = shadow_report.report(session, find_by_login(session, "representant"), record.id)
    level = shadow_report.aggregation(months)
    assert level.whole_collectivite
    assert round(level.unknown_share, 2) == 0.69          # 9 of 13 connections a month
    assert "ensemble de la collectivité" in level.reason
    assert "adresse IP" in level.reason                    # and what would give more detail
    assert [(m.total_connections, m.total_users) for m in months] == [(26, 13), (39, 13)]
    assert months[0].change is None and months[1].change == 0.5


def test_agents_logged_under_their_directory_account_are_counted_in_their_direction(session):
    """A proxy logs the directory account, not the platform login: the matricule of the staff
    table, or the name before the @ of the agent's e-mail, still finds the direction."""
    service = session.execute(select(Service).where(Service.name == "Médiathèque")).scalar_one()
    create_user(session, None, UserForm(login="lmartin", full_name="Léa Martin", role="agent",
                                        service_id=service.id, email="lea.martin@admiville.fr",
                                        password="mot-de-passe-solide"), system=True)
    log = ("date;utilisateur;hote\n"
           "2026-05-04T09:00:00;ADMIVILLE\\00101;chatgpt.com\n"   # matricule, Direction générale
           "2026-05-04T09:05:00;lea.martin;chat.mistral.ai\n"       # e-mail name, Culture
           "2026-05-04T09:10:00;10.0.0.7;chatgpt.com\n")            # an IP stays unknown
    record = shadow.import_log(session, find_by_login(session, "referent"), io.BytesIO(log.encode()),
                               "annuaire.csv")
    assert stored(session, record, "direction") == {
        ("2026-05", "Direction générale"): (1, 1), ("2026-05", "Culture"): (1, 1),
        ("2026-05", "Direction inconnue"): (1, 1)}


def test_admiville_sees_its_directions_with_few_connections_of_unknown_direction(session):
    """The demo commune's proxy logs most agents by matricule: the report is by direction, every
    shown group has at least five people, and unknown directions are the IP-only workstations."""
    _, months = shadow_report.report(session, find_by_login(session, "referent"))
    level = shadow_report.aggregation(months)
    assert not level.whole_collectivite
    assert level.unknown_share < 0.2
    for month in months:
        shown = [row for row in month.rows if row.users is not None]
        assert len(shown) >= 3
        assert all(row.users >= MIN_GROUP for row in shown)


def test_a_large_collectivite_keeps_its_direction_table():
    big = shadow_report.MonthReport("2026-03", 130, 40, shadow_report.protect_small_groups(
        [("Culture", 80, 20), ("Finances", 40, 15), ("Direction inconnue", 10, 5)], "Autres"),
        unknown_connections=10)
    level = shadow_report.aggregation([big])
    assert not level.whole_collectivite and level.reason == ""
    assert round(level.hidden_share, 2) == 0.08


def test_malformed_lines_are_counted_with_their_number_never_their_content(session):
    log = "\n".join(["2026-05-02 09:00:00,agent,chatgpt.com", "n'importe quoi",
                     "1778000000.5,10.1.1.1,claude.ai", "02/05/2026 10:00,dpo,https://gemini.google.com/app",
                     "2026-05-02,,chatgpt.com", ""]).encode()
    record = shadow.import_log(session, find_by_login(session, "dpo"), io.BytesIO(log), "l.csv")
    assert (record.lines_total, record.lines_malformed, record.lines_matched) == (5, 2, 3)
    assert record.malformed_examples == [{"ligne": 2, "motif": "1 champ au lieu de 3"},
                                         {"ligne": 5, "motif": "utilisateur ou hôte manquant"}]


def test_a_header_names_the_columns_in_any_order(session):
    log = b"host\tclient_ip\ttimestamp\nchat.mistral.ai\t10.0.0.1\t2026-06-01T08:00:00\n"
    record = shadow.import_log(session, find_by_login(session, "dpo"), io.BytesIO(log), "t.tsv")
    assert record.lines_matched == 1 and record.lines_malformed == 0
    assert stored(session, record, "direction") == {("2026-06", "Direction inconnue"): (1, 1)}


def test_a_log_of_garbage_is_refused_and_nothing_is_stored(session):
    before = session.execute(select(ShadowImport)).scalars().all()
    with pytest.raises(InvalidInput, match="Aucune ligne n'est au format attendu"):
        shadow.import_log(session, find_by_login(session, "dpo"), io.BytesIO(b"a\nb\n"), "x.csv")
    with pytest.raises(InvalidInput, match="vide"):
        shadow.import_log(session, find_by_login(session, "dpo"), io.BytesIO(b""), "x.csv")
    with pytest.raises(InvalidInput, match="compressé"):
        shadow.import_log(session, find_by_login(session, "dpo"), io.BytesIO(b"not gzip"), "x.csv.gz")
    assert session.execute(select(ShadowImport)).scalars().all() == before


def test_agents_cannot_import_logs(session):
    with pytest.raises(Forbidden):
        shadow.import_log(session, find_by_login(session, "agent"), io.BytesIO(b""), "x.csv")


def test_the_watched_domain_list_is_editable_and_checked(session):
    referent = find_by_login(session, "referent")
    assert "chatgpt.com" in shadow.watched_domains(session)  # shipped default
    with pytest.raises(InvalidInput, match="Ligne 2"):
        shadow.save_domains(session, referent, "claude.ai ; Claude\nnot a domain ; X")
    shadow.save_domains(session, referent, "# ours\n*.nouvelle-ia.example ; Nouvelle IA\n")
    assert shadow.watched_domains(session) == {"nouvelle-ia.example": "Nouvelle IA"}
    log = b"2026-07-01T10:00:00;agent;app.nouvelle-ia.example\n2026-07-01T10:00:00;agent;chatgpt.com\n"
    record = shadow.import_log(session, referent, io.BytesIO(log), "x.csv")
    assert record.lines_matched == 1


def test_the_referent_uploads_a_gzipped_log_and_sees_aggregates_only(client, login, demo_database):
    with demo_database.session() as s:
        data, *_ = generated_log(s, lines=3000)
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, "/gouvernance/ia-fantome")
    response = client.post("/gouvernance/ia-fantome", data={"csrf_token": token}, files={
        "fichier": ("proxy-mars.csv.gz", gzip.compress(data), "application/gzip")})
    page = text_of(response)
    assert response.status_code == 200
    assert "Journal importé : 3\u202f000 lignes" in page
    assert "mal formées ignorées" in page or "mal formée ignorée" in page
    # Twelve people of unknown direction and three small directions: too little to split by direction
    assert "Ensemble de la collectivité" in page and "Évolution sur un mois" in page
    assert "Autres directions regroupées" not in page
    assert "culture0" not in page and "10.0.0.1" not in page and "police0" not in page


def test_the_import_message_agrees_with_its_counts(client, login, demo_database):
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, "/gouvernance/ia-fantome")
    response = client.post("/gouvernance/ia-fantome", data={"csrf_token": token}, files={
        "fichier": ("une-ligne.csv", b"2026-07-01T10:00:00;agent;chatgpt.com\n", "text/csv")})
    assert "Journal importé : 1 ligne, 1 connexion à une IA grand public." in text_of(response)


def test_other_users_keep_working_while_a_log_is_counted(client, login, demo_database,
                                                        monkeypatch):
    # counting a large log takes up to a minute and a half: no one else waits for it
    with demo_database.session() as s:
        data, *_ = generated_log(s, lines=300)
    writes = others_write_while_files_are_read(monkeypatch, demo_database)
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, "/gouvernance/ia-fantome")
    response = client.post("/gouvernance/ia-fantome", data={"csrf_token": token},
                           files={"fichier": ("proxy-avril.csv", data, "text/csv")})
    assert "Journal importé : 300 lignes" in text_of(response)
    assert len(writes) == 1 and writes[0] < 2


def test_the_command_line_counts_a_large_log_while_the_server_goes_on(demo_database, monkeypatch,
                                                                     tmp_path):
    from typer.testing import CliRunner

    from collectivia.cli import app as cli
    from collectivia.governance import cli as governance_cli

    with demo_database.session() as s:
        data, *_ = generated_log(s, lines=300)
    log = tmp_path / "proxy-avril.csv"
    log.write_bytes(data)
    monkeypatch.setattr(governance_cli, "_database", lambda: demo_database)
    writes = others_write_while_files_are_read(monkeypatch, demo_database)
    result = CliRunner().invoke(cli, ["governance", "shadow-import", str(log)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Import n° ")
    assert len(writes) == 1 and writes[0] < 2


def test_a_log_refused_once_read_stores_nothing_and_says_why(client, login, demo_database):
    with demo_database.session() as s:
        before = s.execute(select(ShadowImport.id)).scalars().all()
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, "/gouvernance/ia-fantome")
    response = client.post("/gouvernance/ia-fantome", data={"csrf_token": token},
                           files={"fichier": ("proxy.csv", b"a\nb\n", "text/csv")})
    assert response.status_code == 422
    assert "Aucune ligne n'est au format attendu" in text_of(response)
    with demo_database.session() as s:
        assert s.execute(select(ShadowImport.id)).scalars().all() == before


def test_a_missing_file_is_a_clear_error(client, login):
    login(client, Role.DPO)
    token = csrf_of(client, "/gouvernance/ia-fantome")
    response = client.post("/gouvernance/ia-fantome", data={"csrf_token": token})
    assert response.status_code == 422
    assert "Choisissez le fichier journal" in text_of(response)


def test_an_oversized_field_or_a_broken_quote_does_not_stop_the_import():
    matcher = shadow.DomainMatcher(shadow.shipped_domains())
    resolver = shadow.DirectionResolver({})
    log = ("2026-01-01;a;chatgpt.com\n2026-01-01;" + "x" * 200_000 + ";chatgpt.com\n"
           "2026-01-02;b;claude.ai\n2026-01-01;\"c;chatgpt.com\n")
    tally = shadow.tally_lines(io.StringIO(log), matcher, resolver)
    assert (tally.lines_total, tally.lines_malformed, tally.lines_matched) == (4, 2, 2)
    assert [e["motif"] for e in tally.examples] == ["ligne CSV illisible", "2 champs au lieu de 3"]
