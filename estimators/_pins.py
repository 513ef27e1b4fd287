"""The sha256 of ``data/manifest.json`` this version of the package was released with.

The manifest pins every data file by its sha256; this pins the manifest, so that a data
file edited together with its manifest entry is refused too.  A maintainer who re-pins
data (``estimators.data.write_manifest``) updates this value in the same commit;
``tests/test_data.py`` fails until they do.
"""

MANIFEST_SHA256 = "05ea8a291bce726a70d7b277cf224372fa630798c0fac6433332740666aec775"
