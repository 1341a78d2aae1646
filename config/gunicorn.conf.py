"""gunicorn for production: `gunicorn -c config/gunicorn.conf.py config.wsgi` (README, "Running in
production"). Every value can be set from the environment.

The access log never holds a query string: the find-support page and the routing API take a family's
postcode, the child's birth date and the parents' concerns (health data about a family) in request
bodies only, but an old link, a bookmark or a careless client can still put them in an address. So
the format uses `%(U)s` (the path alone) and never `%(r)s` (the request line) or `%(q)s` (the query
string); the client address is left out as well.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: one request at a time each; about one per CPU core (two on the reference machine).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# Load the application once, before forking: quicker start, shared memory.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then (a leak cannot grow forever); jitter so they do not restart together.
# Cached pages are answered at thousands a second, so a low number would restart a worker every few
# seconds of a rush, and leave one worker alone while it starts.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10

# "-" is standard output; empty switches the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# X-Forwarded-* are read by Django (TRUSTED_PROXIES, SECURE_PROXY_SSL_HEADER), not by gunicorn.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
