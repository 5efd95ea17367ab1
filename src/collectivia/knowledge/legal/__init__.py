"""Textes à jour: the law from Légifrance's two official channels, dated version by version.

`legi` reads the DILA's LEGI open-data XML export, `piste` consults the
Légifrance API through PISTE with the collectivité's own credentials; both
produce the same `LegalText` of `ArticleVersion`s (`articles`), which `store`
merges into the knowledge base keeping every older version. `versions` says
which version was in force on a date, and what changed after the one cited.
"""
