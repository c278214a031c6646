-- A step of the order timeline is keyed by its order line and its event's position. An event that was committed
-- after a later one comes with the later one's position, which other events hold too: two steps of one order on two
-- products could meet on one key, and the second overwrote the first. Two events of the same line never do: they
-- come from one product, one transaction after the other.
ALTER TABLE order_timeline_view_a DROP PRIMARY KEY;
ALTER TABLE order_timeline_view_a ADD PRIMARY KEY (orderid, sku, position);
ALTER TABLE order_timeline_view_b DROP PRIMARY KEY;
ALTER TABLE order_timeline_view_b ADD PRIMARY KEY (orderid, sku, position);
