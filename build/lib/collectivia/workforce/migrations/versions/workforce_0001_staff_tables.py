"""workforce: staff imports and rows, remembered column headers, title decisions

Revision ID: workforce_0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "workforce_0001"
down_revision = None
branch_labels = ("workforce",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "workforce_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("file_kind", sa.String(10), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("matching_mode", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name="fk_workforce_imports_created_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_workforce_imports"),
    )
    op.create_table(
        "workforce_staff_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("matricule", sa.String(64), nullable=False),
        sa.Column("metier", sa.String(300), nullable=False),
        sa.Column("direction", sa.String(200), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("filiere", sa.String(100), nullable=False),
        sa.Column("categorie", sa.String(40), nullable=False),
        sa.Column("cadre_emplois", sa.String(200), nullable=False),
        sa.Column("grade", sa.String(200), nullable=False),
        sa.Column("statut", sa.String(60), nullable=False),
        sa.Column("sexe", sa.String(20), nullable=False),
        sa.Column("temps_travail", sa.Float(), nullable=True),
        sa.Column("date_naissance", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["import_id"], ["workforce_imports.id"], ondelete="CASCADE",
                                name="fk_workforce_staff_rows_import_id_workforce_imports"),
        sa.PrimaryKeyConstraint("id", name="pk_workforce_staff_rows"),
    )
    op.create_index("ix_workforce_staff_rows_import_id", "workforce_staff_rows", ["import_id"])
    op.create_table(
        "workforce_column_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("header_key", sa.String(200), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workforce_column_aliases"),
        sa.UniqueConstraint("header_key", name="uq_workforce_column_aliases_header_key"),
    )
    op.create_table(
        "workforce_title_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title_key", sa.String(300), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("metier_inet", sa.String(300), nullable=True),
        sa.Column("isco08", sa.String(4), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"],
                                name="fk_workforce_title_decisions_decided_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_workforce_title_decisions"),
        sa.UniqueConstraint("title_key", name="uq_workforce_title_decisions_title_key"),
    )


def downgrade() -> None:
    op.drop_table("workforce_title_decisions")
    op.drop_table("workforce_column_aliases")
    op.drop_index("ix_workforce_staff_rows_import_id", table_name="workforce_staff_rows")
    op.drop_table("workforce_staff_rows")
    op.drop_table("workforce_imports")
