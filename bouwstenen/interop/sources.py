"""Read what an import or harvest starts from: files, folders of files, http(s) URLs.

Every read is capped in size; downloads also in time (per read and in total), and URLs
typed in by users may not point into the server's own network (no requests to internal
services on someone else's behalf). Failures come back as ``SourceError`` with a Dutch
message, so one bad source never stops a batch.
"""

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bouwstenen.interop import limits

PUBLICCODE_SUFFIXES = (".yml", ".yaml")
USER_AGENT = "Bouwstenenregister (+https://github.com/bouwstenenregister)"


class SourceError(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Source:
    """One file to import: its name for the report, and its bytes or why there are none."""

    naam: str
    inhoud: bytes | None = None
    fout: str | None = None
    url: str = ""


def is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def _too_large(limit: int) -> SourceError:
    return SourceError(
        f"Het bestand is groter dan {limit // 1024} KiB; zo groot is een "
        "publiccode.yml nooit."
        if limit == limits.MAX_FILE_BYTES
        else f"Het antwoord is groter dan {limit // 1024} KiB."
    )


def read_file(path: Path, *, limit: int = limits.MAX_FILE_BYTES) -> bytes:
    try:
        if path.stat().st_size > limit:
            raise _too_large(limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise SourceError(
            f"Kan het bestand niet lezen: {exc.strerror or exc}."
        ) from None
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _check_public_host(url: str) -> None:
    """Refuse a URL whose host resolves to a private, loopback or link-local address."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        raise SourceError(f"De server {host!r} is niet gevonden.") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise SourceError(
                f"De URL wijst naar een intern adres ({address}); dat haalt het "
                "register niet op."
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) and (when asked) only to public addresses."""

    def __init__(self, public_only: bool):
        self.public_only = public_only

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise SourceError(f"Doorverwijzing naar een niet-http-adres: {newurl}.")
        if self.public_only:
            _check_public_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(
    url: str,
    *,
    limit: int = limits.MAX_FILE_BYTES,
    public_only: bool = False,
    accept: str = "application/yaml, text/yaml, text/plain, */*;q=0.5",
) -> bytes:
    """The body of ``url`` (at most ``limit`` bytes, within the deadline), or SourceError."""
    if not is_url(url):
        raise SourceError(f"Geen http(s)-URL: {url}.")
    if public_only:
        _check_public_host(url)
    opener = urllib.request.build_opener(_CheckedRedirects(public_only))
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, headers={"User-Agent": USER_AGENT, "Accept": accept}
    )
    deadline = time.monotonic() + limits.FETCH_DEADLINE
    try:
        with opener.open(request, timeout=limits.FETCH_TIMEOUT) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise _too_large(limit)
            chunks, size = [], 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                if time.monotonic() > deadline:
                    raise SourceError(
                        f"Het ophalen duurde langer dan {limits.FETCH_DEADLINE} seconden."
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except SourceError:
        raise
    except urllib.error.HTTPError as exc:
        raise SourceError(f"De server antwoordde met HTTP {exc.code}.") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, SourceError):
            raise reason from None
        if isinstance(reason, TimeoutError | socket.timeout):
            raise SourceError(
                f"Geen antwoord binnen {limits.FETCH_TIMEOUT} seconden."
            ) from None
        raise SourceError(f"Niet bereikbaar: {reason}.") from None
    except TimeoutError:
        raise SourceError(
            f"Geen antwoord binnen {limits.FETCH_TIMEOUT} seconden."
        ) from None
    except OSError as exc:
        raise SourceError(f"Niet bereikbaar: {exc}.") from None


@dataclass
class Target:
    """Where one file comes from: a path or a URL (or why it cannot be read)."""

    naam: str
    path: Path | None = None
    url: str = ""
    fout: str | None = None


def expand(targets: list[str]) -> list[Target]:
    """Each URL, each file, and the .yml/.yaml files in each folder (in name order)."""
    expanded = []
    for target in targets:
        if is_url(target):
            expanded.append(Target(target, url=target))
            continue
        path = Path(target)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in PUBLICCODE_SUFFIXES
            )
            if not files:
                expanded.append(
                    Target(target, fout="De map bevat geen .yml- of .yaml-bestanden.")
                )
            expanded += [Target(str(file), path=file) for file in files]
        elif path.is_file():
            expanded.append(Target(target, path=path))
        else:
            expanded.append(Target(target, fout="Het bestand of de map bestaat niet."))
    return expanded


def load(target: Target, *, public_only: bool = False) -> Source:
    """The bytes of one target, or a Source that says why there are none."""
    if target.fout:
        return Source(target.naam, fout=target.fout, url=target.url)
    try:
        if target.url:
            data = fetch_url(target.url, public_only=public_only)
        else:
            data = read_file(target.path)
    except SourceError as exc:
        return Source(target.naam, fout=exc.message, url=target.url)
    return Source(target.naam, data, url=target.url)


@dataclass
class Probe:
    """What a visit to a link found: whether it works, its HTTP status, and why not."""

    werkt: bool
    status: int | None = None
    fout: str = ""


# Answers that say the page is gone or the server is broken. Others (401, 403, 429:
# the page is there but not for us, or not now) count as working.
BROKEN_STATUS = {404, 410}


def probe_url(url: str, *, public_only: bool = True, timeout: float = 10) -> Probe:
    """Visit ``url`` (following redirects, with the same guard as ``fetch_url`` against
    internal addresses) and read only the status, never the body."""
    if not is_url(url):
        return Probe(False, fout="Geen http(s)-URL.")
    try:
        if public_only:
            _check_public_host(url)
        opener = urllib.request.build_opener(_CheckedRedirects(public_only))
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
        )
        with opener.open(request, timeout=timeout) as response:
            return Probe(True, response.status)
    except SourceError as exc:
        return Probe(False, fout=exc.message)
    except urllib.error.HTTPError as exc:
        broken = exc.code in BROKEN_STATUS or exc.code >= 500
        return Probe(
            not broken,
            exc.code,
            f"De server antwoordde met HTTP {exc.code}." if broken else "",
        )
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, SourceError):
            return Probe(False, fout=reason.message)
        if isinstance(reason, TimeoutError | socket.timeout):
            return Probe(False, fout=f"Geen antwoord binnen {timeout:g} seconden.")
        return Probe(False, fout=f"Niet bereikbaar: {reason}."[:300])
    except TimeoutError:
        return Probe(False, fout=f"Geen antwoord binnen {timeout:g} seconden.")
    except (OSError, http.client.HTTPException) as exc:
        return Probe(False, fout=f"Niet bereikbaar: {exc}."[:300])
