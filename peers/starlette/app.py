"""The document's Starlette app: routes, an asyncpg pool (min_size = max_size = 6), the WebSocketEndpoint
counter with its _send_count and its page; run under uvicorn with uvloop and httptools (wsproto for the WebSocket: Debian's uvicorn
has no "websockets" package beside it):

    /usr/bin/python3 peers/starlette/app.py      (reads PORT and the PG* variables)
"""
import asyncio
import sys
from pathlib import Path

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.endpoints import WebSocketEndpoint
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute

sys.path.append(str(Path(__file__).resolve().parent.parent))  # appended, so that "starlette" stays the library
import contract  # noqa: E402

settings, timeout = contract.db_settings()
pool = None
UNAVAILABLE = (asyncio.TimeoutError, OSError, asyncpg.InterfaceError, asyncpg.PostgresConnectionError,
               asyncpg.OperatorInterventionError, asyncpg.InsufficientResourcesError,
               asyncpg.ReadOnlySQLTransactionError)


def error(status, message, headers=None):
    return JSONResponse({"error": message}, status_code=status, headers=headers)


async def time(request):
    return JSONResponse(contract.now())


async def brands(request):
    async with pool.acquire(timeout=timeout) as connection:
        rows = await connection.fetch(contract.LIST_BRANDS, timeout=timeout)
    return JSONResponse([{"brand_id": r["brand_id"], "brand_name": r["brand_name"]} for r in rows])


async def product(request):
    product_id = contract.product_id(request.path_params["id"])
    async with pool.acquire(timeout=timeout) as connection:
        row = await connection.fetchrow(contract.PRODUCT_BY_ID, product_id, timeout=timeout)
    if row is None:
        return error(404, contract.PRODUCT_NOT_FOUND)
    return JSONResponse(contract.product(row))


async def create(request):
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > contract.MAX_BODY_BYTES:
        return error(413, contract.BODY_TOO_LARGE)
    body = bytearray()
    async for chunk in request.stream():  # a chunked body is counted as it comes, never buffered past the limit
        body += chunk
        if len(body) > contract.MAX_BODY_BYTES:
            return error(413, contract.BODY_TOO_LARGE)
    name, brand_id = contract.new_product(bytes(body))
    try:
        async with pool.acquire(timeout=timeout) as connection:
            row = await connection.fetchrow(contract.INSERT_PRODUCT, name, brand_id, timeout=timeout)
    except asyncpg.ForeignKeyViolationError:
        return error(400, contract.UNKNOWN_BRAND)
    created = contract.product(row)
    return JSONResponse(created, status_code=201, headers={"Location": f"/products/{created['product_id']}"})


async def page(request):
    return Response(contract.PAGE, headers={"Content-Type": contract.PAGE_CONTENT_TYPE})


class Counter(WebSocketEndpoint):
    """Sends the number of connected clients to everyone on every connect and disconnect."""
    encoding = "text"
    clients = set()

    async def on_connect(self, websocket):
        await websocket.accept()
        Counter.clients.add(websocket)
        await self._send_count()

    async def on_receive(self, websocket, data):
        pass  # client messages are ignored

    async def on_disconnect(self, websocket, close_code):
        Counter.clients.discard(websocket)
        await self._send_count()

    async def _send_count(self):
        count = str(len(Counter.clients))
        for client in list(Counter.clients):
            try:
                await client.send_text(count)
            except Exception:  # a client gone mid-send is dropped, as the contract asks
                Counter.clients.discard(client)


async def http_error(request, exc):
    """Starlette answers its own 404 and 405 in plain text; the contract wants {"error": ...} with Allow kept."""
    message = {404: contract.NOT_FOUND, 405: contract.METHOD_NOT_ALLOWED}.get(exc.status_code, exc.detail)
    return error(exc.status_code, message, exc.headers)


async def invalid_input(request, exc):
    return error(400, str(exc))


async def unavailable(request, exc):
    return error(503, contract.DATABASE_UNAVAILABLE)


async def open_pool():
    global pool
    pool = await asyncpg.create_pool(**settings, min_size=6, max_size=6, timeout=timeout)


async def close_pool():
    await pool.close()


app = Starlette(
    routes=[
        Route("/time", time, methods=["GET"]),
        Route("/brands", brands, methods=["GET"]),
        Route("/products/{id}", product, methods=["GET"]),
        Route("/product", create, methods=["POST"]),
        Route("/", page, methods=["GET"]),
        WebSocketRoute("/counter", Counter),
    ],
    exception_handlers={HTTPException: http_error, contract.InvalidInput: invalid_input,
                        **{kind: unavailable for kind in UNAVAILABLE}},
    on_startup=[open_pool],
    on_shutdown=[close_pool],
)


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=contract.port(), loop="uvloop", http="httptools", ws="wsproto", access_log=False)
