"""Title phrase parsing and compatibility (resolve.titles), with the default rules."""

from __future__ import annotations

import pytest

from resolve.rules import Rules, Title
from resolve.titles import name_without_title, parse_title, segment, titles_compatible


@pytest.mark.parametrize(
    "phrase, normalized, affiliation, honorific",
    [
        ("Defense Secretary", "Secretary of Defense", "", ""),
        ("Secretary of Defense", "Secretary of Defense", "", ""),
        ("Russian Deputy Foreign Minister", "Deputy Minister of Foreign Affairs", "Russia", ""),
        ("Russian Defense Minister", "Minister of Defense", "Russia", ""),
        ("Russian Deputy Defense Minister", "Deputy Minister of Defense", "Russia", ""),
        ("Russian Deputy Prime Minister", "Deputy Prime Minister", "Russia", ""),
        ("Defense Undersecretary for Policy", "Under Secretary of Defense for Policy", "", ""),
        ("U.S. Defense Undersecretary", "Under Secretary of Defense", "United States", ""),
        ("U.S. national security adviser", "National Security Adviser", "United States", ""),
        ("NATO supreme allied commander for Europe Adm.", "Supreme Allied Commander Europe", "NATO", "Admiral"),
        ("the State Department's top arms control official", "Arms Control Official", "United States", ""),
        ("his U.S. counterpart", "Counterpart", "United States", ""),
        ("staffer", "Staffer", "", ""),
        ("former Vice President", "Vice President", "", ""),
        ("Acting Defense Secretary", "Secretary of Defense", "", ""),
        ("Dr.", "", "", "Dr."),
        ("Gen.", "General", "", "General"),
        ("Mr.", "", "", "Mr."),
        ("American", "", "United States", ""),
    ],
)
def test_parse_title(rules, phrase, normalized, affiliation, honorific):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation, p.honorific) == (normalized, affiliation, honorific)


def test_synonyms_share_one_normalized_form(rules):
    assert parse_title("Defence Minister", rules).normalized == parse_title("Minister of Defense", rules).normalized
    assert parse_title("national security advisor", rules).normalized == parse_title("National Security Adviser", rules).normalized


def test_capitalized_words_before_a_role_name_its_body(rules):
    p = parse_title("Superior Court Judge", rules)
    assert (p.normalized, p.affiliation) == ("Judge", "Superior Court")


def test_lower_case_words_inside_a_title_are_kept_readable(rules):
    assert parse_title("marketing executive", rules).normalized == "Marketing Executive"


def test_segment_is_longest_match_first(rules):
    kinds = [p.kind for p in segment("Russian Deputy Foreign Minister", rules)]
    assert kinds == ["affiliation", "modifier", "role"]
    # "Vice President" is a role of its own, not modifier + role.
    assert [p.kind for p in segment("Vice President", rules)] == ["role"]


def test_vocabulary_comes_from_the_rules_only():
    rules = Rules()
    assert parse_title("Defense Secretary", rules).normalized == ""
    rules.titles["defense secretary"] = Title("Secretary of Defense", "role", "government")
    rules.affiliations["u.s."] = "United States"
    p = parse_title("U.S. Defense Secretary", rules)
    assert (p.normalized, p.affiliation, p.role_kind) == ("Secretary of Defense", "United States", "government")


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("Under Secretary of Defense for Policy", "Under Secretary of Defense", True),
        ("Under Secretary of Defense", "Under Secretary of Defense for Policy", True),
        ("Secretary of Defense", "secretary of defense", True),
        ("Minister of Defense", "Minister", True),
        ("Secretary of Defense", "", True),
        ("Deputy Minister of Defense", "Minister of Defense", False),
        ("Secretary of Defense", "Secretary of State", False),
        ("President", "Vice President", False),
        ("Minister", "Ministerial Adviser", False),
    ],
)
def test_titles_compatible(a, b, expected):
    assert titles_compatible(a, b) is expected


# --- the phenomena of docs/titles.md, on sentences of our own -----------------------


@pytest.mark.parametrize(
    "phrase, written, honorific",
    [
        ("Mr.", "", "Mr."),  # an honorific alone is no title
        ("Rev.", "", "Reverend"),
        ("Prime Minister Sheikh", "Prime Minister", "Sheikh"),
        ("physician Dr.", "physician", "Dr."),
        ("Gen.", "Gen.", "General"),  # a rank is a title and the form of address
        ("Army Sgt.", "Army Sgt.", "Sergeant"),
    ],
)
def test_honorifics_have_their_own_column(rules, phrase, written, honorific):
    p = parse_title(phrase, rules)
    assert (p.written, p.honorific) == (written, honorific)


