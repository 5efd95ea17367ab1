"""Alembic environment: one migration branch per domain, all applied with `upgrade heads`."""

from alembic import context

from collectivia.core.db import Base, make_engine
from collectivia.core.migrate import import_all_models

import_all_models()
config = context.config


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        context.configure(connection=connectable, target_metadata=Base.metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:     # core.migrate.alembic_config always sets it
        raise RuntimeError("Alembic config without sqlalchemy.url: build it with alembic_config()")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
