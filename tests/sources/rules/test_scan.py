"""The per-article context (resolve.sources.rules.scan): headline test, sentence starts."""

from __future__ import annotations

from resolve.sources.rules.lexicon import lexicon
from resolve.sources.rules.scan import HEADLINE_MAX_CHARS, Scan, sentence_initial


def scan_of(text: str, rules) -> Scan:
    return Scan(text, lexicon(rules), rules, {})


def test_title_case_line_is_a_headline(rules):
    text = "Mayor To Open New Bridge In Spring\nThe mayor said the bridge would open in spring."
    scan = scan_of(text, rules)
    assert scan.headline(text.index("Bridge"))
    assert not scan.headline(text.index("bridge would"))


def test_headline_counts_only_words_starting_with_a_letter(rules):
    # Numbers and symbols are neither capitalized nor lower case words.
    assert scan_of("2013 Talks: Kerry Meets Lavrov ½ 42", rules).headline(10)
    assert scan_of("Kerry Meets Lavrov ½ ¾", rules).headline(0)  # ½ is alphanumeric, not a letter
    assert not scan_of("Kerry Meets 12 34", rules).headline(0)  # two words only
    assert not scan_of("Kerry met him and then they talked", rules).headline(0)


def test_headline_has_at_most_25_words_and_bounded_lines(rules):
    long_title = " ".join(["Word"] * 26)
    assert not scan_of(long_title, rules).headline(0)
    assert scan_of(" ".join(["Word"] * 25), rules).headline(0)
    huge = "x" * (HEADLINE_MAX_CHARS + 10) + " Obama Meets Putin"
    assert not scan_of(huge, rules).headline(len(huge) - 3)


def test_sentence_initial_after_end_marks_and_quotes():
    text = 'He left. Then "Kohl said" (Smith agreed) and Jones'
    assert sentence_initial(text, 0)
    assert sentence_initial(text, text.index("Then"))
    assert sentence_initial(text, text.index("Kohl"))
    assert sentence_initial(text, text.index("Smith"))
    assert not sentence_initial(text, text.index("Jones"))


def test_headline_answers_given_by_the_line_casing_are_those_it_would_compute(rules):
    # The extractor hands each Scan the Title Case tests `casing.line_casing` already ran;
    # every position must get the answer the scan would compute itself, on lines of every
    # kind: Title Case, capitals, prose, a line just under and just over the length bound.
    from resolve.sources.rules.casing import line_casing

    near = " ".join(["Word"] * 20)
    text = "\n".join([
        "Mayor To Open New Bridge In Spring",
        "MAYOR TO OPEN NEW BRIDGE",
        "The mayor said the bridge would open in spring.",
        near + " " + "x" * (HEADLINE_MAX_CHARS - len(near) - 2),
        near + " " + "x" * (HEADLINE_MAX_CHARS - len(near)),
        "",
        "Kerry Meets Lavrov In Geneva",
    ])
    seeded = Scan(text, lexicon(rules), rules, {}, _headlines=line_casing(text).title_case_known(HEADLINE_MAX_CHARS))
    assert seeded._headlines  # some answers were given, so the comparison tests them
    for pos in range(len(text)):
        assert seeded.headline(pos) == scan_of(text, rules).headline(pos), pos
