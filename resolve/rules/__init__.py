"""Rule files: the editable knowledge behind extraction and matching.

A rules directory holds plain-text files (rules/README.md documents each one).  The
default rules ship inside the package (`resolve.default_rules`), together with two
curated datasets (nickname pairs, census given names); users layer their own
directories over them, later ones winning.

Loading is explicit stages over plain data, one module each:

- `spec`: the file kinds (`RULE_FILES`): columns, key, allowed values, row checks;
- `parse`: one file -> rows (entries and `!` removals, with file:line);
- `layers`: the packaged defaults and user directories, merged by key;
- `checks`: checks of the merged whole (dates, unknown actors, judgement conflicts),
  and the summary of `resolve rules check`;
- `load`: the stages in order, building `Rules` (`model`), used by extraction and matching.

Every problem is reported as `file:line: what is wrong` (`resolve.errors.RuleError`),
so `resolve rules check` and `resolve run` give the same messages.  Problems that
cannot change the result (an exact duplicate line, a removal that removes nothing)
are warnings, kept in `Rules.warnings`.
"""

from .checks import check_judgements, summary
from .layers import GIVEN_NAMES_SOURCE, NICKNAMES_SOURCE, default_rules_dir
from .load import load_rules
from .model import ActorTitle, Judgement, KnownActor, Rules, Title, Translit, memo_per_rules
from .parse import parse_rule_file
from .spec import REMOVE_PREFIX, RULE_FILES, FileSpec, Row

__all__ = [
    "ActorTitle", "FileSpec", "GIVEN_NAMES_SOURCE", "Judgement", "KnownActor", "NICKNAMES_SOURCE", "REMOVE_PREFIX",
    "RULE_FILES", "Row", "Rules", "Title", "Translit", "check_judgements", "default_rules_dir", "load_rules",
    "memo_per_rules", "parse_rule_file", "summary",
]