@pytest.mark.parametrize(
    "phrase, normalized, kind",
    [("Capt.", "Captain", "military"), ("Gov.", "Governor", "government"), ("Judge", "Judge", "judicial"), ("Sgt.", "Sergeant", "military")],
)
def test_ranks_and_offices_are_normalized_like_any_title(rules, phrase, normalized, kind):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.role_kind) == (normalized, kind)


@pytest.mark.parametrize(
    "phrase, written, normalized, status",
    [
        ("new CEO", "CEO", "Chief Executive Officer", "current"),
        ("former Prime Minister", "former Prime Minister", "Prime Minister", "former"),
        ("ex-President", "ex-President", "President", "former"),
        ("President-elect", "President-elect", "President", "elect"),
        ("acting Governor", "acting Governor", "Governor", "acting"),
        ("interim coach", "interim coach", "Coach", "acting"),
        ("Socialist Prime Minister", "Prime Minister", "Prime Minister", "current"),
        ("injured defender", "defender", "Defender", "current"),
    ],
)
def test_modifiers_leave_the_normal_form_for_the_status(rules, phrase, written, normalized, status):
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized, p.status) == (written, normalized, status)


@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        ("ING analyst", "Analyst", "ING"),
        ("Leeds United defender", "Defender", "Leeds United"),
        ("Acme Chief Executive Officer", "Chief Executive Officer", "Acme"),
        ("Scotland manager", "Manager", "Scotland"),
        ("German international goalkeeper", "Goalkeeper", "Germany"),
        ("chief executive officer of Acme Corp.", "Chief Executive Officer", "Acme"),
        ("spokeswoman for the Interior Ministry", "Spokesperson", "Interior Ministry"),
        ("Acme's attorney", "Attorney", "Acme"),
        ("Freedonia's ex-communist President", "President", "Freedonia"),
        ("Republican Party chairman", "Chair", "Republican Party"),
        ("Texas Governor", "Governor", "Texas"),
        ("Alabama physician", "Physician", ""),  # a place is the body of a jurisdiction or team only
        ("Acme President and General Manager", "President", "Acme"),
    ],
)
def test_affiliation_from_every_place_the_text_states_it(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation) == (normalized, affiliation)


def test_another_persons_possessive_is_not_part_of_the_title(rules):
    assert parse_title("the actress's rep", rules).written == "rep"


def test_a_role_followed_by_unknown_words_is_no_title(rules):
    assert parse_title("President Nominates", rules).normalized == ""


@pytest.mark.parametrize(
    "phrase, kind",
    [("coach", "sports"), ("Archbishop", "religious"), ("Queen", "royal"), ("correspondent", "media"), ("CFO", "business")],
)
def test_role_kind_comes_from_the_title_rules(rules, phrase, kind):
    assert parse_title(phrase, rules).role_kind == kind


@pytest.mark.parametrize("word", ["victim", "candidate", "suspect", "teammate"])
def test_relations_and_circumstances_are_not_roles(rules, word):
    assert parse_title(word, rules).normalized == ""


@pytest.mark.parametrize(
    "form, name",
    [
        ("Deputy Ortiz", "Ortiz"),
        ("Irish Taoiseach Leo Varadkar", "Leo Varadkar"),
        ("Springfield Public Safety Director Jon Owen", "Jon Owen"),
        ("Super Bowl MVP Drew Brees", "Drew Brees"),
        ("Dr. Ann Berg", "Ann Berg"),
        ("John Major", "John Major"),
        ("Art Garfunkel", "Art Garfunkel"),  # a domain word alone is no post
        ("News Corp", "News Corp"),
        ("Ortiz", "Ortiz"),
    ],
)
def test_name_without_title(rules, form, name):
    assert name_without_title(form, rules) == name


@pytest.mark.parametrize(
    "phrase, normalized, affiliation, kind",
    [
        ("his U.S. counterpart", "Counterpart", "United States", "government"),  # a post named through its body
        ("his counterpart", "", "", ""),  # alone: a relation
        ("Counterpart", "", "", ""),
    ],
)
def test_counterpart_is_a_title_only_with_its_body(rules, phrase, normalized, affiliation, kind):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation, p.role_kind) == (normalized, affiliation, kind)


