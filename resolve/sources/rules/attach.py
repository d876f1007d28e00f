"""Title attachment: the title phrase that belongs to a name, wherever it is written.

Three places, tried in this order (`attach_title`):

- in the capitalized run, cut off by `cutting.cut_title_prefix` ("Russian Deputy
  Foreign Minister Sergei Ryabkov"), extended by title words written before the run
  ("NATO supreme allied commander for Europe Adm. James Stavridis"); a form of address
  alone there ("Dr. Ann Berg") takes the post written in apposition beside it;
- right before the name, in lower case or in apposition ("U.S. national security
  adviser Susan Rice", "his Russian counterpart, Sergei Lavrov"), with the capitalized
  words naming its body ("Nomura analyst", "Office of Science and Technology Policy
  Acting Director"), never another person's name ("Putin staffer");
- after the name, in apposition after a comma (also after an age: ", 45,"), dash or
  parenthesis ("Chuck Hagel, the defense secretary,", "Tom Reed (Acme's attorney)",
  "Ann Berg, spokeswoman for the Interior Ministry,", "Tom Reed, an Acme spokesman,").

A title before the name of the object of a clause ("the court reporter Tom Reed
murdered was buried") is not the name's.

What counts as a title is the rules' vocabulary (resolve.titles segments and parses
it); this module only finds where a title phrase starts and ends.  Both extractors
(rules and spaCy) attach titles with it.
"""

from __future__ import annotations

import re

from ...text import fold
from ...titles import CONNECTORS, DETERMINERS, STATUS_PREFIXES, STATUS_SUFFIXES, _describing_compound, joins_fields, parse_title, segment, singular
from .cutting import Run
from .lexicon import POSSESSIVE_S, TITLE_CONNECTORS, Lexicon, key, lexicon
from .scan import Scan, sentence_initial
from ...rules import Rules, memo_per_rules

_CLOSING = ",;:)\"”"
_WORD = re.compile(r"\S+")  # the words as written (what str.split() gives), with their offsets
# An apposition after the name opens with a comma, a dash or a parenthesis (", the defense
# secretary,", " - the CEO of Acme -", " (spokesman for X)") and runs to a closing mark.
_OPENER = re.compile(r"^(?:,[ \t]+|[ \t]+[-–—][ \t]+|[ \t]*\()")
_CLOSED = re.compile(r"[,;:()\[\]–—\"“”]|[ \t][-'‘’][ \t]")
_APPOSITION_WORDS = 14  # words read after the opener
#: Words that end an apposition without a closing mark: what follows describes the person
#: or the act, not the post ("Ann Berg, a lawyer representing the family"; "an ISIL
#: commander in Mosul was killed").
_ENDING_WORDS = frozenset({"in", "from", "on", "since", "until", "during", "after", "before", "near", "and", "turned", "based"})
#: Words that end an apposition as a closing mark does ("Tom Reed, a painter with a good name").
_RELATIVE = frozenset({"who", "whose", "whom", "which", "that", "what", "where", "when", "with"})
# Between the name and its apposition: an age ("Tom Reed, 45, a lawyer"), a regnal
# number ("Norton I, Emperor of ..."), years in parentheses ("Tom Reed (1704 – 1787), a
# painter") or letters after the name ("Ann Berg, MD, Surgeon General").
_BETWEEN = re.compile(
    r"^(?:,[ \t]*\d{1,3}|[ \t]+[IVX]{1,4}|[ \t]*\([ \t]*\d[\d \t–—-]*\)"
    r"|,[ \t]*(?:M\.?D\.?|Ph\.?D\.?|Jr\.?|Sr\.?|Q\.?C\.?|K\.?C\.?|Esq\.?|OBE|CBE|MBE))(?=,)"
)
#: Words describing the person's age or era before a post in apposition ("a 45-year-old
#: teacher", "the 1950s pin-up model").
_AGE_WORD = re.compile(r"^(?:\d{1,3}-years?-old|\d{4}s|['’]\d0s)$")
# After the name, a verb whose object the name is, then the sentence's own verb: "the
# court reporter Tom Reed murdered was buried" (the title is the object's).
_CLAUSE_AFTER = re.compile(
    r"[ \t]+(?:[a-z]+ed|shot|hit|met|saw|knew)[ \t]+(?:was|were|is|are|has|had|have|will|would|could|did|does)\b"
)
#: "PM" after a time of day is the time ("at 5 PM Tom Reed spoke"), not a prime minister.
_CLOCK_BEFORE = re.compile(r"\d[ \t]*(?:PM|pm|P\.M\.)[ \t]+$")
#: Numbers that introduce a post in the plural in apposition ("two managers, Tom Reed and Ann Berg").
_COUNTS = frozenset({"two", "three", "four", "five", "both", "several"})
#: After a name, more names: the plural post before it names each of them.
_NAMES_FOLLOW = re.compile(r"\S+(?:[ \t]+[A-Z]\S*){0,3}?(?:,[ \t]+|[ \t]+(?:and|&)[ \t]+)[A-Z]")
#: Words inside an organization's name before a title ("Office of Science and Technology Policy").
_NAME_INNER = frozenset({"of", "and", "&"})
#: Capitalized words of the calendar: never the body of a title ("On Sunday Leeds United defender").
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december".split()
)
#: How often the batch must write a word in lower case for it to count as ordinary.
_ORDINARY = 2
#: Labels a headline or post opens with, before its subject: never the body of the title
#: after them ("RIP Springfield Police Officer Tom Reed", "EXCLUSIVE Acme CEO Ann Berg").
_HEADLINE_LABELS = frozenset(
    "rip breaking update updated exclusive watch video photo photos audio opinion analysis icymi".split()
)


def attach_title(scan: Scan, run: Run) -> str:
    """The raw title of the name `run` holds ("" when none), with single spaces."""
    text, lex, rules = scan.text, scan.lex, scan.rules
    if _letters_after_name(text, run):
        return ""  # "Ann Berg, MD, Surgeon General": the post is the name's, not the letters'
    if run.title_start >= 0:
        bstart, bphrase = title_before(scan, run.title_start, extend=True)
        start = bstart if bphrase else _place_before(text, run.title_start, lex)
        if start == run.title_start:
            start = _team_possessive_before(text, start, scan)  # "the Tigers' Coach Tom Reed"
        if start > 0 and _mark_of_handle(text, start - 1) and (start == 1 or text[start - 2].isspace()):
            start -= 1  # a handle, hashtag or cashtag names the body: "@Acme CEO Ann Berg", "$ACME CEO"
        head = text[start : run.title_start]
        if start == run.title_start and scan.written:
            start, head = _written_body_before(scan, start)  # a headline's view lowered the body's name
        title = _without_ordinary_start((head + text[run.title_start : run.start]).split(), scan)
        title = _without_another_office(text, start, title, rules)
        title = _with_shared_body(text, start, title, scan)
        if not parse_title(title, rules).normalized:
            # A form of address alone ("the Acme chief, Dr. Ann Berg"; "Dr. Ann Berg, a
            # surgeon,"): the post, then the honorific, as parse_title reads them.
            post = title_before(scan, start)[1] or title_after(scan, run.end)
            title = f"{post} {title}" if post else title
    else:
        title = title_before(scan, run.start)[1]
    if title and _CLAUSE_AFTER.match(text, run.end) or _CLOCK_BEFORE.search(text, max(0, run.start - 20), run.start):
        title = ""
    if not title:
        title = _complement_as_written(scan, run.end, title_after(scan, run.end))
    if not title:
        title = _title_line_above(scan, run)
    return " ".join(title.split())  # one plain space, whatever the page used


