"""Background work: the Procrastinate queue on PostgreSQL, an in-process runner on SQLite."""
