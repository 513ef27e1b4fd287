"""The sha256 of ``data/manifest.json`` this version of the package was released with.

The manifest pins every data file by its sha256; this pins the manifest, so that a data
file edited together with its manifest entry is refused too.  A maintainer who re-pins
data (``estimators.data.write_manifest``) updates this value in the same commit;
``tests/test_data.py`` fails until they do.
"""

MANIFEST_SHA256 = "4f9b625931fe657f57b0209af9aad27a539469e284b615aee151748bb13fb099"
