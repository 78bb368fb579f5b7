"""orderkit's benchmark suite: ``python -m benchmarks run --help``.

It sets orderkit's moves beside its peers' on the same table shape and writes a JSON file,
a markdown table and a PNG plot. Not part of the installed package.
"""
