"""The plain data passed between stages: column names and their meaning.

Every stage takes and returns pandas DataFrames with (at least) these columns, in
this order.  Extra columns are allowed and carried along.  README/docs document
the *output* files; this module is the contract between modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from .errors import MissingColumnsError, ResolveError

if TYPE_CHECKING:
    import pandas as pd


#: read -> extract.  One row per article.
ARTICLE_COLUMNS = [
    "article_id",  # str: unique id ("dir/file" for .txt relative to the given dir, or `id`)
    "text",  # str: the original text; all offsets refer to it
    "date",  # str: ISO 8601 date ("2013-03-26") or "" when unknown
    "title",  # str: headline when given ("" otherwise)
    "url",  # str: source URL when given ("" otherwise)
    "source",  # str: where it came from: "path" or "path:line"
]

#: extract -> match.  One row per person mention.
MENTION_COLUMNS = [
    "article_id",  # str
    "start",  # int: character offset of the personal name in the article text
    "end",  # int: end offset (exclusive); text == article_text[start:end]
    "text",  # str: the name as written, without title/honorific/possessive
    "title",  # str: raw title attached in the text ("Russian Deputy Foreign Minister"), "" if none
    "title_normalized",  # str: normalized title ("Deputy Minister of Foreign Affairs"), "" if none
    "title_status",  # str: current | former | acting | elect | designate ("" without a title)
    "role_kind",  # str: government | military | business | sports | religious | royal | judicial | media | other ("" without a title)
    "affiliation",  # str: country/organization stated with the title ("Russia"), "" if none
    "honorific",  # str: normalized honorific or rank ("Admiral", "Dr."), "" if none
    "cue",  # str: the evidence that made it a person ("title", "given_name", "said", ...), |-separated
    "confidence",  # float in [0, 1]: how sure the extractor is that this is a person
]

#: extract -> match (match.cluster_with_links): MENTION_COLUMNS plus these.  The engine
#: reads article_id, start, text, title_normalized, affiliation and these three; any
#: that is missing counts as empty.  Names are parsed inside the engine (match.names),
#: once per distinct form: no name-key columns are passed.
MATCH_INPUT_COLUMNS = [
    "date",  # str: ISO date of the mention's article, "" if unknown (filled once: pipeline.with_article_dates)
    "anchor_id",  # str: entity ID the mention is fixed to ("" if none): a previous registry's entity or an extractor's
    "soft_anchor",  # bool: True only on a previous registry's pseudo-mentions (registry.continuation): that anchor may merge
]

#: match -> registry: the input plus these (anchor_id rewritten).
MATCH_OUTPUT_COLUMNS = [
    "cluster",  # int: cluster label, meaningful only within one run
    "anchor_id",  # str: the fixed entity ID of the mention's cluster ("" when none or several)
    "match_score",  # float: probability of the decision that attached the mention (1.0 for rule decisions)
]

#: registry -> write.  Output tables (see docs/output.md).
MENTIONS_OUT_COLUMNS = [
    "mention_id",
    "article_id",
    "start",
    "end",
    "text",
    "entity_id",
    "title",
    "title_normalized",
    "title_status",
    "role_kind",
    "affiliation",
    "honorific",
    "date",
    "confidence",
]
REGISTRY_COLUMNS = [
    "entity_id",
    "name",
    "aliases",
    "titles",
    "affiliations",
    "n_mentions",
    "n_articles",
    "first_seen",
    "last_seen",
    "article_ids",
    "auto_name",  # bookkeeping for --registry: the name resolve picks (name differs = edited by hand)
    "alias_counts",  # bookkeeping for --registry: "form=count|..." mentions counted per surface form
]
TITLES_COLUMNS = [
    "entity_id",
    "title_normalized",
    "affiliation",
    "first_seen",
    "last_seen",
    "former_seen",
    "n_mentions",
    "article_ids",
]
REDIRECTS_COLUMNS = ["old_id", "new_id", "reason", "run_date"]
#: evidence.csv, bookkeeping for --registry: what matching knows of every mention counted so far,
#: one row per mention (docs/output.md#evidencecsv-and-articlescsv).
EVIDENCE_COLUMNS = [
    "article_id",  # str: the article (as in mentions.csv)
    "start",  # int: offsets of the name in the article text
    "end",  # int
    "text",  # str: the name as written
    "title_normalized",  # str: its normalized title ("" if none)
    "affiliation",  # str: its affiliation ("" if none)
    "date",  # str: the article's date ("" when unknown)
    "entity_id",  # str: the entity it belongs to (a row of registry.csv)
]
#: articles.csv, bookkeeping for --registry: every article counted so far and its content hash.
ARTICLES_SEEN_COLUMNS = [
    "article_id",  # str: as in mentions.csv (a changed text gets a new version id, "ID#v2")
    "sha1",  # str: SHA-1 of the article text ("" when the text was not given, e.g. `resolve link`)
    "date",  # str: the article's date
    "n_mentions",  # int: person mentions found in it
]
#: links.csv: the matcher's decisions, one row per scored pair or attachment (docs/matching.md).
LINKS_COLUMNS = [
    "stage",  # str: judgement | article | same_name | name | short_name | given_name (match/stages)
    "a_article",  # str: article of side a's representative mention
    "a_text",  # str: name form of side a as written
    "b_article",  # str
    "b_text",  # str
    "decision",  # str: merged | kept apart
    "probability",  # float: Fellegi-Sunter match probability ("" for rule decisions)
    "weight",  # float: log2 match weight ("" for rule decisions)
    "features",  # str: comparison levels "given=nickname;surname=exact;..."
    "reason",  # str: the rule or constraint that decided it
]
#: links.csv with the entity IDs that sides a and b ended in.
LINKS_OUT_COLUMNS = [*LINKS_COLUMNS, "a_entity", "b_entity"]


def require_columns(
    df: pd.DataFrame, needed: Sequence[str], what: str, hint: str = "", error: type[ResolveError] = MissingColumnsError
) -> None:
    """Raise `error` naming the columns of `needed` that `df` lacks (and those it has);
    `what` names the table, `hint` says what to give instead."""
    missing = [c for c in needed if c not in df.columns]
    if missing:
        have = ", ".join(map(str, df.columns)) or "none"
        raise error(f"{what}: missing column(s) {', '.join(missing)} (it has {have}){'; ' + hint if hint else ''}")
