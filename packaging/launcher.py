"""Entry point of the frozen build: the same ``main`` as the ``jurydesk`` command."""

import sys

from jurydesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
