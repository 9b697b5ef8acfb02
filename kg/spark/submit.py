"""The script `spark-submit` runs: `kg spark extract` (or `kg spark csv`) with the master of spark-submit.

Example (the exact commands for a cluster are in docs/scale.md):
spark-submit --master yarn "$(python -c 'import kg.spark.submit as s; print(s.__file__)')" \
    s3a://bucket/reports -o s3a://bucket/extracted
spark-submit --master yarn "$(python -c 'import kg.spark.submit as s; print(s.__file__)')" \
    csv s3a://bucket/extracted -o s3a://bucket/import
"""

import sys

from kg.cli import app
from kg.cli.common import run_cli

JOBS = ("extract", "csv")

if __name__ == "__main__":
    job, arguments = ((sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 and sys.argv[1] in JOBS
                      else ("extract", sys.argv[1:]))
    sys.argv = [sys.argv[0], "spark", job, "--master", "", *arguments]
    run_cli(app)
