"""Scoring of PII predictions, identical to the evaluation script `score_pii.py`.

Ported from the collectivité's evaluation kit (shared/eval/score_pii.py,
Python standard library only) so that `collectivia eval pii GOLD.jsonl` prints
the same figures without the product reading the evaluation folder: per label
and micro precision/recall/F1 (exact and partial overlap), ANY-LABEL, the leak
rate per label, entity and document, and last the line
`micro_f1=0.xxx leak_rate=0.xxx`. The logic is kept line for line on purpose
(see src/collectivia/data/SOURCES.md, privacy section).
"""
import json
import sys
from collections import defaultdict

LABELS = ["PERSON", "EMAIL", "PHONE", "ADDRESS", "POSTCODE_CITY", "NIR", "IBAN",
          "DATE_OF_BIRTH", "AGENT_ID", "HEALTH", "UNION"]
LEAK_LABELS = ["PERSON", "EMAIL", "PHONE", "NIR", "IBAN", "ADDRESS"]


def warn(msg):
    sys.stderr.write("warning: " + msg + "\n")


def read_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                warn("%s:%d: invalid JSON (%s), line skipped" % (path, n, exc))
    return rows


def spans_of(obj, path, doc_id, text_len=None, text=None):
    out = set()
    for ent in obj.get("entities") or []:
        try:
            s, e, lab = int(ent["start"]), int(ent["end"]), str(ent["label"])
        except (KeyError, TypeError, ValueError):
            warn("%s: doc %s: malformed entity %r skipped" % (path, doc_id, ent))
            continue
        if e <= s or s < 0 or (text_len is not None and e > text_len):
            warn("%s: doc %s: bad offsets %r skipped" % (path, doc_id, ent))
            continue
        if text is not None and "text" in ent and text[s:e] != ent["text"]:
            warn("%s: doc %s: entity text %r does not match text[%d:%d]=%r"
                 % (path, doc_id, ent["text"], s, e, text[s:e]))
        out.add((s, e, lab))
    return out


