-- Each read model's tables exist in two generations, a and b: queries and the live processor use the active
-- one while a rebuild fills the other, which then becomes active.
CREATE TABLE read_model_generations (
    read_model VARCHAR(100) NOT NULL PRIMARY KEY,
    active     CHAR(1)      NOT NULL CHECK (active IN ('a', 'b'))
);

ALTER TABLE allocations_view RENAME TO allocations_view_a;
CREATE TABLE allocations_view_b (
    orderid  VARCHAR(100) NOT NULL,
    sku      VARCHAR(100) NOT NULL,
    batchref VARCHAR(100) NOT NULL,
    PRIMARY KEY (orderid, sku)
);

ALTER TABLE product_batches_view RENAME TO product_batches_view_a;
ALTER INDEX ix_product_batches_view_sku RENAME TO ix_product_batches_view_a_sku;
CREATE TABLE product_batches_view_b (
    batchref  VARCHAR(100) NOT NULL PRIMARY KEY,
    sku       VARCHAR(100) NOT NULL,
    eta       DATE,
    purchased INTEGER      NOT NULL,
    allocated INTEGER      NOT NULL,
    added_as  BIGINT       NOT NULL
);
CREATE INDEX ix_product_batches_view_b_sku ON product_batches_view_b (sku);

ALTER TABLE order_timeline_view RENAME TO order_timeline_view_a;
CREATE TABLE order_timeline_view_b (
    orderid        VARCHAR(100) NOT NULL,
    position       BIGINT       NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    sku            VARCHAR(100) NOT NULL,
    what           VARCHAR(20)  NOT NULL,
    batchref       VARCHAR(100),
    qty            INTEGER      NOT NULL,
    username       VARCHAR(100) NOT NULL,
    correlation_id VARCHAR(100),
    PRIMARY KEY (orderid, position)
);
