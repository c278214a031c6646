CREATE TABLE product_batches_view (
    batchref  VARCHAR(100) NOT NULL PRIMARY KEY,
    sku       VARCHAR(100) NOT NULL,
    eta       DATE,
    purchased INTEGER      NOT NULL,
    allocated INTEGER      NOT NULL,
    added_as  BIGINT       NOT NULL
);

CREATE INDEX ix_product_batches_view_sku ON product_batches_view (sku);
