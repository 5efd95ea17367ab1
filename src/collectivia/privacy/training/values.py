"""Personal values as people write them, already wrapped in the inline markup.

`Values` draws one person or one identifier at a time from the lexicon's
distributions and renders it in one of the many shapes real documents use
(capitals, initials, lowercase chat, OCR noise, spaced or packed numbers,
addresses on one line or five).
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from collectivia.privacy.recognizers.numbers import nir_key
from collectivia.privacy.training import lexicon as lx

OCR_SWAPS = {"o": "0", "O": "0", "l": "1", "I": "l", "i": "1", "e": "c", "S": "5", "B": "8",
             "a": "à", "rn": "m", "m": "rn", "E": "F", "u": "ii", "g": "q"}
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


def mark(label: str, value: str) -> str:
    return f"[[{label}|{value}]]"


def ocr(value: str, rng: random.Random, rate: float = 0.08) -> str:
    """Scanner noise: a digit for a letter, a letter for a digit, here and there."""
    out, i = [], 0
    while i < len(value):
        two = value[i:i + 2]
        if two in OCR_SWAPS and rng.random() < rate:
            out.append(OCR_SWAPS[two])
            i += 2
            continue
        ch = value[i]
        out.append(OCR_SWAPS[ch] if ch in OCR_SWAPS and rng.random() < rate else ch)
        i += 1
    return "".join(out)


@dataclass
class Person:
    first: str
    last: str
    sex: str          # "f" or "m"
    birth_year: int
    origin: str

    @property
    def civility(self) -> str:
        return "Mme" if self.sex == "f" else "M."

    @property
    def civility_long(self) -> str:
        return "Madame" if self.sex == "f" else "Monsieur"

    def e(self, feminine: str = "e") -> str:
        """The feminine ending when the person is a woman (« né » / « née »)."""
        return feminine if self.sex == "f" else ""


class Values:
    def __init__(self, rng: random.Random, noisy: float = 0.0, lower: bool = False):
        self.rng = rng
        self.noisy = noisy      # OCR noise rate applied to names and numbers
        self.lower = lower      # chat style: everything lowercase

    # --- people -------------------------------------------------------------
    def person(self, sex: str | None = None, origin: str | None = None,
               min_year: int = 1958, max_year: int = 2003) -> Person:
        rng = self.rng
        sex = sex or rng.choice("fm")
        origin = origin or rng.choices(list(lx.ORIGIN_WEIGHTS),
                                       weights=list(lx.ORIGIN_WEIGHTS.values()))[0]
        year = rng.randint(min_year, max_year)
        if origin == "france":
            first = lx.zipf_pick(rng, lx.french_first_names(sex, year // 10 * 10 + 1), 1.0)
            last = lx.title_case(lx.zipf_pick(rng, lx.french_surnames(), 0.85))
            if rng.random() < 0.04:
                last = f"{last}-{lx.title_case(lx.zipf_pick(rng, lx.french_surnames(), 0.9))}"
            if rng.random() < 0.03:
                last = f"{rng.choice(lx.PARTICLES)} {last}".replace("' ", "'")
            if rng.random() < 0.08:
                other = lx.zipf_pick(rng, lx.french_first_names(sex, year // 10 * 10 + 1), 1.0)
                if other != first:
                    first = f"{first}-{other}"
        else:
            firsts, lasts = lx.ORIGINS[origin]
            first = rng.choice(_split_names(firsts))
            last = rng.choice(_split_names(lasts))
        return Person(first, last, sex, year, origin)

    def name(self, p: Person, style: str | None = None) -> str:
        """One mention of a person, marked; the civility, when any, stays outside."""
        style = style or self.rng.choices(
            ["full", "FULL_LAST", "LAST_first", "initial", "last", "first", "civ_last",
             "initials_hyphen", "LAST"],
            weights=[30, 18, 8, 6, 8, 8, 14, 2, 6])[0]
        prefix = ""
        if style == "civ_last" or (style in ("full", "FULL_LAST") and self.rng.random() < 0.3):
            prefix = self.rng.choice([p.civility, p.civility, p.civility_long]) + " "
        return prefix + self.mark_name(p, style)

    def mark_name(self, p: Person, style: str) -> str:
        """The name alone, marked, in one of the shapes documents use."""
        rng = self.rng
        first, last = p.first, p.last
        text = {
            "full": f"{first} {last}",
            "FULL_LAST": f"{first} {last.upper()}",
            "LAST_first": f"{last.upper()} {first}",
            "initial": f"{first[0]}. {last}",
            "initials_hyphen": f"{_initials(first)} {last[0]}." if rng.random() < 0.5
            else f"{_initials(first)} {last}",
            "last": last, "LAST": last.upper(), "first": first, "civ_last": last,
        }[style]
        if self.lower:
            text = text.lower()
        if self.noisy:
            text = ocr(text, rng, self.noisy)
        return mark("PERSON", text)

    # --- identifiers ----------------------------------------------------------
    def phone(self) -> str:
        rng = self.rng
        mobile = rng.random() < 0.7
        digits = [rng.choice("67") if mobile else rng.choice("12345989")] + [
            str(rng.randint(0, 9)) for _ in range(8)]
        pairs = ["0" + digits[0]] + ["".join(digits[i:i + 2]) for i in range(1, 9, 2)]
        shape = rng.choices(["spaced", "dots", "packed", "dashes", "intl", "intl0", "00",
                             "foreign"], weights=[40, 14, 14, 6, 10, 4, 4, 8])[0]
        if shape == "spaced":
            value = " ".join(pairs)
        elif shape == "dots":
            value = ".".join(pairs)
        elif shape == "packed":
            value = "".join(pairs)
        elif shape == "dashes":
            value = "-".join(pairs)
        elif shape == "intl":
            value = "+33 " + pairs[0][1] + " " + " ".join(pairs[1:])
        elif shape == "intl0":
            value = "+33 (0)" + pairs[0][1] + " " + " ".join(pairs[1:])
        elif shape == "00":
            value = "0033 " + pairs[0][1] + " " + " ".join(pairs[1:])
        else:
            value = rng.choice(["+32 4{} {} {} {}", "+41 79 {} {} {}", "+212 6 {} {} {} {}",
                                "+44 7{} {} {} {}", "+49 151 {} {} {}", "+262 692 {} {} {}",
                                "0262 {} {} {}", "0596 {} {} {}", "0690 {} {} {}",
                                "+213 5{} {} {} {}", "+351 91 {} {} {}"])
            value = value.format(*[f"{rng.randint(0, 99):02d}" for _ in range(5)])
        if self.noisy:
            value = ocr(value.replace("0", "O") if rng.random() < 0.3 else value, rng, self.noisy)
        return mark("PHONE", value)

    def email(self, p: Person | None = None, professional: bool = False) -> str:
        rng = self.rng
        p = p or self.person()
        first, last = _ascii(p.first).replace(" ", ""), _ascii(p.last).replace(" ", "")
        local = rng.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}",
                            f"{last}.{first}", f"{first}_{last}", f"{first}.{last}{rng.randint(1, 99)}",
                            f"{first[0]}.{last}", f"{last}{rng.randint(60, 99)}", f"{first}-{last}"])
        domain = rng.choice(
            ["ville-" + _ascii(rng.choice(lx.COMMUNES)[0]).replace(" ", "-") + ".fr",
             "mairie-" + _ascii(rng.choice(lx.COMMUNES)[0]).replace(" ", "") + ".fr",
             "cdg" + str(rng.randint(1, 95)) + ".fr", "departement" + str(rng.randint(1, 95)) + ".fr",
             "agglo-" + _ascii(rng.choice(lx.COMMUNES)[0])[:8] + ".fr"] if professional else
            ["gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "hotmail.fr", "yahoo.fr",
             "outlook.fr", "laposte.net", "sfr.fr", "icloud.com", "protonmail.com", "live.fr"])
        value = f"{local}@{domain}".lower()
        if rng.random() < 0.1 and not self.lower:
            value = value.replace(local.lower(), local.title(), 1)
        return mark("EMAIL", value)

    def nir(self, p: Person | None = None, valid: bool = True) -> str:
        rng = self.rng
        p = p or self.person()
        sex = "2" if p.sex == "f" else "1"
        year = f"{p.birth_year % 100:02d}"
        month = f"{rng.randint(1, 12):02d}"
        dept = rng.choice([f"{rng.randint(1, 95):02d}"] * 8 + ["2A", "2B", "99", "97"])
        commune = f"{rng.randint(1, 999):03d}" if dept != "97" else f"{rng.randint(100, 499):03d}"
        if dept == "97":
            dept, commune = "97", commune
        order = f"{rng.randint(1, 999):03d}"
        key = nir_key(sex + year + month + dept + commune + order)
        if not valid:
            key = (key + rng.randint(1, 50)) % 97 + 1
        parts = [sex, year, month, dept, commune, order, f"{key:02d}"]
        shape = rng.random()
        text = (" ".join(parts) if shape < 0.55 else "".join(parts) if shape < 0.85
                else "".join(parts[:-1]) + " " + parts[-1] if shape < 0.95 else ".".join(parts))
        return mark("NIR", ocr(text, rng, self.noisy) if self.noisy else text)

    def iban(self) -> str:
        rng = self.rng
        bban = "".join(str(rng.randint(0, 9)) for _ in range(10)) + "".join(
            rng.choice(string.digits + "ABCDEFGHJK") for _ in range(11)) + f"{rng.randint(0, 99):02d}"
        digits = "".join(str(int(ch, 36)) for ch in bban + "FR00")
        check = 98 - int(digits) % 97
        compact = f"FR{check:02d}{bban}"
        text = " ".join(compact[i:i + 4] for i in range(0, len(compact), 4)) \
            if rng.random() < 0.7 else compact
        return mark("IBAN", text)

    def date_of_birth(self, p: Person) -> str:
        rng = self.rng
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        year = p.birth_year
        value = rng.choices([
            f"{day:02d}/{month:02d}/{year}", f"{day} {MONTHS[month - 1]} {year}",
            f"{day:02d}.{month:02d}.{year}", f"{day:02d}-{month:02d}-{year}", f"{year}",
            f"{day:02d}/{month:02d}/{year % 100:02d}", f"{'1er' if day == 1 else day} "
            f"{MONTHS[month - 1]} {year}"], weights=[40, 20, 6, 6, 12, 8, 8])[0]
        return mark("DATE_OF_BIRTH", ocr(value, rng, self.noisy) if self.noisy else value)

    def agent_id(self) -> str:
        rng = self.rng
        value = rng.choice([f"{rng.randint(1, 99999):05d}", f"{rng.randint(1, 999999):06d}",
                            f"M{rng.randint(1000, 99999)}", f"A-{rng.randint(100, 9999)}",
                            f"{rng.randint(10000, 9999999)}", f"AG{rng.randint(1000, 9999)}",
                            f"{rng.randint(100, 999)}-{rng.randint(100, 999)}"])
        return mark("AGENT_ID", value)

    # --- places -----------------------------------------------------------------
    def commune(self) -> tuple[str, str]:
        return self.rng.choice(lx.COMMUNES)

    def postcode_city(self) -> str:
        rng = self.rng
        city, code = self.commune()
        value = rng.choice([f"{code} {city}", f"{code} {city}", f"{city} ({code})",
                            f"{code} {city.upper()}", f"{city} {code}"])
        return mark("POSTCODE_CITY", value.lower() if self.lower else value)

    def street_line(self) -> str:
        rng = self.rng
        kind = rng.choice(lx.STREET_TYPES)
        name = rng.choice(lx.STREET_NAMES)
        if rng.random() < 0.15:
            p = self.person()
            name = f"{p.first} {p.last}"
        number = rng.choices(["", f"{rng.randint(1, 180)}", f"{rng.randint(1, 60)} bis",
                              f"{rng.randint(1, 40)}ter", f"{rng.randint(1, 250)},",
                              f"{rng.randint(1, 30)} B"], weights=[18, 60, 6, 2, 10, 4])[0]
        if rng.random() < 0.15:
            kind = kind.capitalize()
        return f"{number} {kind} {name}".strip()

    def address(self, multiline: bool | None = None, indent: str = "") -> str:
        """A home address, on one line or several, sometimes without any street number."""
        rng = self.rng
        city, code = self.commune()
        shape = rng.choices(["street", "lieu_dit", "residence", "building", "hostel"],
                            weights=[50, 12, 14, 16, 8])[0]
        lines: list[str] = []
        if shape == "lieu_dit":
            lines.append(rng.choice(["", "Lieu-dit ", "Hameau ", "lieudit ", "Ferme de "])
                         + rng.choice(lx.LIEUX_DITS))
        elif shape in ("residence", "hostel"):
            res = rng.choice(lx.RESIDENCES)
            if shape == "hostel":
                res = rng.choice(["Foyer Adoma", "FJT Le Relais", "Résidence sociale Coallia",
                                  "EHPAD Les Magnolias", "Foyer de jeunes travailleurs Les Compagnons",
                                  "Centre d'hébergement Emmaüs", "Résidence Habitat Jeunes"])
                lines.append(res + rng.choice([f", chambre {rng.randint(1, 240)}",
                                               f" – ch. {rng.randint(1, 99)}", ""]))
            else:
                lines.append(res + rng.choice(["", ", " + _building(rng)]))
            lines.append(self.street_line())
        elif shape == "building":
            lines.append(_building(rng))
            lines.insert(rng.randint(0, 1), self.street_line())
        else:
            lines.append(self.street_line())
        town = rng.choice([f"{code} {city}", f"{code} {city.upper()}", f"{code}  {city}",
                           f"{city} {code}", f"{code} {city} Cedex"])
        lines.append(town)
        if rng.random() < 0.05:
            lines.pop()  # sometimes the town is elsewhere or missing
        if self.lower or rng.random() < 0.05:
            lines = [line.lower() for line in lines]
        elif rng.random() < 0.08:
            lines = [line.upper() for line in lines]
        multiline = rng.random() < 0.5 if multiline is None else multiline
        joined = ("\n" + indent).join(lines) if multiline else rng.choice([", ", " – ", " - ", ", "]).join(lines)
        return mark("ADDRESS", ocr(joined, rng, self.noisy) if self.noisy else joined)

    # --- special categories ------------------------------------------------------
    def health(self, category: str | None = None) -> str:
        rng = self.rng
        category = category or rng.choices(list(lx.HEALTH_TERMS),
                                           weights=[34, 10, 8, 12, 8, 8, 20])[0]
        term = rng.choice(lx.HEALTH_TERMS[category])
        return mark("HEALTH", term.lower() if self.lower else term)

    def union(self, p: Person | None = None) -> str:
        rng = self.rng
        org = rng.choice(lx.UNION_ORGS)
        role = rng.choice(lx.UNION_ROLES)
        if p is not None and p.sex == "m":
            role = role.replace("déléguée", "délégué").replace("représentante", "représentant") \
                .replace("élue", "élu").replace("trésorière", "trésorier").replace("adhérente", "adhérent") \
                .replace("militante", "militant").replace("syndiquée", "syndiqué").replace("générale", "général") \
                .replace("mandatée", "mandaté")
        value = rng.choices([org, f"{role} {org}", f"{role} {org}"], weights=[35, 45, 20])[0]
        return mark("UNION", value.lower() if self.lower else value)


def _building(rng: random.Random) -> str:
    template = rng.choice(lx.BUILDING_LINES)
    return template.format(L=rng.choice("ABCDEFGH"), n=rng.randint(1, 9), nn=rng.randint(1, 120))


def _split_names(field: str) -> list[str]:
    """Space-separated names, keeping multi-word ones (« Da Silva », « Le Gall ») together."""
    words, names = field.split(), []
    joiners = {"Da", "Dos", "De", "Di", "Le", "El", "Ait", "Van", "Ben"}
    i = 0
    while i < len(words):
        if words[i] in joiners and i + 1 < len(words):
            names.append(words[i] + " " + words[i + 1])
            i += 2
        else:
            names.append(words[i])
            i += 1
    return names


def _initials(first: str) -> str:
    return "-".join(part[0] + "." for part in first.split("-"))


def _ascii(value: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("'", "")
