"""Matching: person mentions -> persons (clusters), with every decision recorded.

Modules, in the order data flows through them (docs/matching.md explains each):

- `names`: parse a name form into given names, surname and rule-based keys;
- `units`: group mentions into name units (one form in one article); `anchors`: the
  fixed IDs units carry (given, known actors, titles held on a date);
- `block`: candidate pairs of distinct name forms, never all pairs;
- `comparisons`: the declared comparisons and comparison vectors; `context`: the
  evidence around a name (titles, affiliations, co-mentions, dates);
- `score`: Fellegi-Sunter weights and probabilities;
- `constraints`: union-find, and the clusters whose merges are checked;
- `state`: what the stages share; `stages/`: one module per clustering stage;
- `engine`: runs the stages; `cluster_with_links` is the entry point.
"""

from .engine import cluster_mentions, cluster_with_links

__all__ = ["cluster_mentions", "cluster_with_links"]
