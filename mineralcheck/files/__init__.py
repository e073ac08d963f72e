"""Files from anywhere, read and written safely: no read without a limit, no report half-written.

reading.py    articles and configs that may be a device, a pipe, an endless stream or a huge file
writing.py    a report's path checked before the run, the report written atomically after it
safeyaml.py   YAML we did not write (claims.yaml, a manifest, front matter), loaded within bounds
"""
