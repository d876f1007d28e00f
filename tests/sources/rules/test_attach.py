"""Title attachment (resolve.sources.rules.attach): before, in and after the name."""

from __future__ import annotations

import re

import pytest

from resolve.sources.rules.attach import attach_title, title_after, title_before
from resolve.sources.rules.cutting import Run
from resolve.sources.rules.lexicon import lexicon
from resolve.sources.rules.scan import Scan
from resolve.titles import parse_title


def scan_of(text: str, rules, lower: dict[str, int] | None = None) -> Scan:
    return Scan(text, lexicon(rules), rules, lower or {})


def test_title_before_in_lower_case_with_its_offset(rules):
    text = "Later, U.S. national security adviser Susan Rice flew."
    pos = text.index("Susan")
    assert title_before(scan_of(text, rules), pos) == (text.index("U.S."), "U.S. national security adviser")


def test_title_offset_survives_odd_white_space_and_repeated_words(rules):
    text = "adviser  said:\tthe adviser \u00a0adviser\u2003 Susan Rice"
    start, phrase = title_before(scan_of(text, rules), text.index("Susan"))
    assert phrase == "adviser adviser"
    assert start == text.index("adviser \u00a0adviser")


def test_appositive_title_before_needs_a_determiner_or_possessive(rules):
    text = "He called his Russian counterpart, Sergei Lavrov."
    assert title_before(scan_of(text, rules), text.index("Sergei"))[1] == "Russian counterpart"
    text = "He met Russian counterpart, Sergei Lavrov."
    assert title_before(scan_of(text, rules), text.index("Sergei")) == (text.index("Sergei"), "")


def test_title_after_the_name_in_apposition(rules):
    text = "Chuck Hagel, the defense secretary, said so."
    assert title_after(scan_of(text, rules), len("Chuck Hagel")) == "defense secretary"
    assert title_after(scan_of("Chuck Hagel, the famous actor, said so.", rules), len("Chuck Hagel")) == ""


def test_in_run_title_is_extended_by_the_title_words_before_it(rules):
    text = "The plan came from NATO supreme allied commander for Europe Adm. James Stavridis."
    scan = scan_of(text, rules)
    name_at = text.index("James")
    toks = [(name_at, name_at + 5, "James"), (name_at + 6, name_at + 15, "Stavridis")]
    run = Run(toks, toks, False, False, title_start=text.index("Europe"), end=name_at + 15)
    assert attach_title(scan, run) == "NATO supreme allied commander for Europe Adm."


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Tom Reed, the chief executive officer of Acme Corp., said on Monday.", "Tom Reed", "chief executive officer of Acme Corp."),
        ("Ann Berg, spokeswoman for the Interior Ministry, declined to comment.", "Ann Berg", "spokeswoman for the Interior Ministry"),
        ("Tom Reed, Acme's attorney, said the talks failed.", "Tom Reed", "Acme's attorney"),
        ("Tom Reed - the defense secretary - arrived late.", "Tom Reed", "defense secretary"),
        ("Tom Reed (spokesman for the mayor) spoke.", "Tom Reed", "spokesman for the mayor"),
        ("Tom Reed, the famous actor, said so.", "Tom Reed", ""),
        ("Tom Reed, Ann Berg and Joe Hill came.", "Tom Reed", ""),
    ],
)
def test_appositions_after_the_name(rules, text, name, title):
    assert title_after(scan_of(text, rules), text.index(name) + len(name)) == title


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Prices fell, ING analyst Tom Reed wrote.", "Tom", "ING analyst"),
        ("On Sunday Leeds United defender Tom Reed scored.", "Tom", "Leeds United defender"),
        ("He met the spokesperson of EU foreign policy chief Ann Berg.", "Ann", "EU foreign policy chief"),
        # A person's name is not the body: known from the name lists, or written as a
        # person's elsewhere in the article.
        ("Shown here: top Nixon aide Tom Reed.", "Tom", "aide"),
        ("Vladimir Putin spoke. Shown here: Putin staffer Yuri Ushkin.", "Yuri", "staffer"),
        ("Nomura analyst Tom Reed wrote.", "Tom", "Nomura analyst"),  # an unknown word names the body
        ("A Nixon administration official, Tom Reed, spoke.", "Tom", "Nixon administration official"),
        ("On Monday, Palmer police chief Tom Reed said.", "Tom", "Palmer police chief"),
        ("We thank the Office of Science and Technology Policy Acting Director, Ann Berg.", "Ann", "Office of Science and Technology Policy Acting Director"),
        ("Sales rose, Acme chairman and chief executive Tom Reed said.", "Tom", "Acme chairman and chief executive"),
        ("Said Philadelphia 76ers coach Tom Reed.", "Tom", "Philadelphia 76ers coach"),
        ("Acme's chief executive, Tom Reed, said so.", "Tom", "Acme's chief executive"),
        ("Reed out against Rovers\nSpringfield Tigers defender Tom Reed scored.", "Tom", "Springfield Tigers defender"),  # not the headline's words
        ("The company's chief executive, Tom Reed, said so.", "Tom", "chief executive"),  # a common noun's possessive introduces it
        ("Ann Berg's lawyer, Tom Reed, said so.", "Tom", "lawyer"),
    ],
)
def test_title_before_extent(rules, text, name, title):
    assert title_before(scan_of(text, rules), text.index(name))[1] == title


