"""The published blocks as ADMS-AP, the application profile the Interoperable Europe
Portal (Joinup) harvests reusable solutions in.

Every published block (of every soort) is an ``adms:Asset`` in a ``dcat:Catalog``, with
its title and summary, its publisher (a ``foaf:Agent``: the owning organisation by its
TOOI URI, or its record in this API), identifier, status (the ADMS status vocabulary,
from the levensfase), licence (SPDX), landing page (its page in this catalogue), last
change, keywords, and a distribution where there is a repository.

The graph is built once as triples, and written as JSON-LD or Turtle from them, so the
two can never say different things. Both writers are small because the graph is: named
nodes, a blank node for a licence expression, and literals with a language or a type.
"""

import json
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import QuerySet
from django.urls import reverse

from bouwstenen.constants import Levensfase
from bouwstenen.interop.dcat import SPDX_LICENSES
from bouwstenen.interop.publiccode.export import record_url
from bouwstenen.models import Bouwsteen

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}
ADMS_STATUS = "http://purl.org/adms/status"
# The ADMS status vocabulary knows a solution that is being built, one that is done, and
# one that should no longer be used.
STATUS = {
    Levensfase.IDEE: "UnderDevelopment",
    Levensfase.PILOT: "UnderDevelopment",
    Levensfase.OPSCHALING: "Completed",
    Levensfase.PRODUCTIE: "Completed",
    Levensfase.UITGEFASEERD: "Deprecated",
}
TITLE = "Bouwstenenregister"
DESCRIPTION = (
    "Herbruikbare bouwstenen van Nederlandse overheden: datatoepassingen, use cases en "
    "werkwijzen, met hun organisatie, levensfase, licentie en broncode."
)
TURTLE_MEDIA_TYPE = "text/turtle"


@dataclass(frozen=True)
class Iri:
    value: str


@dataclass(frozen=True)
class Literal:
    value: str
    language: str = ""
    datatype: str = ""  # a prefixed name such as xsd:dateTime


def _nl(value: str) -> Literal:
    return Literal(value, language="nl")


def _moment(value) -> Literal:
    return Literal(value.isoformat(), datatype="xsd:dateTime")


class Graph:
    """Triples in the order they were added, subjects in the order first seen."""

    def __init__(self):
        self.subjects: dict[str, list[tuple[str, object]]] = {}

    def add(self, subject: str, predicate: str, obj) -> None:
        statements = self.subjects.setdefault(subject, [])
        if (predicate, obj) not in statements:
            statements.append((predicate, obj))


def _agent(graph: Graph, organisatie, base: str) -> str:
    iri = (
        organisatie.tooi_uri or f"{base}/api/v1/organisaties/{quote(organisatie.code)}"
    )
    graph.add(iri, "rdf:type", Iri("foaf:Agent"))
    graph.add(iri, "foaf:name", _nl(organisatie.naam))
    graph.add(iri, "dct:identifier", Literal(organisatie.code))
    return iri


def _licence(graph: Graph, expression: str, blank: str) -> str:
    """An SPDX licence by its URI; an expression (A OR B, A+) as a described blank node."""
    if " " not in expression and "(" not in expression and "+" not in expression:
        node = f"{SPDX_LICENSES}/{quote(expression)}"
    else:
        node = blank
    graph.add(node, "rdf:type", Iri("dct:LicenseDocument"))
    graph.add(node, "rdfs:label", Literal(expression))
    return node


