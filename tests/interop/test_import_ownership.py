"""Who an imported block belongs to, and what a usedBy line is worth.

A file that names a public organisation as its owner (organisation.uri,
organisation.name, legal.repoOwner, legal.mainCopyrightOwner) is booked there, and only
by a member of it (or the operator at the command line); a name that is no public
organisation in the register is a supplier, kept as ``leverancier``. usedBy lines are
reports: shown apart, never counted, until the named organisation confirms.
"""

import pytest

from django.core.management import call_command

from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.readiness import with_counts
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import UserFactory
from tests.interop.conftest import DATA

pytestmark = pytest.mark.django_db

SIGNALEN = DATA / "Amsterdam__signals-frontend.yml"


def member_of(code: str, rol: str = Rol.REDACTEUR):
    user = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=user, organisatie=Organisatie.objects.get(code=code), rol=rol
    )
    return user


def import_text(text: str, name: str = "bestand.yml", **kwargs):
    report = publiccode_import(sources=[Source(name, text.encode())], **kwargs)
    return report.bestanden[0]


def with_repo_owner(path, owner: str) -> str:
    """A real file, with ``legal.repoOwner`` set to ``owner``."""
    lines = path.read_text().splitlines()
    index = lines.index("legal:")
    lines.insert(index + 1, f"  repoOwner: {owner}")
    return "\n".join(lines) + "\n"


def test_a_file_of_another_gemeente_is_refused_with_its_owners_name():
    utrechter = member_of("GM0344")
    utrecht = Organisatie.objects.get(code="GM0344")
    refused = import_text(SIGNALEN.read_text(), user=utrechter, organisatie=utrecht)
    assert refused.uitkomst == Uitkomst.GEWEIGERD
    assert "Amsterdam (GM0363)" in refused.redenen[0]
    assert "legal.repoOwner" in refused.redenen[0]
    assert "overdracht" in refused.redenen[0]
    assert not Bouwsteen.objects.exists()
    # A member of Amsterdam imports the same file: Amsterdam's block, no conflict.
    amsterdammer = member_of("GM0363")
    done = import_text(SIGNALEN.read_text(), user=amsterdammer)
    assert done.uitkomst == Uitkomst.GEIMPORTEERD
    assert done.bouwsteen.organisatie.code == "GM0363"
    # mainCopyrightOwner "Signalen" is no public organisation: a supplier.
    assert done.bouwsteen.leverancier == "Signalen"


def test_a_ministry_named_as_repo_owner_owns_the_block():
    text = with_repo_owner(DATA / "MinBZK__amt.yml", "Ministerie van BZK")
    amsterdam = Organisatie.objects.get(code="GM0363")
    refused = import_text(text, user=member_of("GM0363"), organisatie=amsterdam)
    assert refused.uitkomst == Uitkomst.GEWEIGERD
    assert "Binnenlandse Zaken en Koninkrijksrelaties" in refused.redenen[0]
    assert not Bouwsteen.objects.exists()
    done = import_text(text, user=member_of("mnre1034"), organisatie=amsterdam)
    assert done.uitkomst == Uitkomst.GEIMPORTEERD
    assert done.bouwsteen.organisatie.code == "mnre1034"


def test_the_operator_books_a_named_owner_even_when_another_was_chosen(capsys):
    text = with_repo_owner(DATA / "MinBZK__amt.yml", "Ministerie van BZK")
    report = import_text(text, organisatie=Organisatie.objects.get(code="GM0363"))
    assert report.uitkomst == Uitkomst.GEIMPORTEERD
    assert report.bouwsteen.organisatie.code == "mnre1034"
    assert any("als eigenaar" in p.melding for p in report.waarschuwingen)


def test_a_supplier_is_kept_as_information_and_never_as_owner():
    amsterdam = Organisatie.objects.get(code="GM0363")
    done = import_text(
        (DATA / "maykinmedia__objects-api.yml").read_text(),
        user=member_of("GM0363"),
        organisatie=amsterdam,
    )
    assert done.uitkomst == Uitkomst.GEIMPORTEERD
    assert done.bouwsteen.organisatie == amsterdam
    assert done.bouwsteen.leverancier == "Maykin Media"


def test_an_ambiguous_name_is_no_owner_and_says_so():
    text = with_repo_owner(DATA / "MinBZK__amt.yml", "Utrecht")
    amsterdam = Organisatie.objects.get(code="GM0363")
    done = import_text(text, user=member_of("GM0363"), organisatie=amsterdam)
    assert done.uitkomst == Uitkomst.GEIMPORTEERD
    assert done.bouwsteen.organisatie == amsterdam
    assert done.bouwsteen.leverancier == ""
    assert any("meer dan één organisatie" in p.melding for p in done.waarschuwingen)


def test_a_block_booked_elsewhere_points_its_owner_to_a_transfer():
    """An earlier, wrongly booked block: its real owner is told to ask for it."""
    text = with_repo_owner(DATA / "MinBZK__amt.yml", "Ministerie van BZK")
    amsterdam = Organisatie.objects.get(code="GM0363")
    wrong = import_text(
        (DATA / "MinBZK__amt.yml").read_text(),
        user=member_of("GM0363"),
        organisatie=amsterdam,
    ).bouwsteen
    assert wrong.organisatie == amsterdam
    conflict = import_text(text, user=member_of("mnre1034"))
    assert conflict.uitkomst == Uitkomst.CONFLICT
    assert "hoort bij Amsterdam" in conflict.redenen[0]
    assert "overdracht" in conflict.redenen[0]


def test_used_by_lines_are_reported_never_counted():
    amsterdammer = member_of("GM0363")
    done = import_text(SIGNALEN.read_text(), user=amsterdammer)
    reports = Hergebruik.objects.filter(bouwsteen=done.bouwsteen)
    # usedBy names 's-Hertogenbosch: a report by the owner, not a reuse.
    assert [(h.organisatie.code, h.status) for h in reports] == [("GM0796", "gemeld")]
    report = reports.get()
    assert report.gemeld_namens.code == "GM0363"
    assert report.gemeld_door == amsterdammer
    assert report.melding_bron == "publiccode.yml (usedBy)"
    counted = with_counts(Bouwsteen.objects.filter(pk=done.bouwsteen.pk)).get()
    assert (counted.hergebruik_in_gebruik, counted.hergebruik_actief) == (0, 0)
    # Importing again does not report it twice, nor overrule a rejection.
    report.status = "afgewezen"
    report.save()
    again = import_text(SIGNALEN.read_text(), user=amsterdammer)
    assert again.uitkomst == Uitkomst.ONGEWIJZIGD
    assert reports.get().status == "afgewezen"


def test_a_dry_run_says_it_stored_nothing_and_has_no_address(capsys):
    call_command(
        "import_publiccode", str(SIGNALEN), "--dry-run", "--organisatie", "GM0363"
    )
    out = capsys.readouterr().out
    assert "Proefimport (niets opgeslagen)" in out
    assert "Signalen frontend" in out
    assert not Bouwsteen.objects.exists()
    assert not Hergebruik.objects.exists()
