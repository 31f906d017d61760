/// The SQL the server runs for one claim + sign cycle (Worklist.claimNext, Worklist.sign and the routing
/// recompute inside it), as a pgbench script: the reference the HTTP path is compared with. Radiologist ids
/// come from pgbench's `:client_id` offset by `:base`. The reading number is the claim's, as in the server: a study
/// an earlier HTTP phase left waiting for a second reading gets reading 2, not a duplicate reading 1.
enum ClaimSignScript {
    static let text = #"""
    \set rad :base + :client_id
    WITH candidate AS (
        SELECT w.study_id FROM worklist_items w
         WHERE w.done_at IS NULL AND (w.claimed_by IS NULL OR w.claim_expires_at < now())
           AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.study_id = w.study_id AND r.radiologist_id = :rad)
         ORDER BY w.tier, w.due_at, w.arrival_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    , claimed AS (
        UPDATE worklist_items w SET claimed_by = :rad, claim_token = gen_random_uuid(),
               claim_expires_at = now() + 600 * interval '1 second'
          FROM candidate WHERE w.study_id = candidate.study_id
        RETURNING w.study_id, w.readings_signed + 1 AS reading_number, w.claim_token, w.claim_expires_at)
    , audit AS (
        INSERT INTO audit_events (actor_user_id, actor, action, entity, entity_id, after)
        SELECT :rad, 'radiologist', 'worklist.claim', 'study', study_id::text, jsonb_build_object('reading_number', reading_number)
          FROM claimed)
    SELECT study_id AS sid, claim_token AS token, reading_number AS rn FROM claimed \gset
    SELECT public_id FROM studies WHERE id = :sid;
    BEGIN;
    SELECT study_id, readings_signed, readings_required FROM worklist_items
     WHERE claim_token = :token AND claimed_by = :rad AND claim_expires_at >= now() AND study_id = :sid FOR UPDATE;
    INSERT INTO readings (study_id, reading_number, radiologist_id, category, findings) VALUES (:sid, :rn, :rad, 2, 'benchmark') RETURNING id;
    SELECT category, reading_number FROM readings WHERE study_id = :sid ORDER BY reading_number DESC LIMIT 1;
    SELECT category, involvement_percent FROM estimates WHERE study_id = :sid ORDER BY version DESC LIMIT 1;
    SELECT temperature_c, respiratory_rate, spo2_percent, pao2_fio2, shock, multiple_organ_failure, respiratory_failure, typical_clinic
      FROM vitals WHERE study_id = :sid ORDER BY entered_at DESC, id DESC LIMIT 1;
    SELECT e.involvement_percent FROM studies s
      JOIN LATERAL (SELECT involvement_percent FROM estimates WHERE study_id = s.id ORDER BY version DESC LIMIT 1) e ON true
     WHERE s.patient_id = (SELECT patient_id FROM studies WHERE id = :sid) AND s.id <> :sid
       AND s.received_at < (SELECT received_at FROM studies WHERE id = :sid) AND e.involvement_percent IS NOT NULL
     ORDER BY s.received_at DESC LIMIT 1;
    INSERT INTO routing_decisions (study_id, category_source, category, severity, tier, emergency, decision, trace)
    VALUES (:sid, 'reading', 2, 'moderate', 3, false, 'benchmark route', '["benchmark"]');
    SELECT s.public_id, s.patient_id, s.setting, s.received_at, s.status, c.code
      FROM studies s JOIN clinics c ON c.id = s.clinic_id WHERE s.id = :sid FOR UPDATE OF s;
    SELECT to_jsonb(flags), jsonb_array_length(key_images) FROM estimates WHERE study_id = :sid ORDER BY version DESC LIMIT 1;
    INSERT INTO worklist_items (study_id, tier, due_at, arrival_at, readings_required, public_id, clinic_code, status,
                                category, category_source, involvement_percent, flags, emergency, key_image_count)
    VALUES (:sid, 3, now(), now(), 1, gen_random_uuid(), 'BENCH', 'read', 2, 'reading', 43,
            ARRAY(SELECT jsonb_array_elements_text('[]'::jsonb)), false, 0)
    ON CONFLICT (study_id) DO UPDATE SET tier = EXCLUDED.tier, due_at = EXCLUDED.due_at,
        readings_required = greatest(worklist_items.readings_required, EXCLUDED.readings_required),
        status = EXCLUDED.status, category = EXCLUDED.category, category_source = EXCLUDED.category_source,
        involvement_percent = EXCLUDED.involvement_percent, flags = EXCLUDED.flags, emergency = EXCLUDED.emergency,
        key_image_count = EXCLUDED.key_image_count;
    SELECT readings_required, tier FROM worklist_items WHERE study_id = :sid;
    UPDATE worklist_items SET readings_signed = :rn, readings_required = :rn, status = 'final', claimed_by = NULL, claim_token = NULL,
           claim_expires_at = NULL, done_at = now() WHERE study_id = :sid;
    UPDATE studies SET status = 'final', first_read_at = now(), finalised_at = now() WHERE id = :sid
    RETURNING extract(epoch FROM now() - received_at)::float8;
    INSERT INTO audit_events (actor_user_id, actor, action, entity, entity_id, after)
    VALUES (:rad, 'radiologist', 'reading.sign', 'study', :sid, jsonb_build_object('reading_number', :rn::int, 'category', 2));
    COMMIT;
    """#
}
