"""What a published site tells search engines, and the HTTP headers a static host should send.

docs/publiceren.md shows these headers as web server configuration; a test
checks that it shows every one, and the browser tests serve the site with them.
"""

from __future__ import annotations

# May search engines list the meldcode? `stichting.zoekmachines` in _stichting.yaml; default no.
# "noindex" works only on pages a crawler may fetch, so robots.txt never forbids crawling.
NOINDEX = "noindex, nofollow"
ROBOTS_META = f'<meta name="robots" content="{NOINDEX}">'

# Material's theme has small inline scripts (its configuration, colour scheme) and sets
# inline styles from JavaScript: hence 'unsafe-inline'. Everything else comes from the site itself.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000",
}


def robots_txt(vindbaar: bool) -> str:
    """Return the site's robots.txt for the stichting's choice."""
    if vindbaar:
        return "# De stichting staat toe dat zoekmachines deze meldcode opnemen.\nUser-agent: *\nDisallow:\n"
    return (
        "# Deze meldcode hoort niet in zoekmachines: elke pagina vraagt dat met\n"
        f'# <meta name="robots" content="{NOINDEX}">. Lezen blijft toegestaan,\n'
        "# anders zien zoekmachines die vraag niet.\n"
        "User-agent: *\nDisallow:\n"
    )


def add_robots_meta(html: str) -> str:
    """Return the page with the noindex meta tag at the start of its head."""
    return html.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{ROBOTS_META}', 1)
