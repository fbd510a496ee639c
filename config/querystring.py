"""Links that change one parameter of the list a page shows, keeping the others."""

from __future__ import annotations

from django.http import QueryDict

# Parameters that belong to one page of a list, not to what the list holds: left out of
# every link that changes a filter, since a new filter gives a new list.
PAGE_PARAMETERS = ("page",)


def query_with(params: QueryDict, name: str, value: object | None) -> str:
    """`params` as a query string ("?year=2019&body=2") with `name` set to `value`.

    `value` None removes the parameter. Empty parameters and the page number are left out:
    a new filter gives a new list, which starts on its first page.
    """
    query = QueryDict(mutable=True)
    for key, values in params.lists():
        kept = [v for v in values if v != ""]
        if key not in PAGE_PARAMETERS and key != name and kept:
            query.setlist(key, kept)
    if value is not None:
        query[name] = str(value)
    return f"?{query.urlencode()}"