def test_ordinary_words_are_a_body_only_inside_an_organizations_name(rules):
    lower = {"landscape": 5, "wildlife": 5}  # the batch writes them in lower case
    text = "The Landscape and Wildlife Director Tom Reed spoke."
    assert title_before(scan_of(text, rules, lower), text.index("Tom"))[1] == "Director"
    text = "The Office of Landscape and Wildlife Director Tom Reed spoke."
    assert title_before(scan_of(text, rules, lower), text.index("Tom"))[1] == "Office of Landscape and Wildlife Director"


def test_a_relation_in_apposition_is_no_title(rules):
    text = "His father, Anthony, was a geologist."
    assert title_before(scan_of(text, rules), text.index("Anthony")) == (text.index("Anthony"), "")


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Tom Reed, an Acme spokesman, said so.", "Tom Reed", "Acme spokesman"),  # capitalized body words
        ("Tom Reed, a 45-year-old teacher, said so.", "Tom Reed", "teacher"),  # the age describes the person
        ("Tom Reed, 45, a lawyer for the family, said so.", "Tom Reed", "lawyer for the family"),  # after an age
        ("Tom Reed (1704 – 1787), a painter with a good name, lived here.", "Tom Reed", "painter"),  # after years
        ("She met Otto IV, King of the Isles, there.", "Otto", "King of the Isles"),  # after a regnal number
        ("Tom Reed, chairman and chief executive of Acme, said so.", "Tom Reed", "chairman and chief executive of Acme"),
        ("Tom Reed, the England captain, scored.", "Tom Reed", "England captain"),  # a rank in apposition
        ("Fred Hill, top Nixon aide, said so.", "Fred Hill", "aide"),  # another person's name is not the body
        ("Tom Reed, Ann Berg's representative, said so.", "Tom Reed", "representative"),
        ("Ann Berg, a high-ranking Nixon administration official who lied, died.", "Ann Berg", "high-ranking Nixon administration official"),
        ("Ann Berg, MD, Surgeon General of Freedonia, spoke.", "Ann Berg", "Surgeon General of Freedonia"),  # after letters
        # "Diego" ends a place's name here, it does not make "Chargers" a person's.
        ("The San Diego Chargers won. Tom Reed, the Chargers receiver, scored.", "Tom Reed", "Chargers receiver"),
    ],
)
def test_more_appositions_after_the_name(rules, text, name, title):
    assert title_after(scan_of(text, rules), text.index(name) + len(name)) == title


def _run_of(scan: Scan, first: str, last: str, title: str = "") -> Run:
    """The cut run of the name from word `first` to word `last`, with its in-run title."""
    text = scan.text
    s, e = text.index(first), text.index(last) + len(last)
    toks = [(m.start() + s, m.end() + s, m.group()) for m in re.finditer(r"\S+", text[s:e])]
    return Run(toks, toks, False, False, title_start=text.index(title) if title else -1, end=e)


@pytest.mark.parametrize(
    "text, title",
    [
        ("Later Dr. Ann Berg, a surgeon at Mercy Hospital, spoke.", "surgeon at Mercy Hospital Dr."),
        ("We thank the Acme chief executive, Dr. Ann Berg, for this.", "Acme chief executive Dr."),
        ("Later Dr. Ann Berg spoke.", "Dr."),
    ],
)
def test_a_form_of_address_alone_takes_the_post_in_apposition(rules, text, title):
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Ann", "Berg", "Dr.")) == title


def test_the_title_of_a_clauses_object_is_not_the_names(rules):
    text = "The reporter Tom Reed murdered was buried on Monday."
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed")) == ""
    text = "The reporter Tom Reed retired on Monday."
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed")) == "reporter"


def test_a_status_affix_joined_to_the_title_before(rules):
    text = "In 2001 Then-Governor Ann Berg signed it."
    assert title_before(scan_of(text, rules), text.index("Ann"))[1] == "Then-Governor"