def _title_line_above(scan: Scan, run: Run) -> str:
    """A line holding only a capitalized title right above a line holding only the name
    (a caption, list or memorial page: "Deputy Sheriff" / "Tom Reed" / "Springfield
    Sheriff's Department"); "" otherwise (a headline above a sentence is no title of it)."""
    text = scan.written or scan.text
    above_end = text.rfind("\n", 0, run.start)
    if above_end < 0 or text[above_end + 1 : run.start].strip():
        return ""
    line_end = text.find("\n", run.end)
    if text[run.end : len(text) if line_end < 0 else line_end].strip(" \t,"):
        return ""  # the name's line holds more than the name
    line = text[text.rfind("\n", 0, above_end) + 1 : above_end].split()
    if not 0 < len(line) <= 6 or not all(w[:1].isupper() and (_vocab_key(w, scan) in scan.lex.title_vocab or key(w) in scan.lex.affil) for w in line):
        return ""  # title vocabulary and known bodies only: no headline's words
    p = parse_title(" ".join(line), scan.rules)
    return " ".join(line) if p.normalized and p.written.split() == line else ""


def _complement_as_written(scan: Scan, end: int, title: str) -> str:
    """A title in apposition after the name with its complement (the words after its
    first "of"/"for"/"at") spelled as written, when the scan's text is a headline's
    re-cased view that lowered them ("NAME, Foreign Office Minister for the Middle
    East, said:" viewed as "... for the middle East": the portfolio is a name); not on
    a line in capitals."""
    words = title.split()
    conn = next((i for i, w in enumerate(words) if i and fold(w) in CONNECTORS), None)
    if not scan.written or conn is None:
        return title
    spans = [m.span() for m in _WORD.finditer(scan.text, end, min(len(scan.text), end + 300))]
    keys = [fold(scan.text[a:b]) for a, b in spans]
    n = len(words)
    for j in range(len(spans) - n + 1):
        if all(keys[j + i].startswith(fold(w)) for i, w in enumerate(words)):
            out = list(words)
            for i in range(conn + 1, n):
                a = spans[j + i][0]
                w = scan.written[a : a + len(words[i])]
                if not w.isupper() and fold(w) == fold(words[i]):
                    out[i] = w
            return " ".join(out)
    return title


def _as_written_words(scan: Scan, spans: list[tuple[int, int]], words: list[str], upto: int) -> list[str]:
    """`words` with the first `upto` + 1 spelled as the text writes them (the scan's text
    being a headline's re-cased view), but for words in capitals (a capitals line)."""
    out = list(words)
    for i in range(upto + 1):
        w = scan.written[spans[i][0] : spans[i][1]]
        if not w.isupper() and fold(w) == fold(out[i]):
            out[i] = w
    return out


def _written_body_before(scan: Scan, pos: int) -> tuple[int, str]:
    """Start and text, as written, of a body's name right before an in-run title at `pos`
    that a headline's view wrote in lower case ("Watch Live: Acme CEO Ann Berg" viewed as
    "... acme CEO ..."); (pos, "") when there is none."""
    lo = max(0, pos - 80)
    spans = [m.span() for m in _WORD.finditer(scan.text, lo, pos)]
    line = [i for i in range(1, len(spans)) if "\n" in scan.text[spans[i - 1][1] : spans[i][0]]]
    spans = spans[line[-1] :] if line else spans
    if not spans or not scan.text[spans[-1][0]].islower():
        return pos, ""
    words = _as_written_words(scan, spans, [scan.text[a:b] for a, b in spans], len(spans) - 1)
    i = len(words) - 1
    while i >= 0 and _name_like(words[i], scan.lex):
        i -= 1
    for cut in range(i + 1, len(words)):
        if _reads_as_body(words[cut:], False, scan):
            return spans[cut][0], " ".join(words[cut:]) + " "
    return pos, ""


#: Posts listed before the name's own: "Freedonian King, Queen & " + "PM".
_POSTS_BEFORE = re.compile(r"(\S+)[ \t]+((?:\S+,[ \t]+){1,3}\S+)[ \t]+(?:&|and)[ \t]+$")


def _with_shared_body(text: str, start: int, title: str, scan: Scan) -> str:
    """The title with a list of other people's posts before it when a country or body is
    written once before the list ("Freedonian King, Queen & PM Ann Berg": the body is
    the PM's too; resolve.titles takes the last post as the title)."""
    m = _POSTS_BEFORE.search(text, max(0, start - 80), start)
    if m is None or key(m.group(1)) not in scan.lex.affil:
        return title
    posts = [w.rstrip(",") for w in m.group(2).split()]
    if not all(w[:1].isupper() and _vocab_key(w, scan) in scan.lex.heads for w in posts):
        return title
    return f"{m.group(0)}{title}"


def _without_another_office(text: str, start: int, title: str, rules: Rules) -> str:
    """A title without a first state office that a determiner makes another person's:
    "the Prime Minister and President Tom Reed met" (two people: the title is
    "President"); "the president and CEO Tom Reed" is one person's two posts."""
    before = text[max(0, start - 5) : start].split()
    if not before or fold(before[-1]) not in DETERMINERS:
        return title
    segs = segment(title, rules)
    cut = next((i for i, s in enumerate(segs) if s.raw in _AND_WORDS), None)
    if not cut or cut + 1 >= len(segs):
        return title
    first, second = segs[:cut], segs[cut + 1 :]
    offices = [s for s in (*first, *second) if s.kind == "role"]
    if not all(s.kind in ("role", "modifier") for s in first) or not second[0].capitalized or not offices:
        return title
    if any(s.role_kind != "government" for s in offices):
        return title
    return " ".join(title.split()[second[0].first :])


def _letters_after_name(text: str, run: Run) -> bool:
    """The run is letters written after a name between commas ("MD", "Ph.D.")."""
    comma = text.rfind(",", max(0, run.start - 3), run.start)
    if comma < 0 or text[comma + 1 : run.start].strip():
        return False
    m = _BETWEEN.match(text[comma : run.end + 1])
    return m is not None and comma + m.end() == run.end


