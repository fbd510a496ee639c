"""The filters shared by the agenda lists and the decision register, their facets, the chart."""

from __future__ import annotations

import re

import pytest
from django.http import QueryDict

from config.querystring import query_with
from decisions.models import Decision
from minutes.models import AgendaItem, Attendance, Body
from municipalities.models import Organization, Person
from search.charts import year_bar_chart
from search.facets import TOP_PEOPLE, facet_counts, facet_list
from search.filters import DecisionFilter, ItemFilter

pytestmark = pytest.mark.django_db






def query(**params: str) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(params)
    return data


def items(**params: str) -> ItemFilter:
    return ItemFilter(query(**params), queryset=AgendaItem.objects.all())


def decisions(**params: str) -> DecisionFilter:
    return DecisionFilter(query(**params), queryset=Decision.objects.all())


def meetings_of(rows) -> set[int]:
    return {row.meeting_id for row in rows}


def person(name: str) -> Person:
    return Person.objects.get(full_name=name)


def org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def test_dates_and_year_narrow_items_to_one_meeting(seeded):
    old, new = seeded["2018"].pk, seeded["2019"].pk

    assert meetings_of(items(date_from="2019-01-01").qs) == {new}
    assert meetings_of(items(date_to="2018-12-31").qs) == {old}
    assert meetings_of(items(date_from="2018-06-06", date_to="2018-06-06").qs) == {old}
    assert meetings_of(items(year="2019").qs) == {new}
    assert items(year="2017").qs.count() == 0
    assert items().qs.count() == 17


def test_body_narrows_items_to_that_bodys_meetings(seeded):
    styrgruppen = Body.objects.get(name="Styrgruppen")

    result = items(body=str(styrgruppen.pk)).qs

    assert meetings_of(result) == {seeded["2019"].pk}
    assert result.count() == 8


def test_person_narrows_to_meetings_attended_and_items_that_name_them(seeded):
    # Rickard Sundbom attended in 2018 and was absent in 2019, where two decisions assign
    # him work: of 2019 he has those items only.
    rickard = person("Rickard Sundbom")
    assigned = set(AgendaItem.objects.filter(meeting=seeded["2019"], decisions__assigned=rickard)
                   .values_list("pk", flat=True))
    found = items(person=str(rickard.pk)).qs

    assert assigned
    assert {item.pk for item in found if item.meeting_id == seeded["2019"].pk} == assigned
    assert found.filter(meeting=seeded["2018"]).count() == 9
    assert meetings_of(items(person=str(person("Stefan Hollmark").pk)).qs) == {seeded["2019"].pk}
    assert items(person=str(person("Anna Söderström").pk)).qs.count() == 17


def test_municipality_gives_each_item_once_however_many_attended_from_it(seeded):
    haninge = org("Haninge")
    assert Attendance.objects.filter(meeting=seeded["2018"], organization=haninge).count() > 1

    result = items(municipality=str(haninge.pk)).qs

    assert result.count() == 17
    assert len({item.pk for item in result}) == 17


def test_municipality_counts_only_attendees_who_were_there(seeded):
    # Left in 2019: Rickard Sundbom of Södertälje, who was absent.
    Attendance.objects.filter(meeting=seeded["2019"], person__full_name="Mats Johannesson").delete()

    result = items(municipality=str(org("Södertälje").pk)).qs

    assert meetings_of(result) == {seeded["2018"].pk}


def test_decisions_only_keeps_items_with_a_decision(seeded):
    with_decisions = set(
        AgendaItem.objects.filter(decisions__isnull=False).values_list("pk", flat=True)
    )
    assert 0 < len(with_decisions) < AgendaItem.objects.count()

    result = items(decisions_only="on").qs

    assert {item.pk for item in result} == with_decisions
    assert items(decisions_only="").qs.count() == AgendaItem.objects.count()


def test_filters_combine(seeded):
    anna = person("Anna Söderström")
    ledningsgruppen = Body.objects.get(name="Ledningsgruppen")

    both = items(year="2019", person=str(anna.pk), decisions_only="true").qs
    none = items(year="2019", body=str(ledningsgruppen.pk)).qs

    assert (
        both.count()
        == AgendaItem.objects.filter(meeting=seeded["2019"], decisions__isnull=False)
        .distinct()
        .count()
    )
    assert meetings_of(both) == {seeded["2019"].pk}
    assert none.count() == 0


