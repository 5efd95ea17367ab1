"""Load the PII engine (spaCy + Presidio) when the server starts, not on the first request.

Called in a background thread by `collectivia serve`/`demo`, so the first agent
to open an anonymous CV or send a message does not wait for the model to load.
"""


def warm_up() -> None:
    from collectivia.privacy import engine

    engine.analyzer()
