"""Markdown to safe HTML: rendered by Python-Markdown, then cleaned by nh3 with an allow-list.

Everything a user types goes through here before it reaches a page, the admin preview or
a feed. Links that leave the site get ``rel="noopener nofollow"``.
"""

import html

import markdown as md
import nh3

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    html = md.markdown(
        text or "", extensions=["tables", "sane_lists"], output_format="html"
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything not allowed


def plain_text(text: str) -> str:
    """The words of a Markdown text without markup or entities, as plain text (to be
    escaped by whoever shows it: a summary, a meta description, a feed entry)."""
    return " ".join(html.unescape(strip_tags(render_markdown(text))).split())