def title_before(scan: Scan, pos: int, extend: bool = False) -> tuple[int, str]:
    """Start and text of a title phrase written right before `pos`, or (pos, "").

    With `extend`, `pos` is the start of a title already found inside a capitalized
    sequence, and any title words before it are added ("NATO supreme allied commander
    for" + "Europe Adm.").  A post in the plural is the title of each of the names it
    introduces ("two managers, Tom Reed and Ann Berg").
    """
    text, lex, rules = scan.text, scan.lex, scan.rules
    interim = _AD_INTERIM_BEFORE.search(text, max(0, pos - 20), pos)
    if interim and not extend:
        # "the Acme Embassy Chargé d'Affaires, a.i., Ann Berg": ad interim after the post.
        start, phrase = title_before(scan, interim.start())
        return (start, f"{phrase}, {interim.group(1)}") if phrase else (pos, "")
    titled = _title_word_before(text, pos, scan)
    praised = _praised_post_end(text, pos, scan) if not extend else -1
    if praised >= 0:
        return title_before(scan, praised)  # "their rookie running back sensation Tom Reed"
    if not titled and (extend or not _AND_BEFORE.search(text, max(0, pos - 80), pos)):
        return pos, ""
    lo = max(0, pos - 160)
    spans = [m.span() for m in _WORD.finditer(text, lo, pos)]
    words = [text[a:b] for a, b in spans]
    ending = _title_ending(words, scan, extend) if titled else None
    if ending is None:
        return (pos, "") if extend else _post_before_description(scan, spans, words)
    tail, appositive, complement = ending
    core = tail[: len(tail) - complement]
    if _plural_role(core[-1], scan) and not _NAMES_FOLLOW.match(text, pos):
        return pos, ""  # "the officials Tom Reed met": a plural post names several people
    # A body is named on the title's line: the line above may be a headline ("... Jaguars").
    line_starts = {i for i in range(1, len(spans)) if "\n" in text[spans[i - 1][1] : spans[i][0]]}
    title_stop = _title_stop(core, scan)
    domain = title_stop if extend else _domain_nouns_before(core, title_stop, spans, scan)
    stop = domain if domain < title_stop else _body_before(core, title_stop, line_starts, scan)
    if stop == title_stop and not extend:
        stop = _body_before_domain_nouns(core, title_stop, line_starts, scan)  # "Acme project director"
    if stop == title_stop and domain == title_stop and scan.written:
        # A headline's view lowered the body's name ("Furious Acme CEO" -> "furious acme CEO").
        written = _as_written_words(scan, spans, core, title_stop)
        stop = _body_before(written, title_stop, line_starts, scan)
        if stop < title_stop:
            tail = [*written, *tail[len(core) :]]
            core = written
    if stop < _title_stop(core, scan):
        stop = _status_before(core, stop, scan)  # "former NHL player": the status of the post, before its body
    stop = _coordinated_before(core, stop, line_starts, scan)
    first = stop + 1
    # Leading connectors are not part of the title ("for Europe" without its role).
    while first < len(core) and fold(core[first]) in TITLE_CONNECTORS:
        first += 1
    if first >= len(core):
        return pos, ""
    if domain < title_stop and core[first][:1].isupper():
        # "Project director Ann Berg": the domain word is capitalized only by the sentence.
        tail = [*tail[:first], core[first].lower(), *tail[first + 1 :]]
    if appositive:
        # "his Russian counterpart, Sergei Lavrov", "the company's chief executive, ...",
        # "the Pentagon's top official, ...", "two managers, ...": a determiner, a number
        # or a possessive introduces it; or it opens the sentence, capitalized ("Minister
        # for the Arctic, Tom Reed said").
        before = fold(tail[stop]) if stop >= 0 else ""
        # Capitalized as written: its first word and its post (a headline's view may lower
        # the words between, "Acme assistant Governor", or all of them).
        written = scan.written or text
        capitalized = all(written[spans[i][0]].isupper() for i in (first, len(core) - 1))
        # ... or, capitalized, it opens the sentence, after "by"/"from" too ("Statement by
        # Prime Minister of Freedonia, Ann Berg on ..."), or the name's apposition closes
        # after it ("On air: Acme Deputy Governor, Ann Berg, said").
        opens = capitalized and (_opens_sentence(text, spans, stop, scan) or before in _BY or _CLOSED_NAME.match(text, pos))
        if not opens and before not in DETERMINERS and before not in _COUNTS and not any(POSSESSIVE_S.search(w) for w in [before, *core[first:]]):
            return pos, ""
    if not extend and _MERIT_BEFORE.search(text, max(0, spans[first][0] - 40), spans[first][0]):
        return pos, ""  # "the league's best player Tom Reed": an accolade ranking the person, no post
    if not extend:
        first += _own_title_start(" ".join(core[first:]), rules)
        segs = segment(" ".join(core[first:]), rules)
        lone = not appositive and len(segs) == 1 and bool(parse_title(segs[0].raw, rules).normalized)  # "Deputy Tom Reed"
        if not segs or segs[-1].kind not in (("role",) if appositive else ("role", "honorific")) and not lone:
            return pos, ""  # an honorific in apposition is a relation ("his father, Anthony")
    return spans[first][0], " ".join(tail[first:])


#: A superlative of merit right before a post: the phrase is an accolade ranking the
#: person among its holders ("the league's best player", "the most valuable player"),
#: annotated as no title like "player of the year"; not "top" ("top aide" is a post).
_MERIT_BEFORE = re.compile(r"(?<![\w-])(?:best|greatest|finest|worst|most[ \t]+(?:valuable|outstanding|improved))[ \t]+$", re.IGNORECASE)


#: "a.i." (ad interim) in commas between a post and the name.
_AD_INTERIM_BEFORE = re.compile(r",[ \t]+(a\.i\.|ad interim),[ \t]+$")


#: Lower-case domain nouns the vocabulary does not know, before a lower-case post.
_DOMAIN_NOUNS = 2
#: Adjectives without an adjective's ending: they describe the person, not the post.
_PLAIN_ADJECTIVES = frozenset(
    "young old same big great good best better real true whole main major sole lone own very little long short high "
    "low full half current future possible likely average rich poor dead live early fine nice bad worst fresh key".split()
)
_ADJECTIVE_ENDING = re.compile(r"(?:ous|ful|ive|al|ic|ish|less|able|ible|ed|ing|ant|ent|ary|ory|y|er|est|ly)$")


def _domain_nouns_before(words: list[str], stop: int, spans: list[tuple[int, int]], scan: Scan) -> int:
    """`stop` moved back over up to two lower-case nouns naming the post's field that the
    vocabulary does not know ("the project director", "Stock markets reporter" opening a
    line): only before a lower-case post, after a determiner or at a sentence's start (a
    verb before the post is no field: "he told reporter Ann Berg"), not a word with an
    adjective's ending or a plain adjective ("the young reporter"); a first word
    capitalized by the sentence only when the batch writes it in lower case."""
    if stop < 0 or stop + 1 >= len(words) or not all(w[:1].islower() for w in words[stop + 1 :]) or _vocab_key(words[-1], scan) not in scan.lex.heads:
        return stop
    lex = scan.lex
    i = stop
    while i >= 0 and stop - i < _DOMAIN_NOUNS:
        w, k = words[i], key(words[i])
        if not w.isalpha() or k in lex.common or k in lex.speech or k in _PLAIN_ADJECTIVES or k in lex.title_vocab:
            break
        if _ADJECTIVE_ENDING.search(k) or w[:1].isupper() and scan.lower.get(k, 0) < _ORDINARY:
            break
        i -= 1
        if w[:1].isupper():
            break  # a capitalized word starts the phrase (checked below)
    if i == stop:
        return stop
    first_capital = words[i + 1][:1].isupper()
    opens = sentence_initial(scan.text, spans[i + 1][0])  # also after a colon: "On air: Project director ..."
    if (first_capital and not opens) or not (opens or i >= 0 and fold(words[i]) in DETERMINERS):
        return stop
    if any(w[:1].isupper() for w in words[i + 2 : stop + 1]):
        return stop
    return i


