CREATE TABLE allocations_view (
    orderid  VARCHAR(100) NOT NULL,
    sku      VARCHAR(100) NOT NULL,
    batchref VARCHAR(100) NOT NULL,
    PRIMARY KEY (orderid, sku)
);
