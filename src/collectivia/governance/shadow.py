"""Shadow AI: how often agents reach public generative-AI services, from proxy/firewall logs.

The Isère counted 10,000 connections a month to public AIs for ~5,000
agents; this module gives the referent IA the same figure for the
collectivité, aggregated by month and by direction, never per person:

- the log is streamed line by line (a million lines in a few seconds, in
  constant memory apart from the distinct users of each group), in the
  sandbox's child process, bounded once gunzipped (a .gz bomb is refused on
  its declared size, then on what it really inflates to, measured before any
  line is parsed: inflating 400 MB takes under a second, parsing them most of
  a minute; each gzip member declares only its own size), with no transaction open:
  the watchlist is read in a short one before, the aggregates stored in another
  after, so a slow or hostile log never holds other users' writes;
- a line is (time, user or IP, host) in CSV with `,` `;` or tab, with or
  without a header; hosts may be URLs or carry a port; the user may be a
  login, an e-mail, DOMAINE\\login or an IP address;
- a host counts when it is one of the watched domains or a sub-domain of one
  (editable list, shipped default in data/governance/shadow_ai_domains.txt);
- users are mapped to their direction through their account (login, e-mail or
  the part before the @) or, failing that, their matricule in the latest staff
  table; anything else (IP addresses, unknown logins) goes to "Direction inconnue";
- malformed lines are counted with their line number and the reason, never
  fatal, never echoed (they may hold personal data);
- only the aggregates are stored; `shadow_report` merges groups of fewer
  than five distinct users before anything is shown.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock, sandbox
from collectivia.core.errors import InvalidInput
from collectivia.core.french import accord
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.core.text import sniff_delimiter
from collectivia.governance.directions import UNKNOWN_DIRECTION
from collectivia.governance.models import AiDomain, ShadowCount, ShadowImport
from collectivia.governance.reference import DATA_DIR
from collectivia.workforce.models import StaffImport, StaffRow

MANAGERS = (Role.REFERENT_IA, Role.DPO, Role.ADMIN)
READERS = (*MANAGERS, Role.REPRESENTANT_PERSONNEL)
DOMAINS_FILE = DATA_DIR / "shadow_ai_domains.txt"
MAX_EXAMPLES = 20
_HOST_CACHE_LIMIT = 200_000
MAX_UPLOAD_BYTES = 100_000_000   # as sent (the web form stops at max_upload_bytes before)
MAX_LOG_BYTES = 400_000_000      # as read, once gunzipped: about four million lines
MAX_LINE_CHARS = 64_000
BUDGET = sandbox.Budget(cpu_seconds=60, memory_bytes=1_500_000_000, wall_seconds=90)
DOMAIN_RE = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")
TIME_HEADERS = {"time", "timestamp", "date", "datetime", "horodatage", "heure", "date_heure"}
USER_HEADERS = {"user", "username", "utilisateur", "login", "identifiant", "ip", "client",
                "client_ip", "src", "source", "src_ip", "adresse"}
HOST_HEADERS = {"host", "hostname", "domain", "domaine", "url", "dest", "destination",
                "dst_host", "site", "hote"}
MONTHS = {f"{m:02d}" for m in range(1, 13)}


# --- watched domains ---------------------------------------------------------------------

def parse_domain_lines(text: str) -> dict[str, str]:
    """`domaine ; service` lines (comments with #) -> {domain: service label}."""
    domains: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        domain, _, label = (part.strip() for part in line.partition(";"))
        domain = domain.lower().removeprefix("*.").rstrip(".")
        if not DOMAIN_RE.match(domain):
            raise InvalidInput(f"Ligne {number} : « {domain[:60]} » n'est pas un nom de domaine.")
        domains[domain] = (label or domain)[:120]
    return domains


def shipped_domains() -> dict[str, str]:
    return parse_domain_lines(DOMAINS_FILE.read_text(encoding="utf-8"))


def watched_domains(session: Session) -> dict[str, str]:
    """The list kept in the database, or the shipped default while none was saved."""
    rows = session.execute(select(AiDomain.domain, AiDomain.service_label)).all()
    return dict(rows) if rows else shipped_domains()


def domains_as_text(domains: dict[str, str]) -> str:
    return "\n".join(f"{d} ; {label}" for d, label in sorted(domains.items()))


def save_domains(session: Session, user: User, text: str) -> int:
    ensure_role(user, *MANAGERS, action="modifier la liste des services d'IA suivis")
    domains = parse_domain_lines(text)
    if not domains:
        raise InvalidInput("La liste est vide : indiquez au moins un domaine.")
    if len(domains) > 5000:
        raise InvalidInput("5 000 domaines au plus.")
    session.execute(delete(AiDomain))
    session.add_all(AiDomain(domain=d, service_label=label) for d, label in domains.items())
    audit.record(session, "governance.shadow.domains", actor=user, details={"domaines": len(domains)})
    return len(domains)


# --- streaming parse ---------------------------------------------------------------------

@dataclass
class Group:
    connections: int = 0
    users: set[str] = field(default_factory=set)


@dataclass
class Tally:
    """What a log says, in aggregate; the user sets live only in memory during the import."""

    lines_total: int = 0
    lines_malformed: int = 0
    lines_matched: int = 0
    examples: list[dict] = field(default_factory=list)
    by_direction: dict[tuple[str, str], Group] = field(default_factory=dict)
    by_service: dict[tuple[str, str], Group] = field(default_factory=dict)

    def malformed(self, line: int, reason: str) -> None:
        self.lines_malformed += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append({"ligne": line, "motif": reason})


def month_of(value: str) -> str | None:
    """'2025-01-31T10:00:00', '2025-01-31 10:00', '31/01/2025 10:00' or epoch seconds -> '2025-01'."""
    if len(value) >= 7 and value[4] == "-" and value[:4].isdigit() and value[5:7] in MONTHS:
        return value[:7]
    if len(value) >= 10 and value[2] == "/" and value[5] == "/" and value[6:10].isdigit() \
            and value[3:5] in MONTHS:
        return f"{value[6:10]}-{value[3:5]}"
    head = value.split(".", 1)[0]
    if head.isdigit() and 9 <= len(head) <= 10:
        return datetime.fromtimestamp(int(head), UTC).strftime("%Y-%m")
    return None


def host_of(value: str) -> str:
    host = value.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].split("?", 1)[0]
    if "@" in host:
        host = host.rsplit("@", 1)[1]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


