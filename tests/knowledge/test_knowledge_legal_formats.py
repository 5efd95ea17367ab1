"""Reading Légifrance's two official channels: the LEGI XML export and the PISTE API.

Both give the same articles — id, number, text, section path, version dates and
status — so the knowledge base cannot tell which channel a version came from.
The fixtures are small files written in those formats (tests/knowledge/
legal_fixtures/README.md); nothing here touches the network.
"""

from __future__ import annotations

import io
import json
import tarfile
from datetime import date
from pathlib import Path

import httpx
import pytest

from collectivia.core.errors import InvalidInput
from collectivia.knowledge.legal import legi, piste
from collectivia.knowledge.legal.articles import article_number, html_to_text, legal_date

FIXTURES = Path(__file__).parent / "legal_fixtures"
CGFP = "LEGITEXT000044416551"
DECRET_85_1250 = "JORFTEXT000000690444"


def versions_of(text, number):
    return sorted((a for a in text.articles if a.number == number), key=lambda a: a.valid_from)


def test_a_code_article_modified_by_a_law_keeps_both_versions_with_their_dates():
    [code] = legi.read_path(FIXTURES / "legi" / "cgfp")
    before, after = versions_of(code, "L822-3")
    assert code.legal_id == CGFP and code.is_code
    assert code.title == "Code général de la fonction publique"
    assert (before.valid_from, before.valid_until, before.status) == (date(2022, 3, 1),
                                                                      date(2025, 3, 1), "MODIFIE")
    assert (after.valid_from, after.valid_until, after.status) == (date(2025, 3, 1), None, "VIGUEUR")
    assert "1° Pendant trois mois, l'intégralité de son traitement ;" in before.text
    assert "1° Pendant trois mois, 90 % de son traitement ;" in after.text
    assert after.legal_id == "LEGIARTI000051205001"
    # the headings above it, without the "Partie législative" level the shipped code omits too
    assert after.section[0].startswith("Livre VIII")
    assert after.section[-1] == "Section 1 : Congés de maladie"


def test_a_decret_gets_its_full_title_and_numbers_as_they_are_cited():
    [decret] = legi.read_path(FIXTURES / "legi" / "decret_85_1250")
    assert decret.legal_id == DECRET_85_1250 and not decret.is_code
    assert decret.title == ("Décret n° 85-1250 du 26 novembre 1985 relatif aux congés annuels des "
                            "fonctionnaires territoriaux")
    assert sorted(a.number for a in decret.articles) == ["1", "3", "6"]     # "1er" is article 1
    first = versions_of(decret, "1")[0]
    assert "cinq fois ses obligations hebdomadaires de service" in first.text
    assert "\n\nUn jour de congé supplémentaire" in first.text           # paragraphs kept


def test_a_repealed_article_says_so_and_when():
    [decret] = legi.read_path(FIXTURES / "legi" / "decret_85_1250")
    [repealed] = versions_of(decret, "6")
    assert repealed.status == "ABROGE" and repealed.ended_without_successor
    assert repealed.valid_until == date(2024, 1, 1)


def test_a_dila_archive_is_read_in_memory_and_dated_by_its_name(tmp_path):
    archive = tmp_path / "LEGI_20250715-213000.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for file in (FIXTURES / "legi").rglob("*.xml"):
            tar.add(file, arcname=f"legi/global/code_et_TNC_en_vigueur/{file.parent.name}/{file.name}")
    texts = {t.legal_id: t for t in legi.read_path(archive)}
    assert set(texts) == {CGFP, DECRET_85_1250}
    assert texts[CGFP].version_date == date(2025, 7, 15)
    only_code = legi.read_path(archive, wanted={CGFP})
    assert [t.legal_id for t in only_code] == [CGFP]


def test_hostile_or_broken_xml_is_refused_with_a_french_reason(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx">'
                    '<!ENTITY y "&x;&x;&x;&x;">]><ARTICLE>&y;</ARTICLE>')
    with pytest.raises(InvalidInput, match="entités XML"):
        legi.read_path(bomb)
    external = b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://example.org/a.dtd"><ARTICLE/>'
    assert legi.parse_xml(external).tag == "ARTICLE"      # parsed, the DTD never fetched
    broken = tmp_path / "broken.xml"
    broken.write_text("<ARTICLE><META>")
    with pytest.raises(InvalidInput, match="n'est pas un XML valide"):
        legi.read_path(broken)
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(InvalidInput, match="ni un fichier XML LEGI"):
        legi.read_path(pdf)
    with pytest.raises(InvalidInput, match="n'existe pas"):
        legi.read_path(tmp_path / "absent.xml")


