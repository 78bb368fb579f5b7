"""Where the browser tests find Chromium: ``python -m tests.browser.chromium`` prints its path.

``ORDERKIT_CHROMIUM`` names the executable; the default is Debian's ``chromium`` on the PATH.
Without one, the command says how to install it and exits with status 1 (``make`` then leaves
the browser tests out, except under ``CI=true``, where that is a failure).
"""

from __future__ import annotations

import os
import shutil
import sys

#: Flags for a headless Chromium on a machine with no screen and a closed network.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find() -> str | None:
    configured = os.environ.get("ORDERKIT_CHROMIUM")
    if configured:
        return shutil.which(configured)
    return shutil.which("chromium")


def main() -> int:
    path = find()
    if path is None:
        sys.stderr.write(
            "make: Chromium is not installed, so the browser tests are not run "
            "(apt-get install chromium, or set ORDERKIT_CHROMIUM)\n"
        )
        return 1
    sys.stdout.write(path + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
