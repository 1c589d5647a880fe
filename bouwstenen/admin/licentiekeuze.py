"""The licence picker of the block form: the licences in use, the common ones, or another
SPDX expression typed in. What is stored stays the SPDX string in ``Bouwsteen.licentie``;
the services validate it (``bouwstenen.validators.normalise_spdx``)."""

from bouwstenen import selectors

# The value of the option that reveals the text field; no SPDX identifier is called so.
ANDERE = "andere"

# Licences public organisations commonly publish under, with the name an editor knows.
GANGBARE_LICENTIES = {
    "EUPL-1.2": "European Union Public Licence 1.2",
    "MIT": "MIT-licentie",
    "Apache-2.0": "Apache-licentie 2.0",
    "GPL-3.0-or-later": "GNU General Public License 3.0 of later",
    "AGPL-3.0-or-later": "GNU Affero General Public License 3.0 of later",
    "CC-BY-4.0": "Creative Commons Naamsvermelding 4.0",
    "CC0-1.0": "Creative Commons Zero 1.0, publiek domein",
    "MPL-2.0": "Mozilla Public License 2.0",
}


def label(spdx: str, aantal: int | None = None) -> str:
    naam = GANGBARE_LICENTIES.get(spdx)
    text = f"{naam} ({spdx})" if naam else spdx
    if aantal:
        text += f" – bij {aantal} " + ("bouwsteen" if aantal == 1 else "bouwstenen")
    return text


def choices(user, also: str = "") -> list:
    """The options, grouped: in use (most used first), the other common ones, and
    'another expression'. ``also``: a value to offer even if nobody uses it (the block's
    own licence in its concept, or what was sent)."""
    in_gebruik = selectors.licenties_in_gebruik(user)
    used = {spdx for spdx, _n in in_gebruik}
    groups = []
    rows = [(spdx, label(spdx, n)) for spdx, n in in_gebruik]
    if also and also != ANDERE and also not in used and also not in GANGBARE_LICENTIES:
        rows.insert(0, (also, label(also)))
    if rows:
        groups.append(("In gebruik in het register", rows))
    gangbaar = [(spdx, label(spdx)) for spdx in GANGBARE_LICENTIES if spdx not in used]
    if gangbaar:
        groups.append(("Veelgebruikt bij de overheid", gangbaar))
    return [
        ("", "Kies een licentie"),
        *groups,
        ("Staat de licentie er niet bij?", [(ANDERE, "Andere SPDX-expressie …")]),
    ]
