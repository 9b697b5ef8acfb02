"""kg on Apache Spark: the batch work of a national corpus on a cluster.

- :mod:`kg.spark.extract` — ``kg spark extract``: files on any Hadoop file
  system -> JSON Lines part files, the records ``kg extract`` writes;
- :mod:`kg.spark.bulk` — ``kg spark csv``: extraction output -> the CSV files
  of ``neo4j-admin database import full``, merged as ``kg bulk csv`` merges
  them (the same code), key by key across the cluster;
- :mod:`kg.spark.driver` — what both drivers share: the session, one-line errors, Hadoop file-system calls;
- :mod:`kg.spark.submit` — the script ``spark-submit`` runs (docs/scale.md).

PySpark is an optional extra: ``pip install 'fazhi-kg[spark]'``.
"""
