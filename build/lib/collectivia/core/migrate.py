"""Schema migrations (Alembic), one branch per domain, run from code.

`collectivia db upgrade`, `make demo` and the test suite all go through
`upgrade()`; nothing calls `create_all`.
"""

from __future__ import annotations

import os

from alembic import command
from alembic.config import Config

from collectivia.core.db import normalise_url
from collectivia.core.discovery import PACKAGE_ROOT, migration_dirs, modules_named


def import_all_models() -> None:
    """Register every domain's tables on Base.metadata."""
    modules_named("models")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(PACKAGE_ROOT / "migrations"))
    cfg.set_main_option("version_locations", os.pathsep.join(migration_dirs()))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "heads")