def test_decision_filter_shares_the_meeting_filters(seeded):
    styrgruppen = Body.objects.get(name="Styrgruppen")
    in_2019 = Decision.objects.filter(item__meeting=seeded["2019"]).count()
    assert in_2019 == 14

    assert decisions(year="2019").qs.count() == in_2019
    assert decisions(date_to="2018-12-31").qs.count() == 4
    assert decisions(body=str(styrgruppen.pk)).qs.count() == in_2019
    assert decisions(person=str(person("Rickard Sundbom").pk)).qs.count() == 4
    assert decisions(municipality=str(org("Haninge").pk)).qs.count() == 18
    assert "decisions_only" not in decisions().filters


def test_decision_text_filter_is_a_plain_substring_match_for_now(seeded):
    result = decisions(q="positionspapper").qs

    assert result.count() >= 1
    assert all("positionspapper" in d.text.lower() for d in result)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2019-13-45"}, "date_from", "Fyll i ett giltigt datum."),
        ({"date_to": "\x00"}, "date_to", "Fyll i ett giltigt datum."),
        ({"year": "abc"}, "year", "Fyll i ett heltal."),
        ({"year": "99999999999999999999"}, "year", "9999"),
        ({"body": "999999"}, "body", "Välj ett giltigt alternativ."),
        ({"body": "99999999999999999999999"}, "body", "Välj ett giltigt alternativ."),
        ({"person": "x"}, "person", "Välj ett giltigt alternativ."),
    ],
)
def test_bad_values_are_reported_in_swedish_and_left_out(seeded, params, field, message):
    filterset = items(**params)

    assert filterset.qs.count() == 17
    assert not filterset.is_valid()
    assert message in " ".join(filterset.form.errors[field])


def test_a_bad_value_leaves_the_other_filters_working(seeded):
    filterset = items(year="abc", date_from="2019-01-01")

    assert meetings_of(filterset.qs) == {seeded["2019"].pk}


def test_a_region_is_not_a_municipality(seeded):
    filterset = items(municipality=str(org("Region Stockholm").pk))

    assert "municipality" in filterset.form.errors
    assert filterset.qs.count() == 17


def test_facet_counts_years_bodies_municipalities_and_people(seeded):
    counts = facet_counts(AgendaItem.objects.all())

    assert [(c.value, c.count) for c in counts.years] == [(2018, 9), (2019, 8)]
    assert {(c.label, c.count) for c in counts.bodies} == {
        ("Ledningsgruppen", 9),
        ("Styrgruppen", 8),
    }
    municipalities = {c.label: c.count for c in counts.municipalities}
    assert municipalities["Haninge"] == 17
    assert "Region Stockholm" not in municipalities
    assert "Trafikverket" not in municipalities
    people = {c.label: c.count for c in counts.people}
    assert len(counts.people) == TOP_PEOPLE
    assert people["Anna Söderström"] == 17
    assert counts.people[0].count == 17
    assert "Ebba Östlin" not in people  # absent, the only time she is listed


def test_facet_counts_follow_the_filtered_result(seeded):
    anna = person("Anna Söderström")

    counts = facet_counts(items(year="2018").qs)
    by_decision = facet_counts(decisions(year="2019").qs)

    assert [(c.value, c.count) for c in counts.years] == [(2018, 9)]
    assert [c.label for c in counts.bodies] == ["Ledningsgruppen"]
    assert {c.label: c.count for c in by_decision.people}.get(anna.full_name) == 14
    assert "Rickard Sundbom" not in {c.label for c in by_decision.people}


def test_facet_counts_and_the_total_take_one_query_whatever_the_result(
    seeded, django_assert_num_queries
):
    with django_assert_num_queries(1):
        items = facet_counts(AgendaItem.objects.all())
    with django_assert_num_queries(1):
        decisions = facet_counts(
            Decision.objects.filter(item__meeting__body__name="Styrgruppen")
        )
    assert items.total == AgendaItem.objects.count() == 17
    assert decisions.total == 14


