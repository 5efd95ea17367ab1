"""Knowledge base: documents -> chunks -> hybrid index -> retrieval with rights.

Other domains use `knowledge.retrieval.search(session, user, question)` (rights
applied before ranking), `knowledge.service` to add, list, remove and read
documents, and `knowledge.chunking` to cut legal texts one article per chunk.
"""
