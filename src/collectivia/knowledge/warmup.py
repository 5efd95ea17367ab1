"""When the server starts: load the e5 model, and finish embedding uploads left pending.

Called in a background thread by `collectivia serve`/`demo`: the first agent's
question does not wait for the model, and a document whose vectors were being
computed when the server stopped gets them without anyone opening a page.
"""


def warm_up() -> None:
    from collectivia.core.db import Database
    from collectivia.knowledge import embedding_jobs, embeddings
    from collectivia.settings import get_settings

    embeddings.embed_query("échauffement")
    # the same per-database worker an upload starts, so the two never embed side by side
    embedding_jobs.start(Database(get_settings().resolved_database_url()))