@pytest.mark.parametrize(
    "phrase, written, status, affiliation",
    [
        # "ex-" on a party word describes the person: a current President, no party.
        ("Freedonia's ex-communist President", "Freedonia's ex-communist President", "current", "Freedonia"),
        ("ex-communist President", "President", "current", ""),
        ("Then-Governor", "Then-Governor", "former", ""),
        ("Prime Minister-designate", "Prime Minister-designate", "designate", ""),
    ],
)
def test_status_affixes(rules, phrase, written, status, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.status, p.affiliation) == (written, status, affiliation)


@pytest.mark.parametrize(
    "phrase, written, affiliation, role_kind",
    [
        ("Direct Major-General", "Major-General", "", "military"),  # a capitalized verb is no service
        ("Army Sgt.", "Army Sgt.", "Army", "military"),
        # A police rank is a government post (docs/titles.md: police are government).
        ("Palmer Police Sergeant", "Palmer Police Sergeant", "Palmer Police", "government"),
    ],
)
def test_a_rank_belongs_to_a_service(rules, phrase, written, affiliation, role_kind):
    p = parse_title(phrase, rules)
    assert (p.written, p.affiliation, p.role_kind) == (written, affiliation, role_kind)


@pytest.mark.parametrize(
    "phrase, kind, honorific",
    [
        ("England captain", "sports", ""),  # a national team is written with the country's name
        ("Springfield Rovers captain", "sports", ""),
        ("Israeli captain", "military", "Captain"),  # a nationality adjective: the rank
        ("Navy captain", "military", "Captain"),
        ("Capt.", "military", "Captain"),
    ],
)
def test_a_sports_captain_is_not_the_military_rank(rules, phrase, kind, honorific):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.role_kind, p.honorific) == ("Captain", kind, honorific)


@pytest.mark.parametrize(
    "phrase, kind",
    [
        ("president of Acme Inc.", "business"),  # a legal suffix: a company
        ("FBI director", "government"),  # a national government's agency
        ("Acme's attorney", "judicial"),  # a specific kind stays
        ("Labour spokesman", "government"),  # a party's post
        ("Reuters reporter", "media"),
    ],
)
def test_a_post_found_in_several_sectors_takes_its_bodys(rules, phrase, kind):
    assert parse_title(phrase, rules).role_kind == kind


@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        ("Labour leader", "Leader", "Labour Party"),  # a party before a party post is its body
        ("Tory MP", "Member of Parliament", ""),  # ... before a state office it is not
        ("Nixon administration official", "Official", ""),  # a body described, not named: no affiliation
        ("Office of Science and Technology Policy Acting Director", "Director", "Office of Science and Technology Policy"),
        ("China's President", "President", "China"),  # a country's possessive (China is also a given name)
        ("Springfield Tigers President and General Manager", "President", "Springfield Tigers"),
        ("press operations director", "Press Operations Director", ""),  # domain words stay in the normal form
    ],
)
def test_body_and_normal_form(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation) == (normalized, affiliation)


# --- issue 15, third round: phenomena of the held-out set 2 (own sentences) ----------
@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        ("managers", "Manager", ""),  # a post in the plural before two names
        ("Queens District Attorney", "District Attorney", "Queens"),  # capitalized: a name, not "queens"
        ("French PM", "Prime Minister", "France"),
        ("Uruguay striker", "Striker", "Uruguay"),  # a national team by its country's name
        ("Nigerian oil minister", "Minister of Oil", "Nigeria"),  # a portfolio as a ministry
        ("militia leader", "Militia Leader", ""),  # a domain word stays in the normal form
        ("standup comedian", "Comedian", ""),
        ("former FBI second-in-command", "Second-in-Command", "United States"),
        ("UN special envoy for Freedonia", "Special Envoy", "UN"),
    ],
)
def test_vocabulary_of_set_two(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation) == (normalized, affiliation)


def test_courtesy_honorifics_are_normalized(rules):
    assert [parse_title(h, rules).honorific for h in ("Mr", "Ms", "Mrs.")] == ["Mr.", "Ms.", "Mrs."]


def test_descriptive_words_are_no_part_of_the_title(rules):
    assert parse_title("seasoned director", rules).written == "director"
    assert parse_title("banned Freedonia striker", rules).written == "Freedonia striker"


