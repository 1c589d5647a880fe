"""What the benchmark asks of the registry, and what the floor does for the same answer.

Every read scenario names the HTTP request(s) and the *floor*: the same rows fetched by
hand-written SQL (see ``bench.floor``). Queries are chosen on the generated catalogue by
the share of published blocks they match (measured at 100,000 blocks, seed 1; the shares
hold at every size because the generator draws from the same distributions).

For the floors, each query is written out by hand in each database's own syntax: the
tsquery PostgreSQL evaluates for it (the Dutch stem, and the unstemmed prefix of every
word, as ``bouwstenen.search`` builds it) and the FTS5 expression over the
Python-stemmed SQLite index.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    text: str
    share: str  # what share of the published catalogue it matches, for the table
    tsquery: str
    fts5: str
    # A misspelled query: the word the vocabulary corrects it to; the expressions are
    # those of the corrected query (core.search.forgiving).
    corrected: str = ""


# A handful of blocks at every size (one at 1,000; 81 at 100,000). A rarer query would
# match nothing in the small catalogue.
SELECTIEF = Query(
    "grondwater peilbeheer",
    "0,1%",
    "('grondwater' | 'grondwater':*) & ('peilbeher' | 'peilbeheer':*)",
    '("grondwater" OR "grondwater"*) AND ("peilbeher" OR "peilbeheer"*)',
)
DRIE_PROCENT = Query(
    "laadpalen", "4%", "'laadpal' | 'laadpalen':*", '"laadpal" OR "laadpalen"*'
)
ACHT_PROCENT = Query(
    "laadpalen or isolatie",
    "8%",
    "'laadpal' | 'laadpalen':* | 'isolatie' | 'isolatie':*",
    '"laadpal" OR "laadpalen"* OR "isolatie" OR "isolatie"*',
)
PREFIX = Query("jeugd", "17%", "'jeugd' | 'jeugd':*", '"jeugd" OR "jeugd"*')
HALF = Query("sturing", "45%", "'sturing' | 'sturing':*", '"sturing" OR "sturing"*')
BIJNA_ALLES = Query(
    "gemeente", "87%", "'gemeent' | 'gemeente':*", '"gemeent" OR "gemeente"*'
)
TYPFOUT = Query(
    "jeugzorg",
    "typfout",
    "'jeugdzorg' | 'jeugdzorg':*",
    '"jeugdzorg" OR "jeugdzorg"*',
    corrected="jeugdzorg",
)
# The search without hits (issue 17): no block has the word, and the vocabulary
# knows nothing close enough to correct it to, so the answer is an empty page.
GEEN = Query(
    "kwijtschelding",
    "0%",
    "'kwijtscheld' | 'kwijtschelding':*",
    '"kwijtscheld" OR "kwijtschelding"*',
)
# Typical selective searches someone types into the box, for the throughput mix.
MIX = [
    SELECTIEF,
    DRIE_PROCENT,
    ACHT_PROCENT,
    Query("stikstof", "4%", "'stikstof' | 'stikstof':*", '"stikstof" OR "stikstof"*'),
    Query(
        "woningvoorraad",
        "4%",
        "'woningvoorrad' | 'woningvoorraad':*",
        '"woningvoorrad" OR "woningvoorraad"*',
    ),
    Query(
        "schiermonnikoog",
        "0,2%",
        "'schiermonnikog' | 'schiermonnikoog':*",
        '"schiermonnikog" OR "schiermonnikoog"*',
    ),
]

FILTERS = {"soort": "datatoepassing", "levensfase": "pilot", "thema": "wonen"}
# One filter whose matches sit late in the list's order: most werkwijzen are named alike
# further down the alphabet, so a first page found by walking the name index passed
# 40,444 rows first at 100,000 (109 ms before its index, docs/performance.md).
SOORT = {"soort": "werkwijze"}
# The three filters with values of very different reach, in turn on the same statement:
# 19,243 datatoepassingen in pilot at 100,000 against 602 uitgefaseerde werkwijzen, and
# with the thema 2,437 hits against 65 (10,000: 234 against 1). With prepared
# statements PostgreSQL may settle on one generic plan for all values after five
# executions; a plan good for one reach and bad for another shows here (issue 17).
FILTER_MIX = (
    FILTERS,
    {"soort": "werkwijze", "levensfase": "uitgefaseerd", "thema": "jeugdzorg"},
    {"soort": "use-case", "levensfase": "productie", "thema": "mobiliteit"},
    {"soort": "datatoepassing", "levensfase": "uitgefaseerd", "thema": "economie"},
)
# What the search box asks while someone types: each a last word, so the floor looks
# for its stem or its unstemmed prefix, as bouwstenen.search does.
SUGGESTIES = [
    Query("jeug", "suggestie", "'jeug' | 'jeug':*", '"jeug" OR "jeug"*'),
    Query("verkeer", "suggestie", "'verker' | 'verkeer':*", '"verker" OR "verkeer"*'),
    Query("amster", "suggestie", "'amster' | 'amster':*", '"amster" OR "amster"*'),
]


@dataclass(frozen=True)
class Scenario:
    name: str
    label: str
    # "health", "api-list", "api-search", "api-facets", "suggest", "detail",
    # "similar", "page", "publiccode", "export" or "write": how to build the requests
    # (bench.run; an export is timed whole by bench.export).
    kind: str
    queries: tuple[Query, ...] = ()
    params: dict = field(default_factory=dict)
    # Parameters asked in turn instead of ``params`` (a list scenario).
    rotation: tuple[dict, ...] = ()
    quick: bool = True  # also in make bench-quick

    def params_for(self, i: int) -> dict:
        """The parameters of operation ``i``."""
        return self.rotation[i % len(self.rotation)] if self.rotation else self.params

    @property
    def is_write(self) -> bool:
        return self.kind == "write"


def _search(name: str, query: Query, **kwargs) -> Scenario:
    return Scenario(
        name,
        f"zoeken q={query.text} ({query.share})",
        "api-search",
        (query,),
        **kwargs,
    )


SCENARIOS = [
    # The ceiling of the stack in the same run: the whole middleware and SELECT 1.
    Scenario("health", "/health (plafond: middleware en SELECT 1)", "health"),
    Scenario("lijst", "lijst, eerste pagina (op naam)", "api-list"),
    Scenario(
        "lijst-filters",
        "lijst met soort, levensfase en thema",
        "api-list",
        params=FILTERS,
    ),
    Scenario("lijst-soort", "lijst met soort=werkwijze", "api-list", params=SOORT),
    Scenario(
        "lijst-filters-mix",
        "lijst met 3 filters, 4 combinaties van 65 tot 2.437 treffers om de beurt",
        "api-list",
        rotation=FILTER_MIX,
    ),
    _search("zoeken-selectief", SELECTIEF),
    _search("zoeken-4", DRIE_PROCENT),
    _search("zoeken-8", ACHT_PROCENT),
    _search("zoeken-prefix", PREFIX),
    _search("zoeken-half", HALF),
    _search("zoeken-bijna-alles", BIJNA_ALLES),
    _search("zoeken-typfout", TYPFOUT, quick=False),
    _search("zoeken-geen", GEEN, quick=False),
    Scenario(
        "zoeken-mix",
        "zoeken, mix van 6 selectieve vragen",
        "api-search",
        tuple(MIX),
    ),
    Scenario("facetten", "facetten zonder q", "api-facets"),
    Scenario(
        "facetten-q",
        f"facetten q={DRIE_PROCENT.text}",
        "api-facets",
        (DRIE_PROCENT,),
    ),
    Scenario(
        "facetten-q-breed",
        f"facetten q={BIJNA_ALLES.text}",
        "api-facets",
        (BIJNA_ALLES,),
    ),
    Scenario("suggesties", "suggesties (jeug, verkeer, amster)", "suggest"),
    Scenario("detail", "detail (100 bouwstenen om de beurt)", "detail"),
    Scenario("vergelijkbaar", "vergelijkbare bouwstenen", "similar"),
    Scenario(
        "zoekpagina",
        f"zoekpagina HTML q={DRIE_PROCENT.text}",
        "page",
        (DRIE_PROCENT,),
    ),
    Scenario(
        "zoekpagina-mix",
        "zoekpagina HTML, mix van 6 selectieve vragen",
        "page",
        tuple(MIX),
    ),
    Scenario(
        "zoekpagina-breed",
        f"zoekpagina HTML q={BIJNA_ALLES.text}",
        "page",
        (BIJNA_ALLES,),
    ),
    Scenario("publiccode", "publiccode.yml-export", "publiccode"),
    # The whole catalogue as one file (issue 19): timed whole, with the worker's memory.
    Scenario("export-csv", "export CSV (alles)", "export", params={"format": "csv"}),
    Scenario(
        "export-xlsx", "export Excel (alles)", "export", params={"format": "xlsx"}
    ),
    # Last: it adds blocks, which the reads above must not see.
    Scenario(
        "schrijven",
        "schrijven: aanmaken, opschalingscheck, indienen, publiceren",
        "write",
    ),
]
