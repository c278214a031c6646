-- Idempotency-Key of command requests, per user, with the fingerprint of the request and its first answer.
CREATE TABLE idempotency_keys (
    username     VARCHAR(100)  NOT NULL,
    idem_key     VARCHAR(255)  NOT NULL,
    fingerprint  CHAR(64)      NOT NULL,
    status       INTEGER,
    content_type VARCHAR(255),
    body         VARBINARY(1000000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (username, idem_key)
);
CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