class DomainMatcher:
    """Host -> watched service label (or None), by exact domain or parent domain, memoised."""

    def __init__(self, domains: dict[str, str]):
        self.domains = domains
        self.cache: dict[str, str | None] = {}

    def __call__(self, host: str) -> str | None:
        try:
            return self.cache[host]
        except KeyError:
            pass
        label = None
        parts = host.split(".")
        for i in range(len(parts) - 1):
            label = self.domains.get(".".join(parts[i:]))
            if label:
                break
        if len(self.cache) > _HOST_CACHE_LIMIT:
            self.cache.clear()
        self.cache[host] = label
        return label


class DirectionResolver:
    """User field of a log line -> direction name, through logins and e-mails of accounts."""

    def __init__(self, accounts: dict[str, str]):
        self.accounts = accounts
        self.cache: dict[str, str] = {}

    @classmethod
    def from_database(cls, session: Session) -> DirectionResolver:
        """Every name a proxy may log an agent under, before giving up on "Direction inconnue".

        A small commune's proxy often logs the directory account (the matricule, or the part
        of the e-mail before the @) rather than the platform login; the staff table and the
        e-mails of accounts give those names their direction. Platform accounts win over the
        staff table, and a name two directions claim is left unknown rather than guessed.
        """
        accounts = staff_matricules(session)
        local_parts: dict[str, str | None] = {}
        for user in session.execute(select(User)).unique().scalars():
            name = user.direction.name if user.direction else UNKNOWN_DIRECTION
            accounts[user.login.lower()] = name
            if user.email:
                accounts[user.email.lower()] = name
                local = user.email.lower().split("@", 1)[0]
                local_parts[local] = name if local_parts.get(local, name) == name else None
        for local, owner in local_parts.items():
            if owner is not None:
                accounts.setdefault(local, owner)
        return cls(accounts)

    def __call__(self, who: str) -> str:
        try:
            return self.cache[who]
        except KeyError:
            pass
        key = who.lower()
        if "\\" in key:
            key = key.rsplit("\\", 1)[1]
        direction = self.accounts.get(key)
        if direction is None and "@" in key:
            direction = self.accounts.get(key.split("@", 1)[0])
        direction = direction or UNKNOWN_DIRECTION
        self.cache[who] = direction
        return direction


