"""The review stage: a translation in, what its reviewer reads and signs off.

``signoff`` records a reviewer's review of a language's catalogs (refused when the gate refuses them)
and lists what awaits review; ``proof`` writes the bilingual proof a reviewer reads first.
"""
