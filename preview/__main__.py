"""python -m preview [--config-file mkdocs.yml] [--dev-addr HOST:PORT] — what `make serve` runs."""
from __future__ import annotations

import argparse
import logging
import sys

from mkdocs.exceptions import MkDocsException

from .serve import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m preview", description=__doc__.split(" — ")[1])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", metavar="HOST:PORT",
                        help="address to serve on (default: dev_addr of mkdocs.yml, 127.0.0.1:8000); port 0 picks a free one")
    args = parser.parse_args()
    # MkDocs' own log format, as `mkdocs serve` prints it.
    from mkdocs.__main__ import ColorFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        serve(args.config_file, args.dev_addr)
    except MkDocsException as exc:
        sys.exit(f"ERROR - {exc.format_message()}")  # the build has logged its reason above
    except KeyboardInterrupt:  # a second Ctrl-C or kill while shutting down: already cleaned up
        sys.exit(130)


if __name__ == "__main__":
    main()
