"""Build the compact ILO exposure file shipped with the workforce module.

The ILO publishes its refined generative-AI exposure index (Gmyrek, Berg,
Kamiński, Konopczyński, Ładna, Nafradi, Rosłaniec & Troszyński, ILO Working
Paper 140, 2025) as a 2.6 MB workbook with one row per ISCO-08 task and long
model justifications. The product needs, per 4-digit ISCO-08 code, the
occupation's mean scores (2023 and 2025), their standard deviations, the 2025
gradient, and each task with its two scores — nothing else. This script keeps
exactly that, as gzipped JSON (about 120 kB), so the product never reads the
workbook at run time.

Usage (from the repository root):
    python scripts/build_workforce_ilo.py \
        ../shared/data/ilo/Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx \
        src/collectivia/data/workforce/ilo_2025_isco08.json.gz
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import openpyxl

COLUMNS = ("ISCO_08", "Title", "taskID", "Task_ISCO", "score_2023", "score_2025",
           "mean_score_2023", "mean_score_2025", "SD_2023", "SD_2025", "potential25",
           "potential23")


def _number(value) -> float | None:
    return None if value in (None, "") else round(float(value), 4)


def build(source: Path) -> dict:
    workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = list(next(rows))
    index = {name: header.index(name) for name in COLUMNS}
    occupations: dict[str, dict] = {}
    for row in rows:
        code = str(row[index["ISCO_08"]]).strip()
        if not code or code == "None":
            continue
        occupation = occupations.setdefault(code, {
            "titre": row[index["Title"]],
            "mean_score_2023": _number(row[index["mean_score_2023"]]),
            "mean_score_2025": _number(row[index["mean_score_2025"]]),
            "sd_2023": _number(row[index["SD_2023"]]),
            "sd_2025": _number(row[index["SD_2025"]]),
            "potential25": row[index["potential25"]],
            "potential23": row[index["potential23"]],
            "taches": [],
        })
        occupation["taches"].append([int(row[index["taskID"]]), row[index["Task_ISCO"]],
                                     _number(row[index["score_2023"]]),
                                     _number(row[index["score_2025"]])])
    workbook.close()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return {
        "source": "ILO Working Paper 140 (2025), Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx",
        "source_sha256": digest,
        "colonnes_taches": ["taskID", "Task_ISCO", "score_2023", "score_2025"],
        "occupations": dict(sorted(occupations.items())),
    }


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit(__doc__)
    source, target = Path(argv[0]), Path(argv[1])
    data = build(source)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    # mtime=0: the same workbook always gives the same bytes
    target.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    tasks = sum(len(o["taches"]) for o in data["occupations"].values())
    print(f"{len(data['occupations'])} codes ISCO-08, {tasks} tâches -> {target} "
          f"({target.stat().st_size // 1024} Kio)")


if __name__ == "__main__":
    main(sys.argv[1:])
