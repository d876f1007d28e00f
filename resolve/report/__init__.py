"""The HTML report of an output directory, and what the report and the review share.

    outputs    read an output directory (`read_output`: the one reader of resolve's tables)
    uncertain  decisions worth a human look, ranked (the "needs review" list, `resolve review`)
    phrasing   links.csv rows in words
    snippets   mention snippets from the articles
    data       the JSON document embedded in the page
    charts     overview charts (inline SVG)
    page       the HTML page (template, report.css, report.js)
    build      `write_report`: all of it, for `resolve report`
"""

from .build import ReportInfo, write_report

__all__ = ["write_report", "ReportInfo"]
