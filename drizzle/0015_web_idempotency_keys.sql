-- Idempotency-Keys of POST /api/reports are stored as "web:<key>", as Open311's are stored as
-- "open311:<api key id>:<key>": a key sent to one API can no longer claim one of the other's.
UPDATE "reports" SET "idempotency_key" = 'web:' || "idempotency_key" WHERE "idempotency_key" IS NOT NULL AND "source" <> 'open311';
