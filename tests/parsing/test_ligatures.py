"""Ligature codes are repaired only where a document shows the font's damage."""

from parsing.ligatures import repair_unmapped_ligatures


def test_damaged_words_get_their_letters_back():
    page = ("EOersom vi suPt i karantän var det svårt aU hinna. Qll slut fick vi "
            "nya hoar men deUa tog Qd. MoQonerna sköUs väl.")
    [repaired], warnings = repair_unmapped_ligatures([page])
    assert repaired == ("Eftersom vi suttit i karantän var det svårt att hinna. till slut fick "
                        "vi nya hoar men detta tog tid. Motionerna skötts väl.")
    assert [w.code for w in warnings] == ["ligatures"]


def test_ordinary_text_with_capitals_is_left_alone():
    page = "Olle och Ulla från OVK och SGS träffade Pierre i Uppsala. McQueen kom också."
    assert repair_unmapped_ligatures([page]) == ([page], ())
