"""`kg extract`, `kg eval`, `kg explain`: run, score and explain the extractor."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from kg.cli.common import LEXICON_OPTION, MANIFEST_OPTION, read_manifest, report_manifest, use_lexicons
from kg.run import IngestProblem


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("eval")(evaluate)
    app.command("explain")(explain)
    app.command("discover")(discover)


def _progress_reporter(paths: list[str]):
    """(on_item, close): a tqdm bar with the total and the time left on a
    terminal, one plain line per document otherwise.

    Problems are not printed here: the summary lists each once, with its reason.
    """
    if sys.stderr.isatty():
        from tqdm import tqdm

        from kg.run import count_inputs

        bar = tqdm(unit="doc", file=sys.stderr, total=count_inputs(paths) or None)
        return (lambda _item: bar.update(1)), bar.close

    def line(item) -> None:
        if not isinstance(item, IngestProblem):
            typer.echo(f"extracted {item.source}", err=True)

    return line, (lambda: None)


def extract(
    paths: list[str] = typer.Argument(..., help="Report files or folders (.txt, .html, .docx, .pdf)."),
    output: str = typer.Option("-", "-o", "--output", help="JSON Lines output file ('-' = stdout)."),
    emit_text: Path = typer.Option(None, "--emit-text", help="Also write each normalised text to this folder, at its input's path relative to the input named (a/report.html -> DIR/a/report.html.txt)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Extract in this many processes."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that cannot be read."),
    lexicon: list[Path] = LEXICON_OPTION,
    manifest: Path = MANIFEST_OPTION,
) -> None:
    """Extract entities, relations and figures from reports into JSON Lines.

    Example: kg extract reports/ -o out.jsonl --emit-text texts/ --lexicon my-vocabulary.toml

    Example: kg extract reports/ -o out.jsonl --manifest sources.tsv
    """
    table = read_manifest(manifest)
    use_lexicons(lexicon)
    from kg.run import write_extraction

    on_item, close = _progress_reporter(paths)
    try:
        done, skipped = write_extraction(paths, output, workers=workers, strict=strict,
                                         text_dir=emit_text, progress=on_item, manifest=table)
    finally:
        close()
    typer.echo(f"processed {done}, skipped {len(skipped)}", err=True)
    report_manifest(table)
    for problem in skipped:
        typer.echo(f"  skipped: {problem}", err=True)
    if skipped:
        raise typer.Exit(1)


def evaluate(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold annotation files (*.json)."),
    pred: Path = typer.Option(None, "--pred", help="`kg extract` output to score."),
    paths: list[str] = typer.Argument(None, help="Reports to extract and score (instead of --pred)."),
    per_doc: bool = typer.Option(False, "--per-doc", help="Also print each document's counts."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    workers: int = typer.Option(1, "--workers", min=1, help="Extract in this many processes."),
    lexicon: list[Path] = LEXICON_OPTION,
    manifest: Path = MANIFEST_OPTION,
) -> None:
    """Score extraction against gold annotations: P/R/F1 per field.

    Example: kg eval --gold corpus/dev-gold --pred out.jsonl

    Example: kg eval --gold corpus/dev-gold corpus/docs --manifest corpus/sources.tsv
    """
    if manifest is not None and pred is not None:
        raise typer.BadParameter("--manifest goes with report PATHs to extract, not with --pred")
    table = read_manifest(manifest)
    use_lexicons(lexicon)
    from kg.extract.evaluate import format_scores
    from kg.run import evaluate as run_evaluation

    if pred is not None and paths:
        raise typer.BadParameter("give either --pred FILE or report PATHs, not both")
    if pred is None and not paths:
        raise typer.BadParameter("give --pred FILE or report PATHs to extract")
    on_item, close = _progress_reporter(paths)
    try:
        result, skipped = run_evaluation(gold, pred=pred, paths=paths, workers=workers,
                                         progress=None if pred is not None else on_item, manifest=table)
    finally:
        close()
    report_manifest(table)
    for problem in skipped:
        typer.echo(f"  skipped: {problem}", err=True)
    if as_json:
        if not per_doc:
            result.pop("per_doc")
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        typer.echo(format_scores(result, per_doc=per_doc))


def explain(
    path: str = typer.Argument(..., help="One report file."),
    term: str = typer.Option(None, "--term", help="Only sentences with this term, and its lexicon entries."),
    lexicon: list[Path] = LEXICON_OPTION,
) -> None:
    """Show, sentence by sentence, the tokens, the rules that matched and the decisions.

    Example: kg explain report.txt --term 司法所
    """
    use_lexicons(lexicon)
    from kg.extract.explain import format_explanation
    from kg.run import explain_path

    for line in format_explanation(explain_path(path, term)):
        typer.echo(line)


def discover(
    paths: list[str] = typer.Argument(..., help="Report files or folders to mine."),
    output: str = typer.Option("-", "-o", "--output", help="Candidates file, TOML in the lexicon format ('-' = stdout)."),
    min_documents: int = typer.Option(1, "--min-documents", min=1, help="Keep names used by at least this many documents."),
    workers: int = typer.Option(1, "--workers", min=1, help="Extract in this many processes."),
    lexicon: list[Path] = LEXICON_OPTION,
) -> None:
    """List local mechanisms and institution kinds the vocabulary lacks, with examples.

    Ranked by how many documents name them; review the file and pass it back
    with --lexicon.

    Example: kg discover reports/ -o candidates.toml && kg extract reports/ --lexicon candidates.toml
    """
    from kg.atomic import write_text
    from kg.extract.discover import candidates_toml
    from kg.run import check_outputs, discover as run_discovery

    check_outputs(paths, [output])
    use_lexicons(lexicon)
    on_item, close = _progress_reporter(paths)
    try:
        candidates, documents, skipped = run_discovery(paths, workers=workers, progress=on_item)
    finally:
        close()
    text = candidates_toml(candidates, documents, min_documents)
    if output == "-":
        typer.echo(text, nl=False)
    else:
        write_text(output, text)
    kept = sum(len(c.documents) >= min_documents for c in candidates)
    typer.echo(f"{kept} candidates from {documents} documents", err=True)
    for problem in skipped:
        typer.echo(f"  skipped: {problem}", err=True)
