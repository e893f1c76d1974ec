-- The products database of the contract (conformance/CONTRACT.md, "Data").
-- Idempotent: provisioning runs it before every seed.
CREATE TABLE IF NOT EXISTS brand (
    brand_id   SERIAL PRIMARY KEY,
    brand_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS product (
    product_id   SERIAL PRIMARY KEY,
    product_name TEXT NOT NULL,
    brand_id     INT NOT NULL REFERENCES brand
);
CREATE TABLE IF NOT EXISTS product_color (
    product_color_id   SERIAL PRIMARY KEY,
    product_color_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS product_size (
    product_size_id   SERIAL PRIMARY KEY,
    product_size_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sku (
    sku_id           SERIAL PRIMARY KEY,
    product_id       INT NOT NULL REFERENCES product,
    product_size_id  INT NOT NULL REFERENCES product_size,
    product_color_id INT NOT NULL REFERENCES product_color
);
-- PostgreSQL does not index referencing columns by itself; without this, deleting a product scans
-- all 100,000 SKUs to check the foreign key (the bench deletes created products between targets).
CREATE INDEX IF NOT EXISTS sku_product_id_idx ON sku (product_id);
