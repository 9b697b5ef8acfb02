"""kg: a knowledge graph of Chinese local rule-of-law reports.

Data flows one way, one subpackage per stage::

    ingest -> normalise -> extract -> model -> store -> query / export / analyse

The command line (`kg.cli`) is a thin layer over these functions.
"""

__version__ = "0.1.0"
