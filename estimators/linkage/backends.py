"""Splink's database backends: DuckDB (embedded, the default) and Spark (optional extra).

The linkage model (:mod:`.model`) is written once against Splink's database API; this
module builds that API object for a backend and owns everything backend-specific:

* DuckDB: :class:`splink.DuckDBAPI`, in process, nothing to configure.
* Spark: :class:`splink.SparkAPI` on a ``pyspark.sql.SparkSession``.  The session
  needs the jar of Splink's string-similarity UDFs (Jaro-Winkler, ...) built for the
  installed Spark's major version (:func:`similarity_jar`); :func:`spark_session` builds
  one, local (``local[2]``: the JVM runs beside Python, Java 17 or 21 needed) or on a
  cluster (``spark://host:7077``, ``yarn``, ``k8s://...``), and stops it afterwards.

PySpark 4 warns on every pandas <-> Spark conversion that it "does not yet fully
support pandas >= 3.0.0".  The conversions the linkage makes go through Arrow
(:class:`_SparkAPI`) and their results are checked against DuckDB's to 1e-9 in the
tests (``tests/test_linkage_spark.py``), so that one warning, and nothing else, is
silenced around those calls.

The two backends compute the same model: on lists small enough that Splink's u sampling
takes every pair (about 1,400 records in all), the match probabilities agree to 1e-9
and the histories are identical.  On larger lists u is estimated on a sample chosen by
a hash of the record ids, and DuckDB's and Spark's hash functions differ, so the samples
and the trained u differ slightly.  Splink's Spark Jaro(-Winkler) (a Scala UDF) also
differs from DuckDB's below similarity ~0.8 for some pairs; the model's thresholds
(0.85 and above) are not affected on the tested names.

Examples
--------
>>> api = db_api("duckdb")
>>> type(api).__name__
'DuckDBAPI'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "BACKENDS",
    "U_SAMPLING",
    "db_api",
    "local_master",
    "similarity_jar",
    "spark_configuration",
    "spark_db_api",
    "spark_major_version",
    "spark_session",
]

BACKENDS = ("duckdb", "spark")

#: How u is estimated by random sampling (keyword arguments of Splink's
#: ``estimate_u_using_random_sampling``): every pair of the sample in one pass.  Splink's
#: default stops early, once each level has 100 pairs, in chunks of the sample cut by a
#: hash of the record ids; DuckDB and Spark hash differently, so they stopped at
#: different pairs and trained different u (by up to 3% here).  One pass over the sample
#: uses more pairs (up to ``u_max_pairs``) and gives every backend the same u whenever
#: the sample is the whole data (about 1,400 records or fewer at 1e6 pairs).
U_SAMPLING: dict[str, Any] = {"min_count_per_level": None, "num_chunks": 1}

_INSTALL_HINT = "the Spark backend needs pyspark and Java 17+: pip install 'removals[spark]' (or use backend='duckdb')"
#: PySpark's warning on pandas 3 (emitted on import and on each pandas/Arrow conversion).
_PANDAS3_MESSAGE = r"PySpark does not yet fully support pandas >= 3"


@contextlib.contextmanager
def _pyspark_warnings() -> Iterator[None]:
    """Silence PySpark's pandas-3 support warnings (results are checked against DuckDB)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_PANDAS3_MESSAGE, category=FutureWarning)
        # pandas 3 deprecates the ``copy`` keyword that PySpark 4 still passes
        warnings.filterwarnings("ignore", message=r"The copy keyword is deprecated", module=r"pyspark\.")
        yield


def _import_pyspark() -> Any:
    try:
        with _pyspark_warnings():
            import pyspark
            import pyspark.sql  # noqa: F401
    except ImportError:
        raise ImportError(_INSTALL_HINT) from None
    return pyspark


def spark_major_version() -> int:
    """Major version of the installed PySpark (3 or 4).

    Raises
    ------
    ImportError
        If pyspark is not installed (the message gives the install command).
    """
    return int(_import_pyspark().__version__.split(".", 1)[0])


def similarity_jar(major: int | None = None) -> Path:
    """Splink's jar of Spark string-similarity UDFs for Spark ``major`` (default: the installed one).

    Splink ships one jar per Spark major version (Scala 2.12 for Spark 3, 2.13 for Spark
    4); the wrong one fails when the UDFs are registered.

    Raises
    ------
    ValueError
        For a major version other than 3 or 4.
    FileNotFoundError
        If the installed Splink does not ship the jar.
    """
    import splink

    major = spark_major_version() if major is None else int(major)
    names = {3: "scala-udf-similarity-0.1.2_spark3.x.jar", 4: "scala-udf-similarity-0.2.1_spark4.x.jar"}
    if major not in names:
        raise ValueError(f"Spark major version must be 3 or 4; got {major}")
    path = Path(splink.__file__).parent / "internals" / "files" / "spark_jars" / names[major]
    if not path.exists():
        raise FileNotFoundError(f"Splink {splink.__version__} does not ship {names[major]}")
    return path


