"""The ``removals`` command line: one module per subcommand, this one dispatches.

Subcommands: ``estimate`` (:mod:`.estimate`), ``compare`` (:mod:`.compare`), ``validate`` (:mod:`.validate`),
``methods`` (:mod:`.list_methods`), ``link`` (:mod:`.link`), ``report``
(:mod:`.report`), ``run`` (:mod:`.run`).  Heavy libraries are imported by a subcommand
when it runs, never to build the parser.

Exit codes: 0 an estimate exists (or the command succeeded); 3 the status says no
estimate exists; 2 bad input or usage (:class:`~estimators.exceptions.InputError`,
:class:`~estimators.exceptions.SettingsError`, a tampered pinned file, a bad flag), one
line on stderr; 130 interrupted; 1 anything else, which is a bug (or a report that failed
to render): one line and a hint to rerun with ``--debug`` for the traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .common import Parser

# Everything else is imported inside main(), so that even an interrupt (Ctrl-C) while the
# program starts is handled there: one line, exit 130.
EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_NO_ESTIMATE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: The reader of the output went away (``removals ... | head``): 128 + SIGPIPE, as POSIX tools end.
EXIT_CLOSED_PIPE = 141

__all__ = ["EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]


def build_parser() -> Parser:
    """The ``removals`` argument parser with every subcommand."""
    from .. import __version__
    from . import compare, estimate, link, list_methods, report, run, validate
    from .common import Parser

    parser = Parser(prog="removals", description="Estimate how many people a set of overlapping lists misses "
                    "(capture-recapture / multiple systems estimation).")
    parser.add_argument("--version", action="version", version=f"removals {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    estimate.add_parser(sub)
    compare.add_parser(sub)
    validate.add_parser(sub)
    list_methods.add_parser(sub)
    link.add_parser(sub)
    run.add_parser(sub)
    report.add_parser(sub)
    return parser


def _user_errors() -> tuple[type[BaseException], ...]:
    from ..exceptions import DataIntegrityError, InputError, SettingsError
    from .common import UsageError

    return (UsageError, InputError, SettingsError, DataIntegrityError)


class _InterruptWatch:
    """Notes that Ctrl-C (SIGINT) arrived, then raises KeyboardInterrupt as Python's own handler does.

    Libraries turn the KeyboardInterrupt into their own errors (DuckDB: ``RuntimeError("Query
    interrupted")``, wrapped by Splink in a ``SplinkException``), so an error raised after a
    SIGINT is reported as the interrupt it is: exit 130, one line.
    """

    def __init__(self) -> None:
        self.seen = False
        self._previous: Any = None

    def _handler(self, signum: int, frame: Any) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def __enter__(self) -> _InterruptWatch:
        import signal
        import threading

        # only where Python's own handler is in place (not when SIGINT is ignored), in the main thread
        if threading.current_thread() is threading.main_thread() and \
                signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            import signal

            signal.signal(signal.SIGINT, self._previous)


def _interrupted(exc: BaseException, watch: _InterruptWatch | None = None) -> bool:
    """Whether ``exc`` is, or was caused by, an interrupt (DuckDB and Jupyter wrap Ctrl-C in their own errors)."""
    if watch is not None and watch.seen:
        return True
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, KeyboardInterrupt) or "Interrupt" in type(current).__name__:
            return True
        current = current.__cause__ or current.__context__
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``removals`` console script; returns the exit code."""
    try:
        with _InterruptWatch() as watch:
            return _main(argv, watch)
    except KeyboardInterrupt:  # between the handlers of _main (e.g. while printing)
        print("removals: interrupted", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None, watch: _InterruptWatch | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list or bool(os.environ.get("REMOVALS_DEBUG"))
    try:
        import warnings

        from .common import UsageError

        parser = build_parser()
        args = parser.parse_args(args_list)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
        if getattr(args, "level", None) is not None and not 0 < args.level < 1:
            raise UsageError(f"--level must be strictly between 0 and 1; got {args.level}")
        from ..exceptions import RemovalsWarning

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RemovalsWarning)  # reported in the result's messages
            code: int = args.func(args)
            return code
    except KeyboardInterrupt:
        print("removals: interrupted", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader closed the pipe: not an error of ours, and nothing left to say
        _discard_stdout()
        return EXIT_CLOSED_PIPE
    except Exception as exc:  # never a traceback for users; --debug shows it
        from .common import error_line

        if _interrupted(exc, watch):
            error_line("interrupted")
            return EXIT_INTERRUPTED
        if isinstance(exc, _user_errors()):
            error_line(f"error: {exc}")
            return EXIT_USAGE
        if debug:
            raise
        from ..reporting.errors import ReportError

        if isinstance(exc, ReportError):
            error_line(f"error: the report could not be rendered: {exc}; rerun with --debug for the traceback")
            return EXIT_INTERNAL
        error_line(f"internal error ({type(exc).__name__}): {exc}; rerun with --debug for the traceback")
        return EXIT_INTERNAL


def _discard_stdout() -> None:
    """Point stdout at the null device, so flushing it at exit does not fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (e.g. captured in tests)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