def staff_matricules(session: Session) -> dict[str, str]:
    """{matricule: direction} from the latest staff table (published first), if there is one."""
    latest = session.execute(
        select(StaffImport.id).order_by(StaffImport.published_at.is_(None),
                                        StaffImport.published_at.desc(), StaffImport.id.desc())
        .limit(1)).scalar_one_or_none()
    if latest is None:
        return {}
    rows = session.execute(select(StaffRow.matricule, StaffRow.direction)
                           .where(StaffRow.import_id == latest)).all()
    return {matricule.strip().lower(): direction.strip() or UNKNOWN_DIRECTION
            for matricule, direction in rows if matricule.strip()}


def _columns(first: list[str]) -> tuple[tuple[int, int, int], bool]:
    """Column positions of (time, user, host), and whether the first row is a header."""
    names = [c.strip().lower().lstrip("\ufeff") for c in first]
    if len(names) >= 3 and month_of(names[0]) is None and not any(ch.isdigit() for ch in names[0]):
        def find(candidates: set[str], default: int) -> int:
            return next((i for i, n in enumerate(names) if n in candidates), default)
        return (find(TIME_HEADERS, 0), find(USER_HEADERS, 1), find(HOST_HEADERS, 2)), True
    return (0, 1, 2), False


ISO_MONTHS = {f"{y}-{m:02d}": f"{y}-{m:02d}" for y in range(1990, 2100) for m in range(1, 13)}


def tally_lines(lines: Iterable[str], matcher: DomainMatcher, resolver: DirectionResolver) -> Tally:
    """Stream the lines once. The hot loop is kept flat on purpose (a million lines in seconds):
    ISO months are looked up by their 7-character prefix and raw host fields are memoised."""
    tally = Tally()
    iterator = iter(lines)
    first = next(iterator, None)
    while first is not None and not first.strip():
        first = next(iterator, None)
    if first is None:
        return tally
    delimiter = sniff_delimiter(first, ";\t,") or ","
    (ti, ui, hi), has_header = _columns(next(csv.reader([first], delimiter=delimiter), []))
    width = max(ti, ui, hi) + 1
    offset = 1 if has_header else 0
    reader = csv.reader(iterator if has_header else _prepend(first, iterator), delimiter=delimiter)
    by_direction, by_service = tally.by_direction, tally.by_service
    services: dict[str, str | None] = {}   # raw host field -> watched service, "" without a host
    total = matched = 0
    while True:
        try:
            for row in reader:
                if len(row) < width:
                    if not row or (len(row) == 1 and not row[0].strip()):
                        continue  # blank line
                    total += 1
                    tally.malformed(reader.line_num + offset, f"{accord(len(row), 'champ')} au lieu de {width}")
                    continue
                total += 1
                stamp = row[ti]
                month = ISO_MONTHS.get(stamp[:7]) or month_of(stamp.strip())
                if month is None:
                    tally.malformed(reader.line_num + offset, "date ou heure illisible")
                    continue
                raw_host, who = row[hi], row[ui]
                try:
                    service = services[raw_host]
                except KeyError:
                    host = host_of(raw_host)
                    service = matcher(host) if host else ""
                    if len(services) > _HOST_CACHE_LIMIT:
                        services.clear()
                    services[raw_host] = service
                if service == "" or not who or who.isspace():
                    tally.malformed(reader.line_num + offset, "utilisateur ou hôte manquant")
                    continue
                if service is None:
                    continue
                matched += 1
                who = who.strip()
                key = (month, resolver(who))
                group = by_direction.get(key)
                if group is None:
                    group = by_direction[key] = Group()
                group.connections += 1
                group.users.add(who)
                key = (month, service)
                group = by_service.get(key)
                if group is None:
                    group = by_service[key] = Group()
                group.connections += 1
                group.users.add(who)
            break
        except csv.Error:
            total += 1
            tally.malformed(reader.line_num + offset, "ligne CSV illisible")
    tally.lines_total, tally.lines_matched = total, matched
    return tally