def test_the_active_person_is_listed_among_the_top_people(seeded):
    # In 2019 more than fifteen people share the top count with Stefan Hollmark.
    stefan = person("Stefan Hollmark")

    facets = facet_list(*_filtered(year="2019", person=str(stefan.pk)))

    people = next(f for f in facets if f.name == "person")
    active = [v for v in people.values if v.active]
    assert [v.label for v in active] == ["Stefan Hollmark"]
    assert people.active_label == "Stefan Hollmark"


def _filtered(**params):
    filterset = items(**params)
    return filterset.qs, filterset


def test_facet_links_keep_the_other_filters_and_drop_the_page(seeded):
    styrgruppen = Body.objects.get(name="Styrgruppen")

    facets = facet_list(*_filtered(body=str(styrgruppen.pk), page="3", date_from=""))

    by_name = {f.name: f for f in facets}
    year_links = [v.url for v in by_name["year"].values]
    assert year_links == [f"?body={styrgruppen.pk}&year=2019"]
    body = by_name["body"]
    assert [v.active for v in body.values] == [True]
    assert body.active_label == "Styrgruppen"
    assert body.remove_url == "?"
    haninge = next(v for v in by_name["municipality"].values if v.label == "Haninge")
    assert haninge.url == f"?body={styrgruppen.pk}&municipality={org('Haninge').pk}"


def test_facet_links_replace_the_value_of_their_own_filter(seeded):
    facets = facet_list(*_filtered(year="2018", decisions_only="on"))

    year = next(f for f in facets if f.name == "year")
    assert [v.url for v in year.values] == ["?decisions_only=on&year=2018"]
    assert query_with(QueryDict("year=2018&page=2"), "year", 2019) == "?year=2019"


def test_facet_links_leave_out_rejected_values(seeded):
    facets = facet_list(*_filtered(year="abc", date_to="2019-13-45", body="1x"))

    assert facets[0].values
    for facet in facets:
        for value in facet.values:
            assert "abc" not in value.url and "2019-13-45" not in value.url
            assert "1x" not in value.url


def test_year_chart_has_one_named_link_per_year():
    svg = year_bar_chart([(2019, 12), (2018, 3)], href=lambda year: f"?year={year}", active=2019)

    links = re.findall(r"<a [^>]*>", svg)
    assert [re.search(r'href="([^"]+)"', a).group(1) for a in links] == [
        "?year=2018",
        "?year=2019",
    ]
    assert 'aria-label="2019: 12 hits"' in svg or 'aria-label="2019: 12 träffar"' in svg
    assert "<title>" in svg
    assert 'role="group"' in svg and "aria-labelledby" in svg
    assert svg.count('aria-current="true"') == 1
    assert "<script" not in svg


def test_year_chart_speaks_swedish(settings):
    settings.LANGUAGE_CODE = "sv"
    from django.utils import translation

    with translation.override("sv"):
        svg = year_bar_chart([(2019, 12), (2020, 1)], href=lambda year: f"?year={year}")

    assert 'aria-label="2019: 12 träffar"' in svg
    assert 'aria-label="2020: 1 träff"' in svg
    assert "Träffar per år" in svg


def test_year_chart_escapes_what_it_is_given():
    svg = year_bar_chart(
        [(2019, 1)],
        href=lambda year: f'?q="><script>alert(1)</script>&year={year}',
        caption="<img src=x onerror=alert(1)>",
    )

    assert "<script>" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg and "&quot;&gt;" in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg


def test_year_chart_of_nothing_is_empty():
    assert year_bar_chart([], href=str) == ""


def test_bar_heights_follow_the_counts():
    svg = year_bar_chart([(2018, 5), (2019, 10)], href=str)

    heights = [int(h) for h in re.findall(r'class="bar"[^>]* height="(\d+)"', svg)]
    assert heights == [50, 100]


def test_beyond_the_attendance_limit_municipalities_and_people_are_not_counted(
    seeded, settings
):
    settings.FACET_ATTENDANCE_LIMIT = 3
    facets = facet_list(*_filtered())
    by_name = {facet.name: facet for facet in facets}

    assert facets.total > 3
    assert by_name["year"].values and by_name["body"].values
    for name in ("municipality", "person"):
        assert by_name[name].values == []
        assert by_name[name].note == "Räknas när listan har högst 3 träffar."
