import type { Knex } from 'knex';

// Timestamps are ISO-8601 UTC strings (varchar 24) so both stores sort and compare them alike.
const ts = (t: Knex.CreateTableBuilder, name: string) => t.string(name, 24);

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('accounts', (t) => {
    t.string('id', 36).primary();
    t.string('username', 64).notNullable().unique();
    t.string('password_hash', 255).notNullable();
    t.string('display_name', 128).notNullable();
    t.string('role', 32).notNullable(); // applicant | unit_reviewer | city_reviewer | province_reviewer | policy_editor | admin
    t.string('org_id', 64).nullable();
    t.string('region_code', 6).nullable();
    t.string('id_number', 18).nullable();
    ts(t, 'created_at').notNullable();
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('token_hash', 64).primary();
    t.string('account_id', 36).notNullable().index();
    ts(t, 'expires_at').notNullable();
    ts(t, 'created_at').notNullable();
  });

  // Registry
  await knex.schema.createTable('organisations', (t) => {
    t.string('id', 64).primary();
    t.string('name', 255).notNullable();
    t.string('region_code', 6).notNullable(); // county/district or city code (GB/T 2260)
    t.string('city_code', 6).notNullable(); // 市(州) code
    t.string('province_code', 6).notNullable();
    t.string('level', 16).nullable(); // province | city | county
    t.string('filing_status', 16).notNullable(); // FILED | APPLIED | SUBMITTED | NONE
    t.string('filing_accepted_date', 10).nullable();
    t.string('filed_date', 10).nullable();
    t.boolean('is_undelegated_provincial_in_chengdu').notNullable().defaultTo(false);
    t.string('recommendation_suspended_until', 10).nullable();
    t.text('occupations').nullable();
  });
  await knex.schema.createTable('persons', (t) => {
    t.string('id_number', 18).primary();
    t.string('name', 64).notNullable();
    t.string('gender', 4).nullable();
    ts(t, 'created_at').notNullable();
  });
  await knex.schema.createTable('cards', (t) => {
    t.increments('id');
    t.string('number', 32).notNullable().unique();
    t.string('person_id_number', 18).notNullable().index();
    t.string('kind', 16).notNullable(); // EXAMINER | SENIOR_EXAMINER | SPECIAL_EXAMINER | SUPERVISOR
    t.string('occupation_code', 32).nullable();
    t.string('occupation_name', 128).nullable();
    t.string('issuer_region_code', 6).notNullable();
    t.string('valid_region_code', 6).notNullable();
    t.string('valid_from', 10).notNullable();
    t.string('valid_to', 10).nullable();
    t.string('status', 16).notNullable(); // ISSUED | COLLECTED | CANCELLED | VOID
    t.string('collection_deadline', 10).nullable();
    t.string('application_id', 36).nullable().unique(); // one card per application: idempotent issue
    t.string('package_hash', 64).nullable();
    ts(t, 'created_at').notNullable();
  });
  await knex.schema.createTable('card_sequences', (t) => {
    t.string('issuer_year', 16).primary(); // e.g. '510100-2026'
    t.integer('next_value').notNullable();
  });
  await knex.schema.createTable('sanctions', (t) => {
    t.increments('id');
    t.string('subject_type', 8).notNullable(); // person | org
    t.string('subject_id', 64).notNullable();
    t.string('kind', 48).notNullable();
    t.string('clause', 16).notNullable();
    t.string('starts_on', 10).notNullable();
    t.string('until', 10).nullable();
    t.boolean('permanent').notNullable().defaultTo(false);
    t.text('reason').notNullable();
    t.string('application_id', 36).nullable();
    t.string('idempotency_key', 128).nullable().unique();
    t.string('package_hash', 64).nullable();
    ts(t, 'created_at').notNullable();
    t.index(['subject_type', 'subject_id']);
  });

  // Packages
  await knex.schema.createTable('package_versions', (t) => {
    t.string('hash', 64).primary();
    t.string('package_id', 128).notNullable().index();
    t.string('region_code', 6).notNullable();
    t.string('procedure', 64).notNullable();
    t.integer('year').notNullable();
    t.string('title', 255).notNullable();
    t.text('manifest', 'longtext').notNullable();
    t.text('files', 'longtext').notNullable();
    t.text('process_keys', 'longtext').notNullable(); // {bpmnProcessId: definitionKey}
    ts(t, 'deployed_at').notNullable();
    t.string('deployed_by', 36).nullable();
  });
  await knex.schema.createTable('package_activations', (t) => {
    t.string('region_code', 6).notNullable();
    t.string('procedure', 64).notNullable();
    t.integer('year').notNullable();
    t.string('package_hash', 64).notNullable();
    ts(t, 'activated_at').notNullable();
    t.string('activated_by', 36).nullable();
    t.primary(['region_code', 'procedure', 'year']);
  });

  // Applications
  await knex.schema.createTable('applications', (t) => {
    t.string('id', 36).primary();
    t.string('package_hash', 64).notNullable().index();
    t.string('package_id', 128).notNullable();
    t.string('applicant_account_id', 36).notNullable().index();
    t.string('applicant_id_number', 18).nullable().index();
    t.string('recommender_org_id', 64).nullable().index();
    t.string('city_code', 6).nullable();
    t.string('status', 24).notNullable();
    t.string('stage', 128).nullable(); // the step the application is at, in Chinese (e.g. 市(州)职鉴中心资格审核)
    t.text('data', 'longtext').notNullable();
    t.text('eligibility', 'longtext').nullable();
    t.text('outcome', 'longtext').nullable();
    t.string('process_instance_key', 64).nullable().index();
    ts(t, 'submitted_at').nullable();
    ts(t, 'created_at').notNullable();
    ts(t, 'updated_at').notNullable();
    t.integer('version').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('attachments', (t) => {
    t.string('id', 36).primary();
    t.string('application_id', 36).notNullable().index();
    t.string('kind', 64).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('mime_type', 128).notNullable();
    t.bigInteger('size').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('storage_key', 255).notNullable();
    t.string('uploaded_by', 36).notNullable();
    ts(t, 'created_at').notNullable();
  });
  // Durable queue of process starts (outbox): a submission commits its row and the start request
  // together; a dispatcher starts the process and retries while the engine is unavailable.
  await knex.schema.createTable('process_start_queue', (t) => {
    t.increments('id');
    t.string('application_id', 36).notNullable().unique();
    t.string('bpmn_process_id', 128).notNullable();
    t.string('package_hash', 64).notNullable();
    t.text('variables', 'longtext').notNullable();
    t.string('state', 16).notNullable(); // PENDING | STARTED
    t.integer('attempts').notNullable().defaultTo(0);
    ts(t, 'next_attempt_at').notNullable();
    t.text('last_error').nullable();
    ts(t, 'created_at').notNullable();
    t.index(['state', 'next_attempt_at']);
  });

  // Inbox projection of user tasks. Candidate groups are denormalised into task_candidates so an
  // inbox page is one indexed range scan: (candidate_group, state, id) with keyset paging on id.
  await knex.schema.createTable('tasks', (t) => {
    t.string('id', 64).primary(); // = engine job key
    t.string('process_instance_key', 64).notNullable().index();
    t.string('application_id', 36).nullable().index();
    t.string('element_id', 128).notNullable();
    t.string('name', 255).notNullable();
    t.string('form_key', 128).nullable();
    t.string('state', 16).notNullable(); // OPEN | CLAIMED | COMPLETED | CANCELLED
    t.string('assignee', 36).nullable().index();
    t.text('candidate_groups').notNullable();
    ts(t, 'due_at').nullable();
    t.string('city_code', 6).nullable();
    t.text('context', 'longtext').nullable();
    t.string('decision', 16).nullable();
    t.text('opinion').nullable();
    t.string('completed_by', 36).nullable();
    ts(t, 'created_at').notNullable();
    ts(t, 'completed_at').nullable();
  });
  await knex.schema.createTable('task_candidates', (t) => {
    t.string('candidate_group', 64).notNullable();
    t.string('state', 16).notNullable();
    t.string('task_id', 64).notNullable();
    t.primary(['candidate_group', 'state', 'task_id']);
    t.index(['task_id']);
  });

  // Embedded engine
  await knex.schema.createTable('engine_definitions', (t) => {
    t.string('key', 64).primary();
    t.string('bpmn_process_id', 128).notNullable();
    t.integer('version').notNullable();
    t.string('resource_name', 255).notNullable();
    t.string('checksum', 64).notNullable();
    t.text('xml', 'longtext').notNullable();
    ts(t, 'created_at').notNullable();
    t.unique(['bpmn_process_id', 'version']);
  });
  await knex.schema.createTable('engine_instances', (t) => {
    t.string('key', 64).primary();
    t.string('definition_key', 64).notNullable();
    t.string('bpmn_process_id', 128).notNullable();
    t.string('parent_key', 64).nullable().index();
    t.string('parent_execution_id', 128).nullable();
    t.string('status', 16).notNullable(); // ACTIVE | COMPLETED | TERMINATED
    t.text('state', 'longtext').nullable();
    t.text('variables', 'longtext').notNullable();
    t.text('trail', 'longtext').notNullable(); // completed element ids, in order
    t.integer('version').notNullable().defaultTo(0);
    ts(t, 'created_at').notNullable();
    ts(t, 'updated_at').notNullable();
  });
  await knex.schema.createTable('engine_jobs', (t) => {
    t.string('key', 64).primary();
    t.string('instance_key', 64).notNullable().index();
    t.string('execution_id', 128).notNullable();
    t.string('element_id', 128).notNullable();
    t.string('type', 128).notNullable();
    t.integer('retries').notNullable();
    t.string('state', 16).notNullable(); // ACTIVATABLE | ACTIVATED | INCIDENT | COMPLETED | CANCELLED
    t.string('worker', 128).nullable();
    ts(t, 'deadline').nullable();
    ts(t, 'not_before').nullable();
    t.text('custom_headers', 'longtext').notNullable();
    t.text('variables', 'longtext').notNullable();
    t.text('error_message').nullable();
    ts(t, 'created_at').notNullable();
    t.unique(['instance_key', 'execution_id']);
    t.index(['type', 'state', 'not_before']);
  });
  await knex.schema.createTable('engine_timers', (t) => {
    t.increments('id');
    t.string('instance_key', 64).notNullable().index();
    t.string('execution_id', 128).notNullable();
    t.string('element_id', 128).notNullable();
    ts(t, 'due_at').notNullable().index();
  });
  await knex.schema.createTable('engine_message_subscriptions', (t) => {
    t.increments('id');
    t.string('instance_key', 64).notNullable().index();
    t.string('execution_id', 128).notNullable();
    t.string('element_id', 128).notNullable();
    t.string('message_ref', 128).notNullable();
    t.string('message_name', 128).notNullable();
    t.string('correlation_key', 255).notNullable();
    t.index(['message_name', 'correlation_key']);
  });
  await knex.schema.createTable('engine_messages', (t) => {
    t.increments('id');
    t.string('name', 128).notNullable();
    t.string('correlation_key', 255).notNullable();
    t.text('variables', 'longtext').notNullable();
    ts(t, 'expires_at').notNullable();
    t.index(['name', 'correlation_key']);
  });
  await knex.schema.createTable('engine_incidents', (t) => {
    t.string('key', 64).primary();
    t.string('instance_key', 64).notNullable().index();
    t.string('job_key', 64).nullable();
    t.string('element_id', 128).notNullable();
    t.string('error_type', 48).notNullable();
    t.text('message').notNullable();
    t.string('state', 16).notNullable(); // OPEN | RESOLVED
    ts(t, 'created_at').notNullable();
    ts(t, 'resolved_at').nullable();
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    ts(t, 'at').notNullable();
    t.string('actor_id', 36).nullable();
    t.string('actor_role', 32).nullable();
    t.string('action', 64).notNullable();
    t.string('entity_type', 32).notNullable();
    t.string('entity_id', 64).notNullable();
    t.string('application_id', 36).nullable().index();
    t.text('detail', 'longtext').nullable();
    t.string('idempotency_key', 128).nullable().unique();
  });
  await knex.schema.createTable('calendar_overrides', (t) => {
    t.string('date', 10).primary();
    t.boolean('working').notNullable();
    t.string('note', 255).nullable();
    t.string('created_by', 36).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'calendar_overrides', 'audit_log', 'engine_incidents', 'engine_messages', 'engine_message_subscriptions',
    'engine_timers', 'engine_jobs', 'engine_instances', 'engine_definitions', 'task_candidates', 'tasks',
    'process_start_queue', 'attachments', 'applications', 'package_activations', 'package_versions',
    'sanctions', 'card_sequences', 'cards', 'persons', 'organisations', 'sessions', 'accounts',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
