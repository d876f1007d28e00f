"""The registry: clustered mentions -> entities with stable IDs, continued across runs.

`resolve run NEW... --registry PREV` keeps the entity IDs that downstream tools
store.  The mechanism is the clustering contract, not a second matcher:

1. `previous.load_registry` reads PREV (registry.csv, titles.csv, redirects.csv and
   the bookkeeping: evidence.csv, articles.csv) fully and validates it;
   `evidence.version_articles` gives an article whose text changed a new version id;
2. `continuation.add_registry_mentions` replays the evidence of the previous entities
   (`evidence`) as pseudo-mentions in their own articles, anchored to their IDs (soft
   anchors), clustered with the new mentions;
3. `ids.choose_ids` gives each cluster its ID from the anchors it holds (one -> that
   ID; several -> a merge and redirects; none -> a new hash ID, `ids.assign_entity_ids`);
4. `tables.build_tables` leaves the pseudo-mentions out and adds the batch to the
   previous records (`records`): the output tables.
"""

from .continuation import add_registry_mentions
from .evidence import version_articles
from .previous import PreviousRegistry, RegistryError, load_registry
from .links import links_table
from .tables import build_tables

__all__ = ["PreviousRegistry", "RegistryError", "add_registry_mentions", "build_tables", "links_table", "load_registry", "version_articles"]
