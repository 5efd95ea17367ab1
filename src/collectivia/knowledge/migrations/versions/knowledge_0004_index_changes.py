"""knowledge: the log of passage changes each process's in-memory index follows

Revision ID: knowledge_0004
Revises: knowledge_0003
Create Date: 2026-12-06

Triggers, not application code, write it: a passage deleted by the cascade of
its document's deletion is logged like one deleted by hand.
"""
import sqlalchemy as sa
from alembic import op

revision = "knowledge_0004"
down_revision = "knowledge_0003"
branch_labels = None
depends_on = None

CHANGES = {  # trigger -> (event, row, change)
    "knowledge_chunks_ajout": ("AFTER INSERT", "NEW", "ajout"),
    "knowledge_chunks_retrait": ("AFTER DELETE", "OLD", "retrait"),
    "knowledge_chunks_vecteur": ("AFTER UPDATE OF vector", "NEW", "vecteur"),
    "knowledge_chunks_texte": ("AFTER UPDATE OF heading, ref, text, is_article, document_id",
                               "NEW", "texte"),
}


def upgrade() -> None:
    op.create_table(
        "knowledge_index_changes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("chunk_id", sa.Integer, nullable=False),
        sa.Column("change", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_knowledge_index_changes"),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, (event, row, change) in CHANGES.items():
        if postgres:
            op.execute(f"""CREATE FUNCTION {name}() RETURNS trigger AS $$
                BEGIN INSERT INTO knowledge_index_changes (chunk_id, change)
                VALUES ({row}.id, '{change}'); RETURN NULL; END; $$ LANGUAGE plpgsql""")
            op.execute(f"CREATE TRIGGER {name} {event} ON knowledge_chunks "
                       f"FOR EACH ROW EXECUTE FUNCTION {name}()")
        else:
            op.execute(f"CREATE TRIGGER {name} {event} ON knowledge_chunks FOR EACH ROW BEGIN "
                       f"INSERT INTO knowledge_index_changes (chunk_id, change) "
                       f"VALUES ({row}.id, '{change}'); END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in CHANGES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON knowledge_chunks" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("knowledge_index_changes")
