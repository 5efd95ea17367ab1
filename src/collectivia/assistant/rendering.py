"""Model answers as HTML: Markdown parsed by markdown-it-py, then sanitised by nh3.

A model's answer is untrusted text: it echoes what users paste and what
attached documents say, so a prompt injection can make it write
`<script>` or `<img onerror=...>`. Two independent locks keep that inert:
markdown-it-py never passes raw HTML through (`html=False` escapes it), and
nh3 keeps only the tags and attributes listed here from whatever comes out.
Images are never loaded, nor turned into links: a Markdown image pointing at
an outside address would leak the conversation in its URL (the classic
injection exfiltration); only its description is shown.

The page must stay accessible (RGAA) whatever the model writes: its headings
start below the page's own (h3), tables get column headers and a keyboard-
scrollable frame for narrow screens, right-aligned columns a class rather
than an inline style (the CSP forbids those).
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

FIRST_HEADING_LEVEL = 3     # the page has h1 (title) and h2 (each message) above answers
TAGS = {"p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "div"}
LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+-]{1,30}")
ALLOWED_VALUES = {
    "div": {"class": {"table-scroll"}, "role": {"region"}, "tabindex": {"0"},
            "aria-label": {"Tableau"}},
    "table": {"class": {"table"}},
    "th": {"scope": {"col"}, "class": {"num"}},
    "td": {"class": {"num"}},
}


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "code" and name == "class":
        return value if LANGUAGE_CLASS.fullmatch(value) else None
    return value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=TAGS, clean_content_tags={"script", "style"},
        attributes={"a": {"href", "title"}, "ol": {"start"}, "code": {"class"}},
        tag_attribute_values=ALLOWED_VALUES, attribute_filter=_filter_attribute,
        url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow",
        strip_comments=True)


def _heading_open(self, tokens, idx, options, env):
    token = tokens[idx]
    level = min(6, int(token.tag[1]) + FIRST_HEADING_LEVEL - 1)
    return f"<h{level}>"


def _heading_close(self, tokens, idx, options, env):
    level = min(6, int(tokens[idx].tag[1]) + FIRST_HEADING_LEVEL - 1)
    return f"</h{level}>\n"


def _table_open(self, tokens, idx, options, env):
    return '<div class="table-scroll" role="region" tabindex="0" aria-label="Tableau">' \
           '<table class="table">\n'


def _table_close(self, tokens, idx, options, env):
    return "</table></div>\n"


def _image(self, tokens, idx, options, env):
    alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
    return escape(f"[image non affichée : {alt}]")


def _cell_open(self, tokens, idx, options, env):
    token = tokens[idx]
    attributes = ' scope="col"' if token.tag == "th" else ""
    if "right" in str(token.attrGet("style") or ""):
        attributes += ' class="num"'
    return f"<{token.tag}{attributes}>"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = (MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                        "breaks": True})
              .enable(["table", "strikethrough"]))
    for name, rule in {"heading_open": _heading_open, "heading_close": _heading_close,
                       "table_open": _table_open, "table_close": _table_close,
                       "th_open": _cell_open, "td_open": _cell_open, "image": _image}.items():
        parser.add_render_rule(name, rule)
    return parser


def sanitise(html: str) -> str:
    """Only the tags and attributes listed above survive (the second lock, after the parser)."""
    return _cleaner().clean(html)


def render_markdown(text: str) -> Markup:
    """The answer as safe HTML, ready to put in a page."""
    if not text:
        return Markup("")
    return Markup(sanitise(_parser().render(text)))
