"""The render stage: an :class:`~leafpress.edition.Edition` and a format in, finished PDF bytes out.

``html`` lays the edition out with the Jinja2 ``templates``; ``fonts`` embeds the declared fonts
(subsets, CSS); ``pdf`` runs WeasyPrint with the project's files only; ``tagging`` and ``copytext``
finish the PDF's structure and text on WeasyPrint's objects; ``formats`` says what each format is and
``finish`` imposes the booklet and makes the press file; ``workers`` renders in a pool of processes.
"""
