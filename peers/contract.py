"""What the three peers share: the contract's SQL, its error texts, its input rules and its page.

The SQL is a copy of shared-sql's dev.webbench.sql.Query (PostgreSQL's $n form); the bench's
PeerSqlTest fails when the two drift apart. The page is read from shared-sql itself, not copied.
"""
import datetime
import json
import os
import re
from pathlib import Path

LIST_BRANDS = "SELECT brand_id, brand_name FROM brand ORDER BY brand_id"
PRODUCT_BY_ID = "SELECT product_id, product_name, brand_id FROM product WHERE product_id = $1"
INSERT_PRODUCT = "INSERT INTO product (product_name, brand_id) VALUES ($1, $2) RETURNING product_id, product_name, brand_id"

MAX_BODY_BYTES = 64 * 1024
NOT_FOUND = "not found"
PRODUCT_NOT_FOUND = "product not found"
METHOD_NOT_ALLOWED = "method not allowed"
BODY_TOO_LARGE = f"request body exceeds {MAX_BODY_BYTES} bytes"
INVALID_JSON = "body is not valid JSON"
UNKNOWN_BRAND = "brand_id does not exist"
INVALID_PRODUCT_ID = "product id must be a base-10 32-bit integer"
DATABASE_UNAVAILABLE = "database unavailable"
INTERNAL_ERROR = "internal server error"
FOREIGN_KEY_VIOLATION = "23503"

PAGE = (Path(__file__).resolve().parent.parent / "shared-sql/src/main/resources/contract/index.html").read_bytes()
PAGE_CONTENT_TYPE = "text/html; charset=utf-8"

_INT32 = re.compile(r"-?[0-9]+", re.ASCII)


class InvalidInput(ValueError):
    """A request the contract answers with 400; its text is the error message."""


def db_settings():
    """libpq's PG* variables with libpq's defaults, and DB_TIMEOUT_MS in seconds."""
    user = os.environ.get("PGUSER") or os.environ.get("USER", "postgres")
    return dict(host=os.environ.get("PGHOST", "localhost"), port=int(os.environ.get("PGPORT", "5432")),
                database=os.environ.get("PGDATABASE") or user, user=user,
                password=os.environ.get("PGPASSWORD", "")), int(os.environ.get("DB_TIMEOUT_MS", "2000")) / 1000


def port():
    return int(os.environ.get("PORT", "8080"))


def now():
    moment = datetime.datetime.now()
    return {"month": moment.month, "day": moment.day, "time": moment.strftime("%H:%M:%S.%f")}


def product_id(text):
    """The {id} of /products/{id}: ASCII digits with an optional '-', within int32 (str.isdigit takes other scripts' digits)."""
    if not _INT32.fullmatch(text):
        raise InvalidInput(INVALID_PRODUCT_ID)
    value = int(text)
    if not -2**31 <= value < 2**31:
        raise InvalidInput(INVALID_PRODUCT_ID)
    return value


def new_product(body):
    """(product_name, brand_id) from a POST /product body, with shared-sql's NewProduct rules and words."""
    if not body:
        raise InvalidInput(INVALID_JSON)
    try:
        # Decoded as UTF-8 first: json.loads(bytes) would also guess UTF-16 and UTF-32.
        parsed = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise InvalidInput(INVALID_JSON) from None
    if not isinstance(parsed, dict):
        raise InvalidInput("body must be a JSON object")
    name = parsed.get("product_name")
    if not isinstance(name, str):
        raise InvalidInput("product_name must be a string" if "product_name" in parsed else "product_name is required")
    if not name.strip():
        raise InvalidInput("product_name must not be blank")
    if "\0" in name:
        raise InvalidInput("product_name must not contain NUL characters")
    brand = parsed.get("brand_id")
    # bool is an int in Python, and true is no brand id.
    if brand is None or isinstance(brand, bool) or not isinstance(brand, int):
        raise InvalidInput("brand_id is required" if "brand_id" not in parsed else "brand_id must be an integer")
    if not -2**31 <= brand < 2**31:
        raise InvalidInput("brand_id is out of range")
    return name, brand


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def product(row):
    return {"product_id": row[0], "product_name": row[1], "brand_id": row[2]}
