"""The pages speak Django, not DRF: the public catalogue (``bouwstenen.views``) shares
its reads (``bouwstenen.selectors``) and its filter set (``bouwstenen.filters``) with the
API, but nothing of the API's machinery. A filter set refuses with Django's
ValidationError; only the API turns that into a problem document (``core.api.filters``).

The import-linter contract in pyproject.toml says the same for ``make lint``; this test
shows the chain when it breaks. It follows our own imports: what a third-party package
loads for itself (django-filter brings its DRF backend along) is not the pages' doing.
"""

import grimp
import pytest

API_PACKAGES = ("rest_framework", "drf_spectacular")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(
        "bouwstenen", "core", "registry", include_external_packages=True
    )


@pytest.mark.parametrize("api_package", API_PACKAGES)
def test_the_pages_import_nothing_of_the_api(graph, api_package):
    chains = graph.find_shortest_chains(
        importer="bouwstenen.views", imported=api_package
    )
    assert chains == set(), "\n".join(" -> ".join(chain) for chain in chains)


@pytest.mark.parametrize("api_package", API_PACKAGES)
def test_the_check_sees_what_the_api_imports(graph, api_package):
    """The same question about the API has an answer, so an empty one above means
    something (the graph holds the external packages)."""
    assert graph.find_shortest_chains(importer="bouwstenen.api", imported=api_package)