# --- issue 15, third round: apposition shapes of the held-out set 2 (own sentences) -------
@pytest.mark.parametrize(
    "text, name, title",
    [
        # The apposition ends where a description or a clause starts.
        ("Kofi Mensah, militia leader accused in the 2019 raid, was held.", "Kofi Mensah", "militia leader"),
        ("Tom Dwyer, an Irish climber from Cork, is missing.", "Tom Dwyer", "Irish climber"),
        ("Ann Berg, a lawyer representing the family, spoke.", "Ann Berg", "lawyer"),
        ("Ivan Holm, a partner in the firm, told police.", "Ivan Holm", "partner"),
        # ... also when no comma closes it.
        ("On Monday Abu Karim, an ISIL commander in Mosul was killed by an airstrike near the dam.", "Abu Karim", "ISIL commander"),
        # ... at a relative pronoun, after a status word.
        ("Walter Brand, the former FBI second-in-command who leaked the files, died.", "Walter Brand", "former FBI second-in-command"),
        # An abbreviation's period does not end it; an acronym's at the sentence end does.
        ("He called Ann Berg, a spokeswoman for the U.S. Coast Guard, twice.", "Ann Berg", "spokeswoman for the U.S. Coast Guard"),
        ("He called Ann Berg, a reporter for CNN. She declined.", "Ann Berg", "reporter for CNN"),
        # A quote mark closes it.
        ("Ann Berg, Countess of Wessex ' talks ' of hard times", "Ann Berg", "Countess of Wessex"),
        # The post as the second of two descriptions sharing the article.
        ("Ann Berg, a local figure and former Acme spokesman who retired, died.", "Ann Berg", "former Acme spokesman"),
        ("Tom Reed, his wife and a lawyer, arrived.", "Tom Reed", ""),
        # Another speaker's post: a verb of speech follows.
        ("The blast killed Tom Reed, a police spokesman said.", "Tom Reed", ""),
        ("Tom Reed, the UK envoy to Freedonia says the talks failed.", "Tom Reed", ""),
        # A line break closes it (a headline's last words), the next line is not read.
        ("Ann Berg, chief executive\nShares fell on Monday.", "Ann Berg", "chief executive"),
        ("Ann Berg, chief\nexecutive of Acme, spoke.", "Ann Berg", "chief"),
    ],
)
def test_appositions_end_where_the_post_does(rules, text, name, title):
    assert title_after(scan_of(text, rules), text.index(name) + len(name)) == title


@pytest.mark.parametrize(
    "text, name, title",
    [
        # A post in the plural before coordinated names is each one's.
        ("The shooting wounded two managers, Paul Rask and Ivan Holm.", "Paul", "managers"),
        ("Nordbank analysts Tom Reed and Ann Berg wrote it.", "Tom", "Nordbank analysts"),
        ("He fired the officials Tom Reed named.", "Tom", ""),  # one name: not its post
        # A post with its "of/for ORG" complement in apposition before the name.
        ("The Minister for Northern Affairs, Tom Reed, visited Oslo.", "Tom", "Minister for Northern Affairs"),
        ("The president of the Region of Tuscany, Ann Berg, spoke.", "Ann", "president of the Region of Tuscany"),
        ("The capital of Freedonia, Tom Reed said, was calm.", "Tom", ""),
        # An organization's possessive anywhere in the body introduces the apposition.
        ("Acme Corp.'s chief executive, Tom Reed, said so.", "Tom", "Acme Corp.'s chief executive"),
    ],
)
def test_more_titles_before_the_name(rules, text, name, title):
    assert title_before(scan_of(text, rules), text.index(name))[1] == title


def test_pm_after_a_time_of_day_is_the_time(rules):
    text = "PM Tom Reed arrived."
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", "PM")) == "PM"
    text = "At 5 PM Tom Reed arrived."
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", "PM")) == ""


def test_letters_after_a_name_take_no_title(rules):
    text = "We thank Ann Berg, MD, Surgeon General of Freedonia, for this."
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "MD", "MD")) == ""
    assert attach_title(scan, _run_of(scan, "Ann", "Berg")) == "Surgeon General of Freedonia"


# --- issue 15, fourth round: shapes of the held-out sets 3 and 4 (own sentences) ----------
@pytest.mark.parametrize(
    "text, name, title",
    [
        # A capitalized apposition before the name without a determiner: opening the
        # sentence, or with the name's apposition closed by a comma after it.
        ("The town was calm. Minister for the Arctic, Tom Reed said: we grieve.", "Tom", "Minister for the Arctic"),
        ("Minister for the Arctic, Tom Reed said: we grieve.", "Tom", "Minister for the Arctic"),
        ("LIVE: On @AcmeTV Nordbank Deputy Governor, Ann Berg, speaking now.", "Ann", "Nordbank Deputy Governor"),
        ("On XYZ assistant Governor, Ann Berg, speaking now.", "Ann", "XYZ assistant Governor"),  # a headline's view
        ("He met Russian counterpart, Sergei Lavrov.", "Sergei", ""),  # neither: no title
        ("He called Freedonia, Tom Reed said.", "Tom", ""),
        # ... with "at" and lower-case words describing the body before its name.
        ("Director at security company Nordbank, Ann Berg said so.", "Ann", "Director at security company Nordbank"),
        ("The capital of Freedonia, Tom Reed said, was calm.", "Tom", ""),
        # A lower-case institution before the post names its body.
        ("He died in the state prison, said prison spokesman Tom Reed.", "Tom", "prison spokesman"),
        ("The company's chief executive, Tom Reed, said so.", "Tom", "chief executive"),  # not a possessive
        # A handle or hashtag before the post names its body, alone.
        ("The shares fell, @Acme CEO Ann Berg said.", "Ann", "@Acme CEO"),
        ("Style icon and #Glamour guest judge Tom Reed spoke.", "Tom", "#Glamour guest judge"),
        # The status of the post written before its body.
        ("Former NHL player Tom Reed settled.", "Tom", "Former NHL player"),
        ("We met the former Acme chief Tom Reed today.", "Tom", "former Acme chief"),
        # Two posts joined by "and", each with its own body.
        ("The pick, Acme medical reporter and Mercy hospital surgeon Ann Berg, won.", "Ann", "Acme medical reporter and Mercy hospital surgeon"),
        # A lower-case field of a lower-case post in apposition, after a possessive.
        ("The group agreed. Their head of water policy, Ann Berg, said so.", "Ann", "head of water policy"),
        ("The capital of Freedonia, Tom Reed said, was calm.", "Tom", ""),
        # A hyphenated spelling of a title of two words.
        ("She met the vice-president, Tom Reed, on Monday.", "Tom", "vice-president"),
    ],
)
def test_fourth_round_titles_before_the_name(rules, text, name, title):
    assert title_before(scan_of(text, rules), text.index(name))[1] == title


