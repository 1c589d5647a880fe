"""A visitor always knows who runs the register and whom to ask: the footer, /over, the
accessibility and privacy statements, and error pages in the site's own look."""

import json

import pytest

from django.test import RequestFactory, override_settings
from django.urls import reverse

from core import error_views

pytestmark = pytest.mark.django_db

RUNNER = {
    "REGISTRY_BEHEERDER": "Stichting Voorbeeld Registers",
    "REGISTRY_CONTACT_EMAIL": "register@voorbeeld.nl",
    "REGISTRY_CONTACT_ADRES": "Postbus 1234, 2500 AA Den Haag",
}


@override_settings(**RUNNER)
@pytest.mark.parametrize("path", ["/", "/over", "/toegankelijkheid", "/privacy"])
def test_every_page_names_the_runner_and_a_contact_address(client, path):
    html = client.get(path).content.decode()
    assert "Beheerd door Stichting Voorbeeld Registers." in html
    assert 'href="mailto:register@voorbeeld.nl"' in html
    assert f'href="{reverse("catalogus:toegankelijkheid")}"' in html
    assert f'href="{reverse("catalogus:privacy")}"' in html


@override_settings(**RUNNER)
def test_the_statements_say_what_they_must(client):
    privacy = client.get("/privacy").content.decode()
    assert "Stichting Voorbeeld Registers is verantwoordelijk" in privacy
    assert "Autoriteit Persoonsgegevens" in privacy
    assert "Postbus 1234, 2500 AA Den Haag" in privacy
    assert "Geen analyse- of trackingcookies" in privacy

    access = client.get("/toegankelijkheid").content.decode()
    assert "WCAG 2.1 op niveau AA" in access
    assert "eerste maatregelen genomen" in access  # no claim of an audit not done

    over = client.get("/over").content.decode()
    assert "Dit register wordt beheerd door Stichting Voorbeeld Registers." in over
    assert "Postbus 1234" in over


@override_settings(REGISTRY_CONTACT_EMAIL="")
def test_without_an_address_the_pages_say_so_instead_of_a_dead_link(client):
    html = client.get("/privacy").content.decode()
    assert "mailto:" not in html
    assert "nog geen contactadres ingesteld" in html


def test_the_statements_are_in_the_sitemap(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/toegankelijkheid</loc>" in sitemap
    assert "/privacy</loc>" in sitemap


@override_settings(**RUNNER)
def test_an_unknown_page_answers_404_in_the_sites_look(client):
    response = client.get("/bouwstenen/bestaat-niet-echt")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert 'action="/bouwstenen"' in html  # search on from here
    assert "register@voorbeeld.nl" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "site-footer" in html


def test_an_unknown_api_address_stays_a_problem_document(client):
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert json.loads(response.content)["status"] == 404


def test_403_explains_and_offers_a_way_on(rf):
    request = rf.get("/bouwstenen/iets")
    request.user = None
    response = error_views.permission_denied(request, Exception())
    assert response.status_code == 403
    html = response.content.decode()
    assert "U hebt geen toegang tot deze pagina" in html
    assert "lidmaatschap" in html


@pytest.mark.parametrize(
    ("handler", "status", "heading"),
    [
        (error_views.server_error, 500, "Er ging iets mis aan onze kant"),
        (
            lambda request: error_views.bad_request(request, Exception()),
            400,
            "Dit verzoek kon niet worden verwerkt",
        ),
    ],
)
def test_400_and_500_render_without_request_context(handler, status, heading):
    """Django renders these without context processors: the page needs none, so a
    failing processor cannot turn an error page into a second error."""
    response = handler(RequestFactory().get("/bouwstenen"))
    assert response.status_code == status
    html = response.content.decode()
    assert heading in html
    assert "catalogus/catalogus.css" in html  # the site's look, not Django's plain page
    assert 'href="/"' in html


def test_english_visitors_read_the_statements_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    privacy = client.get("/privacy").content.decode()
    assert "Privacy statement" in privacy
    assert "Your rights" in privacy
    access = client.get("/toegankelijkheid").content.decode()
    assert "Accessibility statement" in access
    missing = client.get("/bouwstenen/bestaat-niet-echt").content.decode()
    assert "This page does not exist (any more)" in missing
