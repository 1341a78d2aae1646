"""The visitor's address as the rate limits and the admin's login lockout see it, also behind a
reverse proxy.

Behind the TLS-terminating proxy of the README every request comes from the proxy's address; the
visitor's address is in `X-Forwarded-For`, to which each proxy appends the address it received the
request from. A visitor can write anything into that header, so it is believed only as far as the
settings say, counting from the right (the hops our own proxies added); whatever a visitor puts in
front of the chain is never used:

- `TRUSTED_PROXIES` (addresses, networks or prefixes, outermost proxy first): the address that
  connects to the app must match the last entry, the hops before it the entries before that, and
  the client is the hop in front of them all;
- else `TRUSTED_PROXY_COUNT` (a number): that many proxies stand in front of the app, and the
  client is the hop in front of them;
- neither (the default): `X-Forwarded-For` is ignored and the socket address (`REMOTE_ADDR`) counts.

A request that does not come through the configured proxies (too few hops, or a connecting address
that is not a trusted proxy) counts under its socket address. python-ipware (django-ipware 8.x's
engine) parses the chain and checks it against the configuration.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core import checks
from python_ipware import IpWare

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


@lru_cache(maxsize=8)
def _resolver(count: int, proxies: tuple[str, ...]) -> IpWare | None:
    """The configured resolver, or None without a proxy. Raises ValueError for a bad configuration."""
    if count < 0:
        raise ValueError("TRUSTED_PROXY_COUNT must be 0 or more.")
    if proxies:
        return IpWare(precedence=(FORWARDED_FOR,), proxy_list=list(proxies))
    if count:
        return IpWare(precedence=(FORWARDED_FOR,), proxy_count=count)
    return None


def resolver() -> IpWare | None:
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    proxies = tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ())
    return _resolver(count, proxies)


def client_address(request) -> str:
    """The visitor's address: from the trusted proxies' chain when configured, else the socket's.

    Empty when the request has no socket address at all."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    ipware = resolver()
    if ipware is None or not remote:
        return remote
    forwarded = request.META.get(FORWARDED_FOR) or ""
    # The connecting address is the last hop of the chain: the proxy that talks to the app.
    chain = f"{forwarded}, {remote}" if forwarded.strip() else remote
    address, trusted = ipware.get_client_ip({FORWARDED_FOR: chain}, strict=False)
    if address is None or not trusted:
        return remote
    return str(address)


def rate_limit_key(address: str) -> str:
    """The bucket of an address: IPv4 as is, IPv6 per network (`RATELIMIT_IPV6_MASK`, default /64),
    because one household's devices get many addresses from one /64 (as django-ratelimit's `ip` key)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        mask = getattr(settings, "RATELIMIT_IPV6_MASK", 64)
        return str(ipaddress.ip_network(f"{ip}/{mask}", strict=False))
    return str(ip)


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs):
    """A proxy setting that python-ipware cannot use must stop the deploy, not weaken the limits."""
    try:
        resolver()
    except (TypeError, ValueError) as error:
        return [
            checks.Error(
                f"TRUSTED_PROXIES / TRUSTED_PROXY_COUNT cannot be used: {error}",
                hint="TRUSTED_PROXIES takes comma-separated addresses or networks (10.0.0.0/8); "
                "TRUSTED_PROXY_COUNT a number of proxies.",
                id="core.E001",
            )
        ]
    return []