@pytest.mark.parametrize(
    "text, title",
    [
        ("Later Vice-President Tom Reed arrived.", "Vice-President"),
        ("Later Under-Secretary Tom Reed arrived.", "Under-Secretary"),
        ("The fees rose, @Acme CEO Tom Reed said.", "@Acme CEO"),
    ],
)
def test_fourth_round_titles_in_the_run(rules, text, title):
    scan = scan_of(text, rules)
    in_run = title.lstrip("@")
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", in_run)) == title


def test_an_era_before_a_post_in_apposition_describes_the_person(rules):
    text = "Ann Berg, the 1950s pin-up model whose photos sold, died."
    assert title_after(scan_of(text, rules), len("Ann Berg")) == "pin-up model"


def test_a_name_before_and_is_no_first_post(rules):
    text = "Stars include Bill Murray and actor Tom Reed."
    phrase = title_before(scan_of(text, rules), text.index("Tom"))[1]
    assert parse_title(phrase, rules).written == "actor"


def test_a_place_on_the_line_above_is_no_body(rules):
    text = "Shops burned in Freetown Oslo \nMinister Tom Reed said: we grieve."
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", "Minister")) == "Minister"
    text = "Shops burned. Later Oslo Minister Tom Reed said: we grieve."
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", "Minister")) == "Oslo Minister"


def test_a_bodys_acronym_in_parentheses_is_its_normal_form(rules):
    text = "Tom Reed, Director General of the International Forum for Clean Air (IFCA), said."
    title = title_after(scan_of(text, rules), len("Tom Reed"))
    assert title == "Director General of the International Forum for Clean Air (IFCA)"
    p = parse_title(title, rules)
    assert (p.written, p.affiliation) == ("Director General of the International Forum for Clean Air", "IFCA")


@pytest.mark.parametrize(
    "text, title",
    [
        # An apposition the writer did not close ends at the body's name, before the clause.
        ("Tom Reed, chairman of Nordbank stepped down on Monday.", "chairman of Nordbank"),
        ("Sarah, Duchess of Wessex opened the fair.", "Duchess of Wessex"),
        ("Ann Berg, chief executive of the Acme company, said.", "chief executive of the Acme company"),
        ("Tom Reed, director of a local charity, spoke.", "director of a local charity"),
    ],
)
def test_an_unclosed_apposition_ends_at_the_bodys_name(rules, text, title):
    name = text.split(",")[0]
    assert title_after(scan_of(text, rules), len(name)) == title


def test_a_capitalized_apposition_before_the_name_after_by(rules):
    text = "Statement by Prime Minister of Freedonia, Ann Berg on the floods"
    assert title_before(scan_of(text, rules), text.index("Ann"))[1] == "Prime Minister of Freedonia"
    text = "He spoke with Foreign Minister, Tom Reed said."  # "with": no apposition
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == ""


def test_a_capitalized_apposition_as_written_when_a_headline_view_lowered_it(rules):
    written = "Fires in the north of Oslo\n\nForeign Office Minister, Tom Reed, said: we grieve."
    lowered = written.replace("Foreign Office Minister", "Foreign office minister")
    scan = Scan(lowered, lexicon(rules), rules, {}, written=written)
    assert title_before(scan, lowered.index("Tom"))[1] == "Foreign office minister"


def test_two_domain_words_of_one_post_in_apposition(rules):
    text = "Tom Reed, defense and security analyst with Nordbank, says the risk is small."
    assert title_after(scan_of(text, rules), len("Tom Reed")) == "defense and security analyst with Nordbank"  # "with" its employer (ninth round)


def test_an_ordinary_word_before_an_office_names_its_jurisdiction(rules):
    # "town" is written in lower case elsewhere in the batch: still the office's body here.
    text = "Police stopped him.\nTown Attorney spokeswoman Ann Berg said the case is open."
    scan = scan_of(text, rules, lower={"town": 5})
    assert title_before(scan, text.index("Ann"))[1] == "Town Attorney spokeswoman"
    assert parse_title("Town Attorney spokeswoman", rules).affiliation == "Town Attorney"
    text = "Police stopped him.\nTown Attorney Ann Berg said the case is open."  # no post after the office
    assert title_before(scan_of(text, rules, lower={"town": 5}), text.index("Ann"))[1] == "Attorney"


@pytest.mark.parametrize(
    "text, title",
    [
        # A post, then "and" and a description that is no post: the title is the post's.
        ("The hall used by Freedonia Gov. and former vice presidential candidate Ann Berg burned.", "Freedonia Gov."),
        ("We met Acme chairman and onetime presidential hopeful Ann Berg there.", "Acme chairman"),
        ("We met the coach and his son Ann Berg there.", ""),  # a possessive: another person
    ],
)
def test_a_post_joined_to_a_description_that_is_no_post(rules, text, title):
    assert title_before(scan_of(text, rules), text.index("Ann"))[1] == title


