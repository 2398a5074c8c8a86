"""The `nap` command (Typer): parse and check the command line and the settings, then delegate to
pipeline.run and friends.

Every mistake is one line on stderr, ``nap: error: what is wrong (what to do)``: exit code 2 for the
command line, a path or a settings value (all checked before the first PDF is opened), 1 for a run
that fails (``--strict``, an unwritable output directory). ``nap --debug ...`` adds the traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from dataclasses import dataclass
from difflib import get_close_matches
from importlib import metadata
from logging.handlers import BufferingHandler
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

try:  # Typer >= 0.2x carries its own copy of Click
    from typer._click.exceptions import ClickException, NoSuchOption
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # older Typer on the click package
    from click.exceptions import ClickException, NoSuchOption  # type: ignore[no-redef]
    from click.exceptions import UsageError as ClickUsageError  # type: ignore[no-redef]

from pipeline.errors import NapError, StrictFailure, UsageError

DEFAULT_RAW, DEFAULT_OUT, DEFAULT_INTERIM = Path("data/raw"), Path("data/structured"), Path("data/interim")
DEFAULT_PARAMS, DEFAULT_CACHE = Path("params.yaml"), Path("data/cache")
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
log = logging.getLogger("nap")


@dataclass
class CliState:
    """What the global options set, read back by :func:`main` when a command fails."""

    debug: bool = False


class NapGroup(TyperGroup):
    """Typer's group, sure to answer a mistyped command with "Did you mean 'run'?" (older Typers do not)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except ClickUsageError as exc:
            close = get_close_matches(args[0], list(self.commands)) if args else []
            if close and "Did you mean" not in exc.message:
                exc.message = f"{exc.message.rstrip('.')}. Did you mean {close[0]!r}?"
            raise


def examples(*lines: str) -> str:
    """A help epilog of example command lines, kept as written (Click's ``\\b`` stops the rewrapping)."""
    return "\b\nExample" + ("s" if len(lines) > 1 else "") + ":\n" + "\n".join(f"  {line}" for line in lines)


app = typer.Typer(name="nap", cls=NapGroup, add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
                  help="WPS National Action Plans and UN reports (PDF) → Parquet datasets.",
                  epilog=examples("nap run data/raw --out data/structured", "nap inspect data/raw/plan.pdf",
                                  "nap --debug run data/raw   # a traceback with the error", "nap run --help"))

RawDir = Annotated[Path, typer.Argument(metavar="RAW_DIR", help="folder of PDFs, searched recursively")]
Params = Annotated[Optional[Path], typer.Option(
    help="settings file (its pipeline: section); a file given here must exist", show_default="params.yaml if present")]
Workers = Annotated[int, typer.Option(min=1, help="parallel processes (>= 1)",
                                      show_default=f"{DEFAULT_WORKERS}: the CPUs, at most 4")]
Cache = Annotated[Path, typer.Option(help="OCR results by page-image hash are kept under CACHE/ocr")]
Quiet = Annotated[bool, typer.Option("--quiet", help="no progress output")]
Strict = Annotated[bool, typer.Option("--strict", help="fail (exit 1) on the first document that is not fully read, "
                                                       "or when there is nothing to read")]
Follow = Annotated[bool, typer.Option("--follow-symlinks", help="follow symlinks that point outside the raw directory")]
OutDir = Annotated[Path, typer.Option("--out", help="dataset directory (Parquet files + manifest.json)")]
Interim = Annotated[Path, typer.Option("--interim", help="per-document JSON from `nap extract`")]
DataDir = Annotated[Path, typer.Argument(metavar="DIR", help="dataset directory to check")]
PdfFile = Annotated[Path, typer.Argument(metavar="FILE", help="the PDF to look at")]
MaxRows = Annotated[int, typer.Option(min=0, help="objectives and actions shown per page")]
DocsOut = Annotated[Path, typer.Option("--out", help="Markdown file to write")]


def _show_version(value: bool) -> None:
    if value:
        try:
            version = metadata.version("nap-pipeline")
        except metadata.PackageNotFoundError:
            version = "unknown (not installed: pip install -e .)"
        typer.echo(f"nap-pipeline {version}")
        raise typer.Exit()


