"""Does an endpoint answer what its floor answers? The rows and their order, per scenario.

The floor (``bench.floor``) fetches the same rows by hand-written SQL, so each read scenario
has a second answer to hold the endpoint against. Both are reduced to what identifies an
answer: the totals, which blocks (by uuid or slug), facet values with their counts, or
names, in their order. Not compared: presentation the floor does not reproduce, such as
labels of choices, URLs (the floor has no server port), and HTML around the rows.
"""

import json
import re
from html import unescape

import yaml

LIST_KINDS = ("api-list", "api-search")


def _json(body: bytes):
    # The standard library's json: this module is also imported by the test suite,
    # which runs without the benchmark's extra dependencies.
    return json.loads(body)


def _list(body) -> dict:
    return {
        "count": body["count"],
        "countExact": body["countExact"],
        "rows": [block["uuid"] for block in body["results"]],
    }


def _facets(body: dict) -> dict:
    return {
        dimension: [(value["waarde"], value["aantal"]) for value in values]
        for dimension, values in body.items()
    }


# The block, without what differs only in form: the URLs (the floor has no server port)
# and the timestamps (the API writes them in the server's time zone).
_DETAIL_SKIP = {"url", "gepubliceerdOp", "aangemaaktOp", "gewijzigdOp"}
# What the detail adds to the block's own row and the floor does not fetch: reuse counts,
# the readiness checklist with its texts and score, the relations, and the concept of
# changes (null for the anonymous reader the benchmark is). The endpoint must answer
# exactly the floor's keys plus these; a new key fails until it is placed.
DETAIL_BEYOND_FLOOR = {
    "inGebruik",
    "inPilot",
    "hergebruikActief",
    "opschalingscheck",
    "opschalingsscore",
    "relaties",
    "concept",
}


def _detail_pair(endpoint: dict | None, floor: dict | None):
    if endpoint is None or floor is None:
        return endpoint, floor
    extra = set(endpoint) - set(floor)
    mine = {key: value for key, value in endpoint.items() if key in floor}
    if extra != DETAIL_BEYOND_FLOOR:
        mine["(sleutels buiten de vloer)"] = sorted(extra)
        floor = {**floor, "(sleutels buiten de vloer)": sorted(DETAIL_BEYOND_FLOOR)}
    return _detail(mine), _detail(floor)


def _detail(block: dict | None) -> dict | None:
    if block is None:
        return None
    kept = {key: value for key, value in block.items() if key not in _DETAIL_SKIP}
    kept["organisatie"] = block["organisatie"]["code"]
    kept["themas"] = [thema["slug"] for thema in block["themas"]]
    kept["referentiecomponenten"] = [
        component["gemmaId"] for component in block["referentiecomponenten"]
    ]
    return kept


def _publiccode(text: bytes) -> dict:
    data = yaml.safe_load(text)
    # The registry's own section under "nl" carries the block's uuid.
    section = next(
        value
        for value in (data.get("nl") or {}).values()
        if isinstance(value, dict) and "uuid" in value
    )
    return {"naam": data["name"], "uuid": section["uuid"]}


_SUGGESTION_KEYS = {
    "bouwstenen": "uuid",
    "themas": "slug",
    "organisaties": "code",
    "referentiecomponenten": "gemmaId",
}


def _suggestions(body: dict) -> dict:
    return {
        kind: [str(item[key]) for item in body.get(kind, [])]
        for kind, key in _SUGGESTION_KEYS.items()
    }


def _floor_suggestions(body: dict) -> dict:
    # The floor answers [key, naam(, slug)] rows, and leaves out kinds without rows.
    return {
        kind: [str(row[0]) for row in body.get(kind, [])] for kind in _SUGGESTION_KEYS
    }


_COUNT = re.compile(r'class="results__count">(Meer dan )?([\d.]+) bouwste', re.S)
_CARD = re.compile(r'class="card__title"[^>]*><a href="[^"]*/bouwstenen/([^"/]+)"')
_FACET = re.compile(
    r'type="checkbox" id="f-[^"]*" name="([^"]+)" value="([^"]*)"[^>]*>\s*'
    r'<label[^>]*>.*?(?:<span class="facet__count">([\d.]+)</span>)?</label>',
    re.S,
)


def _page(html: str) -> dict:
    count = _COUNT.search(html)
    facets: dict[str, list] = {}
    for name, value, aantal in _FACET.findall(html):
        if aantal:
            facets.setdefault(name, []).append(
                (unescape(value), int(aantal.replace(".", "")))
            )
    return {
        "count": int(count.group(2).replace(".", "")) if count else None,
        "countExact": bool(count) and not count.group(1),
        "rows": _CARD.findall(html),
        "facetten": facets,
    }


def _floor_page(body: dict) -> dict:
    return {
        "count": body["count"],
        "countExact": body["countExact"],
        "rows": [card["slug"] for card in body["results"]],
        "facetten": _facets(body["facetten"]),
    }


def _answers(kind: str, endpoint: bytes, floor: bytes):
    """The endpoint's and the floor's answer, reduced to what is compared."""
    if kind in LIST_KINDS:
        return _list(_json(endpoint)), _list(_json(floor))
    if kind == "api-facets":
        return _facets(_json(endpoint)), _facets(_json(floor))
    if kind == "suggest":
        return _suggestions(_json(endpoint)), _floor_suggestions(_json(floor))
    if kind == "detail":
        return _detail_pair(_json(endpoint), _json(floor))
    if kind == "publiccode":
        block = _json(floor)
        expected = {"naam": block["naam"], "uuid": block["uuid"]} if block else None
        return _publiccode(endpoint), expected
    if kind == "similar":
        return (
            [block["uuid"] for block in _json(endpoint)["results"]],
            [block["uuid"] for block in _json(floor)],
        )
    if kind == "page":
        return _page(endpoint.decode()), _floor_page(_json(floor))
    raise ValueError(kind)


def _describe(endpoint, floor, where: str = "") -> list[str]:
    """What differs, as 'key.key: endpoint ..., vloer ...' lines."""
    if isinstance(endpoint, dict) and isinstance(floor, dict):
        parts = []
        for key in sorted(set(endpoint) | set(floor), key=str):
            if endpoint.get(key) != floor.get(key):
                parts += _describe(
                    endpoint.get(key, "(ontbreekt)"),
                    floor.get(key, "(ontbreekt)"),
                    f"{where}.{key}" if where else str(key),
                )
        return parts
    prefix = f"{where}: " if where else ""
    return [f"{prefix}endpoint {_short(endpoint)}, vloer {_short(floor)}"]


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 300 else text[:300] + "..."


def difference(kind: str, status: int, endpoint: bytes, floor: bytes) -> str:
    """Empty when the endpoint answers 2xx with the floor's rows in the floor's order;
    otherwise what differs."""
    if not 200 <= status < 300:
        return f"status {status}"
    mine, theirs = _answers(kind, endpoint, floor)
    return "" if mine == theirs else "; ".join(_describe(mine, theirs))
