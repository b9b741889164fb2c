"""Optional bridges between newsclean and distributed data engines.

Each submodule imports its engine when it is itself imported, never before:
``import newsclean`` stays free of pyspark and datatrove, and only the caller
who asks for :mod:`newsclean.integrations.spark` (``pip install
'newsclean[spark]'``) or :mod:`newsclean.integrations.datatrove` (``pip
install 'newsclean[datatrove]'``) needs that engine installed.

Both give exactly what one-by-one :func:`newsclean.clean` gives on each
document; they only decide how documents reach it and where the results and
the per-document facts (title, language, removed blocks by kind) are stored.
"""
