from app.core.text import fts_query, query_terms, stems


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


def test_question_words_do_not_become_search_terms():
    assert [t.stem for t in query_terms("Hvor stort er budgettet, og hvem kan få det?")] == stems("budgettet")


def test_a_compound_is_split_into_words_the_index_knows():
    vocabulary = {"byraad", "medlem", "kommunalbestyr"}
    terms = query_terms("byrådsmedlem", known=lambda words: vocabulary & set(words))
    assert terms[0].parts == ("byraad", "medlem")
    # so it meets "medlem af kommunalbestyrelsen": byråd ~ kommunalbestyrelse is a synonym group
    assert terms[0].matches(set(stems("medlem af kommunalbestyrelsen")))
    assert not terms[0].matches(set(stems("medlem af foreningen")))
    assert '"medlem"' in fts_query(terms) and '"kommunalbestyr"' in fts_query(terms)


def test_no_split_without_a_vocabulary_or_for_unknown_parts():
    assert query_terms("byrådsmedlem")[0].parts == ()
    assert query_terms("byrådsmedlem", known=lambda words: set())[0].parts == ()


def test_snowball_budget_forms_meet_through_the_vocabulary():
    # Snowball: "budget" -> "budg" but "budgettet" -> "budget"; the query tries the other form.
    term = query_terms("budgettet", known=lambda words: {"budg"} & set(words))[0]
    assert term.stem == "budget" and "budg" in term.synonyms
    assert term.matches(set(stems("et årligt budget")))


def test_a_short_query_word_matches_the_head_of_a_compound():
    term = query_terms("gebyr")[0]
    assert term.matches(set(stems("byggesagsgebyret stiger"))) and not term.matches(set(stems("taksten stiger")))


def test_stem_set_is_the_set_of_stems():
    from app.core.text import stem_set, stems

    text = "Byrådet godkendte budgettet; budgettet for Århus og AARHUS blev godkendt. 12,5 mio. kr."
    assert stem_set(text) == set(stems(text)) and stem_set("") == set()
