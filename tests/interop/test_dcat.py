"""The DCAT-AP 3 catalogue: content, and conformance to the SHACL shapes.

The shapes are the verbatim DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 files in ../shared/checks/
dcat-ap/ beside the repository. Without that folder the test skips with the reason, and
in CI that skip fails the run (tests/ci.py). rdflib and pyshacl are dev dependencies.
"""

import json
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from bouwstenen.interop.dcat import dcat_catalogue
from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus
from tests.api.helpers import updated_quietly

SHAPES = Path(__file__).resolve().parents[2].parent / "shared" / "checks" / "dcat-ap"
# Every file that checks data on its own (imports.ttl and mdr_imports.ttl only import
# remote ontologies; dcat-ap-SHACL.ttl repeats shapes.ttl and range.ttl in another form).
REQUIRED = [
    "dcat-ap-3.0.1/shapes.ttl",
    "dcat-ap-3.0.1/range.ttl",
    "dcat-ap-3.0.1/deprecateduris.ttl",
    "dcat-ap-nl-3.0/dcat-ap-nl-SHACL.ttl",
    "dcat-ap-nl-3.0/dcat-ap-nl-SHACL-klassebereik.ttl",
    "dcat-ap-nl-3.0/dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
]
ADVISORY = [
    "dcat-ap-3.0.1/shapes_recommended.ttl",
    "dcat-ap-3.0.1/mdr-vocabularies.shape.ttl",
    "dcat-ap-nl-3.0/dcat-ap-nl-SHACL-aanbevolen.ttl",
]
BASE = "https://register.example.nl"
# rdflib's JSON-LD parser still uses its own deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def shapes(files):
    if not SHAPES.is_dir():
        pytest.skip(
            f"De SHACL-vormen van DCAT-AP staan niet in {SHAPES}; in CI verplicht."
        )
    graph = Graph()
    for name in files:
        graph.parse(SHAPES / name, format="turtle")
    return graph


def data_graph(document: dict):
    return Graph().parse(data=json.dumps(document), format="json-ld")


def results(report_graph, severity: str) -> int:
    return len(
        list(report_graph.subjects(SH.resultSeverity, URIRef(str(SH) + severity)))
    )


def test_the_catalogue_conforms_to_dcat_ap_and_dcat_ap_nl(demo_loaded):
    document = dcat_catalogue(base_url=BASE)
    conforms, report_graph, text = pyshacl.validate(
        data_graph(document), shacl_graph=shapes(REQUIRED), inference="none"
    )
    assert conforms, text
    assert results(report_graph, "Violation") == 0


def test_the_recommended_and_vocabulary_shapes_give_warnings_only(demo_loaded):
    document = dcat_catalogue(base_url=BASE)
    conforms, report_graph, text = pyshacl.validate(
        data_graph(document),
        shacl_graph=shapes(ADVISORY),
        inference="none",
        allow_warnings=True,
    )
    # TOOI URIs are not in the EU corporate-body list: a warning by design.
    assert conforms, text


def test_the_catalogue_lists_the_published_data_solutions(demo_loaded):
    document = dcat_catalogue(base_url=BASE)
    published = Bouwsteen.objects.published().filter(soort="datatoepassing")
    resources = document["dcat:dataset"] + document["dcat:service"]
    assert len(resources) == published.count() > 0
    assert {r["@type"] for r in document["dcat:service"]} == {"dcat:DataService"}
    reachable_apis = published.filter(vorm="api").exclude(repository_url="")
    assert len(document["dcat:service"]) == reachable_apis.count()


def test_endpoints_and_access_urls_are_the_real_address_or_left_out(demo_loaded):
    """The repository (the code to run), never a page such as the homepage; a block
    without one has no endpointURL or accessURL at all, and still conforms."""
    published = Bouwsteen.objects.published().filter(soort="datatoepassing")
    api = published.filter(vorm="api").first()
    other = published.exclude(vorm="api").exclude(repository_url="").first()
    bare = published.exclude(vorm="api").first()
    for pk, repository in (
        (api.pk, "https://github.com/gemeente/energielabel-api"),
        (bare.pk, ""),
    ):
        changed = Bouwsteen.objects.filter(pk=pk)
        changed.update(repository_url=repository)
        updated_quietly(changed)
    document = dcat_catalogue(base_url=BASE)
    by_id = {r["@id"].rsplit("/", 1)[-1]: r for r in document["dcat:dataset"]}
    by_id |= {r["@id"].rsplit("/", 1)[-1]: r for r in document["dcat:service"]}
    service = by_id[str(api.uuid)]
    assert service["@type"] == "dcat:DataService"
    assert service["dcat:endpointURL"]["@id"] == (
        "https://github.com/gemeente/energielabel-api"
    )
    if other is not None and other.pk != bare.pk:
        distribution = by_id[str(other.uuid)]["dcat:distribution"]
        assert distribution["dcat:accessURL"]["@id"] == other.repository_url
    assert "dcat:distribution" not in by_id[str(bare.uuid)]
    homepages = {b.organisatie.website for b in published} | {
        b.website_url for b in published
    }
    homepages.discard("")
    for node in by_id.values():
        reached = {
            node.get("dcat:endpointURL", {}).get("@id"),
            node.get("dcat:distribution", {}).get("dcat:accessURL", {}).get("@id"),
        }
        assert not homepages & reached, node["@id"]
    # Without an address an API is a dataset: DCAT-AP requires endpointURL.
    unreachable = published.filter(vorm="api", repository_url="").exclude(pk=api.pk)
    for block in unreachable:
        assert by_id[str(block.uuid)]["@type"] == "dcat:Dataset"
    conforms, _graph, text = pyshacl.validate(
        data_graph(document), shacl_graph=shapes(REQUIRED), inference="none"
    )
    assert conforms, text


def test_publishers_themes_licences_and_contacts(demo_loaded):
    block = Bouwsteen.objects.get(slug="jeugdzorg-dashboard-instroom-doorlooptijden")
    document = dcat_catalogue(base_url=BASE)
    node = next(
        r for r in document["dcat:dataset"] if r["@id"].endswith(str(block.uuid))
    )
    assert node["dct:publisher"]["@id"] == (
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    )
    themes = {t["@id"] for t in node["dcat:theme"]}
    assert themes == {
        "http://publications.europa.eu/resource/authority/data-theme/SOCI",
        "http://publications.europa.eu/resource/authority/data-theme/GOVE",
    }
    if block.repository_url:
        assert node["dcat:distribution"]["dct:license"]["@id"] == (
            "http://spdx.org/licenses/EUPL-1.2"
        )
    assert node["dcat:contactPoint"]["vcard:hasEmail"]["@id"] == (
        "mailto:data-sociaal@amsterdam.example"
    )
    assert node["dcat:landingPage"]["@id"] == "https://www.amsterdam.nl"


def test_drafts_and_archived_blocks_stay_out(demo_loaded):
    hidden = Bouwsteen.objects.exclude(publicatiestatus=Publicatiestatus.GEPUBLICEERD)
    assert hidden.exists()
    document = json.dumps(dcat_catalogue(base_url=BASE))
    for block in hidden:
        assert str(block.uuid) not in document