def add_asset(graph: Graph, bouwsteen: Bouwsteen, *, base: str, n: int) -> str:
    own = record_url(bouwsteen, base_url=base)
    page = base + reverse("catalogus:bouwsteen", args=[bouwsteen.slug])
    graph.add(own, "rdf:type", Iri("adms:Asset"))
    graph.add(own, "dct:title", _nl(bouwsteen.naam))
    graph.add(own, "dct:description", _nl(bouwsteen.samenvatting))
    graph.add(own, "dct:identifier", Literal(own))
    graph.add(own, "dct:publisher", Iri(_agent(graph, bouwsteen.organisatie, base)))
    graph.add(own, "adms:status", Iri(f"{ADMS_STATUS}/{STATUS[bouwsteen.levensfase]}"))
    licence = Iri(_licence(graph, bouwsteen.licentie, f"_:licentie{n}"))
    graph.add(own, "dct:license", licence)
    graph.add(own, "dcat:landingPage", Iri(page))
    graph.add(own, "dct:modified", _moment(bouwsteen.gewijzigd_op))
    if bouwsteen.gepubliceerd_op:
        graph.add(own, "dct:issued", _moment(bouwsteen.gepubliceerd_op))
    keywords = [bouwsteen.get_soort_display()]
    if bouwsteen.vorm:
        keywords.append(bouwsteen.get_vorm_display())
    keywords += [thema.naam for thema in bouwsteen.themas.all()]
    for keyword in keywords:
        graph.add(own, "dcat:keyword", _nl(keyword))
    if bouwsteen.repository_url:
        distribution = f"{own}#broncode"
        graph.add(own, "dcat:distribution", Iri(distribution))
        graph.add(distribution, "rdf:type", Iri("adms:AssetDistribution"))
        graph.add(distribution, "rdf:type", Iri("dcat:Distribution"))
        graph.add(distribution, "dct:title", _nl(f"{bouwsteen.naam}: broncode"))
        graph.add(distribution, "dcat:accessURL", Iri(bouwsteen.repository_url))
        graph.add(distribution, "dct:license", licence)
    return own


def published_assets() -> QuerySet[Bouwsteen]:
    return (
        Bouwsteen.objects.published()
        .select_related("organisatie")
        .prefetch_related("themas")
        .order_by("naam", "pk")
    )


def adms_graph(*, base_url: str, queryset: QuerySet[Bouwsteen] | None = None) -> Graph:
    base = base_url.rstrip("/")
    graph = Graph()
    catalogue = f"{base}/api/v1/adms"
    graph.add(catalogue, "rdf:type", Iri("dcat:Catalog"))
    graph.add(catalogue, "dct:title", _nl(TITLE))
    graph.add(catalogue, "dct:description", _nl(DESCRIPTION))
    graph.add(catalogue, "foaf:homepage", Iri(f"{base}/"))
    blocks = published_assets() if queryset is None else queryset
    for n, bouwsteen in enumerate(blocks.iterator(chunk_size=500), start=1):
        graph.add(
            catalogue, "dcat:dataset", Iri(add_asset(graph, bouwsteen, base=base, n=n))
        )
    return graph


# --- writing it ----------------------------------------------------------------------


def _json_object(obj) -> dict:
    if isinstance(obj, Iri):
        return {"@id": obj.value}
    if obj.language:
        return {"@value": obj.value, "@language": obj.language}
    if obj.datatype:
        return {"@value": obj.value, "@type": obj.datatype}
    return {"@value": obj.value}


def to_jsonld(graph: Graph) -> dict:
    """The graph as flattened JSON-LD: one node per subject, the context inline."""
    nodes = []
    for subject, statements in graph.subjects.items():
        node: dict = {"@id": subject}
        for predicate, obj in statements:
            if predicate == "rdf:type":
                node.setdefault("@type", []).append(obj.value)
            else:
                node.setdefault(predicate, []).append(_json_object(obj))
        nodes.append(node)
    return {"@context": dict(PREFIXES), "@graph": nodes}


def _iri(value: str) -> str:
    if value.startswith("_:"):
        return value
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and "/" not in local and local.isidentifier():
        return value
    # Characters a Turtle IRI may not hold are percent-encoded; the rest stays.
    return "<" + quote(value, safe=":/?#[]@!$&'()*+,;=%~-._") + ">"


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _turtle_object(obj) -> str:
    if isinstance(obj, Iri):
        return _iri(obj.value)
    text = _string(obj.value)
    if obj.language:
        return f"{text}@{obj.language}"
    if obj.datatype:
        return f"{text}^^{obj.datatype}"
    return text


def to_turtle(graph: Graph) -> str:
    lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in PREFIXES.items()]
    for subject, statements in graph.subjects.items():
        lines.append("")
        body = [
            f"    {'a' if p == 'rdf:type' else p} {_turtle_object(o)}"
            for p, o in statements
        ]
        lines.append(_iri(subject))
        lines.append(" ;\n".join(body) + " .")
    return "\n".join(lines) + "\n"
