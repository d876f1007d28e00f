"""Registry continuation: the previous entities join the clustering as anchored pseudo-mentions.

`registry_mentions` turns every previous entity into pseudo-mentions: its name and
each alias (one row each) and each of its titles (a row with the name and that
title), in a pseudo-article `PSEUDO_PREFIX + entity_id`, all carrying
`anchor_id = entity_id` and `soft_anchor = True`.  They are clustered together with
the new mentions, so a new "Tom Donilon" meets the old "Thomas Donilon" like any
other mention; being soft, two previous entities may still merge on new evidence
(the registry then records a redirect, `ids.choose_ids`), and `tables.build_tables`
leaves the flagged rows out of the outputs and the counts.
"""

from __future__ import annotations

import pandas as pd

from .previous import PreviousRegistry, RegistryError
from .records import TitleStat

#: article_id prefix of the pseudo-articles: links.csv shows a previous entity as the
#: article `@registry:<entity_id>`.  "@" starts a spreadsheet formula, so ids written
#: by resolve never start with it unquoted, and `add_registry_mentions` rejects input
#: articles that use it.
PSEUDO_PREFIX = "@registry:"


def registry_mentions(previous: PreviousRegistry) -> pd.DataFrame:
    """Pseudo-mentions standing for the previous entities (see the module docstring).

    Each entity gets one pseudo-article whose text is its forms joined by newlines, so
    `text == article_text[start:end]` holds like for real mentions.
    """
    titles_of: dict[str, list[TitleStat]] = {}
    for t in previous.titles:
        titles_of.setdefault(t.entity_id, []).append(t)
    rows = []
    for eid in sorted(previous.entities):
        e = previous.entities[eid]
        forms = e.evidence_forms
        if not forms:
            continue
        head = e.name if e.name in forms else forms[0]
        items = [(f, "", "", e.last_seen) for f in forms]
        if eid in titles_of:
            pairs = sorted({(t.title_normalized, t.affiliation, t.last_seen or e.last_seen) for t in titles_of[eid]})
        else:  # no titles.csv: the registry's own columns (affiliation only when unambiguous)
            aff = next(iter(e.affiliations)) if len(e.affiliations) == 1 else ""
            pairs = [(t, aff, e.last_seen) for t in sorted(e.titles)]
        items += [(head, t, a, d) for t, a, d in pairs]
        pos = 0
        for text, title, aff, date in items:
            rows.append(
                {
                    "article_id": PSEUDO_PREFIX + eid,
                    "start": pos,
                    "end": pos + len(text),
                    "text": text,
                    "title": title,
                    "title_normalized": title,
                    "affiliation": aff,
                    "honorific": "",
                    "cue": "registry",
                    "confidence": 1.0,
                    "date": date,
                    "anchor_id": eid,
                    "soft_anchor": True,
                }
            )
            pos += len(text) + 1
    return pd.DataFrame.from_records(rows)


def add_registry_mentions(mentions: pd.DataFrame, articles: pd.DataFrame, previous: PreviousRegistry) -> pd.DataFrame:
    """The new mentions plus the previous entities' pseudo-mentions (`soft_anchor` True on those only).

    Rows are sorted by (article_id, start, end) so the result does not depend on input order.
    """
    clash = sorted({a for a in articles["article_id"] if str(a).startswith(PSEUDO_PREFIX)}) if len(articles) else []
    clash += sorted({a for a in mentions["article_id"] if str(a).startswith(PSEUDO_PREFIX)} - set(clash)) if len(mentions) else []
    if clash:
        raise RegistryError([f"article id '{a}' starts with '{PSEUDO_PREFIX}', which is reserved for registry entries; rename it" for a in clash])
    df = mentions.assign(soft_anchor=False)
    pseudo = registry_mentions(previous)
    if not len(pseudo):
        return df
    out = pd.concat([df, pseudo], ignore_index=True) if len(df) else pseudo
    for col in df.columns:  # keep the real rows' dtypes where pseudo rows lack a column
        if col not in pseudo.columns and out[col].dtype == object:
            out[col] = out[col].fillna("")
    return out.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)
