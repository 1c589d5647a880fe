"""axe-core in the page: the WCAG 2.1 A and AA rules, with a readable failure."""

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_path() -> Path:
    if not AXE.exists():
        message = (
            "axe-core ontbreekt: npm ci --prefix tests/browser "
            "(.ci/run doet dit; zonder axe-core geen toegankelijkheidsaudit)"
        )
        # A skip: locally with the reason; in CI tests/ci.py makes it fail the run.
        pytest.skip(message)
    return AXE


def audit(page, within: str | None = None) -> list[dict]:
    """Run axe on the current page (or on the part ``within`` selects); the violations,
    each with its nodes."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    result = page.evaluate(
        """async ([tags, within]) => {
            const r = await axe.run(within || document, {runOnly: {type: 'tag', values: tags}});
            return {violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))
            })), passes: r.passes.length};
        }""",
        [WCAG_TAGS, within],
    )
    return result["violations"], result["passes"]


def describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary']}")
    return "\n".join(lines)