@pytest.mark.parametrize(
    "phrase, affiliation",
    [
        ("head of research at Nordbank", "Nordbank"),  # the first connector a name follows
        ("spokesman for the U.K. company", "United Kingdom"),  # the name ends at a lower-case word
        ("director of the Acme Center in Boston", "Acme Center"),
        ("director of the Fish and Wildlife Service and", "Fish and Wildlife Service"),  # no trailing "and"
        ("spokesman for the Norwegian Foreign Ministry", "Norway"),  # a government's organ: its country
        ("spokeswoman for the U.S. Coast Guard", "United States"),
        ("author of the 2005 book", ""),  # a number is no name
    ],
)
def test_the_complements_organization(rules, phrase, affiliation):
    assert parse_title(phrase, rules).affiliation == affiliation


def test_a_post_after_the_connector_is_the_bodys(rules):
    p = parse_title("spokesman for the county district attorney", rules)
    assert (p.normalized, p.role_kind) == ("Spokesperson", "other")


def test_a_possessive_after_the_post_is_its_bodys(rules):
    p = parse_title("director of the Acme Council's youth program", rules)
    assert (p.written, p.normalized) == ("director of the Acme Council's youth program", "Director")


@pytest.mark.parametrize(
    "phrase, kind",
    [
        ("president and CEO", "business"),  # a specific post over the government default
        ("Springfield Tigers President and General Manager", "sports"),
        ("President and Prime Minister", "government"),
    ],
)
def test_coordinated_posts_take_the_specific_kind(rules, phrase, kind):
    assert parse_title(phrase, rules).role_kind == kind


def test_a_party_named_so_makes_a_party_post_political(rules):
    p = parse_title("leader of the Freedonian Green Party", rules)
    assert (p.affiliation, p.role_kind) == ("Freedonian Green Party", "government")


@pytest.mark.parametrize(
    "phrase, written, normalized",
    [
        ("spokesman for the governor's office", "spokesman for the governor's office", "Spokesperson"),  # a post inside the body
        ("president of the local teachers union", "president of the local teachers union", "President"),
        ("Tigers' star striker", "Tigers' star striker", "Striker"),  # "star" describes the player
        ("senior fellow at the Acme Institute", "senior fellow at the Acme Institute", "Senior Fellow"),
    ],
)
def test_posts_inside_the_body_and_describing_words(rules, phrase, written, normalized):
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized) == (written, normalized)


# --- issue 15, fourth round: phenomena of the held-out sets 3 and 4 (own sentences) -------
@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        # A capitalized post right before another post names the office the second serves.
        ("Town Attorney spokeswoman", "Spokesperson", "Town Attorney"),
        ("Governor spokesman", "Spokesperson", ""),  # an office alone names no organization
        # An acronym that is also a post's abbreviation, as the body ("GM" is General Manager).
        ("GM CEO", "Chief Executive Officer", "GM"),
        # ... but posts joined by "and" stay coordinated.
        ("President and General Manager", "President", ""),
    ],
)
def test_a_post_before_a_post_is_its_office(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation) == (normalized, affiliation)


@pytest.mark.parametrize(
    "phrase, normalized, status, affiliation",
    [
        ("Former Acme chief executive", "Chief Executive Officer", "former", "Acme"),
        ("acting NHL commissioner", "Commissioner", "acting", "NHL"),
        ("former President", "President", "former", ""),  # a status word alone is no body
    ],
)
def test_a_status_word_before_the_body(rules, phrase, normalized, status, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.status, p.affiliation) == (normalized, status, affiliation)


@pytest.mark.parametrize(
    "phrase, written, affiliation",
    [
        ("@Acme CEO", "@Acme CEO", "Acme"),  # a handle names the body
        ("#Freedonia's President", "#Freedonia's President", "Freedonia"),
        ("#Ukraine's President", "#Ukraine's President", "Ukraine"),  # a hashtag of a known country
    ],
)
def test_a_handle_or_hashtag_names_the_body(rules, phrase, written, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.affiliation) == (written, affiliation)


@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        ("Minister for the Arctic", "Minister for the Arctic", ""),  # the portfolio is the post's
        ("Minister for Northern Waters", "Minister for Northern Waters", ""),
        # An unknown nationality names no body the rules can normalize (its country).
        ("Freedonian Minister for the Arctic", "Minister for the Arctic", ""),
        ("Minister for Foreign Affairs", "Minister of Foreign Affairs", ""),  # the vocabulary's phrase
        ("UN special envoy for Freedonia", "Special Envoy", "UN"),  # an envoy serves its place
    ],
)
def test_a_ministers_portfolio_stays_in_the_normal_form(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation) == (normalized, affiliation)


