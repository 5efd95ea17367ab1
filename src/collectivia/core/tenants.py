"""A centre de gestion hosting many collectivités: one database each, chosen by host name.

Why one database per collectivité rather than a tenant column: isolation
then holds by construction. No query can forget a `WHERE tenant_id`, the
audit chain, the job queue, the pseudonym vault and the sessions are each
the collectivité's own, a collectivité leaves with a plain `pg_dump`, and
no existing table or service changes. The cost, one connection pool per
collectivité in each process, is small for the tens of communes a centre
de gestion serves (pools start empty and grow on demand).

`COLLECTIVIA_TENANTS` is a JSON object, host name -> {"name", "database_url"}:
    {"rh.mairie-a.fr": {"name": "Commune A", "database_url": "postgresql://.../cdg_a"}}
A request for any other host is refused. Without the setting the platform
serves one collectivité from COLLECTIVIA_DATABASE_URL, as before.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from collectivia.core.db import Database


@dataclass(frozen=True)
class Tenant:
    host: str
    name: str
    database_url: str


def parse(raw: str) -> dict[str, Tenant]:
    """The configured collectivités by host (lower case, no port); {} when not configured."""
    if not raw.strip():
        return {}
    try:
        entries = json.loads(raw)
        return {host.lower(): Tenant(host.lower(), str(entry["name"]), str(entry["database_url"]))
                for host, entry in entries.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuntimeError("COLLECTIVIA_TENANTS doit être un objet JSON : "
                           '{"hôte": {"name": "...", "database_url": "..."}}') from exc


def host_of(headers: list[tuple[bytes, bytes]]) -> str:
    """The request's host name, without its port, lower case."""
    for key, value in headers:
        if key == b"host":
            host = value.decode("latin-1").strip().lower()
            return host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return ""


class TenantRouter:
    """The Database of each collectivité, created on first use and kept for the process."""

    def __init__(self, tenants: dict[str, Tenant]):
        self.tenants = tenants
        self._databases: dict[str, Database] = {}
        self._lock = threading.Lock()

    def __bool__(self) -> bool:
        return bool(self.tenants)

    def resolve(self, host: str) -> tuple[Tenant, Database] | None:
        tenant = self.tenants.get(host)
        if tenant is None:
            return None
        return tenant, self.database(tenant)

    def database(self, tenant: Tenant) -> Database:
        with self._lock:
            if tenant.host not in self._databases:
                self._databases[tenant.host] = Database(tenant.database_url)
            return self._databases[tenant.host]

    def dispose(self) -> None:
        for database in self._databases.values():
            database.dispose()