def prf(tp_p, n_pred, tp_g, n_gold):
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def score(gold_path, gold_rows, pred_path, pred_rows):
    """Print the report for `pred_rows` against `gold_rows` (paths only name them)."""
    gold = {}
    for row in gold_rows:
        did = str(row["id"])
        gold[did] = (row["text"], spans_of(row, gold_path, did, len(row["text"]), row["text"]))
    pred: defaultdict[str, set] = defaultdict(set)
    unknown = set()
    seen_pred = set()
    for row in pred_rows:
        did = str(row.get("id"))
        if did not in gold:
            unknown.add(did)
            continue
        seen_pred.add(did)
        pred[did] |= spans_of(row, pred_path, did, len(gold[did][0]))
    if unknown:
        warn("%d predicted document id(s) not in gold ignored: %s"
             % (len(unknown), ", ".join(sorted(unknown)[:10])))
    missing = [d for d in gold if d not in seen_pred]
    if missing:
        warn("%d gold document(s) without prediction line (scored as empty)" % len(missing))

    n_gold: defaultdict[str, int] = defaultdict(int)
    n_pred: defaultdict[str, int] = defaultdict(int)
    tp_exact: defaultdict[str, int] = defaultdict(int)
    part_gold: defaultdict[str, int] = defaultdict(int)   # gold spans overlapped by a same-label prediction
    part_pred: defaultdict[str, int] = defaultdict(int)   # predictions overlapping a same-label gold span
    any_gold = any_pred = tot_gold = tot_pred = 0
    leak_chars: defaultdict[str, int] = defaultdict(int)
    leak_left: defaultdict[str, int] = defaultdict(int)
    leak_ents: defaultdict[str, int] = defaultdict(int)
    leak_ents_hit: defaultdict[str, int] = defaultdict(int)
    docs_leaking = 0
    docs_with_sensitive = 0

    for did, (text, gspans) in gold.items():
        pspans = pred.get(did, set())
        for s in gspans:
            n_gold[s[2]] += 1
        for s in pspans:
            n_pred[s[2]] += 1
        for s in gspans & pspans:
            tp_exact[s[2]] += 1
        for g in gspans:
            if any(p[2] == g[2] and overlaps(p, g) for p in pspans):
                part_gold[g[2]] += 1
        for p in pspans:
            if any(g[2] == p[2] and overlaps(p, g) for g in gspans):
                part_pred[p[2]] += 1
        tot_gold += len(gspans)
        tot_pred += len(pspans)
        any_gold += sum(1 for g in gspans if any(overlaps(p, g) for p in pspans))
        any_pred += sum(1 for p in pspans if any(overlaps(p, g) for g in gspans))

        covered = bytearray(len(text))
        for s, e, _ in pspans:
            for i in range(max(0, s), min(e, len(text))):
                covered[i] = 1
        doc_leaks = False
        doc_sensitive = False
        seen_pos = set()
        for s, e, lab in sorted(gspans):
            if lab not in LEAK_LABELS:
                continue
            positions = [i for i in range(s, e) if not text[i].isspace() and i not in seen_pos]
            seen_pos.update(positions)
            if not positions:
                continue
            doc_sensitive = True
            left = sum(1 for i in positions if not covered[i])
            leak_chars[lab] += len(positions)
            leak_left[lab] += left
            leak_ents[lab] += 1
            if left:
                leak_ents_hit[lab] += 1
                doc_leaks = True
        docs_with_sensitive += doc_sensitive
        docs_leaking += doc_leaks

    labels = LABELS + sorted(l for l in set(n_gold) | set(n_pred) if l not in LABELS)
    print("gold: %s (%d docs, %d entities) | pred: %s (%d predicted spans)"
          % (gold_path, len(gold), sum(n_gold.values()), pred_path, sum(n_pred.values())))
    print()
    head = "%-15s %5s %5s | %7s %5s %5s | %7s %5s %5s" % ("label", "gold", "pred", "P", "R", "F1",
                                                        "P", "R", "F1")
    print("%-27s | %-19s | %-19s" % ("", "exact match", "partial overlap"))
    print(head)
    print("-" * len(head))
    for lab in labels:
        if not n_gold[lab] and not n_pred[lab]:
            continue
        ep, er, ef = prf(tp_exact[lab], n_pred[lab], tp_exact[lab], n_gold[lab])
        pp, pr, pf = prf(part_pred[lab], n_pred[lab], part_gold[lab], n_gold[lab])
        flag = "" if lab in LABELS else "  (label not in schema)"
        print("%-15s %5d %5d | %7.3f %5.3f %5.3f | %7.3f %5.3f %5.3f%s"
              % (lab, n_gold[lab], n_pred[lab], ep, er, ef, pp, pr, pf, flag))
    print("-" * len(head))
    G, P = sum(n_gold.values()), sum(n_pred.values())
    ep, er, micro_f1 = prf(sum(tp_exact.values()), P, sum(tp_exact.values()), G)
    pp, pr, pf = prf(sum(part_pred.values()), P, sum(part_gold.values()), G)
    print("%-15s %5d %5d | %7.3f %5.3f %5.3f | %7.3f %5.3f %5.3f"
          % ("MICRO", G, P, ep, er, micro_f1, pp, pr, pf))
    ap, ar, af = prf(any_pred, tot_pred, any_gold, tot_gold)
    print("%-15s %5d %5d | %-19s | %7.3f %5.3f %5.3f" % ("ANY-LABEL", tot_gold, tot_pred,
                                                           "", ap, ar, af))
    print()
    print("leak: non-whitespace characters of gold %s spans not covered by any predicted span"
          % "/".join(LEAK_LABELS))
    print("%-15s %7s %7s %7s | %9s %9s" % ("label", "chars", "leaked", "rate", "entities",
                                           "w/ leak"))
    for lab in LEAK_LABELS:
        if not leak_chars[lab]:
            continue
        print("%-15s %7d %7d %7.3f | %9d %9d" % (lab, leak_chars[lab], leak_left[lab],
                                                 leak_left[lab] / leak_chars[lab],
                                                 leak_ents[lab], leak_ents_hit[lab]))
    tc, tl = sum(leak_chars.values()), sum(leak_left.values())
    leak_rate = tl / tc if tc else 0.0
    print("%-15s %7d %7d %7.3f | %9d %9d" % ("TOTAL", tc, tl, leak_rate,
                                             sum(leak_ents.values()),
                                             sum(leak_ents_hit.values())))
    print("documents with at least one leaked character: %d / %d"
          % (docs_leaking, docs_with_sensitive))
    print()
    print("micro_f1=%.3f leak_rate=%.3f" % (micro_f1, leak_rate))
    return 0
