"""ADMS-AP for the Interoperable Europe Portal: every published block, every property,
parsed back with rdflib from both the Turtle and the JSON-LD the API serves."""

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns

from bouwstenen.interop import adms
from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus
from tests.api.helpers import updated_quietly

ADMS = Namespace("http://www.w3.org/ns/adms#")
HOST = "testserver"
BASE = f"http://{HOST}"
URL = "/api/v1/adms"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _graph(client, accept: str, fmt: str) -> Graph:
    response = client.get(URL, HTTP_ACCEPT=accept, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(accept)
    assert response["Access-Control-Allow-Origin"] == "*"
    return Graph().parse(data=response.content.decode("utf-8"), format=fmt)


@pytest.fixture
def graphs(demo_loaded, client):
    # A block with a licence expression and one with quotes and a new line in its
    # summary: what the Turtle writer must escape.
    published = Bouwsteen.objects.published().order_by("naam")
    first, second = published[0], published[1]
    for pk, changes in (
        (first.pk, {"licentie": "EUPL-1.2 OR MIT"}),
        (second.pk, {"samenvatting": 'Zegt "hallo"\\ en\nmeer <b>tekst</b> é'}),
    ):
        changed = Bouwsteen.objects.filter(pk=pk)
        changed.update(**changes)
        updated_quietly(changed)
    turtle = _graph(client, "text/turtle", "turtle")
    jsonld = _graph(client, "application/ld+json", "json-ld")
    return turtle, jsonld


def test_turtle_and_json_ld_say_the_same(graphs):
    turtle, jsonld = graphs
    assert len(turtle) > 0
    assert turtle.isomorphic(jsonld)


def test_every_published_block_is_an_asset_with_every_property(graphs):
    graph = graphs[0]
    published = list(
        Bouwsteen.objects.published().select_related("organisatie").order_by("pk")
    )
    assets = set(graph.subjects(ns.RDF.type, ADMS.Asset))
    assert len(assets) == len(published) > 0
    catalogue = URIRef(f"{BASE}/api/v1/adms")
    assert (catalogue, ns.RDF.type, ns.DCAT.Catalog) in graph
    for block in published:
        node = URIRef(f"{BASE}/api/v1/bouwstenen/{block.uuid}")
        assert node in assets, block.naam
        assert (catalogue, ns.DCAT.dataset, node) in graph
        assert graph.value(node, ns.DCTERMS.title) == Literal(block.naam, lang="nl")
        assert graph.value(node, ns.DCTERMS.description) == Literal(
            block.samenvatting, lang="nl"
        )
        assert graph.value(node, ns.DCTERMS.identifier) == Literal(str(node))
        publisher = graph.value(node, ns.DCTERMS.publisher)
        organisatie = block.organisatie
        assert str(publisher) == (
            organisatie.tooi_uri or f"{BASE}/api/v1/organisaties/{organisatie.code}"
        )
        assert (publisher, ns.RDF.type, ns.FOAF.Agent) in graph
        assert graph.value(publisher, ns.FOAF.name) == Literal(
            organisatie.naam, lang="nl"
        )
        status = graph.value(node, ADMS.status)
        assert str(status) == f"{adms.ADMS_STATUS}/{adms.STATUS[block.levensfase]}"
        licence = graph.value(node, ns.DCTERMS.license)
        assert (licence, ns.RDF.type, ns.DCTERMS.LicenseDocument) in graph
        assert graph.value(licence, ns.RDFS.label) == Literal(block.licentie)
        if not {" ", "+"} & set(block.licentie):
            assert str(licence) == f"http://spdx.org/licenses/{block.licentie}"
        assert str(graph.value(node, ns.DCAT.landingPage)) == (
            f"{BASE}/bouwstenen/{block.slug}"
        )
        modified = graph.value(node, ns.DCTERMS.modified)
        assert modified.datatype == ns.XSD.dateTime
        assert modified.toPython() == block.gewijzigd_op
        keywords = {str(k) for k in graph.objects(node, ns.DCAT.keyword)}
        assert {t.naam for t in block.themas.all()} <= keywords
        assert block.get_soort_display() in keywords
        distribution = graph.value(node, ns.DCAT.distribution)
        if block.repository_url:
            assert (distribution, ns.RDF.type, ADMS.AssetDistribution) in graph
            assert str(graph.value(distribution, ns.DCAT.accessURL)) == (
                block.repository_url
            )
        else:
            assert distribution is None


def test_only_published_blocks(graphs):
    graph = graphs[0]
    text = graph.serialize(format="nt")
    hidden = Bouwsteen.objects.exclude(publicatiestatus=Publicatiestatus.GEPUBLICEERD)
    assert hidden.exists()
    for block in hidden:
        assert str(block.uuid) not in text


def test_the_catalogue_costs_the_same_queries_for_any_number_of_blocks(
    demo_loaded, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(URL, HTTP_ACCEPT="text/turtle")
    assert response.status_code == 200


def test_an_accept_it_cannot_serve_is_a_406(demo_loaded, client):
    response = client.get(URL, HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"
