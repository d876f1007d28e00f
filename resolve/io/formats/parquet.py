"""Apache Parquet (via pyarrow, the optional extra `resolve[parquet]`): typed columns.

Number columns are stored as int64/float64, every other column as strings.  The pandas
metadata is left out, so a file depends on the table alone, not on the pandas version.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pandas as pd

from . import Format
from .cells import as_stored, is_number_column


def _write(df: pd.DataFrame, fh: BinaryIO) -> None:
    FORMAT.check_available()
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(str(c), pa.from_numpy_dtype(df[c].dtype) if is_number_column(df[c]) else pa.string()) for c in df.columns])
    table = pa.Table.from_pandas(as_stored(df), schema=schema, preserve_index=False).replace_schema_metadata(None)
    pq.write_table(table, fh)


def _read(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    FORMAT.check_available()
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pandas()


FORMAT = Format("parquet", ".parquet", "Parquet", _write, _read, requires=("pyarrow", "parquet"))
