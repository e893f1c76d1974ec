"""gunicorn's settings for the Flask peer: a threaded worker pool (gthread) on 127.0.0.1:$PORT.

Two workers of three threads: one connection per thread gives 2 x 3 = 6 database connections, the asyncpg
peers' pool size; two processes, because one Python process runs one core at a time (the GIL).
"""
import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8080')}"
worker_class = "gthread"
workers = 2
threads = 3
accesslog = None
