"""`python -m collectivia ...` is the same as the `collectivia` command."""

from collectivia.cli import app

app()