def test_a_lone_deputy_before_the_name(rules):
    text = "The gunman surprised Deputy Tom Reed, 35, at the door."
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == "Deputy"
    text = "The Deputy, Tom Reed, spoke."  # in apposition it names no post
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == ""


@pytest.mark.parametrize(
    "text, title",
    [
        ("The Prime Minister and President Tom Reed discussed trade.", "President"),  # two people
        ("Later the Governor and Lieutenant Governor Tom Reed met.", "Lieutenant Governor"),
        ("The President and CEO Tom Reed spoke.", "President and CEO"),  # one person's posts
        ("Acme President and General Manager Tom Reed spoke.", "Acme President and General Manager"),
    ],
)
def test_a_state_office_after_the_determiner_is_another_persons(rules, text, title):
    scan = scan_of(text, rules)
    in_run = title.split()[-1]
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", in_run)) == title


def test_an_apposition_left_open_before_said_and_a_colon(rules):
    text = "Answering the report Tom Reed, the UK Special Envoy for Freedonia said:\n\nIt is grim."
    assert title_after(scan_of(text, rules), text.index(",")) == "UK Special Envoy for Freedonia"
    text = "The blast killed Tom Reed, a police spokesman said."  # the spokesman is someone else
    assert title_after(scan_of(text, rules), text.index(",")) == ""


@pytest.mark.parametrize(
    "text",
    ["He was shot in the head and Ann Berg in the arm.", "Tom Reed acts as spokesman and Ann Berg as treasurer."],
)
def test_a_post_right_before_and_a_name_is_no_title_of_it(rules, text):
    assert title_before(scan_of(text, rules), text.index("Ann"))[1] == ""


def test_a_body_before_a_list_of_posts_is_the_last_ones_too(rules):
    text = "At the airport Dutch King, Queen & PM Ann Berg waited."
    scan = scan_of(text, rules)
    assert parse_title(attach_title(scan, _run_of(scan, "Ann", "Berg", "PM")), rules).affiliation == "Netherlands"


@pytest.mark.parametrize(
    "text, title",
    [
        ("#StoryOfTheDay Rebel commander Tom Reed says the crash was staged", "Rebel commander"),  # a topic tag
        ("Style icon and #Glamour guest judge Tom Reed spoke.", "#Glamour guest judge"),  # a body
        # One lower-case word between a country and its post: the body stays.
        ("Peru coup general Tom Reed named himself president.", "Peru coup general"),
        ("We met the Dutch cubist painter Tom Reed there.", "Dutch cubist painter"),
    ],
)
def test_after_set_six_a_topic_tag_and_a_word_between_country_and_post(rules, text, title):
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == title


@pytest.mark.parametrize(
    "text, title",
    [
        # The vocabulary writes the determiner inside the phrase.
        ("The ruling was welcomed by Secretary of the Interior Ann Berg on Monday.", "Secretary of the Interior"),
        ("The Freedonian Deputy Secretary of the Treasury Ann Berg flew in.", "Freedonian Deputy Secretary of the Treasury"),
        # Elsewhere a determiner starts the title.
        ("He met the Interior Secretary Ann Berg there.", "Interior Secretary"),
        ("A speech of the Governor Ann Berg followed.", "Governor"),
    ],
)
def test_a_determiner_inside_a_title_of_the_vocabulary(rules, text, title):
    assert title_before(scan_of(text, rules), text.index("Ann"))[1] == title


@pytest.mark.parametrize(
    "text, run_title, title",
    [
        ("RIP Springfield Police Officer Tom Reed, killed on duty.", "RIP", "Springfield Police Officer"),
        ("EXCLUSIVE Acme CEO Tom Reed speaks to us.", "EXCLUSIVE", "Acme CEO"),
    ],
)
def test_a_headline_label_is_no_body_of_the_title_after_it(rules, text, run_title, title):
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", run_title)) == title
    assert parse_title(title, rules).affiliation in ("Springfield", "Acme")


def test_a_headline_label_before_a_lower_case_post_is_no_body(rules):
    text = "RIP Acme founder Tom Reed"
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == "Acme founder"


@pytest.mark.parametrize(
    "text, title",
    [
        # A verb after the complement's name: the clause is no part of the title.
        ("Ann Berg, Minister for the Arctic welcomes the new treaty on fishing.", "Minister for the Arctic"),
        ("Ann Berg, Minister for the Arctic welcomes fishermen.", "Minister for the Arctic"),
        ("Tom Reed, the head of the Acme crime family was jailed on Monday.", "head of the Acme crime family"),
        # A described body stays ("crime family"), as does a closed apposition.
        ("Tom Reed, the head of the Acme crime family, was jailed.", "head of the Acme crime family"),
        ("Ann Berg, director of the Acme Research Center, spoke.", "director of the Acme Research Center"),
    ],
)
def test_an_apposition_left_open_before_a_clause_ends_at_its_body(rules, text, title):
    assert title_after(scan_of(text, rules), text.index(",")) == title


