"""spaCy's French tokenizer, with the extra cuts personal data needs.

Real documents glue values to punctuation: « Tél:0612345678 », « <jean@x.fr> »,
« Nom|Prénom », « (CGT) », « appt12/bât.B ». A detector can only mark whole
tokens, so any character that may border a value must be a token boundary.
The trained pipeline saves these rules with its weights; training calls
`customise_tokenizer` once and the shipped model carries the result.
"""

from __future__ import annotations

from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Characters that separate a value from its neighbour even without a space.
BORDERS = [r"[<>\[\]{}|«»\"“”()]", r"(?<=[A-Za-zÀ-ÿ])[:;](?=\S)", r"(?<=[A-Za-zÀ-ÿ])/(?=[\dA-Za-zÀ-ÿ])",
           r"(?<=\d)/(?=[A-Za-zÀ-ÿ])", r"(?<=[:;,])(?=\S)", r"(?<=\w)\.(?=[A-ZÀ-Ý][a-zà-ÿ])",
           r"(?<=\d)(?=[A-Za-zÀ-ÿ]{3,})", r"(?<=[a-zà-ÿ]{3})(?=\d)", r"\n"]


def customise_tokenizer(nlp) -> None:  # noqa: ANN001
    """Add the border characters to the tokenizer's prefixes, suffixes and infixes."""
    tokenizer = nlp.tokenizer
    prefixes = list(nlp.Defaults.prefixes) + [r"[<\[{|«\"“(]", r"[:;]"]
    suffixes = list(nlp.Defaults.suffixes) + [r"[>\]}|»\"”)]", r"[:;,]"]
    infixes = list(nlp.Defaults.infixes) + BORDERS
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
