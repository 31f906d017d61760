-- The reading queue as a read model: what the worklist page shows is kept on the queue row itself, written by
-- the same transaction that re-routes the study, so listing a page is one index scan with no joins. At 100 000
-- queued studies the joined listing (study, clinic, latest estimate, latest route) cost about twice the database
-- time per page (pgbench, same machine), which 50 concurrent readers turn straight into latency.

ALTER TABLE worklist_items
    ADD COLUMN public_id uuid,
    ADD COLUMN clinic_code text,
    ADD COLUMN status text,
    ADD COLUMN category smallint CHECK (category BETWEEN 0 AND 4),
    ADD COLUMN category_source text,
    ADD COLUMN involvement_percent double precision,
    ADD COLUMN flags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN emergency boolean NOT NULL DEFAULT false,
    ADD COLUMN key_image_count smallint NOT NULL DEFAULT 0;

UPDATE worklist_items w
   SET public_id = s.public_id, clinic_code = c.code, status = s.status,
       category = r.category, category_source = r.category_source, emergency = coalesce(r.emergency, false),
       involvement_percent = e.involvement_percent, flags = coalesce(e.flags, '{}'),
       key_image_count = coalesce(jsonb_array_length(e.key_images), 0)
  FROM studies s
  JOIN clinics c ON c.id = s.clinic_id
  LEFT JOIN LATERAL (SELECT involvement_percent, flags, key_images FROM estimates
                      WHERE study_id = s.id ORDER BY version DESC LIMIT 1) e ON true
  LEFT JOIN LATERAL (SELECT category, category_source, emergency FROM routing_decisions
                      WHERE study_id = s.id ORDER BY decided_at DESC, id DESC LIMIT 1) r ON true
 WHERE s.id = w.study_id;

ALTER TABLE worklist_items
    ALTER COLUMN public_id SET NOT NULL,
    ALTER COLUMN clinic_code SET NOT NULL,
    ALTER COLUMN status SET NOT NULL;

CREATE INDEX worklist_open_by_clinic ON worklist_items (clinic_code, tier, due_at, arrival_at) WHERE done_at IS NULL;

-- Signing, renewing and releasing find the claim by its lease token.
CREATE UNIQUE INDEX worklist_claim_token ON worklist_items (claim_token) WHERE claim_token IS NOT NULL;
