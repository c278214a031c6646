-- Command-side lookup batch reference -> SKU, written in the same transaction as BatchCreated.
CREATE TABLE batch_directory (
    batchref VARCHAR(100) NOT NULL PRIMARY KEY,
    sku      VARCHAR(100) NOT NULL
);
