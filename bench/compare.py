"""Two benchmark runs side by side: ``python -m bench.compare voor.json na.json``.

Per catalogue and scenario the throughput and p50 before and after, and the factor. Both
runs should come from the same machine; on a shared machine compare the p50 / floor
ratios too, since the floor moves with the load.
"""

import json
import math
import sys


def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as file:
        return json.load(file)["results"]


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def compare(before: dict, after: dict) -> str:
    lines = []
    for label, rows in before.items():
        if label not in after:
            continue
        later = {row["scenario"]: row for row in after[label]}
        lines += [
            "",
            f"### {label}",
            "",
            "| scenario | ops/s voor | ops/s na | p50 voor (ms) | p50 na (ms) "
            "| p50 / vloer voor | p50 / vloer na | queries voor | queries na |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in rows:
            new = later.get(row["scenario"])
            if new is None or row["missing"] or new["missing"]:
                continue
            lines.append(
                f"| {row['label']} | {_fmt(row['throughput'])} | {_fmt(new['throughput'])} "
                f"| {_fmt(row['p50'])} | {_fmt(new['p50'])} "
                f"| {_fmt(row['ratio_p50'])} | {_fmt(new['ratio_p50'])} "
                f"| {(row['queries'] or ['–', '–'])[1]} | {(new['queries'] or ['–', '–'])[1]} |"
            )
    return "\n".join(lines).strip() + "\n"


if __name__ == "__main__":
    print(compare(_load(sys.argv[1]), _load(sys.argv[2])))
