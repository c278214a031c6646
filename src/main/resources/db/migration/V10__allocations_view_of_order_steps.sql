-- The allocations view (each line's batch) and the order timeline (each line's steps) were two read models keyed
-- by order id, each writing a row for every allocation. The allocations view now keeps the steps and answers both:
-- a line's last step says which batch holds it. Its processor takes over the order timeline's position, rows and
-- parked events; an allocation is stored as 'allocated' whatever came before, the queries tell a reallocation.
CREATE TABLE allocations_view_steps_a (
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
CREATE TABLE allocations_view_steps_b (
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

INSERT INTO allocations_view_steps_a
SELECT orderid, position, occurred_at, sku, CASE what WHEN 'reallocated' THEN 'allocated' ELSE what END,
       batchref, qty, username, correlation_id
FROM order_timeline_view_a
WHERE NOT EXISTS (SELECT 1 FROM read_model_generations WHERE read_model = 'order-timeline-view' AND active = 'b');
INSERT INTO allocations_view_steps_a
SELECT orderid, position, occurred_at, sku, CASE what WHEN 'reallocated' THEN 'allocated' ELSE what END,
       batchref, qty, username, correlation_id
FROM order_timeline_view_b
WHERE EXISTS (SELECT 1 FROM read_model_generations WHERE read_model = 'order-timeline-view' AND active = 'b');

DROP TABLE allocations_view_a;
DROP TABLE allocations_view_b;
DROP TABLE order_timeline_view_a;
DROP TABLE order_timeline_view_b;
ALTER TABLE allocations_view_steps_a RENAME TO allocations_view_a;
ALTER TABLE allocations_view_steps_b RENAME TO allocations_view_b;
DELETE FROM read_model_generations WHERE read_model IN ('allocations-view', 'order-timeline-view');

-- The rows are the order timeline's, so its position and its parked events (the steps missing from them) go with
-- them; the allocations view's parked events are steps the order timeline has.
DELETE FROM TokenEntry WHERE processorName = 'allocations-view';
UPDATE TokenEntry SET processorName = 'allocations-view' WHERE processorName = 'order-timeline-view';
DELETE FROM DeadLetterEntry WHERE processingGroup = 'allocations-view';
UPDATE DeadLetterEntry SET processingGroup = 'allocations-view' WHERE processingGroup = 'order-timeline-view';
