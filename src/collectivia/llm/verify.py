"""« Vérifier » on the admin page: does a declared backend answer, and serve its models?

An OpenAI-compatible server is asked for GET {base_url}/models with the backend's key
(an async client with a bounded timeout: the event loop never waits on it); a local
GGUF file is checked to exist and be readable (in a worker thread). The report is
French, one line per finding, and never repeats the key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import httpx
from starlette.concurrency import run_in_threadpool

from collectivia.llm.config import BackendConfig

VERIFY_TIMEOUT_S = 10.0


@dataclass
class Verification:
    ok: bool
    summary: str
    details: list[str] = field(default_factory=list)


async def verify(config: BackendConfig) -> Verification:
    if config.type == "llamacpp":
        return await run_in_threadpool(_verify_file, config)
    return await _verify_server(config)


def _verify_file(config: BackendConfig) -> Verification:
    path = config.path
    if not os.path.exists(path):
        return Verification(False, f"Le fichier {path} n'existe pas sur ce serveur.")
    if not os.path.isfile(path):
        return Verification(False, f"{path} n'est pas un fichier.")
    if not os.access(path, os.R_OK):
        return Verification(False, f"Le fichier {path} existe mais la plateforme ne peut pas "
                                   "le lire (droits d'accès).")
    size = f"{os.path.getsize(path) / 1_000_000:,.1f}".replace(",", "\u202f").replace(".", ",")
    return Verification(True, f"Le fichier {path} existe et est lisible ({size} Mo).")


async def _verify_server(config: BackendConfig) -> Verification:
    url = config.base_url.rstrip("/") + "/models"
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    timeout = httpx.Timeout(min(config.timeout, VERIFY_TIMEOUT_S),
                            connect=min(config.connect_timeout, VERIFY_TIMEOUT_S))
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            response = await client.get(url, headers=headers)
    except httpx.TimeoutException:
        return Verification(False, f"Le serveur {url} n'a pas répondu dans le délai imparti.")
    except httpx.HTTPError as exc:
        return Verification(False, f"Le serveur {url} est injoignable ({type(exc).__name__}).")
    if response.status_code in (401, 403):
        return Verification(False, f"Le serveur répond mais refuse la clé d'API "
                                   f"(erreur HTTP {response.status_code}).")
    if response.status_code >= 400:
        return Verification(False, f"Le serveur répond avec l'erreur HTTP "
                                   f"{response.status_code} sur {url}.")
    try:
        listed = {str(item["id"]) for item in response.json()["data"]}
    except (ValueError, KeyError, TypeError):
        return Verification(False, "Le serveur répond, mais sa liste de modèles est illisible "
                                   "(ce n'est peut-être pas une adresse compatible OpenAI).")
    details = [f"« {m.alias} » (modèle {m.upstream}) : "
               + ("proposé par le serveur." if m.upstream in listed
                  else "absent de la liste du serveur.") for m in config.models]
    missing = sum(m.upstream not in listed for m in config.models)
    summary = ("Le serveur répond et propose tous les modèles déclarés." if not missing else
               f"Le serveur répond, mais {missing} modèle(s) déclaré(s) n'y figurent pas.")
    return Verification(not missing, summary, details)
