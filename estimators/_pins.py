"""The sha256 of ``data/manifest.json`` this version of the package was released with.

The manifest pins every data file by its sha256; this pins the manifest, so that a data
file edited together with its manifest entry is refused too.  A maintainer who re-pins
data (``estimators.data.write_manifest``) updates this value in the same commit;
``tests/test_data.py`` fails until they do.
"""

MANIFEST_SHA256 = "974873879aacae19be210f6df80bbb685d6cc94f92c9114db6631776d41bb18b"