def local_master(master: str) -> bool:
    """Whether ``master`` runs Spark in this process's JVM (``local``, ``local[N]``, ``local[*]``)."""
    return master == "local" or master.startswith("local[")


def spark_configuration(
    *,
    executors: int = 4,
    cores_per_executor: int = 4,
    memory_per_executor: str = "16g",
    checkpoint_dir: str | None = None,
    spark_major_version: int | None = None,
) -> dict[str, str]:
    """Spark configuration for linking lists too large for one machine (a cluster).

    The settings follow Splink's Spark guidance (shuffle partitions scaled to cores,
    Splink's Scala UDF jar for Jaro-Winkler, adaptive query execution).  Pass it as
    ``config`` to :func:`spark_session` (or to ``SparkSession.builder.config(map=...)``).

    Parameters
    ----------
    executors, cores_per_executor : int >= 1
    memory_per_executor : str, default "16g"
    checkpoint_dir : str, optional
        Where Splink writes intermediate tables (``spark.checkpoint.dir``; a directory
        every executor can reach).  Default: a new temporary directory.
    spark_major_version : {3, 4}, optional
        Picks the UDF jar; default: the installed PySpark's (so it needs pyspark unless given).

    Returns
    -------
    dict of str to str
    """
    if executors < 1 or cores_per_executor < 1:
        raise ValueError("executors and cores_per_executor must be >= 1")
    cores = executors * cores_per_executor
    return {
        "spark.executor.instances": str(executors),
        "spark.executor.cores": str(cores_per_executor),
        "spark.executor.memory": memory_per_executor,
        "spark.sql.shuffle.partitions": str(max(8, 4 * cores)),
        "spark.default.parallelism": str(max(8, 4 * cores)),
        "spark.sql.adaptive.enabled": "true",
        "spark.jars": str(similarity_jar(spark_major_version)),
        "spark.checkpoint.dir": checkpoint_dir or tempfile.mkdtemp(prefix="removals-splink-"),
    }


