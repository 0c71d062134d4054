"""The file formats: PO and POT read and written as GNU msgcat writes them, their
line breaking and headers, .mo and JSON for apps, and msgfmt's format checks.

`pofile` reads and writes catalogues, `powrap` (with the data of
`linebreak_table`) wraps their strings, `headers` makes their header entries,
`mofile` and `jsonexport` compile them for apps, and `directives` checks a
translation's format directives as `msgfmt -c` does.
"""
