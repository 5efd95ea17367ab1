"""Shared workspaces ("espaces"): a service's documents and questions, for its members only."""