def _body_before_domain_nouns(words: list[str], stop: int, line_starts: set[int], scan: Scan) -> int:
    """`stop` moved back over up to two lower-case domain nouns (as _domain_nouns_before
    reads them) and the capitalized body's name before them, right before a lower-case
    post ("Acme project director", "Springfield water policy adviser"); `stop` when the
    words before the nouns name no body."""
    if stop < 1 or stop + 1 >= len(words) or fold(words[stop + 1]) in TITLE_CONNECTORS:
        return stop
    if not all(w[:1].islower() for w in words[stop + 1 :]) or _vocab_key(words[-1], scan) not in scan.lex.heads:
        return stop
    lex = scan.lex
    i = stop
    while i >= 0 and stop - i < _DOMAIN_NOUNS:
        w, k = words[i], key(words[i])
        if not (w.isalpha() and w.islower()) or k in lex.common or k in lex.speech or k in _PLAIN_ADJECTIVES or k in lex.title_vocab or _ADJECTIVE_ENDING.search(k):
            break
        i -= 1
    if i == stop or i < 0 or not words[i][:1].isupper() or i + 1 in line_starts:
        return stop
    body = _body_before(words, i, line_starts, scan)
    return body if body < i else stop


#: Nouns praising the person after the post, before the name: the post before them is
#: the title ("the rookie running back sensation Tom Reed").
_DESCRIBING_NOUNS = frozenset({"sensation", "star", "great", "legend", "icon", "phenom", "prospect", "hero", "superstar"})


def _praised_post_end(text: str, pos: int, scan: Scan) -> int:
    """End of a post written right before a noun praising the person that `pos` follows
    ("running back | sensation"); -1 when there is none."""
    before = text[max(0, pos - 60) : pos]
    last = before.rsplit(None, 1)
    # The cheap test first: a praising noun is the last word before `pos` (the search
    # below costs a scan of the 60 characters from each of their starts).
    if not last or last[-1] not in _DESCRIBING_NOUNS:
        return -1
    m = re.search(r"(\S+)[ \t]+([a-z]+)[ \t]+$", before)
    if m is None or m.group(2) not in _DESCRIBING_NOUNS or m.group(1)[-1] in _CLOSING:
        return -1
    if _vocab_key(m.group(1), scan) not in scan.lex.heads:
        return -1
    return max(0, pos - 60) + m.end(1)


#: Longest description after "and" that a post before it may be followed by.
_AND_BEFORE = re.compile(r"[ \t](?:and|&)[ \t][a-z][a-z \t-]*[ \t]$")
_DESCRIPTION_WORDS = 5


def _post_before_description(scan: Scan, spans: list[tuple[int, int]], words: list[str]) -> tuple[int, str]:
    """A post joined by "and" to a lower-case description that is no post, right before
    the name ("Freedonia Gov. and former vice presidential candidate Ann Berg": the title
    is the post's); (pos, "") when the words do not read so.  Not after a determiner or
    possessive pronoun ("the coach and his son Tom Reed": the son is no coach)."""
    pos = spans[-1][1] if spans else 0
    for j in range(len(words) - 1, max(-1, len(words) - 2 - _DESCRIPTION_WORDS), -1):
        if fold(words[j]) in _AND_WORDS:
            after = words[j + 1 :]
            if j == 0 or not after or not all(w.replace("-", "").isalpha() and w.islower() and w not in DETERMINERS and w not in _RELATIVE for w in after):
                break
            start, phrase = title_before(scan, spans[j][0])
            return (start, phrase) if phrase else (pos, "")
        if words[j][-1] in _CLOSING:
            break
    return pos, ""


#: Prepositions naming the author of what the sentence is about, before a capitalized
#: post in apposition ("Statement by Prime Minister of Freedonia, Ann Berg on ...").
_BY = frozenset({"by", "from"})
#: A name closed by a comma: the end of an apposition that a post before it opened.
_CLOSED_NAME = re.compile(r"(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*,")


def _coordinated_before(words: list[str], stop: int, line_starts: set[int], scan: Scan) -> int:
    """`stop` moved back over a first post joined by "and" when each post is written with
    its own body ("Acme medical reporter and Mercy hospital surgeon"): the first post,
    normalized, is the name's main one."""
    if stop < 1 or fold(words[stop]) not in _AND_WORDS:
        return stop
    first = words[: stop]
    if first[-1][-1] in _CLOSING or _vocab_key(first[-1], scan) not in scan.lex.heads:
        return stop
    return _status_before(first, _body_before(first, _title_stop(first, scan), line_starts, scan), scan)


_AND_WORDS = frozenset({"and", "&"})


def _status_before(words: list[str], stop: int, scan: Scan) -> int:
    """`stop` moved back over status words written before a title's body ("former",
    "acting": "Former NHL player", "the acting Acme chief")."""
    rules = scan.rules
    while stop >= 0 and words[stop][-1] not in _CLOSING:
        t = rules.titles.get(key(words[stop]))
        if t is None or t.kind != "modifier" or not t.status:
            break
        stop -= 1
    return stop


def _opens_sentence(text: str, spans: list[tuple[int, int]], stop: int, scan: Scan) -> bool:
    """The word after index `stop` of `spans` starts a sentence or a line: the text starts
    there, or a line break or a sentence's end comes before it."""
    if stop < 0:
        return not text[: spans[0][0]].strip() if spans else False
    a, b = spans[stop]
    word = text[a:b]
    return "\n" in text[b : spans[stop + 1][0]] or word[-1] in "!?" or _sentence_end(word, scan.lex) and not _acronym(word)


def _title_word_before(text: str, pos: int, scan: Scan) -> bool:
    """The cheap test first: is the word right before `pos` title vocabulary (or the end
    of an "of/for ORG" complement in apposition: "The Minister for Northern Affairs, ")?"""
    e = pos
    while e > 0 and text[e - 1] in " \t\u00a0":
        e -= 1
    b = text.rfind(" ", max(0, e - 40), e) + 1
    prev = text[max(b, text.rfind("\n", b, e) + 1) : e]  # bounded: no scan to the text start
    if not prev:
        return False
    return _vocab_key(prev.rstrip(","), scan) in scan.lex.title_vocab or prev.endswith(",") and prev[:1].isupper()


def _title_key(word: str) -> str:
    """key() of a word without a status affix joined to it ("Then-Governor" -> "governor")."""
    k = key(word)
    for p in STATUS_PREFIXES:
        if k.startswith(p) and len(k) > len(p) + 1:
            k = k[len(p) :]
    for x in STATUS_SUFFIXES:
        if k.endswith(x) and len(k) > len(x) + 1:
            k = k[: -len(x)]
    return k


def _vocab_key(word: str, scan: Scan) -> str:
    """_title_key(), a role head in the plural written in lower case as its singular
    ("managers" -> "manager")."""
    return _vocab_key_of(word, scan.rules)


@memo_per_rules(200_000)
def _vocab_key_of(word: str, rules: Rules) -> str:
    # Memoised: the same few thousand words stand before names throughout a batch.
    k = _title_key(word)
    if k in lexicon(rules).title_vocab or not word[:1].islower():
        return k  # "Queens District Attorney", "Defenders of Wildlife": names, not posts
    one = singular(k)
    return one if one != k and _role_head(one, rules) else k


def _plural_role(word: str, scan: Scan) -> bool:
    k = _title_key(word)
    return k not in scan.lex.heads and _vocab_key(word, scan) != k


def _role_head(k: str, rules: Rules) -> bool:
    """`k` ends a role phrase of the vocabulary (not an honorific: "Saints" is no title)."""
    return k in _role_heads(rules)


