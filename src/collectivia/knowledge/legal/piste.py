"""The Légifrance API through PISTE, with the collectivité's own OAuth client credentials.

Documented by the DILA on PISTE (see data/SOURCES.md): a token from the OAuth
server (`grant_type=client_credentials`, `scope=openid`), then JSON POSTs to
the `lf-engine-app` API: `consult/code` (a code in force on a date: nested
`sections` with their `title`, `articles` with `id`, `num`, `content` (HTML),
`etat`, `dateDebut`, `dateFin`), `consult/legiPart` (the same for a décret or
another LEGI text) and `consult/getArticle` (one article version, with the
list of all its versions). Dates come as ISO strings or milliseconds.

A consultation returns every article in force on the date asked, so an
article of the base missing from it was repealed: `complete` says so to the
store. Nothing here writes to the database, and every failure becomes one
French message for the operator.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

import httpx

from collectivia.core.errors import CollectiviaError
from collectivia.knowledge.legal.articles import (ENDED, NEVER_IN_FORCE, ArticleVersion,
                                                  LegalText, article_number, html_to_text,
                                                  legal_date)

API_URL = "https://api.piste.gouv.fr/dila/legifrance/lf-engine-app"
OAUTH_URL = "https://oauth.piste.gouv.fr/api/oauth/token"
MAX_ARTICLES = 20_000
TOP_LEVEL = ("partie législative", "partie réglementaire")


class LegifranceUnavailable(CollectiviaError):
    """PISTE refused the credentials, did not answer, or answered something unreadable."""

    status_code = 502


@dataclass
class ArticleHistory:
    """`consult/getArticle`: the version asked for and the dates of all its versions."""

    version: ArticleVersion
    text_id: str
    versions: list[ArticleVersion]


class PisteClient:
    """A small synchronous client; `transport` lets the tests answer in place of PISTE."""

    def __init__(self, client_id: str, client_secret: str, *, api_url: str = API_URL,
                 oauth_url: str = OAUTH_URL, timeout: float = 60.0,
                 transport: httpx.BaseTransport | None = None):
        if not client_id or not client_secret:
            raise LegifranceUnavailable(
                "Identifiants PISTE absents : renseignez COLLECTIVIA_LEGIFRANCE_CLIENT_ID et "
                "COLLECTIVIA_LEGIFRANCE_CLIENT_SECRET (application de la collectivité sur "
                "piste.gouv.fr, API Légifrance).")
        self.client_id, self.client_secret = client_id, client_secret
        self.api_url, self.oauth_url = api_url.rstrip("/"), oauth_url
        self.http = httpx.Client(timeout=timeout, transport=transport)
        self._token: tuple[str, float] | None = None

    @classmethod
    def from_settings(cls, settings, transport: httpx.BaseTransport | None = None) -> PisteClient:
        return cls(settings.legifrance_client_id, settings.legifrance_client_secret,
                   api_url=settings.legifrance_api_url, oauth_url=settings.legifrance_oauth_url,
                   transport=transport)

    def close(self) -> None:
        self.http.close()

    def token(self) -> str:
        if self._token and self._token[1] > time.monotonic():
            return self._token[0]
        try:
            response = self.http.post(self.oauth_url, data={
                "grant_type": "client_credentials", "client_id": self.client_id,
                "client_secret": self.client_secret, "scope": "openid"})
        except httpx.HTTPError as exc:
            raise LegifranceUnavailable(f"Le serveur d'authentification PISTE ne répond pas "
                                        f"({type(exc).__name__}).") from exc
        if response.status_code != 200:
            raise LegifranceUnavailable(f"PISTE a refusé les identifiants de la collectivité "
                                        f"(HTTP {response.status_code}).")
        body = self._json(response)
        token = body.get("access_token")
        if not token:
            raise LegifranceUnavailable("PISTE n'a pas renvoyé de jeton d'accès.")
        self._token = (token, time.monotonic() + max(int(body.get("expires_in", 3600)) - 60, 30))
        return token

    def post(self, path: str, body: dict) -> dict:
        """One API call; a token refused once (expired) is renewed and the call retried."""
        for attempt in (1, 2):
            try:
                response = self.http.post(f"{self.api_url}/{path}", json=body, headers={
                    "Authorization": f"Bearer {self.token()}", "Accept": "application/json"})
            except httpx.HTTPError as exc:
                raise LegifranceUnavailable(f"L'API Légifrance ne répond pas "
                                            f"({type(exc).__name__}).") from exc
            if response.status_code == 401 and attempt == 1:
                self._token = None
                continue
            if response.status_code == 404:
                raise LegifranceUnavailable(f"Légifrance ne connaît pas « {body.get('textId') or body.get('id')} ».")
            if response.status_code != 200:
                raise LegifranceUnavailable(f"L'API Légifrance a répondu HTTP {response.status_code} "
                                            f"à {path}.")
            return self._json(response)
        raise LegifranceUnavailable("PISTE refuse le jeton d'accès de la collectivité.")

    @staticmethod
    def _json(response: httpx.Response) -> dict:
        try:
            body = response.json()
        except ValueError as exc:
            raise LegifranceUnavailable("Réponse illisible de Légifrance (pas du JSON).") from exc
        if not isinstance(body, dict):
            raise LegifranceUnavailable("Réponse inattendue de Légifrance.")
        return body

    def consult(self, text_id: str, on: date, is_code: bool) -> LegalText:
        """A code (`consult/code`) or another LEGI text (`consult/legiPart`) in force on `on`."""
        path = "consult/code" if is_code else "consult/legiPart"
        body: dict[str, object] = {"textId": text_id, "date": on.isoformat()}
        if is_code:
            body |= {"searchedString": "", "fromSuggest": False, "abrogated": False, "sctCid": ""}
        return text_of_response(self.post(path, body), text_id, on, is_code)

    def get_article(self, article_id: str) -> ArticleHistory:
        body = self.post("consult/getArticle", {"id": article_id}).get("article") or {}
        if not body.get("id"):
            raise LegifranceUnavailable(f"Légifrance ne connaît pas l'article « {article_id} ».")
        version = _version(body, body.get("texteHtml") or body.get("texte") or "", [])
        versions = [ArticleVersion(v.get("id", ""), article_number(v.get("numero") or body.get("num") or ""),
                                   "", [], legal_date(v.get("dateDebut")), legal_date(v.get("dateFin")),
                                   v.get("etat") or "") for v in body.get("articleVersions") or []]
        return ArticleHistory(version, body.get("cidTexte") or body.get("idTexte") or "", versions)


def _version(article: dict, markup: str, section: list[str]) -> ArticleVersion:
    return ArticleVersion(
        legal_id=str(article.get("id", "")), number=article_number(str(article.get("num") or "")),
        text=html_to_text(markup), section=list(section),
        valid_from=legal_date(article.get("dateDebut")),
        valid_until=legal_date(article.get("dateFin")), status=article.get("etat") or "VIGUEUR")


def _in_force(version: ArticleVersion, on: date) -> bool:
    if version.status in NEVER_IN_FORCE or (version.status in ENDED and version.valid_until
                                            and version.valid_until <= on):
        return False
    return ((version.valid_from is None or version.valid_from <= on)
            and (version.valid_until is None or version.valid_until > on))


def text_of_response(body: dict, text_id: str, on: date, is_code: bool) -> LegalText:
    """A `ConsultTextResponse` as a complete text: every article in force on `on`, in order."""
    text = LegalText(text_id, body.get("title") or body.get("jorfText") or "",
                     "CODE" if is_code else (body.get("nature") or "DECRET"), body.get("nor") or "",
                     on, complete=True)

    def walk(node: dict, path: list[str]) -> None:
        for article in node.get("articles") or []:
            version = _version(article, article.get("content") or "", path)
            if version.legal_id and version.number and _in_force(version, on):
                text.articles.append(version)
        for section in node.get("sections") or []:
            title = " ".join(str(section.get("title") or "").split())
            keep = title and title.lower() not in TOP_LEVEL
            walk(section, [*path, title] if keep else path)
        if len(text.articles) > MAX_ARTICLES:
            raise LegifranceUnavailable(f"« {text_id} » dépasse {MAX_ARTICLES} articles.")

    walk(body, [])
    if not text.articles:
        raise LegifranceUnavailable(f"Légifrance n'a renvoyé aucun article en vigueur pour "
                                    f"« {text_id} » au {on:%d/%m/%Y}.")
    return text