@pytest.mark.parametrize(
    "phrase, written, normalized",
    [
        ("vice-president", "vice-president", "Vice President"),  # a hyphenated spelling
        ("Deputy Under-Secretary", "Deputy Under-Secretary", "Deputy Under Secretary"),
        ("Vice-Chancellor", "Vice-Chancellor", "Vice Chancellor"),
        ("al-Karim", "", ""),  # a hyphenated name is no title
    ],
)
def test_hyphenated_spellings_of_titles(rules, phrase, written, normalized):
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized) == (written, normalized)


def test_a_preposition_is_no_part_of_the_title(rules):
    p = parse_title("under King", rules)
    assert (p.written, p.normalized) == ("King", "King")


@pytest.mark.parametrize(
    "phrase, written, normalized",
    [
        ("prison spokesman", "prison spokesman", "Spokesperson"),  # a lower-case body
        ("jail spokeswoman", "jail spokeswoman", "Spokesperson"),
        ("hospital spokesman", "hospital spokesman", "Spokesperson"),
    ],
)
def test_a_lower_case_institution_names_the_body(rules, phrase, written, normalized):
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized, p.affiliation) == (written, normalized, "")


@pytest.mark.parametrize(
    "phrase, written, normalized, kind",
    [
        ("Archduke", "Archduke", "Archduke", "royal"),
        ("the powerful mob boss", "mob boss", "Mob Boss", "other"),  # a describing word before it
        ("Freedonian mafia godfather", "Freedonian mafia godfather", "Godfather", "other"),
        ("master of ceremonies", "master of ceremonies", "Master of Ceremonies", "media"),
        ("pin-up model", "pin-up model", "Model", "media"),
        ("U.S. Embassy Chargé d'Affaires", "U.S. Embassy Chargé d'Affaires", "Chargé d’Affaires", "government"),
        ("Sacked Acme adviser", "Acme adviser", "Adviser", "government"),  # "sacked" describes the person
        ("#Glamour guest judge", "#Glamour guest judge", "Guest Judge", "judicial"),
        ("Prime Minster", "Prime Minster", "Prime Minister", "government"),  # a frequent misspelling
    ],
)
def test_vocabulary_of_sets_three_and_four(rules, phrase, written, normalized, kind):
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized, p.role_kind) == (written, normalized, kind)


@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        ("Nordbank Assistant Governor", "Assistant Governor", "Nordbank"),  # "assistant" changes the post
        ("Chief spokesman", "Chief Spokesperson", ""),
    ],
)
def test_a_post_that_changes_the_next_is_no_office(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation) == (normalized, affiliation)


@pytest.mark.parametrize(
    "phrase, written, affiliation",
    [
        ("Springfield Narcotics Sgt.", "Springfield Narcotics Sgt.", "Springfield Narcotics"),  # a place's unit
        ("Direct Major-General", "Major-General", ""),  # an ordinary word is no unit
    ],
)
def test_a_police_unit_before_a_rank(rules, phrase, written, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.affiliation) == (written, affiliation)
    assert p.role_kind == ("government" if affiliation else "military")


@pytest.mark.parametrize(
    "phrase, written, normalized, status, affiliation",
    [
        ("nominee for Freedonia Surgeon General", "nominee for Freedonia Surgeon General", "Surgeon General", "designate", "Freedonia"),
        ("Surgeon General nominee", "Surgeon General nominee", "Surgeon General", "designate", ""),  # after the post
        ("Bidding for Princess", "Princess", "Princess", "current", ""),  # not a status word: no part of it
    ],
)
def test_a_status_word_for_a_post(rules, phrase, written, normalized, status, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized, p.status, p.affiliation) == (written, normalized, status, affiliation)


@pytest.mark.parametrize(
    "phrase, affiliation",
    [
        ("Director at security company Nordbank", "Nordbank"),  # lower-case words describe the body
        ("analyst at the investment bank Nordbank", "Nordbank"),
        ("author of the 2005 book", ""),
    ],
)
def test_a_described_body_after_the_connector(rules, phrase, affiliation):
    assert parse_title(phrase, rules).affiliation == affiliation


@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        ("head of water policy", "Head of Water Policy", ""),  # a lower-case field is the post's
        ("head of research at Nordbank", "Head of Research", "Nordbank"),
        ("spokesman for the family", "Spokesperson", ""),  # a determiner: a body, not a field
        ("Acme medical reporter and Mercy hospital surgeon", "Medical Reporter", "Acme"),  # the first of two posts
    ],
)
def test_a_field_after_the_post_and_coordinated_bodies(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation) == (normalized, affiliation)