@memo_per_rules(1)
def _role_heads(rules: Rules) -> frozenset[str]:
    return frozenset(phrase.split()[-1] for phrase, t in rules.titles.items() if t.kind == "role")


def _title_ending(words: list[str], scan: Scan, extend: bool) -> tuple[list[str], bool, int] | None:
    """(words, appositive, complement) when the last word can end a title: a role head or
    honorific, also followed by a comma (apposition, the comma dropped), or the last word
    of an "of/for ORG" complement of a post in apposition (`complement`: its length in
    words); with `extend` any title word."""
    if not words:
        return None
    lex = scan.lex
    last = words[-1]
    if extend:
        return None if last[-1] in _CLOSING or _title_key(last) not in lex.title_vocab else (words, False, 0)
    if last.endswith(","):
        n = _complement_before(words, scan)
        if n or _vocab_key(last[:-1], scan) in lex.heads:
            return [*words[:-1], last[:-1]], True, n
        return None
    if _vocab_key(last, scan) not in lex.heads or last[-1] in _CLOSING:
        return None
    return words, False, 0


def _complement_before(words: list[str], scan: Scan) -> int:
    """Length of an "of/for ORG" complement ending `words` at a comma, after a post
    ("The Minister for Northern Affairs,", "the president of the Region of Tuscany,"):
    up to five capitalized words, "of", "and", "&" and "the", after a connector that a
    role head precedes; also "at" and lower-case words describing the body before its
    name, ending in an organization word ("Director at security company Acme,"); 0 when
    there is none."""
    lex = scan.lex
    lower = _lower_complement(words, scan)
    if lower:
        return lower
    described = 0  # lower-case words describing the named body: "at security company Trusteer"
    for i in range(len(words) - 2, max(-1, len(words) - 8), -1):
        w = words[i]
        k = key(w)
        if k in TITLE_CONNECTORS or k == "at" and described:
            nxt = words[i + 2] if fold(words[i + 1]) == "the" and i + 2 < len(words) else words[i + 1]
            if not (nxt[:1].isupper() or described):
                return 0
            if i > 0 and _vocab_key(words[i - 1], scan) in lex.heads:
                return len(words) - i
            continue
        if w.isalpha() and w.islower() and k not in _NAME_INNER and k != "the":
            if described == 0 and k in lex.org and words[i + 1][:1].isupper() or described == 1:
                described += 1  # the organization word, and one word before it
                continue
            return 0
        if w[-1] in _CLOSING[:-1] or _sentence_end(w, lex) or not (w[:1].isupper() or k in _NAME_INNER or k == "the"):
            return 0
    return 0


def _lower_complement(words: list[str], scan: Scan) -> int:
    """Length of a lower-case "of/for" complement of a lower-case post ending `words` at a
    comma ("their head of water policy,"): up to three lower-case words; 0 when none.
    The determiner or possessive that must introduce such an apposition is checked later."""
    for n in (2, 3, 4):
        if n >= len(words):
            return 0
        i = len(words) - n
        tail = [w.rstrip(",") for w in words[i + 1 :]]
        if not all(w.isalpha() and w.islower() for w in tail):
            return 0
        if key(words[i]) in TITLE_CONNECTORS and words[i - 1].islower() and _vocab_key(words[i - 1], scan) in scan.lex.heads:
            return n
    return 0


def _title_stop(words: list[str], scan: Scan) -> int:
    """Index of the last word before the title that `words` end with (-1: all of them):
    walking back, the title stops at punctuation, a sentence end, a determiner or a word
    that is not title vocabulary (taking in one lower-case institution word before it)."""
    lex = scan.lex
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        if i < len(words) - 1 and (w[-1] in ",;:)\"”(" or _sentence_end(w, lex)):
            break
        k = _vocab_key(w, scan)
        if k in DETERMINERS and i < len(words) - 1:
            inside = _phrase_start_across(words, i, scan)
            if inside >= 0:
                i = inside - 1  # "Secretary of the Interior": the vocabulary writes the determiner
                continue
        if k not in lex.title_vocab or k in DETERMINERS:
            if 0 < i < len(words) - 1 and fold(words[i - 1]) in ("and", "&") and _describing_compound(fold(w)):
                i -= 1  # "actress and record-setting swimmer": a describing compound before the second post
                continue
            break
        i -= 1
    if 0 <= i < len(words) - 1 and words[i].isalpha() and words[i].islower() and key(words[i]) in lex.org:
        i -= 1  # a lower-case institution names the body: "prison spokesman", "jail spokeswoman"
    elif 0 < i < len(words) - 1 and words[i].isalpha() and words[i].islower() and words[i - 1][:1].isupper() and key(words[i - 1]) in lex.affil:
        i -= 1  # one word between a country and its post: "Freedonia coup general", "US tech investor"
    return i


#: Longest stretch, in words, of a vocabulary phrase before the determiner it holds
#: ("secretary of" + "the interior").
_BEFORE_DETERMINER = 3


def _phrase_start_across(words: list[str], i: int, scan: Scan) -> int:
    """Index of the first word of a title phrase of the vocabulary that holds the
    determiner `words[i]` and ends at or before the last word ("Secretary of the
    Interior", "Chancellor of the Exchequer"); -1 when none does.  A determiner
    elsewhere starts the title ("the Interior Minister")."""
    if i == 0 or fold(words[i - 1]) not in CONNECTORS:
        return -1
    keys = [key(w) for w in words]
    titles = scan.rules.titles
    for j in range(max(0, i - _BEFORE_DETERMINER), i - 1):
        if any(words[m][-1] in _CLOSING for m in range(j, i)):
            continue
        for k in range(len(keys), i + 1, -1):
            if " ".join(keys[j:k]) in titles:
                return j
    return -1


def _sentence_end(word: str, lex: Lexicon) -> bool:
    return word.endswith(".") and fold(word) not in lex.abbrevs


def _place_before(text: str, pos: int, lex: Lexicon) -> int:
    """`pos` moved back over a place name of up to three words written right before it on
    its line ("Los Angeles | County Sheriff's Deputy"): the body of the title that follows."""
    before = text[max(0, pos - 60) : pos]
    words = before[before.rfind("\n") + 1 :].split()  # the body is on the title's line, not a headline's above
    best = pos
    for n in range(1, min(3, len(words)) + 1):
        if key(" ".join(words[-n:])) in lex.places and words[-n][:1].isupper():
            best = text.rfind(words[-n], 0, best)
    return best


_PLURAL_POSSESSIVE = re.compile(r"^[A-Z0-9][\w.-]*[a-z]s['’]$")


def _team_possessive_before(text: str, pos: int, scan: Scan) -> int:
    """`pos` moved back over a team's plural possessive, with the capitalized words of its
    name on the line, right before a capitalized in-run post ("the Tigers' Coach Tom
    Reed", "New Orleans Tigers' Coach"): a plural that is no name names a team, not a
    person (a person's possessive, "Obama's", "Williams'", is no body: who holds the
    post cannot be told from it)."""
    before = text[max(0, pos - 80) : pos]
    if not before[-1:].isspace():
        return pos
    spans = [m.span() for m in _WORD.finditer(before[before.rfind("\n") + 1 :])]
    if not spans:
        return pos
    offset = max(0, pos - 80) + before.rfind("\n") + 1
    words = [text[offset + a : offset + b] for a, b in spans]
    last = words[-1]
    if not _PLURAL_POSSESSIVE.match(last):
        return pos
    lex = scan.lex
    stem = last[:-1]
    k = key(stem)
    if k.endswith("ss") or k in lex.surnames or k in lex.given or k in lex.common or scan.lower.get(k, 0) >= _ORDINARY:
        return pos
    best = pos
    for n in range(1, min(3, len(words)) + 1):
        chain = [*words[-n:-1], stem]
        if not all(w[:1].isupper() or _number_led(w) for w in chain):
            break
        if _reads_as_body(chain, False, scan) and (n == 1 or _team_name(chain, [key(w) for w in chain], lex)):
            best = offset + spans[-n][0]
    return best


