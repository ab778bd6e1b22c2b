"""The site engine: the build recipe (inputs -> render -> mkdocs -> swap), the mkdocs
plugin it drives, the search index and the link check of a built site.

Named for what it does, not `site/`: that is the generated site, which git keeps out.
"""
