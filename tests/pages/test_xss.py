"""What people type (beschrijving, ervaring) is Markdown, rendered and then sanitised:
no payload can put a script, an event handler or a javascript: link on a page."""

import re

import pytest

from django.urls import reverse

from registry.models import Organisatie
from tests.pages.conftest import make_block, reuse

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss-1')</script>",
    "<img src=x onerror=\"alert('xss-2')\">",
    "[klik](javascript:alert('xss-3'))",
    '<a href="#" onclick="alert(\'xss-4\')">link</a>',
    "<svg onload=alert('xss-5')></svg>",
    "<iframe src=\"javascript:alert('xss-6')\"></iframe>",
    '<p style="x" onmouseover="alert(\'xss-7\')">tekst</p>',
    "**vet** <scr<script>ipt>alert('xss-8')</script>",
    '"><script>alert("xss-9")</script>',
]
TEXT = "\n\n".join(PAYLOADS)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


def assert_clean(html: str, where: str) -> None:
    # Our own pages carry exactly one script: the static file, never inline code.
    scripts = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
    assert all('src="/static/' in tag for tag in scripts), (where, scripts)
    assert not HANDLER.search(html), (where, HANDLER.search(html))
    assert not JS_URL.search(html), (where, JS_URL.search(html))
    assert "<iframe" not in html.lower(), where
    assert "<svg onload" not in html.lower(), where


def test_markdown_cannot_inject_script(client):
    bouwsteen = make_block(naam="Veilige weergave", beschrijving=TEXT)
    other = Organisatie.objects.get(code="GM0344")
    reuse(bouwsteen, other, ervaring=TEXT, resultaten=TEXT)

    pages = [
        reverse("catalogus:bouwsteen", args=[bouwsteen.slug]),
        reverse("catalogus:home"),
        reverse("catalogus:organisatie", args=[other.code]),
        reverse("catalogus:thema", args=["jeugdzorg"]),
        reverse("catalogus:zoeken") + "?q=" + "<script>alert('q')</script>",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_clean(response.content.decode(), url)

    detail = client.get(pages[0]).content.decode()
    # The harmless parts survive: the text is shown, only the danger is gone.
    assert "<strong>vet</strong>" in detail
    assert "Veilige weergave" in detail


def test_query_is_escaped_in_highlighting(client):
    make_block(naam="Dashboard <b>vet</b> en jeugd")
    response = client.get(reverse("catalogus:zoeken"), {"q": "dashboard"})
    html = response.content.decode()
    assert "<mark>Dashboard</mark> &lt;b&gt;vet&lt;/b&gt;" in html