def test_an_oversized_file_in_an_archive_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(legi, "MAX_FILE_BYTES", 100)
    archive = tmp_path / "LEGI_20250715-213000.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = (FIXTURES / "legi" / "cgfp" / "LEGIARTI000051205001.xml").read_bytes()
        info = tarfile.TarInfo("legi/LEGIARTI000051205001.xml")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(InvalidInput, match="dépasse"):
        legi.read_path(archive)


def test_legifrance_dates_numbers_and_html_read_the_same_from_both_channels():
    assert legal_date(1740787200000) == date(2025, 3, 1)            # API: milliseconds
    assert legal_date("2025-03-01T00:00:00.000+0000") == date(2025, 3, 1)
    assert legal_date("2999-01-01") is None and legal_date(32472144000000) is None
    assert article_number("L. 822-3") == "L822-3" and article_number("1er") == "1"
    assert html_to_text("<p>Un&nbsp;;</p><p>Deux <b>gras</b></p>") == "Un ;\n\nDeux gras"


def piste_transport(calls: list, tokens: list[str] | None = None) -> httpx.MockTransport:
    """A PISTE stand-in: the OAuth server and the Légifrance API, answering from fixtures."""
    tokens = tokens if tokens is not None else ["jeton-1"]

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append((request.url.path, request.headers.get("authorization"),
                      request.content.decode()))
        if request.url.path.endswith("/oauth/token"):
            if b"client_secret=secret" not in request.content:
                return httpx.Response(401, json={"error": "invalid_client"})
            return httpx.Response(200, json={"access_token": tokens.pop(0) if tokens else "jeton-n",
                                             "token_type": "Bearer", "expires_in": 3600})
        if request.headers.get("authorization") == "Bearer perime":
            return httpx.Response(401)
        name = request.url.path.rsplit("/", 1)[-1]
        body = json.loads(request.content)
        if name == "legiPart" and body["textId"] == DECRET_85_1250:
            return httpx.Response(200, content=(FIXTURES / "piste" /
                                                "consult_legiPart_85_1250.json").read_bytes())
        if name == "getArticle":
            return httpx.Response(200, content=(
                FIXTURES / "piste" / f"consult_getArticle_{body['id']}.json").read_bytes())
        return httpx.Response(404)
    return httpx.MockTransport(answer)


def test_piste_gives_the_decret_in_force_on_the_date_asked_with_the_collectivite_s_credentials():
    calls: list = []
    client = piste.PisteClient("collectivite", "secret", transport=piste_transport(calls))
    decret = client.consult(DECRET_85_1250, date(2025, 6, 1), is_code=False)
    assert decret.complete and decret.version_date == date(2025, 6, 1)
    assert [a.number for a in decret.articles] == ["1", "3"]
    assert decret.articles[0].valid_from == date(1985, 11, 30)
    assert "31 octobre" in decret.articles[0].text                   # &nbsp; read as a space
    token_call, api_call = calls
    assert token_call[0] == "/api/oauth/token"
    assert api_call[0].endswith("/consult/legiPart") and api_call[1] == "Bearer jeton-1"
    assert json.loads(api_call[2]) == {"textId": DECRET_85_1250, "date": "2025-06-01"}


def test_piste_tells_when_an_article_was_repealed():
    client = piste.PisteClient("collectivite", "secret", transport=piste_transport([]))
    history = client.get_article("LEGIARTI000006140006")
    assert history.version.status == "ABROGE" and history.version.valid_until == date(2024, 1, 1)
    assert history.text_id == DECRET_85_1250


def test_an_expired_token_is_renewed_once_and_bad_credentials_get_a_french_error():
    calls: list = []
    client = piste.PisteClient("collectivite", "secret",
                               transport=piste_transport(calls, ["perime", "jeton-2"]))
    client.consult(DECRET_85_1250, date(2025, 6, 1), is_code=False)
    assert [c[1] for c in calls if "legiPart" in c[0]] == ["Bearer perime", "Bearer jeton-2"]
    wrong = piste.PisteClient("collectivite", "faux", transport=piste_transport([]))
    with pytest.raises(piste.LegifranceUnavailable, match="refusé les identifiants"):
        wrong.consult(DECRET_85_1250, date(2025, 6, 1), is_code=False)
    with pytest.raises(piste.LegifranceUnavailable, match="Identifiants PISTE absents"):
        piste.PisteClient("", "")
