"""The pages of what a user follows: saved searches ("Bevaka"), the feed token, and the
unsubscribe link of the alert e-mails (search/alerts.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from config.access import public_page
from search.alerts import (
    NAME_MAX_LENGTH,
    UNSUBSCRIBE_PARAMETER,
    default_name,
    followed_query,
    search_url,
    unsubscribe_search,
)
from search.feed_tokens import TOKEN_PARAMETER, feed_token_for
from search.models import SavedSearch
from search.services import feed_token_renew, saved_search_create, saved_search_remove
from search.views import item_search

QUERY_MAX_LENGTH = SavedSearch._meta.get_field("query").max_length


class FollowForm(forms.Form):
    query = forms.CharField(max_length=QUERY_MAX_LENGTH)
    name = forms.CharField(max_length=NAME_MAX_LENGTH, required=False)


@login_required
def follow_list(request: HttpRequest) -> HttpResponse:
    token = feed_token_for(request.user)
    saved = list(SavedSearch.objects.of_user(request.user).newest_first())
    for search in saved:
        search.url = search_url(search)
        search.feed_url = with_token("search:search-feed", search.query, token)
    return render(request, "search/alerts/list.html", {
        "saved_searches": saved,
        "token": token,
        "register_feed_url": with_token("search:register-feed", "", token),
        "has_email": bool(request.user.email),
    })


def with_token(name: str, query: str, token: str) -> str:
    """The feed `name` for the query string `query`, read with the feed token."""
    params = QueryDict(query, mutable=True)
    params[TOKEN_PARAMETER] = token
    return f"{reverse(name)}?{params.urlencode()}"


@login_required
@require_POST
def follow_save(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The search could not be followed. Search again and press "
                                  "“Follow the search” on the results page."))
        return redirect("search:follow-list")
    params = QueryDict(form.cleaned_data["query"])
    query = followed_query(params)
    if len(query) > QUERY_MAX_LENGTH:  # written again, "ä" takes six characters
        messages.error(request, _("The search is too long to follow. Search with fewer words "
                                  "or filters."))
        return redirect("search:follow-list")
    filterset, found = item_search(QueryDict(query))
    if not found.listed:
        messages.error(request, _("Only a search for words can be followed. Search for "
                                  "something first."))
        return redirect("search:follow-list")
    person = getattr(filterset.form, "cleaned_data", {}).get("person")
    name = (" ".join(form.cleaned_data["name"].split())
            or (found.browsing and person and person.full_name[:NAME_MAX_LENGTH])
            or default_name(params))
    saved, created = saved_search_create(user=request.user, query=query, name=name)
    if created:
        messages.success(request, _("You now follow “%(name)s”.") % {"name": saved.name})
    else:
        messages.info(request, _("You already follow this search, as “%(name)s”.")
                      % {"name": saved.name})
    return redirect("search:follow-list")


@login_required
@require_POST
def follow_remove(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch.objects.of_user(request.user), pk=pk)
    saved_search_remove(saved=saved)
    messages.success(request, _("You no longer follow “%(name)s”.") % {"name": saved.name})
    return redirect("search:follow-list")


@login_required
@require_POST
def feed_token_new(request: HttpRequest) -> HttpResponse:
    feed_token_renew(user=request.user)
    messages.success(request, _("Your feed links have a new key. Links with the old key no "
                                "longer work: subscribe again in your feed reader."))
    return redirect("search:follow-list")


@public_page
@csrf_exempt  # the signed token is the proof; mail programs post without a form (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest) -> HttpResponse:
    """Stop following one search from the link of its alert e-mail, without signing in:
    GET asks to confirm, POST (the page's button, or a mail program's one-click) removes."""
    token = request.GET.get(UNSUBSCRIBE_PARAMETER, "")
    valid, saved = unsubscribe_search(token)
    if not valid:
        return render(request, "search/alerts/unsubscribe.html", {"state": "invalid"},
                      status=404)
    if saved is None:
        return render(request, "search/alerts/unsubscribe.html", {"state": "gone"})
    if request.method == "POST":
        saved_search_remove(saved=saved)
        return render(request, "search/alerts/unsubscribe.html",
                      {"state": "removed", "name": saved.name})
    return render(request, "search/alerts/unsubscribe.html", {
        "state": "confirm", "name": saved.name, "token": token,
        "parameter": UNSUBSCRIBE_PARAMETER,
    })
