"""The person model's features, on sentences written for these tests (names invented):
each phenomenon a feature is for, and that the shipped model weighs it the right way."""

from __future__ import annotations

import pandas as pd

from resolve.sources.base import article_items
from resolve.sources.rules.batch import judge, prepare
from resolve.sources.rules.explain import read_candidates
from resolve.sources.rules.model import shipped_model
from resolve.sources.rules.wordlists import shipped_places


def reading(rules, text: str, word: str, nth: int = 0):
    """The decision on the `nth` candidate written `word` of `text`, read as a batch of its own."""
    arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
    hits = [r for r in read_candidates(arts, rules, top=0) if r.text == word]
    return hits[nth]


def features(rules, text: str, word: str, nth: int = 0) -> set[str]:
    """Every feature of that candidate, whatever its weight (`reading` shows only those the
    model weighs: a feature that rounded to no weight is still computed)."""
    arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
    model = shipped_model()
    hits = [j for j in judge(prepare(article_items(arts), rules, model.namelike), model)
            if j.article.text[j.candidate.start : j.candidate.end] == word]
    return set(hits[nth].features)


def test_a_firm_cue_after_the_name_lowers_the_probability(rules):
    firm = reading(rules, "Kessler shares fell four percent on Tuesday.", "Kessler")
    person = reading(rules, "Kessler told reporters on Tuesday he was pleased.", "Kessler")
    assert "n1_orgcue" in {f for f, _ in firm.features}
    assert firm.probability < person.probability


def test_how_the_article_writes_the_same_word_elsewhere(rules):
    firmish = "The Hartwell plant will close next year. Hartwell cut 200 jobs in March."
    personish = "Hartwell said the plant will close next year. Hartwell cut 200 jobs in March."
    assert "same_the=all" in features(rules, firmish, "Hartwell", 1)
    assert "same_said=all" in features(rules, personish, "Hartwell", 1)
    assert reading(rules, firmish, "Hartwell", 1).probability < reading(rules, personish, "Hartwell", 1).probability


def test_the_other_occurrences_count_in_proportion(rules):
    # One "the Vardanel prize" among five mentions of the man must not speak for all of them.
    text = ("Vardanel said the results were clear. The Vardanel prize is given each year. "
            "Vardanel told the committee he was proud. Vardanel left in June. Vardanel returned in May.")
    fs = features(rules, text, "Vardanel", 3)
    assert "same_the=some" in fs and "same_the=all" not in fs and "same_the=most" not in fs
    assert "same_said=some" in fs


def test_a_lone_city_name_is_read_as_a_place(rules):
    assert {"cleveland", "durham", "sao paulo", "new york"} <= shipped_places()
    city = reading(rules, "Durham has closed its schools for the week.", "Durham")
    assert "bigplace0" in {f for f, _ in city.features}
    assert not city.person


def test_a_results_line_is_told_from_prose(rules):
    table = "Results on Saturday:\nCorinthia 2-1 Vellmar\nOstrava 0-0 Belmonte\n"
    assert "score_line|1" in features(rules, table, "Vellmar")
    prose = "Corinthia and Vellmar met on Saturday. " * 8  # one long line: prose, whatever it holds
    assert not any(f.startswith("score_line") for f in features(rules, prose + "It ended 2-1.", "Vellmar"))


def test_numbers_around_a_name_are_classes_and_sentence_capitals_their_word(rules):
    cited = features(rules, "As argued before (Vellacott, 2014), the effect is small.", "Vellacott")
    assert "n2=<year>" in cited and not any(f.startswith("n2=2014") for f in cited)
    assert "n2=<2d>" in features(rules, "Vellacott scored 46 runs on Monday.", "Vellacott")
    opening = features(rules, "In Tavistock the rain fell all night.", "Tavistock")
    assert "p1=in" in opening  # "In" opening a sentence says what "in" says


def test_conjunctions_a_linear_model_cannot_form(rules):
    # (after "in" or "near" a town is vetoed outright: `decision.after_locative`)
    assert "loc_place=from|bigplace|1" in features(rules, "The train from Durham was late.", "Durham")
    assert "plural_engL|0" in features(rules, "Fans of the Halvard Nuggets cheered.", "Halvard Nuggets")


def test_the_speaker_of_a_quotation_is_a_person(rules):
    # A lone word no list knows, with a speech verb: the quotation before it says it is
    # its speaker, on either side of the verb and with either kind of quotation mark.
    for text, word in (('"We saw the crowd near the river," Tormek said.', "Tormek"),
                       ("“Nothing has changed,” says Valdra.", "Valdra"),
                       ("The talks are “a continuation of the campaign,” said Dorvak.", "Dorvak")):
        r = reading(rules, text, word)
        assert "quote_said" in {f for f, _ in r.features}, text
        assert r.person, text
    # The same verb without a quotation: no such evidence (the speech cue alone remains).
    plain = reading(rules, "The plan is sound, Quillon said on Monday.", "Quillon")
    assert "quote_said" not in {f for f, _ in plain.features}
    assert "cue=said" in {f for f, _ in plain.features}
    # Only a lone word: a full name has its own evidence.
    full = reading(rules, '"We saw the crowd," Anna Tormek said.', "Anna Tormek")
    assert "quote_said" not in {f for f, _ in full.features}


def test_a_name_only_wikidata_lists_is_evidence_of_a_name(rules):
    # Both words are names of Wikidata's given- and family-name items that neither the
    # Faker nor the census lists hold: the model reads them as names, not as unknown words.
    fs = features(rules, "Ikromjon Dzakhoyev met the delegation in the capital on Tuesday.", "Ikromjon Dzakhoyev")
    assert {"wdname0", "wdnameL", "names0L=11|2"} <= fs
    made_up = features(rules, "Xqorbel Vrunteska met the delegation in the capital on Tuesday.", "Xqorbel Vrunteska")
    assert not {"wdname0", "wdnameL"} & made_up and "names0L=00|2" in made_up
    weights = shipped_model().stage2.weights
    assert weights["wdname0"] > 0 and weights["wdnameL"] > 0
    # A word the given-name list holds gets no Wikidata flag: the list already speaks for it.
    assert "wdname0" not in features(rules, "Maria Dzakhoyev met the delegation on Tuesday.", "Maria Dzakhoyev")
