"""Cartographie des métiers exposés à l'IA générative (the INET tool, done right).

A collectivité imports its staff table (tableau des effectifs); each job title
is matched to the 209 CNFPT titles of the INET 2024 study, each of those to an
ISCO-08 occupation, and each occupation to the ILO exposure scores (2023 and
2025 indexes, task by task). Results are counted per direction, service,
filière, catégorie, sexe, cadre d'emplois and statut.
"""
