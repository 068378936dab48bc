"""The editors' workflow: JSON Schemas, scaffolding, cancelling, check output formats, translation report.

Everything here sits on top of the loader: it reuses the loader's field tables and
validates every change with the real :func:`~generator.loading.load_catalog` before
a file is touched.
"""
