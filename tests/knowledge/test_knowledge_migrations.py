"""Upgrading a database that already holds documents keeps every passage."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from collectivia.core.migrate import alembic_config


def count(engine, sql: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_knowledge_0002_keeps_the_passages_of_existing_documents(tmp_path):
    """SQLite rebuilds a table for a batch ALTER: dropping the old copy would cascade to chunks."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "heads")
    command.downgrade(config, "knowledge_0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=ON"))
        conn.execute(text(
            "INSERT INTO knowledge_documents (id, title, source, filename, kind, sha256, audience, "
            "allowed_roles, allowed_directions, shipped, chunk_count, created_at) VALUES "
            "(1, 'Note', '', 'n.md', 'markdown', '', 'public', '', '', 0, 2, '2026-01-01')"))
        conn.execute(text(
            "INSERT INTO knowledge_chunks (document_id, position, ref, is_article, section, "
            "heading, text) VALUES (1, 0, '1', 1, '', '', 'Un.'), (1, 1, '2', 1, '', '', 'Deux.')"))
    engine.dispose()
    command.upgrade(config, "heads")
    engine = create_engine(url)
    assert count(engine, "SELECT COUNT(*) FROM knowledge_chunks") == 2
    assert count(engine, "SELECT COUNT(*) FROM knowledge_documents WHERE vectors_pending") == 0
    engine.dispose()
    command.downgrade(config, "knowledge_0001")
    engine = create_engine(url)
    assert count(engine, "SELECT COUNT(*) FROM knowledge_chunks") == 2
    engine.dispose()
