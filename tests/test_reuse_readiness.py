"""Reuse, readiness to scale and relations: who may write them, and the derived figures."""

import datetime

import pytest
from reversion.models import Version

from django.db import IntegrityError, transaction

from bouwstenen import services
from bouwstenen.constants import Antwoord, Voorwaarde
from bouwstenen.models import Bouwsteen, Hergebruik, Opschalingsantwoord, Relatie
from bouwstenen.readiness import readiness_of, score_of, with_counts
from core.errors import Code, ServiceError
from registry.constants import Publicatiestatus
from registry.models import Organisatie
from tests.api.helpers import ready_to_publish
from tests.factories import BouwsteenFactory, LidmaatschapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    amsterdam = Organisatie.objects.get(code="GM0363")
    utrecht = Organisatie.objects.get(code="GM0344")
    blok = ready_to_publish(BouwsteenFactory(organisatie=amsterdam, gepubliceerd=True))
    return {
        "blok": blok,
        # A draft changes in place; the published block gets its changes as a concept.
        "concept": ready_to_publish(BouwsteenFactory(organisatie=amsterdam)),
        "amsterdam": amsterdam,
        "utrecht": utrecht,
        "eigenaar": LidmaatschapFactory(
            organisatie=amsterdam, rol="publicist"
        ).gebruiker,
        "utrechter": LidmaatschapFactory(
            organisatie=utrecht, rol="redacteur"
        ).gebruiker,
    }


def test_only_the_reusing_organisation_records_its_reuse(setting):
    reported = services.hergebruik_record(
        user=setting["eigenaar"],
        bouwsteen=setting["blok"],
        organisatie=setting["utrecht"],
        values={},
    )
    # The owner's word is a report: not counted until Utrecht confirms.
    assert reported.status == "gemeld"
    assert reported.gemeld_namens == setting["amsterdam"]
    counted = with_counts(Bouwsteen.objects.filter(pk=setting["blok"].pk)).get()
    assert counted.hergebruik_actief == 0
    services.hergebruik_withdraw(user=setting["eigenaar"], hergebruik=reported)
    stranger = LidmaatschapFactory(rol="publicist").gebruiker
    with pytest.raises(ServiceError) as caught:
        services.hergebruik_record(
            user=stranger,
            bouwsteen=setting["blok"],
            organisatie=setting["utrecht"],
            values={},
        )
    assert caught.value.code == Code.GEEN_TOEGANG
    hergebruik = services.hergebruik_record(
        user=setting["utrechter"],
        bouwsteen=setting["blok"],
        organisatie=setting["utrecht"],
        values={"stadium": "pilot", "ervaring": "Werkt goed."},
    )
    assert (hergebruik.stadium, hergebruik.status) == ("pilot", "bevestigd")
    with pytest.raises(ServiceError) as caught:
        services.hergebruik_update(
            user=setting["eigenaar"],
            hergebruik=hergebruik,
            values={"stadium": "gestopt"},
        )
    assert caught.value.code == Code.GEEN_TOEGANG
    with pytest.raises(ServiceError) as caught:
        services.hergebruik_withdraw(user=setting["eigenaar"], hergebruik=hergebruik)
    assert caught.value.code == Code.GEEN_TOEGANG
    assert Hergebruik.objects.get().stadium == "pilot"


def test_a_second_reuse_record_is_refused_with_a_clear_message(setting):
    values = {"stadium": "interesse"}
    services.hergebruik_record(
        user=setting["utrechter"],
        bouwsteen=setting["blok"],
        organisatie=setting["utrecht"],
        values=values,
    )
    with pytest.raises(ServiceError) as caught:
        services.hergebruik_record(
            user=setting["utrechter"],
            bouwsteen=setting["blok"],
            organisatie=setting["utrecht"],
            values=values,
        )
    assert caught.value.code == Code.BESTAAT_AL
    assert "al vastgelegd" in caught.value.message
    with pytest.raises(IntegrityError), transaction.atomic():
        Hergebruik.objects.create(
            bouwsteen=setting["blok"], organisatie=setting["utrecht"]
        )


