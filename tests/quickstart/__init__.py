"""The quickstart as a test: ``python -m tests.quickstart DIST_DIR`` (``make quickstart``).

It installs the wheel of DIST_DIR (not editable) with this environment's Django into a clean
virtualenv, and follows docs/quickstart.md with it: the docs' marked code blocks (see
tests.quickstart.blocks) of docs/quickstart.md, docs/client.md, docs/admin.md and README.md
are applied to a new project, which must then pass ``check --fail-level WARNING`` and
``migrate``; then its page and its admin are driven in Chromium (tests.quickstart.browser).
"""
