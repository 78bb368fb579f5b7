"""Which test databases can be reached: ``python -m tests.databases`` prints their names.

SQLite is always there. PostgreSQL and MariaDB are listed when their server answers; with
``CI=true`` a server that does not answer is an error (exit status 1), never a silent skip.
"""

from __future__ import annotations

import os
import sys


def _postgresql() -> str | None:
    try:
        import psycopg
    except ImportError as exc:
        return f"psycopg is not installed ({exc})"
    try:
        psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3
        ).close()
    except psycopg.Error as exc:
        return f"PostgreSQL on 127.0.0.1:5432 does not answer ({exc})"
    return None


def _mariadb() -> str | None:
    try:
        import MySQLdb
    except ImportError as exc:
        return f"mysqlclient is not installed ({exc}); it needs libmariadb-dev and pkg-config"
    try:
        MySQLdb.connect(
            host="127.0.0.1", port=3306, user="root", database="test", connect_timeout=3
        ).close()
    except MySQLdb.Error as exc:
        return f"MariaDB on 127.0.0.1:3306 does not answer ({exc})"
    return None


def main() -> int:
    reachable = ["sqlite"]
    failures = []
    for name, probe in (("postgresql", _postgresql), ("mariadb", _mariadb)):
        problem = probe()
        if problem is None:
            reachable.append(name)
        else:
            failures.append(f"{name}: {problem}")
    for failure in failures:
        sys.stderr.write(f"tests.databases: {failure}\n")
    if failures and os.environ.get("CI") == "true":
        sys.stderr.write("tests.databases: under CI=true every database server is required.\n")
        return 1
    sys.stdout.write(" ".join(reachable) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
