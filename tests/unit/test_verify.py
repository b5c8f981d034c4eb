"""Verification of model text against numbered sources (app.core.answers.verify), as a small instruct
model writes it."""

from app.core.answers.verify import numbers, sentences, verify

FEE = "Byggesagsgebyret fastsættes fra 1. januar 2026 til 950 kr. pr. time. Forslaget blev vedtaget med 19 stemmer mod 8."
POOL = "Svømmehallen i Tune lukker i juli 2026 på grund af renovering af bassinet og omklædningsrummene."
SOURCES = [POOL, FEE]


def test_a_short_answer_without_a_marker_is_cited_post_hoc():
    verdict = verify("19", SOURCES, "Hvor mange stemte for byggesagsgebyret?")
    assert verdict.verified and verdict.text == "19 [2]."
    # the same bare number, asked about something no source says, is not attributed
    assert not verify("19", SOURCES, "Hvor mange elefanter er der i zoologisk have?").verified


def test_a_wrong_marker_is_corrected_to_the_one_supporting_source():
    verdict = verify("Byggesagsgebyret er 950 kr. pr. time fra 2026 [1].", SOURCES, "Hvad koster byggesagsgebyret?")
    assert verdict.text == "Byggesagsgebyret er 950 kr. pr. time fra 2026 [2]."


def test_an_abbreviation_keeps_its_period_before_the_marker():
    assert verify("950 kr.", SOURCES, "Hvad koster byggesagsgebyret pr. time?").text == "950 kr. [2]"


def test_numbers_must_appear_in_the_cited_text():
    assert not verify("Byggesagsgebyret er 1.000 kr. pr. time [2].", SOURCES, "Hvad koster gebyret?").verified
    assert not verify("Gebyret gælder fra 1. januar 2025 [2].", SOURCES, "Hvornår gælder gebyret?").verified
    assert numbers("1.000 kr.") == {"1.000", "1000"}


def test_an_unsupported_sentence_is_dropped_with_everything_after_it():
    text = "Gebyret er 950 kr. pr. time [2]. Borgmesteren tjener 1,2 mio. kr. om året [2]. Det vedtog 19 [2]."
    verdict = verify(text, SOURCES, "Hvad koster byggesagsgebyret?")
    assert verdict.text == "Gebyret er 950 kr. pr. time [2]." and len(verdict.dropped) == 2
    assert not verify("Borgmesteren tjener 1,2 mio. kr. [1].", SOURCES, "Hvad tjener borgmesteren?").verified


def test_the_model_saying_the_material_lacks_the_answer_is_an_outcome():
    verdict = verify("Det fremgår ikke af materialet.", SOURCES, "Hvad er borgmesterens løn i 2030?")
    assert verdict.not_found and not verdict.verified


def test_sentences_split_after_markers_but_not_after_abbreviations():
    assert sentences("Gebyret er 950 kr. pr. time [2] Det blev vedtaget [2].") == [
        "Gebyret er 950 kr. pr. time [2]", "Det blev vedtaget [2]."]
    assert sentences("Gebyret er 786 kr. pr. time. Det blev godkendt.") == [
        "Gebyret er 786 kr. pr. time.", "Det blev godkendt."]


def test_a_bare_choice_between_the_questions_alternatives_is_not_verified():
    sources = ["Valg mellem statsgaranti og selvbudgettering for 2024. Byrådet besluttede, at kommunen selvbudgetterer."]
    assert not verify("Statsgaranti.", sources, "Valgte Byrådet statsgaranti eller selvbudgettering for 2024?").verified
