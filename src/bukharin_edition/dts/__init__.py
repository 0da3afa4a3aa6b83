"""Distributed Text Services (DTS 1.0, https://dtsapi.org/versions/v1.0/).

`model` turns a TEI file into the DTS objects (the Resource with its Dublin Core metadata and
citation tree, the CitableUnits, a passage wrapped for the Document endpoint): the build writes
them as static files (build/dts.py), and `server`, a WSGI application, answers the queries that
static files cannot from those files and the TEI copies of the build.
"""