@app.callback()
def _root(ctx: typer.Context,
          version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                                help="print the version and exit")] = False,
          debug: Annotated[bool, typer.Option("--debug", help="show the traceback of an error")] = False) -> None:
    if isinstance(ctx.obj, CliState):
        ctx.obj.debug = debug


def _logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(message)s", stream=sys.stderr)


def _settings(params: Path | None) -> Any:
    """The checked settings: ``--params`` must exist when given; the default params.yaml may be absent."""
    from pipeline.settings import load_settings

    return load_settings(params or DEFAULT_PARAMS, required=params is not None)


def _pdfs_under(raw_dir: Path, follow_symlinks: bool, strict: bool) -> bool:
    """Whether there is a PDF to read (the run lists them again: its warnings are shown only once)."""
    from pipeline.inputs import find_pdfs

    held = BufferingHandler(capacity=10_000)
    log.addHandler(held)
    propagate, log.propagate = log.propagate, False
    try:
        found = bool(find_pdfs(raw_dir, follow_symlinks))
    finally:
        log.removeHandler(held)
        log.propagate = propagate
    if found:
        return True
    for record in held.buffer:
        log.handle(record)
    if strict:
        raise StrictFailure(f"no PDF files under {raw_dir} (--strict); nothing written")
    print(f"nap: warning: no PDF files under {raw_dir}; nothing to do, nothing written", file=sys.stderr)
    return False


def _need(path: Path, kind: str, what: str, hint: str) -> None:
    ok = path.is_dir() if kind == "dir" else path.is_file()
    if not ok:
        state = "not found" if not path.exists() else f"not a {'directory' if kind == 'dir' else 'file'}"
        raise UsageError(f"{what} {state}: {path} ({hint})")


def _report(manifest: dict, out: Path, strict: bool) -> int:
    counts = ", ".join(f"{k} {v}" for k, v in manifest["counts"].items())
    st = manifest["status"]
    print(f"{len(manifest['inputs'])} documents ({st['ok']} ok, {st['partial']} partial, {st['error']} error) "
          f"→ {out}: {counts}")
    for item in manifest["inputs"]:
        if item["status"] != "ok":
            print(f"  {item['status']}: {item['path']}: {item['error']}")
    return 1 if strict and st["error"] + st["partial"] else 0


@app.command("run", epilog=examples("nap run data/raw --out data/structured --workers 4",
                                    "nap run scans/ --out /tmp/out --params my-params.yaml --strict --quiet"))
def run_command(raw_dir: RawDir = DEFAULT_RAW, out: OutDir = DEFAULT_OUT, workers: Workers = DEFAULT_WORKERS,
                strict: Strict = False, params: Params = None, cache: Cache = DEFAULT_CACHE,
                follow_symlinks: Follow = False, quiet: Quiet = False) -> int:
    """PDFs → datasets, in one go (extract + normalize).

    Every PDF under RAW_DIR becomes rows of the Parquet datasets in --out, with a manifest.json;
    a file that cannot be read is a documents row with status error, and the batch goes on.
    """
    _logging(quiet)
    settings = _settings(params)
    if not _pdfs_under(raw_dir, follow_symlinks, strict):
        return 0
    from pipeline.run import run

    manifest = run(raw_dir, out, settings, workers, strict, not quiet, cache / "ocr", follow_symlinks=follow_symlinks)
    return _report(manifest, out, strict)


@app.command("extract", epilog=examples("nap extract data/raw --interim data/interim --params params.yaml --quiet",
                                        "nap extract scans/ --workers 2 --follow-symlinks"))
def extract_command(raw_dir: RawDir = DEFAULT_RAW, interim: Interim = DEFAULT_INTERIM, params: Params = None,
                    workers: Workers = DEFAULT_WORKERS, cache: Cache = DEFAULT_CACHE, follow_symlinks: Follow = False,
                    quiet: Quiet = False) -> int:
    """DVC stage 1: PDFs → per-document JSON.

    One JSON file per PDF under RAW_DIR is written to --interim (stale ones are removed).
    """
    _logging(quiet)
    settings = _settings(params)
    if not _pdfs_under(raw_dir, follow_symlinks, strict=False):
        return 0
    from pipeline.run import extract_to_interim

    n_docs = extract_to_interim(raw_dir, interim, settings, workers, not quiet, cache / "ocr",
                                follow_symlinks=follow_symlinks)
    print(f"extracted {n_docs} documents into {interim}")
    return 0


