"""Full-text search over the archive, in Swedish: the search app.

Nothing else of ours imports this app; it sits on top (municipalities <- minutes <-
decisions <- search). It owns the index (each agenda item's `search_vector` and the table
of stems, `SearchLexeme`), query building (syntax.py, tsquery.py), searching and
highlighting (results.py), facets and charts (facets.py, charts.py), and the pages that
search: the search page and the decision register (views.py, register.py, urls.py).

The index is kept current by one mechanism: the `minutes.signals.meetings_changed` signal,
which the write pipeline and the admin send and receivers.py answers by re-indexing those
meetings in the same transaction. Deleting items counts their stems down in the database
(a statement trigger, minutes migration 0011).

What the modules offer (import them by module: this package itself imports no models):

Searching (search.results)
    search_items(queryset, q, *, sort="relevance", exact=False) -> ItemSearch
        The agenda items of `queryset` (any AgendaItem queryset, filters already applied)
        matching `q`. `sort` is "relevance" (rank, then newest), "newest" or "oldest";
        anything else means "relevance". `exact`: the words only as typed (stemmed, accents
        folded), neither expanded to compounds nor corrected (the page's `exakt=1`).
        The result has:
          .queryset  the matches, ordered by `sort` (page it), annotated `rank`
                     (ts_rank_cd; None for "newest"/"oldest", which rank nothing);
          .matches   the same rows without rank or ordering (count it, facet it);
          .query     the tsquery text, "" when nothing was searched; `TsQuery(.query)` is
                     an expression for filtering other querysets with the same query;
          .any_query a tsquery for any of the positive terms (what highlights mark);
          .message   a Swedish sentence when the query could not be searched (too long,
                     only operators, only stop words, only exclusions), else None;
          .terms     a SearchTerm per term: .text, .phrase, .negated, .searched (False
                     for stop words), .expansions and .corrections (archive stems it also
                     matched, accents folded), .stem and .known (whether the archive holds
                     the word's stem);
          .searched  whether a search ran. An empty `q` gives no rows and no message;
          .exact     whether the words were matched as typed only.
        Never raises on any string (NUL, emoji, unbalanced quotes, 10 kB); costs one query
        to normalise the words, none for an unusable query.

    browse_items(queryset, *, sort="newest") -> ItemSearch
        Every item of `queryset`, newest (or oldest) first, no words: `.browsing` is True,
        `.listed` (searched or browsing) says the page has a list. The search page uses it
        for a person's items without words: `/search/?person=<pk>`.

    search_decisions(queryset, q, *, sort="relevance", exact=False) -> DecisionSearch
        The same for Decision querysets: a decision matches on its own sub-heading and text.

Highlighting (search.results; only for the rows of the page being shown)
    add_highlights(items, search) -> None
        Sets `item.snippet` (SafeString: the item's text around the matched words, escaped,
        matches in <mark>), `item.snippet_plain` (the same text as written, for plain-text
        output), `item.decisions_shown` (all the item's decisions, each with `.highlighted`,
        its escaped text with <mark>, `.matches`, whether it holds a searched word itself,
        and its `assigned` people prefetched) and `item.matching_decisions` (those that
        match). Three queries whatever the number of items (two for items from
        `with_snippets`); none when nothing was searched nor browsed.
    search_reordered(search, sort) -> ItemSearch
        The same hits in another order ("newest"), with no query to prepare the words.
    with_snippets(queryset, search) -> QuerySet
        Annotates the page's query with the snippet, so the page costs no extra query.
    add_decision_highlights(decisions, search) -> None
        Sets `decision.highlighted` on a page of decisions, in one query.

What the page says about the words (search.explain)
    search_notes(params, found, items, count) -> SearchNotes
        A word the archive lacks and what it was searched as ("Visar träffar för
        Trafikverket"), the compounds and forms a known word also found, each as the page's
        marked words write them; links with and without `exakt=1`; when nothing was found,
        "Menade du ...?": the query with each unknown word replaced by the archive's word
        spelled most like it (tsquery.nearest_stems; results.word_as_written gives it as
        the minutes write it). No query, but one or two for a suggestion.

The search page (search.views.search) also lists, above the items, the people and bodies
named like the words (municipalities.directory.people_named / bodies_named, two queries),
each linked to its page and a person to their items. "A person's items" (search.filters.
person_appears, the `person` filter of ItemFilter): the items of every meeting the minutes
list them as attending, and any item whose decisions assign them, where they cast a
ballot or made a reservation, recusal or note, newest first without words.

Query syntax: words (all must match), "exact phrase", OR (also ELLER) between alternatives,
-word or -"phrase" to leave out what the word or phrase would find. Matching folds å/ä/ö
(configuration `swedish_unaccent`), stems Swedish endings, expands a word to the archive's
compounds that contain it ("station" finds "pendeltågsstationer") and, for a word the archive
does not have, to words spelled like it (typos in names: "Sundbon" finds "Sundbom"). A
quoted phrase, or a single quoted word, is matched as written: stemmed and without accents,
but not expanded. Stop words ("och", "för", also typed "for") are ignored, and keep their
place in a phrase.

Indexing (search.index)
    search_index_refresh(*, meeting_ids) -> None
        Re-index the items of these meetings, in the caller's transaction (receivers.py
        calls it for meetings_changed).
    search_index_rebuild(...) -> RebuildReport
        Re-index everything in batches (`manage.py rebuild_search_index`).
"""
