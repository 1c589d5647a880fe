"""Find a known organisation by the name a publiccode.yml gives it.

``usedBy`` and ``legal.repoOwner`` hold free text: "Gemeente Súdwest-Fryslân",
"gemeente 's-Hertogenbosch", "Ministerie van BZK". Names are compared without case and
accents, with and without the word that says what kind of organisation it is. A name
that fits more than one organisation ("Utrecht": the gemeente or the provincie?) matches
none: a wrong reuse record is worse than a line of text.
"""

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from registry.constants import OrganisatieSoort
from registry.models import Organisatie

_PREFIXES = {
    OrganisatieSoort.GEMEENTE: ("gemeente",),
    OrganisatieSoort.PROVINCIE: ("provincie",),
    OrganisatieSoort.WATERSCHAP: ("waterschap", "hoogheemraadschap"),
    OrganisatieSoort.MINISTERIE: ("ministerie van",),
}


def normalise(name: str) -> str:
    """Lower case, no accents, one kind of apostrophe, single spaces."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(text.casefold().split())


def _variants(organisatie: Organisatie) -> set[str]:
    naam = normalise(organisatie.naam)
    variants = {naam}
    for prefix in _PREFIXES.get(organisatie.soort, ()):
        if naam.startswith(prefix + " "):
            variants.add(naam.removeprefix(prefix + " "))
        else:
            variants.add(f"{prefix} {naam}")
    if organisatie.soort == OrganisatieSoort.MINISTERIE and organisatie.afkorting:
        afkorting = normalise(organisatie.afkorting)
        variants |= {afkorting, f"ministerie van {afkorting}"}
    return variants


class OrganisationNames:
    """An index of every organisation by the names people write for it."""

    def __init__(self, organisaties: Iterable[Organisatie]):
        self._by_name: dict[str, set[Organisatie]] = defaultdict(set)
        for organisatie in organisaties:
            for variant in _variants(organisatie):
                self._by_name[variant].add(organisatie)

    def match(self, name: str) -> Organisatie | None:
        found = self._by_name.get(normalise(name), set())
        return next(iter(found)) if len(found) == 1 else None

    def is_ambiguous(self, name: str) -> bool:
        """More than one organisation goes by ``name`` ("Utrecht")."""
        return len(self._by_name.get(normalise(name), set())) > 1