@pytest.mark.parametrize(
    "text, title",
    [
        ("He said Chelsea manager Tom Reed was sacked.", "Chelsea manager"),  # a given name alone: a body named like one
        ("Hillary Benn spoke. Then Hillary aide Tom Reed said no.", "aide"),  # written before a surname: a person
        ("Shown here: top Nixon aide Tom Reed.", "aide"),  # a surname
    ],
)
def test_a_given_name_alone_before_a_post_is_a_person_only_when_the_article_says_so(rules, text, title):
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == title


@pytest.mark.parametrize(
    "text, title",
    [
        ("He passed Carolina Raptors quarterback Tom Reed on the list.", "Carolina Raptors quarterback"),  # a team
        ("He met Nancy Williams aide Tom Reed there.", "aide"),  # a person's name ending in "s"
    ],
)
def test_a_team_named_with_a_name_word_is_a_body(rules, text, title):
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == title


def test_a_body_starting_with_a_place_of_several_words(rules):
    text = "He said New Orleans Tigers coach Tom Reed was suspended."
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == "New Orleans Tigers coach"
    text = "The new Acme coach Tom Reed starts Monday."
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == "Acme coach"


@pytest.mark.parametrize(
    "text, title",
    [
        ("It was over, said the project director Tom Reed on Monday.", "project director"),  # after a determiner
        ("On air: Project director Tom Reed says no.", "project director"),  # the sentence's capital
        ("Stock markets reporter Tom Reed outlines the week.", "stock markets reporter"),
        ("He told reporter Tom Reed the news.", "reporter"),  # a verb, no field
        ("It was over, said the young reporter Tom Reed.", "reporter"),  # a plain adjective
        ("It was over, said the talented reporter Tom Reed.", "reporter"),  # an adjective's ending
        ("The evidence of President Tom Reed was heard.", "President"),
    ],
)
def test_lower_case_domain_nouns_before_a_lower_case_post(rules, text, title):
    scan = scan_of(text, rules, lower={"project": 2, "stock": 2})
    assert title_before(scan, text.index("Tom"))[1] == title


def test_a_domain_noun_is_in_the_normal_form(rules):
    p = parse_title("stock markets reporter", rules)
    assert (p.normalized, p.affiliation) == ("Stock Markets Reporter", "")


@pytest.mark.parametrize(
    "view, written, title",
    [
        # The re-cased view of a Title Case headline writes the body's name in lower case.
        ("Furious acme CEO Tom Reed slams regulators", "Furious Acme CEO Tom Reed Slams Regulators", "Acme CEO"),
        ("Watch live: acme CEO Tom Reed testifies", "Watch Live: Acme CEO Tom Reed Testifies", "Acme CEO"),
    ],
)
def test_a_body_a_headlines_view_lowered_is_read_as_written(rules, view, written, title):
    scan = Scan(view, lexicon(rules), rules, {"furious": 2, "live": 2}, written=written)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", "CEO")) == title


def test_a_lower_case_body_before_a_lower_case_post_in_a_headlines_view(rules):
    view, written = "Furious acme chief Tom Reed quits", "Furious Acme Chief Tom Reed Quits"
    scan = Scan(view, lexicon(rules), rules, {"furious": 2}, written=written)
    assert title_before(scan, view.index("Tom"))[1] == "Acme chief"
    plain = Scan(view, lexicon(rules), rules, {"furious": 2})  # the text itself in lower case: no body
    assert title_before(plain, view.index("Tom"))[1] == "chief"


@pytest.mark.parametrize(
    "text, title",
    [
        ("He said Sunday Times reporter Tom Reed broke it.", "Sunday Times reporter"),  # a paper named after a day
        ("On Sunday Leeds United defender Tom Reed scored.", "Leeds United defender"),  # the day is no body
    ],
)
def test_a_day_names_a_body_only_before_an_organization_word(rules, text, title):
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == title


@pytest.mark.parametrize(
    "text, title",
    [
        ("The Tigers placed their rookie running back sensation Tom Reed on injured reserve.", "rookie running back"),
        ("Acme quarterback legend Tom Reed retired.", "Acme quarterback"),
        ("The team's sensation Tom Reed scored.", ""),  # no post before the praise
    ],
)
def test_a_noun_praising_the_person_after_the_post(rules, text, title):
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == title


def test_rookie_describes_the_person(rules):
    assert parse_title("rookie running back", rules)[:2] == ("running back", "Running Back")


@pytest.mark.parametrize(
    "text, in_run, title",
    [
        ("Shares slid after $NRDB CEO Tom Reed quit.", "NRDB", "$NRDB CEO"),  # a cashtag names the body
        ("It cost $5 CEO Tom Reed said.", "CEO", "CEO"),  # an amount does not
    ],
)
def test_a_cashtag_names_the_body_like_a_handle(rules, text, in_run, title):
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", in_run)) == title


def test_a_cashtag_body_is_the_affiliation(rules):
    p = parse_title("$NRDB CEO", rules)
    assert (p.normalized, p.affiliation) == ("Chief Executive Officer", "NRDB")


