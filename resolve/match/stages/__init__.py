"""The clustering stages, one module each, run in this order by `engine.run_stages`:

- `fixed`: anchors and judgements (forced joins; cannot-links marked);
- `article`: within each article, full names join and short names attach;
- `full_names`: across articles, the same full name, then scored candidate pairs;
- `short_names`: across articles, surname-only and initial forms, and lone given names.

Each is `run(state[, contexts])` over the shared `state.MatchState`: it merges through
`state.clusters` (which checks the constraints) and records its decisions with
`state.link`.
"""