def test_an_unknown_stage_and_reuse_of_ones_own_block_are_refused(setting):
    with pytest.raises(ServiceError) as caught:
        services.hergebruik_record(
            user=setting["utrechter"],
            bouwsteen=setting["blok"],
            organisatie=setting["utrecht"],
            values={"stadium": "enthousiast"},
        )
    assert "stadium" in caught.value.field_errors
    with pytest.raises(ServiceError) as caught:
        services.hergebruik_record(
            user=setting["eigenaar"],
            bouwsteen=setting["blok"],
            organisatie=setting["amsterdam"],
            values={},
        )
    assert "eigen bouwsteen" in caught.value.field_errors["organisatie"][0]


def test_reuse_since_a_day_in_the_future_is_refused(setting):
    with pytest.raises(ServiceError) as caught:
        services.hergebruik_record(
            user=setting["utrechter"],
            bouwsteen=setting["blok"],
            organisatie=setting["utrecht"],
            values={"sinds": datetime.date.today() + datetime.timedelta(days=2)},
        )
    assert "toekomst" in caught.value.field_errors["sinds"][0]
    assert not Hergebruik.objects.exists()


def test_reuse_of_a_draft_is_refused(setting):
    with pytest.raises(ServiceError) as caught:
        services.hergebruik_record(
            user=setting["utrechter"],
            bouwsteen=setting["concept"],
            organisatie=setting["utrecht"],
            values={},
        )
    assert caught.value.code == Code.STATUS


def test_withdrawing_a_reuse_keeps_its_history(setting):
    hergebruik = services.hergebruik_record(
        user=setting["utrechter"],
        bouwsteen=setting["blok"],
        organisatie=setting["utrecht"],
        values={},
    )
    pk = hergebruik.pk
    services.hergebruik_withdraw(user=setting["utrechter"], hergebruik=hergebruik)
    assert not Hergebruik.objects.filter(pk=pk).exists()
    deleted = Version.objects.get_deleted(Hergebruik)
    assert [v.object_id for v in deleted] == [str(pk)]
    assert deleted[0].revision.get_comment() == "Hergebruik ingetrokken"


def test_counts_are_derived_from_reuse_records(setting):
    blok = setting["blok"]
    for code, stadium in [
        ("GM0344", "in-gebruik"),
        ("GM0599", "in-gebruik"),
        ("GM0518", "pilot"),
        ("GM0014", "gestopt"),
    ]:
        Hergebruik.objects.create(
            bouwsteen=blok,
            organisatie=Organisatie.objects.get(code=code),
            stadium=stadium,
        )
    annotated = with_counts(Bouwsteen.objects.filter(pk=blok.pk)).get()
    assert (
        annotated.hergebruik_in_gebruik,
        annotated.hergebruik_pilot,
        annotated.hergebruik_actief,
    ) == (2, 1, 3)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, None),
        ({"dpia": "ja"}, 100 / 14),
        ({"dpia": "deels"}, 50 / 14),
        ({"dpia": "ja", "roadmap": "nvt"}, 100 / 13),
        (dict.fromkeys(Voorwaarde.values, "ja"), 100.0),
        (dict.fromkeys(Voorwaarde.values, "nvt"), None),
        (
            {
                **dict.fromkeys(Voorwaarde.values[:7], "ja"),
                **dict.fromkeys(Voorwaarde.values[7:], "deels"),
            },
            75.0,
        ),
        ({"dpia": "nee", "roadmap": "nee"}, 0.0),
    ],
)
def test_the_score_counts_deels_half_and_leaves_nvt_out(setting, answers, expected):
    blok = setting["blok"]
    for code, antwoord in answers.items():
        Opschalingsantwoord.objects.create(
            bouwsteen=blok, voorwaarde=code, antwoord=antwoord
        )
    in_sql = with_counts(Bouwsteen.objects.filter(pk=blok.pk)).get().opschalingsscore
    in_python = readiness_of(blok).score
    assert in_python == score_of(answers)
    if expected is None:
        assert in_sql is None and in_python is None
    else:
        assert in_sql == pytest.approx(expected)
        assert in_python == pytest.approx(expected)