#: Spark's own log (log4j2): errors only, on stderr; the CLI's output stays its own.
_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.console.type = Console
appender.console.name = stderr
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{1}: %m%n%ex
"""


def _driver_options(workdir: Path) -> dict[str, str]:
    """Driver JVM options: the quiet log configuration above."""
    config = workdir / "log4j2.properties"
    config.write_text(_LOG4J2, encoding="utf-8")
    return {"spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={config.as_uri()}"}


def _local_driver_memory_gb() -> int:
    """Half of the physical memory in whole GB, at least 1 and at most 8 (1 when unknown)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 1
    return int(min(8, max(1, total // 2**30 // 2)))


def _local_configuration(master: str, workdir: Path) -> dict[str, str]:
    """Settings for Spark on this machine: loopback only, few partitions, no UI."""
    inside = master[len("local["):-1] if master.startswith("local[") else "1"
    try:
        cores = 2 if inside in ("*", "") else max(1, int(inside.split(",")[0]))
    except ValueError:
        raise ValueError(f"master must be local, local[N], local[*] or a cluster URL; got {master!r}") from None
    return {
        # Spark's default driver heap (1 GB) runs out on 2 x 20,000 records: in local mode the
        # driver is the executor, so it gets half of this machine's memory, from 1 to 8 GB
        "spark.driver.memory": f"{_local_driver_memory_gb()}g",
        # Spark would otherwise bind the driver to the first non-loopback interface
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.driver.host": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        # Splink runs many small queries: the default 200 shuffle partitions cost more than they save
        "spark.sql.shuffle.partitions": str(2 * cores),
        "spark.default.parallelism": str(2 * cores),
        "spark.sql.adaptive.enabled": "true",
        "spark.jars": str(similarity_jar()),
        "spark.checkpoint.dir": str(workdir / "checkpoints"),
        "spark.log.level": "ERROR",
    }


@contextlib.contextmanager
def spark_session(
    master: str = "local[2]", *, config: Mapping[str, str] | None = None, app_name: str = "removals-linkage"
) -> Iterator[Any]:
    """A Spark session for the linkage, stopped on exit.

    Parameters
    ----------
    master : str, default "local[2]"
        ``local[N]`` runs Spark on this machine with N cores (bound to 127.0.0.1);
        ``spark://HOST:7077``, ``yarn`` or ``k8s://...`` connect to a cluster (give its
        settings, e.g. :func:`spark_configuration`, as ``config``).
    config : mapping, optional
        Spark settings added to (and overriding) the defaults; the jar of Splink's
        UDFs for the installed Spark is always included.
    app_name : str

    Yields
    ------
    pyspark.sql.SparkSession

    Raises
    ------
    ImportError
        If pyspark is not installed.

    Examples
    --------
    >>> with spark_session("local[2]") as spark:  # doctest: +SKIP
    ...     result = link_lists(paths, settings=LinkageSettings(backend="spark"), spark_session=spark)
    """
    _import_pyspark()
    from pyspark.sql import SparkSession

    if not master:
        raise ValueError("master must name a Spark master, e.g. local[2] or spark://host:7077")
    if SparkSession.getActiveSession() is not None:
        raise RuntimeError("a Spark session is already active in this process; pass it as spark_session instead")
    with tempfile.TemporaryDirectory(prefix="removals-spark-") as tmp:
        workdir = Path(tmp)
        local = local_master(master)
        settings = _driver_options(workdir)
        settings.update(_local_configuration(master, workdir) if local else {"spark.jars": str(similarity_jar())})
        settings.update(config or {})
        builder = SparkSession.builder.master(master).appName(app_name)
        for key, value in settings.items():
            builder = builder.config(key, value)
        # a local driver binds to loopback only (Spark would pick the first other interface)
        saved = os.environ.get("SPARK_LOCAL_IP")
        if local:
            os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        try:
            with _pyspark_warnings():
                session = builder.getOrCreate()
        finally:
            if local and saved is None:
                os.environ.pop("SPARK_LOCAL_IP", None)
            elif local and saved is not None:
                os.environ["SPARK_LOCAL_IP"] = saved
        try:
            yield session
        finally:
            session.stop()


def spark_db_api(spark_session: Any) -> Any:
    """Splink's ``SparkAPI`` on a session (needs the optional extra ``removals[spark]``).

    Intermediate tables are persisted in memory for a local session and written as
    Parquet under ``spark.checkpoint.dir`` on a cluster (Splink's default).

    Raises
    ------
    ImportError
        If pyspark is not installed; the message gives the install command.
    ValueError
        If ``spark_session`` is None and no session is active.
    """
    _import_pyspark()
    if spark_session is None:
        from pyspark.sql import SparkSession

        spark_session = SparkSession.getActiveSession()
        if spark_session is None:
            raise ValueError("backend='spark' needs a spark_session (see estimators.linkage.backends.spark_session)")
    master = str(spark_session.sparkContext.master)
    lineage = "persist" if local_master(master) else None
    return _spark_api_class()(spark_session=spark_session, break_lineage_method=lineage)


def _spark_api_class() -> type:
    """``SparkAPI`` whose pandas conversions go through Arrow, PySpark's pandas-3 warning silenced."""
    from splink import SparkAPI
    from splink.internals.spark.dataframe import SparkDataFrame

    class _SparkDataFrame(SparkDataFrame):  # type: ignore[misc]
        def as_pandas_dataframe(self, limit: int | None = None) -> Any:
            with _pyspark_warnings():
                return self.as_pyarrow_table(limit=limit).to_pandas()

    class _SparkAPI(SparkAPI):  # type: ignore[misc]
        def _table_registration(self, input: Any, table_name: str) -> None:  # noqa: A002 (Splink's name)
            import pandas as pd
            import pyarrow as pa

            if isinstance(input, pd.DataFrame):
                input = pa.Table.from_pandas(input, preserve_index=False)
            with _pyspark_warnings():
                super()._table_registration(input, table_name)

        def table_to_splink_dataframe(self, templated_name: str, physical_name: str) -> Any:
            return _SparkDataFrame(templated_name, physical_name, self)

    return _SparkAPI


def db_api(backend: str = "duckdb", spark_session: Any = None) -> Any:
    """The Splink database API object for ``backend`` (``duckdb`` or ``spark``).

    Parameters
    ----------
    backend : {"duckdb", "spark"}
    spark_session : pyspark.sql.SparkSession, optional
        For ``spark`` (default: the active session).

    Raises
    ------
    ValueError
        For an unknown backend.
    ImportError
        For ``spark`` without pyspark.
    """
    if backend == "spark":
        return spark_db_api(spark_session)
    if backend != "duckdb":
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
    from splink import DuckDBAPI

    return DuckDBAPI()
