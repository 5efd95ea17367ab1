"""When a web process starts: load the e5 model, so the first agent's question does not wait.

Called by each web process once its app is built (web.lifespan). Documents
left half-embedded by a stopped process are resumed by the job queue
(`collectivia worker`, or the in-process runner on SQLite), not here.
"""


def warm_up() -> None:
    from collectivia.knowledge import embeddings

    embeddings.embed_query("échauffement")
