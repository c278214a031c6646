-- No query looks an event up by its identifier, and an event appended twice already collides on its aggregate and
-- sequence number (Axon stores an event without an aggregate under its identifier, at sequence 0). The unique index
-- on the identifier cost every append a write to a random leaf of an index that grows with the store.
ALTER TABLE DomainEventEntry DROP CONSTRAINT uk_domain_event_identifier;