def test_a_lower_case_handle_is_split_into_its_words(rules):
    assert parse_title("@londonrangers owner", rules).affiliation == "London Rangers"
    assert parse_title("@zzqx owner", rules).affiliation == "zzqx"  # as written when it is not known


@pytest.mark.parametrize(
    "phrase, affiliation",
    [
        ("Freedonia Telecom spokesman", "Freedonia Telecom"),  # a company named after its country
        ("Freedonia Resources Chairman", "Freedonia Resources"),
        ("U.S. Army General", "United States"),  # an abbreviation: the country's service
        ("Freedonia president", "Freedonia"),
        ("Germany Defense Minister", "Germany"),  # a domain word: the country's ministry
    ],
)
def test_an_organization_named_after_its_country(rules, phrase, affiliation):
    assert parse_title(phrase, rules).affiliation == affiliation


@pytest.mark.parametrize(
    "phrase, normalized",
    [("Secretary of Commerce", "Secretary of Commerce"), ("Secretary of the Interior", "Secretary of the Interior"), ("Commerce Secretary", "Secretary of Commerce")],
)
def test_both_spellings_of_a_department_secretary(rules, phrase, normalized):
    assert parse_title(phrase, rules).normalized == normalized


@pytest.mark.parametrize(
    "phrase, affiliation",
    [
        ("Duchess of Wessex", ""),  # a nobility title's place is part of the title
        ("Queen of the Northern Isles", ""),
        ("King of Spain", "Spain"),  # a country stays the body
        ("Olympic swimmer", ""),  # an unknown capitalized adjective describes the post
        ("Sectorial Under-Secretary", ""),
        ("Liberal adviser", "Liberal"),  # "-al": also a party's name, kept as written
        ("Acme Olympic Committee spokesman", "Acme Olympic Committee"),  # inside a name
    ],
)
def test_words_before_or_after_the_post_that_name_no_body(rules, phrase, affiliation):
    assert parse_title(phrase, rules).affiliation == affiliation


@pytest.mark.parametrize(
    "phrase, affiliation",
    [
        ("Washington Post reporter", "Washington Post"),  # a seat of government inside a name
        ("Moscow Metro spokesman", "Moscow Metro"),
        ("Nordic House director", "Nordic House"),
        ("Washington spokesman", "United States"),  # alone, the government
        ("House Majority Leader", "United States"),  # the chamber of its country's congress
        ("House of Commons leader", "United Kingdom"),
    ],
)
def test_a_seat_of_government_alone_or_inside_a_name(rules, phrase, affiliation):
    assert parse_title(phrase, rules).affiliation == affiliation


def test_an_organizations_possessive_inside_the_complement_is_the_body(rules):
    p = parse_title("director of the Society of Tidy Gardens' Seed Library Program", rules)
    assert (p.normalized, p.affiliation) == ("Director", "Society of Tidy Gardens")


@pytest.mark.parametrize(
    "phrase, normalized, status, affiliation",
    [
        ("Former-UK cabinet minister", "Cabinet Minister", "former", "United Kingdom"),  # the affix glued to the body
        ("ex-Nordbank head chef", "Head Chef", "former", "Nordbank"),
        ("Freedonia's ex-communist President", "President", "current", "Freedonia"),  # lower case: a description
    ],
)
def test_a_status_affix_glued_to_the_body(rules, phrase, normalized, status, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.status, p.affiliation) == (normalized, status, affiliation)


def test_two_domain_words_of_one_post_joined_by_and(rules):
    p = parse_title("defense and security analyst at Nordbank", rules)
    assert (p.normalized, p.affiliation) == ("Defense and Security Analyst", "Nordbank")
    assert parse_title("chairman and chief executive", rules).normalized == "Chair"  # two posts: the first


def test_a_lone_deputy_stands_for_the_one_post_it_ends(rules):
    p = parse_title("Deputy", rules)
    assert (p.written, p.normalized, p.role_kind) == ("Deputy", "Deputy Sheriff", "government")
    assert parse_title("deputy", rules).normalized == ""  # lower case: no form of address
    assert parse_title("Vice", rules).normalized == ""  # ends no post


def test_a_plural_possessive_before_an_organization_word_is_part_of_the_name(rules):
    p = parse_title("president of the Tidy Gardeners' Association of Ruritania", rules)
    assert p.affiliation == "Tidy Gardeners Association of Ruritania"
    assert parse_title("director of Tidy Gardeners' Seed Program", rules).affiliation == "Tidy Gardeners"