def _without_ordinary_start(words: list[str], scan: Scan) -> str:
    """An in-run title without leading words the batch writes in lower case ("Direct
    Major-General"): capitalized only by the sentence or a headline, not a body's name;
    nor a headline's label ("RIP")."""
    lex = scan.lex
    i = 0
    while i < len(words) - 1 and key(words[i]) not in lex.title_vocab and (scan.lower.get(key(words[i]), 0) >= _ORDINARY or key(words[i]) in _HEADLINE_LABELS):
        i += 1
    return " ".join(words[i:])


def _body_before(words: list[str], stop: int, line_starts: set[int], scan: Scan) -> int:
    """`stop` moved back over the capitalized words naming the body of the title after
    them: the longest such run that reads as an organization, country or place ("ING
    analyst", "Leeds United defender", "Philadelphia 76ers President", "Nixon
    administration official", "Office of Science and Technology Policy Acting Director").
    A person's name is a body only before an organization word ("Palmer police chief",
    not "Putin staffer"); ordinary words and "of"/"and" only inside an organization's name."""
    lex = scan.lex
    i = stop
    while i >= 0 and i + 1 < len(words) and i + 1 not in line_starts and _name_like(words[i], lex):
        i -= 1
    chain = words[i + 1 : stop + 1]
    title_org = stop + 1 < len(words) and key(words[stop + 1]) in lex.org
    office = _office_first(words[stop + 1 :], scan)
    for cut in range(len(chain)):
        if _reads_as_body(chain[cut:], title_org, scan, office):
            return stop - len(chain) + cut
    return stop


def _name_like(word: str, lex: Lexicon) -> bool:
    """A word that can be part of a body's name: capitalized (or a number-led name like
    "76ers"), not ending a sentence; after a capitalized word also "of", "and" and
    lower-case organization words ("the Nixon administration official")."""
    if word[-1] in _CLOSING or _sentence_end(word, lex) and not _acronym(word):
        return False
    if word[:1].isupper() or _number_led(word) or _handle(word):
        return True
    k = key(word)
    return k in _NAME_INNER or k in lex.org


def _mark_of_handle(text: str, i: int) -> bool:
    """`text[i]` marks a handle, hashtag or cashtag (a ticker: "$ACME", not "$5")."""
    return text[i] in "@#" or text[i] == "$" and text[i + 1 : i + 2].isalpha()


def _handle(word: str) -> bool:
    """A social-media handle or hashtag ("@Acme", "#Glamour"): it names a body as a
    capitalized word does."""
    return len(word) > 1 and (word[0] in "@#" and word[1].isalnum() or word[0] == "$" and word[1].isalpha())


#: Function words inside a hashtag's camel case: a phrase naming a topic ("#StoryOfTheDay").
_TAG_FUNCTION_WORDS = frozenset({"Of", "The", "And", "For", "In", "On", "To", "Is"})


def _topic_tag(word: str) -> bool:
    return word[:1] == "#" and any(p in _TAG_FUNCTION_WORDS for p in re.findall(r"[A-Z][a-z]*", word[2:]))


def _number_led(word: str) -> bool:
    return word[:1].isdigit() and any(c.isalpha() for c in word)


def _office_first(words: list[str], scan: Scan) -> bool:
    """The title `words` starts with a capitalized office serving the post after it
    ("Attorney spokeswoman"; resolve.titles reads the office as the body)."""
    segs = segment(" ".join(words), scan.rules)
    return len(segs) > 1 and segs[0].kind == segs[1].kind == "role" and segs[0].raw[:1].isupper()


def _reads_as_body(chain: list[str], title_org: bool, scan: Scan, office: bool = False) -> bool:
    """Whether `chain` (the words before a title, `title_org`: the title starts with an
    organization word; `office`: with an office serving the post after it) names the
    title's body.  Before an office, one ordinary capitalized word names its jurisdiction
    ("City Attorney spokeswoman", "County Clerk spokesman")."""
    lex = scan.lex
    keys = [key(w) for w in chain]
    county = len(chain) > 1 and chain[0] in ("Co", "Co.") and chain[1][:1].isupper()  # "Co Antrim": a county
    if keys[-1] in _NAME_INNER or keys[0] in lex.common and not _starts_place(keys, lex) and not county or keys[0] in _HEADLINE_LABELS or not (chain[0][:1].isupper() or _number_led(chain[0]) or _handle(chain[0])):
        return False
    if len(chain) > 1 and any(_handle(w) for w in chain):
        return False  # a handle is a body alone ("@Acme CEO"), not the start of one ("on @AcmeTV Nordbank ...")
    if any(_topic_tag(w) for w in chain):
        return False  # "#StoryOfTheDay Rebel commander": a hashtag naming a topic, no body
    place = [False] * len(chain)
    for i in range(len(chain)):
        for n in (3, 2, 1):
            if i + n <= len(chain) and " ".join(keys[i : i + n]) in lex.places:
                place[i : i + n] = [True] * n
                break
    if county:
        place[:2] = [True, True]
    org = [k in lex.org or k in lex.affil or _acronym(w) for w, k in zip(chain, keys)]
    named_org = any(o and k in lex.org for o, k in zip(org, keys))
    team = _team_name(chain, keys, lex)
    for i, (w, k) in enumerate(zip(chain, keys)):
        if org[i] or place[i]:
            continue
        if k in _CALENDAR and not (i + 1 < len(chain) and keys[i + 1] in lex.org):
            return False  # "On Sunday Leeds United defender"; but a paper's name: "Sunday Times reporter"
        if k in _NAME_INNER or k in lex.common or scan.lower.get(k, 0) >= _ORDINARY:
            if k not in _NAME_INNER and any(_country_name(c, scan.rules) for c in keys[:i]):
                continue  # after a country's name, an organization named after it: "Freedonia Today"
            if not named_org and not (office and len(chain) == 1 and k not in _NAME_INNER):
                return False  # "of", "and" and ordinary words only inside an organization's name
        elif _person(w, k, scan) and not (any(org[i + 1 :]) or title_org or team):
            return False  # "Putin staffer", "Nixon aide"; but "Palmer police chief", "Carolina Panthers QB"
    return True


def _country_name(k: str, rules: Rules) -> bool:
    """The folded word is a country written as its name ("russia"; not "russian", "u.s.")."""
    return rules.affiliation_kinds.get(k) == "country" and fold(rules.affiliations.get(k, "")) == k


def _starts_place(keys: list[str], lex: Lexicon) -> bool:
    """The words start with a place's name of several words ("New Orleans Saints")."""
    return any(" ".join(keys[:n]) in lex.places for n in (2, 3) if n <= len(keys))


