"""A filter whose parameter a request leaves out filters nothing, so a bound filter
form holds only the filters the request names (``core.filters.FilterSet``): the fields it
leaves out would each have been copied and cleaned, and then done nothing."""

import pytest

from django.http import QueryDict

from bouwstenen.api.referentiedata.views import OrganisatieFilter
from bouwstenen.filters import BehoefteFilter, BouwsteenFilter, CatalogusFilter
from core.filters import FilterSet

pytestmark = pytest.mark.django_db

FILTER_SETS = [BouwsteenFilter, CatalogusFilter, BehoefteFilter, OrganisatieFilter]


def test_every_filter_set_of_the_project_is_checked_here():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {
        cls for cls in subclasses(FilterSet) if not cls.__module__.startswith("tests")
    }
    assert ours == set(FILTER_SETS)


@pytest.mark.parametrize("filterset_class", FILTER_SETS, ids=lambda c: c.__name__)
def test_a_filter_given_no_value_leaves_the_records_as_they_are(filterset_class):
    # Every field, as a form cleans it when its parameter is absent.
    everything = filterset_class({}, queryset=None)
    form = everything._form_class()(QueryDict(""))
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data) == set(filterset_class.base_filters)
    queryset = everything.queryset
    for name, value in form.cleaned_data.items():
        filtered = everything.filters[name].filter(queryset, value)
        assert str(filtered.query) == str(queryset.query), name


def test_a_bound_form_holds_only_the_parameters_given():
    filterset = BouwsteenFilter(QueryDict("q=jeugdzorg&onbekend=1&page=2"))
    assert set(filterset.form.fields) == {"q"}
    assert filterset.is_valid()
    # The same set of parameters takes the same form class again.
    again = BouwsteenFilter(QueryDict("q=armoede"))
    assert type(again.form) is type(filterset.form)
    # With a prefix, as a page with two forms would use it.
    prefixed = BouwsteenFilter(QueryDict("f-soort=werkwijze&soort=x"), prefix="f")
    assert set(prefixed.form.fields) == {"soort"}
    assert prefixed.form.is_valid()
    assert prefixed.form.cleaned_data["soort"] == ["werkwijze"]


def test_an_unbound_form_holds_every_filter():
    assert set(BouwsteenFilter().form.fields) == set(BouwsteenFilter.base_filters)


def test_a_given_parameter_is_still_refused_and_a_repeated_one_too():
    bad = BouwsteenFilter(QueryDict("soort=onzin"))
    assert not bad.is_valid()
    assert list(bad.form.errors) == ["soort"]
    twice = BouwsteenFilter(QueryDict("q=a&q=b"))
    assert not twice.is_valid()
    assert twice.form.errors.as_data()["q"][0].code == "repeated"
