"""Stacked bar charts drawn on the server as SVG: no JavaScript, readable in the PDF report.

Each bar is one group (a direction, a filière...) split into exposure levels
as shares of its agents. The chart is an `img` with a title and a
description; the table printed right after it gives the same figures for
screen-reader users and for anyone who prefers numbers.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from collectivia.core.french import accord
from collectivia.workforce.reference import (
    CONCERNES, NIVEAU_INET_INDISPONIBLE, NON_RAPPROCHE, PAS, PEU, SCORE_INDISPONIBLE, TRES)

COLOURS = {
    TRES: "#8b1014", CONCERNES: "#d9480f", PEU: "#f2b705", PAS: "#2f7d4f",
    "Exposé — gradient 4": "#5c0a0d", "Exposé — gradient 3": "#8b1014",
    "Exposé — gradient 2": "#d9480f", "Exposé — gradient 1": "#f2b705",
    "Exposition minimale": "#8fbf9a", "Non exposé": "#2f7d4f",
    SCORE_INDISPONIBLE: "#6b6b6b", NIVEAU_INET_INDISPONIBLE: "#6b6b6b", NON_RAPPROCHE: "#c8c8c8",
}
LABEL_WIDTH = 230
BAR_WIDTH = 420
ROW = 26


def colour(level: str) -> str:
    return COLOURS.get(level, "#999999")


def _clip(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stacked_bars(chart_id: str, title: str, table: dict[str, dict[str, int]],
                 levels: tuple[str, ...]) -> Markup:
    """A 100 % stacked horizontal bar per group, with a legend of the levels shown."""
    used = [lv for lv in levels if any(counts.get(lv) for counts in table.values())]
    legend_rows = (len(used) + 2) // 3
    height = 10 + ROW * len(table) + 14 + 22 * legend_rows
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="wf-chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">Part des agents de chaque groupe par niveau d\'exposition. '
             'Le tableau qui suit donne les mêmes chiffres.</desc>']
    y = 10
    for group, counts in table.items():
        total = sum(counts.values())
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" '
                     f'font-size="12" fill="#1e1e1e">{escape(_clip(group))}</text>')
        x = float(LABEL_WIDTH)
        for level in used:
            n = counts.get(level, 0)
            if not n or not total:
                continue
            w = BAR_WIDTH * n / total
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ROW - 6}" '
                         f'fill="{colour(level)}"><title>{escape(group)} — {escape(level)} : '
                         f'{accord(n, "agent")}, {100 * n / total:.0f} %</title></rect>')
            x += w
        parts.append(f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + 15}" font-size="12" '
                     f'fill="#1e1e1e">{total}</text>')
        y += ROW
    y += 14
    for i, level in enumerate(used):
        lx = 10 + (i % 3) * 230
        ly = y + (i // 3) * 22
        parts.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{colour(level)}"/>'
                     f'<text x="{lx + 20}" y="{ly + 12}" font-size="12" fill="#1e1e1e">'
                     f'{escape(level)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