def _team_name(chain: list[str], keys: list[str], lex: Lexicon) -> bool:
    """The capitalized words end in a plural that is no name: a team's name, whatever
    the words before it ("Carolina Panthers", "Springfield Tigers"; not "Tom Williams")."""
    last = keys[-1]
    return len(chain) > 1 and last.endswith("s") and not last.endswith("ss") and last not in lex.surnames and last not in lex.given


def _acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "").rstrip("'’s")
    return len(letters) > 1 and letters.isupper() and letters.isalpha()


def _person(word: str, k: str, scan: Scan) -> bool:
    """`word` names a person: a known surname, or written in the article after a
    capitalized given name (not one ending a place's name), title or honorific
    ("Vladimir Putin", "Mr. Putin"); a given name only when the article writes it before
    a surname ("Hillary Clinton ... a Hillary aide"): alone, people are named by their
    surname, and a given name before a post is a body named like one ("Chelsea striker")."""
    lex = scan.lex
    if not word[:1].isalpha():
        return False
    if k in lex.surnames:
        return True
    bare = POSSESSIVE_S.sub("", word)
    if k in lex.given:
        return any(key(m.group(1)) in lex.surnames for m in re.finditer(rf"\b{re.escape(bare)}[ \t]+([A-Z][\w'’-]+)", scan.text))
    for m in re.finditer(rf"(?:(\S+)[ \t]+)?(\S+)[ \t]+{re.escape(bare)}\b", scan.text):
        before, prev = m.group(1), key(m.group(2))
        if not m.group(2)[:1].isupper() or before and key(f"{before} {m.group(2)}") in lex.places:
            continue  # "San Diego Chargers": a place, not a given name
        if prev in lex.heads or prev in lex.given:
            return True
    return False


def _own_title_start(phrase: str, rules: Rules) -> int:
    """Words of `phrase` that name another person's post before the name's own: after the
    last connector between two roles ("spokesperson of EU foreign policy chief" -> "EU
    foreign policy chief"); 0 when the phrase is one title."""
    segs = segment(phrase, rules)
    roles = [i for i, s in enumerate(segs) if s.kind == "role"]
    for i in range(len(segs) - 1, 0, -1):
        if segs[i].kind == "connector" and roles and roles[0] < i < roles[-1]:
            return segs[i].last + 1
    return 0


def title_after(scan: Scan, end: int) -> str:
    """A title in apposition after the name, without its determiner ("Chuck Hagel, the
    defense secretary," -> "defense secretary"; "Tom Reed (Acme's attorney)"; "Tom
    Reed, 45, a lawyer for the family,"); the apposition's longest start that is a title
    and ends where a closing mark or a word that starts a description or a clause
    follows ("Ann Berg, militia leader accused in the raid," -> "militia leader")."""
    text = scan.text
    if text[end : end + 1] not in ",-–—( \t":
        return ""
    rest = text[end : end + 200]
    between = _BETWEEN.match(rest)
    rest = rest[between.end() :] if between else rest
    opener = _OPENER.match(rest)
    if not opener:
        return ""
    body = rest[opener.end() :]
    one_of = _ONE_OF.match(body)
    if one_of:
        # "Ann Berg, one of the festival's creative directors,": the post in the plural,
        # one of its holders (not "one of the best": no post).
        words, closed = _apposition_words(body[one_of.end() :], scan.lex)
        plurals = {}
        for i, w in enumerate(words):
            if w.isalpha() and w.islower() and _plural_role(w, scan) and singular(w) != w:
                plurals[i] = w
                words[i] = singular(w)
        title = _longest_title_start(words, closed, scan).split()
        if not title or not any(words[i] == title[-1] for i in plurals):
            return ""
        return " ".join([*title[:-1], next(plurals[i] for i in plurals if words[i] == title[-1])])
    words, closed = _apposition_words(body, scan.lex)
    if closed and len(words) > 1 and key(words[-1]) in scan.lex.speech and _colon_after(body, len(words)):
        # "Tom Reed, the Acme Special Envoy said:": the name introduces its own statement,
        # the apposition's close left out; the verb is no part of it.
        words = words[:-1]
    title = _longest_title_start(words, closed, scan)
    if title and title.split() == words[-len(title.split()) :]:
        # "... the International Forum of Acme (IFA),": the acronym in parentheses after
        # the body is its normal form; resolve.titles reads it off the phrase.
        acronym = _ACRONYM_AFTER.match(body, _end_of_words(body, len(words)))
        if acronym:
            title = f"{title} {acronym.group(1)}"
    if title or not words or fold(words[0]) not in ("a", "an"):
        return title
    # "a Watergate figure and high-ranking Nixon official": the post is the second of two
    # descriptions sharing the article (with its own, "a figure and an official", it may
    # be another person's).
    for i, w in enumerate(words[1:-1], 1):
        if fold(w) == "and" and fold(words[i + 1]) not in DETERMINERS:
            return _longest_title_start(words[i + 1 :], closed, scan)
    return ""


#: "one of" and a determiner or possessive opening an apposition: the post of several people.
_ONE_OF = re.compile(r"one[ \t]+of[ \t]+(?=(?:the|his|her|its|their|our|[A-Z][\w.&-]*['’]s?)[ \t])", re.IGNORECASE)


#: An acronym in parentheses right after an apposition: "(IFA)".
_ACRONYM_AFTER = re.compile(r"[ \t]*(\([A-Z][A-Z&]{1,9}\))")


def _colon_after(text: str, n: int) -> bool:
    """A colon right after the `n` first words of `text` ("said:")."""
    end = _end_of_words(text, n)
    return text[end - 1 : end] == ":" or text[end:].lstrip(" \t").startswith(":")


def _end_of_words(text: str, n: int) -> int:
    """Offset in `text` right after its `n` first words (as str.split() gives them)."""
    end = 0
    for _, m in zip(range(n), _WORD.finditer(text)):
        end = m.end()
    return end


def _longest_title_start(words: list[str], closed: bool, scan: Scan) -> str:
    """The longest start of `words` that is a title in apposition and ends at the
    apposition's close or before a word that can end it ("" when none)."""
    lex = scan.lex
    for n in range(len(words), 0, -1):
        if key(words[n - 1]) not in lex.heads and not any(fold(w) in CONNECTORS for w in words[1 : n - 1]):
            continue  # the cheap test first: a title ends in its post or its body
        if (n < len(words) or not closed) and not _ends_apposition(words[n:], lex):
            continue
        title = _apposition_title(words[:n], scan)
        if title:
            return title
    return ""


def _apposition_words(rest: str, lex: Lexicon) -> tuple[list[str], bool]:
    """The words of an apposition up to its closing mark, a relative pronoun or the end of
    its sentence (an abbreviation's or acronym's period does not end it: "the U.S. Coast
    Guard"), and whether it closes within _APPOSITION_WORDS words.  A line break closes
    it: a headline may end with it ("Ann Berg, MD, Surgeon General" above the text)."""
    stop = _CLOSED.search(rest)
    line = rest.find("\n", 0, stop.start() if stop else len(rest))
    words = (rest[: stop.start()] if stop else rest).split() if line < 0 else rest[:line].split()
    closed = stop is not None and line < 0
    for i, w in enumerate(words):
        if fold(w) in _RELATIVE and not _with_body(words, i, closed, lex):
            words, closed = words[:i], True
            break
        if _sentence_end(w, lex) and not (_acronym(w) and "." in w[:-1]):
            words, closed = [*words[:i], w[:-1]], True
            break
    if len(words) > _APPOSITION_WORDS:
        return words[:_APPOSITION_WORDS], False
    return words, closed or line >= 0 or len(words) < _APPOSITION_WORDS  # the line or the text ends


