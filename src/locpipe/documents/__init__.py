"""Source documents, from discovery to rebuilt translations.

`sources` finds the configured documents and reads them strictly;
`segment` splits one into blocks and `sentences` splits a block into
sentences by the rules of `segment_rules` (kept as data); `wordless` tells
which segments have words to translate; `inline_markup` finds the Markdown,
MyST and reST markup a translation must keep; `build` rebuilds a document
with every segment replaced by its translation.
"""
