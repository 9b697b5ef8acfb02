"""The script `spark-submit` runs: `kg spark extract` with the master of spark-submit.

Example (the exact command for a cluster is in docs/scale.md):
spark-submit --master yarn "$(python -c 'import kg.spark.submit as s; print(s.__file__)')" \
    s3a://bucket/reports -o s3a://bucket/extracted
"""

import sys

from kg.cli import app
from kg.cli.common import run_cli

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "spark", "extract", "--master", "", *sys.argv[1:]]
    run_cli(app)
