"""Filter pieces shared by every filter set, of the API and of the pages alike.

A filter with several values selects records matching any of them. The values are given by
repeating the parameter (``?soort=pilot&soort=idee``, what OpenAPI clients send for an
array) or, as a convenience, comma-separated (``?soort=pilot,idee``). A value that does
not exist, or an empty one, is refused, never silently ignored. A parameter that takes one
value (``q``, ``sort``, a date) given twice is refused too: Django would quietly use the
last one, and the client would never learn which of its values counted. Unknown
parameters are ignored.

Refusals are Django's ValidationError, as any form raises them: the pages show them next
to the search box, and ``core.api.filters`` turns them into the API's problem document.
Nothing here knows about DRF.
"""

import copy
from datetime import UTC

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.utils.datastructures import MultiValueDict
from django_filters.fields import BaseCSVField, IsoDateTimeField

from core.expressions import Inline
from core.paging import LeadingSubset
from core.search.forgiving import Correction

# At most this many form classes per filter set class (sets of given parameters) are
# kept; a request with another set gets a class of its own.
_FORM_CLASSES = 256

REPEATED = (
    "Geef deze parameter één keer; alleen filters met meerdere waarden mogen herhaald "
    "worden."
)


class MultiValueWidget(forms.SelectMultiple):
    """All values of a repeated parameter, each also split on commas.

    Empty values stay in (``?soort=`` is ``[""]``), so the field refuses them: an empty
    value is a mistake, and leaving the parameter out means "no filter".
    """

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            values = data.getlist(name)
        else:
            values = [] if data.get(name) is None else [data.get(name)]
        return [part.strip() for value in values for part in value.split(",")]


class MultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    """Any of several values of a field with fixed choices (an enumeration)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiValueWidget)
        # Plain columns and foreign keys never duplicate a row; DISTINCT would only cost.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, v):
        # A value the form checked against the choices goes into the SQL text: each
        # value then has a prepared statement planned for it, where one generic plan
        # for all values can pick the wrong index (core.expressions.Inline).
        return {
            name: Inline(value) if Inline.fits(value) else value
            for name, value in super().get_filter_predicate(v).items()
        }


class RelatedFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of several related objects, named by their natural key (``to_field_name``).

    Matches through ``pk IN (subquery)`` (a many-to-many field: over its link table): a
    record linked to two of the chosen objects appears once, without a DISTINCT over
    every column. A foreign key is compared in place.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiValueWidget)
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        # No choice comes as ``queryset.none()``, whose truth would be a query.
        if value is None or isinstance(value, QuerySet) and value.query.is_empty():
            return qs
        if not isinstance(value, QuerySet) and not value:
            return qs
        field = qs.model._meta.get_field(self.field_name)
        if field.many_to_one:
            # A foreign key: its own column, no subquery.
            return qs.filter(**{f"{self.field_name}__in": value})
        if field.many_to_many and not field.auto_created:
            # The link table alone: joining the records back into the subquery made
            # PostgreSQL hash every record before the semi-join (7 ms at 10,000).
            through = field.remote_field.through._default_manager
            matching = through.filter(
                **{f"{field.m2m_reverse_field_name()}__in": value}
            ).values(field.m2m_field_name())
        else:
            matching = qs.model._default_manager.filter(
                **{f"{self.field_name}__in": value}
            ).values("pk")
        return qs.filter(pk__in=matching)


class _NoEmptyItemsCSVField(BaseCSVField):
    def clean(self, value):
        # None: the parameter is absent. ``[]`` comes from ``?sort=``, a mistake too.
        if value is not None and (not value or "" in value):
            raise ValidationError(
                "Een lege waarde; laat de parameter of de extra komma weg.",
                code="blank",
            )
        return super().clean(value)


class _GivenIsoDateTimeField(IsoDateTimeField):
    def clean(self, value):
        # An empty ``?gewijzigdSinds=`` is a mistake, not "no filter".
        if value == "":
            raise ValidationError(
                "Geef een moment (ISO 8601) of laat de parameter weg.", code="blank"
            )
        moment = super().clean(value)
        if moment is None:
            return None
        # Python allows offsets up to a day, PostgreSQL only up to 16 hours: compare in
        # UTC, and refuse what UTC cannot hold (the year 9999 at -20:00, say).
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError(
                "Dit moment valt buiten het bereik dat het register kan vergelijken.",
                code="out_of_range",
            ) from None


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """A moment in ISO 8601; a given but empty value is refused."""

    field_class = _GivenIsoDateTimeField


class SortFilter(django_filters.OrderingFilter):
    """``sort=naam`` or ``sort=-gewijzigdOp`` (minus for descending), several comma-separated.

    Empty dates sort last in both directions on both databases (SQLite and PostgreSQL
    disagree by default), and the primary key breaks ties, so pages never overlap.
    """

    base_field_class = _NoEmptyItemsCSVField

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            name = self.get_ordering_value(param)
            if name.startswith("-"):
                ordering.append(F(name[1:]).desc(nulls_last=True))
            else:
                ordering.append(F(name).asc(nulls_last=True))
        return qs.order_by(*ordering, "pk")


def takes_several_values(field: forms.Field) -> bool:
    return isinstance(field.widget, MultiValueWidget)


def single_valued(filterset_class) -> set[str]:
    """The parameters of a filter set that take one value each."""
    return {
        name
        for name, filter_ in filterset_class.base_filters.items()
        if not takes_several_values(filter_.field)
    }


class _OneValueEachForm(forms.Form):
    """A filter form that refuses a single-valued parameter given more than once."""

    def clean(self):
        cleaned = super().clean()
        if not hasattr(self.data, "getlist"):
            return cleaned
        for name, field in self.fields.items():
            if takes_several_values(field):
                continue
            if len(self.data.getlist(self.add_prefix(name))) > 1:
                # This one reason only: whatever else is wrong with one of the values
                # is beside the point.
                self._errors.pop(name, None)
                self.add_error(name, ValidationError(REPEATED, code="repeated"))
        return cleaned


class FilterSet(django_filters.FilterSet):
    """A filter set whose single-valued parameters are each given at most once."""

    # Rows that come first in the filtered queryset's order, when a filter knows them
    # (a search does): for the paginator, see core.paging.LeadingSubset.
    leading: LeadingSubset | None = None
    # The order term by which a search ranks its matches, when one ran: for the
    # paginator, which then reads the page with its total (core.paging).
    ranked_by: str | None = None
    # What a search searched for instead of a misspelled query, when it did
    # (core.search.forgiving): for the answer to say so.
    correction: Correction | None = None

    # django-filter deep-copies every filter and builds a new form class on every
    # request, which cost a list or a search page more than its queries (about 5 ms of
    # 12, docs/performance.md). A filter here is configuration: its field takes no
    # request, so each filter set gets shallow copies that know their parent, and one
    # form class per filter set class and set of given parameters (a form still copies
    # its fields per instance, so it holds only those: see ``get_form_class``).

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or MultiValueDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, base in self.base_filters.items():
            filter_ = copy.copy(base)
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                # Bound to this copy, so the method is looked up on this filter set.
                filter_.method = filter_.method
            self.filters[name] = filter_

    @classmethod
    def _form_class(cls, names: frozenset[str] | None = None):
        """The form of the filters ``names`` (all when None), one class per set of
        names and filter set class."""
        if "_cached_form_classes" not in cls.__dict__:
            cls._cached_form_classes = {}
        classes = cls._cached_form_classes
        if names not in classes:
            fields = {
                name: base.field
                for name, base in cls.base_filters.items()
                if names is None or name in names
            }
            form_class = type(
                f"{cls.__name__}Form", (_OneValueEachForm, cls._meta.form), fields
            )
            if len(classes) >= _FORM_CLASSES:
                return form_class
            classes[names] = form_class
        return classes[names]

    def get_form_class(self):
        # A bound form holds only the filters the request names: an absent parameter
        # filters nothing (tests/api/test_filters_absent.py holds every filter to
        # that), and each field a form holds is deep-copied and cleaned per request
        # (a search spent a tenth of its time on the fourteen it did not use).
        if not self.is_bound or not hasattr(self.data, "keys"):
            return self._form_class()
        given = {
            name
            for name in self.base_filters
            if self.form_prefix is None
            and name in self.data
            or self.form_prefix is not None
            and f"{self.form_prefix}-{name}" in self.data
        }
        return self._form_class(frozenset(given))