def test_readiness_lists_every_precondition_and_what_is_missing(setting):
    blok = setting["blok"]
    Opschalingsantwoord.objects.create(
        bouwsteen=blok, voorwaarde="dpia", antwoord=Antwoord.JA
    )
    Opschalingsantwoord.objects.create(
        bouwsteen=blok, voorwaarde="roadmap", antwoord=Antwoord.DEELS
    )
    readiness = readiness_of(blok)
    assert len(readiness.preconditions) == 14
    assert readiness.answered == 2
    missing = {p.code for p in readiness.missing}
    assert "roadmap" in missing and "dpia" not in missing and "kennisdeling" in missing


def test_only_the_owner_answers_the_readiness_check(setting):
    blok = setting["concept"]
    with pytest.raises(ServiceError) as caught:
        services.opschalingscheck_save(
            user=setting["utrechter"],
            bouwsteen=blok,
            answers={"dpia": {"antwoord": "ja"}},
        )
    assert caught.value.code == Code.GEEN_TOEGANG
    services.opschalingscheck_save(
        user=setting["eigenaar"],
        bouwsteen=blok,
        answers={"dpia": {"antwoord": "ja"}},
    )
    with pytest.raises(ServiceError) as caught:
        services.opschalingscheck_save(
            user=setting["eigenaar"],
            bouwsteen=blok,
            answers={"dpia": {"antwoord": "misschien"}},
        )
    assert "opschalingscheck.dpia.antwoord" in caught.value.field_errors
    assert blok.opschalingsantwoorden.get().antwoord == "ja"


def test_relations_only_by_the_owner_never_to_itself_never_twice(setting):
    blok = setting["concept"]
    ander = BouwsteenFactory(organisatie=setting["utrecht"], gepubliceerd=True)
    with pytest.raises(ServiceError) as caught:
        services.relatie_add(
            user=setting["utrechter"], van=blok, type="gebruikt", naar=ander
        )
    assert caught.value.code == Code.GEEN_TOEGANG
    services.relatie_add(
        user=setting["eigenaar"], van=blok, type="gebruikt", naar=ander
    )
    with pytest.raises(ServiceError, match="bestaat al"):
        services.relatie_add(
            user=setting["eigenaar"], van=blok, type="gebruikt", naar=ander
        )
    with pytest.raises(ServiceError) as caught:
        services.relatie_add(
            user=setting["eigenaar"], van=blok, type="gebruikt", naar=blok
        )
    assert "relatie met zichzelf" in caught.value.field_errors["relaties"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Relatie.objects.create(van=blok, type="gebruikt", naar=blok)
    concept = BouwsteenFactory(
        organisatie=setting["utrecht"], publicatiestatus=Publicatiestatus.CONCEPT
    )
    with pytest.raises(ServiceError) as caught:
        services.relatie_add(
            user=setting["eigenaar"], van=blok, type="gebruikt", naar=concept
        )
    assert "die u kunt zien" in caught.value.field_errors["relaties"][0]
    assert list(blok.relaties_uit.values_list("naar", flat=True)) == [ander.pk]


def test_counting_costs_the_same_for_one_block_and_for_fifty(
    setting, django_assert_max_num_queries
):
    organisations = list(Organisatie.objects.filter(soort="gemeente")[:50])
    blocks = [
        BouwsteenFactory(organisatie=setting["amsterdam"], gepubliceerd=True)
        for _ in range(50)
    ]
    for block, org in zip(blocks, organisations[1:], strict=False):
        Hergebruik.objects.create(
            bouwsteen=block, organisatie=org, stadium="in-gebruik"
        )
        Opschalingsantwoord.objects.create(
            bouwsteen=block, voorwaarde="dpia", antwoord="ja"
        )
    with django_assert_max_num_queries(1):
        rows = list(
            with_counts(Bouwsteen.objects.published()).order_by("-hergebruik_actief")
        )
    assert len(rows) == 51
    assert rows[0].hergebruik_actief == 1
