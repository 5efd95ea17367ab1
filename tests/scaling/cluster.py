"""Real `collectivia serve` and `collectivia worker` processes on PostgreSQL, as an operator
runs them (used by tests/scaling and bench/bench_scaling.py).

Two collectivités are served by host name (COLLECTIVIA_TENANTS): "a.test" and
"b.test", each with its own database. An `Agent` is one browser: it keeps its
cookie itself and may send it to any process (the cookie jar of httpx would
file it under 127.0.0.1, not under the host the request named).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
HOSTS = ("a.test", "b.test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(databases: dict[str, str], var_dir: Path, backends: list[dict] | None = None
                ) -> dict[str, str]:
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items() if not k.startswith("COLLECTIVIA_")}
    env.update({
        "COLLECTIVIA_TENANTS": json.dumps({host: {"name": f"Commune {host[0].upper()}",
                                                  "database_url": url}
                                           for host, url in databases.items()}),
        "COLLECTIVIA_SECRET_KEY": "cle-partagee-des-machines-" + "s" * 24,
        "COLLECTIVIA_VAULT_KEY": Fernet.generate_key().decode(),
        "COLLECTIVIA_AUDIT_KEY": os.environ.get("COLLECTIVIA_AUDIT_KEY", "a" * 40),
        "COLLECTIVIA_VAR_DIR": str(var_dir),
        "COLLECTIVIA_FILE_STORE": str(var_dir / "shared-files"),
        "COLLECTIVIA_WARM_UP": "false",
        "COLLECTIVIA_LLM_BACKENDS": json.dumps(backends or []),
    })
    return env


@dataclass
class Cluster:
    env: dict[str, str]
    ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)

    def serve(self, count: int, workers: int = 1) -> list[int]:
        """Start `count` serve processes and wait until each answers /healthz."""
        started = []
        for _ in range(count):
            port = free_port()
            self.processes.append(subprocess.Popen(
                [str(BIN / "collectivia"), "serve", "--port", str(port), "--workers", str(workers)],
                env=self.env, stdout=subprocess.DEVNULL, stderr=self._log(f"serve-{port}")))
            started.append(port)
        for port in started:
            self.wait_healthy(port)
        self.ports += started
        return started

    def work(self, count: int) -> None:
        """Start `count` `collectivia worker` processes."""
        for _ in range(count):
            self.processes.append(subprocess.Popen(
                [str(BIN / "collectivia"), "worker"], env=self.env,
                stdout=subprocess.DEVNULL, stderr=self._log("worker")))

    def _log(self, name: str):
        """Each process's log in the var directory (read them when a test fails)."""
        directory = Path(self.env["COLLECTIVIA_VAR_DIR"])
        directory.mkdir(parents=True, exist_ok=True)
        return open(directory / f"{name}.log", "ab")

    def wait_healthy(self, port: int, timeout: float = 90) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", headers={"Host": HOSTS[0]},
                             timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"serve on port {port} did not become healthy")

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()


class Agent:
    """One browser of one collectivité: a cookie it can present to any process."""

    def __init__(self, host: str):
        self.host = host
        self.cookie = ""
        self.http = httpx.Client(timeout=60, follow_redirects=False)

    def _headers(self) -> dict[str, str]:
        headers = {"Host": self.host}
        if self.cookie:
            headers["Cookie"] = f"collectivia_session={self.cookie}"
        return headers

    def _keep(self, response: httpx.Response) -> httpx.Response:
        for value in response.headers.get_list("set-cookie"):
            match = re.match(r"collectivia_session=([^;]*)", value)
            if match:
                self.cookie = match.group(1)
        return response

    def get(self, port: int, path: str) -> httpx.Response:
        return self._keep(self.http.get(f"http://127.0.0.1:{port}{path}", headers=self._headers()))

    def post(self, port: int, path: str, data: dict, files: dict | None = None) -> httpx.Response:
        return self._keep(self.http.post(f"http://127.0.0.1:{port}{path}", data=data, files=files,
                                         headers=self._headers()))

    def csrf(self, port: int, path: str = "/connexion") -> str:
        match = re.search(r'name="csrf_token" value="([^"]+)"', self.get(port, path).text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def login(self, port: int, login: str, password: str) -> httpx.Response:
        return self.post(port, "/connexion", {"identifiant": login, "mot_de_passe": password,
                                              "csrf_token": self.csrf(port)})

    def signed_in(self, port: int) -> bool:
        return self.get(port, "/").status_code == 200
