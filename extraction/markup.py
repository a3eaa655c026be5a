"""Plain text from articles saved as an HTML page or written in Markdown; other text passes unchanged.

The converted text is what is stored and what every character span refers to."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HTML_BLOCK_CLOSE = re.compile(r"</(?:p|div|body|article|li|h[1-6])\s*>", re.I)
MARKDOWN_SUFFIXES = {".md", ".markdown"}


def looks_like_html(text: str) -> bool:
    """An HTML document: starts like one, or is mostly markup with closing block tags."""
    if _HTML_START.match(text):
        return True
    return text.lstrip().startswith("<") and len(_HTML_BLOCK_CLOSE.findall(text)) >= 2


class _TextOfHtml(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    BLOCK = {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "td", "th", "title", "tr", "ul",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in self.SKIP:
            self.skipping += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self.SKIP and self.skipping:
            self.skipping -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title or not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of a page, one line per block (title, headings, paragraphs, list items)."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_to_text(text: str) -> str:
    """Markdown without its markup: headings, emphasis, links, images, list and quote markers, fences."""
    out = []
    for line in text.split("\n"):
        if _MD_FENCE.match(line):
            continue
        line = _MD_IMAGE.sub(r"\1", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_HEADING.sub(r"\1", line)
        line = _MD_QUOTE.sub("", line)
        line = _MD_LIST.sub("", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out)


def plain_text(text: str, suffix: str) -> tuple[str, str | None]:
    """(text, the markup it was converted from, or None)."""
    if looks_like_html(text):
        return html_to_text(text), "html"
    if suffix.lower() in MARKDOWN_SUFFIXES:
        return markdown_to_text(text), "markdown"
    return text, None
