"""Load the PII engine (spaCy + Presidio) when the server starts, not on the first request.

Called by each web process once its app is built (web.lifespan), so the first agent
to open an anonymous CV or send a message does not wait for the model to load.
"""


def warm_up() -> None:
    from collectivia.privacy import engine

    engine.analyzer()
