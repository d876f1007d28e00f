"""Reading inputs and writing outputs, by format.

- `inputs`: articles from .txt files and directories, JSONL, CSV and stdin
  (`read_articles`, `iter_articles`), with a `Problem` (`problem`) per bad input,
  handed on as it is met (`problem.Problems`);
- `columns`: the column names and aliases of the mention, gold and range tables that
  `link` and `evaluate` read;
- `formats`: the output formats by name (csv, jsonl, parquet), one module each;
- `tables`: `write_tables` (one set, atomically, in one format) and `read_output`,
  the one reader of our own outputs (it honours the manifest);
- `commit`: the atomic commit of a set of files; `manifest`: what resolve wrote in an
  OUTDIR (format, formula guard) and ownership (`check_outdir`);
- `guard`: the spreadsheet formula guard.

Nothing is imported here, so the command line can load `formats` without pandas.
"""
