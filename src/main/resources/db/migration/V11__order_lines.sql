-- The order lines of each product, written in the transaction of the command that allocates or frees them: a product
-- keeps only its batches' totals in memory and asks here for an order's line (OrderLineRecords). A row is one
-- allocation, keyed by the sequence number of its Allocated event in the product, so that allocating a line that was
-- freed again adds a row; freed_as is the sequence number of its Deallocated event.
CREATE TABLE order_line (
    sku          VARCHAR(100) NOT NULL,
    orderid      VARCHAR(100) NOT NULL,
    allocated_as BIGINT       NOT NULL,
    batchref     VARCHAR(100) NOT NULL,
    qty          INT          NOT NULL,
    freed_as     BIGINT,
    PRIMARY KEY (sku, orderid, allocated_as)
);
-- a batch's lines, most recently allocated first, for a reduced batch
CREATE INDEX order_line_of_batch ON order_line (sku, batchref, allocated_as);
-- the products whose lines the table holds; a product not listed has its lines filled in from its events first
CREATE TABLE order_lines_recorded (
    sku VARCHAR(100) NOT NULL PRIMARY KEY
);
