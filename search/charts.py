"""A small bar chart of hits per year, drawn on the server as SVG: no script, no library.

    year_bar_chart([(2018, 4), (2019, 14)], href=lambda year: f"?year={year}")

Each bar is a link to its year, named for screen readers ("2019: 14 träffar") and keyboard
users can tab to it. The SVG is a labelled group rather than role="img": an image hides
its links from assistive technology (axe's "nested-interactive" rule), and the links are
the point of the chart. Everything is built with format_html, so no text is left raw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BAR_WIDTH = 28
BAR_GAP = 10
BAR_AREA = 100  # the tallest bar
TOP = 18  # room for the count above the tallest bar
BOTTOM = 22  # room for the year below the bars


def hits_label(year: int, count: int) -> str:
    """ "2019: 12 träffar" """
    return ngettext("%(year)s: %(count)s hit", "%(year)s: %(count)s hits", count) % {
        "year": year,
        "count": count,
    }


def _bar_height(count: int, most: int) -> int:
    if count <= 0 or most <= 0:
        return 0
    return max(2, round(count * BAR_AREA / most))


def _bar(index: int, year: int, count: int, most: int, href: str, label: str, active: bool):
    x = index * (BAR_WIDTH + BAR_GAP) + BAR_GAP // 2
    middle = x + BAR_WIDTH // 2
    height = _bar_height(count, most)
    base = TOP + BAR_AREA
    return format_html(
        '<a href="{href}" aria-label="{label}"{current}><title>{label}</title>'
        '<rect class="bar" fill="#005a9c" x="{x}" y="{y}" width="{width}" height="{height}">'
        "</rect>"
        '<rect class="hit-area" fill="transparent" x="{x}" y="0" width="{width}" height="{full}">'
        "</rect>"
        '<text class="count" x="{middle}" y="{count_y}" text-anchor="middle">{count}</text>'
        '<text class="year" x="{middle}" y="{year_y}" text-anchor="middle">{year}</text></a>',
        href=href,
        label=label,
        current=mark_safe(' aria-current="true"') if active else "",
        x=x,
        y=base - height,
        width=BAR_WIDTH,
        height=height,
        full=base + BOTTOM,
        middle=middle,
        count_y=base - height - 4,
        count=count,
        year_y=base + 16,
        year=year,
    )


def year_bar_chart(
    counts: Sequence[tuple[int, int]],
    *,
    href: Callable[[int], str],
    active: int | None = None,
    caption: str | None = None,
    describe: Callable[[int, int], str] = hits_label,
    chart_id: str = "year-chart",
) -> SafeString:
    """A `<figure>` with one linked bar per (year, count), oldest year first.

    `href(year)` gives each bar's link, `active` marks the year the list is filtered by,
    `describe(year, count)` names a bar ("2019: 12 träffar"); `chart_id` must be unique on
    the page. Empty `counts` give "".
    """
    bars = sorted((int(year), int(count)) for year, count in counts)
    if not bars:
        return SafeString("")
    most = max(count for _year, count in bars)
    width = len(bars) * (BAR_WIDTH + BAR_GAP)
    height = TOP + BAR_AREA + BOTTOM
    links = format_html_join(
        "",
        "{}",
        (
            (_bar(i, year, count, most, href(year), describe(year, count), year == active),)
            for i, (year, count) in enumerate(bars)
        ),
    )
    return format_html(
        '<figure class="year-chart"><figcaption id="{id}">{caption}</figcaption>'
        '<svg role="group" aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-size="12">'
        "{links}</svg>"
        "</figure>",
        id=chart_id,
        caption=caption or _("Hits per year"),
        width=width,
        height=height,
        links=links,
    )
