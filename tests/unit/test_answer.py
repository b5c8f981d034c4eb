from app.core.answer import extractive_answer, sentences, supported, user_prompt
from app.core.library import Hit


def hit(text, page=3, number=7):
    return Hit(1, "pakke.pdf", page, 1, "Byrådet", "2023-10-02", number, "Byggesagsgebyrer", False, None, text, 1.0)


SOURCE = hit("Byggesagsgebyret for 2024 fastsættes til 786 kr. pr. time for alle typer af byggesager.")


def test_sentences_do_not_split_after_abbreviations():
    assert sentences("Gebyret er 786 kr. pr. time. Det blev godkendt.") == [
        "Gebyret er 786 kr. pr. time.", "Det blev godkendt."]


def test_a_sentence_must_cite_a_source_that_supports_it():
    assert supported("Byggesagsgebyret for 2024 er 786 kr. pr. time [1].", [SOURCE])
    assert not supported("Byggesagsgebyret for 2024 er 786 kr. pr. time.", [SOURCE])  # no marker
    assert not supported("Byggesagsgebyret for 2024 er 786 kr. pr. time [2].", [SOURCE])  # bad marker
    assert not supported("Byggesagsgebyret for 2024 er 900 kr. pr. time [1].", [SOURCE])  # wrong number
    assert not supported("Svømmehallen lukker til sommer [1].", [SOURCE])  # unrelated claim


def test_extractive_answer_quotes_and_cites():
    other = hit("Mødet sluttede kl. 21.", page=9, number=20)
    answer = extractive_answer("Hvad bliver byggesagsgebyret i 2024?", [other, SOURCE], "m")
    assert answer.grounded and answer.mode == "extractive"
    assert "786 kr. pr. time" in answer.text and "[2]" in answer.text


def test_extractive_answer_says_so_when_nothing_matches():
    answer = extractive_answer("Hvornår åbner den nye skøjtebane?", [SOURCE], "m")
    assert not answer.grounded and answer.text == "Det fremgår ikke af materialet."


def test_prompt_trims_sources_but_never_the_question():
    long_hits = [hit("ord " * 3000) for _ in range(5)]
    prompt = user_prompt("Hvad koster det?", long_hits, context_tokens=1024)
    assert prompt.endswith("Spørgsmål: Hvad koster det?")
    assert len(prompt) < 1024 * 3
