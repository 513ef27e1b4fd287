"""The sha256 of ``data/manifest.json`` this version of the package was released with.

The manifest pins every data file by its sha256; this pins the manifest, so that a data
file edited together with its manifest entry is refused too.  A maintainer who re-pins
data (``estimators.data.write_manifest``) updates this value in the same commit;
``tests/test_data.py`` fails until they do.
"""

MANIFEST_SHA256 = "db18e1d43f45cde7f6bcb26a1dc2bcc8e912a40f8ce924f460d2b034ac4583b4"
