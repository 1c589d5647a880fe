"""``/statistieken``: the register in figures, drawn as SVG with the numbers in tables.

The charts are drawn on the server (no script, no chart library to load) and hidden
from screen readers, who get the same numbers as tables; bouwstenen.statistieken
computes them, for this page and the API alike.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from bouwstenen import selectors, statistieken
from bouwstenen.constants import Levensfase
from registry.constants import OrganisatieSoort

BAR_HEIGHT = 28
BAR_GAP = 10
LABEL_WIDTH = 300  # of a 800-wide drawing
CHART_WIDTH = 800
COLUMN_CHART_HEIGHT = 240


def _bars(rows: list[tuple[str, int]]) -> dict:
    """Horizontal bars: label left, bar and number right, scaled to the largest."""
    largest = max((value for _label, value in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = round(room * value / largest, 1)
        bars.append(
            {
                "label": label,
                "waarde": value,
                "y": y,
                "tekst_y": y + BAR_HEIGHT * 0.68,
                "breedte": width,
                "getal_x": LABEL_WIDTH + width + 8,
            }
        )
    return {
        "staven": bars,
        "hoogte": max(len(rows) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT),
        "breedte": CHART_WIDTH,
        "label_breedte": LABEL_WIDTH,
        "staaf_hoogte": BAR_HEIGHT,
    }


def _columns(deelname: dict) -> dict:
    """Stacked columns: per quarter the organisations taking part, by soort group."""
    quarters = deelname["kwartalen"]
    largest = max((q["totaal"] for q in quarters), default=0) or 1
    width = CHART_WIDTH / max(len(quarters), 1)
    # At most eight labels, evenly spaced back from the latest quarter, which always has
    # one (counting from the first left the last two side by side, overlapping).
    step = max(1, -(-len(quarters) // 8))  # at most eight
    columns = []
    for index, quarter in enumerate(quarters):
        bottom = COLUMN_CHART_HEIGHT
        segments = []
        for group in deelname["groepen"]:
            count = quarter["aantallen"][group]
            if not count:
                continue
            height = COLUMN_CHART_HEIGHT * count / largest
            bottom -= height
            segments.append(
                {"groep": group, "y": round(bottom, 1), "hoogte": round(height, 1)}
            )
        columns.append(
            {
                "kwartaal": quarter["kwartaal"],
                "x": round(index * width + width * 0.15, 1),
                "breedte": round(width * 0.7, 1),
                "segmenten": segments,
                "totaal": quarter["totaal"],
                "label_x": round(index * width + width / 2, 1),
                "toon_label": (len(quarters) - 1 - index) % step == 0,
            }
        )
    return {
        "kolommen": columns,
        "breedte": CHART_WIDTH,
        "hoogte": COLUMN_CHART_HEIGHT,
        "grootste": largest,
    }


def _group_label(group: str) -> str:
    if group == statistieken.OVERIG:
        return _("Overig")
    return _(OrganisatieSoort(group).label)


def statistieken_pagina(request):
    figures = statistieken.figures()
    thema_names = selectors.thema_names()
    per_thema = _bars(
        [
            (thema_names.get(r["thema"], r["naam"]), r["aantal"])
            for r in figures["hergebruikPerThema"]
        ]
    )
    for bar, row in zip(
        per_thema["staven"], figures["hergebruikPerThema"], strict=True
    ):
        bar["nl"] = row["thema"] not in thema_names  # a Dutch name, marked as such
    fase_label = {value: _(label) for value, label in Levensfase.choices}
    deelname = figures["deelname"]
    trechter = [
        {
            **step,
            "label": fase_label[step["levensfase"]],
            "door_label": fase_label.get(step["doorNaar"], ""),
        }
        for step in figures["trechter"]
    ]
    context = {
        "deelname": deelname,
        "deelname_grafiek": _columns(deelname),
        "groepen": [(g, _group_label(g)) for g in deelname["groepen"]],
        "kwartaal_rijen": [
            {
                "kwartaal": q["kwartaal"],
                "aantallen": [q["aantallen"][g] for g in deelname["groepen"]],
                "totaal": q["totaal"],
            }
            for q in deelname["kwartalen"]
        ],
        "laatste_kwartaal": deelname["kwartalen"][-1]
        if deelname["kwartalen"]
        else None,
        "levensfasen": _bars(
            [(fase_label[r["levensfase"]], r["aantal"]) for r in figures["levensfasen"]]
        ),
        "trechter": trechter,
        "trechter_grafiek": _bars([(s["label"], s["bereikt"]) for s in trechter]),
        "per_thema": per_thema,
        "meest_hergebruikt": figures["meestHergebruikt"],
    }
    return render(request, "catalogus/statistieken.html", context)