@app.command("normalize",
             epilog=examples("nap normalize --interim data/interim --out data/structured --params params.yaml"))
def normalize_command(interim: Interim = DEFAULT_INTERIM, out: OutDir = DEFAULT_OUT, strict: Strict = False,
                      params: Params = None, quiet: Quiet = False) -> int:
    """DVC stage 2: per-document JSON → datasets.

    The JSON under --interim becomes the Parquet datasets and manifest.json in --out.
    """
    _logging(quiet)
    settings = _settings(params)
    _need(interim, "dir", "interim directory", "run 'nap extract' first, or pass --interim")
    from pipeline.run import normalize_interim

    return _report(normalize_interim(interim, out, settings, strict), out, strict)


@app.command("validate", epilog=examples("nap validate data/structured"))
def validate_command(out_dir: DataDir = DEFAULT_OUT) -> int:
    """Check a dataset directory against the contract.

    Schema, keys, references and vocabularies; exit code 1 with one INVALID line per violation.
    """
    _logging(False)
    _need(out_dir, "dir", "dataset directory", "run 'nap run' first, or name the directory")
    from pipeline.validate import validate_dir

    problems, facts = validate_dir(out_dir)
    for line in problems:
        print(f"INVALID {line}")
    print(", ".join(f"{k}: {v}" for k, v in facts.items()))
    print("valid" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


@app.command("inspect", epilog=examples("nap inspect data/raw/plan.pdf",
                                        "nap inspect data/raw/plan.pdf --max-rows 40 --params params.yaml"))
def inspect_command(pdf: PdfFile, params: Params = None, max_rows: MaxRows = 12) -> int:
    """Show what the pipeline sees in one PDF.

    Per page: rotation, words, rulings, tables and their grids, and the objectives, actions and
    actors made.
    """
    _logging(False)
    settings = _settings(params)
    _need(pdf, "file", "PDF", "name an existing file")
    from pipeline.inspect import inspect_file
    from pipeline.run import load_references

    return inspect_file(pdf, load_references(), settings, sys.stdout, max_rows)


@app.command("docs", epilog=examples("nap docs --out docs/DATA.md"))
def docs_command(out: DocsOut = Path("docs/DATA.md")) -> int:
    """Regenerate docs/DATA.md from the record declarations."""
    from pipeline.schema import data_md, write_text_atomic

    write_text_atomic(data_md() + "\n", out)
    return 0


def _one_line(text: str) -> str:
    return " / ".join(part.strip() for part in str(text).splitlines() if part.strip())


def _usage_line(exc: ClickException) -> str:
    """Click's message for a command-line mistake, on one line, with where to look for help."""
    message = exc.format_message()
    if isinstance(exc, NoSuchOption) and exc.possibilities:
        message = f"{exc.message}. Did you mean {' or '.join(sorted(exc.possibilities))}?"
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if isinstance(exc, ClickUsageError) and ctx is not None else ""
    return _one_line(message) + hint


def _error_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return _one_line(str(exc)) or type(exc).__name__


def _fail(line: str, code: int, exc: BaseException, debug: bool) -> int:
    if debug:
        traceback.print_exception(exc)
    print(f"nap: error: {line}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    """Run ``nap`` with ``argv`` (default: the process arguments) and return the exit code."""
    state = CliState()
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="nap", standalone_mode=False, obj=state)
    except ClickException as exc:
        return _fail(_usage_line(exc), exc.exit_code, exc, state.debug)
    except typer.Abort as exc:
        return _fail("aborted", 1, exc, state.debug)
    except UsageError as exc:  # settings, paths: nothing was done
        return _fail(_error_line(exc), 2, exc, state.debug)
    except (NapError, ValueError, OSError) as exc:  # the run failed
        return _fail(_error_line(exc), 1, exc, state.debug)
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
