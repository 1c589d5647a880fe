"""An HTML scanner that finds what would run: scripts, handlers and script URLs."""

import html
import re
from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "link", "svg", "math",
                  "form", "frame", "frameset", "applet", "style"}  # fmt: skip
# The admin's own templates carry a <style> block; the public pages carry none.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background",
                  "poster", "srcdoc", "content"}  # fmt: skip
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data:text/html)", re.IGNORECASE)
# The site's own scripts are files on the same origin (/static/..., the admin's /admin/jsi18n/).
OWN = re.compile(r"^/(?!/)")


def _normalised(value: str) -> str:
    # Browsers ignore tabs, newlines and control characters inside a scheme.
    return re.sub(r"[\x00-\x20]", "", html.unescape(value or ""))


class Scanner(HTMLParser):
    # A browser with scripting on reads the content of these as text up to their end tag
    # (html.parser knows only script and style). So "<noscript><p title="</noscript><img
    # onerror=...>">" runs: the </noscript> inside the attribute ends the element there.
    CDATA_CONTENT_ELEMENTS = ("script", "style", "noscript", "xmp", "iframe", "noembed",
                              "noframes", "textarea", "title")  # fmt: skip
    # Inside SVG and MathML (foreign content) those names are ordinary elements whose
    # content is markup: "<svg><style><img onerror=...>" runs.
    FOREIGN = ("svg", "math")

    def __init__(self, allow_own_head: bool = True, allow_style: bool = False):
        super().__init__(convert_charrefs=True)
        self.allow_own_head = allow_own_head
        self.allow_style = allow_style
        self.problems: list[str] = []
        self.foreign = 0

    def set_cdata_mode(self, *args, **kwargs):
        if not self.foreign:
            super().set_cdata_mode(*args, **kwargs)

    def handle_endtag(self, tag):
        if tag in self.FOREIGN and self.foreign:
            self.foreign -= 1

    def handle_starttag(self, tag, attrs):
        if tag in self.FOREIGN:
            self.foreign += 1
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        attributes = dict(attrs)
        if tag in DANGEROUS_TAGS and not self._own(tag, attributes):
            self.problems.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> {name}={value!r}")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(_normalised(value)):
                self.problems.append(f"<{tag}> {name}={value!r}")
            if name == "style" and re.search(
                r"expression\(|javascript:", _normalised(value), re.I
            ):
                self.problems.append(f"<{tag}> style={value!r}")

    def _own(self, tag, attributes) -> bool:
        """Our templates load static scripts and styles and carry a few meta and link tags."""
        if not self.allow_own_head:
            return False
        if tag == "script":
            return bool(OWN.match(attributes.get("src") or "")) and not attributes.get(
                "srcdoc"
            )
        if tag == "link":
            href = attributes.get("href") or ""
            return not BAD_SCHEME.match(_normalised(href))
        if tag == "meta":
            return "http-equiv" not in attributes
        if tag == "style":
            return self.allow_style
        if tag == "svg":
            # The server draws SVG pictures (the layers, score bars); they carry no handlers.
            return True
        if tag == "form":
            return not BAD_SCHEME.match(_normalised(attributes.get("action") or ""))
        return False


def dangers(
    markup: str, *, allow_own_head: bool = True, allow_style: bool = False
) -> list[str]:
    scanner = Scanner(allow_own_head=allow_own_head, allow_style=allow_style)
    scanner.feed(markup)
    scanner.close()
    return scanner.problems
