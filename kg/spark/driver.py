"""What the drivers of both Spark jobs share: starting and stopping Spark with
one-line errors, and the few calls of Hadoop's FileSystem API they make
(through py4j) to list inputs and write small files on whatever file system a
path names (local, ``hdfs://``, ``s3a://`` …)."""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, TypeVar

from kg.errors import Errors, KGError

Report = TypeVar("Report")


def spark_session(master: str, app_name: str = "kg-extract") -> Any:
    """A SparkSession on ``master`` (``local[N]``; under ``spark-submit`` the
    master given there wins). E205 when PySpark is not installed."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise KGError(Errors.E205, reason=str(err)) from None
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    if master.startswith("local"):
        # The Python workers are this interpreter, with kg installed (the JVM,
        # started from here, passes the variable on to them).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_job(master: str, app_name: str, job: Callable[..., Report], *args: Any) -> Report:
    """Start Spark on ``master``, run ``job(spark, *args)``, stop Spark. A
    failure of the cluster (not of a file) is E206 with one line, not a JVM trace."""
    from py4j.protocol import Py4JError

    spark = spark_session(master, app_name)
    try:
        return job(spark, *args)
    except Py4JError as err:
        raise KGError(Errors.E206, reason=first_error_line(err)) from None
    finally:
        spark.stop()


def first_error_line(err: Exception) -> str:
    """The line of a py4j error that says what failed (its cause, not the stack)."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    caused = [line for line in lines if line.startswith(("Caused by", "org.apache", "java."))]
    return (caused or lines or [type(err).__name__])[0][:300]



def join(folder: str, name: str) -> str:
    return f"{folder.rstrip('/')}/{name}"


class Hadoop:
    """The few calls of Hadoop's FileSystem API the driver needs (through py4j)."""

    def __init__(self, sc: Any) -> None:
        self.jvm = sc._jvm
        self.conf = sc._jsc.hadoopConfiguration()

    def _fs(self, path: Any) -> Any:
        return path.getFileSystem(self.conf)

    def _path(self, text: str) -> Any:
        return self.jvm.org.apache.hadoop.fs.Path(text)

    def status(self, text: str) -> Any:
        path = self._path(text)
        fs = self._fs(path)
        return fs.getFileStatus(path) if fs.exists(path) else None

    def exists(self, text: str) -> bool:
        return self.status(text) is not None

    def walk(self, path: Any) -> list[str]:
        return [uri for uri, _ in self._listing(path)]

    def files(self, text: str) -> list[tuple[str, int]]:
        """(URI, size in bytes) of every file under the folder ``text``."""
        return self._listing(self._path(text))

    def _listing(self, path: Any) -> list[tuple[str, int]]:
        found = self._fs(path).listFiles(path, True)
        listed = []
        while found.hasNext():
            status = found.next()
            listed.append((status.getPath().toString(), status.getLen()))
        return listed

    def mkdirs(self, text: str) -> None:
        path = self._path(text)
        self._fs(path).mkdirs(path)

    def write_text(self, text: str, content: str) -> None:
        path = self._path(text)
        stream = self._fs(path).create(path, True)
        try:
            stream.write(bytearray(content.encode("utf-8")))
        finally:
            stream.close()