@pytest.mark.parametrize(
    "text, in_run, title",
    [
        # A team's plural possessive before a capitalized post in the run names its body.
        ("The club fired the Rovers' Coach Tom Reed on Sunday.", "Coach", "Rovers' Coach"),
        ("He said the New Orleans Tigers' Coach Tom Reed quit.", "Coach", "New Orleans Tigers' Coach"),
        # A person's possessive does not (who holds the post cannot be told from it).
        ("He met Williams' Coach Tom Reed.", "Coach", "Coach"),
        ("The parents' Counsel Tom Reed spoke.", "Counsel", "Counsel"),
    ],
)
def test_a_teams_plural_possessive_before_an_in_run_post(rules, text, in_run, title):
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed", in_run)) == title


def test_a_portfolio_a_headlines_view_lowered_is_read_as_written(rules):
    # A line in Title Case is re-cased; the post's complement after the name is a name.
    written = "Ann Berg, Foreign Office Minister for the Middle East, said:"
    view = "Ann Berg, foreign office minister for the middle East, said:"
    scan = Scan(view, lexicon(rules), rules, {"foreign": 2, "middle": 2}, written=written)
    title = attach_title(scan, _run_of(scan, "Ann", "Berg"))
    assert title == "foreign office minister for the Middle East"
    p = parse_title(title, rules)
    assert (p.normalized, p.affiliation) == ("Minister for the Middle East", "United Kingdom")
    caps = "ANN BERG, FOREIGN OFFICE MINISTER FOR THE MIDDLE EAST, SAID:"  # a line in capitals stays as viewed
    scan = Scan(view, lexicon(rules), rules, {"foreign": 2, "middle": 2}, written=caps)
    assert attach_title(scan, _run_of(scan, "Ann", "Berg")) == "foreign office minister for the middle East"


@pytest.mark.parametrize(
    "text, title",
    [
        # A superlative of merit before the post is an accolade ranking the person: no title.
        ("As the league's best player Tom Reed says farewell, fans wept.", ""),
        ("The club's most valuable player Tom Reed left.", ""),
        # Other words before the post keep it.
        ("The oldest coach Tom Reed retired.", "coach"),
        ("Acme's top executive Tom Reed quit.", "Acme's top executive"),
        ("The best-selling author Tom Reed spoke.", "author"),
    ],
)
def test_a_superlative_of_merit_before_the_post_is_no_title(rules, text, title):
    assert title_before(scan_of(text, rules), text.index("Tom"))[1] == title


@pytest.mark.parametrize(
    "text, title, written, normalized, affiliation",
    [
        # A body's name before lower-case domain nouns and a lower-case post.
        ("He said Acme project director Tom Reed quit.", "Acme project director", "Acme project director", "Project Director", "Acme"),
        ("He said Acme water policy adviser Tom Reed quit.", "Acme water policy adviser", "Acme water policy adviser", "Water Policy Adviser", "Acme"),
        # A place that is no jurisdiction of the post describes the person (docs/titles.md).
        ("News: arrests. Springfield project director Tom Reed hits out.", "Springfield project director", "project director", "Project Director", ""),
        # A day is no body.
        ("On Friday project director Tom Reed quit.", "director", "director", "Director", ""),
        # A connector is no domain noun: the body's words before it are another phrase.
        ("He said the Rovers squad of coach Tom Reed won.", "coach", "coach", "Coach", ""),
    ],
)
def test_a_body_before_lower_case_domain_nouns(rules, text, title, written, normalized, affiliation):
    phrase = title_before(scan_of(text, rules, lower={"project": 2}), text.index("Tom"))[1]
    p = parse_title(phrase, rules)
    assert (phrase, p.written, p.normalized, p.affiliation) == (title, written, normalized, affiliation)


@pytest.mark.parametrize(
    "text, title",
    [
        # A line holding only a title above a line holding only the name (a memorial page, a caption).
        ("Deputy Sheriff\nTom Reed\nSpringfield County Sheriff's Department, Ohio\nEnd of Watch: Friday", "Deputy Sheriff"),
        ("U.S. Ambassador\nTom Reed\n", "U.S. Ambassador"),
        # Not a headline's words, nor above a sentence.
        ("Shooting In Springfield Leaves Deputy Sheriff\nTom Reed\nwas there.", ""),
        ("Deputy Sheriff\nTom Reed said the road was closed.", ""),
    ],
)
def test_a_title_alone_on_the_line_above_the_name_alone(rules, text, title):
    scan = scan_of(text, rules)
    assert attach_title(scan, _run_of(scan, "Tom", "Reed")) == title


@pytest.mark.parametrize(
    "text, title",
    [
        # "one of" its holders: the post in the plural is the name's.
        ("Ann Berg, one of the festival's creative directors, told reporters so.", "creative directors"),
        ("Ann Berg, one of Acme's lawyers, spoke.", "Acme's lawyers"),
        ("Ann Berg, one of the lawyers who sued, spoke.", "lawyers"),
        ("Ann Berg, one of the best, spoke.", ""),  # no post
    ],
)
def test_one_of_the_holders_of_a_post_in_apposition(rules, text, title):
    phrase = title_after(scan_of(text, rules), len("Ann Berg"))
    assert (parse_title(phrase, rules).written if phrase else "") == title


