"""The search page's facet options, written out by a template tag: every value escaped,
the chosen ones ticked, counts grouped, fixed labels translated."""

from django.utils import translation

from bouwstenen.templatetags.catalogus import facet_opties


def group(**kwargs):
    return {"naam": "organisatie", "vertalen": False, **kwargs}


def test_values_and_names_are_escaped():
    html = facet_opties(
        group(
            opties=[
                {
                    "waarde": '"><script>x</script>',
                    "naam": "<b>Gemeente</b> & co",
                    "aantal": 3,
                    "gekozen": False,
                }
            ]
        )
    )
    assert "<script>" not in html and "<b>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html
    assert "&lt;b&gt;Gemeente&lt;/b&gt; &amp; co" in html


def test_each_option_is_a_labelled_checkbox_ticked_when_chosen():
    html = facet_opties(
        group(
            opties=[
                {
                    "waarde": "GM0363",
                    "naam": "Amsterdam",
                    "aantal": 1234,
                    "gekozen": True,
                },
                {
                    "waarde": "GM0599",
                    "naam": "Rotterdam",
                    "aantal": None,
                    "gekozen": False,
                },
            ]
        )
    )
    first, second = html.split("\n")
    assert 'id="f-organisatie-1" name="organisatie" value="GM0363" checked>' in first
    assert (
        'for="f-organisatie-1">Amsterdam <span class="facet__count">1.234</span>'
        in first
    )
    assert 'id="f-organisatie-2" name="organisatie" value="GM0599">' in second
    # A chosen value outside the counted top has no count.
    assert "facet__count" not in second


def test_fixed_labels_are_translated_names_are_not():
    opties = [{"waarde": "pilot", "naam": "Pilot", "aantal": 2, "gekozen": False}]
    fase = {"naam": "levensfase", "vertalen": True, "opties": opties}
    with translation.override("en"):
        assert ">Pilot <span" in facet_opties(fase)
        html = facet_opties(
            {
                "naam": "levensfase",
                "vertalen": True,
                "opties": [{**opties[0], "naam": "In gebruik", "aantal": 4321}],
            }
        )
    assert ">In use <span" in html and "4,321" in html
