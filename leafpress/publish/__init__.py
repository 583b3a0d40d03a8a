"""The publish stage: a build's options in, an output folder out (PDFs, ``manifest.json``, pages).

``plan`` decides from file names and bytes what is out of date; ``build`` asks the gate about each
edition, renders what qualifies and writes it atomically; ``manifest`` lists every file under a lock;
``site`` makes the download pages from the manifest alone; ``progress`` shows the build as it goes;
``verify`` runs the reference ``validators`` (veraPDF, qpdf, a text read-back, the Nu checker, axe-core)
over an output folder.
"""
