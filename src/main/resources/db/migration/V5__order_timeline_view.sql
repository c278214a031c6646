CREATE TABLE order_timeline_view (
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
