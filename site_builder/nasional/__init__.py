"""The national portal: one static site from every office's published files.

Stages, one module each: `fetch` (an office's files from its folder or its site address,
with a timeout, a retry and the last good copy in a cache folder), `read` (the four
published formats, each problem a `Problem` naming the office and the file), `statistics`
(requests, decisions and timeliness per office, province and nation from the anonymised
registers), `pages` (the HTML pages, Jinja), `search` (the national DIP search, Pagefind)
and `portal` (`build()`: the stages in order, the site swapped in whole).
"""