def _prepend(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


class _Bounded(io.RawIOBase):
    """A byte stream that refuses to yield more than `limit` bytes (a gzip bomb stops here)."""

    def __init__(self, raw: IO[bytes] | gzip.GzipFile, limit: int):
        self.raw, self.left = raw, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise InvalidInput(_TOO_BIG)
        self.left -= len(data)
        buffer[:len(data)] = data
        return len(data)


_TOO_BIG = (f"Le journal dépasse {MAX_LOG_BYTES // 1_000_000} Mo une fois décompressé : découpez-le "
            "par mois. Rien n'a été importé.")


def open_text(stream: IO[bytes], filename: str) -> io.TextIOWrapper:
    """A text view of an uploaded or local log, gunzipped on the fly when it is .gz, bounded."""
    raw: IO[bytes] | gzip.GzipFile = gzip.GzipFile(fileobj=stream, mode="rb") if filename.lower().endswith(".gz") else stream
    return io.TextIOWrapper(io.BufferedReader(_Bounded(raw, MAX_LOG_BYTES)), encoding="utf-8-sig",
                            errors="replace", newline="")


def _check_gzip_size(stream: IO[bytes]) -> None:
    """The cheap fact first: a gzip file ends with its uncompressed size (modulo 4 GiB)."""
    stream.seek(-4, io.SEEK_END)
    declared = int.from_bytes(stream.read(4), "little")
    stream.seek(0)
    if declared > MAX_LOG_BYTES:
        raise InvalidInput(_TOO_BIG)


def _check_gunzipped_size(stream: IO[bytes]) -> None:
    """What the log really inflates to, counted (and dropped) before a line is parsed: a log of
    many gzip members, each declaring a few megabytes, can yield gigabytes of honest lines."""
    inflated = gzip.GzipFile(fileobj=stream, mode="rb")
    total = 0
    while chunk := inflated.read(1 << 20):
        total += len(chunk)
        if total > MAX_LOG_BYTES:
            raise InvalidInput(_TOO_BIG)
    stream.seek(0)


def _bounded_lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The lines of the log, refusing one longer than any proxy line (memory stays bounded)."""
    for line in iter(lambda: text.readline(MAX_LINE_CHARS), ""):
        if len(line) >= MAX_LINE_CHARS and not line.endswith("\n"):
            raise InvalidInput(f"Une ligne du journal dépasse {MAX_LINE_CHARS} caractères : ce "
                               "n'est pas un journal de proxy. Rien n'a été importé.")
        yield line


def count_log(source: bytes | str, filename: str, domains: dict[str, str],
              accounts: dict[str, str]) -> Tally:
    """Tally a log given as bytes or as a local path; runs in the sandbox's child process."""
    stream: IO[bytes] = open(source, "rb") if isinstance(source, str) else io.BytesIO(source)  # noqa: SIM115 - closed by `with stream` below
    with stream:
        try:
            if filename.lower().endswith(".gz"):
                _check_gzip_size(stream)
                _check_gunzipped_size(stream)
            return tally_lines(_bounded_lines(open_text(stream, filename)), DomainMatcher(domains),
                               DirectionResolver(accounts))
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise InvalidInput("Le fichier compressé est illisible ou tronqué. Rien n'a été "
                               "importé.") from exc


@dataclass(frozen=True)
class Watchlist:
    """What a log is counted against: the watched domains and who works in which direction.

    Read in a short transaction of its own, before the count: the count may take a minute
    and must hold no transaction (on SQLite, one holds the write lock of every user)."""

    domains: dict[str, str]
    accounts: dict[str, str]

    @classmethod
    def from_database(cls, session: Session) -> Watchlist:
        return cls(watched_domains(session), DirectionResolver.from_database(session).accounts)


@dataclass(frozen=True)
class CountedLog:
    """A log counted, not yet stored: its (cleaned) file name and its aggregates."""

    filename: str
    tally: Tally


def count_upload(stream: IO[bytes], filename: str, watchlist: Watchlist) -> CountedLog:
    """Count an uploaded or local log in the sandbox; needs no database session, and must be
    called with none open. A log that yields nothing to store is refused here."""
    filename = (filename or "journal.csv").replace("\\", "/").rsplit("/", 1)[-1][:255]
    local = getattr(stream, "name", None)
    source = local if isinstance(local, str) and Path(local).is_file() else stream.read(
        MAX_UPLOAD_BYTES + 1)
    if isinstance(source, bytes) and len(source) > MAX_UPLOAD_BYTES:
        raise InvalidInput(f"Le journal dépasse {MAX_UPLOAD_BYTES // 1_000_000} Mo : compressez-le "
                           "(.gz) ou découpez-le. Rien n'a été importé.")
    tally = sandbox.run(count_log, source, filename, watchlist.domains, watchlist.accounts,
                        budget=BUDGET, subject=f"Le journal « {filename} »")
    if tally.lines_total == 0:
        raise InvalidInput("Le journal est vide. Rien n'a été importé.")
    if tally.lines_malformed == tally.lines_total:
        raise InvalidInput("Aucune ligne n'est au format attendu (date ; utilisateur ou IP ; hôte). "
                           "Rien n'a été importé.")
    return CountedLog(filename, tally)


def save_import(session: Session, user: User | None, counted: CountedLog, *,
                system: bool = False) -> ShadowImport:
    """Store a counted log's aggregates and its audit event, the importer's role checked again
    (it may have changed while the log was counted)."""
    if not system:
        ensure_role(user, *MANAGERS, action="importer un journal de connexions")
    tally = counted.tally
    record = ShadowImport(filename=counted.filename, imported_by_id=user.id if user else None,
                          imported_at=clock.now(), lines_total=tally.lines_total,
                          lines_malformed=tally.lines_malformed, lines_matched=tally.lines_matched,
                          malformed_json=json.dumps(tally.examples, ensure_ascii=False))
    session.add(record)
    session.flush()
    session.add_all(
        [ShadowCount(import_id=record.id, month=m, kind="direction", label=label,
                     connections=g.connections, distinct_users=len(g.users))
         for (m, label), g in tally.by_direction.items()]
        + [ShadowCount(import_id=record.id, month=m, kind="service", label=label,
                       connections=g.connections, distinct_users=len(g.users))
           for (m, label), g in tally.by_service.items()])
    audit.record(session, "governance.shadow.import", actor=user, object_type="journal_ia_fantome",
                 object_id=record.id, details={"lignes": tally.lines_total,
                                               "lignes_invalides": tally.lines_malformed,
                                               "connexions_ia": tally.lines_matched})
    return record


def import_log(session: Session, user: User | None, stream: IO[bytes], filename: str,
               *, system: bool = False) -> ShadowImport:
    """Count and store a log in the caller's transaction: only for a log known to be small and
    well-formed (the demo's). An upload goes through `count_upload` with no session open,
    then `save_import` (see shadow_views and the CLI)."""
    if not system:
        ensure_role(user, *MANAGERS, action="importer un journal de connexions")
    counted = count_upload(stream, filename, Watchlist.from_database(session))
    return save_import(session, user, counted, system=system)