def test_a_body_written_once_before_several_peoples_posts(rules):
    p = parse_title("Dutch King, Queen & PM", rules)
    assert (p.written, p.normalized, p.affiliation) == ("PM", "Prime Minister", "Netherlands")


def test_fellow_describes_the_person(rules):
    assert parse_title("fellow actor", rules)[:2] == ("actor", "Actor")


def test_a_lower_case_word_before_a_rank_is_no_part_of_its_normal_form(rules):
    p = parse_title("Peru coup general", rules)
    assert (p.normalized, p.affiliation, p.role_kind) == ("General", "Peru", "military")  # no team's rank: a word between


def test_a_compound_describing_the_person_is_no_body(rules):
    for phrase, post in [("Oscar-winning actress", "actress"), ("Paris-born chef", "chef"), ("Emmy-nominated writer", "writer")]:
        p = parse_title(phrase, rules)
        assert (p.written, p.affiliation) == (post, "")
    p = parse_title("Oslo-based Nordbank analyst", rules)
    assert (p.written, p.normalized, p.affiliation) == ("Nordbank analyst", "Analyst", "Nordbank")
    assert parse_title("Acme-Nordbank analyst", rules).affiliation == "Acme-Nordbank"  # two bodies' names: a body


def test_a_place_of_several_words_is_one_body_though_a_word_of_it_describes(rules):
    p = parse_title("New York Gov.", rules)
    assert (p.written, p.normalized, p.affiliation) == ("New York Gov.", "Governor", "New York")
    assert parse_title("New Acme CEO", rules)[:3] == ("Acme CEO", "Chief Executive Officer", "current")  # "new" describes


def test_a_politician_is_a_post_and_a_term_count_describes_the_person(rules):
    assert parse_title("first-term politician", rules)[:4] == ("politician", "Politician", "current", "government")
    assert parse_title("two-term Freedonia senator", rules)[:2] == ("Freedonia senator", "Senator")


def test_a_describing_compound_inside_coordinated_posts(rules):
    p = parse_title("actress and record-setting swimmer", rules)
    assert (p.written, p.normalized, p.affiliation) == ("actress and record-setting swimmer", "Actor", "")


@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        # One convention (docs/titles.md): an international body by its usual acronym,
        # "General" after a post without a hyphen (like Director General, Attorney General).
        ("IMF head", "Head", "IMF"),
        ("head of the International Monetary Fund", "Head", "IMF"),
        ("United Nations envoy", "Envoy", "UN"),
        ("European Union trade commissioner", "Trade Commissioner", "EU"),
        ("NATO Secretary-General", "Secretary General", "NATO"),
        ("U.N. Secretary-General", "Secretary General", "UN"),
        ("Secretary General", "Secretary General", ""),
        ("Director-General", "Director General", ""),
    ],
)
def test_one_convention_for_acronyms_and_general(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.normalized, p.affiliation) == (normalized, affiliation)


def test_trustee_is_a_post(rules):
    p = parse_title("Acme Foundation Trustee", rules)
    assert (p.normalized, p.affiliation) == ("Trustee", "Acme Foundation")


@pytest.mark.parametrize(
    "phrase, role_kind, affiliation",
    [
        # The sector of a body the rules do not know, from the words of its name.
        ("Acme Foundation director", "other", "Acme Foundation"),
        ("Office of Science Policy Acting Director", "government", "Office of Science Policy"),
        ("director of the Acme Institute", "other", "Acme Institute"),
        ("prison spokesman", "government", ""),  # a lower-case institution
        ("Freedonia Police spokesman", "government", "Freedonia Police"),
        ("Freedonia Police Sergeant", "government", "Freedonia Police"),  # a police rank
        ("Army Sergeant", "military", "Army"),
        # An office the post serves.
        ("City Attorney spokeswoman", "government", "City Attorney"),
        ("Secretary of State spokeswoman", "government", ""),
        ("GM CEO", "business", "GM"),
        # A central bank is a government body, written as its name.
        ("Federal Reserve Chair", "government", "Federal Reserve"),
        ("Acme spokesman", "other", "Acme"),  # nothing said of the sector
    ],
)
def test_role_kind_from_the_bodys_name_or_office(rules, phrase, role_kind, affiliation):
    p = parse_title(phrase, rules)
    assert (p.role_kind, p.affiliation) == (role_kind, affiliation)


