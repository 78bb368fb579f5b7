"""The production-shape run: ``python -m benchmarks production`` (``make production``).

orderkit's endpoints served by real servers (gunicorn's workers, uvicorn's ASGI workers),
PostgreSQL behind pgbouncer in transaction pooling and MariaDB reached directly, 32
clients moving, reordering and toggling rows of dense and sparse groups; then the same
with faults injected (database backends terminated, a worker killed, the database
restarted); then every group checked. See docs/benchmarks.md.
"""
