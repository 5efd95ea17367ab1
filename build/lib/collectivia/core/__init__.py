"""Kernel every domain may use: database, users and roles, auth, audit log, errors."""
