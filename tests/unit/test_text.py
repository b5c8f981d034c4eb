from app.core.text import fts_query, stems


def test_stemming_joins_danish_inflections():
    assert stems("budgettet") == stems("budgetter")[:1] or stems("budgettet")[0] == stems("budget")[0]
    assert stems("kommunerne")[0] == stems("kommunen")[0]


def test_stop_words_are_dropped_and_numbers_kept():
    assert stems("og i det 786 kr.") == ["786", "kr"]


def test_fts_query_quotes_terms_and_handles_empty_input():
    assert fts_query('hvad er "skat"') == '{terms context} : ("skat") OR rterms : ("taks"*)'
    assert fts_query("og i det") is None


def test_danish_letters_and_their_digraphs_meet():
    assert stems("Århus Aarhus AARHUS") == ["aarhus"] * 3
    assert stems("Kløvermarken")[0] == stems("Kloevermarken")[0]
