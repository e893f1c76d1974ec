"""The document's Flask app, run under gunicorn with a threaded worker pool (gthread) and a psycopg2 pool per worker:

    /usr/bin/python3 -m gunicorn --config peers/flask/gunicorn.conf.py --chdir peers/flask app:app

(gunicorn.conf.py: two workers of three threads, so 2 x 3 = 6 connections, the asyncpg peers' pool size.) No /counter: Flask has
no WebSocket, so the page it serves shows "Connected users: ?" and the bench leaves it out of WebSocket runs.
"""
import re
import sys
import threading
from pathlib import Path

import psycopg2
import psycopg2.errors
import psycopg2.pool
from flask import Flask, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException

sys.path.append(str(Path(__file__).resolve().parent.parent))  # appended, so that "flask" stays the library
import contract  # noqa: E402

THREADS = 3  # gunicorn.conf.py's threads: one connection per thread
settings, timeout = contract.db_settings()


def pyformat(sql):
    """psycopg2 binds %s where PostgreSQL's own form says $n; each $n appears once and in order, as in shared-sql."""
    return re.sub(r"\$\d+", "%s", sql)


LIST_BRANDS, PRODUCT_BY_ID, INSERT_PRODUCT = map(pyformat, (contract.LIST_BRANDS, contract.PRODUCT_BY_ID, contract.INSERT_PRODUCT))
app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = contract.MAX_BODY_BYTES
app.json.sort_keys = False
# One connection per thread, so no thread waits for one; opened on the first request, so a worker starts
# while the database is down. minconn = maxconn: psycopg2 closes, rather than pools, a returned connection
# beyond minconn. statement_timeout bounds a frozen database's statement (DB_TIMEOUT_MS).
pool_lock = threading.Lock()
pool = None


def connections():
    global pool
    with pool_lock:
        if pool is None:
            pool = psycopg2.pool.ThreadedConnectionPool(
                THREADS, THREADS, host=settings["host"], port=settings["port"], dbname=settings["database"],
                user=settings["user"], password=settings["password"], connect_timeout=max(1, round(timeout)),
                options=f"-c statement_timeout={round(timeout * 1000)}")
        return pool


def query(sql, *args):
    """One statement in its own transaction; a connection that failed is closed rather than pooled again."""
    owner = connections()
    connection = owner.getconn()
    broken = True
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(sql, args)
            rows = cursor.fetchall()
        broken = False
        return rows
    except psycopg2.errors.ForeignKeyViolation:
        broken = False
        raise
    finally:
        owner.putconn(connection, close=broken)


def error(status, message, headers=None):
    response = jsonify(error=message)
    response.status_code = status
    response.headers.extend(headers or {})
    return response


@app.errorhandler(HTTPException)
def http_error(exc):
    """werkzeug answers its own 404, 405 and 413 in HTML; the contract wants {"error": ...} with Allow kept."""
    message = {404: contract.NOT_FOUND, 405: contract.METHOD_NOT_ALLOWED, 413: contract.BODY_TOO_LARGE}.get(exc.code, exc.description)
    allow = {k: v for k, v in exc.get_headers() if k == "Allow"}
    return error(exc.code, message, allow)


@app.errorhandler(contract.InvalidInput)
def invalid_input(exc):
    return error(400, str(exc))


@app.errorhandler(psycopg2.OperationalError)
@app.errorhandler(psycopg2.InterfaceError)
@app.errorhandler(psycopg2.pool.PoolError)
def unavailable(exc):
    return error(503, contract.DATABASE_UNAVAILABLE)


@app.get("/time")
def time():
    return jsonify(contract.now())


@app.get("/brands")
def brands():
    return jsonify([{"brand_id": r[0], "brand_name": r[1]} for r in query(LIST_BRANDS)])


@app.get("/products/<raw_id>")
def product(raw_id):
    rows = query(PRODUCT_BY_ID, contract.product_id(raw_id))
    if not rows:
        return error(404, contract.PRODUCT_NOT_FOUND)
    return jsonify(contract.product(rows[0]))


@app.post("/product")
def create():
    # werkzeug enforces MAX_CONTENT_LENGTH only when it parses a form, so the raw body is bounded here;
    # reading one byte past the limit tells a chunked body that is too large from one that fits.
    if (request.content_length or 0) > contract.MAX_BODY_BYTES:
        abort(413)
    body = request.stream.read(contract.MAX_BODY_BYTES + 1)
    if len(body) > contract.MAX_BODY_BYTES:
        abort(413)
    name, brand_id = contract.new_product(body)
    try:
        created = contract.product(query(INSERT_PRODUCT, name, brand_id)[0])
    except psycopg2.errors.ForeignKeyViolation:
        return error(400, contract.UNKNOWN_BRAND)
    response = jsonify(created)
    response.status_code = 201
    response.headers["Location"] = f"/products/{created['product_id']}"
    return response


@app.get("/")
def page():
    return Response(contract.PAGE, content_type=contract.PAGE_CONTENT_TYPE)
