"""Comptes rendus de réunion à partir d'un enregistrement audio."""
