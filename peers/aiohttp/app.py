"""The document's aiohttp app: a RouteTableDef, an asyncpg pool opened on startup (min_size = max_size = 6), web.run_app.

Run: /usr/bin/python3 peers/aiohttp/app.py (reads PORT and the PG* variables).
"""
import asyncio
import sys
from pathlib import Path

import asyncpg
from aiohttp import web

sys.path.append(str(Path(__file__).resolve().parent.parent))  # appended, so that "aiohttp" stays the library
import contract  # noqa: E402

routes = web.RouteTableDef()
settings, timeout = contract.db_settings()
# What the database's state, not the request, is to blame for: answered 503 within DB_TIMEOUT_MS.
UNAVAILABLE = (asyncio.TimeoutError, OSError, asyncpg.InterfaceError, asyncpg.PostgresConnectionError,
               asyncpg.OperatorInterventionError, asyncpg.InsufficientResourcesError,
               asyncpg.ReadOnlySQLTransactionError)


def error(status, message, headers=None):
    return web.json_response({"error": message}, status=status, headers=headers)


@web.middleware
async def json_errors(request, handler):
    """aiohttp answers its own 404, 405 and 413 in plain text; the contract wants {"error": ...} everywhere."""
    try:
        return await handler(request)
    except contract.InvalidInput as e:
        return error(400, str(e))
    except web.HTTPRequestEntityTooLarge:
        return error(413, contract.BODY_TOO_LARGE)
    except web.HTTPMethodNotAllowed as e:
        return error(405, contract.METHOD_NOT_ALLOWED, {"Allow": e.headers["Allow"]})
    except web.HTTPNotFound:
        return error(404, contract.NOT_FOUND)
    except UNAVAILABLE:
        return error(503, contract.DATABASE_UNAVAILABLE)


@routes.get("/time")
async def time(request):
    return web.json_response(contract.now())


@routes.get("/brands")
async def brands(request):
    async with request.app["pool"].acquire(timeout=timeout) as connection:
        rows = await connection.fetch(contract.LIST_BRANDS, timeout=timeout)
    return web.json_response([{"brand_id": r["brand_id"], "brand_name": r["brand_name"]} for r in rows])


@routes.get("/products/{id}")
async def product(request):
    product_id = contract.product_id(request.match_info["id"])
    async with request.app["pool"].acquire(timeout=timeout) as connection:
        row = await connection.fetchrow(contract.PRODUCT_BY_ID, product_id, timeout=timeout)
    if row is None:
        return error(404, contract.PRODUCT_NOT_FOUND)
    return web.json_response(contract.product(row))


@routes.post("/product")
async def create(request):
    name, brand_id = contract.new_product(await request.read())
    try:
        async with request.app["pool"].acquire(timeout=timeout) as connection:
            row = await connection.fetchrow(contract.INSERT_PRODUCT, name, brand_id, timeout=timeout)
    except asyncpg.ForeignKeyViolationError:
        return error(400, contract.UNKNOWN_BRAND)
    created = contract.product(row)
    return web.json_response(created, status=201, headers={"Location": f"/products/{created['product_id']}"})


@routes.get("/")
async def page(request):
    return web.Response(body=contract.PAGE, headers={"Content-Type": contract.PAGE_CONTENT_TYPE})


@routes.get("/counter")
async def counter(request):
    """The Starlette counter's behaviour on aiohttp's WebSocketResponse: every connect and disconnect sends the count."""
    socket = web.WebSocketResponse()
    await socket.prepare(request)
    clients = request.app["clients"]
    clients.add(socket)
    await send_count(clients)
    try:
        async for _ in socket:
            pass  # client messages are ignored
    finally:
        clients.discard(socket)
        await send_count(clients)
    return socket


async def send_count(clients):
    count = str(len(clients))
    for client in list(clients):
        try:
            await client.send_str(count)
        except (ConnectionError, RuntimeError):
            clients.discard(client)


async def open_pool(app):
    app["pool"] = await asyncpg.create_pool(**settings, min_size=6, max_size=6, timeout=timeout)


async def close_pool(app):
    for client in list(app["clients"]):
        await client.close(code=1001, message=b"server shutting down")
    await app["pool"].close()


def make_app():
    # One byte over the contract's limit: aiohttp refuses a body whose size reaches client_max_size.
    app = web.Application(middlewares=[json_errors], client_max_size=contract.MAX_BODY_BYTES + 1)
    app["clients"] = set()
    app.add_routes(routes)
    app.on_startup.append(open_pool)
    app.on_shutdown.append(close_pool)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), host="127.0.0.1", port=contract.port(), access_log=None)