@pytest.mark.parametrize(
    "text, title, normalized, affiliation",
    [
        # A praising noun joined by "and" to the post: the whole phrase, the post normalized,
        # the praising noun's words no body.
        ("So in picking Ann Berg, the TV star and neurosurgeon, the board looked back.", "TV star and neurosurgeon", "Neurosurgeon", ""),
        # A describing compound before the second post.
        ("Ann Berg, the actress and record-setting swimmer, died.", "actress and record-setting swimmer", "Actor", ""),
        ("Ann Berg, the star and her husband, spoke.", "", "", ""),  # no post
    ],
)
def test_a_description_joined_to_a_post_in_apposition(rules, text, title, normalized, affiliation):
    phrase = title_after(scan_of(text, rules), text.index("Berg") + 4)
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized, p.affiliation) == (title, normalized, affiliation)


@pytest.mark.parametrize(
    "text, title",
    [
        # Before the name: a describing compound before the second of two posts.
        ("Sources said that the actress and record-setting swimmer, Ann Berg, died.", "actress and record-setting swimmer"),
        # An era and a place that is no jurisdiction describe the person.
        ("Sources said that the 1940s Springfield actress and record-setting swimmer, Ann Berg, died.", "actress and record-setting swimmer"),
        ("She beat the record-setting swimmer Ann Berg.", "swimmer"),
    ],
)
def test_a_describing_compound_before_a_second_post_before_the_name(rules, text, title):
    phrase = title_before(scan_of(text, rules), text.index("Ann"))[1]
    assert parse_title(phrase, rules).written == title


def test_an_era_before_the_post_is_no_body(rules):
    assert parse_title("1940s actress", rules)[:2] == ("actress", "Actor")
    assert parse_title("1940s actress", rules).affiliation == ""


def test_ad_interim_between_the_post_and_the_name(rules):
    text = "Today the Freedonia Embassy Chargé d’Affaires, a.i., Ann Berg, opened it."
    phrase = title_before(scan_of(text, rules), text.index("Ann"))[1]
    assert phrase == "Freedonia Embassy Chargé d’Affaires, a.i."
    p = parse_title(phrase, rules)
    assert (p.normalized, p.status) == ("Chargé d’Affaires", "acting")


# Ninth round (sentences of our own).


@pytest.mark.parametrize(
    "text, lower, title",
    [
        # "Co" before a county's name, also when the batch writes "co" in lower case (links).
        ("Fans of Co Antrim singer Ann Berg cheered.", {}, "singer"),
        ("Fans of Co Antrim singer Ann Berg cheered.", {"co": 5}, "singer"),
        ("The Co. Down coroner Ann Berg opened it.", {"co": 5}, "Co. Down coroner"),  # the county's own post
    ],
)
def test_a_county_abbreviation_before_the_post(rules, text, lower, title):
    phrase = title_before(scan_of(text, rules, lower), text.index("Ann"))[1]
    assert parse_title(phrase, rules).written == title


@pytest.mark.parametrize(
    "text, title, affiliation",
    [
        # An ordinary word after a country's name: an organization named after the country.
        ("Police held the British China Today reporter Ann Berg on Monday.", "British China Today reporter", "China Today"),
        ("Police held the China Today reporter Ann Berg on Monday.", "China Today reporter", "China Today"),
    ],
)
def test_an_organization_named_after_a_country_before_the_post(rules, text, title, affiliation):
    phrase = title_before(scan_of(text, rules), text.index("Ann"))[1]
    p = parse_title(phrase, rules)
    assert (p.written, p.affiliation) == (title, affiliation)


@pytest.mark.parametrize(
    "text, title",
    [
        ("Ann Berg, @AcmeOpera chairman, steps down after ten years.", "@AcmeOpera chairman"),
        ("Ann Berg, @acmebank analyst, says rates will rise.", "@acmebank analyst"),
        ("Ann Berg, @AcmeOpera, says so.", ""),  # a handle alone is no post
        ("Ann Berg, #StoryOfTheDay chairman, says so.", ""),  # a topic's hashtag names no body
    ],
)
def test_a_handle_before_a_lower_case_post_in_apposition(rules, text, title):
    assert title_after(scan_of(text, rules), text.index("Berg") + 4) == title


@pytest.mark.parametrize(
    "text, title, affiliation",
    [
        # "with" and the organization's name closing the apposition: its body, as "at".
        ("Ann Berg, an analyst with Nordbank, said no.", "analyst with Nordbank", "Nordbank"),
        ("Ann Berg, a lawyer with the Acme Group, said no.", "lawyer with the Acme Group", "Acme Group"),
        ("Ann Berg, a lawyer with Acme Group in Oslo, said no.", "lawyer with Acme Group", "Acme Group"),
        # A description, or a person, after "with": the post alone.
        ("Ann Berg, a painter with Parkinson's disease, said no.", "painter", ""),
        ("Ann Berg, a boxer with Olympic medals, said no.", "boxer", ""),
        ("Ann Berg, a lawyer with Tom Reed, said no.", "lawyer", ""),
        ("Ann Berg, a lawyer with a good name, said no.", "lawyer", ""),
    ],
)
def test_a_post_with_the_organization_it_works_for_in_apposition(rules, text, title, affiliation):
    p = parse_title(title_after(scan_of(text, rules), text.index("Berg") + 4), rules)
    assert (p.written, p.affiliation) == (title, affiliation)
