"""kg on Apache Spark: the batch work of a national corpus on a cluster.

- :mod:`kg.spark.extract` — ``kg spark extract``: files on any Hadoop file
  system -> JSON Lines part files, the records ``kg extract`` writes;
- :mod:`kg.spark.submit` — the script ``spark-submit`` runs (docs/scale.md).

PySpark is an optional extra: ``pip install 'fazhi-kg[spark]'``.
"""
