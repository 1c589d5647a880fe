"""The scanner of test_xss_corpus.py must catch what it is there to catch: every payload of
the corpus, left raw (unescaped, unsanitised) where it would run, is flagged.

A payload is written for one place: HTML for element content, Markdown for the Markdown
renderer, a quote for an attribute value. Each is put raw into the place it attacks, the
way a page would carry it if escaping or the sanitiser were forgotten, and the scanner has
to flag that page. A few payloads run nowhere when left raw (they attack a sanitiser, or
a renderer this project does not use); the scanner must not flag those, and each says why.
"""

import markdown
import pytest

from tests.security.html_check import dangers
from tests.security.xss_payloads import PAYLOADS


def _element(payload: str) -> str:
    # A value rendered with |safe, or with autoescape off.
    return f"<main><p>{payload}</p></main>"


def _attribute(payload: str) -> str:
    # A value in a double-quoted attribute without escaping.
    return f'<main><p title="{payload}">tekst</p></main>'


def _markdown(payload: str) -> str:
    # A description rendered as core.markdown does, without nh3 afterwards.
    html = markdown.markdown(
        payload, extensions=["tables", "sane_lists"], output_format="html"
    )
    return f"<main>{html}</main>"


PLACES = {"element": _element, "attribute": _attribute, "markdown": _markdown}

# Payloads that attack another place than their form suggests.
ELSEWHERE = {
    "<scr<script>ipt>alert(7331)</scr</script>ipt>": (
        "markdown",
        "as HTML a browser reads one tag named 'scr<script', which does nothing; "
        "Markdown escapes the outer parts and leaves a real <script>",
    ),
    '![plaatje](x "onerror=alert(7331)")': (
        "attribute",
        "Python-Markdown escapes the quote in a title; raw in an attribute the quote "
        "ends the value and onerror becomes an attribute",
    ),
    '[a](https://voorbeeld.example"onmouseover="alert(7331))': (
        "attribute",
        "Python-Markdown escapes the quote in a link; raw in an attribute it breaks out",
    ),
}
# Payloads that run in none of the places when left raw.
INERT_WHEN_RAW = {
    "<javascript:alert(7331)>": (
        "an autolink in CommonMark; Python-Markdown links only http(s) and ftp, and "
        "as HTML it is an element with an odd name"
    ),
    "<!--<script>alert(7331)</script>-->": (
        "a comment; it runs only if a sanitiser unwraps comments"
    ),
    "<![CDATA[<script>alert(7331)</script>]]>": (
        "outside SVG and MathML a bogus comment up to the first '>', which swallows "
        "the opening <script"
    ),
}


def _place(payload: str) -> str | None:
    """Where the payload runs when left raw, or None when it runs nowhere."""
    if payload in INERT_WHEN_RAW:
        return None
    if payload in ELSEWHERE:
        return ELSEWHERE[payload][0]
    return "element" if "<" in payload else "markdown"


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_every_payload_left_raw_where_it_runs_is_flagged(payload):
    place = _place(payload)
    if place is None:
        flagged = {p for p, page in PLACES.items() if dangers(page(payload))}
        assert flagged == set(), INERT_WHEN_RAW[payload]
    else:
        page = PLACES[place](payload)
        assert dangers(page), page


def test_the_lists_name_only_payloads_of_the_corpus():
    # A payload edited in the corpus must not leave a stale exception behind.
    assert set(ELSEWHERE) | set(INERT_WHEN_RAW) <= set(PAYLOADS)


@pytest.mark.parametrize(
    "element", ["noscript", "textarea", "title", "xmp", "noembed", "noframes", "iframe"]
)
def test_an_end_tag_inside_an_attribute_ends_a_raw_text_element(element):
    # A browser reads these elements as text up to the first end tag, also one that
    # html.parser would see inside an attribute value: the <img> after it is live.
    page = f'<{element}><p title="</{element}><img src=x onerror=alert(7331)>"></p>'
    assert any("onerror" in problem for problem in dangers(page))


def test_markup_inside_a_raw_text_element_is_text():
    # ...and what stays inside them is text, which a browser does not run.
    assert dangers("<textarea><img src=x onerror=alert(7331)></textarea>") == []


def test_in_svg_a_style_element_holds_markup():
    # In foreign content <style> is an ordinary element: the <img> in it is live, also
    # on an admin page, where our own <style> blocks are allowed.
    page = "<svg><style><img src=x onerror=alert(7331)></style></svg>"
    assert any("onerror" in problem for problem in dangers(page, allow_style=True))
