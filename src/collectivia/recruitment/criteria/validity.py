"""Whether a certification is still valid: « Habilitation électrique BR en cours de validité ».

A certification named « en cours de validité » (or « valide », « à jour ») is
valid from a month the posting gives (« délivrée ou recyclée en 10/2022 ou
après »), else for the years its definition states (« validité de 3 ans »),
else for the renewal period the regulations set for the common ones. The CV
line's latest date is when it was obtained or last renewed; a line without a
date cannot be judged out of date, so it is left to the other rules.
"""

from __future__ import annotations

import re

from collectivia.recruitment.cv import MONTHS, fold, month_index

# « … de moins de 3 ans », « … (depuis 10/2022) » ask for a recent one just as « en cours de validité ».
ASKS_VALIDITY = re.compile(r"en cours de validite|\bvalides?\b|\ba jour\b|non perime|non expire"
                           r"|de moins de \d{1,2} ans|\bdepuis (?:\d{1,2}/)?(?:19|20)\d\d\b")
# A definition that dates it, the verb right before its month: « obtenue ou recyclée en 10/2022 ou
# après », « délivrée ou recyclée après le 01/09/2022 », « délivré depuis le 1er septembre 2020 ».
# Not a start date (« poste à pourvoir à compter du 01/09/2025 ») nor the noun « date ».
_DAY_MONTH_YEAR = r"(?:le |du )?(?:\d{1,2}(?:er)?[/ ])?(?:0?[1-9]|1[0-2]|[a-z]{3,9})[/ ](?:19|20)\d\d"
DATED_IN_RULE = re.compile(r"\b(?:obtenue?|recyclee?|delivree?|renouvelee?)s?\b(?:\s+ou\s+\w+)?\s+"
                           r"(?:en\s+(?:0?[1-9]|1[0-2])/(?:19|20)\d\d\s+ou\s+(?:apres|plus tard|posterieure?)"
                           r"|(?:apres|depuis)\s+" + _DAY_MONTH_YEAR + r"|posterieure?s?\s+(?:au |a )?" + _DAY_MONTH_YEAR + ")")

# Renewal periods in years: habilitation électrique (NF C18-510, recyclage recommandé 3 ans), CACES
# (R489: 5 ans), SST (24 mois), PSE1/PSE2 (formation continue annuelle), BNSSA (5 ans), AIPR (5 ans),
# FIMO/FCO (5 ans).
RENEWAL_YEARS = {r"habilitation electrique|\bb[12]v\b|\bbr\b": 3, r"\bcaces\b": 5, r"\bsst\b": 2,
                 r"\bpse ?[12]\b": 1, r"\bbnssa\b": 5, r"\baipr\b": 5, r"\bfimo\b|\bfco\b": 5}

# Certificates that never lapse: the PSC1 (and the AFPS before it) has no compulsory renewal, so
# « PSC1 (2019) » under « PSC1 ou SST à jour » is valid whatever SST's 24 months say.
LIFELONG = re.compile(r"\bpsc ?1\b|\bafps\b")


def lifelong(folded_line: str) -> bool:
    """The line names a certificate that never lapses, and none that does."""
    return bool(LIFELONG.search(folded_line)) and not any(re.search(p, folded_line) for p in RENEWAL_YEARS)


_MONTHS_STATED = re.compile(r"(?<!\d)(\d{1,2})[/.-]((?:19|20)\d\d)(?!\d)|((?:19|20)\d\d)[-/](0[1-9]|1[0-2])(?!\d)"
                            r"|\b([a-z]{3,9})\.?\s+((?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def valid_from(criterion: str, definition: str, today: int) -> int | None:
    """The first month a certification obtained or renewed then is still valid, or None when the
    criterion does not ask for validity (the criterion's own words: a definition's « validé » is
    no such request)."""
    text, rule = fold(criterion), fold(definition)
    if not (ASKS_VALIDITY.search(text) or re.search(r"en cours de validite|validite de \d", rule)
            or DATED_IN_RULE.search(rule)):
        return None
    given = DATED_IN_RULE.search(rule)
    if given:
        return _first_month(given.group(0))
    if today <= 0:
        return None
    stated = re.search(r"validite\s+(?:de\s+)?(\d{1,2})\s*ans", rule)
    years = int(stated.group(1)) if stated else next(
        (y for pattern, y in RENEWAL_YEARS.items() if re.search(pattern, text)), None)
    # obtained N years ago this very month: still valid this month
    return today - 12 * years if years else None


def _first_month(phrase: str) -> int:
    """The month a rule's phrase names (« après le 01/09/2022 » -> 09/2022, « en 10/2022 ou après »)."""
    return min(_months(phrase, year_month=1))


def latest_month(folded_line: str) -> int | None:
    """The latest month a line dates; a year alone (« recyclage 2024 », « 2015-2024 ») counts as its
    December, to the candidate's benefit."""
    months = _months(folded_line)
    return max(months) if months else None


# What says a certificate's future date is when it lapses, not when it will be obtained.
VALID_UNTIL = re.compile(r"jusqu|\bexpir|fin de validite|valable|\bvalides?\b|prochain recyclage|a renouveler"
                         r"|\becheance")


def planned(folded_line: str, today: int) -> bool:
    """Every date on the line is still to come (« je passe le CACES R486 B en octobre 2025 »): a
    certification not obtained yet. A year alone counts as its January here, to the candidate's
    benefit again (« 2025 » may be already done in a 09/2025 screening)."""
    if VALID_UNTIL.search(folded_line):
        return False          # « valide jusqu'au 06/2026 »: the future date is when it lapses
    months = _months(folded_line, year_month=1)
    return bool(months) and today > 0 and min(months) > today


def planned_until(folded_line: str, today: int) -> bool:
    """The line is dated into the months to come (« (09/2024 – 06/2026) », « examen en juin
    2026 »): what it names is under way; a year alone counts as its January."""
    months = _months(folded_line, year_month=1)
    return bool(months) and today > 0 and max(months) > today and not VALID_UNTIL.search(folded_line)


def _months(folded_line: str, year_month: int = 12) -> list[int]:
    months, covered = [], []
    for m in _MONTHS_STATED.finditer(folded_line):
        if m.group(1):
            months.append(month_index(int(m.group(2)), int(m.group(1))))
        elif m.group(3):
            months.append(month_index(int(m.group(3)), int(m.group(4))))
        elif m.group(5) in MONTHS:
            months.append(month_index(int(m.group(6)), MONTHS[m.group(5)]))
        else:
            continue          # « recyclage 2024 »: the year alone is read below
        covered.append((m.start(), m.end()))
    months += [month_index(int(y.group(1)), year_month) for y in _YEAR.finditer(folded_line)
               if not any(a <= y.start() < b for a, b in covered)]
    return months


# What a candidate writes of a certification that lapsed: its date is then when it lapsed, not when
# it was renewed (« obtenu en 07/2020 – à recycler (expiré depuis 07/2025) »).
LAPSED = re.compile(r"\bexpire|\bperime|\ba (?:recycler|repasser)\b|\ben cours de recyclage\b"
                    r"|\bplus (?:valide|a jour)\b"
                    r"|\bnon (?:renouvele|recycle)|\bcaduc")


def expired(folded_line: str, first_valid: int | None) -> bool:
    """Said to have lapsed, or dated before the first valid month."""
    if first_valid is None:
        return False
    if LAPSED.search(folded_line):
        return True
    latest = latest_month(folded_line)
    return latest is not None and latest < first_valid