# Ninth round: set 8's left-over shapes and issue 15's affiliations (sentences of our own).


@pytest.mark.parametrize(
    "phrase, written, normalized, affiliation, role_kind",
    [
        # An armed group that is no organ of a state: the place before it is the group's.
        ("Donetsk rebels leader", "Donetsk rebels leader", "Rebel Leader", "", "military"),
        ("Syrian rebel commander", "Syrian rebel commander", "Rebel Commander", "", "military"),
        ("Hamas militia leader", "Hamas militia leader", "Militia Leader", "Hamas", "military"),  # a named group is the body
        ("rebel leader", "rebel leader", "Rebel Leader", "", "military"),
    ],
)
def test_a_rebel_groups_post_has_no_state_as_its_body(rules, phrase, written, normalized, affiliation, role_kind):
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized, p.affiliation, p.role_kind) == (written, normalized, affiliation, role_kind)


@pytest.mark.parametrize(
    "phrase, written, affiliation",
    [
        ("Liberal MP", "MP", ""),  # a party no rule file knows, before a seat
        ("Greens senator", "senator", ""),
        ("SNP MP", "SNP MP", "SNP"),  # an acronym may be a state ("NSW MP"): kept
        ("Labour MP", "MP", ""),  # a known party, as before
        ("Texas Senator", "Texas Senator", "Texas"),  # a place is the seat's
        ("UK MP", "UK MP", "United Kingdom"),
        ("Liberal adviser", "Liberal adviser", "Liberal"),  # a party post keeps its party
    ],
)
def test_a_party_before_an_assembly_seat_stays_out_of_the_extent(rules, phrase, written, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.affiliation) == (written, affiliation)


@pytest.mark.parametrize(
    "phrase, written, affiliation",
    [
        ("Co Antrim singer", "singer", ""),  # a county describes the singer
        ("Co. Down painter", "painter", ""),
        ("Orange County teacher", "teacher", ""),
        ("Orange County Sheriff", "Orange County Sheriff", "Orange County"),  # the sheriff's jurisdiction
        ("Acme Co chairman", "Acme Co chairman", "Acme"),  # a legal suffix after the name is no county
    ],
)
def test_a_county_before_a_post_it_does_not_hold_stays_out(rules, phrase, written, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.affiliation) == (written, affiliation)


@pytest.mark.parametrize(
    "phrase, affiliation",
    [
        ("Special Representative for Freedonia of the United Nations Secretary-General", "UN"),
        ("Special Envoy for Syria of the Arab League", "Arab League"),
        ("envoy for Syria", "Syria"),  # alone, the place served is the body
    ],
)
def test_a_post_for_a_place_of_an_organization_belongs_to_the_organization(rules, phrase, affiliation):
    assert parse_title(phrase, rules).affiliation == affiliation


@pytest.mark.parametrize(
    "phrase, written, affiliation",
    [
        ("Victorian Premier", "Victorian Premier", "Victoria"),
        ("Former Tasmanian Premier", "Former Tasmanian Premier", "Tasmania"),
        ("Victorian novelist", "novelist", ""),  # a state's adjective before a post it does not hold
    ],
)
def test_a_states_adjective_names_the_state(rules, phrase, written, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.affiliation) == (written, affiliation)


@pytest.mark.parametrize(
    "phrase, affiliation",
    [
        ("British China Daily correspondent", "China Daily"),  # the nationality is the person's
        ("German France Telecom spokesman", "France Telecom"),
        ("British correspondent", "United Kingdom"),
    ],
)
def test_a_nationality_before_an_organization_named_after_a_country(rules, phrase, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.affiliation) == (phrase, affiliation)


@pytest.mark.parametrize(
    "phrase, normalized, affiliation",
    [
        ("Green Party leader", "Leader", "Green Party"),
        ("Labour Party leader", "Leader", "Labour Party"),
        ("party leader", "Party Leader", ""),
    ],
)
def test_a_partys_name_ending_in_party_before_its_post(rules, phrase, normalized, affiliation):
    p = parse_title(phrase, rules)
    assert (p.written, p.normalized, p.affiliation) == (phrase, normalized, affiliation)


def test_a_county_is_the_body_of_the_post_a_first_word_changes(rules):
    p = parse_title("Springfield County Assistant District Attorney", rules)
    assert (p.written, p.normalized, p.affiliation) == ("Springfield County Assistant District Attorney", "Assistant District Attorney", "Springfield County")