def _with_body(words: list[str], i: int, closed: bool, lex: Lexicon) -> bool:
    """`words[i]` is "with" joining a post to the organization it works for, named to the
    apposition's close ("Ann Berg, an analyst with Nordbank, said"; "a lawyer with the
    Acme Group in Oslo"); not a description ("a painter with Parkinson's disease", "a
    boxer with Olympic medals": lower-case words after the name)."""
    if fold(words[i]) != "with" or i == 0 or i + 1 >= len(words) or key(words[i - 1]) not in lex.heads:
        return False
    rest = words[i + 2 :] if fold(words[i + 1]) == "the" else words[i + 1 :]
    if not rest or not rest[0][:1].isupper() or POSSESSIVE_S.search(rest[0]) or key(rest[0]) in lex.given:
        return False  # "a lawyer with Ann Berg": a person, not the employer
    for n, w in enumerate(rest):
        if fold(w) in _ENDING_WORDS and n:
            return True  # "in Oslo": a description of the body or the person follows
        if not (w[:1].isupper() or fold(w) in _NAME_INNER) or POSSESSIVE_S.search(w):
            return False
    return closed


def _ends_apposition(after: list[str], lex: Lexicon) -> bool:
    """The words after a title can end its apposition: they start with a word that starts
    a description or a clause, or a lower-case word that is no title vocabulary; and no
    verb of speech follows ("Tom Reed, a spokesman said"; "the UK ambassador to Freedonia
    says": the speaker is someone else).  The words stop at a relative pronoun."""
    if not after:
        return False
    word, k = after[0], key(after[0])
    if not (k in _ENDING_WORDS or word[:1].islower() and k not in lex.title_vocab or k in TITLE_CONNECTORS and word[:1].isupper()):
        return False  # a capitalized "For" starts a headline's next phrase
    return not any(key(w) in lex.speech for w in after)


def _apposition_title(words: list[str], scan: Scan) -> str:
    """`words` as a title in apposition ("" when they are none): without a leading
    determiner, age or another person's name."""
    lex, rules = scan.lex, scan.rules
    if words and fold(words[0]) in DETERMINERS:
        words = words[1:]
    while words and _AGE_WORD.match(fold(words[0])):
        words = words[1:]  # "a 45-year-old teacher", "the 1950s model": the age describes the person
    words = _without_person_before(words, scan)
    if not words or not (POSSESSIVE_S.search(words[0]) or key(words[0]) in lex.title_vocab or words[0][:1].isupper() or _handle(words[0]) and not _topic_tag(words[0])):
        return ""  # a handle names the body as a capitalized word does ("@AcmeOpera chairman")
    phrase = " ".join(words)
    return phrase if _apposition_shape(segment(phrase, rules), lex) else ""


def _without_person_before(words: list[str], scan: Scan) -> list[str]:
    """An apposition's words from its post on when the capitalized words before the post
    name a person, not its body ("top Nixon aide" -> "aide"; "an Acme spokesman" stays)."""
    lex = scan.lex
    i = next((i for i, w in enumerate(words) if key(w) not in lex.title_vocab), len(words))
    if i == len(words) or any(key(w) in lex.heads for w in words[:i]) or not words[i][:1].isupper():
        return words
    j = i
    while j < len(words) and key(words[j]) not in lex.title_vocab and _name_like(words[j], lex):
        j += 1
    if j in (i, len(words)) or _reads_as_body(words[i:j], key(words[j]) in lex.org, scan):
        return words
    return words[j:]


def _inner_org_word(segs: list, i: int, lex: Lexicon) -> bool:
    """A lower-case organization word after a capitalized one: "Nixon administration"."""
    return i > 0 and segs[i - 1].capitalized and key(segs[i].raw) in lex.org


def _apposition_shape(segs: list, lex: Lexicon) -> bool:
    """A title and nothing else: [body words] post [and post] [connector + organization];
    unknown lower-case words only inside the organization ("the famous actor" is no title)."""
    heads = [i for i, s in enumerate(segs) if s.kind == "role" or s.rank]
    if not heads:
        return False
    for i, s in enumerate(segs):
        if s.kind == "connector" and i > heads[0]:
            # The rest names the body: "of a local charity", "for Acme Corp."; a determiner
            # dropped before it ("of the Acme company") leaves a gap in the word indices.
            rest = segs[i + 1 :]
            return s.raw.islower() and _complement_shape(rest, lex, bool(rest) and rest[0].first > s.last + 1)
        if fold(s.raw) in ("and", "&") and heads[0] < i < heads[-1]:
            continue  # "chairman and chief executive of Acme"
        if fold(s.raw) in ("and", "&") and 0 < i < heads[0] and fold(segs[i - 1].raw) in _DESCRIBING_NOUNS:
            continue  # "the TV star and neurosurgeon": a praising noun, then the post
        if s.kind == "other" and heads[0] < i < heads[-1] and fold(segs[i - 1].raw) in ("and", "&") and _describing_compound(fold(s.raw)):
            continue  # "actress and record-setting swimmer"
        if i < heads[0] and any(joins_fields(segs, j) for j in (i - 1, i, i + 1)):
            continue  # "security and forensic analyst": two domain words of one post
        if s.kind == "other" and (i > heads[0] or not (s.capitalized or s.possessive or _inner_org_word(segs, i, lex))):
            return False
    return segs[-1].kind == "role" or segs[-1].rank


#: Verbs that start a clause, never a word of a body's name.
_AUXILIARIES = frozenset({"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "may", "might", "did", "does"})


def _complement_shape(rest: list, lex: Lexicon, determiner: bool) -> bool:
    """The words after a post's connector name its body: something, no form of address,
    not ending in a connector or "and"; without a determiner, a name and no lower-case
    word after it but "of", "and" or an organization word: "Tom Reed, chairman of Nordbank
    stepped down" is a clause after the body, whose apposition the writer did not close
    ("the Acme crime family" describes the body)."""
    if not rest or rest[-1].kind == "connector" or fold(rest[-1].raw) in _NAME_INNER:
        return False
    if any(fold(s.raw) in _AUXILIARIES or key(s.raw) in lex.speech for s in rest):
        return False  # "Tom Reed, the head of the Acme crime family was jailed": a clause follows the body
    for n, (prev, s) in enumerate(zip(rest, rest[1:]), 1):
        if not prev.raw[:1].isupper() or prev.possessive or s.kind != "other" or not s.raw[:1].islower():
            continue
        if fold(s.raw) in _NAME_INNER or key(s.raw) in lex.org:
            continue
        # With a determiner, the body may be described ("of the Acme crime family"); a
        # lower-case word after its name that ends the phrase, that a determiner follows or
        # in the third person is a verb ("Ann Berg, Minister for the Arctic welcomes the
        # treaty", "... welcomes fishermen").
        verb = s.raw.endswith("s") and not s.raw.endswith("ss")
        if not determiner or verb or n + 1 == len(rest) or rest[n + 1].first > s.last + 1:
            return False
    return not any(s.kind == "honorific" and not s.rank for s in rest)
