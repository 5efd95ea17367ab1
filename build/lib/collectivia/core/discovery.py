"""Find the domain packages of `collectivia` and their optional parts.

Domains plug themselves in by convention (a `models.py`, `views.py`, `demo.py`,
`cli.py` or `migrations/versions/` folder), so the kernel never imports a
domain by name and a new domain needs no edit elsewhere.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from pathlib import Path
from types import ModuleType

import collectivia

PACKAGE_ROOT = Path(collectivia.__file__).parent


def domain_packages() -> list[str]:
    """Sub-packages of collectivia, kernel first, then alphabetical."""
    names = [m.name for m in pkgutil.iter_modules(collectivia.__path__) if m.ispkg]
    names = [n for n in names if n not in {"migrations", "data"}]
    return sorted(names, key=lambda n: (n != "core", n))


def optional_module(package: str, part: str) -> ModuleType | None:
    """Import collectivia.<package>.<part> if that module exists, else None."""
    name = f"collectivia.{package}.{part}"
    if importlib.util.find_spec(f"collectivia.{package}") is None:
        return None
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def modules_named(part: str) -> list[ModuleType]:
    found = [optional_module(pkg, part) for pkg in domain_packages()]
    return [m for m in found if m is not None]


def migration_dirs() -> list[str]:
    dirs = []
    for pkg in domain_packages():
        versions = PACKAGE_ROOT / pkg / "migrations" / "versions"
        if versions.is_dir():
            dirs.append(str(versions))
    return dirs
