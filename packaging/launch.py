"""The portable build's entry point: ``dossiercheck`` as installed, except that started with no arguments (a
double-click in Explorer) it opens the page (``dossiercheck app``), which is what a person who never opens a
terminal wants. ``freeze_support``: the inspection's worker processes start through this same executable."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from dossiercheck.cli import main

    if len(sys.argv) == 1:
        sys.argv.append("app")
    main()
